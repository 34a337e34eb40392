from .base import Layout
from .buttons import Button, Submit
from .constants import Fixed, Fluid, Size
from .containers import Div, Fieldset
from .content import HTML
from .errors import ErrorSummary
from .fields import Field, Hidden, character_limit

__all__ = [
    "Button",
    "Div",
    "ErrorSummary",
    "Field",
    "Fieldset",
    "Fixed",
    "Fluid",
    "HTML",
    "Hidden",
    "Layout",
    "Size",
    "Submit",
    "character_limit",
]
