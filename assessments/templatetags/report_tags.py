from django import template

register = template.Library()


@register.filter(name="attr")
def attr(obj, name: str):
    """Read an attribute named in the template, e.g. ``row|attr:"cells"``."""
    return getattr(obj, name)
