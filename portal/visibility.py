"""Which pages every visitor may see: those outside any view restriction.

A page behind a password, a login or a group restriction (Wagtail's ``PageViewRestriction``),
or below such a page, must not show up in menus, cards, listings or feeds. Wagtail's
``PageQuerySet.public()`` says the same, but reads the restrictions in a query of its own
each time it is called; ``public_q`` is the same rule as a condition of the query it is put
in (a restricted page's path is a prefix of its own and its descendants' paths), so every
listing keeps its query count. Querysets that go to a search backend keep ``.public()``,
which the backends understand.

In English and Ukrainian, a page with no live, public translation is read in Polish:
``shown_in_q`` says which language version of each page a visitor sees (docs/translations.md).
"""

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith

from wagtail.models import Page, PageViewRestriction


def public_q(path="path"):
    """A filter condition: the page (``path`` names its tree path) is under no restriction.

    ``pages.filter(public_q())``; for rows that point at a page, ``public_q("page__path")``.
    """
    covering = PageViewRestriction.objects.filter(StartsWith(OuterRef(path), F("page__path")))
    return ~Exists(covering)


def shown_in_q(locale_id, prefix=""):
    """A filter condition: the page is in the language ``locale_id``, or it is the Polish
    original of a page with no live, public translation in it.

    In Polish itself the second half never holds (a Polish page is its own translation).
    ``prefix`` names the page from related rows (``"page__"``).
    """
    translated = Page.objects.filter(
        public_q(),
        live=True,
        locale_id=locale_id,
        translation_key=OuterRef(f"{prefix}translation_key"),
    )
    source = Q(**{f"{prefix}locale__language_code": settings.LANGUAGE_CODE})
    return Q(**{f"{prefix}locale_id": locale_id}) | (source & ~Exists(translated))
