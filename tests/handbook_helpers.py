"""What the handbook tests share: GZM's model handbook and its chapters, a variant's chapters,
GZM publishing an edit of the model, and the requests of the handbooks admin.
"""

import json

from django.conf import settings
from django.urls import reverse

from wagtail.models import Page

from handbooks.models import HandbookChapterPage, HandbookPage

HOST_A = "ruda-slaska.localhost"
NEW_TEXT = "Nowe zdanie modelu: koordynator odpowiada w ciągu trzech dni roboczych."


def model_handbook(slug="podrecznik-dla-mieszkanca"):
    return HandbookPage.objects.get(slug=slug, locale__language_code=settings.LANGUAGE_CODE)


def model_chapter(handbook, slug):
    return HandbookChapterPage.objects.child_of(handbook).get(slug=slug)


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def publish_model_edit(chapter, text=NEW_TEXT):
    """GZM rewrites the chapter's first paragraph and publishes it."""
    chapter = reload(chapter)
    raw = chapter.body.get_prep_value()
    first_text = next(block for block in raw if block["type"] == "text")
    first_text["value"] = f"<p>{text}</p>"
    chapter.body = json.dumps(raw)
    revision = chapter.save_revision()
    revision.publish()
    return revision


def variant_chapter(variant, slug):
    return HandbookChapterPage.objects.child_of(variant).get(slug=slug)


def page_text(client, path, host=HOST_A):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return response.content.decode()


# The handbooks admin ----------------------------------------------------------------------


def action_url(page, action):
    return reverse("handbooks_admin:action", args=[page.pk, action])


def create(client, handbook, municipality):
    return client.post(
        reverse("handbooks_admin:create_variant"),
        {"handbook": handbook.pk, "municipality": municipality.pk},
    )
