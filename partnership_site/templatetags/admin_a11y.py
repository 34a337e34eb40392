"""Template tags for the admin's accessibility fixes (templates/admin/)."""

from django import template

register = template.Library()


@register.simple_tag
def labelled_widget(bound_field, label=""):
    """The field's widget with ``aria-label`` (the column heading, or ``label``): in the
    admin's tabular inlines a field sits under a heading, with no <label> of its own."""
    return bound_field.as_widget(attrs={"aria-label": str(label or bound_field.label)})
