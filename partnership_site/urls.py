from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from partnership_site import oidc_views, views

# The admin names the service, not the framework it is built on.
admin.site.site_header = f"{settings.SERVICE_NAME}: administration"
admin.site.site_title = f"{settings.SERVICE_NAME} administration"
admin.site.index_title = "Framework content, partnerships and people"

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
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "account/password/changed/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("", include("assessments.urls")),
]
