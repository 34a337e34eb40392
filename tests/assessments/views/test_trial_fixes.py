"""What a new user trying the product found untrue or unusable: a closed round's shared
link cannot be replaced, and its dates and counts say what happened."""

from django.urls import reverse

from assessments.models import Round, RoundStatus
from tests.assessments.views.test_partnerships import (  # noqa: F401
    pytestmark,
    signed_in_manager,
    world,
)
from tests.factories import RoundFactory


def test_a_closed_round_refuses_a_new_shared_link(signed_in_manager, world):
    closed = RoundFactory(partnership=world.partnership, status=RoundStatus.CLOSED)
    token = closed.invitation_token
    page = signed_in_manager.get(reverse("round_detail", args=[closed.pk])).content.decode()
    assert reverse("round_new_link", args=[closed.pk]) not in page
    response = signed_in_manager.post(reverse("round_new_link", args=[closed.pk]), follow=True)
    body = response.content.decode()
    assert "A new invitation link has been created" not in body
    assert "This round is closed" in body
    assert Round.objects.get(pk=closed.pk).invitation_token == token
