"""The 42 integrated care boards (assessments/data/icbs.csv, assessments/icbs.py), a
partnership's ICB chosen from them, and the migration of old free-text values."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments import icbs, services
from assessments.models import Partnership
from partnership_site.roles import PartnershipRole
from tests.factories import CohortFactory, MembershipFactory, PartnershipFactory

REGIONS = {
    "North East and Yorkshire",
    "North West",
    "Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
}


def test_the_file_lists_42_icbs_with_ods_codes():
    assert len(icbs.ICBS) == 42
    for code, icb in icbs.ICBS.items():
        assert len(code) == 3 and code.startswith("Q") and code == icb.code
        assert icb.name.startswith("NHS ") and icb.name.endswith(" Integrated Care Board")
        assert icb.region in REGIONS
    assert len({icb.name for icb in icbs.ICBS.values()}) == 42
    assert {icb.region for icb in icbs.ICBS.values()} == REGIONS
    assert icbs.ICBS["QE1"].name == "NHS Lancashire and South Cumbria Integrated Care Board"
    assert icbs.ICBS["QJK"].short_name == "NHS Devon ICB"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("NHS Devon ICB", "QJK"),
        ("Devon Integrated Care Board", "QJK"),
        ("nhs devon icb ", "QJK"),
        ("NHS Cornwall and Isles of Scilly ICB", "QT6"),
        ("Bristol, North Somerset & South Gloucestershire ICB", "QUY"),
        ("qjk", "QJK"),
        ("South West", None),
        ("Devon", "QJK"),
        ("", None),
        ("NHS Kernow CCG", None),
    ],
)
def test_match(text, code):
    assert icbs.match(text) == code


def test_icb_choices_are_the_42_by_name():
    choices = icbs.icb_choices()
    assert len(choices) == 42
    assert [name for _, name in choices] == sorted(name for _, name in choices)


@pytest.mark.django_db
def test_a_partnership_is_placed_in_an_icb_and_shown_by_its_name(manager, partnership):
    created = services.create_partnership(actor=manager, name="Harbour PCN", kind="pcn", icb="QE1")
    assert (created.icb, created.region) == ("QE1", "NHS Lancashire and South Cumbria ICB")
    with pytest.raises(ValidationError):
        services.create_partnership(actor=manager, name="Bad PCN", kind="pcn", icb="XYZ")


@pytest.mark.django_db
def test_changing_other_details_keeps_old_text_that_names_no_icb(manager, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(region="Somewhere in Wessex")
    partnership.refresh_from_db()
    services.update_partnership(
        actor=manager, partnership=partnership, name="Renamed PCN", kind=partnership.kind
    )
    partnership.refresh_from_db()
    assert (partnership.icb, partnership.region) == ("", "Somewhere in Wessex")
    services.update_partnership(
        actor=manager, partnership=partnership, name="Renamed PCN", kind="pcn", icb="QJK"
    )
    partnership.refresh_from_db()
    assert (partnership.icb, partnership.region) == ("QJK", "NHS Devon ICB")


@pytest.mark.django_db
def test_the_form_offers_the_42_icbs_not_free_text(client, manager, partnership):
    client.force_login(manager)
    url = reverse("partnership_edit", args=[partnership.pk])
    page = client.get(url).content.decode()
    assert '<select class="nhsuk-select" id="id_icb" name="icb"' in page
    assert page.count("<option ") >= 43
    assert 'name="region"' not in page
    response = client.post(url, {"name": partnership.name, "kind": "pcn", "icb": "QNX"})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.region == "NHS Sussex ICB"
    refused = client.post(url, {"name": partnership.name, "kind": "pcn", "icb": "Sussex"})
    assert "Choose an integrated care board from the list" in refused.content.decode()


@pytest.mark.django_db
def test_the_migration_matches_old_text():
    migration = importlib.import_module("assessments.migrations.0011_icbs_and_cohorts")
    matched = PartnershipFactory(region="NHS Cornwall and Isles of Scilly ICB")
    unmatched = PartnershipFactory(region="Wessex")

    class Apps:
        def get_model(self, app, name):
            return Partnership

    migration.match_icbs(Apps(), None)
    matched.refresh_from_db()
    unmatched.refresh_from_db()
    assert (matched.icb, matched.region) == ("QT6", "NHS Cornwall and the Isles of Scilly ICB")
    assert (unmatched.icb, unmatched.region) == ("", "Wessex")


@pytest.mark.django_db
def test_a_cohort_filters_its_partnerships_by_icb(client):
    facilitator = MembershipFactory(role=PartnershipRole.FACILITATOR).user
    devon = PartnershipFactory(name="Devon PCN", icb="QJK", region="NHS Devon ICB")
    sussex = PartnershipFactory(name="Sussex PCN", icb="QNX", region="NHS Sussex ICB")
    cohort = CohortFactory(partnerships=[devon, sussex], facilitators=[facilitator])
    client.force_login(facilitator)
    url = reverse("cohort_detail", args=[cohort.pk])
    page = client.get(url).content.decode()
    assert "Devon PCN" in page and "Sussex PCN" in page
    assert '<option value="QJK">NHS Devon ICB</option>' in page
    filtered = client.get(url, {"icb": "QNX"}).content.decode()
    assert "Sussex PCN" in filtered and "Devon PCN" not in filtered
