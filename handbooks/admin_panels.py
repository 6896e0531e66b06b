"""The handbooks panel of the admin dashboard: what is behind the model, at a glance."""

from wagtail.admin.ui.components import Component


class HandbooksPanel(Component):
    name = "handbooks"
    order = 60
    template_name = "handbooks/admin/dashboard_panel.html"

    def __init__(self, rows, network):
        self.rows = rows
        self.network = network

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = self.rows
        context["network"] = self.network
        context["with_variant"] = sum(1 for row in self.rows if row.variants)
        context["behind"] = sum(row.behind for row in self.rows)
        context["customised"] = sum(row.customised for row in self.rows)
        return context
