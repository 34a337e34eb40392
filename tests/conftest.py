import pytest
from django.core.cache import cache

from assessments.selectors import stored_results
from assessments.services.results import rebuild_results
from partnership_site.roles import PartnershipRole
from tests.factories import MembershipFactory, PartnershipFactory, UserFactory
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, OIDCProvider


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # A fast hasher: password strength is Django's concern, not these tests'.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The test client and live server speak plain HTTP; tests/partnership_site/test_security.py
    # checks the HTTPS redirect itself.
    settings.SECURE_SSL_REDIRECT = False
    # Closing due rounds on requests queries the database, which some tests do not have;
    # tests/assessments/services/test_close_due_rounds.py turns it on and tests it.
    settings.CLOSE_DUE_ROUNDS_ON_REQUESTS = False
    # Each test starts with an empty cache: throttle counts and the structures of frozen
    # framework versions (structure.answered_spec) are keyed by ids that another test's database
    # may reuse.
    cache.clear()


@pytest.fixture(autouse=True)
def _results_stored_when_read(request, monkeypatch):
    """Factories build closed rounds without closing them, and add answers to closed rounds
    (tests/factories/assessments.py drops their stored results): in tests, a closed round
    without stored results has them stored when first read. Production refuses such a round
    (ADR 0031); tests marked ``strict_results`` keep that refusal."""
    if request.node.get_closest_marker("strict_results") is None:
        monkeypatch.setattr(
            stored_results,
            "missing_results_handler",
            lambda *, round_ids: rebuild_results(round_ids=round_ids),
        )


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on 127.0.0.1 (tests/oidc_provider.py)."""
    provider = OIDCProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def nhs_sign_in(settings, oidc_provider):
    """Sign-in with an NHS account switched on, against the test provider, for nhs.net."""
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = oidc_provider.url
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ALLOWED_EMAIL_DOMAINS = ["nhs.net"]
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "partnership_site.oidc_backend.NHSAccountBackend",
    ]
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**directives, "form-action": [*directives["form-action"], oidc_provider.url]}
    }
    oidc_provider.reset()
    cache.clear()  # the discovery document
    yield oidc_provider
    oidc_provider.reset()


@pytest.fixture
def partnership(db):
    return PartnershipFactory()


def _member(partnership, role):
    return MembershipFactory(partnership=partnership, role=role).user


@pytest.fixture
def manager(partnership):
    return _member(partnership, PartnershipRole.MANAGER)


@pytest.fixture
def member(partnership):
    return _member(partnership, PartnershipRole.MEMBER)


@pytest.fixture
def facilitator(partnership):
    return _member(partnership, PartnershipRole.FACILITATOR)


@pytest.fixture
def outsider(db):
    """Signed in, but belongs to no partnership."""
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="site-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def role_user(request, manager, member, facilitator, outsider, admin_user):
    """Parametrise with indirect=True and a role name: manager, member, facilitator,
    outsider or admin_user."""
    return {
        "manager": manager,
        "member": member,
        "facilitator": facilitator,
        "outsider": outsider,
        "admin_user": admin_user,
    }[request.param]
