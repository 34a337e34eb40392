from crispy_forms import layout as crispy_forms_layout


class Layout(crispy_forms_layout.Layout):
    """
    The crispy-forms ``Layout``, re-exported so that every import for the
    ``nhsuk`` template pack comes from one place.
    """
