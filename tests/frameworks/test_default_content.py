"""The default library: eight frameworks in two editions, every element of FRAMEWORKS.md and
of the second edition's review (CONTENT-REVIEW §3, §4), loaded idempotently."""

import re
from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from frameworks.content_format import framework_to_data, validate
from frameworks.management.commands.load_frameworks import ARCHIVE_DIR
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
        # Second edition: the table's own title, applied across partners; G8 framing.
        "Blockers to internal collaborative working", "applied here across partner",
        "People feel that", "high score means this barrier is weak or absent",
    ],
    "warning-signs": [
        "lack of clarity about", "competing interests", "runs ahead",
        "dominant partners", "collaborative thuggery", "agendas", "out-resourcing",
        "lowest common denominator", "least we can get away with",
        "absence of trust", "collaborative culture",
        "imposed", "buy-in", "just another thing to do",
        "primary care network (PCN)",
        "the option everyone can live with", "getting your own way by pressure",
    ],
    "partnership-values": [
        "Openness", "Transparency", "Authenticity", "Willingness", "Integrity (intimacy)",
        "Intensity", "open to new ideas", "open to being influenced", "say what I mean",
        "hiding behind", "vulnerable", "comfort zone", "reality is subjective",
        "The values in our partnership", "reported apart from your ratings of yourself",
        "pairs them by meaning",
    ],
    "readiness-for-change": [
        "Relate to the vision", "personal gain", "Give input", "Respect the leader",
        "the time is right", "Kotter", "Leading Change", "1996",
        "sense of urgency", "Explain why now", "name the change",
    ],
    "building-powerful-partnerships": [
        "right vision", "right partners", "Trusted people", "relationships work",
        "roles", "processes", "enabling technolog", "shared service architecture",
        "When not to collaborate", "Huxham", "Managing to Collaborate", "2005",
        "achieve the outcome on your own", "Collaborative advantage", "Collaborative inertia",
        "pain and hard grind", "good or poor collaborative", "good collaborative workplace",
        "Screening", "Resources and shared risk", "Mariotti", "invests resources and takes risks",
        "fair share of the money", "staff time", "share the risks", "share the rewards",
    ],
    "provider-collaboration-checklist": [
        "myths and dragons", "commissioning relationship", "partnership board",
        "cannot be imposed", "Kanter", "threatening", "business plan",
        "contribute to where", "many relationships", "local competitors", "board-level",
        "terms of reference", "terms of engagement", "measure", "neither", "support to try",
        "rationale", "legal and local political framework", "get it", "culture carriers",
        "time, energy", "evidence", "how quality is defined", "inspection",
        "National Health Executive", "2012",
        "Care Quality Commission", "need not be through chief executives",
        "culture of open, supportive joint working", "don't know",
    ],
    "benefits-realised": [
        "influence", "voice", "resilience", "economies of scale", "complementar",
        "reduce", "scarce resources", "innovat", "integrat", "new opportunities", "wicked",
        "careers", "talent",
        "past 12 months", "sharing costs", "no simple fix", "our addition",
    ],
    "capacity-and-ways-of-working": [
        "already stretched", "20%", "80%", "skills", "can never be made in isolation",
        "listen", "staff and citizens", "Getting to Yes", "Fisher", "Ury", "mutual gain",
        "long-term trust", "realistic shared vision", "first principles",
        "function leads form", "conical spirals", "start small", "how can we help",
        "Monitoring, evaluating and learning", "linger on", "agreed measures", "evidence",
        "change what we do", "Negotiating Agreement Without Giving In",
        "separate the people from the problem", "interests, not positions",
        "objective criteria", "Myron's Maxims", "Partnering is a verb", "Belong in Plymouth",
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


def _current(slug: str) -> Framework:
    return Framework.objects.latest_published().get(slug=slug)


# Statements that use "and"/"or" yet ask one thing, each with the reviewer's reason. Text in
# brackets is an example or a gloss, not a second idea, so it is not checked. A statement
# here must still hold its phrase; any other "and"/"or" fails the test.
ONE_IDEA = {
    "not-invented-here-suspicion": ("motives and intentions", "the source's fixed pair"),
    "local-cost-and-premises": ("Cost and finding a building", "one barrier in the source"),
    "influence-make-the-weather": ("yes or no", "one idea: a say over what is taken on"),
    "resilience-economies": ("scale and scope", "one economic term, glossed in the hint"),
    "inertia-hard-grind": ("pain and hard grind", "Huxham and Vangen's fixed phrase"),
    "reflect-environments": ("good or poor", "the source's own open question"),
    "vision-function-leads-form": ("achieve, and why", "what and why: the purpose"),
    "spirals-start-small": ("small and widen", "the spiral is one movement"),
    "history-myths-and-dragons": ("myths and dragons", "the source's fixed phrase"),
    "leadership-size-sector": ("size or sector", "one idea: how partners differ"),
    "early-competitor-work": (
        "competitors, or we have been open about it and worked",
        "one condition in the source: no such work, or openness about it",
    ),
    "process-shared-language": ("'public sector' or 'private sector'", "one idea: jargon"),
    "process-legal-political": ("legal and local political framework", "the source's term"),
}  # fmt: skip
CONJUNCTION = re.compile(r"\b(and|or)\b", re.IGNORECASE)
BRACKETS = re.compile(r"\([^)]*\)")


@pytest.mark.django_db
def test_loading_twice_creates_both_editions_and_then_changes_nothing():
    first = StringIO()
    call_command("load_frameworks", stdout=first)
    counts = _counts()
    updated = {f.pk: f.updated_at for f in Framework.objects.all()}
    second = StringIO()
    call_command("load_frameworks", stdout=second)

    assert counts["Framework"] == 16
    assert Framework.objects.values("slug").distinct().count() == 8
    assert _counts() == counts
    assert {f.pk: f.updated_at for f in Framework.objects.all()} == updated
    assert "16 framework versions: 16 created, 0 updated, 0 unchanged, 0 left alone." in (
        first.getvalue()
    )
    assert "16 framework versions: 0 created, 0 updated, 16 unchanged, 0 left alone." in (
        second.getvalue()
    )
    assert list(Framework.objects.latest_published().values_list("version", flat=True)) == [2] * 8


@pytest.mark.parametrize("slug", sorted(ELEMENTS))
def test_every_element_of_the_brief_and_the_review_is_in_the_content(loaded, slug):
    text = _all_text(_current(slug))
    missing = [phrase for phrase in ELEMENTS[slug] if _normalise(phrase) not in text]
    assert missing == []


def test_no_statement_joins_two_ideas_unless_reviewed(loaded):
    joined, stale = [], []
    for item in Item.objects.filter(dimension__framework__in=Framework.objects.latest_published()):
        text = BRACKETS.sub("", item.statement)
        if item.key in ONE_IDEA:
            phrase, _reason = ONE_IDEA[item.key]
            if phrase not in text:
                stale.append(item.key)
            text = text.replace(phrase, "")
        if CONJUNCTION.search(text):
            joined.append(f"{item.key}: {item.statement}")
    assert joined == []
    assert stale == []


def test_the_conjunction_check_can_fail():
    assert CONJUNCTION.search("Roles are agreed and clear.")
    assert not CONJUNCTION.search(BRACKETS.sub("", "We share data (such as A or B)."))
    assert not CONJUNCTION.search("Our brand is candid.")


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
            rated = dimension.items.filter(response_type="scale").exists()
            # Version 2 drops advice that could never show (text items get no band: G10).
            expected = 3 if rated or framework.version == 1 else 0
            assert dimension.advice.count() == expected, dimension


def test_every_summary_says_who_partners_are(loaded):
    for framework in Framework.objects.latest_published():
        assert "not the GP partners who own a practice" in framework.summary, framework.slug


def test_barriers_and_warning_signs_are_reverse_scored(loaded):
    for slug in ("barriers-to-collaboration", "warning-signs"):
        items = Item.objects.filter(dimension__framework__slug=slug)
        assert items.exists()
        assert not items.filter(reverse_scored=False).exists(), slug


def test_plymouth_barriers_are_a_local_context_dimension(loaded):
    local = Dimension.objects.get(
        framework=_current("barriers-to-collaboration"), local_context=True
    )
    assert local.items.count() == 5
    assert not local.items.exclude(help_text__contains="Not applicable").exists()


def test_checklist_uses_no_partly_yes(loaded):
    checklist = _current("provider-collaboration-checklist")
    assert checklist.kind == "checklist"
    assert checklist.scale_points == [(0, "No"), (1, "Partly"), (2, "Yes")]
    assert not checklist.dimensions.filter(items__allows_not_applicable=False).exists()
    assert "Not applicable / don't know" in checklist.summary


def test_nobody_is_asked_whether_they_know_their_own_mind(loaded):
    """Self-ratings ("I ...") offer no "don't know", except where the answer depends on
    others: whether my views made a difference, and how I see leaders I may not know."""
    may_not_know = {"input-listened", "leader-respect", "leader-trust"}
    self_ratings = Item.objects.filter(
        dimension__framework__in=Framework.objects.latest_published(),
        response_type="scale",
        statement__regex=r"^(I|My|With partners, I) ",
    )
    assert self_ratings.count() >= 20
    offered = {i.key for i in self_ratings if i.allows_not_applicable}
    assert offered == may_not_know


def test_values_rate_myself_apart_from_our_partnership(loaded):
    values = _current("partnership-values")
    dimensions = list(values.dimensions.prefetch_related("items"))
    assert len(dimensions) == 7
    for dimension in dimensions[:6]:
        statements = [i.statement for i in dimension.items.all()]
        assert statements and all(s.startswith(("I ", "With partners, I ")) for s in statements)
    group = dimensions[6]
    assert group.key == "values-in-our-partnership"
    assert all(i.statement.startswith("In our partnership") for i in group.items.all())
    assert group.items.count() == 6


def test_screening_question_comes_first_and_new_dimensions_are_rated(loaded):
    building = _current("building-powerful-partnerships")
    first = building.dimensions.order_by("position").first()
    assert first.key == "when-not-to-collaborate" and first.title.startswith("Screening")
    for slug, key in (
        ("building-powerful-partnerships", "resources-and-shared-risk"),
        ("capacity-and-ways-of-working", "monitoring-evaluating-learning"),
    ):
        dimension = _current(slug).dimensions.get(key=key)
        assert dimension.items.filter(response_type="scale").count() >= 5
        assert dimension.advice.count() == 3
        assert not dimension.local_context


def test_the_first_edition_is_kept_as_it_was(loaded):
    """Version 1 is still in the library, published, exactly as its archived file."""

    for path in sorted((ARCHIVE_DIR / "version-1").glob("*.yaml")):
        data, errors = validate(yaml.safe_load(path.read_text()))
        assert errors == [] and data["version"] == 1
        stored = Framework.objects.get(slug=path.stem, version=1)
        assert framework_to_data(stored) == data
        assert Framework.objects.get(slug=path.stem, version=2).previous_version == stored
