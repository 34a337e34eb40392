class Size:
    """
    Sizes for labels and legends: ``nhsuk-label--{s,m,l,xl}`` and
    ``nhsuk-fieldset__legend--{s,m,l,xl}``.
    """

    SMALL = "s"
    MEDIUM = "m"
    LARGE = "l"
    EXTRA_LARGE = "xl"

    _values = (SMALL, MEDIUM, LARGE, EXTRA_LARGE)

    @classmethod
    def is_valid(cls, value):
        return value in cls._values

    @classmethod
    def for_label(cls, value, validate=True):
        if validate and not cls.is_valid(value):
            raise ValueError("Unexpected size", value)
        return f"nhsuk-label--{value}"

    @classmethod
    def for_legend(cls, value, validate=True):
        if validate and not cls.is_valid(value):
            raise ValueError("Unexpected size", value)
        return f"nhsuk-fieldset__legend--{value}"


class Fixed:
    """Fixed input widths in characters: ``nhsuk-input--width-{n}``."""

    TWO = 2
    THREE = 3
    FOUR = 4
    FIVE = 5
    TEN = 10
    TWENTY = 20
    THIRTY = 30

    _values = (TWO, THREE, FOUR, FIVE, TEN, TWENTY, THIRTY)

    @classmethod
    def is_valid(cls, value):
        return value in cls._values

    @classmethod
    def for_input(cls, value, validate=True):
        if validate and not cls.is_valid(value):
            raise ValueError("Unexpected fixed width", value)
        return f"nhsuk-input--width-{value}"


class Fluid:
    """Fluid input widths as a fraction of the container: ``nhsuk-u-width-{fraction}``."""

    ONE_QUARTER = "one-quarter"
    ONE_THIRD = "one-third"
    ONE_HALF = "one-half"
    TWO_THIRDS = "two-thirds"
    THREE_QUARTERS = "three-quarters"
    FULL = "full"

    _values = (ONE_QUARTER, ONE_THIRD, ONE_HALF, TWO_THIRDS, THREE_QUARTERS, FULL)

    @classmethod
    def is_valid(cls, value):
        return value in cls._values

    @classmethod
    def for_input(cls, value, validate=True):
        if validate and not cls.is_valid(value):
            raise ValueError("Unexpected fluid width", value)
        return f"nhsuk-u-width-{value}"
