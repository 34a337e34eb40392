"""The access matrix's table: the status each role must get from every URL pattern (see
tests/partnership_site/test_access_matrix.py, which requests them all)."""

from __future__ import annotations

ROLES = [
    "anonymous",
    "guest_other_round",
    "respondent",
    "member_other",
    "manager_other",
    "facilitator_other_cohort",
    "facilitator",
    "staff_admin",
]
SIGN_IN = "sign-in"  # a redirect to the service's sign-in page
ADMIN_SIGN_IN = "admin-sign-in"  # a redirect to the admin's sign-in page


def row(default, **by_role):
    """Statuses for every role: ``default`` unless named. 'signed_in' sets all but the
    anonymous and guest roles; anonymous and guests get SIGN_IN unless given."""
    signed_in = by_role.pop("signed_in", default)
    table = dict.fromkeys(ROLES, signed_in)
    table["anonymous"] = table["guest_other_round"] = SIGN_IN
    table.update(by_role)
    return table


def guests(status):
    return {"anonymous": status, "guest_other_round": status}


# Who may see a partnership's pages: its own people (here the respondent and facilitator).
OWN_READ = row(404, respondent=200, facilitator=200)
MANAGE = row(404, respondent=403, facilitator=403)
# A colleague's response: nobody but its owner. Nobody signed in is sent to sign in (the
# owner's session may have ended, issue 11), which shows nothing of it.
NOT_YOURS = row(404)
# Answering: the respondent (already answered: sent on to their response); never facilitators.
ANSWER = row(404, respondent=200, facilitator=403)

EXPECTED: dict[str, tuple] = {
    # route: (arguments from the objects, statuses)
    "": ({}, row(200, **guests(200))),
    "sign-in/": ({}, row(302, **guests(200))),
    "sign-out/": ({}, row(405)),  # POST only
    # Password reset is for anyone (the same page whether or not the address has an
    # account); an unknown or used reset link says so (200). Changing a password: signed in.
    "password-reset/": ({}, row(200, **guests(200))),
    "password-reset/sent/": ({}, row(200, **guests(200))),
    "password-reset/<uidb64>/<token>/": (
        {"uidb64": "reset_uid", "token": "reset_token"},
        row(200, **guests(200)),
    ),
    "password-reset/done/": ({}, row(200, **guests(200))),
    "account/password/": ({}, row(200)),
    "account/password/changed/": ({}, row(200)),
    # NHS account sign-in (OpenID Connect): off unless configured, so 404 for everyone here
    # (tests/partnership_site/test_oidc.py tests it switched on).
    "sign-in/nhs/": ({}, row(404, **guests(404))),
    "sign-in/nhs/callback/": ({}, row(404, **guests(404))),
    "partnerships/": ({}, row(200)),
    "partnerships/new/": ({}, row(200)),
    "partnerships/<int:pk>/": ({"pk": "partnership"}, OWN_READ),
    "partnerships/<int:pk>/edit/": ({"pk": "partnership"}, MANAGE),
    "partnerships/<int:pk>/history/": ({"pk": "partnership"}, MANAGE),
    "partnerships/<int:pk>/partners/add/": ({"pk": "partnership"}, MANAGE),
    "partnerships/<int:pk>/partners/<int:partner_pk>/edit/": (
        {"pk": "partnership", "partner_pk": "partner"},
        MANAGE,
    ),
    "partnerships/<int:pk>/partners/<int:partner_pk>/remove/": (
        {"pk": "partnership", "partner_pk": "partner"},
        MANAGE,
    ),
    "partnerships/<int:pk>/invite/": ({"pk": "partnership"}, MANAGE),
    # Resend and withdraw are POST only (buttons on the invite page).
    "partnerships/<int:pk>/invitations/<int:invitation_pk>/resend/": (
        {"pk": "partnership", "invitation_pk": "membership_invitation"},
        row(405),
    ),
    "partnerships/<int:pk>/invitations/<int:invitation_pk>/withdraw/": (
        {"pk": "partnership", "invitation_pk": "membership_invitation"},
        row(405),
    ),
    # The emailed link is the key: open to anyone holding it (signed in as someone else, the
    # page says the invitation is for another address).
    "join/<slug:token>/": ({"token": "membership_token"}, row(200, **guests(200))),
    "partnerships/<int:pk>/partners/<int:partner_pk>/archive/": (
        {"pk": "partnership", "partner_pk": "partner"},
        MANAGE,
    ),
    "partnerships/<int:pk>/members/<int:membership_pk>/edit/": (
        {"pk": "partnership", "membership_pk": "membership"},
        MANAGE,
    ),
    "partnerships/<int:pk>/members/<int:membership_pk>/remove/": (
        {"pk": "partnership", "membership_pk": "membership"},
        MANAGE,
    ),
    "partnerships/<int:pk>/rounds/new/": ({"pk": "partnership"}, MANAGE),
    "rounds/<int:pk>/": ({"pk": "round"}, OWN_READ),
    "rounds/<int:pk>/edit/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/delete/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/open/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/close/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/new-link/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/local-questions/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/closing-date/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/shared-link/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/people/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/people/send/": ({"pk": "round"}, row(405)),  # POST only
    "rounds/<int:pk>/people/<int:invitation_pk>/send/": (
        {"pk": "round", "invitation_pk": "invitation"},
        row(405),
    ),
    "rounds/<int:pk>/reminders/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/reminders/send/": ({"pk": "round"}, row(405)),  # POST only
    "rounds/<int:pk>/people/<int:invitation_pk>/withdraw/": (
        {"pk": "round", "invitation_pk": "invitation"},
        MANAGE,
    ),
    # A personal link is the key, like the invitation link; starting is POST only.
    "personal/<slug:token>/": ({"token": "personal_token"}, row(200, **guests(200))),
    "personal/<slug:token>/start/<int:framework_pk>/": (
        {"token": "personal_token", "framework_pk": "framework"},
        row(405, **guests(405)),
    ),
    "rounds/<int:pk>/answer/": ({"pk": "round"}, ANSWER),
    "rounds/<int:pk>/answer/<int:framework_pk>/start/": (
        {"pk": "round", "framework_pk": "framework"},
        {**ANSWER, "respondent": 302},
    ),
    # The invitation link is the key (anyone holding it may ask for a personal link);
    # members of the round's partnership are sent to their own round page instead.
    "invitation/<slug:token>/": (
        {"token": "invitation_token"},
        row(200, **guests(200), respondent=302),
    ),
    # Asking for a personal link through the shared link (ADR 0037); then "check your email",
    # the same page for everyone.
    "invitation/<slug:token>/ask/": (
        {"token": "invitation_token"},
        row(200, **guests(200), respondent=302),
    ),
    "invitation/<slug:token>/ask/sent/": (
        {"token": "invitation_token"},
        row(200, **guests(200)),
    ),
    "resume/<slug:token>/": ({"token": "resume_token"}, row(302, **guests(302))),
    "responses/<int:pk>/": ({"pk": "response"}, NOT_YOURS),
    "responses/<int:pk>/sections/<int:number>/": ({"pk": "response", "number": 1}, NOT_YOURS),
    "responses/<int:pk>/saved/": ({"pk": "response"}, NOT_YOURS),
    "responses/<int:pk>/check/": ({"pk": "response"}, NOT_YOURS),
    "responses/<int:pk>/submitted/": ({"pk": "response"}, NOT_YOURS),
    "responses/<int:pk>/result/": ({"pk": "response"}, NOT_YOURS),
    # POST only (a guest's next chosen questionnaire).
    "responses/<int:pk>/next/": ({"pk": "response"}, row(405, **guests(405))),
    "rounds/<int:pk>/report/": ({"pk": "round"}, OWN_READ),
    "rounds/<int:pk>/report/<slug:slug>/": ({"pk": "round", "slug": "framework_slug"}, OWN_READ),
    "rounds/<int:pk>/report/<slug:slug>/figures.csv": (
        {"pk": "round", "slug": "framework_slug"},
        OWN_READ,
    ),
    "rounds/<int:pk>/report-pack.pdf": ({"pk": "round"}, OWN_READ),
    "rounds/<int:pk>/workbook.xlsx": ({"pk": "round"}, OWN_READ),
    "partnerships/<int:pk>/trends.csv": ({"pk": "partnership"}, OWN_READ),
    "partnerships/<int:pk>/trends/": ({"pk": "partnership"}, OWN_READ),
    "partnerships/<int:pk>/trends/<slug:slug>/": (
        {"pk": "partnership", "slug": "framework_slug"},
        OWN_READ,
    ),
    # The action plan: its people read it (facilitators too); managers add and change
    # actions (here nobody in the matrix owns the action, so nobody else may change it).
    "partnerships/<int:pk>/actions/": ({"pk": "partnership"}, OWN_READ),
    "partnerships/<int:pk>/actions/print/": ({"pk": "partnership"}, OWN_READ),
    "partnerships/<int:pk>/actions/new/": ({"pk": "partnership"}, MANAGE),
    "partnerships/<int:pk>/actions/<int:action_pk>/": (
        {"pk": "partnership", "action_pk": "action"},
        OWN_READ,
    ),
    "partnerships/<int:pk>/actions/<int:action_pk>/edit/": (
        {"pk": "partnership", "action_pk": "action"},
        MANAGE,
    ),
    # POST only: a GET is refused before any check; the POST matrix is in the action tests.
    "partnerships/<int:pk>/actions/<int:action_pk>/notes/": (
        {"pk": "partnership", "action_pk": "action"},
        row(405),
    ),
    # Targets: managers; a consensus workshop and its agenda: whoever reads the report
    # (recording an agreed position is POST only, by managers and facilitators).
    "rounds/<int:pk>/report/<slug:slug>/targets/": (
        {"pk": "round", "slug": "framework_slug"},
        MANAGE,
    ),
    "rounds/<int:pk>/workshop/<slug:slug>/": ({"pk": "round", "slug": "framework_slug"}, OWN_READ),
    "rounds/<int:pk>/workshop/<slug:slug>/agenda/": (
        {"pk": "round", "slug": "framework_slug"},
        OWN_READ,
    ),
    "rounds/<int:pk>/workshop/<slug:slug>/dimensions/<int:dimension_pk>/": (
        {"pk": "round", "slug": "framework_slug", "dimension_pk": "dimension"},
        row(405),
    ),
    "dashboard/": ({}, row(403, facilitator_other_cohort=200, facilitator=200)),
    "dashboard/download/": ({}, row(403, facilitator_other_cohort=200, facilitator=200)),
    "dashboard/portfolio.csv": ({}, row(403, facilitator_other_cohort=200, facilitator=200)),
    "dashboard/cohorts/<int:pk>/": ({"pk": "cohort"}, row(404, facilitator=200)),
    # Cohorts: anyone signed in sees their own list; a cohort opens for its facilitators and
    # admins; taking the target partnership out is for admins only here (the cohort's
    # facilitator holds no membership of their own in it: 403).
    "cohorts/": ({}, row(200)),
    "cohorts/<int:pk>/": ({"pk": "cohort"}, row(404, facilitator=200, staff_admin=200)),
    "cohorts/<int:pk>/partnerships/<int:partnership_pk>/remove/": (
        {"pk": "cohort", "partnership_pk": "partnership"},
        row(404, facilitator=403, staff_admin=200),
    ),
    "frameworks/<int:pk>/preview/": ({"pk": "framework"}, row(403, staff_admin=200)),
    "frameworks/<int:pk>/preview/<int:number>/": (
        {"pk": "framework", "number": 1},
        row(403, staff_admin=200),
    ),
    "frameworks/<int:pk>/preview/end/": ({"pk": "framework"}, row(403, staff_admin=200)),
}


def _not_staff(status):
    return {role: status for role in ROLES if role != "staff_admin"}


def admin_row(staff, others=ADMIN_SIGN_IN, **by_role):
    """Signed-in people who are not staff go to the admin's sign-in page; nobody signed in
    goes to the service's (LoginRequiredMiddleware) unless given."""
    anonymous = by_role.pop("anonymous", others if others != ADMIN_SIGN_IN else SIGN_IN)
    return {
        **_not_staff(others),
        "anonymous": anonymous,
        "guest_other_round": anonymous,
        "staff_admin": staff,
        **by_role,
    }


# Admin pages, by the end of the URL name (or the route for unnamed ones). Everyone but the
# staff admin is sent to the admin's sign-in page; the admin's own status is given here.
def site_row(staff, **by_role):
    """The admin site's own pages (admin_view) send nobody-signed-in to the admin's sign-in."""
    return admin_row(staff, **{"anonymous": ADMIN_SIGN_IN, **by_role})


ADMIN_RULES: dict[str, dict] = {
    "index": site_row(200),
    "app_list": site_row(200),
    "login": admin_row(302, others=200, anonymous=200),
    # POST only; the signed-in who are not staff are sent on to the admin's sign-in page.
    "logout": site_row(
        405, **{**_not_staff(302), "anonymous": ADMIN_SIGN_IN, "guest_other_round": ADMIN_SIGN_IN}
    ),
    "password_change": site_row(200),
    "password_change_done": site_row(200),
    "jsi18n": site_row(200),
    "autocomplete": site_row(403),  # without the field it is for
    "view_on_site": site_row(404),  # no model here has a public page
    "changelist": admin_row(200),
    "add": admin_row(200),
    "change": admin_row(200),
    "history": admin_row(200),
    "delete": admin_row(200),
    "simple_history": admin_row(200),
    "import": admin_row(200),
    "format": admin_row(200),  # the framework file format, linked from the import form
    "export": admin_row(200),
    "content_history": admin_row(200),
    "publish": admin_row(200),  # a confirmation page first; POST publishes
    "new_draft": admin_row(405),  # POST only
    "retire": admin_row(200),  # a confirmation page first; POST retires
    "compare": admin_row(200),  # a framework version beside another
    "<object-redirect>": admin_row(302),  # <path:object_id>/ -> the change page
    "<catch-all>": site_row(404),
}
# Exceptions for one page of the family, by full URL name: the admin cannot do these.
ADMIN_EXCEPTIONS: dict[str, dict] = {
    # A user's password form: a model page, though its name ends like the site's own.
    "admin:auth_user_password_change": admin_row(200),
    # Sign-in records are made by django-axes only; unlocking is deleting them.
    "admin:axes_accessattempt_add": admin_row(403),
    "admin:axes_accesslog_add": admin_row(403),
    "admin:axes_accessfailurelog_add": admin_row(403),
    # The round holds responses and the partnership a round with responses: archive instead.
    "admin:assessments_round_delete": admin_row(403),
    "admin:assessments_partnership_delete": admin_row(403),
    # Framework content used by responses is frozen (frameworks/guards.py).
    "admin:frameworks_framework_delete": admin_row(403),
    "admin:frameworks_dimension_delete": admin_row(403),
    "admin:frameworks_item_delete": admin_row(403),
    "admin:frameworks_scoreband_delete": admin_row(403),
    "admin:frameworks_dimensionadvice_delete": admin_row(403),
}
