"""Which email domains an address may have: one rule for NHS account sign-in
(``OIDC_ALLOWED_EMAIL_DOMAINS``, ADR 0030) and for the people asked to answer
(``RESPONDENT_EMAIL_DOMAINS``, ADR 0037). Pure: no settings, no database.

A list entry is either a domain matched exactly ("nhs.net") or, starting with a dot, any
domain under it (".nhs.uk" matches "gp.nhs.uk" and "a.b.nhs.uk", never "nhs.uk" itself nor
"evilnhs.uk"). Letter case is ignored.

A respondent's address must also be a **plain mailbox** (``is_plain_mailbox``): letters,
digits, dots, hyphens, underscores and apostrophes only. Sub-addressing ("name+a@…", and the
older "%" and "!" relays, and quoted local parts) delivers many addresses to one mailbox,
which would let one person be counted as several respondents (ADR 0037, found by a tester:
three "+tag" addresses lifted a group of one real person over the threshold).

A domain must be **plain ASCII DNS labels** (letters, digits and inner hyphens, separated by
single dots) before any list is consulted. Mail is delivered to a domain's IDNA form, which
folds look-alikes ("ｇp.nhs.uk" with a fullwidth g, "g\u00adp.nhs.uk" with a soft hyphen,
zero-width characters) into "gp.nhs.uk", so a Unicode domain would let one mailbox take any
number of links while every check saw different addresses (a tester made two respondents of
one mailbox this way and recovered a colleague's scores). NHS mail domains are all ASCII.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PLAIN_LOCAL_PART = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._'-]*[A-Za-z0-9])?")
_DNS_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PLAIN_DOMAIN = re.compile(rf"{_DNS_LABEL}(?:\.{_DNS_LABEL})+")


def plain_domain(email: str) -> str | None:
    """``email``'s domain (after its last "@") in lower case if it is plain ASCII DNS labels
    ("gp.nhs.uk"), else None: Unicode look-alikes, invisible characters, empty labels or a
    trailing dot. Checked before lowering, as ``str.lower`` turns some non-ASCII letters (the
    Kelvin sign) into ASCII ones."""
    domain = email.strip().rpartition("@")[2]
    if not domain.isascii():
        return None
    domain = domain.lower()
    return domain if _PLAIN_DOMAIN.fullmatch(domain) else None


def email_domain_allowed(email: str, allowed: Sequence[str]) -> bool:
    """Whether ``email``'s domain (after its last "@") is a plain ASCII domain
    (``plain_domain``) in ``allowed``. An empty list allows nothing."""
    domain = plain_domain(email)
    if domain is None:
        return False
    return any(
        domain.endswith(entry.lower()) if entry.startswith(".") else domain == entry.lower()
        for entry in allowed
    )


def describe_domains(allowed: Sequence[str]) -> str:
    """The list in words for messages: ["nhs.net", ".nhs.uk"] gives
    "@nhs.net or ending .nhs.uk"."""
    exact = [f"@{entry}" for entry in allowed if not entry.startswith(".")]
    under = [f"ending {entry}" for entry in allowed if entry.startswith(".")]
    parts = exact + under
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def is_plain_mailbox(email: str) -> bool:
    """Whether the part of ``email`` before its last "@" names one mailbox: letters, digits,
    dots, hyphens, underscores and apostrophes, starting and ending with a letter or digit.
    False for sub-addresses ("name+tag"), "%" or "!" relays and quoted local parts."""
    local = email.strip().rpartition("@")[0]
    return bool(_PLAIN_LOCAL_PART.fullmatch(local))
