"""One person, one answer: an account and a personal link never both answer a questionnaire,
and nothing is submitted to a round once it has closed.

Found in a trial (2026-11-30): a member with an account who was also given a personal link
answered the same questionnaire twice, which lets any member lift a small group over the
anonymity threshold; and a submit racing the close could land after results were published.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from assessments import services
from assessments.errors import InvalidInput, NotAllowedNow
from assessments.models import PersonalInvitation, Response, ResponseStatus, Round, RoundStatus
from assessments.services.invitations import PersonInput
from assessments.services.responses import ANSWERED_BY_LINK, ANSWERED_WITH_ACCOUNT
from partnership_site.roles import PartnershipRole
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    RoundFactory,
    UserFactory,
    build_framework,
    personal_link_token,
)


@pytest.fixture
def framework(db):
    return build_framework(sections=(1,), title="Readiness for change")


@pytest.fixture
def practice(partnership):
    return PartnerFactory(partnership=partnership, name="Gamma Surgery")


@pytest.fixture
def round_(partnership, framework, practice):
    return RoundFactory(partnership=partnership, frameworks=[framework], status=RoundStatus.OPEN)


def _person(email, practice, line=1):
    return PersonInput(
        name="Sam Colleague", email=email, partner=practice, respondent_role="clinical", line=line
    )


def _link_for(email, round_, practice):
    return PersonalInvitation.objects.create(
        round=round_,
        name="Sam Colleague",
        email=email,
        partner=practice,
        respondent_role="clinical",
    )


@pytest.mark.django_db
def test_a_member_cannot_be_given_a_personal_link(manager, partnership, round_, practice):
    sam = UserFactory(email="Sam.Colleague@nhs.net")
    MembershipFactory(partnership=partnership, user=sam, role=PartnershipRole.MEMBER)
    with pytest.raises(InvalidInput) as refused:
        services.create_personal_invitations(
            actor=manager,
            round_=round_,
            people=[
                _person("someone@nhs.net", practice, 1),
                _person("sam.colleague@NHS.net", practice, 2),
            ],
        )
    assert refused.value.messages == [
        "Line 2: sam.colleague@NHS.net is a member of this partnership and answers by signing "
        "in, so does not need a personal link."
    ]
    assert not PersonalInvitation.objects.exists()  # all or nothing


@pytest.mark.django_db
def test_who_answered_by_personal_link_cannot_answer_again_with_an_account(
    partnership, round_, framework, practice
):
    link = _link_for("sam@nhs.net", round_, practice)
    services.start_personal_response(invitation=link, framework=framework)
    # Sam is invited to the partnership later and signs in.
    sam = UserFactory(email="SAM@nhs.net")
    MembershipFactory(partnership=partnership, user=sam, role=PartnershipRole.MEMBER)
    with pytest.raises(NotAllowedNow, match=ANSWERED_BY_LINK):
        services.start_response(actor=sam, round_=round_, framework=framework, partner=practice)
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_who_answered_with_an_account_cannot_answer_again_by_personal_link(
    partnership, round_, framework, practice
):
    sam = UserFactory(email="sam@nhs.net")
    MembershipFactory(partnership=partnership, user=sam, role=PartnershipRole.MEMBER)
    mine = services.start_response(actor=sam, round_=round_, framework=framework, partner=practice)
    # A link made before Sam joined (links cannot be made for members now).
    link = _link_for("Sam@NHS.net", round_, practice)
    with pytest.raises(NotAllowedNow, match=ANSWERED_WITH_ACCOUNT):
        services.start_personal_response(invitation=link, framework=framework)
    # Sam's own account still finds the response already started.
    again = services.start_response(actor=sam, round_=round_, framework=framework, partner=practice)
    assert again.pk == mine.pk
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_a_response_cannot_be_submitted_once_its_round_has_closed(manager, round_, framework):
    response = services.start_response(
        actor=manager, round_=round_, framework=framework, partner=None
    )
    response.answers.create(item=framework.dimensions.first().items.first(), value=3)
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    with pytest.raises(NotAllowedNow):
        services.submit_response(actor=manager, response=response)
    assert Response.objects.get().status != ResponseStatus.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_a_submit_racing_the_close_waits_for_it_and_is_refused(manager, round_, framework):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises every write anyway)")
    response = services.start_response(
        actor=manager, round_=round_, framework=framework, partner=None
    )
    for item in framework.dimensions.first().items.all():
        response.answers.create(item=item, value=3)
    closing = threading.Event()
    outcome = []

    def close_slowly():
        try:
            with transaction.atomic():
                services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
                closing.set()
                time.sleep(0.5)  # the close holds the round's row lock; the submit must wait
        finally:
            connections.close_all()

    def submit():
        try:
            closing.wait()
            services.submit_response(actor=manager, response=response)
            outcome.append("submitted")
        except NotAllowedNow:
            outcome.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close_slowly), threading.Thread(target=submit)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcome == ["refused"]
    assert Round.objects.get(pk=round_.pk).status == RoundStatus.CLOSED
    assert not Response.objects.filter(status=ResponseStatus.SUBMITTED).exists()


@pytest.mark.django_db
def test_the_pages_say_why_a_second_answer_is_refused(
    client, partnership, round_, framework, practice
):
    # The refusal is the person's, not the round's: the page must not say the round is closed.
    sam = UserFactory(email="sam@nhs.net")
    MembershipFactory(
        partnership=partnership, user=sam, role=PartnershipRole.MEMBER, partner=practice
    )
    services.start_response(actor=sam, round_=round_, framework=framework, partner=practice)
    link = _link_for("sam@nhs.net", round_, practice)
    token = personal_link_token(link)
    page = client.post(reverse("personal_start", args=[token, framework.pk]), follow=True)
    assert page.redirect_chain[-1][0] == reverse("personal_invitation", args=[token])
    assert ANSWERED_WITH_ACCOUNT in page.content.decode()

    ada = UserFactory(email="ada@nhs.net")
    MembershipFactory(
        partnership=partnership, user=ada, role=PartnershipRole.MEMBER, partner=practice
    )
    services.start_personal_response(
        invitation=_link_for("ada@nhs.net", round_, practice), framework=framework
    )
    client.force_login(ada)
    page = client.post(
        reverse("round_start", args=[round_.pk, framework.pk]),
        {"respondent_role": "clinical"},
        follow=True,
    )
    assert page.redirect_chain[-1][0] == reverse("round_answer", args=[round_.pk])
    assert ANSWERED_BY_LINK in page.content.decode()
    assert Response.objects.filter(respondent=ada).count() == 0
