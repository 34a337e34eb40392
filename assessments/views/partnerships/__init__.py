"""Pages for managing a partnership: my partnerships, partnership, partners, members, rounds.

Anyone signed in may open "My partnerships" and set up a partnership. Everything else is
loaded through ``partnership_site.loaders`` (404 for partnerships the user is not part of;
403 for changes by members and facilitators). Every write goes through
``assessments.services``, run by ``assessments.views.service_forms``.
"""

from assessments.views.partnerships.members import member_edit, member_remove
from assessments.views.partnerships.overview import (
    my_partnerships,
    partnership_create,
    partnership_detail,
    partnership_edit,
)
from assessments.views.partnerships.partners import (
    partner_add,
    partner_archive,
    partner_edit,
    partner_remove,
)
from assessments.views.partnerships.rounds import (
    round_close,
    round_create,
    round_delete,
    round_detail,
    round_edit,
    round_local_questions,
    round_new_link,
    round_open,
)

__all__ = [
    "member_edit",
    "member_remove",
    "my_partnerships",
    "partner_add",
    "partner_archive",
    "partner_edit",
    "partner_remove",
    "partnership_create",
    "partnership_detail",
    "partnership_edit",
    "round_close",
    "round_create",
    "round_delete",
    "round_detail",
    "round_edit",
    "round_local_questions",
    "round_new_link",
    "round_open",
]
