"""Numbers as each language writes them.

A percentage is "97 %" in Swedish and Finnish (a no-break space before the sign, as
their language authorities recommend) and "97%" in English: the pattern is a UI string,
so each language's translation says where the sign goes.
"""

from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import pgettext

register = template.Library()

MAX_DECIMALS = 2


@register.filter
def percent(value):
    """`value` (a number of percent, 97 for 97 %) with the sign placed as the language
    writes it, and decimals and digit groups as its formats have them."""
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return ""
    if not number.is_finite():
        return ""
    # As many decimals as the number has, at most two: 97, 12.5, 33.33.
    places = min(MAX_DECIMALS, max(0, -number.as_tuple().exponent))
    return pgettext("percentage; %(number)s is the number", "%(number)s %%") % {
        "number": floatformat(number, f"{places}g")
    }


@register.filter
def is_percent(unit):
    """True when a unit an editor typed is the percent sign."""
    return str(unit or "").strip() == "%"
