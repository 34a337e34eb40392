"""The production server's settings and its access log, which never holds link tokens."""

import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from partnership_site.gunicorn_logging import RedactingLogger, redact

CONFIG = Path(__file__).resolve().parents[2] / "partnership_site" / "gunicorn.conf.py"


def test_tokens_in_invitation_and_resume_links_are_redacted():
    assert redact("/invitation/AbC_123-x/start/") == "/invitation/[token]/start/"
    assert redact("GET /resume/s3cr3t/ HTTP/1.1") == "GET /resume/[token]/ HTTP/1.1"
    assert redact("/join/s3cr3t/") == "/join/[token]/"
    assert redact("/personal/12-abcdef/start/3/") == "/personal/[token]/start/3/"
    assert redact("/password-reset/MQ/cz3-abc123/") == "/password-reset/[token]/"
    assert redact("/password-reset/sent/") == "/password-reset/sent/"
    assert redact("/rounds/4/report/") == "/rounds/4/report/"


def test_the_access_log_line_has_no_token():
    config = runpy.run_path(str(CONFIG))
    logger = RedactingLogger.__new__(RedactingLogger)
    logger.cfg = SimpleNamespace(access_log_format=config["access_log_format"])
    request = SimpleNamespace(
        method="GET",
        path="/invitation/s3cr3t/",
        query="",
        uri="/invitation/s3cr3t/",
        version=(1, 1),
        headers=[("REFERER", "https://x.nhs.uk/resume/other/")],
    )
    response = SimpleNamespace(status="200 OK", sent=10, headers=[], status_code=200)
    environ = {
        "REMOTE_ADDR": "10.0.0.1",
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/invitation/s3cr3t/",
        "PATH_INFO": "/invitation/s3cr3t/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://x.nhs.uk/resume/other/",
    }
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))
    line = config["access_log_format"] % atoms
    assert '"GET /invitation/[token]/"' in line
    assert not [value for value in atoms.values() if "s3cr3t" in str(value)]
    assert atoms["f"] == "https://x.nhs.uk/resume/[token]/"


def test_the_config_reads_the_environment(monkeypatch):
    monkeypatch.setenv("PORT", "9100")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    config = runpy.run_path(str(CONFIG))
    assert config["bind"] == "0.0.0.0:9100" and config["workers"] == 3
    assert config["logger_class"] == "partnership_site.gunicorn_logging.RedactingLogger"
