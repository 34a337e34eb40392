"""Who may put a partnership in a cohort or take it out (issue 17): a permission matrix.

Admins may move any partnership. A cohort's facilitator may move only partnerships that
have given them access of their own (a membership as manager or facilitator): being in a
cohort shows a partnership's figures to every facilitator of the cohort.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assessments import services
from partnership_site.roles import PartnershipRole
from tests.factories import CohortFactory, MembershipFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cohort_facilitator = UserFactory(username="femi")
    cohort = CohortFactory(name="Devon programme", facilitators=[cohort_facilitator])
    inside = PartnershipFactory(name="Riverside PCN")  # in the cohort
    chosen = PartnershipFactory(name="Moorside PCN")  # made femi its facilitator, not in
    stranger = PartnershipFactory(name="Coastal PCN")  # gave femi nothing
    cohort.partnerships.add(inside)
    MembershipFactory(partnership=chosen, user=cohort_facilitator, role=PartnershipRole.FACILITATOR)
    MembershipFactory(partnership=inside, user=cohort_facilitator, role=PartnershipRole.FACILITATOR)
    managed = MembershipFactory(partnership=stranger, role=PartnershipRole.MANAGER).user
    other_facilitator = UserFactory()
    CohortFactory(facilitators=[other_facilitator])
    MembershipFactory(partnership=chosen, user=other_facilitator, role=PartnershipRole.FACILITATOR)
    return {
        "cohort": cohort,
        "partnerships": {"inside": inside, "chosen": chosen, "stranger": stranger},
        "people": {
            "admin": UserFactory(is_staff=True, is_superuser=True),
            "cohort_facilitator": cohort_facilitator,
            "other_cohort_facilitator": other_facilitator,
            "manager_not_facilitator": managed,
            "outsider": UserFactory(),
            "anonymous": AnonymousUser(),
        },
    }


# (who, partnership) -> may add it (partnerships not in the cohort)
ADD = {
    ("admin", "chosen"): True,
    ("admin", "stranger"): True,
    ("cohort_facilitator", "chosen"): True,
    ("cohort_facilitator", "stranger"): False,
    ("other_cohort_facilitator", "chosen"): False,
    ("manager_not_facilitator", "stranger"): False,
    ("outsider", "chosen"): False,
    ("anonymous", "chosen"): False,
}


@pytest.mark.parametrize(("who", "which"), list(ADD))
def test_who_may_add_a_partnership(world, who, which):
    cohort, partnership = world["cohort"], world["partnerships"][which]
    actor = world["people"][who]
    if ADD[(who, which)]:
        services.add_partnership_to_cohort(actor=actor, cohort=cohort, partnership=partnership)
        assert cohort.partnerships.filter(pk=partnership.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.add_partnership_to_cohort(actor=actor, cohort=cohort, partnership=partnership)
        assert not cohort.partnerships.filter(pk=partnership.pk).exists()


REMOVE = {
    "admin": True,
    "cohort_facilitator": True,  # Riverside made femi its facilitator
    "other_cohort_facilitator": False,
    "manager_not_facilitator": False,
    "outsider": False,
    "anonymous": False,
}


@pytest.mark.parametrize("who", list(REMOVE))
def test_who_may_remove_a_partnership(world, who):
    cohort, inside = world["cohort"], world["partnerships"]["inside"]
    actor = world["people"][who]
    if REMOVE[who]:
        services.remove_partnership_from_cohort(actor=actor, cohort=cohort, partnership=inside)
        assert not cohort.partnerships.exists()
    else:
        with pytest.raises(PermissionDenied):
            services.remove_partnership_from_cohort(actor=actor, cohort=cohort, partnership=inside)
        assert cohort.partnerships.filter(pk=inside.pk).exists()


def test_a_facilitator_through_the_cohort_alone_may_not_remove_a_partnership(world):
    """Access through the cohort itself is not the partnership's own choice."""
    cohort, stranger = world["cohort"], world["partnerships"]["stranger"]
    admin = world["people"]["admin"]
    services.add_partnership_to_cohort(actor=admin, cohort=cohort, partnership=stranger)
    with pytest.raises(PermissionDenied):
        services.remove_partnership_from_cohort(
            actor=world["people"]["cohort_facilitator"], cohort=cohort, partnership=stranger
        )


def test_adding_twice_or_removing_what_is_not_there_is_refused(world):
    cohort, admin = world["cohort"], world["people"]["admin"]
    with pytest.raises(ValidationError, match="already in this cohort"):
        services.add_partnership_to_cohort(
            actor=admin, cohort=cohort, partnership=world["partnerships"]["inside"]
        )
    with pytest.raises(ValidationError, match="not in this cohort"):
        services.remove_partnership_from_cohort(
            actor=admin, cohort=cohort, partnership=world["partnerships"]["chosen"]
        )


# The pages -------------------------------------------------------------------------------


def test_a_facilitator_sees_their_cohorts_and_the_partnerships_in_each(client, world):
    client.force_login(world["people"]["cohort_facilitator"])
    cohort = world["cohort"]
    listing = client.get(reverse("cohort_list")).content.decode()
    assert "Devon programme" in listing and "1 partnership" in listing
    page = client.get(reverse("cohort_detail", args=[cohort.pk])).content.decode()
    assert "Riverside PCN" in page
    assert reverse("cohort_remove", args=[cohort.pk, world["partnerships"]["inside"].pk]) in page
    # Only partnerships that gave them access are offered.
    assert "Moorside PCN" in page and "Coastal PCN" not in page


def test_a_facilitator_adds_and_removes_through_the_pages(client, world):
    client.force_login(world["people"]["cohort_facilitator"])
    cohort, chosen, stranger = (
        world["cohort"],
        world["partnerships"]["chosen"],
        world["partnerships"]["stranger"],
    )
    url = reverse("cohort_detail", args=[cohort.pk])
    refused = client.post(url, {"partnership": stranger.pk})
    assert refused.status_code == 200
    assert "Choose a partnership from the list" in refused.content.decode()
    added = client.post(url, {"partnership": chosen.pk})
    assert added.status_code == 302
    assert cohort.partnerships.filter(pk=chosen.pk).exists()

    remove = reverse("cohort_remove", args=[cohort.pk, chosen.pk])
    assert "Remove Moorside PCN from this cohort?" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not cohort.partnerships.filter(pk=chosen.pk).exists()


def test_the_cohort_page_is_hidden_from_everyone_else(client, world):
    cohort = world["cohort"]
    for who in ["other_cohort_facilitator", "manager_not_facilitator", "outsider"]:
        client.force_login(world["people"][who])
        assert client.get(reverse("cohort_detail", args=[cohort.pk])).status_code == 404
        assert "Devon programme" not in client.get(reverse("cohort_list")).content.decode()
    client.force_login(world["people"]["admin"])
    page = client.get(reverse("cohort_detail", args=[cohort.pk])).content.decode()
    assert "Coastal PCN" in page  # admins may add any partnership
