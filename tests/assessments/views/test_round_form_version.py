"""The new-round form names the version of each questionnaire a round will use, and offers
only the newest published one (issue 17)."""

import datetime

import pytest
from django.urls import reverse

from frameworks.models import FrameworkStatus
from tests.factories import build_framework

pytestmark = pytest.mark.django_db


def test_the_form_names_the_version_a_round_will_use(client, manager, partnership):
    build_framework(slug="values", version=1, title="Partnership values")
    newest = build_framework(slug="values", version=2, title="Partnership values")
    newest.published_at = datetime.datetime(2026, 3, 3, 12, tzinfo=datetime.UTC)
    newest.save()
    build_framework(
        slug="values", version=3, title="Partnership values", status="draft", published_at=None
    )
    client.force_login(manager)
    page = client.get(reverse("round_create", args=[partnership.pk])).content.decode()
    assert "Version 2, published 3 March 2026." in page
    assert "Version 1" not in page and "Version 3" not in page
    assert page.count(f'value="{newest.pk}"') == 1
    assert newest.status == FrameworkStatus.PUBLISHED
