from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnership_site import views

urlpatterns = [
    path("", views.start, name="start"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("assessments.urls")),
]
