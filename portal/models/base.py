"""The base every portal page builds on, and the site roots the network is made of.

The network has two kinds of site root: GZM's network home and each municipality's home.
Both are ``SiteRootPage``s. Pages further down ask for theirs (``site_root``,
``municipality_home``) without this module knowing the municipal page type: the concrete
site roots are found among the installed models by what they declare.
"""

from functools import cache

from django.conf import settings
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .. import freshness
from ..chrome import build_chrome
from ..hooks import add_site_root_context
from ..roots import municipal_root_model, network_home_for
from ..sharing import PageSharing

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]

# The index field every page type gets on top of its own search fields. What it holds is the
# business of the search app; settings name the function (PORTAL_SEARCH_TEXT).
NORMALISED_FIELD = "search_normalised_text"
# The title as suggestions match it (without diacritics: PORTAL_SEARCH_TITLE).
SUGGESTED_TITLE_FIELD = "search_suggested_title"


@cache
def _search_text_function():
    return import_string(settings.PORTAL_SEARCH_TEXT)


@cache
def _search_title_function():
    return import_string(settings.PORTAL_SEARCH_TITLE)


class PortalPage(Page):
    """Base of every page type: knows its site root and the municipality (if any) it is in."""

    is_creatable = False
    # Legal pages say True: the same text stands on every site, so only the title counts.
    search_title_only = False
    # What describes the page when its search description is empty, the first filled in
    # (portal/sharing.py), and what kind of thing it is to a link preview (Open Graph).
    description_fields = ("summary", "intro")
    og_type = "website"
    # True on a Polish page that a listing in another language shows because the page has
    # no live translation there (``MunicipalPageQuerySet.published`` sets it; the search
    # sets it on its results). Cards then label it "po polsku" and mark it lang="pl".
    is_fallback = False

    class Meta:
        abstract = True

    @classmethod
    def get_search_fields(cls):
        fields = super().get_search_fields()
        names = {getattr(field, "field_name", None) for field in fields}
        if NORMALISED_FIELD not in names:
            fields = [*fields, index.SearchField(NORMALISED_FIELD)]
        if SUGGESTED_TITLE_FIELD not in names:
            fields = [*fields, index.AutocompleteField(SUGGESTED_TITLE_FIELD)]
        return fields

    def search_normalised_text(self):
        return _search_text_function()(self)

    def search_suggested_title(self):
        return _search_title_function()(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Identity, navigation, languages and footer: what every page shows around itself.
        context["chrome"] = build_chrome(self, request)
        # The description and the link preview (templates/includes/meta.html).
        context["sharing"] = PageSharing(self, context["chrome"])
        return context

    def share_image(self):
        """The image a shared link's preview shows, as (image, alternative text), or None."""
        return None

    def add_body_context(self, request, context):
        """Add what the page's main content needs to ``context`` (which holds ``page`` and
        ``chrome``). Called when that content is rendered, and not when it comes from the
        cache (templatetags/page_body.py), so costly lookups belong here, not in
        ``get_context``."""

    def get_view_restrictions(self):
        """Wagtail's restrictions of this page and its ancestors, found through the cache for
        the content generation (saving or deleting a restriction advances it): Wagtail checks
        them on every page served. The queryset holds its rows already; anything built on it
        (``order_by``, ``filter``) asks the database again."""
        if not (self.pk and self.live):
            return super().get_view_restrictions()
        ids = freshness.cached(
            ("view-restrictions", self.pk, self.path),
            lambda: list(
                super(PortalPage, self).get_view_restrictions().values_list("pk", flat=True)
            ),
        )
        restrictions = PageViewRestriction.objects.filter(pk__in=ids)
        restrictions._result_cache = (
            freshness.cached(("view-restriction-rows", *ids), lambda: list(restrictions.all()))
            if ids
            else []
        )
        restrictions._prefetch_done = True
        return restrictions

    @cached_property
    def municipality_home(self):
        """The municipality home this page sits under (itself included), or None on the network."""
        model = municipal_root_model()
        if model is None:
            return None
        if isinstance(self, model):
            return self
        if self.pk is None:  # an unsaved preview
            return self._find_municipality_home(model)
        # Kept for the content generation: only a move or a publish can change it.
        return (
            freshness.cached(
                ("municipality-home", self.pk), lambda: self._find_municipality_home(model) or ""
            )
            or None
        )

    def _find_municipality_home(self, model):
        return (
            model.objects.ancestor_of(self, inclusive=True)
            .select_related(*model.root_select_related)
            .first()
        )

    @cached_property
    def municipality(self):
        home = self.municipality_home
        return home.municipality if home else None

    @cached_property
    def site_root(self):
        """The home of the site this page belongs to: its municipality's, or the network's."""
        if isinstance(self, SiteRootPage):
            return self
        return self.municipality_home or network_home_for(self.locale_id)


class SiteRootPage(PortalPage):
    """A page at the root of one site of the network.

    Concrete subclasses say whether they are GZM's network home (``is_network_root``), what
    to join when a page looks its root up (``root_select_related``) and who answers
    residents' questions (``contact_team``).
    """

    portal_site_root = True
    is_network_root = False
    root_select_related = ()

    class Meta:
        abstract = True

    def add_body_context(self, request, context):
        super().add_body_context(request, context)
        add_site_root_context(self, request, context)

    def contact_team(self):
        """The people residents can ask, in this page's language; none by default."""
        return []


class NetworkListingPage(PortalPage):
    """Base of the network-wide listings under the network home (calls, initiatives)."""

    intro = RichTextField(_("wprowadzenie"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.NetworkHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True
