"""Sign in with a username or an email address."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    """Django's ModelBackend, also accepting the account's email address (any letter case).

    The username is tried first, exactly as ModelBackend does (usernames may contain "@").
    If no account has that username and the value looks like an email address, the account
    whose email matches case-insensitively is used. If several accounts share that email
    address, sign-in by email is refused: those users must use their username.

    Permissions, `user_can_authenticate` (inactive users) and `get_user` are inherited.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        username = username.strip()

        user = self._find_user(user_model, username)
        if user is None:
            # Run the password hasher once anyway, so the response time doesn't reveal
            # whether an account exists (as ModelBackend does).
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    @staticmethod
    def _find_user(user_model, username):
        try:
            return user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            pass
        email_field = user_model.get_email_field_name()
        if "@" not in username or not email_field:
            return None
        matches = list(
            user_model._default_manager.filter(**{f"{email_field}__iexact": username})[:2]
        )
        return matches[0] if len(matches) == 1 else None


def find_account(username: str):
    """The account a sign-in name (username, or unique email address) refers to, or None."""
    return EmailOrUsernameBackend._find_user(get_user_model(), username.strip())
