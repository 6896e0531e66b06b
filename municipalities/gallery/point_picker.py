"""The point picker of an initiative's place in the admin: a map under the latitude and
longitude fields. Clicking the map (or dragging the marker, or pressing Enter on it after
moving it with the keyboard) writes the point into the fields; typing in the fields moves
the marker. The fields stay the accessible way in; without a tile server the map is left
out and the fields are all there is.
"""

import json

from django import forms
from django.templatetags.static import static
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from wagtail.admin.panels import Panel

from .listing import map_config

# Where the map opens with no point and no municipality centre: the middle of GZM.
GZM_CENTRE = (50.29, 19.05)


class PointPickerPanel(Panel):
    def __init__(self, latitude="latitude", longitude="longitude", **kwargs):
        super().__init__(**kwargs)
        self.latitude = latitude
        self.longitude = longitude

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "latitude": self.latitude, "longitude": self.longitude}

    class BoundPanel(Panel.BoundPanel):
        template_name = "municipalities/admin/point_picker.html"

        @cached_property
        def config(self):
            config = map_config()
            if not config:
                return None
            fields = [self.panel.latitude, self.panel.longitude]
            if any(name not in self.form.fields for name in fields):
                return None
            centre, zoom = self.centre()
            return {
                **config,
                "latitudeId": self.form[self.panel.latitude].auto_id,
                "longitudeId": self.form[self.panel.longitude].auto_id,
                "centre": centre,
                "zoom": zoom,
                "label": _("Mapa: kliknij miejsce inicjatywy, aby wpisać jego współrzędne"),
                "markerLabel": _("Miejsce inicjatywy (przeciągnij, aby poprawić)"),
            }

        def centre(self):
            """The municipality's centre when known (a new page: its parent's), else GZM's."""
            page = self.instance
            municipality = getattr(page, "municipality", None) if page.pk else None
            if municipality is None:
                parent = getattr(self.form, "parent_page", None)
                municipality = getattr(parent, "municipality", None) if parent else None
            if municipality is not None and municipality.latitude is not None:
                return [float(municipality.latitude), float(municipality.longitude)], 14
            return list(GZM_CENTRE), 10

        def is_shown(self):
            return self.config is not None

        def show_panel_furniture(self):
            return False

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["config"] = self.config
            context["config_json"] = json.dumps(self.config)
            return context

        @property
        def media(self):
            if self.config is None:
                return forms.Media()
            return forms.Media(
                css={
                    "all": [static("vendor/leaflet/leaflet.css"), static("css/initiative-map.css")]
                },
                js=[
                    static("vendor/leaflet/leaflet.js"),
                    static("municipalities/admin/point-picker.js"),
                ],
            )
