"""Backup and restore: a restored database gives byte-identical reports."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from assessments.models import Answer, Response, ResponseStatus, RoundStatus
from frameworks.models import Item
from partnership_site.roles import PartnershipRole
from tests.factories import (
    AnswerFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    ResponseFactory,
    RoundFactory,
    build_framework,
)

pytestmark = pytest.mark.django_db(transaction=True)
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def _reports(client, round_, framework) -> list[bytes]:
    pages = [
        client.get(reverse("round_report", args=[round_.pk, framework.slug])),
        client.get(reverse("round_report_csv", args=[round_.pk, framework.slug])),
        client.get(reverse("trends", args=[round_.partnership.pk])),
    ]
    assert [page.status_code for page in pages] == [200, 200, 200]
    bodies = [
        b"".join(page.streaming_content) if page.streaming else page.content for page in pages
    ]
    return [CSRF.sub(b"", body) for body in bodies]  # the token differs per request


@pytest.fixture
def answered(db):
    framework = build_framework(sections=(2, 2))
    partnership = PartnershipFactory()
    manager = MembershipFactory(partnership=partnership, role=PartnershipRole.MANAGER).user
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    partners = [PartnerFactory(partnership=partnership) for _ in range(2)]
    items = list(Item.objects.filter(dimension__framework=framework).order_by("pk"))
    for number in range(8):
        response = ResponseFactory(round=round_, framework=framework, partner=partners[number % 2])
        for index, item in enumerate(items):
            AnswerFactory(
                response=response,
                item=item,
                value=1 + (number + index) % 5,
                comment=f"Example {number}.{index}" if index == 0 else "",
            )
        Response.objects.filter(pk=response.pk).update(
            status=ResponseStatus.SUBMITTED, submitted_at=response.started_at
        )
    round_.status = RoundStatus.CLOSED
    round_.save()
    return manager, round_, framework


def test_a_restored_database_gives_byte_identical_reports(client, answered, tmp_path):
    manager, round_, framework = answered
    client.force_login(manager)
    before = _reports(client, round_, framework)

    path = tmp_path / "partnerships.dump"
    call_command("backup", str(path))
    assert path.stat().st_size > 0

    # Lose answers after the backup: the reports change...
    Answer.objects.filter(response__in=Response.objects.all()[:3]).delete()
    assert _reports(client, round_, framework) != before

    # ...and the restore brings back exactly what was there.
    call_command("restore", str(path), "--yes")
    client.force_login(manager)
    assert _reports(client, round_, framework) == before
    assert connection.vendor in {"postgresql", "sqlite"}


def test_restore_refuses_a_missing_file_and_changes_nothing(answered, tmp_path):
    count = Answer.objects.count()
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore", str(tmp_path / "missing.dump"), "--yes")
    assert Answer.objects.count() == count


def test_restore_refuses_a_file_that_is_not_a_backup(answered, tmp_path):
    path = tmp_path / "notes.dump"
    path.write_text("not a backup")
    count = Answer.objects.count()
    with pytest.raises(CommandError):
        call_command("restore", str(path), "--yes")
    assert Answer.objects.count() == count


def test_restore_asks_first(answered, tmp_path, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Restore cancelled"):
        call_command("restore", str(tmp_path / "any.dump"))
