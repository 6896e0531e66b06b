"""What an editor uploading a document or an image is told when the file cannot be taken:
too big, not really an image, no room in the media storage. Always a form error in Polish,
never a 500, and nothing left behind in the media directory.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

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
