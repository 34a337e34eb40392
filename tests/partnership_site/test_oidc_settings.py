"""NHS account sign-in's settings come from the environment, and it is off unless configured."""

from tests.partnership_site.test_security import _run, _setting

ON = {
    "OIDC_ISSUER": "https://login.microsoftonline.com/tenant-id/v2.0/",
    "OIDC_CLIENT_ID": "client-id",
    "OIDC_CLIENT_SECRET": "client-secret",
    "OIDC_ALLOWED_EMAIL_DOMAINS": "NHS.net, .nhs.uk",
}
BACKEND = "partnership_site.oidc_backend.NHSAccountBackend"


def test_off_unless_configured():
    assert _setting("OIDC_ENABLED") == "False"
    assert BACKEND not in _setting("AUTHENTICATION_BACKENDS")
    # An issuer alone is not enough.
    assert _setting("OIDC_ENABLED", {"OIDC_ISSUER": ON["OIDC_ISSUER"]}) == "False"


def test_on_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.OIDC_ENABLED, s.OIDC_ISSUER, s.OIDC_RP_CLIENT_ID, s.OIDC_RP_SCOPES, "
        "s.OIDC_RP_SIGN_ALGO, s.OIDC_ALLOWED_EMAIL_DOMAINS, s.AUTHENTICATION_BACKENDS[-1], "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    )
    result = _run("-c", code, env={"DJANGO_SETTINGS_MODULE": "partnership_site.settings", **ON})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "https://login.microsoftonline.com/tenant-id/v2.0",
        "client-id",
        "openid",
        "email",
        "profile",
        "RS256",
        "['nhs.net',",
        "'.nhs.uk']",
        BACKEND,
        "[\"'self'\",",
        "'https://login.microsoftonline.com']",
    ]


def test_the_secret_and_the_allowed_domains_are_required():
    for missing in ("OIDC_CLIENT_SECRET", "OIDC_ALLOWED_EMAIL_DOMAINS"):
        env = {**ON, missing: ""}
        result = _run("manage.py", "check", env=env)
        assert result.returncode != 0
        assert f"{missing} must" in result.stderr
