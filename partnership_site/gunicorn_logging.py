"""Gunicorn's access log without secrets: the token in invitation, resume, personal-link,
join (invitation to a partnership) and password-reset links is written as "[token]". The
server keeps only hashes of resume and join links; its logs must not undo that
(docs/adr/0017-production-serving-and-backups.md)."""

import re

from gunicorn.glogging import Logger

SECRET_PATH = re.compile(r"/(invitation|resume|personal|join)/[^/ ?]+")
RESET_PATH = re.compile(r"/password-reset/[^/ ?]+/[^/ ?]+")


def redact(text: str) -> str:
    """Any secret link in ``text`` with its token replaced by "[token]"."""
    text = RESET_PATH.sub("/password-reset/[token]", text)
    return SECRET_PATH.sub(lambda match: f"/{match.group(1)}/[token]", text)


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # Every value a format could use: path, request line, referer, raw URI, headers.
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
