"""Answering questionnaires: with an account (round pages) or as a guest (invitation and
resume links), then the same questionnaire pages for both."""

from django.urls import path

from assessments.views import questionnaire as views

urlpatterns = [
    # Signed-in members.
    path("rounds/<int:pk>/answer/", views.round_answer, name="round_answer"),
    path(
        "rounds/<int:pk>/answer/<int:framework_pk>/start/",
        views.round_start,
        name="round_start",
    ),
    # Guests: the round's invitation link and each response's private resume link. Tokens come
    # from secrets.token_urlsafe, so the slug converter matches exactly their characters.
    path("invitation/<slug:token>/", views.invitation, name="invitation"),
    # The shared link sends personal links: a work address, organisation and role (ADR 0037).
    path("invitation/<slug:token>/ask/", views.link_request, name="link_request"),
    path("invitation/<slug:token>/ask/sent/", views.link_request_sent, name="link_request_sent"),
    path("resume/<slug:token>/", views.resume, name="resume"),
    # Personal links: one named person, organisation and role fixed by the manager.
    path("personal/<slug:token>/", views.personal_invitation, name="personal_invitation"),
    path(
        "personal/<slug:token>/start/<int:framework_pk>/",
        views.personal_start,
        name="personal_start",
    ),
    # The questionnaire.
    path("responses/<int:pk>/", views.response_continue, name="response_continue"),
    path("responses/<int:pk>/sections/<int:number>/", views.section, name="questionnaire_section"),
    path("responses/<int:pk>/saved/", views.saved, name="questionnaire_saved"),
    path("responses/<int:pk>/check/", views.check_answers, name="check_answers"),
    path("responses/<int:pk>/submitted/", views.submitted, name="questionnaire_submitted"),
    path("responses/<int:pk>/result/", views.my_result, name="my_result"),
    path("responses/<int:pk>/next/", views.next_questionnaire, name="questionnaire_next"),
]
