"""Calls for applications: status over time, editors' validation, warnings and isolation."""

from datetime import date
from decimal import Decimal

from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest
import time_machine
from wagtail_factories import DocumentFactory

from municipalities.models import (
    CallCriterion,
    CallIndexPage,
    CallMode,
    CallPage,
    CallStatus,
    StatutoryCriterion,
)
from portal.models import TaskArea

pytestmark = pytest.mark.django_db


def call_index(municipality):
    return CallIndexPage.objects.child_of(municipality.root_page).get()


def make_call(municipality, **fields):
    values = {
        "title": "Nabór wniosków 2027",
        "slug": "nabor-wnioskow-2027",
        "summary": "Zgłoś pomysł na zadanie dla swojej dzielnicy.",
        "mode": CallMode.ROUND,
        "year": 2027,
        "opens_on": date(2026, 10, 1),
        "closes_on": date(2026, 11, 15),
        "pool_total": Decimal("150000"),
    }
    values.update(fields)
    call = CallPage(**values)
    call.criteria.add(
        CallCriterion(name="Wkład pracy społecznej", max_points=20, statutory="social_work")
    )
    call_index(municipality).add_child(instance=call)
    call.save_revision().publish()
    return CallPage.objects.get(pk=call.pk)


# Status -----------------------------------------------------------------------------------

STATUS_OVER_TIME = [
    ("2026-09-30", CallStatus.UPCOMING, None),
    ("2026-10-01", CallStatus.OPEN, 46),
    ("2026-10-31", CallStatus.OPEN, 16),
    ("2026-11-01", CallStatus.CLOSING_SOON, 15),  # 14 days before the deadline
    ("2026-11-15", CallStatus.CLOSING_SOON, 1),  # the closing day still counts
    ("2026-11-16", CallStatus.CLOSED, None),
]


@pytest.mark.parametrize(("day", "status", "days_left"), STATUS_OVER_TIME)
def test_round_status_follows_the_calendar(network, day, status, days_left):
    call = make_call(network.a)

    with time_machine.travel(date.fromisoformat(day), tick=False):
        assert call.status == status
        assert call.days_left_today == days_left


def test_results_published_on_a_day_change_the_status(network):
    call = make_call(network.a, results_published_on=date(2027, 1, 20))

    with time_machine.travel(date(2027, 1, 19), tick=False):
        assert call.status == CallStatus.CLOSED
    with time_machine.travel(date(2027, 1, 20), tick=False):
        assert call.status == CallStatus.RESULTS


def test_continuous_call_without_deadline_stays_open(network):
    call = make_call(network.a, mode=CallMode.CONTINUOUS, opens_on=date(2026, 1, 1), closes_on=None)

    with time_machine.travel(date(2026, 12, 31), tick=False):
        assert call.status == CallStatus.OPEN
        assert call.days_left_today is None


def test_status_is_shown_as_text_on_the_call_page(client, network):
    make_call(network.a)

    with time_machine.travel(date(2026, 11, 10), tick=False):
        html = client.get("/nabory/nabor-wnioskow-2027/", HTTP_HOST="ruda-slaska.localhost")

    assert str(CallStatus.CLOSING_SOON.label).lower() in html.content.decode().lower()


def test_a_call_knows_whose_it_is(network):
    call = make_call(network.b)

    assert call.municipality == network.b


# Validation in the editor -----------------------------------------------------------------


def criteria_rows(*rows):
    return inline_formset(
        [
            {"name": name, "max_points": points, "statutory": statutory, "description": ""}
            for name, points, statutory in rows
        ]
    )


def call_form(**changes):
    data = {
        "title": "Nabór 2027",
        "slug": "nabor-2027",
        "summary": "Krótki opis naboru.",
        "is_example": "",
        "mode": CallMode.ROUND,
        "year": "2027",
        "opens_on": "2026-10-01",
        "closes_on": "2026-11-15",
        "pool_total": "100000",
        "pool_investment": "",
        "pool_soft": "",
        "pool_remaining": "",
        "pool_note": "",
        "accepts_social_work": "on",
        "accepts_in_kind": "on",
        "accepts_financial": "",
        "resolution_number": "XII/123/2026",
        "resolution_date": "2026-03-26",
        "resolution_bip_url": "",
        "resolution_journal_url": "",
        "criteria": criteria_rows(
            ("Wkład pracy społecznej", 20, StatutoryCriterion.SOCIAL_WORK),
            ("Celowość zadania", 10, StatutoryCriterion.PURPOSEFULNESS),
        ),
        "pass_threshold": "15",
        "epuap_address": "/um/skrytka",
        "in_person": "",
        "by_post": "",
        "online_url": "",
        "how_to_apply": rich_text(""),
        "documents": inline_formset([]),
        "contacts": inline_formset([]),
        "applications_received": "",
        "applications_accepted": "",
        "results_published_on": "",
        "results_note": rich_text(""),
        "applications": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    task_areas = changes.pop("task_areas", [str(TaskArea.objects.get(key="education").pk)])
    data.update(changes)
    form_data = nested_form_data(data)
    form_data["task_areas"] = task_areas  # a multiple choice: one value per area
    return form_data


def add_call(client, municipality, data, publish=False):
    url = reverse(
        "wagtailadmin_pages:add", args=["municipalities", "callpage", call_index(municipality).pk]
    )
    if publish:
        data = {**data, "action-publish": "action-publish"}
    return client.post(url, data)


def test_valid_call_is_saved(editor_a, network):
    response = add_call(editor_a, network.a, call_form())

    assert response.status_code == 302
    call = CallPage.objects.get(slug="nabor-2027")
    assert call.municipality == network.a
    assert [c.name for c in call.criteria.all()] == ["Wkład pracy społecznej", "Celowość zadania"]


def form_errors(response):
    form = response.context["form"]
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"opens_on": "2026-11-20", "closes_on": "2026-11-15"},
            "closes_on",
            "Koniec naboru nie może przypadać przed jego początkiem (20.11.2026).",
        ),
        ({"closes_on": ""}, "closes_on", "Nabór z terminem musi mieć datę zakończenia."),
        ({"pool_total": "-5"}, "pool_total", "Kwota nie może być ujemna."),
        ({"pool_remaining": "-1"}, "pool_remaining", "Kwota nie może być ujemna."),
        (
            {"pool_investment": "80000", "pool_soft": "30000"},
            "pool_soft",
            "Suma środków na zadania inwestycyjne i „miękkie” przekracza całą pulę.",
        ),
        (
            {"pool_remaining": "100001"},
            "pool_remaining",
            "Pozostała kwota nie może być większa niż cała pula.",
        ),
        (
            {"pass_threshold": "31"},
            "pass_threshold",
            "Próg nie może przekraczać sumy punktów za wszystkie kryteria (30).",
        ),
        (
            {"slug": "kalendarz"},
            "slug",
            "Ten adres jest zajęty przez kalendarz lub kanał naborów.",
        ),
        (
            {"applications_received": "5", "applications_accepted": "6"},
            "applications_accepted",
            "Przyjętych wniosków nie może być więcej niż złożonych.",
        ),
    ],
    ids=[
        "closing-before-opening",
        "round-without-deadline",
        "negative-pool",
        "negative-remaining",
        "split-over-pool",
        "remaining-over-pool",
        "threshold-over-total",
        "slug-of-a-feed",
        "accepted-over-received",
    ],
)
def test_invalid_call_gets_a_clear_error_and_keeps_the_input(
    editor_a, network, changes, field, message
):
    response = add_call(editor_a, network.a, call_form(**changes))

    assert response.status_code == 200
    assert message in form_errors(response)[field]
    assert not CallPage.objects.filter(slug="nabor-2027").exists()
    html = response.content.decode()
    assert 'value="Krótki opis naboru."' in html or "Krótki opis naboru." in html
    assert "XII/123/2026" in html  # nothing the editor typed is lost


def test_call_without_social_work_criterion_is_refused(editor_a, network):
    data = call_form(criteria=criteria_rows(("Celowość zadania", 10, "purposefulness")))

    response = add_call(editor_a, network.a, data)

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any("wkład pracy społecznej mieszkańców" in str(error) for error in errors)
    assert "Celowość zadania" in response.content.decode()
    assert not CallPage.objects.filter(slug="nabor-2027").exists()


def test_deleting_the_social_work_criterion_counts_as_omitting_it(editor_a, network):
    rows = [
        {
            "name": "Wkład pracy społecznej",
            "max_points": 20,
            "statutory": "social_work",
            "description": "",
            "DELETE": "on",
        },
        {
            "name": "Celowość zadania",
            "max_points": 10,
            "statutory": "purposefulness",
            "description": "",
        },
    ]

    response = add_call(editor_a, network.a, call_form(criteria=inline_formset(rows)))

    assert response.status_code == 200
    assert not CallPage.objects.filter(slug="nabor-2027").exists()


def test_outweighing_social_work_saves_with_a_warning(editor_a, network):
    data = call_form(
        criteria=criteria_rows(
            ("Wkład pracy społecznej", 10, "social_work"),
            ("Liczba mieszkańców korzystających", 25, ""),
        )
    )

    response = add_call(editor_a, network.a, data)

    assert response.status_code == 302
    assert CallPage.objects.filter(slug="nabor-2027").exists()
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("Liczba mieszkańców korzystających" in warning for warning in warnings)


def test_balanced_criteria_give_no_warning(editor_a, network):
    response = add_call(editor_a, network.a, call_form())

    warnings = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == []


# Isolation --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor_a", "moderator_a"])
def test_people_of_a_cannot_add_a_call_under_b(client, network, role):
    client.force_login(network.users[role])

    response = add_call(client, network.b, call_form(), publish=True)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert not CallPage.objects.filter(slug="nabor-2027").exists()


def test_b_documents_are_not_offered_in_a_chooser(editor_a, network):
    own = DocumentFactory(title="Formularz A", collection=network.a.collection)
    other = DocumentFactory(title="Formularz B", collection=network.b.collection)

    html = editor_a.get(reverse("wagtaildocs_chooser:choose")).content.decode()

    assert own.title in html
    assert other.title not in html


def test_a_forged_b_document_is_refused_on_the_call(editor_a, network):
    other = DocumentFactory(title="Formularz B", collection=network.b.collection)
    documents = inline_formset([{"document": str(other.pk), "kind": "application_form"}])

    response = add_call(editor_a, network.a, call_form(documents=documents))

    assert response.status_code == 200
    assert "Ten dokument nie należy do kolekcji Twojej gminy." in response.content.decode()
    assert not CallPage.objects.filter(slug="nabor-2027").exists()


def test_own_document_is_accepted_on_the_call(editor_a, network):
    own = DocumentFactory(title="Formularz A", collection=network.a.collection)
    documents = inline_formset([{"document": str(own.pk), "kind": "application_form"}])

    response = add_call(editor_a, network.a, call_form(documents=documents))

    assert response.status_code == 302
    call = CallPage.objects.get(slug="nabor-2027")
    assert [d.document for d in call.documents.all()] == [own]


# Translation ------------------------------------------------------------------------------


def test_call_translates_with_wagtail_localize(network):
    from portal.translation import ensure_translations

    call = make_call(network.a)
    call.task_areas.set(TaskArea.objects.filter(key__in=["education", "nature"]))
    call.save_revision().publish()

    english, ukrainian = ensure_translations(CallPage.objects.get(pk=call.pk))

    for translated in (english.specific, ukrainian.specific):
        assert translated.live
        assert translated.municipality == network.a
        assert {a.key for a in translated.task_areas.all()} == {"education", "nature"}
        assert [c.name for c in translated.criteria.all()] == ["Wkład pracy społecznej"]
        assert translated.closes_on == call.closes_on


def test_an_incomplete_criterion_row_is_pointed_at_not_blamed_on_social_work(editor_a, network):
    rows = [
        {
            "name": "Wkład pracy społecznej",
            "max_points": "",
            "statutory": "social_work",
            "description": "",
        },
    ]

    response = add_call(editor_a, network.a, call_form(criteria=inline_formset(rows)))

    assert response.status_code == 200
    criteria = response.context["form"].formsets["criteria"]
    assert "max_points" in criteria.errors[0]
    assert not response.context["form"].non_field_errors()


def test_a_closed_round_with_a_count_of_accepted_applications_shows_results(network):
    call = make_call(network.a, applications_received=25, applications_accepted=6)

    with time_machine.travel(date(2026, 11, 15), tick=False):
        assert call.status == CallStatus.CLOSING_SOON
    with time_machine.travel(date(2026, 11, 16), tick=False):
        assert call.status == CallStatus.RESULTS


@pytest.mark.parametrize(
    ("role", "allowed"), [("editor_a", False), ("moderator_a", False), ("network_admin", True)]
)
def test_only_gzm_manages_the_task_area_taxonomy(client, network, role, allowed):
    client.force_login(network.users[role])
    area = TaskArea.objects.get(key="education")

    listing = client.get(reverse("wagtailsnippets_portal_taskarea:list"))
    edit = client.post(
        reverse("wagtailsnippets_portal_taskarea:edit", args=[area.pk]),
        {
            "key": "education",
            "statute_ref": "x",
            "sort_order": 0,
            "name_pl": "Zmienione",
            "name_en": "",
            "name_uk": "",
            "description_pl": "x",
            "description_en": "",
        },
    )

    assert (listing.status_code == 200) is allowed
    assert (TaskArea.objects.get(pk=area.pk).name_pl == "Zmienione") is allowed
    assert edit.status_code in (302, 403)
