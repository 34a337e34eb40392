"""Storing a closed round's results (ADR 0031).

``store_results`` runs inside the transaction that closes a round (``services.rounds``, the
admin), so a round is never closed without its results; ``rebuild_results`` recomputes them
(``manage.py rebuild_results``). Both count submitted answers with ``selectors.live_counts``,
the same GROUP BYs the reports used before results were stored, fold the summary the
dashboard and benchmarks read (``reports.summary.stored_summary``, the report's code),
freeze the response-rate bases (ADR 0039; kept on a rebuild), and replace whatever was
stored. Nothing else writes ``RoundResult``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from assessments.errors import NotAllowedNow
from assessments.models import ROLE_LABELS, Partner, Round, RoundFramework, RoundResult, RoundStatus
from assessments.reports.comparison import ResponseRateRow, overall_rate
from assessments.reports.published import NO_PARTNER_LABEL
from assessments.reports.structure import framework_spec
from assessments.reports.summary import StoredSummary, stored_summary
from assessments.selectors import live_counts, rate_bases


def store_results(*, round_: Round) -> list[RoundResult]:
    """Compute and store the results of every framework of a closed round, replacing any
    stored before, with each framework's summary (ADR 0035) folded by the report's own code.
    Runs in the caller's transaction (one is opened if there is none); the caller should
    hold the round's row lock. Queries: 7 + 5 per framework (counts, the response-rate
    bases, and the framework's structure for the fold).

    The response-rate bases (people asked, member counts, which organisations the round
    page lists: ADR 0039) are read live the first time, when the round closes; when results
    are stored again (``rebuild_results``) the bases frozen before are kept, so a rebuild
    never moves a published rate.

    Raises ``NotAllowedNow`` if the round is not closed: results are released only at close.
    """
    if round_.status != RoundStatus.CLOSED:
        raise NotAllowedNow("Results are stored only when a round closes.")
    now = timezone.now()
    with transaction.atomic():
        frameworks = [
            link.framework
            for link in RoundFramework.objects.filter(round_id=round_.pk)
            .select_related("framework")
            .order_by("position")
        ]
        before = RoundResult.objects.filter(round_id=round_.pk)
        kept = before.order_by("framework_id").values_list("rate_bases", flat=True).first()
        bases = rate_bases.live(
            round_=round_,
            frozen=None if kept is None else rate_bases.frozen_inputs(kept),
            framework_ids=[framework.pk for framework in frameworks],
        )
        before.delete()
        sizes = live_counts.respondents_by_cell_of_rounds(round_ids=[round_.pk])
        labels = {
            **dict(
                Partner.objects.filter(partnership_id=round_.partnership_id).values_list(
                    "pk", "name"
                )
            ),
            None: NO_PARTNER_LABEL,
        }
        results = []
        for framework in frameworks:
            framework_id = framework.pk
            cells = sizes.get((round_.pk, framework_id), {})
            counts = live_counts.answer_count_cells(round_id=round_.pk, framework_id=framework_id)
            summary = stored_summary(
                framework_spec(framework),
                counts,
                cells,
                partner_labels=labels,
                role_labels=ROLE_LABELS,
                threshold=round_.anonymity_threshold,
            )
            rates = bases[framework_id]
            rate_base, response_rate = overall_rate(
                [ResponseRateRow("", p.responses, p.invited, p.members) for p in rates.partners],
                rates.respondents,
            )
            results.append(
                RoundResult(
                    **summary_fields(summary),
                    rate_bases=[p.as_stored() for p in rates.partners],
                    rate_base=rate_base,
                    response_rate=response_rate,
                    round_id=round_.pk,
                    framework_id=framework_id,
                    respondents=sum(cells.values()),
                    open_link_responses=live_counts.open_link_responses(
                        round_id=round_.pk, framework_id=framework_id
                    ),
                    cells=[
                        [row.item_id, row.group[0], row.group[1], row.value, row.count]
                        for row in counts
                    ],
                    sizes=[
                        [partner, role, count]
                        for (partner, role), count in sorted(cells.items(), key=_cell_order)
                    ],
                    computed_at=now,
                )
            )
        return RoundResult.objects.bulk_create(results)


def summary_fields(summary: StoredSummary) -> dict:
    """``RoundResult``'s summary columns from a folded ``StoredSummary`` (ADR 0035)."""
    return {
        "suppressed": summary.suppressed,
        "overall_score": summary.overall_score,
        "overall_shown": summary.overall_shown,
        "band_label": summary.band_label,
        "split_dimensions": summary.split,
        "concern_dimensions": summary.concern,
        "round_overall": summary.round_overall,
        "round_overall_shown": summary.round_overall_shown,
        "dimension_scores": summary.dimension_scores,
    }


def _cell_order(entry) -> tuple:
    (partner, role), _count = entry
    return (partner is None, partner or 0, role is None, role or "")


def rebuild_results(*, round_ids: Iterable[int] | None = None) -> list[int]:
    """Recompute the stored results of these closed rounds (every closed round by default),
    each in its own transaction under its row lock; returns the ids rebuilt. Rounds that are
    not closed are skipped: they have no results yet."""
    rounds = Round.objects.filter(status=RoundStatus.CLOSED)
    if round_ids is not None:
        rounds = rounds.filter(pk__in=list(round_ids))
    rebuilt = []
    for pk in rounds.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            round_ = Round.objects.select_for_update().get(pk=pk)
            store_results(round_=round_)
            rebuilt.append(pk)
    return rebuilt
