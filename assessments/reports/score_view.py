"""A score as people read it. Pure: no database (the pure core, ADR 0020)."""

from __future__ import annotations

from dataclasses import dataclass

from assessments import scoring


@dataclass(frozen=True)
class ScoreView:
    """A score as people read it: a whole number out of 100 and the band it falls in."""

    value: float | None
    band: scoring.Band | None

    @classmethod
    def of(cls, value: float | None, bands) -> ScoreView:
        return cls(value=value, band=scoring.band_for(value, bands))

    @property
    def shown(self) -> int | None:
        return None if self.value is None else scoring.round_score(self.value)

    @property
    def has_score(self) -> bool:
        return self.value is not None
