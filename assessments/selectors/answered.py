"""How many people have answered a round, and how many questionnaires they submitted.

A round asks each person one or more questionnaires (frameworks), and each questionnaire a
person submits is one ``Response``, so "23 responses" can mean 9 people. Counts shown to
users say which they count (issue 17): "9 people have answered; 23 questionnaires submitted".

Who is one person:
- a signed-in respondent: their account (at most one response per questionnaire);
- a personal link: the link (it gives at most one response per questionnaire);
- the shared link: nothing ties one guest's questionnaires together (each has its own private
  resume link, ADR 0009), so guests are counted as the most submissions to any one
  questionnaire through the shared link, a lower bound. ``exact`` is False when guests
  answered more than one questionnaire, and the wording then says "at least".

Only submitted responses count. Reads one grouped query per round list, whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from assessments.models import Response, ResponseStatus


@dataclass(frozen=True)
class AnsweredCount:
    people: int  # people who submitted at least one questionnaire (a lower bound if not exact)
    questionnaires: int  # submitted responses, all questionnaires together
    exact: bool = True

    @property
    def people_text(self) -> str:
        """'9 people have answered', 'At least 9 people have answered', 'Nobody has answered
        yet'."""
        if not self.questionnaires:
            return "Nobody has answered yet"
        who = "1 person has" if self.people == 1 else f"{self.people} people have"
        return f"{who} answered" if self.exact else f"At least {who} answered"

    @property
    def questionnaires_text(self) -> str:
        noun = "questionnaire" if self.questionnaires == 1 else "questionnaires"
        return f"{self.questionnaires} {noun} submitted"

    def __str__(self) -> str:
        if not self.questionnaires:
            return self.people_text
        return f"{self.people_text}; {self.questionnaires_text}"


NOBODY = AnsweredCount(people=0, questionnaires=0)


def answered_counts(round_ids: Iterable[int]) -> dict[int, AnsweredCount]:
    """``{round id: AnsweredCount}`` for each of ``round_ids`` (rounds with no submitted
    response map to ``NOBODY``)."""
    round_ids = list(round_ids)
    accounts: dict[int, set[int]] = defaultdict(set)
    links: dict[int, set[int]] = defaultdict(set)
    guests: dict[int, dict[int, int]] = defaultdict(dict)  # round -> framework -> submissions
    total: dict[int, int] = defaultdict(int)
    rows = (
        Response.objects.filter(round_id__in=round_ids, status=ResponseStatus.SUBMITTED)
        .order_by()
        .values("round_id", "respondent_id", "invitation_id", "framework_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        round_id, n = row["round_id"], row["n"]
        total[round_id] += n
        if row["respondent_id"] is not None:
            accounts[round_id].add(row["respondent_id"])
        elif row["invitation_id"] is not None:
            links[round_id].add(row["invitation_id"])
        else:
            by_framework = guests[round_id]
            by_framework[row["framework_id"]] = by_framework.get(row["framework_id"], 0) + n
    counts = {}
    for round_id in round_ids:
        shared = guests.get(round_id, {})
        counts[round_id] = AnsweredCount(
            people=len(accounts[round_id]) + len(links[round_id]) + max(shared.values(), default=0),
            questionnaires=total[round_id],
            exact=len(shared) <= 1,
        )
    return counts


def answered_count(round_id: int) -> AnsweredCount:
    return answered_counts([round_id])[round_id]
