"""A partnership's audit trail: who created, changed or deleted what, when, from what to what.

Read from django-simple-history's records (``history = HistoricalRecords()``) of the
partnership itself, its partner organisations, memberships, rounds, actions and personal
invitation links (who was invited, changed or withdrawn; never their link); the acting
user is the signed-in person (``HistoryRequestMiddleware``), or nobody for a management
command. Responses and answers have no history and never appear: the trail says nothing
about who answered or what.

``partnership_history(partnership)`` -> list[AuditEntry], newest first. Queries: one per
model, one for users' names, one for partner names; no more however long the trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.template.defaultfilters import truncatechars

from assessments.models import (
    ActionItem,
    Membership,
    Partner,
    Partnership,
    PersonalInvitation,
    Round,
)

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
UNTRACKED = {"id", "created_at", "updated_at", "partnership"}
KINDS = {
    Partnership: "partnership",
    Partner: "partner organisation",
    Membership: "member",
    Round: "round",
    ActionItem: "action",
    PersonalInvitation: "personal link",
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class AuditEntry:
    when: datetime
    who: str  # the acting person's name, or "" for the system (a management command)
    action: str  # Created, Changed or Deleted
    kind: str  # partnership, partner organisation, member, round, action or personal link
    what: str
    changes: list[FieldChange] = field(default_factory=list)


def _records(model, **lookup) -> list:
    return list(model.history.filter(**lookup).order_by("history_date", "history_id"))


def partnership_history(partnership: Partnership) -> list[AuditEntry]:
    """Every recorded change in the partnership, newest first (see the module docstring)."""
    groups = [
        (Partnership, _records(Partnership, id=partnership.pk)),
        (Partner, _records(Partner, partnership_id=partnership.pk)),
        (Membership, _records(Membership, partnership_id=partnership.pk)),
        (Round, _records(Round, partnership_id=partnership.pk)),
        (ActionItem, _records(ActionItem, partnership_id=partnership.pk)),
        (
            PersonalInvitation,
            _records(
                PersonalInvitation,
                round_id__in=Round.objects.filter(partnership_id=partnership.pk).values("pk"),
            ),
        ),
    ]
    user_ids = {r.history_user_id for _, records in groups for r in records}
    user_ids |= {r.user_id for r in groups[2][1]}
    names = {
        user.pk: user.get_full_name() or user.get_username()
        for user in get_user_model().objects.filter(pk__in=user_ids - {None})
    }
    partner_names = {r.id: r.name for r in groups[1][1]}  # latest name, as records are in order
    round_titles = {r.id: r.title for r in groups[3][1]}

    def shown(model_field, value) -> str:
        if value is None or value == "":
            return "(empty)"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field.name == "partner":
            return partner_names.get(value, "(removed organisation)")
        if model_field.name == "user" or model_field.name == "created_by":
            return names.get(value, "(deleted account)")
        if model_field.name in ("raised_in", "round"):
            return round_titles.get(value, "(deleted round)")
        if model_field.name == "dimension":
            return f"dimension {value}"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return truncatechars(str(value), 120)

    def describe(model, record) -> str:
        if model is Membership:
            person = names.get(record.user_id, "(deleted account)")
            return f"{person} as {record.get_role_display()}"
        if model is ActionItem or model is Round:
            return record.title
        return record.name

    entries = []
    for model, records in groups:
        fields = [f for f in model._meta.concrete_fields if f.name not in UNTRACKED]
        fields = [f for f in fields if hasattr(records[0], f.attname)] if records else []
        previous = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            changes = []
            if record.history_type == "~" and before is not None:
                changes = [
                    FieldChange(
                        str(f.verbose_name).capitalize(),
                        shown(f, getattr(before, f.attname)),
                        shown(f, getattr(record, f.attname)),
                    )
                    for f in fields
                    if getattr(before, f.attname) != getattr(record, f.attname)
                ]
                if not changes:
                    continue  # saved with nothing recorded changed (such as a new link)
            entries.append(
                AuditEntry(
                    when=record.history_date,
                    who=names.get(record.history_user_id, ""),
                    action=ACTIONS.get(record.history_type, record.history_type),
                    kind=KINDS[model],
                    what=describe(model, record),
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
