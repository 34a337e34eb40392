"""Disclosure control: which groups of respondents a round may publish. Pure: no database.

Every figure the service shows for a questionnaire in a round (report page, CSV, PDF, Excel,
trends, dashboard, benchmark) is a sum over one of the **published groups** decided here:

- everyone who answered the questionnaire;
- the partner groups: partner organisations with at least ``threshold`` respondents, and one
  "Other partners" group holding the rest (``grouping.reporting_groups``); comments are shown
  under these groups too;
- the role groups, built the same way, or none at all (the role breakdown withheld).

The rule (ADR 0010). Both breakdowns are partitions of the same respondents, so every
published figure is a sum over **cells**: the respondents in one partner group *and* one role
group. Anything a reader can work out by adding or subtracting published figures (two
breakdowns, a group from the total, a union of groups from the total) is therefore a sum
over whole cells. We publish the role breakdown only when every cell holds either nobody or
at least ``threshold`` respondents. Then no difference of published groups, and no
complement of a union of them, can hold between 1 and ``threshold − 1`` people: the
subtraction attacks of statistical disclosure control (differencing, as in INSEE's
diffman; secondary suppression, as in tau-Argus) have nothing smaller than the threshold to
find. This is stricter than checking pairs of groups, and it is what makes the guarantee
provable (tests/assessments/reports/test_disclosure.py checks it with hypothesis).

When a cell is too small, role groups are combined further (the smallest role group joins
"Other roles", again and again); if that leaves a single role group, the role breakdown is
withheld for that questionnaire. The partner breakdown is never changed by this check: it is
the breakdown partnerships exist to see, and on its own it is always safe (a partition into
groups of at least ``threshold``).

Ratings (the same rule, for raters). A person may answer "not applicable", so a group can
hold fewer raters of an item than respondents. An item rated by 1..``threshold − 1`` people in
all is **withheld** (no figure anywhere); an item that some cell rated by 1..``threshold − 1``
people is **unsafe for breakdowns** (left out of every group's scores, kept in everyone's).

Homogeneity (ADR 0036; statistical offices call it *group disclosure*, the literature
*l-diversity*). A count of people is not the only way a figure can single someone out: when
every rater of an item in a set gave the same value, the set's figures ("3 of 3 chose
Strongly disagree", a mean of 0 or 100, a spread of 0) tell each of them what the others
said, and tell anyone who knows who is in the set what each person said. All but one is as
bad (ADR 0036, amendment "all but one"): when five of six chose "Agree" and one "Strongly
disagree", the one who differs subtracts their own answer from "Strongly disagree: 1 ·
Agree: 5" and reads all five others, and so does anyone who knows that person's answer. We
therefore call an item **near-unanimous** in a set of respondents when 1..``H − 1`` of them
rated it and all of them but at most one gave one value (the largest count of one value is
at least raters − 1; "not applicable" is no value), with
``H = homogeneity_floor(threshold) = max(HOMOGENEITY_FLOOR, threshold)``, and treat it
exactly as a thin rating, at every level a reader can reach:

- near-unanimous in the whole round: withheld everywhere (``withheld_items``);
- near-unanimous in some partner × role cell: unsafe for breakdowns
  (``items_unsafe_in_cells``), so no group's score uses its ratings.

Checking cells is enough for every set made of cells. Any published group, and any sum or
difference of published groups, is a union of cells. Take a union whose raters of an item
number 1..H − 1, all but at most one of whom gave the value v; every cell in it has fewer
than H raters. If nobody differs, every cell with a rater is unanimous. If one person d
differs, either d's cell holds every rater of the union (and so is itself near-unanimous),
or some other cell has a rater, and every rater of that cell gave v: it is unanimous. Either
way some cell is flagged and the item is left out of every group. So every union of cells
in which an item is shown has, for that item, at least H raters or at least two raters
outside its most common value. The same argument covers a group's **dimension** score: a
score of 0 or 100 (or a spread of 0) needs every item it uses to be unanimous in that group,
and every item it uses has there at least H raters or two outside its most common value.

Why "all but one" of any value in cells, and not only at the ends of the scale (ADR 0036,
amendment of 30 November 2026). A group's mean alone tells a member only the sum of the
others' ratings, which pins each of them only when it is the least or the greatest the scale
allows. But everyone's distribution of every shown item is published too, and with it a
group's sum can pin the group's values anywhere on the scale: with Alder {2, 2, 3} and Birch
{3, 4, 4} on 1–5 and everyone's "2: 2 · 3: 2 · 4: 2", Alder's mean of 7/3 is the least that
three of those six values make, so Alder's "3" reads both other "2"s (with three groups the
middle one can be pinned too). So a cell in which all but at most one gave one value,
whatever the value, keeps the item out of every group. A brute-force attacker checks the
whole rule (tests/assessments/reports/test_disclosure_brute_force.py): on small random
rounds, no respondent can work out another's answer from their own answers and every
published figure.

Nothing on any page says which rule withheld a figure, nor which value anyone chose:
withheld items lose their "not applicable" counts too (``without_items``), so a reader
cannot tell a thinly rated item from a near-unanimous one by counting raters.

Time is the other way to difference figures: results are published only once a round has
closed, and a closed round never opens again (``services.rounds``), so published figures
never change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from assessments.counts import CountRow
from assessments.reports.grouping import OTHER_KEY, Grouping, reporting_groups

OTHER_ROLES = "Other roles"
OTHER_PARTNERS = "Other partners"

Cell = tuple[Hashable, Hashable]  # (partner id or None, role value or None)


# The one sentence every view gives when a rule on ratings (too few raters, or all but at
# most one giving one answer) left figures out: it names neither the rule nor any value.
WITHHELD_NOTE = "Some figures are not shown because they would reveal how individuals answered."


class RoleBreakdown:
    SHOWN = "shown"  # as the threshold alone allows
    COMBINED = "combined"  # roles combined further than the threshold alone needs
    WITHHELD = "withheld"  # not shown: the cells could not be made safe
    NONE = "none"  # nothing to show: everyone is in one role, or the round is suppressed


@dataclass(frozen=True)
class Publication:
    """What one questionnaire in one round may publish.

    ``partners`` and ``roles`` are the published groups (``roles.groups`` is empty when the
    role breakdown is withheld). ``total`` is everyone who answered; ``suppressed`` is True
    when that is fewer than ``threshold`` and nothing but counts may be shown.
    """

    threshold: int
    total: int
    partners: Grouping
    roles: Grouping
    role_breakdown: str

    @property
    def suppressed(self) -> bool:
        return self.total < self.threshold

    @property
    def shows_roles(self) -> bool:
        return not self.suppressed and len(self.roles.groups) >= 2

    @property
    def note(self) -> str:
        """One plain sentence on what the check changed, or "" when it changed nothing."""
        if self.role_breakdown == RoleBreakdown.COMBINED:
            return (
                "Some roles are combined into “Other roles”: shown separately, and compared "
                "with the results by organisation, they would reveal the answers of fewer "
                f"than {self.threshold} people."
            )
        if self.role_breakdown == RoleBreakdown.WITHHELD:
            return (
                "Results by role are not shown for this questionnaire: compared with the "
                "results by organisation, they would reveal the answers of fewer than "
                f"{self.threshold} people."
            )
        return ""


def published_partner_groups(
    sizes: Mapping[Hashable, int], labels: Mapping[Hashable, str], *, threshold: int
) -> Grouping:
    """The partner groups every view publishes (the report's heatmap and comments, the CSV,
    the dashboard's split count): those of ``publication``, from respondents per partner."""
    return reporting_groups(sizes, labels, threshold=threshold, other_label=OTHER_PARTNERS)


def publication(
    cells: Mapping[Cell, int],
    *,
    threshold: int,
    partner_labels: Mapping[Hashable, str],
    role_labels: Mapping[Hashable, str],
) -> Publication:
    """The groups a questionnaire may publish, from respondents per (partner, role) cell.

    ``cells`` maps (partner id or None, role or None) to the number of submitted responses;
    zero and missing cells are the same. Labels name partners and roles (None included).
    Deterministic: the same counts always give the same groups.
    """
    partner_sizes: dict[Hashable, int] = defaultdict(int)
    role_sizes: dict[Hashable, int] = defaultdict(int)
    for (partner, role), n in cells.items():
        if n > 0:
            partner_sizes[partner] += n
            role_sizes[role] += n
    partners = published_partner_groups(partner_sizes, partner_labels, threshold=threshold)
    if partners.suppressed:
        roles = reporting_groups({}, role_labels, threshold=threshold, other_label=OTHER_ROLES)
        return Publication(threshold, partners.total, partners, roles, RoleBreakdown.NONE)

    forced: set[Hashable] = set()
    while True:
        roles = reporting_groups(
            role_sizes,
            role_labels,
            threshold=threshold,
            other_label=OTHER_ROLES,
            merge=frozenset(forced),
        )
        if len(roles.groups) < 2:
            state = RoleBreakdown.WITHHELD if forced else RoleBreakdown.NONE
            empty = Grouping(groups=(), threshold=threshold, total=roles.total, merged_labels=())
            return Publication(threshold, partners.total, partners, empty, state)
        unsafe = unsafe_role_groups(cells, partners, roles)
        if not unsafe:
            state = RoleBreakdown.COMBINED if forced else RoleBreakdown.SHOWN
            return Publication(threshold, partners.total, partners, roles, state)
        # Combine the smallest role group that sits in an unsafe cell (the merged group
        # itself cannot be combined further, so then the smallest group shown on its own).
        candidates = [g for g in roles.groups if g.key in unsafe and not g.is_merged] or [
            g for g in roles.groups if not g.is_merged
        ]
        smallest = min(candidates, key=lambda g: (g.respondents, g.label, str(g.key)))
        forced |= smallest.members


def cross_cells(
    cells: Mapping[Cell, int], partners: Grouping, roles: Grouping
) -> dict[tuple[Hashable, Hashable], int]:
    """Respondents per (partner group key, role group key): the finest sets any sum or
    difference of published figures can reach."""
    partner_group = {m: g.key for g in partners.groups for m in g.members}
    role_group = {m: g.key for g in roles.groups for m in g.members}
    crossed: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    for (partner, role), n in cells.items():
        if n > 0:
            crossed[(partner_group.get(partner), role_group.get(role))] += n
    return dict(crossed)


def unsafe_role_groups(
    cells: Mapping[Cell, int], partners: Grouping, roles: Grouping
) -> set[Hashable]:
    """Keys of role groups with a cell of 1 to threshold − 1 respondents."""
    threshold = partners.threshold
    return {
        role_key
        for (_, role_key), n in cross_cells(cells, partners, roles).items()
        if 0 < n < threshold
    }


# -- Homogeneity ----------------------------------------------------------------------------
# Source: the NHS Staff Survey reports no result for a group of fewer than 11 responses (its
# Coordination Centre's minimum reporting base), and Government Statistical Service / ONS
# guidance on disclosure control for tables calls a group in which every respondent falls in
# one category "group disclosure", to be protected unless the group is large. We take the
# Staff Survey's 11 as the size from which a unanimous (or all-but-one) answer is an accepted
# group result, the rule NHS staff already know (ADR 0036).
HOMOGENEITY_FLOOR = 11


def homogeneity_floor(threshold: int) -> int:
    """H: the raters from which a set in which everyone, or all but one, gave one value may
    show it. Never below the round's anonymity ``threshold`` (a manager who raises it asks
    for more care)."""
    return max(HOMOGENEITY_FLOOR, threshold)


def is_near_unanimous(values: Mapping[int | None, int], *, floor: int) -> bool:
    """True when, among fewer than ``floor`` people, all but at most one gave the same
    rating or the same answer (``values``: answer -> people, "not applicable" being the
    answer None; zero counts are nobody). Checked twice: over the ratings alone (ADR 0036 and
    its amendment "all but one"), and over every answer with "not applicable" as one more
    answer (its amendment "not applicable is an answer"): a group that all answered "not
    applicable" shows no score, and that blank would tell a reader what each of them
    answered."""
    ratings = {value: n for value, n in values.items() if value is not None}
    return _alike(ratings, floor) or _alike(values, floor)


def _alike(counts: Mapping[int | None, int], floor: int) -> bool:
    """1..floor − 1 people, all of them but at most one in one of ``counts``' keys."""
    given = [n for n in counts.values() if n > 0]
    total = sum(given)
    return 0 < total < floor and max(given) >= total - 1


def near_unanimous_items(rows: Iterable[CountRow], *, threshold: int) -> frozenset[int]:
    """Items whose ratings, summed over all the rows, are near-unanimous
    (``is_near_unanimous`` with ``homogeneity_floor(threshold)``)."""
    floor = homogeneity_floor(threshold)
    values: dict[int, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        values[row.item_id][row.value] += row.count
    return frozenset(
        item for item, counted in values.items() if is_near_unanimous(counted, floor=floor)
    )


def withheld_items(rows: Iterable[CountRow], *, threshold: int) -> frozenset[int]:
    """Items whose figures no view shows, over the whole round's rows: rated by
    1..threshold − 1 people (``thinly_rated_items``) or near-unanimous
    (``near_unanimous_items``)."""
    rows = list(rows)
    return thinly_rated_items(rows, threshold=threshold) | near_unanimous_items(
        rows, threshold=threshold
    )


def without_items(rows: Iterable[CountRow], items: frozenset[int]) -> list[CountRow]:
    """The rows less every count of ``items``, "not applicable" too: a withheld item shows
    no raters, so nobody can tell why it was withheld."""
    return [row for row in rows if row.item_id not in items]


# -- Ratings --------------------------------------------------------------------------------
# A respondent may answer "not applicable" to an item, so a group of ``threshold`` people can
# hold fewer people who actually rated it. Figures are means of ratings, so the threshold
# applies to raters too: an item rated by 1..threshold − 1 people shows no score anywhere,
# and a group's score for a dimension is shown only when, in every partner × role cell, each
# of its items was rated by nobody or by at least ``threshold`` people.


def raters(rows: Iterable[CountRow]) -> dict[int, int]:
    """People who gave a rating (not "not applicable") to each item, over all the rows."""
    rated: dict[int, int] = defaultdict(int)
    for row in rows:
        if row.value is not None:
            rated[row.item_id] += row.count
    return dict(rated)


def thinly_rated_items(rows: Iterable[CountRow], *, threshold: int) -> frozenset[int]:
    """Items rated by 1..threshold − 1 people in all: their ratings are never published."""
    return frozenset(item for item, n in raters(rows).items() if 0 < n < threshold)


def without_ratings(rows: Iterable[CountRow], items: frozenset[int]) -> list[CountRow]:
    """The rows less the ratings of ``items`` (their "not applicable" counts stay)."""
    return [row for row in rows if row.value is None or row.item_id not in items]


def items_unsafe_in_cells(
    cell_rows: Iterable[CountRow], partners: Grouping, roles: Grouping, *, threshold: int
) -> frozenset[int]:
    """Items some partner × role cell rated by 1..threshold − 1 people, or near-unanimously
    (``is_near_unanimous`` with ``homogeneity_floor(threshold)``). ``cell_rows`` have
    ``group`` = (partner id or None, role or None); with no role groups the cells are the
    partner groups alone."""
    floor = homogeneity_floor(threshold)
    partner_group = {m: g.key for g in partners.groups for m in g.members}
    role_group = {m: g.key for g in roles.groups for m in g.members}
    values: dict[tuple, dict[int | None, int]] = defaultdict(lambda: defaultdict(int))
    for row in cell_rows:
        partner, role = row.group
        cell = (row.item_id, partner_group.get(partner), role_group.get(role))
        values[cell][row.value] += row.count
    return frozenset(
        item
        for (item, _, _), counted in values.items()
        if 0 < _rated(counted) < threshold or is_near_unanimous(counted, floor=floor)
    )


def _rated(answers: Mapping[int | None, int]) -> int:
    """People who gave a rating, not "not applicable"."""
    return sum(n for value, n in answers.items() if value is not None)


__all__ = [
    "HOMOGENEITY_FLOOR",
    "OTHER_KEY",
    "OTHER_PARTNERS",
    "OTHER_ROLES",
    "WITHHELD_NOTE",
    "Publication",
    "RoleBreakdown",
    "cross_cells",
    "homogeneity_floor",
    "is_near_unanimous",
    "items_unsafe_in_cells",
    "raters",
    "thinly_rated_items",
    "near_unanimous_items",
    "withheld_items",
    "without_items",
    "without_ratings",
    "publication",
    "published_partner_groups",
    "unsafe_role_groups",
]
