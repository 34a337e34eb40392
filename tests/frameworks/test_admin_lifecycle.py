"""Framework library admin, continued from test_admin.py."""

import io
import zipfile

import pytest
import yaml
from django.contrib.auth.models import Permission

from assessments import services
from frameworks.content_format import framework_to_data
from frameworks.content_yaml import export_framework
from frameworks.models import (
    Framework,
    FrameworkStatus,
    Item,
    ScoreBand,
)
from tests.factories import (
    MembershipFactory,
    RoundFactory,
    UserFactory,
    build_framework,
)
from tests.frameworks.test_admin import (  # noqa: F401
    CONFIRMED,
    CONTENT,
    _frozen_pages,
    _upload,
    complete,
    draft,
    form_data,
    frozen,
    pytestmark,
    staff,
    url,
)


def test_publish_and_retire_ask_first_and_change_nothing_until_confirmed(staff, draft):
    first = complete(build_framework(slug="teamwork", version=1, title="Working together"))
    draft.previous_version = first
    draft.save()
    item = Item.objects.filter(dimension__framework=draft).order_by("pk").first()
    item.statement = "A reworded statement for version 2."
    item.save()

    page = staff.get(url("framework_publish", draft.pk))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Yes, publish version 2" in body and 'name="confirm" value="yes"' in body
    assert "From version 1 to version 2" in body and "A reworded statement for version 2." in body
    assert "Items reworded" in body
    # A POST that did not come from the confirmation page only shows that page.
    assert staff.post(url("framework_publish", draft.pk)).status_code == 200
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.DRAFT

    staff.post(url("framework_publish", draft.pk), CONFIRMED)
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.PUBLISHED
    # Publishing version 2 retired version 1: new rounds use version 2 (issue 17).
    assert Framework.objects.get(pk=first.pk).status == FrameworkStatus.RETIRED

    page = staff.get(url("framework_retire", draft.pk)).content.decode()
    assert "Yes, retire version 2" in page and "No other version is published" in page
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.PUBLISHED


def test_the_compare_page_shows_each_kind_of_difference(staff, draft):
    first = complete(build_framework(slug="teamwork", version=1, title="Working together"))
    draft.previous_version = first
    draft.save()
    items = list(Item.objects.filter(dimension__framework=draft).order_by("pk"))
    items[0].statement = "Reworded in version 2."
    items[0].save()
    items[1].reverse_scored = not items[1].reverse_scored
    items[1].save()
    removed = items[2].statement
    items[2].delete()
    Item.objects.create(
        dimension=items[0].dimension, key="brand-new", position=30, statement="Brand new item."
    )

    body = staff.get(url("framework_compare", draft.pk)).content.decode()
    assert "Reworded in version 2." in body
    assert "Reverse scored" in body
    assert removed in body and "Brand new item." in body
    assert "1 item added, 1 item removed, 1 item reworded, 1 item rescored" in body
    # Either way round, and the other version can be chosen.
    back = staff.get(url("framework_compare", first.pk), {"with": draft.pk}).content.decode()
    assert "From version 1 to version 2" in back
    alone = build_framework(slug="solo", version=1)
    assert (
        "nothing to compare it with"
        in staff.get(url("framework_compare", alone.pk)).content.decode()
    )


def test_new_draft_and_retire_buttons(staff, frozen):
    response = staff.post(url("framework_new_draft", frozen.pk))
    copy = Framework.objects.get(slug="teamwork", version=2)
    assert response["Location"] == url("framework_change", copy.pk)
    assert copy.status == FrameworkStatus.DRAFT and copy.previous_version == frozen
    assert framework_to_data(copy) == framework_to_data(frozen) | {"version": 2}
    response = staff.post(url("framework_new_draft", frozen.pk), follow=True)
    assert "Version 2 of this framework is a draft already" in response.content.decode()
    staff.post(url("framework_retire", frozen.pk), CONFIRMED)
    assert Framework.objects.get(pk=frozen.pk).status == FrameworkStatus.RETIRED


def test_lifecycle_buttons_need_permission(client, draft):
    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_framework"))
    client.force_login(clerk)
    assert client.get(url("framework_change", draft.pk)).status_code == 200
    assert client.post(url("framework_publish", draft.pk)).status_code == 403
    assert client.post(url("framework_new_draft", draft.pk)).status_code == 403
    assert client.get(url("framework_import")).status_code == 403


def test_list_actions(staff, draft, frozen):
    changelist = url("framework_changelist")
    publish = {"action": "publish_selected", "_selected_action": [draft.pk]}
    asked = staff.post(changelist, publish)
    assert "Yes, publish 1 version" in asked.content.decode()
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.DRAFT
    staff.post(changelist, publish | CONFIRMED)
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.PUBLISHED
    # Publishing version 2 retired version 1 for new rounds.
    assert Framework.objects.get(pk=frozen.pk).status == FrameworkStatus.RETIRED
    retire = {"action": "retire_selected", "_selected_action": [draft.pk]}
    assert "Yes, retire 1 version" in staff.post(changelist, retire).content.decode()
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.PUBLISHED
    staff.post(changelist, retire | CONFIRMED)
    assert Framework.objects.get(pk=draft.pk).status == FrameworkStatus.RETIRED
    staff.post(changelist, {"action": "new_draft_of_selected", "_selected_action": [frozen.pk]})
    assert Framework.objects.filter(slug="teamwork", version=3, status="draft").exists()

    one = staff.post(changelist, {"action": "export_selected", "_selected_action": [frozen.pk]})
    assert one["Content-Disposition"] == 'attachment; filename="teamwork.yaml"'
    assert one.content.decode() == export_framework(frozen)
    both = staff.post(
        changelist, {"action": "export_selected", "_selected_action": [frozen.pk, draft.pk]}
    )
    names = zipfile.ZipFile(io.BytesIO(both.content)).namelist()
    assert names == ["teamwork-v1.yaml", "teamwork-v2.yaml"]


def test_export_button(staff, frozen):
    response = staff.get(url("framework_export", frozen.pk))
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert yaml.safe_load(response.content)["slug"] == "teamwork"


def test_import_makes_a_draft(staff):
    text = (CONTENT / "warning-signs.yaml").read_text()
    response = staff.post(url("framework_import"), {"file": _upload(text)})
    framework = Framework.objects.get(slug="warning-signs")
    assert response["Location"] == url("framework_change", framework.pk)
    assert framework.status == FrameworkStatus.DRAFT


def test_import_lists_every_problem_and_saves_nothing(staff):
    data = yaml.safe_load((CONTENT / "warning-signs.yaml").read_text())
    data["kind"] = "survey"
    data["dimensions"][0]["items"][1]["statement"] = ""
    text = yaml.safe_dump(data, sort_keys=False)
    response = staff.post(url("framework_import"), {"file": _upload(text, "mine.yaml")})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported: mine.yaml has 2 problems" in body
    assert "kind: must be one of: rated, checklist, reflection" in body
    assert "dimensions[0].items[1].statement: is required" in body
    assert not Framework.objects.exists()
    assert staff.get(url("framework_import")).status_code == 200


def test_change_history_names_who_changed_what(staff, draft):
    data = form_data(staff.get(url("framework_change", draft.pk)))
    data["title"] = "Teamwork, revised"
    staff.post(url("framework_change", draft.pk), data)
    dimension = draft.dimensions.get(position=1)
    data = form_data(staff.get(url("dimension_change", dimension.pk)))
    data["items-0-statement"] = "Reworded"
    staff.post(url("dimension_change", dimension.pk), data)

    history = staff.get(url("framework_history", draft.pk)).content.decode()
    assert "site-admin" in history
    body = staff.get(url("framework_content_history", draft.pk)).content.decode()
    assert "Changed: Framework: Teamwork, revised" in body
    assert "title: <del>" in body and "→ Teamwork, revised" in body
    assert "Changed: Item ‘Reworded’ in ‘Section 1 title’" in body
    assert "site-admin" in body
    assert ScoreBand.history.filter(framework_id=draft.pk).exists()


def test_content_history_sums_up_rows_created_together(staff, frozen):
    staff.post(url("framework_new_draft", frozen.pk))
    copy = Framework.objects.get(slug="teamwork", version=2)
    body = staff.get(url("framework_content_history", copy.pk)).content.decode()
    assert (
        "Created: 1 framework version, 3 score bands, 3 dimensions, 6 items, "
        "9 pieces of advice" in body
    )


@pytest.mark.django_db
def test_the_version_list_separates_the_library_from_local_questions(client, admin_user):
    library = build_framework(title="Shared one")
    round_ = RoundFactory(frameworks=[library], status="draft")
    manager = MembershipFactory(partnership=round_.partnership, role="manager").user
    services.add_local_questions(
        actor=manager, round_=round_, title="Our own questions", statements=["A local issue"]
    )
    client.force_login(admin_user)
    url = "/admin/frameworks/framework/"
    local_page = client.get(url, {"owner": "local"}).content.decode()
    library_page = client.get(url, {"owner": "library"}).content.decode()
    assert "Our own questions" in local_page and "Shared one" not in local_page
    assert "Shared one" in library_page and "Our own questions" not in library_page


def test_the_import_help_links_to_a_page_with_the_file_format(staff):
    page = staff.get(url("framework_import")).content.decode()
    format_url = url("framework_format")
    assert f'href="{format_url}">the framework file format</a>' in page
    shown = staff.get(format_url)
    assert shown.status_code == 200
    body = shown.content.decode()
    assert "Each default framework is one YAML file" in body
    assert "The framework file format" in body
