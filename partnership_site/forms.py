from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from partnership_site.crispy_nhsuk.helper import FormHelper
from partnership_site.crispy_nhsuk.layout import Button, Field, Fluid, Layout
from partnership_site.passwords import PASSWORD_HINT


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter a correct username (or email address) and password. "
            "The password is case-sensitive."
        ),
        "inactive": "This account is inactive. Ask your partnership manager for help.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or email address"
        self.fields["username"].error_messages["required"] = "Enter your username or email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form (it emails only active accounts with that address), worded for
    NHS.UK and laid out with the crispy NHS.UK pack."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "The email address of your account."
        email.error_messages.update(
            {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
            }
        )
        self.helper = FormHelper()
        self.helper.error_summary = False
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field.text(
                "email", field_width=Fluid.TWO_THIRDS, autocomplete="email", spellcheck="false"
            ),
            Button.primary("send", "Send reset link", prevent_double_click=True),
        )


def _password_helper(*fields: str, button: str) -> FormHelper:
    helper = FormHelper()
    helper.error_summary = False  # the page puts it above its <h1>
    helper.form_method = "post"
    helper.attrs = {"novalidate": ""}
    helper.layout = Layout(
        *(Field.text(name, field_width=Fluid.ONE_HALF) for name in fields),
        Button.primary("save", button, prevent_double_click=True),
    )
    return helper


def _word_new_password(form) -> None:
    """Plain NHS.UK wording for Django's two new-password fields: one hint, not a list."""
    form.fields["new_password1"].help_text = PASSWORD_HINT
    form.fields["new_password2"].help_text = ""
    form.fields["new_password1"].label = "New password"
    form.fields["new_password1"].error_messages["required"] = "Enter a new password"
    form.fields["new_password2"].label = "Type the new password again"
    form.fields["new_password2"].error_messages["required"] = "Type the new password again"


class NewPasswordForm(SetPasswordForm):
    """Choose a new password from a reset link."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _word_new_password(self)
        self.helper = _password_helper("new_password1", "new_password2", button="Save new password")


class ChangePasswordForm(PasswordChangeForm):
    """Change the password of the signed-in account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _word_new_password(self)
        self.fields["old_password"].label = "Current password"
        # NHS.UK pages do not move focus on load: people start at the top of the page.
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.helper = _password_helper(
            "old_password", "new_password1", "new_password2", button="Change password"
        )
