"""Every write to the framework library: keyword-only arguments, an explicit actor, one
transaction each. A version that responses use never changes (FrameworkFrozen)."""

from frameworks.models import FrameworkFrozen
from frameworks.services.content import (
    LoadOutcome,
    LoadResult,
    import_version,
    load_framework,
    replace_content,
)
from frameworks.services.lifecycle import (
    Problem,
    assert_editable,
    delete_content,
    describe_location,
    new_draft_version,
    publish_checklist,
    publish_problems,
    publish_version,
    retire_version,
    save_content,
    save_parts,
)

__all__ = [
    "FrameworkFrozen",
    "LoadOutcome",
    "LoadResult",
    "Problem",
    "assert_editable",
    "delete_content",
    "describe_location",
    "import_version",
    "load_framework",
    "new_draft_version",
    "publish_checklist",
    "publish_problems",
    "publish_version",
    "replace_content",
    "retire_version",
    "save_content",
    "save_parts",
]
