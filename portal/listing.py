"""One way for a page to list, filter and paginate its items.

A listing page (a municipality's calls or gallery, the network's calls or initiatives)
says what it lists (``listing_items``), which GET form filters it (``filter_form_class``),
how filters apply and how items are ordered; ``FilteredListingMixin.add_body_context`` does the
rest the same way for all of them.
"""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext as _


class FilterForm(forms.Form):
    """A GET form of listing filters that always answers.

    A value that is not on the list (an old link, a typo, a tampered address) is reported
    and left out; the rest of the filters still apply.
    """

    def valid_data(self):
        """The values that passed, without the ones reported as errors."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})

    def chosen_count(self):
        """How many filters the visitor set (valid values in the address): what the folded
        filters' toggle tells on a phone."""
        data = self.valid_data()
        return sum(1 for name, field in self.fields.items() if self._chosen(field, data.get(name)))

    @staticmethod
    def _chosen(field, value):
        """A value counts as set unless it is empty or the one the field shows by default
        (its first choice: "all", or a listing's default such as the open calls)."""
        if value in (None, ""):
            return False
        choices = list(getattr(field, "choices", []))
        return not (choices and str(value) == str(choices[0][0]))

    def filters(self):
        """Keyword arguments for the page's ``filter_listing``: the valid values, None for
        the others."""
        data = self.valid_data()
        return {name: data.get(name) or None for name in self.fields}


@dataclass
class FilteredListing:
    """A listing under a request's filters: the form that read them, the values it accepted,
    the items that passed and the same items in the page's order."""

    form: object
    filters: dict
    filtered: object
    ordered: object


@dataclass
class ListingPage:
    """One page of a listing and what the template needs to move between pages."""

    items: object
    page_range: list
    notice: str = ""


def paginate(items, requested, per_page):
    """The ``requested`` page of ``items``; a page that does not exist gives the nearest one
    that does, and a notice saying so."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(requested)
    notice = ""
    if requested not in (None, "") and str(requested).strip() != str(page.number):
        notice = _(
            "Nie ma strony „%(requested)s” wyników. Pokazujemy stronę %(shown)s z %(total)s."
        ) % {"requested": requested, "shown": page.number, "total": paginator.num_pages}
    return ListingPage(
        items=page,
        page_range=list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)),
        notice=notice,
    )


class FilteredListingMixin:
    """``add_body_context`` of a page that lists items, with an optional filter form and pages.

    The template receives the items under ``listing_name``, and ``filter_form``,
    ``is_filtered``, ``page_range`` and ``page_notice`` (when paginated), plus whatever
    ``listing_extra_context`` adds.
    """

    listing_name = "items"
    filter_form_class = None
    per_page = None  # None: one page of everything

    def listing_items(self, request):
        """Everything the page lists before any filter (a queryset)."""
        raise NotImplementedError

    def filter_form_kwargs(self, items):
        return {}

    def filter_listing(self, items, filters):
        return items

    def order_listing(self, items):
        return items

    def listing_extra_context(self, request, filtered, shown):
        """More for the template: ``filtered`` is every item that passed the filters,
        ``shown`` the ones on this page."""
        return {}

    def filtered_listing(self, request, form_class=None):
        """Every item the page lists under the request's filters, in the page's order, before
        pagination: what the page shows, and what its downloads and the open-data API give
        (``form_class``: a filter form with more fields than the page's own)."""
        items = self.listing_items(request)
        form = None
        form_class = form_class or self.filter_form_class
        if form_class is not None:
            form = form_class(request.GET, **self.filter_form_kwargs(items))
        filters = form.filters() if form is not None else {}
        filtered = self.filter_listing(items, filters)
        return FilteredListing(
            form=form, filters=filters, filtered=filtered, ordered=self.order_listing(filtered)
        )

    def add_body_context(self, request, context):
        super().add_body_context(request, context)
        listing = self.filtered_listing(request)
        if self.per_page:
            page = paginate(listing.ordered, request.GET.get("page"), self.per_page)
            shown = page.items
            context.update(page_range=page.page_range, page_notice=page.notice)
        else:
            shown = list(listing.ordered)
        context[self.listing_name] = shown
        context["filter_form"] = listing.form
        context["is_filtered"] = any(listing.filters.values())
        context.update(self.listing_extra_context(request, listing.filtered, shown))
