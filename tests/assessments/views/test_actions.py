"""The action plan: who may read and change it (a matrix by role: refusals are 403 and change
nothing), owners who leave, past due dates, filters, overdue and the printable view."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import ActionItem, ActionNote, ActionStatus, Membership
from partnership_site.roles import PartnershipRole
from tests.assessments.reports.test_round_report import framework as report_framework
from tests.assessments.reports.test_round_report import respond
from tests.factories import ActionItemFactory, MembershipFactory, PartnerFactory, RoundFactory

build_report_framework = report_framework.__wrapped__

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def owner(partnership):
    """A member who owns one action."""
    return MembershipFactory(
        partnership=partnership, role=PartnershipRole.MEMBER, user__first_name="Olu"
    ).user


@pytest.fixture
def action(partnership, owner):
    return ActionItemFactory(
        partnership=partnership, owner="", owner_user=owner, title="Share the rota"
    )


def _who(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


def _form(**overrides):
    due = TODAY() + timedelta(days=30)
    data = {
        "title": "Agree a joint rota",
        "description": "",
        "dimension": "",
        "owner_choice": "named",
        "owner": "Practice managers' group",
        "partner": "",
        "due_on_0": str(due.day),
        "due_on_1": str(due.month),
        "due_on_2": str(due.year),
        "status": ActionStatus.PLANNED,
    }
    return data | overrides


def _snapshot():
    return (
        list(ActionItem.objects.order_by("pk").values()),
        list(ActionNote.objects.order_by("pk").values()),
    )


# role -> (read the plan, read an action, add, change someone's action, add a note to it)
MATRIX = {
    "manager": (200, 200, 302, 302, 302),
    "owner": (200, 200, 403, 302, 302),
    "member": (200, 200, 403, 403, 403),
    "facilitator": (200, 200, 403, 403, 403),
    "outsider": (404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("role", MATRIX)
def test_action_permission_matrix(request, client, partnership, action, role):
    client.force_login(_who(request, role))
    read_plan, read_one, add, change, note = MATRIX[role]
    plan_url = reverse("action_plan", args=[partnership.pk])
    assert client.get(plan_url).status_code == read_plan
    assert client.get(reverse("action_detail", args=[partnership.pk, action.pk])).status_code == (
        read_one
    )

    before = _snapshot()
    response = client.post(reverse("action_create", args=[partnership.pk]), _form())
    assert response.status_code == add
    if add != 302:
        assert _snapshot() == before

    before = _snapshot()
    edit_url = reverse("action_edit", args=[partnership.pk, action.pk])
    response = client.post(
        edit_url, _form(owner_choice=str(action.owner_user_id), owner="", title="Changed")
    )
    assert response.status_code == change
    if change != 302:
        assert _snapshot() == before
    else:
        assert ActionItem.objects.get(pk=action.pk).title == "Changed"

    before = _snapshot()
    day = TODAY()
    response = client.post(
        reverse("action_note_add", args=[partnership.pk, action.pk]),
        {
            "written_on_0": day.day,
            "written_on_1": day.month,
            "written_on_2": day.year,
            "text": "Met",
        },
    )
    assert response.status_code == note
    if note != 302:
        assert _snapshot() == before
    else:
        assert action.notes.get().text == "Met"


def test_signed_out_people_are_sent_to_sign_in(client, partnership, action):
    before = _snapshot()
    response = client.post(reverse("action_edit", args=[partnership.pk, action.pk]), _form())
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert _snapshot() == before


def test_an_action_of_another_partnership_is_not_found(client, manager, action):
    other = MembershipFactory(role=PartnershipRole.MANAGER).partnership
    client.force_login(manager)
    url = reverse("action_detail", args=[other.pk, action.pk])
    assert client.get(url).status_code == 404
    url = reverse("action_detail", args=[action.partnership_id, action.pk])
    assert client.get(url).status_code == 200


def test_manager_adds_an_action_owned_by_a_member_for_a_partner(
    client, manager, partnership, owner
):
    partner = PartnerFactory(partnership=partnership, name="Harbour View Surgery")
    client.force_login(manager)
    response = client.post(
        reverse("action_create", args=[partnership.pk]),
        _form(owner_choice=str(owner.pk), owner="", partner=str(partner.pk)),
        follow=True,
    )
    created = ActionItem.objects.get()
    assert (created.owner_user, created.owner, created.partner) == (owner, "", partner)
    assert created.created_by == manager and created.status == ActionStatus.PLANNED
    page = response.content.decode()
    assert "has been added to the action plan" in page and "in the past" not in page


def test_a_past_due_date_is_a_warning_not_an_error(client, manager, partnership):
    client.force_login(manager)
    past = TODAY() - timedelta(days=3)
    response = client.post(
        reverse("action_create", args=[partnership.pk]),
        _form(due_on_0=past.day, due_on_1=past.month, due_on_2=past.year),
        follow=True,
    )
    assert ActionItem.objects.get().due_on == past
    assert "is in the past, so the action shows as overdue" in response.content.decode()


def test_bad_input_is_refused_and_keeps_what_was_typed(client, manager, partnership):
    client.force_login(manager)
    response = client.post(
        reverse("action_create", args=[partnership.pk]),
        _form(owner_choice="named", owner="", title="Keep this title"),
    )
    assert response.status_code == 200 and not ActionItem.objects.exists()
    page = response.content.decode()
    assert "Enter the name of the person or group who owns the action" in page
    assert 'value="Keep this title"' in page


def test_a_progress_note_cannot_be_dated_in_the_future(client, owner, partnership, action):
    client.force_login(owner)
    later = TODAY() + timedelta(days=2)
    response = client.post(
        reverse("action_note_add", args=[partnership.pk, action.pk]),
        {"written_on_0": later.day, "written_on_1": later.month, "written_on_2": later.year,
         "text": "Planned to meet"},
    )  # fmt: skip
    assert response.status_code == 200 and not action.notes.exists()
    assert "must be today or in the past" in response.content.decode()


def test_owner_who_leaves_keeps_the_action_as_former_member(
    client, manager, partnership, owner, action
):
    Membership.objects.filter(user=owner, partnership=partnership).delete()
    client.force_login(manager)
    page = client.get(reverse("action_plan", args=[partnership.pk])).content.decode()
    assert f"{owner.get_full_name()} (former member)" in page
    # The manager can still save it without choosing a new owner.
    response = client.post(
        reverse("action_edit", args=[partnership.pk, action.pk]),
        _form(owner_choice=str(owner.pk), owner="", status=ActionStatus.DONE),
    )
    assert response.status_code == 302
    saved = ActionItem.objects.get(pk=action.pk)
    assert (saved.owner_user, saved.status, saved.completed_on) == (owner, "done", TODAY())
    # The former member, once back as an outsider, may not change it.
    client.force_login(owner)
    assert client.get(reverse("action_edit", args=[partnership.pk, action.pk])).status_code == 404


def test_a_new_owner_must_be_a_current_member(client, manager, partnership, facilitator):
    client.force_login(manager)
    response = client.post(
        reverse("action_create", args=[partnership.pk]),
        _form(owner_choice=str(facilitator.pk), owner=""),
    )
    assert response.status_code == 200 and not ActionItem.objects.exists()


def test_filters_and_overdue_highlighting(client, member, partnership, owner):
    today = TODAY()
    ActionItemFactory(partnership=partnership, title="Late one", due_on=today - timedelta(days=1))
    ActionItemFactory(
        partnership=partnership,
        title="Done late",
        due_on=today - timedelta(days=9),
        status=ActionStatus.DONE,
        completed_on=today - timedelta(days=2),
    )
    ActionItemFactory(
        partnership=partnership, title="Owned", owner="", owner_user=owner, due_on=today
    )
    client.force_login(member)
    url = reverse("action_plan", args=[partnership.pk])

    def titles(**query):
        page = client.get(url, query).content.decode()
        return {t for t in ("Late one", "Done late", "Owned") if t in page}, page

    shown, page = titles()
    assert shown == {"Late one", "Done late", "Owned"}
    assert page.count("app-overdue") == 1 and "1 action overdue" in page
    assert titles(overdue="1")[0] == {"Late one"}
    assert titles(status="done")[0] == {"Done late"}
    assert titles(owner=f"u{owner.pk}")[0] == {"Owned"}
    assert titles(status="nonsense")[0] == {"Late one", "Done late", "Owned"}

    printable = client.get(reverse("action_plan_print", args=[partnership.pk]), {"overdue": "1"})
    body = printable.content.decode()
    assert "Late one" in body and "Owned" not in body and "Apply filters" not in body


def test_an_action_from_a_report_suggestion_is_prefilled_and_editable(client, manager, partnership):
    framework = build_report_framework()
    round_ = RoundFactory(partnership=partnership, frameworks=[framework], status="closed")
    alpha = PartnerFactory(partnership=partnership)
    # Low scores (Trust (0 + 25 + 50) / 3 = 25) from three different answers to each item:
    # a small group in which all but one answered alike would be withheld (ADR 0036).
    for values in (
        {"i1": 1, "i2": 5, "i3": 1},
        {"i1": 2, "i2": 4, "i3": 2},
        {"i1": 3, "i2": 3, "i3": 3},
    ):
        respond(round_, framework, alpha, values)
    trust = framework.dimensions.get(key="trust")
    client.force_login(manager)
    report = client.get(reverse("round_report", args=[round_.pk])).content.decode()
    create = reverse("action_create", args=[partnership.pk])
    link = f"{create}?round={round_.pk}&amp;dimension={trust.pk}"
    assert link in report

    page = client.get(link.replace("&amp;", "&")).content.decode()
    assert 'value="Trust Concern advice"' in page  # the advice for the band it scored in
    assert f'<option value="{trust.pk}" selected>' in page

    client.post(
        link.replace("&amp;", "&"),
        _form(title="Our own wording", dimension=str(trust.pk)),
    )
    action = ActionItem.objects.get()
    assert (action.title, action.dimension, action.raised_in) == ("Our own wording", trust, round_)


def test_a_member_sees_no_add_links(client, member, partnership):
    client.force_login(member)
    page = client.get(reverse("action_plan", args=[partnership.pk])).content.decode()
    assert "Add an action" not in page


def test_a_suggestion_from_another_partnerships_round_is_not_found(client, manager, partnership):
    other = MembershipFactory(user=manager, role=PartnershipRole.MANAGER).partnership
    elsewhere = RoundFactory(partnership=other, status="closed")
    client.force_login(manager)
    url = reverse("action_create", args=[partnership.pk])
    assert client.get(f"{url}?round={elsewhere.pk}&dimension=1").status_code == 404
