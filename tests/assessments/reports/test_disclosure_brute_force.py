"""A brute-force attacker against everything a round publishes (ADR 0036, amendment of
30 November 2026). For small random rounds we compute the published figures with the real
fold (``published.published_figures``), then, for every respondent r, every way the other
respondents could have answered that agrees with r's own answers and with every published
figure, and check that no other respondent's answer to any item is the same in every one.

What the attacker sees (more than any page shows, so a pass is the stronger for it): for
everyone, which items are withheld, each shown item's distribution, every dimension's score
and spread and the overall score; for every published partner and role group its size and
its dimension scores; which dimensions' group scores leave items out. Scores are compared to
nine decimals, not as the whole numbers the pages show.

Exact, not sampled. Every figure is a sum over partner × role cells, so it depends only on
how many people in each cell gave each value to each item: permuting answers within a cell
changes nothing. Consistent assignments are therefore enumerated as per-cell counts, and
another respondent's answer is determined exactly when, in every consistent count, their
cell (less r) holds one value only. Dimensions are enumerated one at a time, the others
held at the truth: a shown item's everyone-figures are fixed by its published distribution,
so figures of different dimensions constrain each other through nothing else; a withheld
item shows nothing but that it is withheld. Answers here are never "not applicable" (it
would multiply the enumeration; the thin-rating rule it exercises is ADR 0010's).

The rounds are tiny (3–8 respondents), so every item's raters are fewer than H and no
disclosure is accepted. ``test_the_attacker_finds_*`` show the attacker is not toothless: it
finds the case that sank the narrowed cell rule ("all but one at the scale's minimum or
maximum") and the case ADR 0036's first rule (plain unanimity in cells) let through.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from assessments.counts import CountRow
from assessments.models import ROLE_LABELS
from assessments.reports import published as published_module
from assessments.reports.disclosure import homogeneity_floor, withheld_items
from assessments.reports.published import published_figures
from assessments.reports.structure import DimensionSpec, FrameworkSpec, ItemSpec
from assessments.scoring import Band, ItemRule, Scale

LABELS = {1: "Alder", 2: "Birch", 3: "Cedar", None: "No organisation given"}
LIMIT = 4000  # candidate cell counts per dimension; larger rounds are skipped


def make_spec(items_per_dimension: tuple[int, ...], top: int) -> FrameworkSpec:
    """Dimensions 10, 20, … holding items 1, 2, … on a 1..``top`` scale; the second item of
    a dimension is reverse-scored and weighted 2, as real frameworks can be."""
    dimensions, pk = [], 0
    for position, count in enumerate(items_per_dimension, start=1):
        items = []
        for index in range(count):
            pk += 1
            rule = ItemRule(pk, position * 10, reverse_scored=index == 1, weight=1.0 + index)
            items.append(ItemSpec(pk, f"i{pk}", f"Statement {pk}", rule, True, True))
        dimensions.append(
            DimensionSpec(position * 10, f"d{position}", position, f"D{position}", "", "", False,
                          tuple(items))
        )  # fmt: skip
    return FrameworkSpec(
        id=1, slug="f", title="F", version=1, scale=Scale(1, top),
        scale_labels=tuple(str(v) for v in range(1, top + 1)),
        bands=(Band("Concern", 0), Band("Developing", 50), Band("Strength", 75)),
        dimensions=tuple(dimensions),
    )  # fmt: skip


def exact(value):
    return None if value is None else round(value, 9)


def view(spec, counts, cells, threshold):
    """Everything published, as one comparable value. ``counts``: (item, cell, value) ->
    people."""
    rows = [CountRow(i, g, v, n) for (i, g, v), n in counts.items() if n]
    figures = published_figures(
        spec, rows, cells, partner_labels=LABELS, role_labels=ROLE_LABELS, threshold=threshold
    )
    if figures.scores is None:
        return ("suppressed",)

    def dimensions(folded):
        return tuple((d, exact(folded.dimensions[d].score)) for d in sorted(folded.dimensions))

    everyone = figures.scores
    shown_items = tuple(
        (item, tuple(sorted(scores.distribution.items())), scores.not_applicable)
        for d in everyone.dimensions.values()
        for item, scores in sorted(d.items.items())
        if item not in figures.withheld_items
    )
    groups = tuple(
        (kind, g.key, g.respondents, dimensions(by_key[g.key]) if g.key in by_key else None)
        for kind, grouping, by_key in (
            ("partner", figures.publication.partners, figures.by_partner),
            ("role", figures.publication.roles, figures.by_role),
        )
        for g in grouping.groups
    )
    return (
        exact(everyone.overall),
        dimensions(everyone),
        tuple((d, exact(s.spread)) for d, s in sorted(everyone.dimensions.items())),
        figures.withheld_items,
        shown_items,
        groups,
        frozenset(d.id for d in figures.partly_broken_down),
    )


def fillings(values: Counter, capacities: dict) -> list[dict]:
    """Every way to deal the multiset ``values`` into cells holding exactly ``capacities``
    people: a list of {cell: Counter}."""
    cells = sorted(capacities, key=repr)
    found = []

    def deal(index, left, chosen):
        if index == len(cells):
            if not +left:
                found.append(dict(chosen))
            return
        cell = cells[index]
        for take in sub_multisets(left, capacities[cell]):
            chosen[cell] = take
            deal(index + 1, left - take, chosen)
        chosen.pop(cell, None)

    deal(0, Counter(values), {})
    return found


def sub_multisets(values: Counter, size: int) -> list[Counter]:
    keys = sorted(values)
    result = []

    def pick(index, left, chosen):
        if left == 0:
            result.append(Counter({k: n for k, n in chosen.items() if n}))
            return
        if index == len(keys):
            return
        key = keys[index]
        for n in range(min(values[key], left), -1, -1):
            chosen[key] = n
            pick(index + 1, left - n, chosen)
        chosen.pop(key, None)

    pick(0, size, {})
    return result


def disclosures(spec, people, threshold, note=lambda _: None):
    """(r, item, cell, value): respondent r can tell that everyone else in ``cell`` gave
    ``value`` to ``item``, from r's answers and the published figures alone."""
    cells = dict(Counter((p, r) for p, r, _ in people))
    truth: Counter = Counter()
    for partner, role, values in people:
        for item, value in values.items():
            truth[(item, (partner, role), value)] += 1
    true_view = view(spec, truth, cells, threshold)
    if true_view == ("suppressed",):
        note("suppressed")
        return []
    scores = sum(1 for g in true_view[5] if g[3] for _, score in g[3] if score is not None)
    note(f"group dimension scores shown: {min(scores, 3)}{'+' if scores >= 3 else ''}")
    withheld = true_view[3]
    found = []
    top = spec.scale.maximum
    for dimension in spec.scored_dimensions:
        items = [i.id for i in dimension.scored_items]
        # A withheld item shows only that it is withheld: over all multisets of the others.
        for item in (i for i in items if i in withheld):
            for index, (partner, role, values) in enumerate(people):
                others = len(people) - 1
                consistent = []
                for combo in itertools.combinations_with_replacement(range(1, top + 1), others):
                    rest = Counter(combo)
                    rows = [CountRow(item, (partner, role), v, n) for v, n in rest.items()]
                    rows.append(CountRow(item, (partner, role), values[item], 1))
                    if item in withheld_items(rows, threshold=threshold):
                        consistent.append(rest)
                if (value := one_value(consistent)) is not None:
                    found.append((index, item, "everyone", value))
        shown = [i for i in items if i not in withheld]
        if not shown:
            continue
        per_item = []
        for item in shown:
            whole: Counter = Counter()
            for (i, _, v), n in truth.items():
                if i == item:
                    whole[v] += n
            per_item.append(fillings(whole, cells))
        if math.prod(len(f) for f in per_item) > LIMIT:
            raise TooBig
        base = Counter({k: n for k, n in truth.items() if k[0] not in shown})
        consistent = []
        for choice in itertools.product(*per_item):
            candidate = Counter(base)
            for item, filling in zip(shown, choice, strict=True):
                for cell, counted in filling.items():
                    for value, n in counted.items():
                        candidate[(item, cell, value)] += n
            if view(spec, candidate, cells, threshold) == true_view:
                consistent.append(dict(zip(shown, choice, strict=True)))
        for index, (partner, role, values) in enumerate(people):
            own = (partner, role)
            mine = [c for c in consistent if all(c[i][own][values[i]] >= 1 for i in shown)]
            for item in shown:
                for cell in cells:
                    rests = []
                    for c in mine:
                        rest = Counter(c[item][cell])
                        if cell == own:
                            rest[values[item]] -= 1
                        rests.append(+rest)
                    if (value := one_value(rests)) is not None:
                        found.append((index, item, cell, value))
    return found


def one_value(counts: list[Counter]):
    """The value every one of ``counts`` holds and nothing else, or None: what the others
    in a cell gave when that is the same in every consistent assignment."""
    values = {value for c in counts for value in c}
    if counts and all(c for c in counts) and len(values) == 1:
        return values.pop()
    return None


class TooBig(Exception):
    pass


@st.composite
def rounds(draw):
    """2–3 partners × 1–2 roles, 3–8 respondents, 1–2 dimensions of 1–2 items on a 3- to
    5-point scale; each round draws the few values its people use, so cells often agree."""
    threshold = draw(st.sampled_from([2, 3]))
    top = draw(st.sampled_from([3, 4, 5]))
    shape = tuple(draw(st.lists(st.integers(1, 2), min_size=1, max_size=2)))
    items = range(1, sum(shape) + 1)
    palette = draw(st.lists(st.integers(1, top), min_size=1, max_size=top, unique=True))
    cells = list(
        itertools.product([1, 2, 3][: draw(st.integers(2, 3))],
                          ["clinical", "leadership"][: draw(st.integers(1, 2))])
    )  # fmt: skip
    sizes = [draw(st.integers(0, 8 // len(cells) + 1)) for _ in cells]
    assume(3 <= sum(sizes) <= 8)
    answers = st.fixed_dictionaries({i: st.sampled_from(palette) for i in items})
    people = [
        (partner, role, draw(answers))
        for (partner, role), size in zip(cells, sizes, strict=True)
        for _ in range(size)
    ]
    return threshold, make_spec(shape, top), people


@settings(max_examples=300, deadline=None)
@given(rounds())
def test_no_respondent_can_work_out_another_respondents_answer(data):
    threshold, spec, people = data
    assert all(n < homogeneity_floor(threshold) for n in [len(people)])  # none accepted
    try:
        found = disclosures(spec, people, threshold, note=event)
    except TooBig:
        event("too many candidates: skipped")
        return
    assert found == [], (threshold, people, found)


# -- The attacker at work: two cell rules it defeats ------------------------------------------

ONE_ITEM = make_spec((1,), 5)


def plain_unanimity(cell_rows, partners, roles, *, threshold):
    """ADR 0036's first cell rule: thin, or every rater of the cell gave one value."""
    return _cell_rule(cell_rows, partners, roles, threshold, lambda values, n: len(values) == 1)


def extremes_only(cell_rows, partners, roles, *, threshold):
    """The narrowed rule proposed on 30 November 2026 and rejected: thin, or all but at most
    one rater of the cell gave the scale's minimum, or all but at most one its maximum."""
    low, high = ONE_ITEM.scale.minimum, ONE_ITEM.scale.maximum
    return _cell_rule(
        cell_rows, partners, roles, threshold,
        lambda values, n: values[low] >= n - 1 or values[high] >= n - 1,
    )  # fmt: skip


def _cell_rule(cell_rows, partners, roles, threshold, flagged):
    floor = homogeneity_floor(threshold)
    partner_group = {m: g.key for g in partners.groups for m in g.members}
    role_group = {m: g.key for g in roles.groups for m in g.members}
    values: dict = defaultdict(Counter)
    for row in cell_rows:
        if row.value is not None:
            partner, role = row.group
            values[(row.item_id, partner_group.get(partner), role_group.get(role))][row.value] += (
                row.count
            )
    return frozenset(
        item
        for (item, _, _), counted in values.items()
        if 0 < (n := sum(counted.values())) < threshold or (n < floor and flagged(counted, n))
    )


def people_of(*groups):
    return [(partner, None, {1: value}) for partner, values in groups for value in values]


# Alder {2, 2, 3}, Birch {3, 4, 4} on 1–5: no cell is near an end of the scale, and everyone's
# distribution ("2: 2 · 3: 2 · 4: 2") is shown. Alder's mean (7/3) is the least three values
# of that distribution can make, so Alder holds {2, 2, 3}: its "3" reads both others' "2".
NARROWED_CASE = people_of((1, (2, 2, 3)), (2, (3, 4, 4)))
# Add Cedar {4, 4, 5}: Alder holds the least three values, Cedar the greatest, so Birch holds
# the rest, {3, 4, 4}: the middle group is pinned too, and Birch's "3" reads both "4"s.
THREE_CASE = people_of((1, (2, 2, 3)), (2, (3, 4, 4)), (3, (4, 4, 5)))
# Alder {4, 4, 5}, Birch {4, 5, 5}: no cell unanimous; Alder's "5" reads both other "4"s.
PLAIN_CASE = people_of((1, (4, 4, 5)), (2, (4, 5, 5)))


@pytest.mark.parametrize(
    ("rule", "people", "expected"),
    [
        (extremes_only, NARROWED_CASE, (2, 1, (1, None), 2)),
        (extremes_only, THREE_CASE, (3, 1, (2, None), 4)),
        (plain_unanimity, PLAIN_CASE, (2, 1, (1, None), 4)),
    ],
)
def test_the_attacker_finds_what_a_weaker_cell_rule_lets_through(
    monkeypatch, rule, people, expected
):
    monkeypatch.setattr(published_module, "items_unsafe_in_cells", rule)
    assert expected in disclosures(ONE_ITEM, people, 3)


@pytest.mark.parametrize("people", [NARROWED_CASE, THREE_CASE, PLAIN_CASE])
def test_the_rule_in_force_keeps_both_cases_safe(people):
    assert disclosures(ONE_ITEM, people, 3) == []
