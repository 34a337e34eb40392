from django.urls import path

from assessments.views import exports, reports

urlpatterns = [
    path("rounds/<int:pk>/report/", reports.round_report, name="round_report"),
    path("rounds/<int:pk>/report/<slug:slug>/", reports.round_report, name="round_report"),
    path(
        "rounds/<int:pk>/report/<slug:slug>/figures.csv",
        exports.round_report_csv,
        name="round_report_csv",
    ),
    path("rounds/<int:pk>/report-pack.pdf", exports.round_report_pdf, name="round_report_pdf"),
    path("rounds/<int:pk>/workbook.xlsx", exports.round_report_xlsx, name="round_report_xlsx"),
    path("partnerships/<int:pk>/trends.csv", exports.trends_csv, name="trends_csv"),
    path("partnerships/<int:pk>/trends/", reports.trends, name="trends"),
    path("partnerships/<int:pk>/trends/<slug:slug>/", reports.trends, name="trends"),
]
