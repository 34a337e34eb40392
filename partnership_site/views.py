from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme

from partnership_site.forms import SignInForm


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
