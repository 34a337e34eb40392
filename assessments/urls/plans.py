from django.urls import path

from assessments.views import plans as views

urlpatterns = [
    path("rounds/<int:pk>/report/<slug:slug>/targets/", views.round_targets, name="round_targets"),
    path("rounds/<int:pk>/workshop/<slug:slug>/", views.workshop, name="workshop"),
    path(
        "rounds/<int:pk>/workshop/<slug:slug>/agenda/",
        views.workshop_agenda,
        name="workshop_agenda",
    ),
    path(
        "rounds/<int:pk>/workshop/<slug:slug>/dimensions/<int:dimension_pk>/",
        views.workshop_record,
        name="workshop_record",
    ),
]
