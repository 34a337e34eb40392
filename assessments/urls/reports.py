from django.urls import path

from assessments.views import reports

urlpatterns = [
    path("rounds/<int:pk>/report/", reports.round_report, name="round_report"),
    path("rounds/<int:pk>/report/<slug:slug>/", reports.round_report, name="round_report"),
    path(
        "rounds/<int:pk>/report/<slug:slug>/figures.csv",
        reports.round_report_csv,
        name="round_report_csv",
    ),
    path("partnerships/<int:pk>/trends/", reports.trends, name="trends"),
    path("partnerships/<int:pk>/trends/<slug:slug>/", reports.trends, name="trends"),
]
