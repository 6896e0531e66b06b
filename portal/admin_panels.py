"""Dashboard panels of the portal's admin."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from .legal_review import CHECKED_PAGE_TYPES, incomplete_pages, overdue_statements


class LegalPagesPanel(Component):
    """Accessibility statements past their yearly review and legal pages still incomplete.

    A municipality's people see their own site's pages; GZM's network administration sees
    every overdue statement in the network. With nothing to remind of, no panel is shown.
    """

    name = "legal_pages"
    order = 60
    template_name = "portal/admin/legal_pages_panel.html"

    def __init__(self, homes=None, network_wide=False, extra_page_types=()):
        self.homes = homes or []
        self.network_wide = network_wide
        self.page_types = (*extra_page_types, *CHECKED_PAGE_TYPES)

    @cached_property
    def reminders(self):
        if self.network_wide:
            return {"overdue": overdue_statements(), "incomplete": []}
        return {
            "overdue": overdue_statements(homes=self.homes),
            "incomplete": incomplete_pages(self.homes, self.page_types),
        }

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(self.reminders)
        context["heading"] = _("Deklaracja dostępności i strony prawne")
        return context

    def render_html(self, parent_context=None):
        if not (self.reminders["overdue"] or self.reminders["incomplete"]):
            return ""
        return super().render_html(parent_context)
