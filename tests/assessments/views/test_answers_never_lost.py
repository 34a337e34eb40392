"""Answers are never lost (issue 11): a session that ends mid-page, a CSRF failure, a stale
second tab, a guest resuming on another device, a double-clicked Start. Each of these tests
failed before the fix it names."""

import re

from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import Answer
from assessments.services import AnswerInput
from partnership_site.roles import PartnershipRole
from tests.assessments.views.test_questionnaire import (  # noqa: F401
    answers,
    framework,
    items_of,
    partner,
    pytestmark,
    respondent,
    round_,
    section_url,
    started,
    text,
)
from tests.factories import MembershipFactory

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def rendered_hidden(page) -> dict[str, str]:
    """The hidden inputs a page rendered, as the browser will send them back."""
    return {
        name: value for name, value in HIDDEN.findall(text(page)) if name != "csrfmiddlewaretoken"
    }


def text_item_and_section(framework):
    item = next(i for i in items_of(framework) if not i.is_scored)
    return item, item.dimension.position


# -- A stale second tab never deletes what it did not change -------------------------------


def test_a_stale_tab_keeps_free_text_saved_from_another_tab(client, started, framework):
    item, number = text_item_and_section(framework)
    tab_a = client.get(section_url(started, number))  # rendered with no text yet
    services.save_answers(
        actor=started.respondent,
        response=started,
        answers={item.pk: AnswerInput(text="Our shared IT keeps failing")},
    )  # tab B
    scored = [i for i in items_of(framework, number) if i.is_scored]
    page = client.post(
        section_url(started, number),
        {**rendered_hidden(tab_a), **answers(scored), f"text_{item.pk}": ""},
    )
    assert page.status_code == 302
    assert Answer.objects.get(item=item).text == "Our shared IT keeps failing"
    assert Answer.objects.filter(item__in=scored, value=4).count() == len(scored)


def test_a_stale_tab_keeps_a_comment_and_a_rating_from_another_tab(client, started, framework):
    first, second = items_of(framework, 1)
    services.save_answers(
        actor=started.respondent,
        response=started,
        answers={first.pk: AnswerInput(value=2), second.pk: AnswerInput(value=2)},
    )
    tab_a = client.get(section_url(started, 1))  # both rendered as 2, no comments
    services.save_answers(
        actor=started.respondent,
        response=started,
        answers={
            first.pk: AnswerInput(value=2, comment="We share a rota now"),
            second.pk: AnswerInput(value=5),
        },
    )  # tab B
    page = client.post(
        section_url(started, 1),
        {
            **rendered_hidden(tab_a),
            f"item_{first.pk}": "3",  # changed here: written, with tab B's comment kept
            f"comment_{first.pk}": "",
            f"item_{second.pk}": "2",  # unchanged here: tab B's 5 stays
            f"comment_{second.pk}": "",
        },
    )
    assert page.status_code == 302
    stored = {a.item_id: a for a in Answer.objects.all()}
    assert (stored[first.pk].value, stored[first.pk].comment) == (3, "We share a rota now")
    assert stored[second.pk].value == 5


def test_a_changed_comment_is_written_and_an_emptied_one_is_removed(client, started, framework):
    first, second = items_of(framework, 1)
    services.save_answers(
        actor=started.respondent,
        response=started,
        answers={first.pk: AnswerInput(value=2, comment="Old note")},
    )
    tab = client.get(section_url(started, 1))
    client.post(
        section_url(started, 1),
        {
            **rendered_hidden(tab),
            f"item_{first.pk}": "2",
            f"comment_{first.pk}": "",
            f"item_{second.pk}": "4",
            f"comment_{second.pk}": "New note",
        },
    )
    stored = {a.item_id: a for a in Answer.objects.all()}
    assert (stored[first.pk].value, stored[first.pk].comment) == (2, "")
    assert (stored[second.pk].value, stored[second.pk].comment) == (4, "New note")


# -- A session that ends mid-page ------------------------------------------------------------


def test_a_respondent_signed_out_mid_page_signs_in_and_gets_back_what_they_typed(
    client, started, framework, respondent
):
    respondent.set_password("correct horse battery staple")
    respondent.save()
    first, second = items_of(framework, 1)
    url = section_url(started, 1)
    tab = client.get(url)
    client.logout()  # the session ended while they were typing
    page = client.post(
        url,
        {
            **rendered_hidden(tab),
            f"item_{first.pk}": "5",
            f"comment_{first.pk}": "Typed before the session ended",
            f"item_{second.pk}": "3",
        },
    )
    assert page.status_code == 302
    assert page.url == f"{reverse('login')}?next={url}"
    assert not Answer.objects.exists()  # nothing saved without signing in

    page = client.post(
        page.url,
        {"username": respondent.username, "password": "correct horse battery staple"},
    )
    assert page.status_code == 302 and page.url == url
    page = client.get(url)
    html = text(page)
    assert "Typed before the session ended" in html
    assert "not saved yet" in html
    assert re.search(
        rf'value="5"[^>]*name="item_{first.pk}"[^>]*checked|'
        rf'name="item_{first.pk}"[^>]*value="5"[^>]*checked',
        html,
    )
    # Saving the page stores what they typed; the kept copy is then gone.
    client.post(url, {**rendered_hidden(page), **dict(_checked(page)), "later": ""})
    assert Answer.objects.get(item=first).comment == "Typed before the session ended"
    assert "not saved yet" not in text(client.get(url))


def _checked(page):
    html = text(page)
    for name, value in re.findall(r'name="(item_\d+)"[^>]*value="([^"]*)"[^>]*checked', html):
        yield name, value
    for name, value in re.findall(r'value="([^"]*)"[^>]*name="(item_\d+)"[^>]*checked', html):
        yield value, name
    for name, body in re.findall(
        r'<textarea[^>]*name="((?:comment|text)_\d+)"[^>]*>(.*?)</textarea>', html, re.S
    ):
        yield name, body.strip()


def test_kept_answers_are_shown_to_their_owner_only(client, started, framework, partnership):
    first = items_of(framework, 1)[0]
    url = section_url(started, 1)
    client.logout()
    client.post(url, {f"item_{first.pk}": "5", f"comment_{first.pk}": "Mine alone"})
    colleague = MembershipFactory(partnership=partnership, role=PartnershipRole.MEMBER).user
    client.force_login(colleague)  # someone else signs in on the same computer
    assert client.get(url).status_code == 404


def test_a_csrf_failure_on_a_questionnaire_page_says_nothing_was_saved(started, framework):
    client = Client(enforce_csrf_checks=True)
    client.force_login(started.respondent)
    first = items_of(framework, 1)[0]
    url = section_url(started, 1)
    page = client.post(url, {f"item_{first.pk}": "4"})
    assert page.status_code == 403
    html = text(page)
    assert "Nothing was saved" in html
    assert f'href="{url}"' in html
    assert not Answer.objects.exists()


def test_the_csrf_page_links_back_to_the_page_the_form_was_on(started):
    client = Client(enforce_csrf_checks=True)
    client.force_login(started.respondent)
    check = reverse("check_answers", args=[started.pk])
    page = client.post(reverse("logout"), HTTP_REFERER=f"http://testserver{check}?from=1")
    assert page.status_code == 403
    assert f'href="{check}?from=1"' in text(page)
    # Another site's address is never offered.
    page = client.post(reverse("logout"), HTTP_REFERER="https://evil.example/x")
    assert f'href="{reverse("logout")}"' in text(page)
