"""Machinery for the constraint tests (one case per named database constraint): write bad
rows straight to the database and check it names the constraint it enforced; write good rows
and check it accepts them. Used by tests/frameworks/ and tests/assessments/test_constraints.py.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models


@dataclass(frozen=True)
class ConstraintCase:
    """How to write rows against one named constraint: ``write(**fields)`` builds whatever
    rows it needs, then writes the row under test using ``fields``."""

    model: type[models.Model]
    name: str
    write: Callable[..., Any]
    bad: dict[str, dict[str, Any]]
    good: dict[str, dict[str, Any]]


@dataclass
class ConstraintCases:
    cases: list[ConstraintCase] = field(default_factory=list)

    def add(self, model, name, *, write, bad, good):
        assert bad, f"{name} needs at least one bad row"
        assert name in {c.name for c in model._meta.constraints}, f"{model} has no {name}"
        self.cases.append(ConstraintCase(model, name, write, bad, good))

    @property
    def names(self) -> list[str]:
        return [case.name for case in self.cases]

    def params(self, kind: str) -> list:
        return [
            pytest.param(case, fields, id=f"{case.name}[{label}]")
            for case in self.cases
            for label, fields in getattr(case, kind).items()
        ]


def update(instance: models.Model, **fields) -> None:
    """Change a saved row with ``QuerySet.update()``: no save(), no validation."""
    assert type(instance).objects.filter(pk=instance.pk).update(**fields) == 1


def constraint_names(app_label: str) -> list[str]:
    return [
        constraint.name
        for model in apps.get_app_config(app_label).get_models()
        for constraint in model._meta.constraints
    ]


def assert_violated(error: IntegrityError, model: type[models.Model], name: str) -> None:
    """Check the database reported ``name``. PostgreSQL names every constraint; SQLite names
    CHECK constraints but reports a unique constraint by its columns (one on expressions, such
    as Lower("email"), by its index's name)."""
    constraint = {c.name: c for c in model._meta.constraints}[name]
    if connection.vendor == "postgresql":
        assert error.__cause__.diag.constraint_name == name, str(error)
    elif connection.vendor == "sqlite":
        if isinstance(constraint, models.CheckConstraint):
            expected = f"CHECK constraint failed: {name}"
        elif constraint.expressions:
            expected = f"UNIQUE constraint failed: index '{name}'"
        else:
            table = model._meta.db_table
            columns = [model._meta.get_field(f).column for f in constraint.fields]
            expected = "UNIQUE constraint failed: " + ", ".join(f"{table}.{c}" for c in columns)
        assert str(error) == expected
    else:
        pytest.fail(f"no way to read constraint names from {connection.vendor}")


def assert_constraints_in_schema(app_label: str) -> None:
    """Every constraint declared on the app's models exists in the migrated test database."""
    missing = []
    with connection.cursor() as cursor:
        for model in apps.get_app_config(app_label).get_models():
            in_db = connection.introspection.get_constraints(cursor, model._meta.db_table)
            missing += [c.name for c in model._meta.constraints if c.name not in in_db]
    assert missing == []


def assert_every_constraint_covered(app_label: str, covered: list[str]) -> None:
    """Every constraint the app declares has cases here, each name once."""
    declared = constraint_names(app_label)
    assert len(declared) == len(set(declared)), "constraint names must be unique"
    assert len(covered) == len(set(covered))
    assert set(covered) == set(declared)
