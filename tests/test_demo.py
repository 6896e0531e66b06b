"""Demo content for ``seed_demo``: Ruda Śląska's real pilot and labelled examples.

The plan of the calls needs no database, so the network-wide promises (every status on
every day of the year, every example labelled and valid) are checked over all 41 members
and a year of seed days; what is saved is checked on a few onboarded municipalities.
"""

import io
import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from xml.etree import ElementTree

from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

import pytest
import time_machine

from demo.calls import (
    EXAMPLE_SUMMARY,
    CallPlan,
    plan_calls,
    plural,
    seed_demo_calls,
)
from demo.files import odt_document, pdf_document
from demo.seed import seed_demo_content
from municipalities.models import (
    CallApplication,
    CallCriterion,
    CallDocument,
    CallIndexPage,
    CallPage,
    CallStatus,
    DocumentKind,
    StatutoryCriterion,
)
from municipalities.onboarding import load_records, onboard_municipality, record_for

RECORDS = load_records()
PAST = {CallStatus.CLOSED, CallStatus.RESULTS}
SEED_DAYS = [
    *(date(2026, 1, 1) + timedelta(days=n) for n in range(0, 365, 5)),
    date(2026, 12, 31),
    date(2028, 2, 29),
]


def network_plan(day):
    return [
        (record, plan)
        for position, record in enumerate(RECORDS)
        for plan in plan_calls(record, day, position)
    ]


def unsaved_call(plan: CallPlan):
    """The planned call, not saved; its status is still evaluated by the database (one query
    without a table, see municipalities/calls/status.py), so the tests asking it use the db."""
    return CallPage(**plan.fields)


# The plan, over the whole network and a year of seed days ---------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("day", SEED_DAYS, ids=str)
def test_on_any_seed_day_the_network_has_calls_in_every_state(day):
    plans = network_plan(day)
    statuses = {unsaved_call(plan).status_on(day) for _record, plan in plans}
    current = {
        record.slug: unsaved_call(plan).status_on(day)
        for record, plan in plans
        if plan.fields["slug"].startswith("przyklad-") and record.slug == "ruda-slaska"
    }
    titles = [plan.fields["title"] for _record, plan in plans]

    assert len(set(titles)) == len(titles)  # every card in a list says whose call it is
    assert all(plan.fields["pool_total"] for _record, plan in plans)
    assert current["ruda-slaska"] in {CallStatus.OPEN, CallStatus.CLOSING_SOON}
    addresses = {(record.slug, plan.fields["slug"]) for record, plan in plans}

    assert len(addresses) == len(plans)  # no two calls of a municipality share a slug

    assert CallStatus.OPEN in statuses
    assert CallStatus.CLOSING_SOON in statuses
    assert CallStatus.UPCOMING in statuses
    assert statuses & PAST


@pytest.mark.parametrize("day", [date(2026, 3, 14), date(2026, 12, 20)], ids=str)
def test_every_example_is_labelled_valid_and_weighs_social_work_most(day):
    examples = [(record, plan) for record, plan in network_plan(day) if plan.fields["is_example"]]

    assert len({record.slug for record, _plan in examples}) == 41  # Ruda Śląska's current call
    for _record, plan in examples:
        call = unsaved_call(plan)
        call.clean()  # dates in order, pool parts within the pool
        assert call.is_example
        assert call.title.startswith("Przykład")
        assert call.summary.startswith(EXAMPLE_SUMMARY)
        assert len(call.summary) <= 400
        assert 1 <= len(plan.task_areas) <= 3
        assert call.accepts_social_work

        points = {row.get("statutory", ""): row["max_points"] for row in plan.criteria}
        local = [row["max_points"] for row in plan.criteria if not row.get("statutory")]
        assert set(points) >= {StatutoryCriterion.SOCIAL_WORK, StatutoryCriterion.PURPOSEFULNESS}
        assert 1 <= len(local) <= 2
        social = points[StatutoryCriterion.SOCIAL_WORK]
        assert all(row["max_points"] < social for row in plan.criteria[1:])
        total = sum(row["max_points"] for row in plan.criteria)
        assert 0 < call.pass_threshold <= total
        assert "przyk" in call.epuap_address + call.in_person


def test_only_past_examples_publish_results_and_those_add_up():
    for day in (date(2026, 1, 3), date(2026, 7, 1)):
        for _record, plan in network_plan(day):
            call = unsaved_call(plan)
            if call.results_published_on:
                assert call.results_published_on <= day
                assert call.closes_on < call.results_published_on
                accepted = [row for row in plan.applications if row["decision"] == "accepted"]
                assert len(accepted) == call.applications_accepted
                assert len(plan.applications) <= call.applications_received


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(2026, 9, 30), CallStatus.UPCOMING),
        (date(2026, 10, 1), CallStatus.OPEN),
        (date(2026, 11, 10), CallStatus.CLOSING_SOON),
        (date(2026, 11, 16), CallStatus.CLOSED),
        (date(2027, 1, 20), CallStatus.UPCOMING),
    ],
)
@pytest.mark.django_db
def test_katowice_follows_its_autumn_round_for_the_next_year(day, status):
    current, previous = plan_calls(record_for("katowice"), day)

    assert (current.fields["opens_on"], current.fields["closes_on"]) == (
        date(day.year, 10, 1),
        date(day.year, 11, 15),
    )
    assert current.fields["year"] == day.year + 1
    assert unsaved_call(current).status_on(day) == status
    assert unsaved_call(previous).status_on(day) == CallStatus.RESULTS


def test_polish_plural_of_applications():
    forms = ("wniosek", "wnioski", "wniosków")
    assert [plural(n, *forms) for n in (1, 2, 4, 5, 12, 14, 21, 22, 25)] == [
        "wniosek",
        "wnioski",
        "wnioski",
        "wniosków",
        "wniosków",
        "wniosków",
        "wniosków",
        "wnioski",
        "wniosków",
    ]


# Files ------------------------------------------------------------------------------------


def test_pdf_is_well_formed_with_polish_text():
    data = pdf_document("Przykład — klauzula", ["Zażółć gęślą jaźń (ŁÓDŹ)."])

    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
    assert data[startxref:].startswith(b"xref\n0 9\n")
    offsets = [int(entry) for entry in re.findall(rb"(\d{10}) 00000 n ", data)]
    assert len(offsets) == 8
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj" % number)
    stream = re.search(rb"stream\n(.*)endstream", data, re.S).group(1)
    assert b"/Length %d " % len(stream) in data
    assert b"/aogonek" in data and b"\\(" in stream  # the letters encoded, the brackets escaped


def test_odt_is_a_valid_package_with_the_table():
    data = odt_document("Przykład — lista", ["Popieramy."], table=[["Lp.", "Podpis"], ["1.", ""]])

    archive = zipfile.ZipFile(io.BytesIO(data))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    for name in ("META-INF/manifest.xml", "content.xml", "meta.xml"):
        ElementTree.fromstring(archive.read(name))  # noqa: S314 (our own output) well-formed
    content = archive.read("content.xml").decode()
    assert "Przykład — lista" in content and content.count("<table:table-row>") == 2


# What the seed saves ----------------------------------------------------------------------


def calls_of(municipality):
    index = CallIndexPage.objects.child_of(municipality.root_page).get()
    return list(CallPage.objects.child_of(index).order_by("path"))


def test_ruda_slaska_gets_its_pilot_edition_from_public_facts_only(network):
    seed_demo_content([network.a])

    pilot, current = calls_of(network.a)
    assert pilot.live and not pilot.is_example
    assert pilot.municipality == network.a
    assert pilot.title == "Inicjatywa lokalna 2024 — edycja pilotażowa"
    assert (pilot.year, pilot.opens_on, pilot.closes_on) == (2024, None, date(2024, 4, 30))
    assert (pilot.applications_received, pilot.applications_accepted) == (25, 6)
    assert pilot.pool_total == Decimal(100000)
    assert "ponad 100 000 zł" in pilot.pool_note and "70 000 zł dotacji GZM" in pilot.pool_note
    # No date of the results is public; the counts after the deadline are the results.
    assert pilot.results_published_on is None
    assert pilot.status == CallStatus.RESULTS
    assert "Metropolitalnej Szkole Prototypowania GZM" in pilot.summary
    assert "złożono 25, do realizacji wybrano 6" in pilot.summary  # shown without a results date
    assert "Do uzupełnienia przez redaktorów Urzędu Miasta" in pilot.how_to_apply
    assert "25 wniosków" in pilot.results_note and "6" in pilot.results_note
    # Nothing that is not public: no criteria, areas, documents or decided applications.
    assert not pilot.criteria.exists() and not pilot.task_areas.exists()
    assert not pilot.documents.exists() and not pilot.applications.exists()
    # Nor forms of contribution the public facts do not name.
    assert pilot.contribution_forms == []
    assert "formy wkładu własnego" in pilot.how_to_apply
    # The README's example city also has a call open on the seed day, labelled an example.
    assert current.is_example and current.status in {CallStatus.OPEN, CallStatus.CLOSING_SOON}
    assert current.title.startswith("Przykład — Ruda Śląska: inicjatywa lokalna")


def test_other_municipalities_get_labelled_examples(network):
    seed_demo_content([network.b])

    calls = calls_of(network.b)
    assert len(calls) == 2
    for call in calls:
        assert call.live and call.is_example and call.municipality == network.b
        assert call.title.startswith("Przykład")
        assert call.summary.startswith(EXAMPLE_SUMMARY)
        statutory = set(call.criteria.values_list("statutory", flat=True))
        assert {StatutoryCriterion.SOCIAL_WORK, StatutoryCriterion.PURPOSEFULNESS} <= statutory
        assert not call.social_work_outweighed_by
        assert 1 <= call.task_areas.count() <= 3
        assert call.contacts.exists()


def test_documents_are_real_files_in_the_owning_municipality_collection(network):
    seed_demo_content([network.a, network.b])  # Czeladź took part in the 2023 school

    documents = CallDocument.objects.filter(page__municipality=network.b).select_related("document")
    assert sorted(documents.values_list("kind", flat=True)) == sorted(
        [DocumentKind.APPLICATION_FORM, DocumentKind.SUPPORT_LIST, DocumentKind.GDPR_NOTICE]
    )
    for row in documents:
        document = row.document
        assert document.collection_id == network.b.collection_id
        assert document.title.startswith("Przykład — ")
        assert document.file_size and document.file_hash
        with document.open_file() as handle:
            head = handle.read(4)
        assert head == (b"%PDF" if document.file_extension == "pdf" else b"PK\x03\x04")
    # Ruda Śląska's pilot call is real: no example documents.
    assert not CallDocument.objects.filter(page__slug="inicjatywa-lokalna-2024").exists()


def test_on_the_seed_day_the_network_has_open_closing_upcoming_and_past_calls(network):
    # The kinds of example rotate in the order of the reference data (demo_calls.Timing):
    # Chorzów's round closes soon, Dąbrowa Górnicza's is open, Gliwice's is upcoming.
    slugs = ("chorzow", "dabrowa-gornicza", "gliwice")
    extra = [onboard_municipality(record_for(slug)) for slug in slugs]
    seed_demo_content([network.a, network.b, *extra])

    statuses = {call.status for call in CallPage.objects.live()}
    assert CallStatus.OPEN in statuses
    assert CallStatus.CLOSING_SOON in statuses
    assert CallStatus.UPCOMING in statuses
    assert statuses & PAST


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            CallPage,
            CallCriterion,
            CallDocument,
            CallApplication,
            get_document_model(),
        )
    }


def test_seeding_twice_changes_nothing(network):
    seed_demo_content([network.a, network.b])
    first = snapshot()
    revisions = dict(CallPage.objects.values_list("pk", "latest_revision_id"))

    with time_machine.travel(timezone.now() + timedelta(days=40)):
        seed_demo_content([network.a, network.b])
        seed_demo_calls([network.a, network.b])

    assert snapshot() == first
    assert dict(CallPage.objects.values_list("pk", "latest_revision_id")) == revisions
    assert first["CallPage"] == 4


def test_an_edited_call_list_is_left_alone(network):
    seed_demo_content([network.b])
    kept, removed = calls_of(network.b)
    removed.delete()

    seed_demo_content([network.b])

    assert [call.pk for call in calls_of(network.b)] == [kept.pk]
