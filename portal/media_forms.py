"""The admin's upload forms of documents and images (``WAGTAILDOCS_DOCUMENT_FORM_BASE``,
``WAGTAILIMAGES_IMAGE_FORM_BASE``): what an editor is told when a file cannot be taken.

Both the single add view and the multiple-upload view build their forms on these.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    """Documents are refused above ``WAGTAILDOCS_MAX_UPLOAD_SIZE``, which Wagtail's file
    field checks; its message (in Polish it speaks of an image) is replaced here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and getattr(field, "max_upload_size", None) is not None:
            field.error_messages["file_too_large"] = _(
                "Ten plik jest za duży (%(file_size)s). Dokument może mieć najwyżej "
                "%(max_filesize)s."
            )
            field.error_messages["file_too_large_unknown_size"] = _(
                "Ten plik jest za duży. Dokument może mieć najwyżej %(max_filesize)s."
            ) % {"max_filesize": field.max_upload_size_text}
