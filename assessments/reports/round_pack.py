"""Presenter for a closed round's board pack: every framework's round report, in the
round's order, for the PDF and the Excel workbook.

Each report is ``build_round_report`` exactly as the report page builds it, so the packs show
the same groups, figures and suppression as the page. Comments are never included: a pack
is a paper for a board, and free text can identify its writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from assessments.models import Round
from assessments.reports.round_report import ActionRow, RoundReport, build_round_report
from assessments.selectors.rounds import ReportFramework


@dataclass(frozen=True)
class RoundPack:
    round: Round
    reports: tuple[RoundReport, ...]  # one per framework, in the round's order
    generated_on: date

    @property
    def partnership(self):
        return self.round.partnership

    @property
    def respondents(self) -> int:
        """Responses to the round's first framework (as the dashboard counts a round)."""
        return self.reports[0].respondents if self.reports else 0

    @property
    def response_rate(self) -> int | None:
        return self.reports[0].response_rate if self.reports else None

    @property
    def headlines(self) -> list[tuple[RoundReport, int]]:
        """Each report with its number of split dimensions (local context left out)."""
        return [(r, sum(d.split for d in r.dimensions)) for r in self.reports]

    @property
    def actions(self) -> tuple[ActionRow, ...]:
        """The partnership's agreed actions (the same list in every report)."""
        return self.reports[0].actions if self.reports else ()


def build_round_pack(
    round_: Round, frameworks, *, loaded: Sequence[ReportFramework] | None = None
) -> RoundPack:
    """``frameworks``: the round's frameworks in order (as the report view loads them);
    ``loaded``: what the report's loader read for each, in the same order (optional: see
    ``build_round_report``)."""
    loaded = [None] * len(frameworks) if loaded is None else list(loaded)
    return RoundPack(
        round=round_,
        reports=tuple(
            build_round_report(round_, f, include_comments=False, loaded=read)
            for f, read in zip(frameworks, loaded, strict=True)
        ),
        generated_on=timezone.localdate(),
    )
