#!/usr/bin/env python3
"""Fail if a view reads a model without scoping it to what the user may see.

In the spirit of NHS Digital's manage-breast-screening ``lint_model_usage_in_views``: views
must reach rows through a loader (``partnership_site.loaders``), a selector, a related
manager of an object already loaded (``round_.invitations``) or a queryset method that
scopes by user (``visible_to``, ``facilitated_by``). This script flags, in every module under
the view packages:

- ``Model.objects`` not followed directly by a scoping method;
- ``get_object_or_404(Model, ...)`` / ``get_list_or_404(Model, ...)`` given a model class.

A line (or the line above it) carrying ``# scoped: <reason>`` is allowed, for the rare view
whose scope is not a user (the staff-only framework preview). Exit status 1 lists each
violation as ``path:line: message``.

Usage: ``python scripts/lint_model_usage_in_views.py [paths...]``
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEW_PATHS = ["assessments/views", "partnership_site/views.py"]
SCOPING_METHODS = {"visible_to", "facilitated_by"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}
PRAGMA = "# scoped:"


def _files(paths: list[str]) -> list[Path]:
    found = []
    for name in paths:
        path = (ROOT / name) if not Path(name).is_absolute() else Path(name)
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return found


def _allowed(lines: list[str], lineno: int) -> bool:
    here = lines[lineno - 1]
    above = lines[lineno - 2] if lineno >= 2 else ""
    return PRAGMA in here or above.strip().startswith(PRAGMA)


def violations(path: Path) -> list[str]:
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        problem = None
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            parent = parents.get(node)
            scoped = isinstance(parent, ast.Attribute) and parent.attr in SCOPING_METHODS
            if not scoped:
                owner = ast.unparse(node.value)
                problem = (
                    f"unscoped {owner}.objects in a view: use a loader, a selector or "
                    ".visible_to(user)"
                )
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in SHORTCUTS
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id[:1].isupper()
        ):
            problem = (
                f"{node.func.id}({node.args[0].id}, ...) reads every row: pass a scoped queryset"
            )
        if problem and not _allowed(lines, node.lineno):
            rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            found.append(f"{rel}:{node.lineno}: {problem}")
    return found


def main(argv: list[str]) -> int:
    problems = [p for path in _files(argv or VIEW_PATHS) for p in violations(path)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} unscoped model read(s) in views.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
