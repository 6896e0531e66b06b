"""The network's audit log: Wagtail's "Site history" report, told apart by municipality.

Wagtail shows each person the log entries of the pages they may explore (for a
municipality's people: their own subtree and the network pages above it) and of the models
they hold a global permission on. This report goes further:

- GZM's network admins see the whole network and may narrow it to one municipality;
- a municipality's editors and moderators see their own municipality's entries only, in
  the listing and in its CSV/XLSX downloads.

What belongs to a municipality: the pages below its home (every language), the images and
documents in its collection, and its own record in the register of municipalities. Entries
of deleted pages have no page left to place, so they count for none (GZM sees them
unfiltered).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, PageLogEntry

import django_filters

from portal.permissions import is_network_admin

from .admin_choices import OwnPeopleSiteHistoryFilterSet
from .models import Municipality, MunicipalityHomePage
from .permissions import municipalities_of


def _as_text(queryset):
    """The primary keys of ``queryset`` as text, to compare with a log's ``object_id``."""
    return queryset.annotate(key_text=Cast("pk", CharField())).values("key_text")


def log_entries_of(log_model, municipality_ids):
    """The condition on ``log_model`` that keeps the entries of these municipalities."""
    if issubclass(log_model, PageLogEntry):
        paths = MunicipalityHomePage.objects.filter(municipality__in=municipality_ids).values_list(
            "path", flat=True
        )
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(page__path__startswith=path)
        return condition
    collection_paths = Collection.objects.filter(municipality__in=municipality_ids).values_list(
        "path", flat=True
    )
    in_collections = Q(pk__in=[])
    for path in collection_paths:
        in_collections |= Q(collection__path__startswith=path)
    condition = Q(
        content_type=ContentType.objects.get_for_model(Municipality),
        object_id__in=_as_text(Municipality.objects.filter(pk__in=municipality_ids)),
    )
    for media_model in (get_image_model(), get_document_model()):
        condition |= Q(
            content_type=ContentType.objects.get_for_model(media_model),
            object_id__in=_as_text(media_model.objects.filter(in_collections)),
        )
    return condition


def visible_municipalities(user):
    if is_network_admin(user):
        return Municipality.objects.order_by("name")
    return municipalities_of(user).order_by("name")


class NetworkLogFilterSet(OwnPeopleSiteHistoryFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Gmina"),
        method="filter_municipality",
        queryset=lambda request: visible_municipalities(request.user),
    )

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(log_entries_of(queryset.model, [value.pk]))


class NetworkLogView(LogEntriesView):
    """Site history of the whole network for GZM, of their own municipality for others."""

    filterset_class = NetworkLogFilterSet

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if is_network_admin(user):
            return queryset
        own = list(municipalities_of(user).values_list("pk", flat=True))
        return queryset.filter(log_entries_of(queryset.model, own))
