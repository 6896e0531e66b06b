"""The admin dashboard panel of a municipality's editors and moderators."""

from wagtail.admin.ui.components import Component


class MunicipalityPanel(Component):
    """Shortcuts to the person's own subsite: its pages, the live site, its settings."""

    name = "municipality"
    order = 50
    template_name = "municipalities/admin/municipality_panel.html"

    def __init__(self, municipalities):
        self.municipalities = municipalities

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["municipalities"] = self.municipalities
        return context
