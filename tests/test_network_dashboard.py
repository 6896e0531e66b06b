"""The network dashboard (/admin/siec/): GZM's table of every municipality, its figures,
sorting, county filter and downloads; a municipality's people see their own row only."""

import csv
import io
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest
from openpyxl import load_workbook

from municipalities.calls.models import CallPage
from municipalities.dashboard_views import URL_NAME
from municipalities.factories import (
    CallPageFactory,
    InitiativePageFactory,
    MunicipalityRecordFactory,
)
from municipalities.models import CallIndexPage, GalleryPage
from municipalities.network_dashboard import network_rows
from municipalities.onboarding import onboard_municipality
from portal.factories import UserFactory
from portal.models import AccessibilityStatementPage

from .conftest import log_in_as

pytestmark = pytest.mark.django_db


def dashboard(client, **params):
    return client.get(reverse(URL_NAME), params)


def add_calls(municipality, opening_in_days, count=1):
    today = timezone.localdate()
    parent = CallIndexPage.objects.child_of(municipality.root_page).get()
    return [
        CallPageFactory(
            parent=parent,
            municipality=municipality,
            opens_on=today + timedelta(days=opening_in_days),
            closes_on=today + timedelta(days=opening_in_days + 30),
        )
        for _ in range(count)
    ]


def add_initiatives(municipality, count=1):
    parent = GalleryPage.objects.child_of(municipality.root_page).get()
    return [InitiativePageFactory(parent=parent) for _ in range(count)]


def row_of(rows, municipality):
    return next(row for row in rows if row.municipality.pk == municipality.pk).values


def table_names(response):
    return [row["municipality"].name for row in response.context["rows"]]


def test_figures_of_calls_initiatives_people_moderation_and_statement(network):
    add_calls(network.a, opening_in_days=-5, count=2)  # open
    add_calls(network.a, opening_in_days=10)  # upcoming
    add_initiatives(network.a, count=3)
    home = network.a.root_page.specific
    statement = AccessibilityStatementPage.objects.child_of(home).get()
    statement.prepared_on = timezone.localdate() - timedelta(days=20)
    statement.reviewed_on = timezone.localdate() - timedelta(days=10)
    statement.save_revision().publish()
    home.title = "Ruda Śląska — szkic"
    revision = home.save_revision(user=network.users["editor_a"], log_action=True)
    network.a.workflow.start(home, network.users["editor_a"])

    _columns, rows = network_rows([network.a, network.b])
    a, b = row_of(rows, network.a), row_of(rows, network.b)

    assert (a["open_calls"], a["upcoming_calls"], a["initiatives"]) == (2, 1, 3)
    assert (b["open_calls"], b["upcoming_calls"], b["initiatives"]) == (0, 0, 0)
    assert (a["editors"], a["moderators"]) == (1, 1)
    assert a["in_moderation"] == 1
    assert b["in_moderation"] == 0
    latest = PageLogEntry.objects.filter(page=home).latest("timestamp", "pk")
    assert latest.user == network.users["editor_a"]
    assert a["last_change_by"] == latest.user_display_name
    assert a["last_change_at"] >= revision.created_at - timedelta(seconds=1)
    assert a["statement_reviewed_on"] == statement.reviewed_on
    assert a["statement_overdue"] is False
    assert a["county"] == "miasto na prawach powiatu"


def test_untranslated_pages_count_live_polish_pages_without_live_translations(network):
    before = row_of(network_rows([network.a])[1], network.a)["untranslated"]
    add_calls(network.a, opening_in_days=-1)  # Polish only

    after = row_of(network_rows([network.a])[1], network.a)["untranslated"]

    assert after == before + 1


def test_handbook_variant_columns(network, variant_b):
    _columns, rows = network_rows([network.a, network.b])

    assert row_of(rows, network.b)["handbook_variants"] == 1
    assert row_of(rows, network.b)["handbook_chapters_behind"] == 1
    assert row_of(rows, network.a)["handbook_variants"] == 0


def test_network_admin_sees_every_member_sorted_by_name_in_polish_order(client, network):
    onboard_municipality(MunicipalityRecordFactory(name="Świętochłowice Testowe", county="x"))
    onboard_municipality(MunicipalityRecordFactory(name="Sosnowiec Testowy", county="x"))
    log_in_as(client, network, "network_admin")

    response = dashboard(client)

    assert response.status_code == 200
    names = table_names(response)
    assert names.index("Czeladź") < names.index("Ruda Śląska")
    assert names.index("Sosnowiec Testowy") < names.index("Świętochłowice Testowe")
    html = response.content.decode()
    assert "<caption" in html
    assert 'scope="row"' in html
    assert 'aria-sort="ascending"' in html


def test_sorting_by_a_column_and_reversing_it(client, network):
    add_calls(network.b, opening_in_days=-3, count=2)
    add_calls(network.a, opening_in_days=-3)
    log_in_as(client, network, "network_admin")

    descending = dashboard(client, ordering="-open_calls")
    ascending = dashboard(client, ordering="open_calls")

    assert table_names(descending)[:2] == ["Czeladź", "Ruda Śląska"]
    assert table_names(ascending).index("Ruda Śląska") < table_names(ascending).index("Czeladź")
    header = next(h for h in descending.context["headers"] if h["column"].key == "open_calls")
    assert header["aria_sort"] == "descending"
    assert "ordering=open_calls" in header["url"]


def test_county_filter_keeps_its_municipalities(client, network):
    log_in_as(client, network, "network_admin")

    response = dashboard(client, county="będziński")

    assert table_names(response) == ["Czeladź"]
    assert "będziński" in response.context["counties"]


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_downloads_carry_the_table_with_its_filter_and_sort(client, network):
    add_calls(network.b, opening_in_days=-3, count=2)
    onboard_municipality(MunicipalityRecordFactory(name="Będzin Testowy", county="będziński"))
    log_in_as(client, network, "network_admin")
    params = {"county": "będziński", "ordering": "-open_calls"}

    table = dashboard(client, **params)
    csv_rows = read_csv(dashboard(client, export="csv", **params))
    xlsx_rows = read_xlsx(dashboard(client, export="xlsx", **params))

    headings = [str(h["column"].heading) for h in table.context["headers"]]
    names = table_names(table)
    assert names == ["Czeladź", "Będzin Testowy"]
    assert csv_rows[0] == headings
    assert list(xlsx_rows[0]) == headings
    assert [row[0] for row in csv_rows[1:]] == names
    assert [row[0] for row in xlsx_rows[1:]] == names
    open_column = headings.index("Trwające nabory")
    assert [row[open_column] for row in csv_rows[1:]] == ["2", "0"]
    assert [row[open_column] for row in xlsx_rows[1:]] == [2, 0]
    shown = [[str(cell) for cell in row["cells"]] for row in table.context["rows"]]
    numbers = [i for i, h in enumerate(table.context["headers"]) if h["column"].kind == "number"]
    assert [[row[i] for i in numbers] for row in csv_rows[1:]] == [
        [row[i] for i in numbers] for row in shown
    ]


def test_downloads_do_not_run_formulas_typed_into_the_admin(client, network):
    network.b.county = '=HYPERLINK("http://example.org")'
    network.b.save()
    log_in_as(client, network, "network_admin")

    csv_rows = read_csv(dashboard(client, export="csv"))
    workbook = load_workbook(io.BytesIO(dashboard(client, export="xlsx").content))

    czeladz = next(row for row in csv_rows if row[0] == "Czeladź")
    assert czeladz[1] == '\'=HYPERLINK("http://example.org")'
    cells = [row[1] for row in workbook.active.iter_rows() if row[0].value == "Czeladź"]
    assert cells[0].data_type == "s"
    assert cells[0].value == '=HYPERLINK("http://example.org")'


@pytest.mark.parametrize("role", ["editor_a", "moderator_a"])
def test_a_municipality_sees_only_its_own_row(client, network, role):
    log_in_as(client, network, role)

    response = dashboard(client)
    csv_rows = read_csv(dashboard(client, export="csv"))
    xlsx_rows = read_xlsx(dashboard(client, export="xlsx", county="będziński"))

    assert table_names(response) == ["Ruda Śląska"]
    assert "Czeladź" not in response.content.decode()
    assert [row[0] for row in csv_rows[1:]] == ["Ruda Śląska"]
    assert len(xlsx_rows) == 2  # another city's county is no filter for them
    assert response.context["counties"] == ["miasto na prawach powiatu"]


def test_menu_shows_the_dashboard_to_the_network_and_to_municipalities(client, network):
    url = reverse(URL_NAME)
    log_in_as(client, network, "editor_a")
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(UserFactory(username="bez-gminy", groups=[]))
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_no_dashboard_for_anonymous_or_for_someone_without_a_municipality(client, network):
    anonymous = dashboard(client)
    anonymous_csv = dashboard(client, export="csv")
    assert anonymous.status_code == anonymous_csv.status_code == 302
    assert anonymous.url.startswith(reverse("wagtailadmin_login"))

    outsider = UserFactory(username="bez-gminy")
    outsider.user_permissions.add(*_admin_access())
    client.force_login(outsider)
    refused = dashboard(client, export="csv")
    assert refused.status_code == 302
    assert refused.url == reverse("wagtailadmin_home")


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")


def count_dashboard_queries(client):
    dashboard(client)
    with CaptureQueriesContext(connection) as queries:
        response = dashboard(client)
    assert response.status_code == 200
    return len(queries)


def test_queries_stay_flat_as_the_network_and_its_calls_grow(client, network):
    add_calls(network.a, opening_in_days=-2)
    log_in_as(client, network, "network_admin")
    with_two = count_dashboard_queries(client)

    for _ in range(3):
        municipality = onboard_municipality(MunicipalityRecordFactory())
        add_calls(municipality, opening_in_days=-2, count=2)
        add_initiatives(municipality)
    add_calls(network.b, opening_in_days=5, count=3)

    assert CallPage.objects.count() >= 10
    assert count_dashboard_queries(client) == with_two


@pytest.mark.parametrize(("language", "heading"), [("en", "Open calls"), ("uk", "Поточні набори")])
def test_dashboard_follows_the_admin_language(client, network, language, heading):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(network.users["editor_a"])
    profile.preferred_language = language
    profile.save()
    log_in_as(client, network, "editor_a")

    html = dashboard(client).content.decode()

    assert heading in html
    assert "Trwające nabory" not in html
