"""What people are told about choosing a password: one plain hint for every new-password
field, matching AUTH_PASSWORD_VALIDATORS in settings.py (Django's own list of rules reads
as four bullet points in a different voice)."""

PASSWORD_HINT = (
    "At least 8 characters. It cannot be all numbers, a common password or like your name "
    "or email address. Do not use a password you use elsewhere."
)
