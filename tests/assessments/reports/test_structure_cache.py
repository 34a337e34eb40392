"""A frozen framework version's structure is read once, then kept in the cache; any other
version is read afresh every time (assessments.reports.structure.answered_spec, ADR 0043)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.reports import structure
from frameworks.models import FrameworkFrozen, Item
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _read(version, respondents):
    with CaptureQueriesContext(connection) as captured:
        spec = structure.answered_spec(version, respondents=respondents)
    return spec, len(captured)


def test_an_answered_version_is_read_once_then_comes_from_the_cache(framework):  # noqa: F811
    first, first_queries = _read(framework, 3)
    again, again_queries = _read(framework, 3)
    assert first_queries == 4  # bands, advice, dimensions, items
    assert again_queries == 0
    assert again == first == structure.framework_spec(framework)


def test_a_version_nobody_answered_is_read_afresh_so_an_edit_shows_at_once(framework):  # noqa: F811
    before, before_queries = _read(framework, 0)
    item = Item.objects.get(dimension__framework=framework, key="i1")
    item.statement = "We trust each other completely"
    item.save()
    after, after_queries = _read(framework, 0)
    assert before_queries == after_queries == 4
    assert before.dimensions[0].items[0].statement == "We trust each other"
    assert after.dimensions[0].items[0].statement == "We trust each other completely"
    assert cache.get(structure.spec_cache_key(framework)) is None


def test_what_the_cache_keeps_cannot_go_stale_because_an_answered_version_is_frozen(
    framework,  # noqa: F811
):
    round_ = RoundFactory(frameworks=[framework])
    respond(round_, framework, PartnerFactory(partnership=round_.partnership), {"i1": 4})
    kept, _ = _read(framework, 1)
    item = Item.objects.get(dimension__framework=framework, key="i1")
    item.statement = "Changed after people answered"
    with pytest.raises(FrameworkFrozen):
        item.save()
    assert kept == structure.framework_spec(framework)


def test_the_key_names_the_version_and_when_it_was_made(framework):  # noqa: F811
    key = structure.spec_cache_key(framework)
    assert key.startswith(f"framework-spec:{framework.pk}:{framework.slug}:{framework.version}:")
    # A new framework given a deleted row's id (as a test database may) has another key.
    framework.created_at = framework.created_at.replace(year=framework.created_at.year - 1)
    assert structure.spec_cache_key(framework) != key


def test_a_cached_structure_is_the_callers_own_copy(framework):  # noqa: F811
    kept, _ = _read(framework, 3)
    kept.dimensions[0].advice["Concern"] = "Changed by a caller"
    again, _ = _read(framework, 3)
    assert again.dimensions[0].advice["Concern"] == "Trust Concern advice"
