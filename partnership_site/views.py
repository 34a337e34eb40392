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


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: a form was sent without a valid security token, usually from a
    page left open a long time or after signing out in another tab. Nothing was saved; the
    page says so plainly and links back to the same page (a GET, which is always safe).
    The reason is Django's, for developers only: it is not shown."""
    return render(request, "csrf_failure.html", {"back_url": request.get_full_path()}, status=403)
