"""The handbooks admin: a municipality's variants and their chapters against the model.

Municipal editors see their own municipalities only; GZM's network admins also see the
whole network at a glance. Every view checks Wagtail's page permissions on the variant or
chapter it is given: an id from another municipality answers 404, as if it did not exist.
"""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import page_permission_policy

from municipalities.models import Municipality
from municipalities.permissions import municipalities_of
from portal.permissions import is_network_admin

from . import sync
from .models import ChapterStatus, HandbookVariantPage, VariantChapterState

INDEX_URL = reverse_lazy("handbooks_admin:index")


def managed_municipalities(user):
    if is_network_admin(user):
        return Municipality.objects.filter(site__isnull=False).select_related("site")
    return municipalities_of(user).filter(site__isnull=False)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise Http404 from error


def editable_variant(user, variant_id):
    variant = get_object_or_404(
        HandbookVariantPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
        pk=variant_id,
    )
    if not variant.permissions_for_user(user).can_edit():
        raise Http404
    return variant


def editable_chapter_state(user, page_id):
    state = get_object_or_404(
        VariantChapterState.objects.select_related("page", "variant", "model_chapter"),
        page_id=page_id,
    )
    state.page = state.page.specific
    if not state.page.permissions_for_user(user).can_edit():
        raise Http404
    return state


class HandbooksIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "handbooks/admin/index.html"
    page_title = gettext_lazy("Podręczniki gmin")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        handbooks = list(sync.model_handbooks())
        network = is_network_admin(user)
        own = [] if network else list(managed_municipalities(user))
        context["handbooks"] = handbooks
        context["municipalities"] = [
            {
                "municipality": municipality,
                "handbooks": [
                    (handbook, sync.variant_of(handbook, municipality)) for handbook in handbooks
                ],
            }
            for municipality in own
        ]
        if network:
            context["overview"] = sync.network_overview(managed_municipalities(user))
        return context


@require_POST
def create_variant(request):
    user = request.user
    municipality = get_object_or_404(
        managed_municipalities(user), pk=_int(request.POST.get("municipality"))
    )
    handbook = get_object_or_404(sync.model_handbooks(), pk=_int(request.POST.get("handbook")))
    # The variant type is not creatable by hand, so ask for the "add" permission itself.
    if not page_permission_policy.user_has_permission_for_instance(
        user, "add", municipality.root_page
    ):
        raise PermissionDenied
    existing = sync.variant_of(handbook, municipality)
    variant = sync.create_variant(handbook, municipality, user)
    if existing:
        messages.info(request, _("Ta gmina ma już swój wariant tego podręcznika."))
    else:
        messages.success(
            request,
            _("Utworzono wariant „%(title)s” dla gminy %(name)s. Rozdziały podążają za modelem.")
            % {"title": variant.title, "name": municipality.name},
        )
    return redirect("handbooks_admin:variant", variant.pk)


class VariantView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "handbooks/admin/variant.html"
    header_icon = "doc-full"

    def dispatch(self, request, variant_id):
        self.variant = editable_variant(request.user, variant_id)
        return super().dispatch(request, variant_id)

    def get_page_title(self):
        return f"{self.variant.title} — {self.variant.municipality.name}"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": INDEX_URL, "label": HandbooksIndexView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["variant"] = self.variant
        context["states"] = sync.variant_chapters(self.variant)
        context["missing"] = list(sync.missing_model_chapters(self.variant))
        context["statuses"] = ChapterStatus
        return context


class ChangesView(WagtailAdminTemplateMixin, TemplateView):
    """What changed in the model chapter since the municipality's base, word by word."""

    template_name = "handbooks/admin/changes.html"
    header_icon = "doc-full"

    def dispatch(self, request, page_id):
        self.state = editable_chapter_state(request.user, page_id)
        if self.state.is_local or self.state.is_alias or self.state.model_chapter is None:
            raise Http404
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Zmiany w modelu: %(title)s") % {"title": self.state.page.title}

    def get_breadcrumbs_items(self):
        variant = self.state.variant
        return [
            *super().get_breadcrumbs_items(),
            {"url": INDEX_URL, "label": HandbooksIndexView.page_title},
            {"url": reverse("handbooks_admin:variant", args=[variant.pk]), "label": variant.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.state
        context["state"] = state
        context["rows"] = sync.model_changes(state)
        context["base_revision"] = state.reviewed_revision or state.based_on_revision
        context["live_revision"] = state.model_chapter.live_revision
        return context


ACTIONS = {
    "customise": (sync.customise_chapter, gettext_lazy("Rozdział jest teraz własną wersją gminy.")),
    "keep": (sync.keep_mine, gettext_lazy("Zostawiono wersję gminy; zmiany w modelu przejrzane.")),
    "take": (sync.take_model, gettext_lazy("Przejęto aktualną wersję modelu.")),
    "merged": (sync.mark_merged, gettext_lazy("Rozdział oznaczono jako uzgodniony z modelem.")),
    "hide": (partial(sync.set_hidden, hidden=True), gettext_lazy("Rozdział ukryto w wariancie.")),
    "show": (partial(sync.set_hidden, hidden=False), gettext_lazy("Rozdział znów jest widoczny.")),
}


@require_POST
def chapter_action(request, page_id, action):
    if action not in ACTIONS:
        raise Http404
    state = editable_chapter_state(request.user, page_id)
    function, success = ACTIONS[action]
    try:
        function(state.page, user=request.user)
    except sync.SyncError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("handbooks_admin:variant", state.variant_id)


@require_POST
def add_model_chapter(request, variant_id):
    variant = editable_variant(request.user, variant_id)
    chapter = get_object_or_404(
        sync.missing_model_chapters(variant), pk=_int(request.POST.get("chapter"))
    )
    sync.add_model_chapter(variant, chapter, request.user)
    messages.success(request, _("Dodano rozdział modelu „%(title)s”.") % {"title": chapter.title})
    return redirect("handbooks_admin:variant", variant.pk)
