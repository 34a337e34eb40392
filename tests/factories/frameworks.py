"""Framework versions and their content."""

import factory
from django.utils import timezone

from frameworks import models as f


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = f.Framework

    slug = factory.Sequence(lambda n: f"framework-{n}")
    version = 1
    title = factory.Sequence(lambda n: f"Framework {n}")
    summary = "A framework for tests."
    kind = f.FrameworkKind.RATED
    source = "Test source, 2026."
    scale_min = 1
    scale_max = 5
    scale_labels = [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ]
    status = f.FrameworkStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = f.Dimension

    framework = factory.SubFactory(FrameworkFactory)
    key = factory.Sequence(lambda n: f"dimension-{n}")
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Dimension {n}")
    guidance = "Guidance from the source."


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = f.Item

    dimension = factory.SubFactory(DimensionFactory)
    key = factory.Sequence(lambda n: f"item-{n}")
    position = factory.Sequence(lambda n: n + 1)
    statement = factory.Sequence(lambda n: f"Statement {n}")


class ScoreBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = f.ScoreBand

    framework = factory.SubFactory(FrameworkFactory)
    label = "Concern"
    lower_bound = 0
    colour = f.TagColour.RED


def build_framework(*, sections=(2, 2, 2), text_items=(), bands=True, **framework_fields):
    """A published framework with ``sections[i]`` rated items in dimension i + 1 (positions
    from 1), free-text items added to the dimensions listed in ``text_items`` (1-based), and
    the usual Concern / Developing / Strength bands."""
    framework = FrameworkFactory(**framework_fields)
    for number, count in enumerate(sections, start=1):
        dimension = DimensionFactory(
            framework=framework,
            position=number,
            key=f"{framework.slug}-d{number}",
            title=f"Section {number} title",
            description=f"What section {number} is about.",
            guidance=f"Guidance for section {number}.",
        )
        for position in range(1, count + 1):
            ItemFactory(
                dimension=dimension,
                position=position,
                key=f"{dimension.key}-i{position}",
                statement=f"Statement {number}.{position}",
            )
        if number in text_items:
            ItemFactory(
                dimension=dimension,
                position=count + 1,
                key=f"{dimension.key}-text",
                statement=f"Reflection {number}",
                response_type=f.ResponseType.TEXT,
            )
    if bands:
        for label, lower, colour in [
            ("Concern", 0, f.TagColour.RED),
            ("Developing", 50, f.TagColour.YELLOW),
            ("Strength", 75, f.TagColour.GREEN),
        ]:
            ScoreBandFactory(framework=framework, label=label, lower_bound=lower, colour=colour)
    return framework
