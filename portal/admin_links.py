"""The link chooser's "external link" step, with a form error for a missing address.

Wagtail's form field reads the address with ``str.startswith`` before it checks that one was
sent, so a POST without it raised ``AttributeError`` and answered 500. ``portal.urls``
serves this view at Wagtail's address.
"""

from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.choosers import ExternalLinkChooserForm, URLOrAbsolutePathField
from wagtail.admin.views.chooser import ExternalLinkView


class AddressField(URLOrAbsolutePathField):
    def to_python(self, value):
        return super().to_python(value or "")


class ExternalLinkForm(ExternalLinkChooserForm):
    url = AddressField(required=True, label=ExternalLinkChooserForm.base_fields["url"].label)


class CheckedExternalLinkView(ExternalLinkView):
    form_class = ExternalLinkForm


external_link_view = require_admin_access(never_cache(CheckedExternalLinkView.as_view()))
