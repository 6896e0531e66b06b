"""What the search index holds for a page beyond Wagtail's own fields.

``PortalPage`` (portal/models/base.py) adds ``NORMALISED_FIELD`` to the search fields of
every page type, whatever its own ``search_fields`` list says, and fills it with
``normalised_text`` (named by the ``PORTAL_SEARCH_TEXT`` setting), so a page type added later
(the handbooks, say) is searchable in base forms without touching this module.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import strip_tags

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models.base import NORMALISED_FIELD

from .folding import fold
from .polish import normalise

# The title counts twice: a word of the title says more about a page than one in its body.
TITLE_WEIGHT = 2


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    return strip_tags(str(value))


TEXT_FIELDS = (models.TextField, RichTextField, StreamField)


def _text_field_names(model):
    """Declared search fields plus every text, rich-text and StreamField of the page type.

    A page type need not list its prose in ``search_fields`` to be found by it: an intro or
    a body added later is searchable at once.
    """
    names = [
        field.field_name
        for field in model.get_searchable_search_fields()
        if field.field_name not in {"title", NORMALISED_FIELD}
    ]
    page_fields = {field.name for field in Page._meta.concrete_fields}
    names += [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, TEXT_FIELDS) and field.name not in page_fields
    ]
    return list(dict.fromkeys(names))


def _value(page, name):
    try:
        field = type(page)._meta.get_field(name)
    except FieldDoesNotExist:
        return index.SearchField(name).get_value(page)
    value = field.value_from_object(page)
    if hasattr(field, "get_searchable_content"):
        return field.get_searchable_content(value)
    return value


def searchable_text(page):
    """The plain text of the page's prose (title excluded), search description first."""
    texts = [page.search_description or ""]
    texts += [_plain(_value(page, name)) for name in _text_field_names(type(page))]
    return " ".join(text for text in texts if text)


def normalised_text(page):
    """Base forms of the page's title and searchable text, in the page's language; of the
    title alone for page types that ask so (``search_title_only``: the legal pages)."""
    language = page.locale.language_code if page.locale_id else "pl"
    title = normalise(page.title or "", language)
    if getattr(page, "search_title_only", False):
        return title
    body = normalise(searchable_text(page), language)
    return " ".join([*([title] * TITLE_WEIGHT), body]).strip()


def suggested_title(page):
    """The title as suggestions match it: folded, so "swieto" suggests "Święto ulicy"."""
    return fold(page.title or "")
