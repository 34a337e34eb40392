from django.urls import path

from assessments.views import history, invitations, reminders, round_access
from assessments.views import partnerships as views

urlpatterns = [
    path("partnerships/", views.my_partnerships, name="my_partnerships"),
    path("partnerships/new/", views.partnership_create, name="partnership_create"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path("partnerships/<int:pk>/history/", history.partnership_history, name="partnership_history"),
    path("partnerships/<int:pk>/partners/add/", views.partner_add, name="partner_add"),
    path(
        "partnerships/<int:pk>/partners/<int:partner_pk>/edit/",
        views.partner_edit,
        name="partner_edit",
    ),
    path(
        "partnerships/<int:pk>/partners/<int:partner_pk>/remove/",
        views.partner_remove,
        name="partner_remove",
    ),
    path("partnerships/<int:pk>/invite/", invitations.invite_people, name="invite_people"),
    path(
        "partnerships/<int:pk>/invitations/<int:invitation_pk>/resend/",
        invitations.invitation_resend,
        name="membership_invitation_resend",
    ),
    path(
        "partnerships/<int:pk>/invitations/<int:invitation_pk>/withdraw/",
        invitations.invitation_withdraw,
        name="membership_invitation_withdraw",
    ),
    path("join/<slug:token>/", invitations.accept_invitation, name="accept_invitation"),
    path(
        "partnerships/<int:pk>/partners/<int:partner_pk>/archive/",
        views.partner_archive,
        name="partner_archive",
    ),
    path(
        "partnerships/<int:pk>/members/<int:membership_pk>/edit/",
        views.member_edit,
        name="member_edit",
    ),
    path(
        "partnerships/<int:pk>/members/<int:membership_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("partnerships/<int:pk>/rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/delete/", views.round_delete, name="round_delete"),
    path("rounds/<int:pk>/open/", views.round_open, name="round_open"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rounds/<int:pk>/new-link/", views.round_new_link, name="round_new_link"),
    path("rounds/<int:pk>/closing-date/", round_access.round_extend, name="round_extend"),
    path("rounds/<int:pk>/shared-link/", round_access.round_open_link, name="round_open_link"),
    path("rounds/<int:pk>/people/", round_access.round_invitations, name="round_invitations"),
    path(
        "rounds/<int:pk>/people/send/",
        round_access.round_invitations_send,
        name="round_invitations_send",
    ),
    path(
        "rounds/<int:pk>/people/<int:invitation_pk>/send/",
        round_access.invitation_send,
        name="invitation_send",
    ),
    path("rounds/<int:pk>/reminders/", reminders.round_reminders, name="round_reminders"),
    path("rounds/<int:pk>/reminders/send/", reminders.round_remind, name="round_remind"),
    path(
        "rounds/<int:pk>/people/<int:invitation_pk>/withdraw/",
        round_access.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "rounds/<int:pk>/local-questions/",
        views.round_local_questions,
        name="round_local_questions",
    ),
]
