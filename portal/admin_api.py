"""The admin API's image and document endpoints, limited to what the user may choose.

Wagtail's admin API (``/admin/api/main/images/``, ``…/documents/``) lists every image and
document whatever collection it is in. These endpoints apply the rule the image and
document choosers apply: a person sees the items of the collections they may choose from,
so a municipality's people see their own collection and an id from another answers 404.
(The pages endpoint already limits itself to the pages the user may explore.)
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry


class ChoosableOnlyMixin:
    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        choosable = policy.instances_user_has_any_permission_for(self.request.user, ["choose"])
        return super().get_queryset() & choosable


class ChoosableImagesAdminAPIViewSet(ChoosableOnlyMixin, ImagesAdminAPIViewSet):
    pass


class ChoosableDocumentsAdminAPIViewSet(ChoosableOnlyMixin, DocumentsAdminAPIViewSet):
    pass


ENDPOINTS = {
    "images": ChoosableImagesAdminAPIViewSet,
    "documents": ChoosableDocumentsAdminAPIViewSet,
}
