"""content_diff.compare, worked by hand on small frameworks (no database)."""

import copy
from decimal import Decimal

from frameworks.content_diff import FieldChange, compare


def item(key, statement, **extra):
    return {
        "key": key,
        "statement": statement,
        "help": "",
        "response": "scale",
        "reverse_scored": False,
        "weight": Decimal(1),
        "allows_not_applicable": True,
        **extra,
    }


def dimension(key, title, items, **extra):
    return {
        "key": key,
        "title": title,
        "description": "",
        "source": "",
        "guidance": "",
        "local_context": False,
        "advice": {"Low": "Act.", "High": "Keep going."},
        "items": items,
        **extra,
    }


OLD = {
    "slug": "teamwork",
    "version": 1,
    "title": "Teamwork",
    "summary": "About teamwork.",
    "kind": "rated",
    "source": "A book.",
    "scale": {"min": 1, "max": 5, "labels": list("abcde"), "question": ""},
    "bands": [
        {"label": "Low", "lower": 0, "colour": "red", "meaning": ""},
        {"label": "High", "lower": 60, "colour": "green", "meaning": ""},
    ],
    "dimensions": [
        dimension(
            "trust",
            "Trust",
            [
                item("trust-1", "We trust each other and share."),
                item("trust-2", "We keep our word."),
                item("trust-3", "Nobody hides things.", reverse_scored=True),
            ],
        ),
        dimension("roles", "Roles", [item("roles-1", "Roles are clear.")]),
    ],
}


def test_identical_versions_have_no_differences():
    diff = compare(OLD, copy.deepcopy(OLD) | {"version": 2})
    assert diff.is_empty
    assert diff.summary() == "no differences"
    assert diff.lines() == []


def test_each_kind_of_change_is_found_once_where_it_belongs():
    new = copy.deepcopy(OLD) | {"version": 2, "title": "Teamwork (2nd edition)"}
    new["bands"][1]["lower"] = 75
    trust, roles = new["dimensions"]
    # Split trust-1 into two new items; reword trust-2; rescore trust-3; move roles-1.
    trust["items"] = [
        item("trust-each-other", "We trust each other."),
        item("trust-share", "We share."),
        item("trust-2", "We keep our word to partners.", help="Promises made in meetings."),
        item(
            "trust-3",
            "Nobody hides things.",
            reverse_scored=True,
            weight=Decimal(2),
            allows_not_applicable=False,
        ),
        item("roles-1", "Roles are clear."),
    ]
    roles["items"] = [item("roles-2", "Everyone knows their role.")]
    roles["advice"]["Low"] = "Write roles down."
    new["dimensions"].append(dimension("learning", "Learning", [item("learn-1", "We learn.")]))

    diff = compare(OLD, new)

    assert diff.framework == (FieldChange("title", "Teamwork", "Teamwork (2nd edition)"),)
    assert diff.bands == (FieldChange("‘High’ lower bound", "60", "75"),)
    assert [d.key for d in diff.dimensions_added] == ["learning"]
    assert diff.dimensions_removed == ()
    assert [(d.key, [c.field for c in d.changes]) for d in diff.dimensions_changed] == [
        ("roles", ["advice for ‘Low’"])
    ]
    assert [i.key for i in diff.items_added] == [
        "trust-each-other", "trust-share", "roles-2", "learn-1",
    ]  # fmt: skip
    assert [(i.key, i.statement) for i in diff.items_removed] == [
        ("trust-1", "We trust each other and share.")
    ]
    assert [(i.key, i.changes) for i in diff.items_reworded] == [
        (
            "trust-2",
            (
                FieldChange("statement", "We keep our word.", "We keep our word to partners."),
                FieldChange("hint", "(none)", "Promises made in meetings."),
            ),
        )
    ]
    assert [(i.key, i.changes) for i in diff.items_rescored] == [
        (
            "trust-3",
            (
                FieldChange("weight", "1", "2"),
                FieldChange("offers 'Not applicable / don't know'", "yes", "no"),
            ),
        )
    ]
    assert [(i.key, i.changes) for i in diff.items_moved] == [
        ("roles-1", (FieldChange("dimension", "Roles", "Trust"),))
    ]
    assert diff.summary() == (
        "1 framework field changed, 1 score band change, 1 dimension added, "
        "1 dimension changed, 4 items added, 1 item removed, 1 item reworded, "
        "1 item rescored, 1 item moved"
    )
    assert "item removed: [trust-1] We trust each other and share." in diff.lines()
    assert "item rescored: [trust-3] weight: 1 → 2" in diff.lines()


def test_a_removed_dimension_and_a_reordered_one():
    new = copy.deepcopy(OLD) | {"version": 2}
    new["dimensions"] = [new["dimensions"][1]]
    diff = compare(OLD, new)
    assert [d.key for d in diff.dimensions_removed] == ["trust"]
    assert [i.key for i in diff.items_removed] == ["trust-1", "trust-2", "trust-3"]
    assert diff.dimensions_changed[0].changes == (FieldChange("position", "2", "1"),)
