"""Questionnaire pages: answering a round's frameworks with an account or as a guest.

- ``respondents``: a signed-in member's round page and start page
- ``guests``: the shared (invitation) link and guests' private resume links
- ``link_requests``: asking for a personal link through the shared link (ADR 0037)
- ``pages``: the questionnaire itself (sections, check answers, submit, confirmation, result)
- ``access``: who may open a response (its owner, or the guest whose session holds its link)
"""

from assessments.views.questionnaire.guests import invitation, next_questionnaire, resume
from assessments.views.questionnaire.link_requests import link_request, link_request_sent
from assessments.views.questionnaire.pages import (
    check_answers,
    my_result,
    response_continue,
    saved,
    section,
    submitted,
)
from assessments.views.questionnaire.personal import personal_invitation, personal_start
from assessments.views.questionnaire.respondents import round_answer, round_start

__all__ = [
    "check_answers",
    "invitation",
    "link_request",
    "link_request_sent",
    "my_result",
    "next_questionnaire",
    "personal_invitation",
    "personal_start",
    "response_continue",
    "resume",
    "round_answer",
    "round_start",
    "saved",
    "section",
    "submitted",
]
