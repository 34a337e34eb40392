from django.urls import include, path

urlpatterns = [
    path("", include("assessments.urls.partnerships")),
    path("", include("assessments.urls.questionnaire")),
    path("", include("assessments.urls.reports")),
    path("", include("assessments.urls.actions")),
    path("", include("assessments.urls.plans")),
    path("", include("assessments.urls.dashboard")),
    path("", include("assessments.urls.cohorts")),
    path("", include("assessments.urls.framework_preview")),
]
