"""Initiatives in the results gallery: the editor's validation, media isolation, uploads."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest
from PIL import Image as PILImage
from wagtail_factories import DocumentFactory

from municipalities.models import GalleryPage, InitiativePage
from portal.factories import ImageFactory
from portal.models import TaskArea

pytestmark = pytest.mark.django_db


def gallery(municipality):
    return GalleryPage.objects.child_of(municipality.root_page).get()


def photo_rows(*rows):
    return inline_formset(
        [
            {"image": str(image.pk), "alt_text": alt, "caption": "", "role": ""}
            for image, alt in rows
        ]
    )


def initiative_form(**changes):
    data = {
        "title": "Plac zabaw przy ul. Lipowej",
        "slug": "plac-zabaw-lipowa",
        "summary": "Mieszkańcy zbudowali plac zabaw razem z gminą.",
        "is_example": "",
        "task_area": str(TaskArea.objects.get(key="sport_tourism").pk),
        "year": "2025",
        "stage": "completed",
        "agreement_signed_on": "2025-04-01",
        "completed_on": "2025-09-30",
        "call": "",
        "district": "Bielszowice",
        "address": "ul. Lipowa 12",
        "latitude": "50.2800",
        "longitude": "18.8600",
        "body": streamfield([]),
        "photos": inline_formset([]),
        "municipal_contribution": "40000",
        "social_work_hours": "320",
        "social_work_value": "9600",
        "in_kind_value": "2500",
        "financial_value": "0",
        "residents_involved": "45",
        "partners": "Rada Dzielnicy",
        "settlement_report": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return nested_form_data(data)


def add_initiative(client, municipality, data):
    url = reverse(
        "wagtailadmin_pages:add",
        args=["municipalities", "initiativepage", gallery(municipality).pk],
    )
    return client.post(url, data)


def created():
    return InitiativePage.objects.filter(slug="plac-zabaw-lipowa")


def test_valid_initiative_is_saved_as_its_municipality(editor_a, network):
    photo = ImageFactory(collection=network.a.collection)

    response = add_initiative(
        editor_a, network.a, initiative_form(photos=photo_rows((photo, "Dzieci na huśtawce")))
    )

    assert response.status_code == 302
    initiative = created().get()
    assert initiative.municipality == network.a
    assert initiative.residents_contribution == 12100
    assert [p.alt_text for p in initiative.photos.all()] == ["Dzieci na huśtawce"]


def errors_of(response):
    return {
        field: [str(e) for e in errors] for field, errors in response.context["form"].errors.items()
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"agreement_signed_on": "2025-10-01", "completed_on": "2025-09-30"},
            "completed_on",
            "Realizacja nie mogła się zakończyć przed podpisaniem umowy (01.10.2025).",
        ),
        ({"longitude": ""}, "longitude", "Punkt na mapie wymaga obu współrzędnych."),
        ({"latitude": "91"}, "latitude", None),
        ({"municipal_contribution": "-1"}, "municipal_contribution", "Kwota nie może być ujemna."),
        ({"social_work_hours": "-3"}, "social_work_hours", "Liczba godzin nie może być ujemna."),
    ],
    ids=[
        "finished-before-agreement",
        "half-a-point",
        "latitude-out-of-range",
        "negative-money",
        "negative-hours",
    ],
)
def test_invalid_initiative_gets_a_clear_error_and_keeps_the_input(
    editor_a, network, changes, field, message
):
    response = add_initiative(editor_a, network.a, initiative_form(**changes))

    assert response.status_code == 200
    errors = errors_of(response)
    assert field in errors
    if message:
        assert message in errors[field]
    assert not created().exists()
    assert "Rada Dzielnicy" in response.content.decode()


def test_photo_without_alt_text_is_refused(editor_a, network):
    photo = ImageFactory(collection=network.a.collection)

    response = add_initiative(editor_a, network.a, initiative_form(photos=photo_rows((photo, ""))))

    assert response.status_code == 200
    photos = response.context["form"].formsets["photos"]
    assert "alt_text" in photos.errors[0]
    assert not created().exists()


def test_a_forged_image_of_b_is_refused(editor_a, network):
    other = ImageFactory(collection=network.b.collection)

    response = add_initiative(
        editor_a, network.a, initiative_form(photos=photo_rows((other, "Zdjęcie z Czeladzi")))
    )

    assert response.status_code == 200
    assert "Ten obraz nie należy do kolekcji Twojej gminy." in response.content.decode()
    assert not created().exists()


def test_a_forged_report_of_b_is_refused(editor_a, network):
    other = DocumentFactory(collection=network.b.collection)

    response = add_initiative(editor_a, network.a, initiative_form(settlement_report=str(other.pk)))

    assert response.status_code == 200
    assert (
        "Ten dokument nie należy do kolekcji Twojej gminy."
        in errors_of(response)["settlement_report"]
    )
    assert not created().exists()


def test_b_images_are_not_offered_in_a_chooser(editor_a, network):
    own = ImageFactory(title="Huśtawki A", collection=network.a.collection)
    other = ImageFactory(title="Huśtawki B", collection=network.b.collection)

    html = editor_a.get(reverse("wagtailimages_chooser:choose")).json()["html"]

    assert own.title in html
    assert other.title not in html


@pytest.mark.parametrize("role", ["editor_a", "moderator_a"])
def test_people_of_a_cannot_place_an_initiative_under_b(client, network, role):
    client.force_login(network.users[role])

    response = add_initiative(client, network.b, initiative_form())

    assert response.status_code in (302, 403)
    assert not created().exists()


def test_network_admin_may_use_any_municipality_images(client, network):
    client.force_login(network.users["network_admin"])
    photo = ImageFactory(collection=network.b.collection)

    response = add_initiative(
        client, network.b, initiative_form(photos=photo_rows((photo, "Plac zabaw")))
    )

    assert response.status_code == 302
    assert created().get().municipality == network.b


# Uploads -----------------------------------------------------------------------------------


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#2a7").save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, collection, name, content, content_type):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Zdjęcie placu",
            "collection": str(collection.pk),
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "tags": "",
        },
    )


def test_upload_goes_into_own_collection(editor_a, network):
    response = upload(editor_a, network.a.collection, "plac.png", png_bytes(), "image/png")

    assert response.status_code == 302
    assert get_image_model().objects.get(title="Zdjęcie placu").collection == network.a.collection


def test_upload_aimed_at_b_collection_lands_in_own(editor_a, network):
    """With one permitted collection Wagtail offers no choice: a forged one is ignored."""
    upload(editor_a, network.b.collection, "plac.png", png_bytes(), "image/png")

    image = get_image_model().objects.get(title="Zdjęcie placu")
    assert image.collection == network.a.collection
    assert not get_image_model().objects.filter(collection=network.b.collection).exists()


def test_wrong_type_upload_gets_a_clear_error(editor_a, network):
    response = upload(
        editor_a, network.a.collection, "wniosek.exe", b"MZ\x90\x00 not an image", "image/png"
    )

    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["file"])
    assert "nie jest grafiką" in message or "Nieobsługiwany format" in message
    assert not get_image_model().objects.filter(title="Zdjęcie placu").exists()


def test_oversized_upload_gets_a_clear_error(editor_a, network, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024

    response = upload(
        editor_a, network.a.collection, "duze.png", png_bytes((900, 900)), "image/png"
    )

    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["file"])
    assert "Ten obraz jest za duży" in message and "Maksymalny rozmiar pliku 1,0\xa0KB" in message
    assert not get_image_model().objects.filter(title="Zdjęcie placu").exists()


# Translation ------------------------------------------------------------------------------


def test_initiative_translates_with_wagtail_localize(editor_a, network):
    from portal.translation import ensure_translations

    photo = ImageFactory(collection=network.a.collection)
    add_initiative(
        editor_a, network.a, initiative_form(photos=photo_rows((photo, "Dzieci na huśtawce")))
    )
    created().get().save_revision().publish()

    english, ukrainian = ensure_translations(created().get())

    for translated in (english.specific, ukrainian.specific):
        assert translated.live
        assert translated.municipality == network.a
        assert translated.task_area.key == "sport_tourism"
        assert [p.image_id for p in translated.photos.all()] == [photo.pk]


def test_call_results_link_to_initiatives_in_the_gallery(client, editor_a, network):
    from datetime import date

    from municipalities.factories import CallPageFactory, InitiativePageFactory
    from municipalities.models import CallIndexPage

    call = CallPageFactory(
        parent=CallIndexPage.objects.child_of(network.a.root_page).get(),
        title="Nabór 2024",
        slug="nabor-2024",
        opens_on=None,
        closes_on=date(2024, 4, 30),
        applications_received=25,
        applications_accepted=6,
    )
    InitiativePageFactory(parent=gallery(network.a), title="Ogród przy szkole", call=call)

    html = client.get("/nabory/nabor-2024/", HTTP_HOST="ruda-slaska.localhost").content.decode()

    assert "Zrealizowane inicjatywy z tego naboru" in html
    assert ">Ogród przy szkole</a>" in html
