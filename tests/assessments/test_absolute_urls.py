"""Models know their own page (get_absolute_url), so views and templates need not rebuild it."""

import pytest
from django.urls import reverse

from tests.factories import RoundFactory

pytestmark = pytest.mark.django_db


def test_partnership_and_round_pages():
    round_ = RoundFactory()
    assert round_.get_absolute_url() == reverse("round_detail", args=[round_.pk])
    partnership = round_.partnership
    assert partnership.get_absolute_url() == reverse("partnership_detail", args=[partnership.pk])
