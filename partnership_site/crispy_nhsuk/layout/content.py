from crispy_forms import layout as crispy_forms_layout
from django.utils.html import format_html


class HTML(crispy_forms_layout.HTML):
    """
    The crispy-forms ``HTML`` layout object (its content is a template with
    access to the page's context) with shortcuts for NHS.UK content. The
    shortcut arguments are escaped unless marked safe.
    """

    @classmethod
    def heading(cls, tag, size, content):
        return cls(format_html('<{0} class="nhsuk-heading-{1}">{2}</{0}>', tag, size, content))

    @classmethod
    def h1(cls, content):
        return cls.heading("h1", "xl", content)

    @classmethod
    def h2(cls, content):
        return cls.heading("h2", "l", content)

    @classmethod
    def h3(cls, content):
        return cls.heading("h3", "m", content)

    @classmethod
    def h4(cls, content):
        return cls.heading("h4", "s", content)

    @classmethod
    def p(cls, content):
        return cls(format_html('<p class="nhsuk-body">{}</p>', content))

    @classmethod
    def inset(cls, content):
        return cls(
            format_html(
                '<div class="nhsuk-inset-text">'
                '<span class="nhsuk-u-visually-hidden">Information: </span>'
                "<p>{}</p></div>",
                content,
            )
        )

    @classmethod
    def details(cls, summary, content):
        return cls(
            format_html(
                '<details class="nhsuk-details">'
                '<summary class="nhsuk-details__summary">'
                '<span class="nhsuk-details__summary-text">{}</span>'
                "</summary>"
                '<div class="nhsuk-details__text">{}</div>'
                "</details>",
                summary,
                content,
            )
        )
