"""Listings of completed local initiatives: a municipality's gallery and GZM's network gallery.

Both listings read the same way: live pages in the page's language, filtered by the
``GalleryFilterForm`` values, the most recent year first. Whatever the number of
initiatives, a listing page costs the same number of queries: the municipality and the task
area are joined, the photos, their images and exactly the renditions the cards show are
prefetched (``PHOTO_FILTER_SPECS``, which ``gallery_tags.initiative_picture`` renders).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Sum
from django.utils.translation import gettext as _

from wagtail.images import get_image_model
from wagtail.images.models import Filter

from .models import InitiativePage, InitiativePhoto

INITIATIVES_PER_PAGE = 12

# Every photo is offered at these widths, as WebP and as a JPEG fallback. The template tag
# and the prefetch both read this one list, so the renditions shown are the ones fetched.
PHOTO_WIDTHS = (320, 640, 960)
PHOTO_FORMATS = ("webp", "jpeg")
PHOTO_FILTER_SPECS = tuple(
    Filter.expand_spec(
        [
            "width-{%s}" % ",".join(map(str, PHOTO_WIDTHS)),  # noqa: UP031 - braces are literal
            "format-{%s}" % ",".join(PHOTO_FORMATS),  # noqa: UP031
        ]
    )
)


def photos_with_renditions():
    """Photos joined to their images, with the renditions ``PHOTO_FILTER_SPECS`` names: two
    queries for any number of pages (photos with images, renditions).

    The same prefetch as ``ImageQuerySet.prefetch_renditions``, reached through the photo:
    Wagtail reads an image's prefetched ``renditions`` before its cache or the database.
    """
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=PHOTO_FILTER_SPECS)
    )
    return InitiativePhoto.objects.select_related("image").prefetch_related(
        Prefetch("image__renditions", queryset=renditions)
    )


def initiatives_for_listing(initiatives):
    """``initiatives`` ready for cards: joined, prefetched, most recent year first."""
    return (
        initiatives.select_related("municipality", "task_area")
        .prefetch_related(Prefetch("photos", queryset=photos_with_renditions()))
        .order_by("-year", "title", "pk")
    )


def gallery_initiatives(gallery):
    """The live initiatives of one municipality's gallery, unfiltered."""
    return InitiativePage.objects.child_of(gallery).live().public()


def network_initiatives(locale):
    """The live initiatives of every current member in ``locale`` (a Locale or its id)."""
    return (
        InitiativePage.objects.live()
        .public()
        .filter(locale=locale, municipality__membership_end__isnull=True)
    )


def filter_initiatives(
    initiatives, *, year=None, area=None, district=None, municipality=None, county=None
):
    """Narrow ``initiatives`` by the values a filter form accepted (None: no filter).

    ``area`` is a task-area key, ``municipality`` a slug, ``county`` a county name as
    stored on the municipality.
    """
    if year:
        initiatives = initiatives.filter(year=year)
    if area:
        initiatives = initiatives.filter(task_area__key=area)
    if district:
        initiatives = initiatives.filter(district=district)
    if municipality:
        initiatives = initiatives.filter(municipality__slug=municipality)
    if county:
        initiatives = initiatives.filter(municipality__county=county)
    return initiatives


@dataclass
class Totals:
    """What the listed initiatives add up to."""

    initiatives: int = 0
    residents_contribution: Decimal = Decimal(0)
    municipal_contribution: Decimal = Decimal(0)
    social_work_hours: Decimal = Decimal(0)
    residents_involved: int = 0


def totals(initiatives):
    """The number of ``initiatives`` and the sums of their contributions, in one query.

    The residents' contribution is social work (its value), in kind and money together.
    """
    sums = initiatives.order_by().aggregate(
        initiatives=Count("pk"),
        residents_contribution=Sum(
            F("social_work_value") + F("in_kind_value") + F("financial_value")
        ),
        municipal_contribution=Sum("municipal_contribution"),
        social_work_hours=Sum("social_work_hours"),
        residents_involved=Sum("residents_involved"),
    )
    defaults = Totals()
    return Totals(
        **{
            name: value if value is not None else getattr(defaults, name)
            for name, value in sums.items()
        }
    )


@dataclass
class ListingPage:
    """One page of a listing and what the template needs to move between pages."""

    items: object
    page_range: list
    notice: str = ""


def paginate(initiatives, requested, per_page=INITIATIVES_PER_PAGE):
    """The ``requested`` page of ``initiatives``; a page that does not exist gives the
    nearest one that does, and a notice saying so."""
    paginator = Paginator(initiatives, per_page)
    items = paginator.get_page(requested)
    notice = ""
    if requested not in (None, "") and str(requested).strip() != str(items.number):
        notice = _(
            "Nie ma strony „%(requested)s” wyników. Pokazujemy stronę %(shown)s z %(total)s."
        ) % {"requested": requested, "shown": items.number, "total": paginator.num_pages}
    return ListingPage(
        items=items,
        page_range=list(paginator.get_elided_page_range(items.number, on_each_side=1, on_ends=1)),
        notice=notice,
    )


def map_points(initiatives, request):
    """The listed initiatives that have a map point, for the map script and its list."""
    return [
        {
            "title": initiative.title,
            "url": initiative.get_url(request),
            "lat": float(initiative.latitude),
            "lng": float(initiative.longitude),
            "municipality": initiative.municipality.name,
        }
        for initiative in initiatives
        if initiative.has_point
    ]


def listing_context(request, initiatives, form):
    """What both gallery templates receive: the form, the page of cards, totals, the map."""
    filtered = filter_initiatives(initiatives, **form.filters())
    page = paginate(initiatives_for_listing(filtered), request.GET.get("page"))
    return {
        "filter_form": form,
        "initiatives": page.items,
        "page_range": page.page_range,
        "page_notice": page.notice,
        "totals": totals(filtered),
        "map_points": map_points(page.items, request),
        "is_filtered": any(form.filters().values()),
    }
