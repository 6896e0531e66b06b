"""Demo initiatives for ``seed_demo``: labelled, placed, photographed, idempotent.

The plan needs no database, so its promises are checked over all 41 members; what is saved
(images in the owner's collection, links to the owner's calls, idempotence) is checked on
the two municipalities of the shared network.
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

import pytest
from PIL import Image as PILImage

from demo.initiatives import (
    EXAMPLE_SUMMARY,
    SOCIAL_WORK_RATE,
    plan_initiatives,
    seed_demo_initiatives,
)
from demo.seed import seed_demo_content
from municipalities.factories import InitiativePageFactory
from municipalities.models import (
    GalleryPage,
    InitiativePage,
    InitiativePhoto,
    InitiativeStage,
    PhotoRole,
)
from municipalities.onboarding import load_centres, load_records

RECORDS = load_records()
CENTRES = load_centres()
SEED_DAYS = [date(2026, 1, 2), date(2026, 6, 15), date(2026, 11, 26)]


class ResultsCall:
    year = 2025
    results_published_on = date(2025, 5, 20)


# The plan, over the whole network --------------------------------------------------------


def test_every_member_has_an_approximate_centre_within_gzm():
    assert set(CENTRES) == {record.slug for record in RECORDS}
    for latitude, longitude in CENTRES.values():
        assert Decimal("49.9") < latitude < Decimal("50.6")
        assert Decimal("18.3") < longitude < Decimal("19.5")


@pytest.mark.parametrize("day", SEED_DAYS, ids=str)
@pytest.mark.parametrize("call", [None, ResultsCall()], ids=["no-call", "call"])
def test_plans_are_labelled_plausible_and_near_the_municipality(day, call):
    stages, roles = set(), set()
    for record in RECORDS:
        plans = plan_initiatives(record, day, call, CENTRES[record.slug])
        assert 2 <= len(plans) <= 4
        assert len({plan.fields["slug"] for plan in plans}) == len(plans)
        for plan in plans:
            fields = plan.fields
            assert fields["is_example"] is True
            assert fields["summary"].startswith(EXAMPLE_SUMMARY)
            assert len(fields["summary"]) <= 400
            latitude, longitude = CENTRES[record.slug]
            assert abs(fields["latitude"] - latitude) < Decimal("0.03")
            assert abs(fields["longitude"] - longitude) < Decimal("0.03")
            assert fields["agreement_signed_on"] < day
            if fields["completed_on"]:
                assert fields["agreement_signed_on"] <= fields["completed_on"] < day
                assert fields["completed_on"].year == fields["year"]
            else:
                assert fields["stage"] in (
                    InitiativeStage.IN_PROGRESS,
                    InitiativeStage.AGREEMENT_SIGNED,
                )
            assert fields["social_work_value"] == fields["social_work_hours"] * SOCIAL_WORK_RATE
            assert fields["municipal_contribution"] > 0
            assert plan.with_report == (fields["stage"] == InitiativeStage.SETTLED)
            if plan.from_call:
                assert fields["year"] == call.year
            assert 1 <= len(plan.photos) <= 3
            assert all(photo.alt_text.strip() and photo.caption for photo in plan.photos)
            stages.add(fields["stage"])
            roles.update(photo.role for photo in plan.photos)
    assert {InitiativeStage.SETTLED, InitiativeStage.COMPLETED} <= stages
    assert {PhotoRole.BEFORE, PhotoRole.AFTER} <= roles


def test_the_plan_is_the_same_on_every_run():
    record, day = RECORDS[0], SEED_DAYS[0]
    first = plan_initiatives(record, day, None, CENTRES[record.slug])
    again = plan_initiatives(record, day, None, CENTRES[record.slug])
    assert [plan.fields for plan in first] == [plan.fields for plan in again]
    assert first[0].photos[0].image_bytes() == again[0].photos[0].image_bytes()


# What is saved, on the two municipalities of the shared network --------------------------


def gallery_of(municipality):
    return GalleryPage.objects.child_of(municipality.root_page).get()


def initiatives_of(municipality):
    return InitiativePage.objects.child_of(gallery_of(municipality)).specific()


@pytest.fixture
def seeded(network):
    seed_demo_content([network.a, network.b])
    return network


def test_demo_initiatives_are_labelled_published_and_placed(seeded):
    for municipality in (seeded.a, seeded.b):
        initiatives = list(initiatives_of(municipality))
        assert 2 <= len(initiatives) <= 4
        for initiative in initiatives:
            assert initiative.live
            assert initiative.is_example
            assert initiative.summary.startswith(EXAMPLE_SUMMARY)
            assert initiative.municipality_id == municipality.pk
            assert initiative.has_point
            assert initiative.task_area_id
            if initiative.call_id:
                assert initiative.call.municipality_id == municipality.pk
                assert initiative.call.is_example
            if initiative.stage == InitiativeStage.SETTLED:
                assert initiative.settlement_report.collection_id == municipality.collection_id


def test_demo_photos_have_alt_text_and_stay_in_the_owners_collection(seeded):
    for municipality in (seeded.a, seeded.b):
        photos = InitiativePhoto.objects.filter(
            page__in=initiatives_of(municipality)
        ).select_related("image")
        assert photos
        for photo in photos:
            assert photo.alt_text.strip()
            assert photo.caption
            assert photo.image.collection_id == municipality.collection_id
            assert (photo.image.width, photo.image.height) == (1200, 800)
        with photos[0].image.open_file() as handle, PILImage.open(handle) as picture:
            assert picture.format == "JPEG"


def test_demo_links_an_initiative_to_the_municipalitys_call_with_results(seeded):
    today = timezone.localdate()
    for municipality in (seeded.a, seeded.b):
        linked = [item for item in initiatives_of(municipality) if item.call_id]
        for initiative in linked:
            assert initiative.call.results_published_on <= today
            assert initiative.year == initiative.call.year


def snapshot():
    return {
        "pages": sorted(
            Page.objects.type(InitiativePage).values_list("pk", "title", "latest_revision_id")
        ),
        "photos": InitiativePhoto.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_seeding_twice_changes_nothing(seeded):
    before = snapshot()
    assert before["pages"]

    seed_demo_content([seeded.a, seeded.b])

    assert snapshot() == before


def test_a_gallery_that_has_an_initiative_is_left_alone(network):
    own = InitiativePageFactory(parent=gallery_of(network.a), title="Prawdziwa inicjatywa")

    created = seed_demo_initiatives([network.a, network.b])

    assert [item.pk for item in initiatives_of(network.a)] == [own.pk]
    assert created
    assert {item.municipality_id for item in created} == {network.b.pk}
