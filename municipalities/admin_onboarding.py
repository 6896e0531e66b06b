"""GZM → Gminy GZM → Dodaj gminę: the admin's onboarding form.

A valid submission onboards the new member with ``onboarding.onboard_municipality``, the
function the commands call, so the admin and ``manage.py onboard_municipality`` make the
same subsite, page tree, collection, groups and workflow.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.auth import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.log_actions import log
from wagtail.models import Site
from wagtail.snippets.views.snippets import CreateView

from portal.permissions import is_network_admin

from .models import Municipality
from .onboarding import GZM_MEMBERSHIP_START, MunicipalityRecord, onboard_municipality
from .validation import validate_host_label, validate_terc, validate_terc_kind

DUPLICATE = {
    "name": gettext_lazy("Gmina o tej nazwie jest już w sieci GZM."),
    "slug": gettext_lazy("Ten identyfikator ma już inna gmina."),
    "terc": gettext_lazy("Gmina z tym kodem TERC jest już w sieci GZM."),
}


class OnboardingForm(WagtailAdminModelForm):
    """What GZM knows about a new member; the rest onboarding makes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership_start"].initial = GZM_MEMBERSHIP_START
        self.fields["slug"].help_text = _(
            "Serwis gminy będzie pod adresem <identyfikator>.%(domain)s."
        ) % {"domain": settings.PORTAL_DOMAIN}
        # The model's SlugField allows underscores and capitals, a host name neither.
        self.fields["slug"].validators = [validate_host_label]

    def _refuse_duplicate(self, field, **lookup):
        value = self.cleaned_data.get(field)
        if value and Municipality.objects.filter(**lookup or {field: value}).exists():
            raise ValidationError(DUPLICATE[field], code="duplicate")
        return value

    def clean_name(self):
        name = self.cleaned_data.get("name", "").strip()
        self.cleaned_data["name"] = name
        return self._refuse_duplicate("name", name__iexact=name)

    def clean_slug(self):
        slug = self._refuse_duplicate("slug")
        if Site.objects.filter(
            hostname=f"{slug}.{settings.PORTAL_DOMAIN}", port=settings.PORTAL_PORT
        ).exists():
            raise ValidationError(
                _("Pod tym adresem działa już inny serwis portalu."), code="duplicate_site"
            )
        return slug

    def clean_terc(self):
        terc = self.cleaned_data.get("terc", "").strip()
        self.cleaned_data["terc"] = terc
        validate_terc(terc)
        return self._refuse_duplicate("terc")

    def clean(self):
        cleaned_data = super().clean()
        terc, gmina_type = cleaned_data.get("terc"), cleaned_data.get("gmina_type")
        if terc and gmina_type:
            try:
                validate_terc_kind(terc, gmina_type)
            except ValidationError as error:
                self.add_error("terc", error)
        return cleaned_data

    def record(self):
        data = self.cleaned_data
        return MunicipalityRecord(
            name=data["name"],
            slug=data["slug"],
            terc=data["terc"],
            gmina_type=data["gmina_type"],
            county=data["county"],
            bip_url=data.get("bip_url") or "",
            membership_start=data["membership_start"],
            coat_of_arms=data.get("coat_of_arms"),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
        )


onboarding_panel = ObjectList(
    [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("terc"), FieldPanel("gmina_type"), FieldPanel("county")]),
        FieldPanel("membership_start"),
        FieldPanel("bip_url"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("coat_of_arms"),
    ],
    base_form_class=OnboardingForm,
)


class OnboardMunicipalityView(CreateView):
    """The snippet create view, saving through onboarding instead of ``form.save()``."""

    page_title = gettext_lazy("Dodaj gminę do sieci GZM")

    def dispatch(self, request, *args, **kwargs):
        if not is_network_admin(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        municipality = onboard_municipality(self.form.record())
        log(instance=municipality, action="wagtail.create", user=self.request.user)
        return municipality

    def get_success_message(self, instance):
        return _(
            "Gmina „%(name)s” dołączyła do sieci GZM: jej serwis %(url)s ma już strony po "
            "polsku, angielsku i ukraińsku, kolekcję, grupy redaktorów i moderatorów oraz "
            "ścieżkę akceptacji."
        ) % {"name": instance.name, "url": instance.site.root_url}
