"""The framework library in the Django admin (docs/adr/0006-framework-versioning.md)."""

from frameworks.admin.content import (
    DimensionAdmin,
    DimensionAdviceAdmin,
    ItemAdmin,
    ScoreBandAdmin,
)
from frameworks.admin.framework import FrameworkAdmin

__all__ = [
    "DimensionAdmin",
    "DimensionAdviceAdmin",
    "FrameworkAdmin",
    "ItemAdmin",
    "ScoreBandAdmin",
]
