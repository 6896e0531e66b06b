"""What the isolation tests share: who acts, finding the pages they act on, the refusal."""

import io
from dataclasses import dataclass
from functools import partial

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from PIL import Image as PILImage
from wagtail_factories import DocumentFactory

from portal.factories import ImageFactory

from ..conftest import log_in_as

__all__ = [
    "DRAFT_TITLE",
    "EDITING",
    "PEOPLE_OF_A",
    "PUBLISHING",
    "TITLE_OF",
    "assert_denied",
    "english",
    "explore_url",
    "home",
    "log_in_as",
    "make_room",
    "page_form_data",
    "reload",
    "save_draft",
    "section",
]

# Who acts on B's objects in the denial tests.
PEOPLE_OF_A = ["editor_a", "moderator_a"]
# Positive controls, as (role, whose objects): A's people on A's, the network admin on B's.
EDITING = [("editor_a", "a"), ("moderator_a", "a"), ("network_admin", "b")]
PUBLISHING = [("moderator_a", "a"), ("network_admin", "b")]

# A draft title to look for in responses (ASCII, so it reads the same inside JSON).
DRAFT_TITLE = "Nabory 2026 - szkic do akceptacji"


# Pages ------------------------------------------------------------------------------------


def home(municipality):
    return municipality.site.root_page.specific


def section(municipality, page_type):
    """The Polish section page of ``page_type`` under the municipality's home."""
    return page_type.objects.child_of(home(municipality)).get()


def page_form_data(page, **changes):
    """What the page editor posts for a section page, with ``changes`` applied."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": rich_text(page.intro),
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "show_in_menus": "on" if page.show_in_menus else "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return nested_form_data(data)


def english():
    return Locale.objects.get(language_code="en")


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def explore_url(page):
    return reverse("wagtailadmin_explore", args=[page.pk])


def assert_denied(response, redirect_to=None):
    """Wagtail refuses with a redirect (to the dashboard unless told otherwise), 403 or 404."""
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert response["Location"] == (redirect_to or reverse("wagtailadmin_home"))


def make_room(parent, page_type):
    """Delete ``parent``'s only child of ``page_type``, so that one more may be put there."""
    page_type.objects.child_of(parent).get().delete()


def save_draft(page, title, user):
    page.title = title
    page.save_revision(user=user)
    return reload(page)


# Images and documents ---------------------------------------------------------------------


def small_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("herb.png", buffer.getvalue(), content_type="image/png")


def small_pdf():
    return SimpleUploadedFile("uchwala.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


@dataclass(frozen=True)
class Media:
    """A kind of collection member and the admin URLs that manage it."""

    model: type
    factory: object
    upload: object
    app: str
    usage_view: str
    extra_fields: tuple = ()

    def url(self, name, *args):
        return reverse(f"{self.app}:{name}", args=args)

    def chooser_url(self, name, *args):
        return reverse(f"{self.app}_chooser:{name}", args=args)

    def form_data(self, item, **changes):
        data = {"title": item.title, "collection": item.collection_id, "tags": ""}
        data.update(dict.fromkeys(self.extra_fields, ""))
        data.update(changes)
        return data


MEDIA = {
    "image": Media(
        model=get_image_model(),
        factory=ImageFactory,
        upload=small_png,
        app="wagtailimages",
        usage_view="image_usage",
        extra_fields=("focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"),
    ),
    "document": Media(
        model=get_document_model(),
        factory=partial(DocumentFactory, file__filename="uchwala.pdf"),
        upload=small_pdf,
        app="wagtaildocs",
        usage_view="document_usage",
    ),
}
# The title of the item each municipality has in its collection (the ``items`` fixture).
TITLE_OF = {"a": "Plik gminy A", "b": "Plik gminy B"}
