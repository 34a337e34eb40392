"""Every database constraint on the framework models rejects bad rows.

Each case writes rows straight to the database (factory saves, ``QuerySet.update()``), so
model validation never runs and the database itself must refuse the bad row. Each case also
writes at least one good row, usually the boundary value, so an over-strict constraint fails too.

The machinery is in ``tests/constraint_cases.py``, shared with
``tests/assessments/test_constraints.py``.
"""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from frameworks.models import (
    Dimension,
    DimensionAdvice,
    Framework,
    FrameworkKind,
    FrameworkStatus,
    Item,
    ResponseType,
    ScoreBand,
)
from tests.constraint_cases import (
    ConstraintCases,
    assert_constraints_in_schema,
    assert_every_constraint_covered,
    assert_violated,
    update,
)
from tests.factories import DimensionFactory, FrameworkFactory, ItemFactory, ScoreBandFactory

WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


# Framework -----------------------------------------------------------------------------------

CASES = ConstraintCases()


def update_framework(**fields):
    """A rated, published framework with a 1-5 scale, then changed."""
    update(FrameworkFactory(), **fields)


def update_reflection_framework(**fields):
    """A reflection framework (no scale needed), then changed."""
    framework = FrameworkFactory(
        kind=FrameworkKind.REFLECTION, scale_min=None, scale_max=None, scale_labels=[]
    )
    update(framework, **fields)


def write_second_framework(*, slug, version):
    FrameworkFactory(slug="teamwork", version=1)
    FrameworkFactory(slug=slug, version=version)


CASES.add(
    Framework,
    "framework_slug_version_unique",
    write=write_second_framework,
    bad={"same-slug-same-version": {"slug": "teamwork", "version": 1}},
    good={
        "same-slug-next-version": {"slug": "teamwork", "version": 2},
        "other-slug-same-version": {"slug": "leadership", "version": 1},
    },
)
CASES.add(
    Framework,
    "framework_status_valid",
    write=update_framework,
    bad={"unknown": {"status": "archived"}, "empty": {"status": ""}},
    good={"retired": {"status": FrameworkStatus.RETIRED}},
)
CASES.add(
    Framework,
    "framework_kind_valid",
    write=update_framework,
    bad={"unknown": {"kind": "survey"}, "empty": {"kind": ""}},
    good={"checklist": {"kind": FrameworkKind.CHECKLIST}},
)
CASES.add(
    Framework,
    "framework_version_positive",
    write=update_framework,
    bad={"zero": {"version": 0}},
    good={"one": {"version": 1}},
)
CASES.add(
    Framework,
    "framework_scale_paired_and_ordered",
    write=update_reflection_framework,
    bad={
        "low-end-only": {"scale_min": 1, "scale_max": None},
        "high-end-only": {"scale_min": None, "scale_max": 5},
        "single-point": {"scale_min": 5, "scale_max": 5},
        "reversed": {"scale_min": 6, "scale_max": 5},
        "above-ceiling": {"scale_min": 1, "scale_max": 11},
    },
    good={
        "no-scale": {"scale_min": None, "scale_max": None},
        "floor-to-ceiling": {"scale_min": 0, "scale_max": 10},
        "two-points": {"scale_min": 4, "scale_max": 5},
    },
)
CASES.add(
    Framework,
    "framework_scored_kinds_have_scale",
    write=update_framework,
    bad={
        "rated-without-scale": {"kind": FrameworkKind.RATED, "scale_min": None, "scale_max": None},
        "checklist-without-scale": {
            "kind": FrameworkKind.CHECKLIST,
            "scale_min": None,
            "scale_max": None,
        },
    },
    good={
        "reflection-without-scale": {
            "kind": FrameworkKind.REFLECTION,
            "scale_min": None,
            "scale_max": None,
        },
        "checklist-with-scale": {"kind": FrameworkKind.CHECKLIST},
    },
)
CASES.add(
    Framework,
    "framework_published_at_paired_with_status",
    write=update_framework,
    bad={
        "draft-with-date": {"status": FrameworkStatus.DRAFT, "published_at": WHEN},
        "published-without-date": {"status": FrameworkStatus.PUBLISHED, "published_at": None},
        "retired-without-date": {"status": FrameworkStatus.RETIRED, "published_at": None},
    },
    good={
        "draft-without-date": {"status": FrameworkStatus.DRAFT, "published_at": None},
        "published-with-date": {"status": FrameworkStatus.PUBLISHED, "published_at": WHEN},
        "retired-with-date": {"status": FrameworkStatus.RETIRED, "published_at": WHEN},
    },
)

# Dimension -----------------------------------------------------------------------------------


def write_second_dimension(*, same_framework, key, position):
    first = DimensionFactory(key="leadership", position=1)
    framework = first.framework if same_framework else FrameworkFactory()
    DimensionFactory(framework=framework, key=key, position=position)


CASES.add(
    Dimension,
    "dimension_key_unique",
    write=write_second_dimension,
    bad={"same-framework": {"same_framework": True, "key": "leadership", "position": 2}},
    good={
        "other-key": {"same_framework": True, "key": "finance", "position": 2},
        "other-framework": {"same_framework": False, "key": "leadership", "position": 2},
    },
)
CASES.add(
    Dimension,
    "dimension_position_unique",
    write=write_second_dimension,
    bad={"same-framework": {"same_framework": True, "key": "finance", "position": 1}},
    good={
        "next-position": {"same_framework": True, "key": "finance", "position": 2},
        "other-framework": {"same_framework": False, "key": "finance", "position": 1},
    },
)
CASES.add(
    Dimension,
    "dimension_position_positive",
    write=lambda **fields: update(DimensionFactory(), **fields),
    bad={"zero": {"position": 0}},
    good={"one": {"position": 1}},
)

# Item ----------------------------------------------------------------------------------------


def write_second_item(*, same_dimension, key, position):
    first = ItemFactory(key="shared-goals", position=1)
    dimension = first.dimension if same_dimension else DimensionFactory()
    ItemFactory(dimension=dimension, key=key, position=position)


def update_item(**fields):
    update(ItemFactory(), **fields)


CASES.add(
    Item,
    "item_key_unique",
    write=write_second_item,
    bad={"same-dimension": {"same_dimension": True, "key": "shared-goals", "position": 2}},
    good={
        "other-key": {"same_dimension": True, "key": "trust", "position": 2},
        "other-dimension": {"same_dimension": False, "key": "shared-goals", "position": 2},
    },
)
CASES.add(
    Item,
    "item_position_unique",
    write=write_second_item,
    bad={"same-dimension": {"same_dimension": True, "key": "trust", "position": 1}},
    good={
        "next-position": {"same_dimension": True, "key": "trust", "position": 2},
        "other-dimension": {"same_dimension": False, "key": "trust", "position": 1},
    },
)
CASES.add(
    Item,
    "item_position_positive",
    write=update_item,
    bad={"zero": {"position": 0}},
    good={"one": {"position": 1}},
)
CASES.add(
    Item,
    "item_weight_positive",
    write=update_item,
    bad={"zero": {"weight": Decimal("0")}, "negative": {"weight": Decimal("-0.01")}},
    good={"smallest": {"weight": Decimal("0.01")}},
)
CASES.add(
    Item,
    "item_response_type_valid",
    write=update_item,
    bad={"unknown": {"response_type": "choice"}, "empty": {"response_type": ""}},
    good={"text": {"response_type": ResponseType.TEXT}},
)
CASES.add(
    Item,
    "item_text_never_reverse_scored",
    write=update_item,
    bad={"reverse-text": {"response_type": ResponseType.TEXT, "reverse_scored": True}},
    good={
        "reverse-scale": {"response_type": ResponseType.SCALE, "reverse_scored": True},
        "plain-text": {"response_type": ResponseType.TEXT, "reverse_scored": False},
    },
)

# ScoreBand -----------------------------------------------------------------------------------


def write_second_band(*, same_framework, label, lower_bound):
    first = ScoreBandFactory(label="Concern", lower_bound=0)
    framework = first.framework if same_framework else FrameworkFactory()
    ScoreBandFactory(framework=framework, label=label, lower_bound=lower_bound)


CASES.add(
    ScoreBand,
    "band_lower_bound_unique",
    write=write_second_band,
    bad={"same-framework": {"same_framework": True, "label": "Strength", "lower_bound": 0}},
    good={
        "next-bound": {"same_framework": True, "label": "Strength", "lower_bound": 1},
        "other-framework": {"same_framework": False, "label": "Strength", "lower_bound": 0},
    },
)
CASES.add(
    ScoreBand,
    "band_label_unique",
    write=write_second_band,
    bad={"same-framework": {"same_framework": True, "label": "Concern", "lower_bound": 50}},
    good={
        "other-label": {"same_framework": True, "label": "Strength", "lower_bound": 50},
        "other-framework": {"same_framework": False, "label": "Concern", "lower_bound": 50},
    },
)
CASES.add(
    ScoreBand,
    "band_lower_bound_range",
    write=lambda **fields: update(ScoreBandFactory(), **fields),
    bad={"above-100": {"lower_bound": 101}},
    good={"zero": {"lower_bound": 0}, "100": {"lower_bound": 100}},
)
CASES.add(
    ScoreBand,
    "band_colour_valid",
    write=lambda **fields: update(ScoreBandFactory(), **fields),
    bad={"unknown": {"colour": "tartan"}, "empty": {"colour": ""}},
    good={"aqua-green": {"colour": "aqua-green"}},
)

# DimensionAdvice -----------------------------------------------------------------------------


def write_second_advice(*, same_band):
    dimension = DimensionFactory()
    concern = ScoreBandFactory(framework=dimension.framework, label="Concern", lower_bound=0)
    DimensionAdvice.objects.create(dimension=dimension, band=concern, text="Agree a plan.")
    band = (
        concern
        if same_band
        else ScoreBandFactory(framework=dimension.framework, label="Strength", lower_bound=70)
    )
    DimensionAdvice.objects.create(dimension=dimension, band=band, text="Keep it up.")


CASES.add(
    DimensionAdvice,
    "advice_one_per_band",
    write=write_second_advice,
    bad={"same-band": {"same_band": True}},
    good={"other-band": {"same_band": False}},
)

COVERED_CONSTRAINTS = CASES.names


# Tests ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "fields"), CASES.params("bad"))
def test_database_rejects_bad_row(case, fields):
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        case.write(**fields)
    assert_violated(raised.value, case.model, case.name)


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "fields"), CASES.params("good"))
def test_database_accepts_good_row(case, fields):
    case.write(**fields)


def test_every_framework_constraint_has_a_test():
    assert_every_constraint_covered("frameworks", COVERED_CONSTRAINTS)


@pytest.mark.django_db
def test_every_framework_constraint_is_in_the_database():
    assert_constraints_in_schema("frameworks")
