from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator

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
