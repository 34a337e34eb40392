"""The default library: eight frameworks, every element of FRAMEWORKS.md, loaded idempotently."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from frameworks.models import Dimension, DimensionAdvice, Framework, Item, ScoreBand

# For each framework, a phrase standing for every element FRAMEWORKS.md lists for it.
ELEMENTS = {
    "barriers-to-collaboration": [
        "Too difficult to work with others", "quicker to do it on my own",
        "Don't know who to collaborate with", "Not enough connection between people",
        '"Not invented here" syndrome', "suspicious of others' motives",
        '"Knowledge is power" syndrome', "lessen one's value",
        "Unwilling to ask for help", "sign of weakness",
        "Accountability issues", "the credit if it works and the blame",
        "Cutting across the organisational structure", "power structure",
        "attend meetings", "disillusioned", "not medical", "finding a building",
    ],
    "warning-signs": [
        "lack of clarity about", "competing interests", "runs ahead",
        "dominant partners", "collaborative thuggery", "agendas", "out-resourcing",
        "lowest common denominator", "least we can get away with",
        "absence of trust", "collaborative culture",
        "imposed", "buy-in", "just another thing to do",
    ],
    "partnership-values": [
        "Openness", "Transparency", "Authenticity", "Willingness", "Integrity (intimacy)",
        "Intensity", "open to new ideas", "open to being influenced", "say what I mean",
        "hiding behind", "vulnerable", "comfort zone", "reality is subjective",
    ],
    "readiness-for-change": [
        "Relate to the vision", "personal gain", "Give input", "Respect the leader",
        "the time is right", "Kotter", "Leading Change", "1996",
    ],
    "building-powerful-partnerships": [
        "right vision", "right partners", "Trusted people", "relationships work",
        "roles", "processes", "enabling technolog", "shared service architecture",
        "When not to collaborate", "Huxham", "Managing to Collaborate", "2005",
        "achieve the outcome on your own", "Collaborative advantage", "Collaborative inertia",
        "pain and hard grind", "good or poor collaborative", "good collaborative workplace",
    ],
    "provider-collaboration-checklist": [
        "myths and dragons", "commissioning relationship", "partnership board",
        "cannot be imposed", "Kanter", "threatening", "business plan",
        "contribute to where", "many relationships", "local competitors", "board-level",
        "terms of reference", "terms of engagement", "measure", "neither", "support to try",
        "rationale", "legal and local political framework", "get it", "culture carriers",
        "time, energy", "evidence", "how quality is defined", "inspection",
        "National Health Executive", "2012",
    ],
    "benefits-realised": [
        "influence", "voice", "resilience", "economies of scale", "complementar",
        "reduce", "scarce resources", "innovat", "integrat", "new opportunities", "wicked",
        "careers", "talent",
    ],
    "capacity-and-ways-of-working": [
        "already stretched", "20%", "80%", "skills", "can never be made in isolation",
        "listen", "staff and citizens", "Getting to Yes", "Fisher", "Ury", "mutual gain",
        "long-term trust", "realistic shared vision", "first principles",
        "function leads form", "conical spirals", "start small", "how can we help",
    ],
}  # fmt: skip


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


def _all_text(framework: Framework) -> str:
    parts = [framework.title, framework.summary, framework.source]
    for dimension in framework.dimensions.prefetch_related("items", "advice"):
        parts += [dimension.title, dimension.description, dimension.source, dimension.guidance]
        parts += [a.text for a in dimension.advice.all()]
        for item in dimension.items.all():
            parts += [item.statement, item.help_text]
    return _normalise(" ".join(parts))


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Framework, Dimension, Item, ScoreBand, DimensionAdvice)
    }


@pytest.fixture
def loaded(db):
    call_command("load_frameworks", stdout=StringIO())


@pytest.mark.django_db
def test_loading_twice_creates_eight_frameworks_and_then_changes_nothing():
    first = StringIO()
    call_command("load_frameworks", stdout=first)
    counts = _counts()
    updated = {f.pk: f.updated_at for f in Framework.objects.all()}
    second = StringIO()
    call_command("load_frameworks", stdout=second)

    assert counts["Framework"] == 8
    assert _counts() == counts
    assert {f.pk: f.updated_at for f in Framework.objects.all()} == updated
    assert "8 frameworks: 8 created, 0 updated, 0 unchanged, 0 left alone." in first.getvalue()
    assert "8 frameworks: 0 created, 0 updated, 8 unchanged, 0 left alone." in second.getvalue()


@pytest.mark.parametrize("slug", sorted(ELEMENTS))
def test_every_element_of_the_brief_is_in_the_content(loaded, slug):
    framework = Framework.objects.get(slug=slug)
    text = _all_text(framework)
    missing = [phrase for phrase in ELEMENTS[slug] if _normalise(phrase) not in text]
    assert missing == []


def test_default_content_is_well_formed(loaded):
    for framework in Framework.objects.prefetch_related("bands", "dimensions__items"):
        assert framework.status == "published"
        assert [b.lower_bound for b in framework.bands.all()] == [0, 50, 75]
        assert framework.source.strip()
        if framework.is_scored:
            assert len(framework.scale_labels) == framework.scale_max - framework.scale_min + 1
        for dimension in framework.dimensions.all():
            assert dimension.items.exists(), dimension
            assert dimension.guidance.strip(), dimension
            assert dimension.advice.count() == 3, dimension


def test_barriers_and_warning_signs_are_reverse_scored(loaded):
    for slug in ("barriers-to-collaboration", "warning-signs"):
        items = Item.objects.filter(dimension__framework__slug=slug)
        assert items.exists()
        assert not items.filter(reverse_scored=False).exists(), slug


def test_plymouth_barriers_are_a_local_context_dimension(loaded):
    local = Dimension.objects.get(framework__slug="barriers-to-collaboration", local_context=True)
    assert local.items.count() == 4


def test_checklist_uses_no_partly_yes(loaded):
    checklist = Framework.objects.get(slug="provider-collaboration-checklist")
    assert checklist.kind == "checklist"
    assert checklist.scale_points == [(0, "No"), (1, "Partly"), (2, "Yes")]
    assert not checklist.dimensions.filter(items__allows_not_applicable=False).exists()
