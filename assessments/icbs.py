"""The 42 integrated care boards (ICBs) in England, from assessments/data/icbs.csv (its
source and how to update it: assessments/data/README.md).

``ICBS`` maps each ODS code ("QJK") to an ``Icb``; ``icb_choices()`` gives form and model
choices ordered by name; ``match(text)`` finds the ICB a free-text name means, for migrating
the old "ICB or region" text ("NHS Devon ICB", "Devon Integrated Care Board" → "QJK"). Pure:
reads the file once, no database.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError

DATA = Path(__file__).parent / "data" / "icbs.csv"


@dataclass(frozen=True)
class Icb:
    code: str  # ODS organisation code, three characters, "QJK"
    name: str  # "NHS Devon Integrated Care Board"
    region: str  # NHS England region, "South West"

    @property
    def short_name(self) -> str:
        """'NHS Devon ICB', as people usually write it."""
        return self.name.replace("Integrated Care Board", "ICB")


def _load() -> dict[str, Icb]:
    with DATA.open(newline="", encoding="utf-8") as file:
        rows = [
            Icb(r["ods_code"], r["name"], r["nhs_england_region"]) for r in csv.DictReader(file)
        ]
    return {icb.code: icb for icb in rows}


ICBS: dict[str, Icb] = _load()


def icb_choices() -> list[tuple[str, str]]:
    """``[(code, short name)]`` ordered by name, for a select."""
    return sorted(((i.code, i.short_name) for i in ICBS.values()), key=lambda c: c[1])


def _key(text: str) -> str:
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    words = [
        w for w in text.split() if w not in {"nhs", "the", "icb", "integrated", "care", "board"}
    ]
    return " ".join(words)


_BY_KEY = {_key(icb.name): icb.code for icb in ICBS.values()}


def validate_icb(code: str) -> None:
    """Model and form validator: ``code`` is one of the ICBs' ODS codes (or empty)."""
    if code and code not in ICBS:
        raise ValidationError("Choose an integrated care board from the list.", code="invalid_icb")


def match(text: str) -> str | None:
    """The ODS code of the ICB ``text`` names, or None. Ignores case, punctuation, "&"
    versus "and", "the", "NHS" and "ICB"/"Integrated Care Board"; an ODS code itself
    matches too."""
    text = (text or "").strip()
    if text.upper() in ICBS:
        return text.upper()
    return _BY_KEY.get(_key(text)) if text else None
