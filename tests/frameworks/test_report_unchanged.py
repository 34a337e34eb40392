"""Acceptance: editing the framework library never changes a past report.

A round collects responses on version 1; a new version with changed items, titles, bands and
advice is made and published, and version 1 retired; the round's report page is byte for byte
what it was."""

import re
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments import services as assessments
from assessments.models import OrganisationType, RespondentRole, RoundStatus
from frameworks import services
from frameworks.content_format import framework_to_data
from frameworks.models import Dimension, Framework, FrameworkStatus, Item, ScoreBand
from partnership_site.roles import PartnershipRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTENT = Path(__file__).resolve().parents[2] / "frameworks" / "content"
ARCHIVE = CONTENT / "archive" / "version-1"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def admin(db):
    return UserFactory(username="library-admin", is_staff=True, is_superuser=True)


def collect_responses(partnership, manager, *frameworks):
    """A round with six submitted responses per framework from two partners (three each, so
    nothing is suppressed), some comments, then closed."""
    today = timezone.localdate()
    round_ = assessments.create_round(
        actor=manager,
        partnership=partnership,
        title="Spring review",
        frameworks=list(frameworks),
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=7),
        proposed_change="One shared pharmacy team",
    )
    assessments.set_round_status(actor=manager, round_=round_, status=RoundStatus.OPEN)
    for p, partner_name in enumerate(["Riverside Surgery", "Hillside Practice"]):
        partner = assessments.add_partner(
            actor=manager,
            partnership=partnership,
            name=partner_name,
            organisation_type=OrganisationType.GP_PRACTICE,
            people_invited=5,
        )
        for n in range(3):
            person = UserFactory(username=f"respondent-{p}-{n}")
            assessments.add_member(
                actor=manager,
                partnership=partnership,
                user=person,
                role=PartnershipRole.MEMBER,
                partner=partner,
            )
            for framework in frameworks:
                _answer(person, round_, framework, partner, p, n)
    assessments.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    return round_


def _answer(person, round_, framework, partner, p, n):
    items = list(
        Item.objects.filter(dimension__framework=framework, response_type="scale").order_by("pk")
    )
    response = assessments.start_response(
        actor=person,
        round_=round_,
        framework=framework,
        partner=partner,
        respondent_role=RespondentRole.CLINICAL,
    )
    answers = {}
    for i, item in enumerate(items):
        value = framework.scale_min + (i + n + 2 * p) % (
            framework.scale_max - framework.scale_min + 1
        )
        comment = f"Example {p}.{n} for item {i}." if i % 4 == 0 else ""
        answers[item.pk] = assessments.AnswerInput(value=value, comment=comment)
    assessments.save_answers(actor=person, response=response, answers=answers)
    assessments.submit_response(actor=person, response=response)


def report_bytes(client, user, round_, slug=None) -> bytes:
    client.force_login(user)
    args = [round_.pk] if slug is None else [round_.pk, slug]
    response = client.get(reverse("round_report", args=args))
    assert response.status_code == 200
    return CSRF.sub(b'name="csrfmiddlewaretoken" value=""', response.content)


def make_and_publish_version_2(version_1: Framework, admin) -> Framework:
    draft = services.new_draft_version(framework=version_1, actor=admin)
    draft.title = "Readiness for change (2027 edition)"
    services.save_content(obj=draft, actor=admin)
    first = draft.dimensions.order_by("position").first()
    first.title = "A vision everyone shares"
    first.guidance = "New guidance for the new edition."
    services.save_content(obj=first, actor=admin)
    item = first.items.order_by("position").first()
    item.statement = "A completely reworded first statement."
    item.reverse_scored = not item.reverse_scored
    services.save_content(obj=item, actor=admin)
    services.delete_content(obj=first.items.order_by("position").last(), actor=admin)
    services.save_content(
        obj=Item(dimension=first, key="brand-new-item", position=20, statement="A new item."),
        actor=admin,
    )
    developing = draft.bands.get(label="Developing")
    developing.label = "Emerging"
    developing.lower_bound = 40
    services.save_content(obj=developing, actor=admin)
    for advice in first.advice.all():
        advice.text = f"New advice for {advice.band.label}."
        services.save_content(obj=advice, actor=admin)
    services.publish_version(framework=draft, actor=admin)
    return draft


def test_a_new_version_leaves_the_old_rounds_report_byte_for_byte_unchanged(
    client, partnership, manager, admin
):
    call_command("load_frameworks", str(ARCHIVE / "readiness-for-change.yaml"), stdout=StringIO())
    version_1 = Framework.objects.get(slug="readiness-for-change", version=1)
    round_ = collect_responses(partnership, manager, version_1)
    before = report_bytes(client, manager, round_)
    first_dimension = version_1.dimensions.order_by("position").first()
    assert first_dimension.title.encode() in before
    # A full report (nothing suppressed): scores, bands, comments and the item statements.
    assert b"out of 100" in before and b"Example 0.0 for item 0." in before
    assert version_1.bands.get(label="Developing").label.encode() in before
    assert first_dimension.items.order_by("position").first().statement.encode() in before

    # Publishing version 2 retires version 1 for new rounds (issue 17).
    version_2 = make_and_publish_version_2(version_1, admin)
    version_1.refresh_from_db()
    assert version_1.status == FrameworkStatus.RETIRED

    after = report_bytes(client, manager, round_)
    assert after == before
    assert b"A vision everyone shares" not in after
    assert b"2027 edition" not in after
    # Version 2 really is different, published, and is what new rounds would use.
    assert version_2.status == FrameworkStatus.PUBLISHED
    assert Dimension.objects.get(framework=version_2, position=1).title == (
        "A vision everyone shares"
    )
    assert ScoreBand.objects.filter(framework=version_2, label="Emerging").exists()
    assert list(Framework.objects.filter(slug="readiness-for-change").latest_published()) == [
        version_2
    ]


def test_upgrading_a_database_holding_version_1_keeps_every_old_report_byte_identical(
    client, partnership, manager
):
    """The second edition arrives by `load_frameworks` on a database whose version 1 is
    frozen: version 2 is published beside it, the command says what changed, and the
    report of every framework in the old round is byte for byte what it was."""
    call_command("load_frameworks", str(ARCHIVE), stdout=StringIO())
    frameworks = list(Framework.objects.filter(version=1).order_by("slug"))
    assert len(frameworks) == 8
    round_ = collect_responses(partnership, manager, *frameworks)
    before = {f.slug: report_bytes(client, manager, round_, f.slug) for f in frameworks}
    version_1 = {f.slug: framework_to_data(f) for f in frameworks}

    out = StringIO()
    call_command("load_frameworks", stdout=out)

    output = out.getvalue()
    assert "16 framework versions: 8 created, 0 updated, 8 unchanged, 0 left alone." in output
    assert "created: partnership-values version 2" in output
    assert "changes from version 1:" in output
    assert "item removed: [time-capacity]" in output
    assert "dimension added: Monitoring, evaluating and learning" in output
    for slug, report in before.items():
        assert b"out of 100" in report
        assert report_bytes(client, manager, round_, slug) == report, slug
        old = Framework.objects.get(slug=slug, version=1)
        assert framework_to_data(old) == version_1[slug]
        assert old.status == FrameworkStatus.PUBLISHED
        new = Framework.objects.latest_published().get(slug=slug)
        assert (new.version, new.previous_version) == (2, old)
