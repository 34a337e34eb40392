"""Preview: a draft exactly as respondents see it (the questionnaire's own page and form),
for framework admins only, and nothing is ever saved."""

import pytest
from django.urls import reverse

from assessments.forms.questionnaire import SectionForm
from assessments.models import Answer, Response
from frameworks.models import FrameworkStatus, Item
from tests.factories import build_framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    framework = build_framework(
        sections=(2, 1), text_items=(2,), status=FrameworkStatus.DRAFT, published_at=None
    )
    Item.objects.filter(dimension__framework=framework, position=1).update(
        help_text="A hint for the first item."
    )
    framework.scale_question = "How far do you agree?"
    framework.save()
    return framework


def section_url(framework, number):
    return reverse("framework_preview_section", args=[framework.pk, number])


def test_the_start_lists_the_sections(client, admin_user, draft):
    client.force_login(admin_user)
    body = client.get(reverse("framework_preview", args=[draft.pk])).content.decode()
    assert "Preview – answers are not saved" in body
    assert draft.summary in body and "There are 2 sections" in body
    assert section_url(draft, 1) in body and "Section 2 title" in body


def test_a_section_is_the_respondents_page(client, admin_user, draft):
    client.force_login(admin_user)
    response = client.get(section_url(draft, 1))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Preview – answers are not saved" in body
    assert [t.name for t in response.templates][:2] == [
        "frameworks/preview_section.html",
        "assessments/questionnaire/section.html",
    ]
    assert isinstance(response.context["form"], SectionForm)
    assert "Section 1 of 2" in body and "Section 1 title" in body
    assert body.count('class="nhsuk-radios__input"') == 2 * (5 + 1)  # 5 points and N/A
    assert "Strongly disagree" in body and "Not applicable / don" in body
    assert "A hint for the first item." in body and "How far do you agree?" in body
    text = client.get(section_url(draft, 2)).content.decode()
    assert 'class="nhsuk-textarea' in text and "Reflection 2" in text


def test_posting_saves_nothing_and_moves_on(client, admin_user, draft):
    client.force_login(admin_user)
    item = Item.objects.filter(dimension__framework=draft).first()
    data = {f"item_{item.pk}": "4", "continue": ""}
    response = client.post(section_url(draft, 1), data)
    assert response["Location"] == section_url(draft, 2)
    response = client.post(section_url(draft, 2), {"continue": ""})
    assert response["Location"] == reverse("framework_preview_end", args=[draft.pk])
    response = client.post(section_url(draft, 1), {"later": ""})
    assert response["Location"] == reverse("framework_preview_end", args=[draft.pk])
    assert not Response.objects.exists() and not Answer.objects.exists()
    end = client.get(reverse("framework_preview_end", args=[draft.pk])).content.decode()
    assert "End of the preview" in end and "Nothing was saved." in end


def test_no_such_section(client, admin_user, draft):
    client.force_login(admin_user)
    assert client.get(section_url(draft, 3)).status_code == 404
    assert client.get(section_url(draft, 0)).status_code == 404


def test_only_framework_admins_may_preview(client, manager, draft):
    client.force_login(manager)
    assert client.get(reverse("framework_preview", args=[draft.pk])).status_code == 403
    assert client.get(section_url(draft, 1)).status_code == 403
    client.logout()
    response = client.get(section_url(draft, 1))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
