from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from partnership_site import views

# The admin names the service, not the framework it is built on.
admin.site.site_header = f"{settings.SERVICE_NAME}: administration"
admin.site.site_title = f"{settings.SERVICE_NAME} administration"
admin.site.index_title = "Framework content, partnerships and people"

urlpatterns = [
    path("", views.start, name="start"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("assessments.urls")),
]
