"""Constraint cases for the action plan's owners and progress notes, targets and agreed
positions (part of tests/assessments/test_constraints.py, which runs them)."""

from datetime import date

from assessments.models import ActionItem, ActionNote, ConsensusRecord, DimensionTarget
from tests.constraint_cases import ConstraintCases, update
from tests.factories import ActionItemFactory, DimensionFactory, RoundFactory, UserFactory

DAY = date(2026, 3, 2)

CASES = ConstraintCases()


def update_action(*, with_user=False, **fields):
    action = ActionItemFactory()
    if with_user:
        fields["owner_user"] = UserFactory()
    update(action, **fields)


CASES.add(
    ActionItem,
    "action_one_owner",
    write=update_action,
    bad={
        "neither": {"owner": ""},
        "both": {"with_user": True, "owner": "Practice managers"},
    },
    good={
        "member": {"with_user": True, "owner": ""},
        "named": {"owner": "Practice managers"},
    },
)


def write_note(**fields):
    ActionNote.objects.create(action=ActionItemFactory(), written_on=DAY, **fields)


CASES.add(
    ActionNote,
    "action_note_text_required",
    write=write_note,
    bad={"empty": {"text": ""}},
    good={"written": {"text": "Met the practice managers."}},
)


def write_target(*, twice=False, score=60):
    round_ = RoundFactory()
    dimension = DimensionFactory()
    DimensionTarget.objects.create(round=round_, dimension=dimension, score=score)
    if twice:
        DimensionTarget.objects.create(round=round_, dimension=dimension, score=score)


def write_consensus(*, rationale="Agreed at the workshop.", twice=False, score=55):
    round_ = RoundFactory()
    dimension = DimensionFactory()
    ConsensusRecord.objects.create(
        round=round_, dimension=dimension, score=score, rationale=rationale
    )
    if twice:
        ConsensusRecord.objects.create(
            round=round_, dimension=dimension, score=score, rationale=rationale
        )


CASES.add(
    DimensionTarget,
    "target_one_per_dimension",
    write=write_target,
    bad={"twice": {"twice": True}},
    good={"once": {}},
)
CASES.add(
    DimensionTarget,
    "target_score_range",
    write=write_target,
    bad={"above-100": {"score": 101}},
    good={"zero": {"score": 0}, "hundred": {"score": 100}},
)
CASES.add(
    ConsensusRecord,
    "consensus_one_per_dimension",
    write=write_consensus,
    bad={"twice": {"twice": True}},
    good={"once": {}},
)
CASES.add(
    ConsensusRecord,
    "consensus_score_range",
    write=write_consensus,
    bad={"above-100": {"score": 101}},
    good={"zero": {"score": 0}, "hundred": {"score": 100}},
)
CASES.add(
    ConsensusRecord,
    "consensus_rationale_required",
    write=write_consensus,
    bad={"empty": {"rationale": ""}},
    good={"given": {"rationale": "Partners agreed it is lower than the survey says."}},
)
