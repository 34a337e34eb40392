from django.urls import path

from assessments.views import actions as views

urlpatterns = [
    path("partnerships/<int:pk>/actions/", views.action_plan, name="action_plan"),
    path("partnerships/<int:pk>/actions/print/", views.action_plan_print, name="action_plan_print"),
    path("partnerships/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path(
        "partnerships/<int:pk>/actions/<int:action_pk>/",
        views.action_detail,
        name="action_detail",
    ),
    path(
        "partnerships/<int:pk>/actions/<int:action_pk>/edit/",
        views.action_edit,
        name="action_edit",
    ),
    path(
        "partnerships/<int:pk>/actions/<int:action_pk>/notes/",
        views.action_note_add,
        name="action_note_add",
    ),
]
