from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme

from partnership_site.forms import (
    ChangePasswordForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    SignInForm,
)
from partnership_site.landing import landing_url


@login_not_required
def start(request):
    return render(request, "start.html")


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "registration/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # "Sign in with your NHS account" first, when OpenID Connect is set up (ADR 0030).
        return {**super().get_context_data(**kwargs), "nhs_sign_in": settings.OIDC_ENABLED}

    def get_default_redirect_url(self):
        """Without ``next``: facilitators land on the dashboard, everyone else on My
        partnerships."""
        return landing_url(self.request.user)


# Password reset and change: Django's own views (tokens, expiry, one use), NHS.UK templates
# in templates/registration/. The reset page answers the same whether or not an account has
# the address; the email goes only to an account that has it.


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "email/password_reset.txt"
    subject_template_name = "email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {
            "service_name": settings.SERVICE_NAME,
            "site_url": settings.SITE_URL,
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: a form was sent without a valid security token, usually from a
    page left open a long time or after signing out in another tab. Nothing was saved; the
    page says so plainly and links back to the page the form was on (the Referer, if it is
    this service's; else the address the form was sent to, which for questionnaire pages is
    the page itself). The reason is Django's, for developers only: it is not shown."""
    back_url = request.get_full_path()
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        back_url = parts.path + (f"?{parts.query}" if parts.query else "")
    return render(request, "csrf_failure.html", {"back_url": back_url}, status=403)
