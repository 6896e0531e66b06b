"""Page editor forms shared by a municipality's page types."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

NOT_OWN_MEDIA = {
    "document": _("Ten dokument nie należy do kolekcji Twojej gminy."),
    "image": _("Ten obraz nie należy do kolekcji Twojej gminy."),
}


class OwnMediaPageForm(WagtailAdminPageForm):
    """Refuses images and documents the editor could not have picked in the chooser.

    Choosers only offer the editor's own collection, but an id can be sent by hand. Page
    types name their media fields in ``own_media_fields`` (fields of the page) and
    ``own_media_formsets`` (formset name → field of each inline row).
    """

    own_media_fields = ()
    own_media_formsets = {}

    def clean(self):
        cleaned_data = super().clean()
        if self.for_user is None:
            return cleaned_data
        for field in self.own_media_fields:
            item = cleaned_data.get(field)
            if item is not None and not self._choosable(item):
                self.add_error(field, NOT_OWN_MEDIA[self._kind(item)])
        for formset_name, field in self.own_media_formsets.items():
            formset = self.formsets.get(formset_name)
            if formset is None or not formset.is_valid():
                continue
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                item = data.get(field)
                if item is not None and not data.get("DELETE") and not self._choosable(item):
                    form.add_error(field, NOT_OWN_MEDIA[self._kind(item)])
        return cleaned_data

    @staticmethod
    def _kind(item):
        return "image" if isinstance(item, get_image_model()) else "document"

    def _choosable(self, item):
        policy = policy_registry.get_by_type(type(item))
        return (
            policy.instances_user_has_permission_for(self.for_user, "choose")
            .filter(pk=item.pk)
            .exists()
        )
