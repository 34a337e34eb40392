"""Cohort benchmarks: how a cohort's partnerships score, framework by framework.

Each partnership counts once, with its most recent closed round that used the framework
(any version; dimensions are matched by key). A round with fewer responses than its
anonymity threshold has no result. Local-context dimensions never enter a benchmark.

A benchmark is shown only when at least ``BENCHMARK_MINIMUM`` partnerships have a result,
so no single partnership's figure can be picked out; the same rule holds per dimension.
It gives the mean and the middle half (lower to upper quartile), never the lowest or
highest score, which would be one partnership's own figure.

Loading is a fixed number of queries, whatever the number of partnerships: cohort members
(with the cohorts' names, one query), the latest closed rounds' stored summaries (ADR 0035:
one row per partnership and framework, folded at close), plus three for the newest version
of each framework.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import fsum

from assessments import scoring
from assessments.reports.fold import FrameworkScores
from assessments.reports.results import ScoreView
from assessments.reports.structure import FrameworkSpec, framework_spec
from assessments.selectors import portfolio

BENCHMARK_MINIMUM = 5


@dataclass(frozen=True)
class Spread:
    """Scores of several partnerships: how many, their mean and quartiles."""

    count: int
    mean: float
    lower_quartile: float
    median: float
    upper_quartile: float

    @property
    def mean_shown(self) -> int:
        return scoring.round_score(self.mean)

    @property
    def lower_shown(self) -> int:
        return scoring.round_score(self.lower_quartile)

    @property
    def median_shown(self) -> int:
        return scoring.round_score(self.median)

    @property
    def upper_shown(self) -> int:
        return scoring.round_score(self.upper_quartile)


def spread_of(scores: Sequence[float], *, minimum: int = BENCHMARK_MINIMUM) -> Spread | None:
    """Mean and quartiles (linear interpolation between the ordered scores, as in a
    spreadsheet's QUARTILE.INC); None with fewer than ``minimum`` scores."""
    if len(scores) < max(minimum, 2):
        return None
    lower, median, upper = statistics.quantiles(scores, n=4, method="inclusive")
    return Spread(
        count=len(scores),
        mean=fsum(scores) / len(scores),
        lower_quartile=lower,
        median=median,
        upper_quartile=upper,
    )


@dataclass(frozen=True)
class DimensionBenchmark:
    key: str
    title: str
    spread: Spread | None  # None when too few partnerships have a score for it


@dataclass(frozen=True)
class FrameworkBenchmark:
    slug: str
    title: str
    with_results: int  # partnerships with a result for this framework
    overall: Spread | None
    dimensions: tuple[DimensionBenchmark, ...]

    @property
    def shown(self) -> bool:
        return self.overall is not None


@dataclass(frozen=True)
class PartnershipResult:
    """One partnership's scores for one framework, from its latest closed round."""

    partnership_id: int
    overall: float | None
    dimensions: dict[str, float | None]  # by dimension key, local context left out


def framework_benchmark(
    slug: str, spec: FrameworkSpec, results: Iterable[PartnershipResult]
) -> FrameworkBenchmark:
    """Pure: the benchmark of one framework from partnerships' results. ``spec`` (the newest
    version) gives the dimensions' titles and order."""
    results = [r for r in results if r.overall is not None]
    overall = spread_of([r.overall for r in results])
    dimensions = tuple(
        DimensionBenchmark(
            key=d.key,
            title=d.title,
            spread=(
                spread_of(
                    [r.dimensions[d.key] for r in results if r.dimensions.get(d.key) is not None]
                )
                if overall is not None
                else None
            ),
        )
        for d in spec.scored_dimensions
        if not d.local_context
    )
    return FrameworkBenchmark(
        slug=slug,
        title=spec.title,
        with_results=len(results),
        overall=overall,
        dimensions=dimensions,
    )


def cohort_benchmarks(
    cohort_ids: Sequence[int],
    *,
    slug: str | None = None,
    specs: dict[int, FrameworkSpec] | None = None,
    members: dict[int, set[int]] | None = None,
) -> dict[int, tuple[FrameworkBenchmark, ...]]:
    """Benchmarks of each cohort, per framework (only ``slug`` if given), in title order.

    Each partnership's result is read from the stored summary of its latest closed round
    with the framework (ADR 0035): the whole round's scores as ``published.overall_scores``
    folded them at close, one row per partnership. ``specs`` is a cache of framework specs
    by framework id, filled as needed (only the newest version of each framework is read,
    for its dimensions' titles and order). ``members``: the partnerships of each cohort, if
    already read (``portfolio.cohorts_of``).
    """
    specs = {} if specs is None else specs
    if members is None:
        members = portfolio.cohort_partnership_ids(cohort_ids)
    partnership_ids = sorted({p for ids in members.values() for p in ids})
    summaries = portfolio.latest_closed_summaries(partnership_ids, slug) if partnership_ids else []

    newest: dict[str, tuple[int, int]] = {}  # slug -> (version, framework id)
    results: dict[str, dict[int, PartnershipResult]] = defaultdict(dict)
    for partnership_id, framework_id, framework_slug, version, overall, dimensions in summaries:
        if framework_slug not in newest or version > newest[framework_slug][0]:
            newest[framework_slug] = (version, framework_id)
        if overall is None:  # fewer responses than the threshold, or not scored
            continue
        results[framework_slug][partnership_id] = PartnershipResult(
            partnership_id=partnership_id, overall=overall, dimensions=dict(dimensions)
        )
    wanted = [pk for _version, pk in newest.values() if pk not in specs]
    for pk, framework in portfolio.frameworks_by_pk(wanted).items() if wanted else ():
        specs[pk] = framework_spec(framework)

    benchmarks = {}
    for cohort_id in cohort_ids:
        in_cohort = members.get(cohort_id, set())
        benchmarks[cohort_id] = tuple(
            sorted(
                (
                    framework_benchmark(
                        framework_slug,
                        specs[framework_id],
                        (r for p, r in results[framework_slug].items() if p in in_cohort),
                    )
                    for framework_slug, (_version, framework_id) in newest.items()
                ),
                key=lambda b: b.title,
            )
        )
    return benchmarks


# -- A partnership's position in its cohorts, for the round report ---------------------


@dataclass(frozen=True)
class Position:
    label: str
    yours: ScoreView
    spread: Spread

    @property
    def placing(self) -> str:
        """Where the score sits against the middle half of the cohort, as shown."""
        if self.yours.shown is None:
            return ""
        if self.yours.shown < self.spread.lower_shown:
            return "Below the middle half"
        if self.yours.shown > self.spread.upper_shown:
            return "Above the middle half"
        return "Within the middle half"


@dataclass(frozen=True)
class CohortPosition:
    cohort: str
    partnerships: int  # with results
    overall: Position
    dimensions: tuple[Position, ...]


def positions_in_cohorts(
    partnership_id: int,
    spec: FrameworkSpec,
    scores: FrameworkScores,
    bands: Sequence[scoring.Band],
) -> tuple[CohortPosition, ...]:
    """This round's scores against each cohort the partnership belongs to, for cohorts with
    enough partnerships with results. Dimensions too few partnerships scored are left out."""
    cohorts, members = portfolio.cohorts_of(partnership_id)
    if not cohorts:
        return ()
    names = dict(cohorts)
    benchmarks = cohort_benchmarks(
        list(names), slug=spec.slug, specs={spec.id: spec}, members=members
    )
    positions = []
    for cohort_id, name in cohorts:
        benchmark = next(iter(benchmarks.get(cohort_id, ())), None)
        if benchmark is None or not benchmark.shown or scores.overall is None:
            continue
        spreads = {d.key: d.spread for d in benchmark.dimensions}
        dimensions = tuple(
            Position(d.title, ScoreView.of(scores.dimensions[d.id].score, bands), spreads[d.key])
            for d in spec.scored_dimensions
            if not d.local_context
            and spreads.get(d.key) is not None
            and scores.dimensions[d.id].score is not None
        )
        positions.append(
            CohortPosition(
                cohort=name,
                partnerships=benchmark.with_results,
                overall=Position("Overall", ScoreView.of(scores.overall, bands), benchmark.overall),
                dimensions=dimensions,
            )
        )
    return tuple(positions)
