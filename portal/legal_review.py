"""Which legal pages need an editor's attention: statements past their yearly review (due by
31 March) and pages still missing what the law asks for. The admin dashboard shows the
result to each municipality for its own site and to GZM for the whole network."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce

from wagtail.models import Page

from .models.legal import AccessibilityStatementPage, PrivacyNoticePage, overdue_review_cutoff


@dataclass
class Reminder:
    page: Page
    site_name: str
    overdue: bool = False
    due_on: date | None = None
    missing: list = field(default_factory=list)


def _in_default_language(queryset):
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


def _under(queryset, homes):
    """Only pages directly under one of ``homes`` (None: the whole network)."""
    if homes is None:
        return queryset
    condition = Q(pk__in=[])
    for home in homes:
        condition |= Q(path__startswith=home.path, depth=home.depth + 1)
    return queryset.filter(condition)


def _site_names(pages):
    """Each page's site name: the title of its parent, the site root, in one query."""
    parent_paths = {page.path[: -Page.steplen] for page in pages}
    titles = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    return {page.pk: titles.get(page.path[: -Page.steplen], "") for page in pages}


def overdue_statements(today=None, homes=None):
    """Statements whose last review (or, never reviewed, preparation) is too old on ``today``."""
    cutoff = overdue_review_cutoff(today or date.today())
    statements = list(
        _under(_in_default_language(AccessibilityStatementPage.objects.all()), homes)
        .annotate(last_review=Coalesce("reviewed_on", "prepared_on"))
        .filter(Q(last_review__isnull=True) | Q(last_review__lte=cutoff))
        .order_by("path")
    )
    names = _site_names(statements)
    return [
        Reminder(page=page, site_name=names[page.pk], overdue=True, due_on=page.review_due_on)
        for page in statements
    ]


# The page types of the floor that say what they miss (``missing_parts``); the apps above add
# their own (a municipality's contact page) when they build the panel.
CHECKED_PAGE_TYPES = (AccessibilityStatementPage, PrivacyNoticePage)


def incomplete_pages(homes, page_types=CHECKED_PAGE_TYPES):
    """Pages of ``page_types`` directly under ``homes`` that still miss a required part."""
    reminders = []
    for model in page_types:
        pages = list(_under(_in_default_language(model.objects.all()), homes).order_by("path"))
        names = _site_names(pages)
        for page in pages:
            missing = page.missing_parts()
            if missing:
                reminders.append(Reminder(page=page, site_name=names[page.pk], missing=missing))
    return reminders
