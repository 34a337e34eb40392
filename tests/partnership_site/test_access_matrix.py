"""The access matrix: every URL pattern in the URLconf, requested (GET) as each role, with
objects of one partnership ("the target"), asserting the status each role must get.

Roles (ROLES): nobody signed in; a guest holding another round's resume link; a respondent
who answered in the target (the URL objects are a colleague's); a member, a manager and a
cohort facilitator of *another* partnership; the target's facilitator (through its cohort);
a staff admin who belongs to no partnership.

EXPECTED (in access_matrix_table.py) is the table to extend: one row per URL pattern (keyed
by its route), giving the
URL's arguments and the status for each role. A pattern with no row fails
``test_every_url_pattern_is_in_the_matrix``. Admin pages are one family (ADMIN_RULES,
by the end of the URL name) so that registering a model needs no new row, yet each of its
pages is still requested as every role.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.sites import site as admin_site
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.signing import get_cookie_signer
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.utils import timezone

from assessments.models import (
    MembershipInvitation,
    Partnership,
    PersonalInvitation,
    ResponseStatus,
    RoundStatus,
    hash_token,
)
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
    personal_link_token,
)
from tests.partnership_site.access_matrix_table import (  # noqa: F401
    ADMIN_EXCEPTIONS,
    ADMIN_RULES,
    ADMIN_SIGN_IN,
    ANSWER,
    EXPECTED,
    MANAGE,
    NOT_YOURS,
    OWN_READ,
    ROLES,
    SIGN_IN,
    _not_staff,
    admin_row,
    guests,
    row,
    site_row,
)


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
    action = ActionItemFactory(partnership=target, raised_in=round_)
    invitation = PersonalInvitation.objects.create(
        round=round_, name="Sam", email="sam@nhs.net", partner=partner, respondent_role="clinical"
    )
    facilitator = UserFactory()
    cohort = CohortFactory(partnerships=[target], facilitators=[facilitator])
    membership_invitation = MembershipInvitation.objects.create(
        partnership=target,
        email="new.colleague@nhs.net",
        token_hash=hash_token("target-membership-token"),
        expires_at=timezone.now() + timedelta(days=14),
    )

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
        "membership_invitation": membership_invitation.pk,
        "membership_token": "target-membership-token",
        "reset_uid": "MQ",  # any account id: the token never matches
        "reset_token": "set-password",
        "action": action.pk,
        "dimension": framework.dimensions.first().pk,
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
