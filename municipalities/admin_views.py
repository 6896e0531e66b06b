"""Admin views that keep each municipality's people inside their own corner of the network.

Wagtail checks object permissions almost everywhere; these views close the places where it
does not, as the ``tests/isolation/`` package shows:

- the page explorer: Wagtail only turns people away from pages outside their "explorable
  root". A municipality's groups hold permissions on its home in every locale tree, so that
  root is the tree root, and any other municipality's page would open (showing its draft
  title, status and translation buttons) though none of its children are listed;
- the confirmation of cancelling a page's workflow, which shows to anyone which workflow
  and task a page is in;
- wagtail-localize's submit, sync and report views, which ask only for the global
  ``submit_translation`` permission, not for permission on the page being translated;
- bulk actions, whose confirmation lists by title every selected item the user may not act
  on, so any page, image or document id put in the URL would show its (draft) title.

``wagtail_hooks.py`` puts them in place of the originals.
"""

import contextlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect

from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import Page
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.permissions import get_permission_name, user_can_edit_snippet_type
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from portal.permissions import is_network_admin

from .models import MunicipalityHomePage
from .permissions import municipalities_of


def other_municipality_paths(user):
    """Tree paths of the municipality homes (every language) that ``user`` may not explore."""
    if is_network_admin(user):
        return []
    own = page_permission_policy.explorable_instances(user)
    return list(
        MunicipalityHomePage.objects.exclude(pk__in=own.values("pk")).values_list("path", flat=True)
    )


def outside_other_municipalities(pages, user):
    """``pages`` less those under a municipality ``user`` does not belong to.

    Path prefixes rather than a join, so that the filter also works on querysets that go
    through the search backend (the page chooser's search).
    """
    under_others = Q()
    for path_prefix in other_municipality_paths(user):
        under_others |= Q(path__startswith=path_prefix)
    return pages.exclude(under_others) if under_others else pages


# Page chooser ------------------------------------------------------------------------------


class MunicipalPageChooserBrowseView(BrowseView):
    """The page chooser, which opens another municipality's page as if no page was asked for.

    Its children are filtered by the ``construct_page_chooser_queryset`` hook; this keeps
    the page being browsed (shown with its draft title) out of sight too.
    """

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            asked = Page.objects.filter(pk=parent_page_id)
            if asked.exists() and not outside_other_municipalities(asked, request.user).exists():
                parent_page_id = None
        return super().get(request, parent_page_id)


# Explorer ----------------------------------------------------------------------------------


class ExplorableOnlyIndexView(ExplorableIndexView):
    """The explorer, sending people back to their own pages from any page they may not explore."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is None and not is_network_admin(request.user):
            # Someone working for one municipality starts at its home, not at the tree root
            # with the network home in three languages in between.
            own = list(municipalities_of(request.user)[:2])
            if len(own) == 1 and own[0].site:
                return redirect(self.index_url_name, own[0].site.root_page_id)
        if parent_page_id is not None:
            explorable = self.permission_policy.explorable_instances(request.user)
            if not explorable.filter(pk=parent_page_id).exists():
                root_page = self.permission_policy.explorable_root_instance(request.user)
                return redirect(self.index_url_name, root_page.pk)
        return super().get(request, parent_page_id)


class PublisherOnlyConfirmWorkflowCancellationView(ConfirmWorkflowCancellationView):
    """Asked only of someone publishing the page, so refused to anyone who may not."""

    def dispatch(self, request, *args, **kwargs):
        if not self.object.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MunicipalPageViewSet(PageViewSet):
    """Wagtail's page views with the two above.

    Registered for ``Page``, so it serves every page type; a custom page viewset must use
    these views (or subclasses) too.
    """

    index_view_class = ExplorableOnlyIndexView
    confirm_workflow_cancellation_view_class = PublisherOnlyConfirmWorkflowCancellationView


# Translation -------------------------------------------------------------------------------


def may_edit(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user_can_edit_snippet_type(user, type(instance))


def may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user.has_perm(get_permission_name("publish", type(instance)))


class PermittedPageTranslationView(SubmitPageTranslationView):
    """Submit a page for translation only if the user may edit it."""

    def get_object(self):
        page = super().get_object()
        if not may_edit(self.request.user, page):
            raise PermissionDenied
        return page


class PermittedSnippetTranslationView(SubmitSnippetTranslationView):
    """Submit a snippet for translation only if the user may edit snippets of its type."""

    def get_object(self):
        snippet = super().get_object()
        if not may_edit(self.request.user, snippet):
            raise PermissionDenied
        return snippet


class PermittedUpdateTranslationsView(UpdateTranslationsView):
    """Sync translations only of what the user may edit, and publish them only where allowed."""

    def get_object(self):
        source = super().get_object()
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist as error:
            raise Http404 from error
        if not may_edit(self.request.user, instance):
            raise PermissionDenied
        return source

    def form_valid(self, form):
        if form.cleaned_data["publish_translations"]:
            # The source stands in for translations that do not exist yet.
            instances = [self.object.get_source_instance()]
            for translation in self.object.translations.filter(enabled=True):
                with contextlib.suppress(ObjectDoesNotExist):
                    instances.append(translation.get_target_instance())
            if not all(may_publish(self.request.user, instance) for instance in instances):
                raise PermissionDenied
        return super().form_valid(form)


class PermittedTranslationsReportView(TranslationsReportView):
    """The translations report, limited to pages and snippets the user may edit."""

    def get_queryset(self):
        user = self.request.user
        pages = page_permission_policy.instances_user_has_permission_for(user, "change")
        snippet_types = ContentType.objects.get_for_models(
            *(model for model in get_snippet_models() if user_can_edit_snippet_type(user, model))
        )
        return (
            super()
            .get_queryset()
            .filter(
                Q(source__object_id__in=pages.values("translation_key"))
                | Q(source__specific_content_type__in=list(snippet_types.values()))
            )
            .order_by("pk")  # upstream leaves it unordered, which makes paging unstable
        )


class PageTypesUsageForNetworkAdminsView(PageTypesUsageReportView):
    """Wagtail's page types report, which spans every municipality, for GZM only."""

    def dispatch(self, request, *args, **kwargs):
        if not is_network_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Bulk actions ------------------------------------------------------------------------------


class VisibleRefusalsMixin:
    """Name, among the selected items a bulk action refuses, only those the user may see."""

    def visible_items(self):
        raise NotImplementedError

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        refused = context["items_with_no_access"]
        visible = set(
            self.visible_items()
            .filter(pk__in=[item.pk for item in refused])
            .values_list("pk", flat=True)
        )
        context["items_with_no_access"] = [item for item in refused if item.pk in visible]
        return objects, context


class VisiblePageRefusalsMixin(VisibleRefusalsMixin):
    def visible_items(self):
        return page_permission_policy.explorable_instances(self.request.user)


class VisibleMediaRefusalsMixin(VisibleRefusalsMixin):
    def visible_items(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "delete", "choose"]
        )


def _with(mixin, action_class):
    name = action_class.models[0].__name__ + action_class.__name__  # ImageDeleteBulkAction…
    return type(name, (mixin, action_class), {"__module__": __name__})


# Wagtail's own bulk actions, each with the mixin for its kind of object.
BULK_ACTIONS = [
    *(
        _with(VisiblePageRefusalsMixin, getattr(page_bulk_actions, name))
        for name in page_bulk_actions.__all__
    ),
    *(
        _with(VisibleMediaRefusalsMixin, getattr(module, name))
        for module in [image_bulk_actions, document_bulk_actions]
        for name in module.__all__
    ),
]
