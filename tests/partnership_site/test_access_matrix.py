"""The access matrix: every URL pattern in the URLconf, requested (GET) as each role, with
objects of one partnership ("the target"), asserting the status each role must get.

Roles (ROLES): nobody signed in; a guest holding another round's resume link; a respondent
who answered in the target (the URL objects are a colleague's); a member, a manager and a
cohort facilitator of *another* partnership; the target's facilitator (through its cohort);
a staff admin who belongs to no partnership.

EXPECTED is the table to extend: one row per URL pattern (keyed by its route), giving the
URL's arguments and the status for each role. A pattern with no row fails
``test_every_url_pattern_is_in_the_matrix``. Admin pages are one family (ADMIN_RULES,
by the end of the URL name) so that registering a model needs no new row, yet each of its
pages is still requested as every role.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import import_module

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.signing import get_cookie_signer
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from assessments.links import personal_link_token
from assessments.models import PersonalInvitation, ResponseStatus, RoundStatus, hash_token
from assessments.views.questionnaire.access import GUEST_LINKS_COOKIE, GUEST_LINKS_SALT
from frameworks.models import DimensionAdvice
from partnership_site.roles import PartnershipRole
from tests.factories import (
    ActionItemFactory,
    CohortFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
    build_framework,
)

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
NOT_YOURS = row(404, **guests(404))  # a colleague's response: nobody but its owner
# Answering: the respondent (already answered: sent on to their response); never facilitators.
ANSWER = row(404, respondent=200, facilitator=403)

EXPECTED: dict[str, tuple] = {
    # route: (arguments from the objects, statuses)
    "": ({}, row(200, **guests(200))),
    "sign-in/": ({}, row(302, **guests(200))),
    "sign-out/": ({}, row(405)),  # POST only
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
    "partnerships/<int:pk>/members/add/": ({"pk": "partnership"}, MANAGE),
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
    "rounds/<int:pk>/open/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/close/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/new-link/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/local-questions/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/closing-date/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/shared-link/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/people/": ({"pk": "round"}, MANAGE),
    "rounds/<int:pk>/people/links.csv": ({"pk": "round"}, MANAGE),
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
    # The invitation link is the key (anyone holding it may answer); members of the round's
    # partnership are sent to their own round page instead.
    "invitation/<slug:token>/": (
        {"token": "invitation_token"},
        row(200, **guests(200), respondent=302),
    ),
    "invitation/<slug:token>/start/": (
        {"token": "invitation_token"},
        row(200, **guests(200), respondent=302),
    ),
    "resume/<slug:token>/": ({"token": "resume_token"}, row(302, **guests(302))),
    "responses/<int:pk>/": ({"pk": "response"}, NOT_YOURS),
    "responses/<int:pk>/sections/<int:number>/": ({"pk": "response", "number": 1}, NOT_YOURS),
    "responses/<int:pk>/saved/": ({"pk": "response"}, NOT_YOURS),
    "responses/<int:pk>/check/": ({"pk": "response"}, NOT_YOURS),
    "responses/<int:pk>/submitted/": ({"pk": "response"}, NOT_YOURS),
    "responses/<int:pk>/result/": ({"pk": "response"}, NOT_YOURS),
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
    "dashboard/": ({}, row(403, facilitator_other_cohort=200, facilitator=200)),
    "dashboard/download/": ({}, row(403, facilitator_other_cohort=200, facilitator=200)),
    "dashboard/portfolio.csv": ({}, row(403, facilitator_other_cohort=200, facilitator=200)),
    "dashboard/cohorts/<int:pk>/": ({"pk": "cohort"}, row(404, facilitator=200)),
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


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None  # with namespace, such as "admin:index"
    namespace: str | None
    pattern: object


def all_patterns() -> list[Pattern]:
    found = []

    def walk(patterns, prefix="", namespace=None):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                found.append(Pattern(prefix + str(entry.pattern), name, namespace, entry))

    walk(get_resolver().url_patterns)
    return found


def admin_rule_key(pattern: Pattern) -> str:
    if pattern.name is None:
        return "<catch-all>" if pattern.route.endswith("(?P<url>.*)$") else "<object-redirect>"
    name = pattern.name.removeprefix("admin:")
    for suffix in sorted(ADMIN_RULES, key=len, reverse=True):
        if name == suffix or name.endswith("_" + suffix):
            return suffix
    return ""


def expected_for(pattern: Pattern) -> dict | None:
    if pattern.namespace == "admin":
        if pattern.name in ADMIN_EXCEPTIONS:
            return ADMIN_EXCEPTIONS[pattern.name]
        key = admin_rule_key(pattern)
        return ADMIN_RULES.get(key)
    entry = EXPECTED.get(pattern.route)
    return entry[1] if entry else None


def test_every_url_pattern_is_in_the_matrix():
    missing = [p.route for p in all_patterns() if expected_for(p) is None]
    assert missing == [], f"add these URL patterns to EXPECTED in {__name__}: {missing}"


def test_a_new_url_without_a_row_fails_the_matrix(settings):
    settings.ROOT_URLCONF = __name__  # the real URLconf plus one new page (urlpatterns below)
    missing = [p.route for p in all_patterns() if expected_for(p) is None]
    assert missing == ["brand-new-page/"]


def test_the_matrix_has_no_stale_rows():
    routes = {p.route for p in all_patterns()}
    assert set(EXPECTED) - routes == set()


# -- The objects and the people ----------------------------------------------------------


@pytest.fixture
def world(db):
    framework = build_framework(sections=(2,))
    if not DimensionAdvice.objects.exists():  # before any response freezes the framework
        DimensionAdvice.objects.create(
            dimension=framework.dimensions.first(), band=framework.bands.first(), text="Advice."
        )
    target = PartnershipFactory(name="Target PCN")
    partner = PartnerFactory(partnership=target)
    manager = MembershipFactory(partnership=target, role=PartnershipRole.MANAGER)
    respondent = MembershipFactory(partnership=target, partner=partner).user
    colleague = MembershipFactory(partnership=target, partner=partner)
    round_ = RoundFactory(partnership=target, status=RoundStatus.CLOSED, frameworks=[framework])
    submitted = {"status": ResponseStatus.SUBMITTED, "submitted_at": round_.created_at}
    ResponseFactory(
        round=round_, framework=framework, partner=partner, respondent=respondent, **submitted
    )
    colleague_response = ResponseFactory(
        round=round_,
        framework=framework,
        partner=partner,
        respondent=colleague.user,
        **submitted,
    )
    ResponseFactory(
        round=round_,
        framework=framework,
        partner=partner,
        respondent=None,
        resume_token_hash=hash_token("target-guest-token"),
    )
    ActionItemFactory(partnership=target, raised_in=round_)
    invitation = PersonalInvitation.objects.create(
        round=round_, name="Sam", email="sam@nhs.net", partner=partner, respondent_role="clinical"
    )
    facilitator = UserFactory()
    cohort = CohortFactory(partnerships=[target], facilitators=[facilitator])

    other = PartnershipFactory(name="Other PCN")
    other_partner = PartnerFactory(partnership=other)
    other_round = RoundFactory(partnership=other, frameworks=[framework])
    member_other = MembershipFactory(partnership=other, partner=other_partner).user
    manager_other = MembershipFactory(partnership=other, role=PartnershipRole.MANAGER).user
    guest_response = ResponseFactory(
        round=other_round,
        framework=framework,
        partner=other_partner,
        respondent=None,
        resume_token_hash=hash_token("other-guest-token"),
    )
    facilitator_other = UserFactory()
    CohortFactory(partnerships=[other], facilitators=[facilitator_other])
    staff = UserFactory(is_staff=True, is_superuser=True)

    # Every admin model has a row, so its object pages are requested for real.
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group

    Group.objects.create(name="Editors")
    AccessAttempt.objects.create(username="x", ip_address="10.0.0.9", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="10.0.0.9")
    AccessFailureLog.objects.create(username="x", ip_address="10.0.0.9")

    people = {
        "respondent": respondent,
        "member_other": member_other,
        "manager_other": manager_other,
        "facilitator_other_cohort": facilitator_other,
        "facilitator": facilitator,
        "staff_admin": staff,
    }
    objects = {
        "partnership": target.pk,
        "partner": partner.pk,
        "membership": manager.pk,
        "round": round_.pk,
        "framework": framework.pk,
        "framework_slug": framework.slug,
        "response": colleague_response.pk,
        "invitation_token": round_.invitation_token,
        "resume_token": "target-guest-token",
        "cohort": cohort.pk,
        "invitation": invitation.pk,
        "personal_token": personal_link_token(invitation),
    }
    guest_link = (guest_response.pk, "other-guest-token")
    return {"people": people, "objects": objects, "guest_link": guest_link}


def client_for(role: str, world) -> Client:
    client = Client()
    if role == "guest_other_round":
        pk, token = world["guest_link"]
        value = json.dumps({str(pk): token})
        client.cookies[GUEST_LINKS_COOKIE] = get_cookie_signer(
            salt=GUEST_LINKS_COOKIE + GUEST_LINKS_SALT
        ).sign(value)
    elif role != "anonymous":
        client.force_login(world["people"][role])
    return client


def url_for(pattern: Pattern, world) -> str:
    if pattern.namespace == "admin":
        return admin_url(pattern, world)
    arguments, _ = EXPECTED[pattern.route]
    kwargs = {
        key: world["objects"][value] if isinstance(value, str) else value
        for key, value in arguments.items()
    }
    return reverse(pattern.name, kwargs=kwargs)


def _admin_object(pattern: Pattern, world):
    for model in admin_site._registry:
        prefix = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        if pattern.route.startswith(prefix):
            if model._meta.model_name == "user":
                return prefix, world["people"]["staff_admin"]
            return prefix, model._default_manager.order_by("pk").first()
    return None, None


def admin_url(pattern: Pattern, world) -> str:
    route = pattern.route
    if route.endswith("(?P<url>.*)$"):
        return "/admin/no-such-page/"
    if "app_label" in route:
        return reverse("admin:app_list", kwargs={"app_label": "assessments"})
    if pattern.name == "admin:view_on_site":
        from django.contrib.contenttypes.models import ContentType

        from assessments.models import Partnership

        content_type = ContentType.objects.get_for_model(Partnership)
        return reverse(pattern.name, args=[content_type.pk, world["objects"]["partnership"]])
    prefix, obj = _admin_object(pattern, world)
    if prefix is None or "<" not in route and "(" not in route:
        return "/" + route
    assert obj is not None, f"no object for {route}"
    if pattern.name is None:
        return f"/{prefix}{obj.pk}/"
    if pattern.name.endswith("_simple_history"):
        record = obj.history.order_by("history_id").first()
        return reverse(pattern.name, args=[obj.pk, record.history_id])
    key = "id" if "<id>" in route else "object_id"
    return reverse(pattern.name, kwargs={key: obj.pk})


def status_of(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("login")):
            return SIGN_IN
        if location.startswith(reverse("admin:login")):
            return ADMIN_SIGN_IN
    return response.status_code


def _cases():
    return [(p, role) for p in all_patterns() for role in ROLES]


def test_every_url_as_every_role(world):
    """One test, so the world is built once: every (URL, role) pair is checked and every
    mismatch reported together."""
    mismatches = []
    checked = 0
    no_store_missing = []
    for pattern in all_patterns():
        expected = expected_for(pattern)
        url = url_for(pattern, world)
        for role in ROLES:
            response = client_for(role, world).get(url)
            got = status_of(response)
            checked += 1
            if got != expected[role]:
                mismatches.append(f"{url} as {role}: expected {expected[role]}, got {got}")
            if response.status_code == 200 and "no-store" not in response.get("Cache-Control", ""):
                no_store_missing.append(url)
    assert checked == len(all_patterns()) * len(ROLES)
    print(f"access matrix: {len(all_patterns())} URL patterns x {len(ROLES)} roles = {checked}")
    assert mismatches == [], "\n".join(mismatches)
    assert sorted(set(no_store_missing)) == []


# The URLconf for test_a_new_url_without_a_row_fails_the_matrix.
urlpatterns = [
    *import_module("partnership_site.urls").urlpatterns,
    path("brand-new-page/", lambda request: None, name="brand_new_page"),
]
