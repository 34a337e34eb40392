from django.urls import path

from assessments.views import cohorts as views

urlpatterns = [
    path("cohorts/", views.cohort_list, name="cohort_list"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path(
        "cohorts/<int:pk>/partnerships/<int:partnership_pk>/remove/",
        views.cohort_remove,
        name="cohort_remove",
    ),
]
