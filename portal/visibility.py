"""Which pages every visitor may see: those outside any view restriction.

A page behind a password, a login or a group restriction (Wagtail's ``PageViewRestriction``),
or below such a page, must not show up in menus, cards, listings or feeds. Wagtail's
``PageQuerySet.public()`` says the same, but reads the restrictions in a query of its own
each time it is called; ``public_q`` is the same rule as a condition of the query it is put
in (a restricted page's path is a prefix of its own and its descendants' paths), so every
listing keeps its query count. Querysets that go to a search backend keep ``.public()``,
which the backends understand.
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith

from wagtail.models import PageViewRestriction


def public_q(path="path"):
    """A filter condition: the page (``path`` names its tree path) is under no restriction.

    ``pages.filter(public_q())``; for rows that point at a page, ``public_q("page__path")``.
    """
    covering = PageViewRestriction.objects.filter(StartsWith(OuterRef(path), F("page__path")))
    return ~Exists(covering)
