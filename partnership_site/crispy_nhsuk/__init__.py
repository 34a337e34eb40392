"""
Layout objects and helpers for the ``nhsuk`` django-crispy-forms template pack.

The templates live in ``templates/nhsuk/`` and render the markup of the NHS.UK
frontend (https://service-manual.nhs.uk/design-system). The package is modelled
file-for-file on crispy-forms-gds, the GOV.UK Design System pack, translated to
``nhsuk-*`` classes.

Typical use::

    from partnership_site.crispy_nhsuk.helper import FormHelper
    from partnership_site.crispy_nhsuk.layout import Button, Field, Layout, Size

    class ContactForm(forms.Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = FormHelper()
            self.helper.error_summary = True
            self.helper.layout = Layout(
                Field.text("name", field_width=20, autocomplete="name"),
                Field.radios("method", legend_size=Size.MEDIUM, inline=True),
                Button.primary("save", "Save and continue"),
            )
"""
