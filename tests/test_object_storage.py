"""Uploads kept in an S3-compatible bucket, the way several app servers share them.

Tested against moto's S3 emulator, a real HTTP server on loopback speaking the S3 protocol
(no AWS account is reachable here), configured by the same ``object_storage`` that
production settings use with ``MEDIA_S3_BUCKET``. A real bucket can be tried with
``TEST_S3_ENDPOINT_URL`` (plus ``TEST_S3_BUCKET``, ``TEST_S3_ACCESS_KEY_ID`` and
``TEST_S3_SECRET_ACCESS_KEY``); without it only the emulator is used.
"""

import io
import json
import os
import socket
import urllib.error
import urllib.request
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

import boto3
import pytest
from botocore.config import Config
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage

from portal.settings.media import object_storage, public_read_policy

from .conftest import log_in_as
from .test_settings import PRODUCTION_VALUES, manage

pytestmark = pytest.mark.django_db


class Bucket:
    def __init__(self, endpoint_url, name, access_key, secret_key):
        self.endpoint_url, self.name = endpoint_url, name
        self.access_key, self.secret_key = access_key, secret_key
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            region_name="us-east-1",
        )

    def storages(self, endpoint_url=None):
        return {
            "default": object_storage(
                self.name,
                endpoint_url=endpoint_url or self.endpoint_url,
                region="us-east-1",
                access_key=self.access_key,
                secret_key=self.secret_key,
                path_style=True,
            ),
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }

    def object_keys(self):
        listing = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in listing.get("Contents", [])}

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture(scope="module")
def s3_endpoint():
    real = os.environ.get("TEST_S3_ENDPOINT_URL")
    if real:
        yield real, os.environ["TEST_S3_ACCESS_KEY_ID"], os.environ["TEST_S3_SECRET_ACCESS_KEY"]
        return
    emulator = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    emulator.start()
    host, port = emulator.get_host_and_port()
    yield f"http://{host}:{port}", "emulator-key", "emulator-secret"
    emulator.stop()


@pytest.fixture
def bucket(s3_endpoint):
    endpoint_url, access_key, secret_key = s3_endpoint
    name = os.environ.get("TEST_S3_BUCKET") or f"gzm-media-{uuid.uuid4().hex[:12]}"
    bucket = Bucket(endpoint_url, name, access_key, secret_key)
    if not os.environ.get("TEST_S3_BUCKET"):
        bucket.client.create_bucket(Bucket=name)
        bucket.client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
    with override_settings(STORAGES=bucket.storages(), WAGTAILDOCS_SERVE_METHOD="serve_view"):
        yield bucket


@pytest.fixture
def editor(client, network):
    return log_in_as(client, network, "editor_a")


def jpeg(name="festyn.jpg", size=(400, 300)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_s3_emulator_keeps_an_uploaded_image_and_serves_its_rendition(editor, network, bucket):
    response = editor.post(
        reverse("wagtailimages:add"),
        {"title": "Festyn", "file": jpeg(), "collection": network.a.collection.pk, "tags": ""},
    )

    assert response.status_code == 302
    image = get_image_model().objects.get(title="Festyn")
    assert (image.width, image.height) == (400, 300)
    assert image.file.name in bucket.object_keys()

    rendition = image.get_rendition("width-100")
    assert rendition.file.name in bucket.object_keys()
    assert rendition.url.startswith(f"{bucket.endpoint_url}/{bucket.name}/images/")
    # The address a page links to answers with the picture, without credentials.
    with urllib.request.urlopen(rendition.url, timeout=10) as answer:  # noqa: S310
        picture = PILImage.open(io.BytesIO(answer.read()))
    assert picture.size == (100, 75)
    original = f"{bucket.endpoint_url}/{bucket.name}/{image.file.name}"
    with urllib.request.urlopen(original, timeout=10) as answer:  # noqa: S310
        assert answer.status == 200


def test_s3_emulator_refuses_documents_to_anyone_without_credentials(editor, network, bucket):
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("plan.pdf", b"%PDF-1.4\nplan", "application/pdf"),
            "collection": network.a.collection.pk,
        },
    )
    assert response.json()["success"] is True
    document = get_document_model().objects.get(collection=network.a.collection)
    direct = f"{bucket.endpoint_url}/{bucket.name}/{document.file.name}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(direct, timeout=10)  # noqa: S310
    assert refused.value.code == 403


def test_s3_emulator_serves_documents_through_the_app_with_their_privacy(
    editor, client, network, bucket
):
    content = b"%PDF-1.4\n" + b"uchwala " * 500
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("uchwala.pdf", content, "application/pdf"),
            "collection": network.a.collection.pk,
        },
    )
    assert response.json()["success"] is True
    document = get_document_model().objects.get(collection=network.a.collection)
    assert bucket.read(document.file.name) == content

    download = editor.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content

    CollectionViewRestriction.objects.create(
        collection=network.a.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    client.logout()
    refused = client.get(document.url)
    assert refused.status_code == 302
    assert "/_util/login/" in refused["Location"] or "login" in refused["Location"]


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_s3_emulator_out_of_reach_tells_the_editor_and_keeps_nothing(editor, network, bucket):
    unreachable = bucket.storages(endpoint_url=f"http://127.0.0.1:{closed_port()}")
    no_retries = Config(retries={"max_attempts": 1}, connect_timeout=2)
    unreachable["default"]["OPTIONS"]["client_config"] = no_retries
    with override_settings(STORAGES=unreachable):
        response = editor.post(
            reverse("wagtailimages:add"),
            {"title": "Festyn", "file": jpeg(), "collection": network.a.collection.pk},
            follow=True,
        )

    assert response.status_code == 200
    assert "Nie udało się zapisać pliku" in response.content.decode()
    assert not get_image_model().objects.filter(title="Festyn").exists()
    assert bucket.object_keys() == set()


def test_production_settings_with_a_bucket_store_uploads_in_the_s3_emulator(bucket):
    script = (
        "from django.conf import settings; from django.core.files.base import ContentFile;"
        "from django.core.files.storage import default_storage as s;"
        "print(settings.WAGTAILDOCS_SERVE_METHOD);"
        "print(s.save('documents/regulamin.txt', ContentFile(b'regulamin')))"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="gzm.example.org",
        MEDIA_S3_BUCKET=bucket.name,
        MEDIA_S3_ENDPOINT_URL=bucket.endpoint_url,
        MEDIA_S3_REGION="us-east-1",
        MEDIA_S3_ACCESS_KEY_ID=bucket.access_key,
        MEDIA_S3_SECRET_ACCESS_KEY=bucket.secret_key,
        MEDIA_S3_PATH_STYLE="true",
        **PRODUCTION_VALUES,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["serve_view", "documents/regulamin.txt"]
    assert bucket.read("documents/regulamin.txt") == b"regulamin"
