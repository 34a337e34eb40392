from django.urls import path

from assessments.views import dashboard as views
from assessments.views import exports

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/download/", views.dashboard_csv, name="dashboard_csv"),
    path("dashboard/portfolio.csv", exports.portfolio_csv, name="portfolio_csv"),
    path("dashboard/cohorts/<int:pk>/", views.cohort_benchmark, name="cohort_benchmark"),
]
