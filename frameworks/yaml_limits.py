"""Limits on framework YAML, checked before it is built into Python data or validated.

A small file can still be costly: aliases (``&a`` / ``*a``) repeat a part of the document
without repeating its text, so a 46 KB file of nested aliases expands to millions of nodes
(a "billion laughs" file), and control characters such as NUL cannot be stored in
PostgreSQL text. ``check_yaml(text)`` raises ``YamlLimitError`` (a ``yaml.YAMLError``, so
every caller that already reports unreadable YAML reports these too) when:

- the text is over ``MAX_BYTES`` (1,000,000 bytes of UTF-8; the largest content file is
  about 15 KB) or is not UTF-8;
- it holds a control character other than tab, line feed and carriage return (C0, DEL or
  C1), typed or written as an escape in a quoted string, reported with line and column;
- its node graph, with every alias expanded, has more than ``MAX_NODES`` (5,000; the
  largest content file has under 400) nodes, is nested deeper than ``MAX_DEPTH`` (20), or
  an alias refers to a node that contains it.

Composing the node graph is linear in the text's size; the expanded count is worked out
per distinct node (memoised), so checking an alias bomb is as quick as reading it.
"""

from __future__ import annotations

import re

import yaml

MAX_BYTES = 1_000_000
MAX_NODES = 5_000
MAX_DEPTH = 20
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLimitError(yaml.YAMLError):
    pass


def check_yaml(text: str | bytes) -> None:
    """Raise YamlLimitError if the text breaks a limit (see the module docstring)."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise YamlLimitError(_too_big(len(text)))
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise YamlLimitError("the file is not UTF-8 text") from None
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise YamlLimitError(_too_big(size))
    if match := CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        raise YamlLimitError(_control_message(line, column, match.group()))
    root = yaml.compose(text, Loader=SafeLoader)
    if root is not None:
        count = _expanded_size(root)
        if count > MAX_NODES:
            raise YamlLimitError(
                f"the file has {count:,} values once its aliases (*name) are expanded; "
                f"a framework may have at most {MAX_NODES:,}. Write the content out without "
                "aliases, or split it into several frameworks."
            )


def _control_message(line: int, column: int, character: str) -> str:
    return (
        f"line {line}, column {column}: the control character U+{ord(character):04X} is not "
        "allowed (only tabs and line breaks are). Remove it and import again."
    )


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes; a framework file may be at most {MAX_BYTES:,} bytes"


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _expanded_size(root) -> int:
    """Nodes in the document with every alias expanded, stopping once over MAX_NODES."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()

    def size(node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in on_path:
            raise YamlLimitError("an alias (*name) refers to a part of the file that contains it")
        if depth > MAX_DEPTH:
            raise YamlLimitError(f"the file is nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode) and (match := CONTROL.search(node.value)):
            # Written as an escape ("\0", "\x07") in a quoted string: found once parsed.
            mark = node.start_mark
            raise YamlLimitError(_control_message(mark.line + 1, mark.column + 1, match.group()))
        on_path.add(key)
        total = 1
        for child in _children(node):
            total += size(child, depth + 1)
            if total > MAX_NODES:
                break  # enough to refuse; don't walk the rest
        on_path.discard(key)
        sizes[key] = total
        return total

    return size(root, 0)
