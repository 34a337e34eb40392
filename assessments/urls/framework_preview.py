from django.urls import path

from assessments.views import framework_preview as views

urlpatterns = [
    path("frameworks/<int:pk>/preview/", views.preview, name="framework_preview"),
    path(
        "frameworks/<int:pk>/preview/<int:number>/",
        views.preview_section,
        name="framework_preview_section",
    ),
    path("frameworks/<int:pk>/preview/end/", views.preview_end, name="framework_preview_end"),
]
