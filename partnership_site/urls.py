from django.contrib import admin
from django.urls import include, path

from partnership_site import oidc_views, views

urlpatterns = [
    path("", views.start, name="start"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    # Sign in with an NHS account (OpenID Connect); 404 unless it is set up.
    path("sign-in/nhs/", oidc_views.NHSSignInView.as_view(), name="nhs_sign_in"),
    path(
        "sign-in/nhs/callback/",
        oidc_views.NHSSignInCallbackView.as_view(),
        name="nhs_sign_in_callback",
    ),
    path("sign-out/", oidc_views.SignOutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("assessments.urls")),
]
