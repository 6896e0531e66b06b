"""The admin's upload forms of documents and images (``WAGTAILDOCS_DOCUMENT_FORM_BASE``,
``WAGTAILIMAGES_IMAGE_FORM_BASE``): what an editor is told when a file cannot be taken.

Both the single add view and the multiple-upload view build their forms on these.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


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


class CheckedImageField(WagtailImageField):
    """Wagtail's image file field, telling an editor that a file is a broken image.

    Wagtail decodes the whole picture while checking it (its size in pixels); a file whose
    header is fine but whose data is cut short or damaged makes the image library raise
    there, which was a 500. Here it is a form error.
    """

    # What the image library raises for a picture it cannot decode.
    DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError)

    default_error_messages = {
        "broken_image": _(
            "Tego pliku nie da się odczytać jako obrazu: jest uszkodzony albo niekompletny. "
            "Zapisz go ponownie w programie graficznym i prześlij jeszcze raz."
        ),
    }

    @classmethod
    def replacing(cls, field):
        """A field like ``field`` (the one Wagtail's form factory made), of this class."""
        return cls(
            label=field.label,
            required=field.required,
            widget=field.widget,
            max_length=field.max_length,
            disabled=field.disabled,
        )

    def to_python(self, data):
        try:
            return super().to_python(data)
        except self.DECODING_ERRORS as error:
            raise ValidationError(
                self.error_messages["broken_image"], code="broken_image"
            ) from error


class ImageForm(BaseImageForm):
    """Images whose file cannot be decoded are refused with a form error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"] = CheckedImageField.replacing(self.fields["file"])
