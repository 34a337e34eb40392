"""Analyst CSVs: a partnership's trend and a facilitator's portfolio, one figure per row.

Rows are every closed round × framework × published group, as the report page publishes
them: one ``framework`` row (the overall score for all responses, with the page's note when
disclosure control combined or withheld the role groups), then for each scored dimension
(shared ones, then local context) one ``dimension`` row for all responses (score, band,
ratings, spread, split), one per published partner group and one per published role group
(score, band and responses; no spread, which with a small group's mean would pin down its
answers). Nothing here decides what may be shown: the groups and figures come from
``summary.summarise``, which folds with the page's own code (``published.published_figures``:
disclosure control, thin ratings, split rule). A round below its threshold gives one row
saying so and no figures. Individual-level rows (one per person or per answer) are never
produced (docs/adr/0018-no-individual-level-exports.md).

Memory stays flat whatever the number of partnerships: partnerships are read in chunks of
``CHUNK`` and each chunk costs four queries (closed rounds, respondents per partner × role
cell, one GROUP BY of answer counts, partner names), plus four per framework version the
first time it is seen. Shapes: each row is a list under ``ANALYST_HEADER`` of str and int.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from assessments.models import ROLE_LABELS, RoundFramework
from assessments.reports.published import NO_PARTNER_LABEL
from assessments.reports.structure import FrameworkSpec, framework_spec
from assessments.reports.summary import Summary, summarise
from assessments.selectors import portfolio

CHUNK = 10  # partnerships per batch of queries (about 240 round frameworks)
LOCAL_NOTE = "Local context: not part of the overall score"
# Group scores that leave out some questions (reports.disclosure): the rule is not named.
THIN_NOTE = "Leaves out some questions whose figures would reveal how individuals answered"

ANALYST_HEADER = [
    "partnership",
    "icb_or_region",
    "round",
    "round_opens_on",
    "round_closes_on",
    "framework",
    "framework_version",
    "level",
    "dimension",
    "local_context",
    "group_type",
    "group",
    "responses",
    "score",
    "band",
    "ratings",
    "spread",
    "split",
    "note",
]


def analyst_rows(
    partnership_ids: Iterable[int],
    *,
    include: Callable[[RoundFramework], bool] | None = None,
) -> Iterator[list]:
    """Rows under ANALYST_HEADER for each partnership's closed rounds, read ``CHUNK``
    partnerships at a time (``partnership_ids`` may be a lazy iterator). ``include`` drops the
    rounds a person may not see (trends: members see a round only once results are shared)."""
    specs: dict[int, FrameworkSpec] = {}
    ids = iter(partnership_ids)
    while chunk := list(islice(ids, CHUNK)):
        links = portfolio.closed_round_links(chunk)
        if include is not None:
            links = [link for link in links if include(link)]
        if not links:
            continue
        for link in links:
            if link.framework_id not in specs:
                specs[link.framework_id] = framework_spec(link.framework)
        round_ids = sorted({link.round_id for link in links})
        framework_ids = sorted({link.framework_id for link in links})
        sizes = portfolio.respondents_by_cell(round_ids=round_ids)
        counts = portfolio.cell_count_rows(round_ids=round_ids, framework_ids=framework_ids)
        partners = portfolio.partner_names(chunk)
        for link in links:
            key = (link.round_id, link.framework_id)
            labels = {
                **partners.get(link.round.partnership_id, {}),
                None: NO_PARTNER_LABEL,
            }
            summary = summarise(
                specs[link.framework_id],
                counts.pop(key, []),
                sizes.get(key, {}),
                labels,
                link.round.anonymity_threshold,
                role_labels=ROLE_LABELS,
            )
            yield from link_rows(link, summary)


def link_rows(link: RoundFramework, summary: Summary) -> Iterator[list]:
    """The rows of one framework in one closed round: the framework's overall score for
    everyone, then each dimension (shared, then local context) for everyone, each published
    partner group and each published role group, exactly as the report page shows them."""
    round_, partnership, framework = link.round, link.round.partnership, link.framework
    common = [
        partnership.name,
        partnership.region,
        round_.title,
        round_.opens_on.isoformat(),
        round_.closes_on.isoformat(),
        framework.title,
        framework.version,
    ]
    if summary.suppressed or not summary.dimensions:
        note = (
            f"Fewer than {summary.threshold} responses: figures are not shown"
            if summary.suppressed
            else "Not scored"
        )
        yield [*common, "framework", "", "", *_everyone(summary), *[""] * 5, note]
        return
    overall = summary.overall
    yield [
        *common,
        "framework",
        "",
        "",
        *_everyone(summary),
        _shown(overall),
        _band(overall),
        "",
        "",
        "",
        summary.note,
    ]
    shared = [d for d in summary.dimensions if not d.local_context]
    local = [d for d in summary.dimensions if d.local_context]
    for d in (*shared, *local):
        dimension = [*common, "dimension", d.title, "yes" if d.local_context else "no"]
        yield [
            *dimension,
            *_everyone(summary),
            _shown(d.score),
            _band(d.score),
            d.answered,
            "" if d.spread is None else d.spread,
            "yes" if d.split else "no",
            LOCAL_NOTE if d.local_context else "",
        ]
        note = THIN_NOTE if d.partly_broken_down else ""
        for group_type, grouping, cells in (
            ("partner", summary.groups, d.cells),
            ("role", summary.role_groups, d.role_cells),
        ):
            for group, cell in zip(grouping.groups, cells, strict=True):
                yield [
                    *dimension,
                    group_type,
                    group.label,
                    group.respondents,
                    _shown(cell),
                    _band(cell),
                    "",
                    "",
                    "",
                    note,
                ]


def _everyone(summary: Summary) -> list:
    return ["all", "All responses", summary.respondents]


def _shown(score) -> int | str:
    return "" if score.shown is None else score.shown


def _band(score) -> str:
    return score.band.label if score.band else ""
