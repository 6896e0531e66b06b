"""Wagtail admin views whose choices are narrowed to the person's own municipalities.

Wagtail fills some filters and choosers from the whole database rather than from what the
person may see, so a municipality's editor would read other municipalities' records in
them (found by ``tests/isolation/test_every_admin_url.py``):

- the popular tags of the image and document listings and of the image chooser, and the
  tag autocompletion of the tag fields (tags are shared by every collection);
- the people offered as filters in the site history, locked pages and workflow reports;
- the workflows and tasks offered as filters in the workflow reports;
- the task chooser, which lists every municipality's moderation tasks to anyone signed in.

The views here are Wagtail's with those choices taken from the person's own
municipalities; GZM's network admins keep Wagtail's. ``admin_urls`` serves them at
Wagtail's addresses (the site history through ``network_log``, which also narrows its
entries).
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import JsonResponse

from taggit.models import Tag
from wagtail.admin.auth import permission_denied
from wagtail.admin.views import tags as wagtail_tags
from wagtail.admin.views import workflows as wagtail_workflows
from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import (
    LockedPagesReportFilterSet,
    LockedPagesView,
)
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.documents import get_document_model
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images import get_image_model
from wagtail.images.views.chooser import ImageChooseView
from wagtail.images.views.chooser import viewset as image_chooser_viewset
from wagtail.images.views.images import ImagesFilterSet
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.models import Task, Workflow
from wagtail.permissions import policy_registry

from portal.permissions import is_network_admin

from .permissions import municipalities_of

POPULAR_TAGS = 10  # as many as Wagtail offers
AUTOCOMPLETED_TAGS = 10


# What a person's own municipalities hold -------------------------------------------------


def colleagues(user):
    """The people of ``user``'s municipalities (editors and moderators), ``user`` included."""
    own = municipalities_of(user)
    return get_user_model().objects.filter(
        Q(pk=user.pk)
        | Q(groups__in=own.values("editors_group"))
        | Q(groups__in=own.values("moderators_group"))
    )


def own_workflows(user):
    return Workflow.objects.filter(pk__in=municipalities_of(user).values("workflow"))


def own_tasks(user):
    return Task.objects.filter(workflow_tasks__workflow__in=own_workflows(user)).distinct()


def visible_tags(user, models=None):
    """Tags of the images and documents (or only ``models``) in the collections ``user`` may
    use, the most used first."""
    tagged = Q(pk__in=[])
    for model in models or (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        collections = policy.collections_user_has_any_permission_for(
            user, ["add", "change", "choose"]
        )
        items = model.objects.filter(collection__in=collections).values("pk")
        tagged |= Q(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=items,
        )
    return (
        Tag.objects.filter(tagged)
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")
    )


def _narrowed(user):
    return not is_network_admin(user)


# Tags ---------------------------------------------------------------------------------------


class OwnTagsMixin:
    """A media filter set whose popular tags come from the person's own collections."""

    media_model = None  # a function that answers the model

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "tag" not in self.filters or not _narrowed(request.user):
            return
        tags = visible_tags(request.user, [self.media_model()])[:POPULAR_TAGS]
        if tags:
            self.filters["tag"].extra["choices"] = [(tag.name, tag.name) for tag in tags]
        else:
            del self.filters["tag"]


class OwnTagsImagesFilterSet(OwnTagsMixin, ImagesFilterSet):
    media_model = staticmethod(get_image_model)


class OwnTagsDocumentsFilterSet(OwnTagsMixin, DocumentsFilterSet):
    media_model = staticmethod(get_document_model)


class OwnTagsImageIndexView(ImageIndexView):
    filterset_class = OwnTagsImagesFilterSet


class OwnTagsDocumentIndexView(DocumentIndexView):
    filterset_class = OwnTagsDocumentsFilterSet


class OwnTagsImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if _narrowed(self.request.user):
            context["popular_tags"] = visible_tags(self.request.user, [get_image_model()])[
                :POPULAR_TAGS
            ]
        return context


def image_choose_view():
    """The image chooser's first view, built the way Wagtail's chooser viewset builds it."""
    viewset = image_chooser_viewset
    return viewset.construct_view(
        OwnTagsImageChooseView,
        icon=viewset.icon,
        page_title=viewset.page_title,
        search_tab_label=viewset.search_tab_label,
        creation_tab_label=viewset.creation_tab_label,
    )


def tag_autocomplete(request, app_name=None, model_name=None):
    """Suggestions for a tag field: the tags of the person's own images and documents."""
    if not _narrowed(request.user):
        return wagtail_tags.autocomplete(request, app_name=app_name, model_name=model_name)
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    tags = visible_tags(request.user).filter(name__istartswith=term)
    names = sorted({tag.name for tag in tags[:AUTOCOMPLETED_TAGS]})
    return JsonResponse(names, safe=False)


# People, workflows and tasks in the reports ------------------------------------------------


class OwnPeopleSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        users = super().get_users_queryset()
        if _narrowed(self.request.user):
            users = users.filter(pk__in=colleagues(self.request.user).values("pk"))
        return users


class OwnPeopleLockedPagesFilterSet(LockedPagesReportFilterSet):
    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if _narrowed(request.user):
            people = colleagues(request.user).values("pk")
            locked_by = self.filters["locked_by"]
            everyone = locked_by.queryset
            locked_by.queryset = lambda request: everyone(request).filter(pk__in=people)


class OwnPeopleLockedPagesView(LockedPagesView):
    filterset_class = OwnPeopleLockedPagesFilterSet


class OwnWorkflowsMixin:
    """Workflow report filters offering the person's own workflows, tasks and people."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user
        if not _narrowed(user):
            return
        if "workflow" in self.filters:
            self.filters["workflow"].queryset = own_workflows(user)
        if "task" in self.filters:
            self.filters["task"].queryset = own_tasks(user)
        if "requested_by" in self.filters:
            requested_by = self.filters["requested_by"]
            everyone = requested_by.queryset
            people = colleagues(user).values("pk")
            requested_by.queryset = lambda request: everyone(request).filter(pk__in=people)


class OwnWorkflowReportFilterSet(OwnWorkflowsMixin, WorkflowReportFilterSet):
    pass


class OwnWorkflowTasksReportFilterSet(OwnWorkflowsMixin, WorkflowTasksReportFilterSet):
    pass


class OwnWorkflowReportView(WorkflowView):
    filterset_class = OwnWorkflowReportFilterSet


class OwnWorkflowTasksReportView(WorkflowTasksView):
    filterset_class = OwnWorkflowTasksReportFilterSet


# The task chooser ---------------------------------------------------------------------------


def may_manage_workflows(user):
    return user.has_perm("wagtailcore.add_workflow") or user.has_perm("wagtailcore.change_workflow")


def for_workflow_managers(view):
    """``view`` for people who may set up workflows, the only ones who need to choose a task
    (GZM: each municipality's workflow is made at onboarding)."""

    def guarded(request, *args, **kwargs):
        if not may_manage_workflows(request.user):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return guarded


task_chooser_views = {
    "": wagtail_workflows.TaskChooserView.as_view(),
    "results/": wagtail_workflows.TaskChooserResultsView.as_view(),
    "create/": wagtail_workflows.TaskChooserCreateView.as_view(),
}
task_chosen = wagtail_workflows.task_chosen
