"""What an editor uploading a document or an image is told when the file cannot be taken:
too big, not really an image, no room in the media storage. Always a form error in Polish,
never a 500, and nothing left behind in the media directory.
"""

import contextlib
import io
import resource
import signal
import threading
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from .conftest import log_in_as

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def files_in(directory):
    return {path for path in Path(directory).rglob("*") if path.is_file()}


@pytest.fixture
def editor(client, network):
    return log_in_as(client, network, "editor_a")


def document_upload(size, name="uchwala.pdf"):
    content = b"%PDF-1.4\n" + b"0" * (size - len(b"%PDF-1.4\n"))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# Document size ----------------------------------------------------------------------------


def test_documents_are_limited_to_20_mb_by_default():
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * MB


def test_add_view_refuses_a_document_over_the_limit(editor, network):
    before = files_in(settings.MEDIA_ROOT)

    response = editor.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Za duża uchwała",
            "file": document_upload(20 * MB + 1),
            "collection": network.a.collection.pk,
            "tags": "",
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ten plik jest za duży" in html
    assert "20,0" in html  # the limit, as the editor reads it
    assert not get_document_model().objects.filter(title="Za duża uchwała").exists()
    assert files_in(settings.MEDIA_ROOT) == before


def test_multiple_upload_refuses_a_document_over_the_limit(editor, network):
    before = files_in(settings.MEDIA_ROOT)

    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": document_upload(20 * MB + 1), "collection": network.a.collection.pk},
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "Ten plik jest za duży" in answer["error_message"]
    assert "20,0" in answer["error_message"]
    assert get_document_model().objects.count() == 0
    assert files_in(settings.MEDIA_ROOT) == before


def test_a_document_within_the_limit_is_taken(editor, network):
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": document_upload(MB), "collection": network.a.collection.pk},
    )

    assert response.json()["success"] is True
    assert get_document_model().objects.filter(collection=network.a.collection).count() == 1


# Broken images ----------------------------------------------------------------------------

BROKEN_IMAGE = "Tego pliku nie da się odczytać jako obrazu"


def truncated_jpeg(name="festyn.jpg"):
    """A JPEG whose header is fine and whose picture data stops a third of the way in."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), "teal").save(buffer, "JPEG")
    data = buffer.getvalue()
    return SimpleUploadedFile(name, data[: len(data) // 3], content_type="image/jpeg")


def whole_jpeg(name="festyn.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_add_view_refuses_a_truncated_image(editor, network):
    before = files_in(settings.MEDIA_ROOT)

    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Festyn",
            "file": truncated_jpeg(),
            "collection": network.a.collection.pk,
            "tags": "",
        },
    )

    assert response.status_code == 200
    assert BROKEN_IMAGE in response.content.decode()
    assert not get_image_model().objects.filter(title="Festyn").exists()
    assert files_in(settings.MEDIA_ROOT) == before


def test_multiple_upload_refuses_a_truncated_image(editor, network):
    before = files_in(settings.MEDIA_ROOT)

    response = editor.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": truncated_jpeg(), "collection": network.a.collection.pk},
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert BROKEN_IMAGE in answer["error_message"]
    assert get_image_model().objects.count() == 0
    assert files_in(settings.MEDIA_ROOT) == before


def test_replacing_an_image_with_a_truncated_file_keeps_the_old_one(editor, network):
    editor.post(
        reverse("wagtailimages:add"),
        {"title": "Festyn", "file": whole_jpeg(), "collection": network.a.collection.pk},
    )
    image = get_image_model().objects.get(title="Festyn")
    originals = Path(settings.MEDIA_ROOT) / "original_images"
    before = files_in(originals)  # the edit page itself adds a preview rendition

    response = editor.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Festyn", "file": truncated_jpeg(), "collection": network.a.collection.pk},
    )

    assert response.status_code == 200
    assert BROKEN_IMAGE in response.content.decode()
    image.refresh_from_db()
    assert Path(image.file.path).is_file()
    assert files_in(originals) == before


# No room in the media storage ---------------------------------------------------------------

STORAGE_FAILED = "Nie udało się zapisać pliku"


@pytest.fixture
def unwritable_media(tmp_path):
    """A MEDIA_ROOT that cannot be created: its parent is a file.

    The tests may run as root, for whom a directory without write permission is no obstacle;
    a path through a regular file is refused to everyone (NotADirectoryError).
    """
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with override_settings(MEDIA_ROOT=str(blocker / "media")):
        yield blocker


@contextlib.contextmanager
def disk_full_after(size):
    """Writes past ``size`` bytes into any file fail as on a full disk (``RLIMIT_FSIZE``:
    EFBIG), leaving the file cut short, as a full disk does."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers can be set in the main thread only")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def noisy_png(name="plakat.png"):
    """An image of some 200 KB, which no compression makes small."""
    picture = PILImage.frombytes("RGB", (300, 300), bytes(range(256)) * 1055)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", compress_level=0)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


UPLOADS = {
    "image": ("wagtailimages", noisy_png, get_image_model),
    "document": ("wagtaildocs", lambda: document_upload(200 * 1024), get_document_model),
}


@pytest.mark.parametrize("kind", UPLOADS)
def test_unwritable_storage_is_told_on_the_add_view(editor, network, unwritable_media, kind):
    app, upload, model = UPLOADS[kind]

    response = editor.post(
        reverse(f"{app}:add"),
        {"title": "Plakat", "file": upload(), "collection": network.a.collection.pk, "tags": ""},
        follow=True,
    )

    assert response.status_code == 200
    assert STORAGE_FAILED in response.content.decode()
    assert not model().objects.filter(title="Plakat").exists()
    assert unwritable_media.is_file()


@pytest.mark.parametrize("kind", UPLOADS)
def test_full_storage_is_told_on_multiple_upload_and_leaves_no_part(editor, network, kind):
    app, upload, model = UPLOADS[kind]
    before = files_in(settings.MEDIA_ROOT)

    # A transaction of its own around the request, as the request has outside a test: the
    # failed INSERT spoils only that one, not the test's.
    with disk_full_after(64 * 1024), transaction.atomic():
        response = editor.post(
            reverse(f"{app}:add_multiple"),
            {"files[]": upload(), "collection": network.a.collection.pk},
        )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert STORAGE_FAILED in answer["error_message"]
    assert model().objects.count() == 0
    assert files_in(settings.MEDIA_ROOT) == before
