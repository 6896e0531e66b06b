"""Template helpers for calls for applications: money, file sizes and a call's related rows."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from ..models import ApplicationDecision

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


@dataclass
class CallDetails:
    criteria: list = field(default_factory=list)
    total_points: int = 0
    documents: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    accepted: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)


@register.simple_tag
def call_details(call):
    """A call's criteria, documents, contacts, decided applications and the initiatives in
    the gallery that came from it, one query each."""
    criteria = list(call.criteria.all())
    applications = list(call.applications.all())
    return CallDetails(
        criteria=criteria,
        total_points=sum(criterion.max_points for criterion in criteria),
        documents=list(call.documents.select_related("document")),
        contacts=[contact.shown for contact in call.contacts.select_related("person")],
        accepted=[a for a in applications if a.decision == ApplicationDecision.ACCEPTED],
        rejected=[a for a in applications if a.decision == ApplicationDecision.REJECTED],
        initiatives=list(
            call.initiatives.live().public().filter(locale_id=call.locale_id).order_by("title")
        ),
    )
