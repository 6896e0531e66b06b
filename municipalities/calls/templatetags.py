"""Template filters for calls for applications and the gallery: money and file sizes.

Loaded as ``call_tags`` (the library is named in the TEMPLATES setting)."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()

NBSP = "\xa0"


@register.filter
def pln(amount):
    """An amount in złoty, grouped the way the active language writes it: "100 000 zł".

    Whole amounts go without the grosze; the unit never wraps onto a line of its own.
    """
    if amount is None or amount == "":
        return ""
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    places = 0 if amount == amount.to_integral_value() else 2
    number = formats.number_format(amount, places, use_l10n=True, force_grouping=True)
    return (_("%(amount)s zł") % {"amount": number}).replace(" ", NBSP)


@register.filter
def file_size(size):
    """A file size for a download link: "120 KB", "1,4 MB"."""
    if size is None or size == "":
        return ""
    size = int(size)
    if size < 1024:
        return f"{size}{NBSP}B"
    if size < 1024 * 1024:
        return f"{round(size / 1024) or 1}{NBSP}KB"
    return f"{formats.number_format(round(size / (1024 * 1024), 1), 1)}{NBSP}MB"
