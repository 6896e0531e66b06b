"""The pages the law asks of every site: accessibility statement, easy-to-read text, the sign
language slot, the personal-data notice; their reminders, and who may change them."""

from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

import pytest
import time_machine

from municipalities.models import (
    CallContact,
    CallCriterion,
    CallIndexPage,
    CallMode,
    CallPage,
    ContactPage,
    ContactPerson,
)
from portal.models import (
    AccessibilityStatementPage,
    EasyReadPage,
    PrivacyNoticePage,
    SignLanguagePage,
)
from portal.models.legal import (
    AssessmentMethod,
    overdue_review_cutoff,
    review_due_on,
)

pytestmark = pytest.mark.django_db

LEGAL_TYPES = [AccessibilityStatementPage, EasyReadPage, SignLanguagePage, PrivacyNoticePage]

# The element ids the Ministry's template 2.0 asks for, which monitoring tools look up.
REQUIRED_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-aplikacje",
]


class Elements(HTMLParser):
    """Every element's id with its attributes and text."""

    def __init__(self, html):
        super().__init__()
        self.by_id, self._open = {}, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.by_id.setdefault(attrs["id"], {"tag": tag, "attrs": attrs, "text": ""})
        self._open.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for element_id in filter(None, self._open):
            self.by_id[element_id]["text"] += data


def legal_page(municipality, page_type, language="pl"):
    """The page of ``page_type`` on a municipality's site (None: the network's)."""
    if municipality is None:
        return page_type.objects.filter(locale__language_code=language, depth=3).get()
    page = page_type.objects.child_of(municipality.root_page).get()
    return (
        page
        if language == "pl"
        else page.get_translation(Locale.objects.get(language_code=language))
    )


def statement_html(client, host="ruda-slaska.localhost", path="/deklaracja-dostepnosci/"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def add_team_member(municipality, **fields):
    page = ContactPage.objects.child_of(municipality.root_page).get()
    page.people.add(ContactPerson(**fields))
    page.save_revision().publish()
    return ContactPerson.objects.get(page=page, name=fields["name"])


# Created at onboarding --------------------------------------------------------------------


def test_onboarding_gives_every_site_each_legal_page_in_every_language(network):
    for owner in (network.a, network.b, None):
        for page_type in LEGAL_TYPES:
            for language in ("pl", "en", "uk"):
                assert legal_page(owner, page_type, language).live, (owner, page_type, language)


def test_statement_is_prefilled_for_its_own_municipality(network):
    statement = legal_page(network.b, AccessibilityStatementPage)
    assert statement.subject_name == "Czeladź"
    assert statement.published_on and statement.prepared_on and statement.reviewed_on
    assert statement.assessment_method == AssessmentMethod.SELF
    assert statement.inaccessible_items.exists()
    assert legal_page(None, AccessibilityStatementPage).subject_name == (
        "Górnośląsko-Zagłębiowska Metropolia"
    )


@pytest.mark.parametrize(
    ("host", "path"),
    [("ruda-slaska.localhost", "/"), ("localhost", "/"), ("czeladz.localhost", "/nabory/")],
)
def test_footer_links_to_the_site_own_legal_pages(client, network, host, path):
    html = client.get(path, HTTP_HOST=host).content.decode()
    footer = html[html.index("<footer") :]
    for slug, label in [
        ("deklaracja-dostepnosci", "Deklaracja dostępności"),
        ("tekst-latwy-do-czytania", "Tekst łatwy do czytania (ETR)"),
        ("jezyk-migowy", "Informacja w polskim języku migowym (PJM)"),
        ("ochrona-danych", "Ochrona danych osobowych"),
    ]:
        assert f'href="/{slug}/">{label}</a>' in footer, (host, slug)


def test_legal_pages_answer_in_english(client, network):
    for slug in ("deklaracja-dostepnosci", "tekst-latwy-do-czytania", "jezyk-migowy"):
        response = client.get(f"/en/{slug}/", HTTP_HOST="czeladz.localhost")
        assert response.status_code == 200, slug
        assert '<html lang="en"' in response.content.decode()


# The accessibility statement --------------------------------------------------------------


def test_statement_renders_every_required_id(client, network):
    elements = Elements(statement_html(client)).by_id

    missing = [element_id for element_id in REQUIRED_IDS if element_id not in elements]
    assert missing == []
    assert elements["a11y-podmiot"]["text"] == "Ruda Śląska"
    assert elements["a11y-url"]["attrs"]["href"] == network.a.site.root_url + "/"
    assert network.a.site.hostname == "ruda-slaska.localhost"
    today = date.today().isoformat()
    for element_id in ("a11y-data-publikacja", "a11y-data-sporzadzenie", "a11y-data-przeglad"):
        assert elements[element_id]["tag"] == "time"
        assert elements[element_id]["attrs"]["datetime"] == today
    assert elements["a11y-status"]["text"] == "częściowo zgodna"


def test_network_statement_covers_the_network_site(client, network):
    elements = Elements(statement_html(client, host="localhost")).by_id
    assert elements["a11y-podmiot"]["text"] == "Górnośląsko-Zagłębiowska Metropolia"
    assert elements["a11y-url"]["attrs"]["href"] == network.home.get_site().root_url + "/"


def test_statement_names_the_team_member_from_the_contact_page(client, network):
    add_team_member(
        network.a,
        name="Anna Nowak",
        email="anna.nowak@example.org",
        phone="32 000 00 00",
        accessibility="Wejście bez progów, winda.",
    )
    elements = Elements(statement_html(client)).by_id
    assert elements["a11y-osoba"]["text"] == "Anna Nowak"
    assert elements["a11y-email"]["attrs"]["href"] == "mailto:anna.nowak@example.org"
    assert elements["a11y-telefon"]["text"] == "32 000 00 00"
    html = statement_html(client)
    assert "Wejście bez progów, winda." in html[html.index('id="a11y-architektura"') :]
    # B's statement does not borrow A's team.
    b_elements = Elements(statement_html(client, host="czeladz.localhost")).by_id
    assert "Anna Nowak" not in b_elements["a11y-osoba"]["text"]


def test_statement_own_contact_and_external_audit_win(client, network):
    statement = legal_page(network.a, AccessibilityStatementPage)
    statement.contact_person = "Jan Kowalski"
    statement.assessment_method = AssessmentMethod.EXTERNAL
    statement.auditor = "Fundacja Przykładowa"
    statement.burden_assessment_url = "https://bip.example.org/analiza"
    statement.compliance_status = "full"
    statement.save_revision().publish()

    elements = Elements(statement_html(client)).by_id
    assert elements["a11y-osoba"]["text"] == "Jan Kowalski"
    assert elements["a11y-audytor"]["text"] == "Fundacja Przykładowa"
    assert elements["a11y-ocena"]["attrs"]["href"] == "https://bip.example.org/analiza"
    assert elements["a11y-status"]["text"] == "zgodna"


def test_statement_procedure_states_the_statutory_terms(client, network):
    html = statement_html(client)
    procedure = html[html.index('id="a11y-procedura"') : html.index('id="a11y-architektura"')]
    assert "7 dni" in procedure
    assert "2 miesiące" in procedure
    assert "Rzecznika Praw Obywatelskich" in procedure
    assert 'href="https://bip.brpo.gov.pl/"' in procedure


def test_statement_in_english_is_translated(client, network):
    html = statement_html(client, path="/en/deklaracja-dostepnosci/")
    assert "Feedback and contact information" in html
    assert Elements(html).by_id["a11y-status"]["text"] == "partially compliant"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"published_on": date(2026, 5, 1), "updated_on": date(2026, 4, 1)}, "updated_on"),
        ({"prepared_on": date(2026, 5, 1), "reviewed_on": date(2026, 4, 1)}, "reviewed_on"),
        ({"assessment_method": AssessmentMethod.EXTERNAL, "auditor": ""}, "auditor"),
    ],
)
def test_statement_refuses_contradictions(network, changes, field):
    statement = legal_page(network.a, AccessibilityStatementPage)
    for name, value in changes.items():
        setattr(statement, name, value)
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert field in error.value.message_dict


# Yearly review (by 31 March) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("reviewed", "due"),
    [
        (date(2025, 3, 31), date(2026, 3, 31)),
        (date(2025, 4, 1), date(2027, 3, 31)),
        (date(2025, 12, 1), date(2027, 3, 31)),
        (date(2026, 1, 15), date(2027, 3, 31)),
    ],
)
def test_next_review_is_due_by_31_march(reviewed, due):
    assert review_due_on(reviewed) == due


@pytest.mark.parametrize(
    ("today", "reviewed", "overdue"),
    [
        (date(2026, 3, 31), date(2025, 3, 31), False),  # the deadline day itself is in time
        (date(2026, 4, 1), date(2025, 3, 31), True),
        (date(2026, 4, 1), date(2025, 4, 1), False),
        (date(2026, 11, 26), date(2025, 3, 30), True),
        (date(2026, 11, 26), date(2025, 6, 1), False),
        (date(2027, 4, 1), date(2025, 6, 1), True),
    ],
)
def test_overdue_after_the_deadline_only(today, reviewed, overdue):
    assert (reviewed <= overdue_review_cutoff(today)) is overdue
    assert (review_due_on(reviewed) < today) is overdue


def make_outdated(municipality):
    statement = legal_page(municipality, AccessibilityStatementPage)
    statement.prepared_on = statement.reviewed_on = date(2024, 5, 2)
    statement.save_revision().publish()
    return statement


def dashboard(client, network, role):
    client.force_login(network.users[role])
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_outdated_statement_reminds_its_municipality_and_gzm(client, network):
    statement = make_outdated(network.a)
    edit_url = reverse("wagtailadmin_pages:edit", args=[statement.pk])

    own = dashboard(client, network, "editor_a")
    assert 'data-reminder="overdue"' in own
    assert edit_url in own
    assert "2026-03-31" in own  # when the review was due

    gzm = dashboard(client, network, "network_admin")
    assert edit_url in gzm
    assert "Ruda Śląska: Deklaracja dostępności" in gzm

    other = dashboard(client, network, "editor_b")
    assert edit_url not in other
    assert 'data-reminder="overdue"' not in other


@time_machine.travel("2026-11-26 10:00 +0100", tick=False)
def test_reviewed_statement_leaves_the_dashboard(client, network):
    statement = make_outdated(network.a)
    statement.reviewed_on = date(2026, 11, 26)
    statement.save_revision().publish()

    assert 'data-reminder="overdue"' not in dashboard(client, network, "editor_a")
    assert 'data-reminder="overdue"' not in dashboard(client, network, "network_admin")


def test_missing_data_protection_officer_is_a_reminder(client, network):
    html = dashboard(client, network, "editor_b")
    assert 'data-reminder="incomplete"' in html
    assert "kontakt do inspektora ochrony danych" in html

    notice = legal_page(network.b, PrivacyNoticePage)
    notice.dpo_contact = "iod@czeladz.example.org"
    notice.save_revision().publish()
    assert "kontakt do inspektora ochrony danych" not in dashboard(client, network, "editor_b")


# Easy to read, sign language --------------------------------------------------------------


def test_easy_read_page_speaks_of_its_municipality(client, network):
    html = client.get("/tekst-latwy-do-czytania/", HTTP_HOST="czeladz.localhost").content.decode()
    assert "w gminie Czeladź" in html
    assert 'href="/jezyk-migowy/"' in html


def video(collection, name):
    return get_document_model().objects.create(
        title=name, collection=collection, file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name=name)
    )


def test_sign_language_page_waits_for_its_video_then_plays_it(client, network):
    html = client.get("/jezyk-migowy/", HTTP_HOST="czeladz.localhost").content.decode()
    assert "Film jest w przygotowaniu" in html
    assert "<video" not in html

    page = legal_page(network.b, SignLanguagePage)
    page.video = video(network.b.collection, "pjm.mp4")
    page.full_clean()
    page.save_revision().publish()
    html = client.get("/jezyk-migowy/", HTTP_HOST="czeladz.localhost").content.decode()
    assert '<source src="' in html
    assert 'type="video/mp4"' in html
    assert "Film jest w przygotowaniu" not in html


def test_sign_language_video_must_be_a_video(network):
    page = legal_page(network.b, SignLanguagePage)
    page.video = video(network.b.collection, "pjm.pdf")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["video"] == ["Film musi być plikiem MP4 albo WebM."]


# Personal data notice ---------------------------------------------------------------------


def make_call(municipality):
    call = CallPage(
        title="Nabór 2027",
        summary="Zgłoś pomysł dla swojej okolicy.",
        slug="nabor-2027",
        mode=CallMode.ROUND,
        year=2027,
        opens_on=date(2026, 10, 1),
        closes_on=date(2026, 12, 15),
        pool_total=Decimal("100000"),
    )
    call.criteria.add(CallCriterion(name="Praca społeczna", max_points=20, statutory="social_work"))
    CallIndexPage.objects.child_of(municipality.root_page).get().add_child(instance=call)
    call.save_revision().publish()
    return CallPage.objects.get(pk=call.pk)


def test_call_shows_the_notice_of_its_own_municipality(client, network):
    notice = legal_page(network.b, PrivacyNoticePage)
    notice.dpo_contact = "iod@czeladz.example.org"
    notice.save_revision().publish()
    make_call(network.b)

    html = client.get("/nabory/nabor-2027/", HTTP_HOST="czeladz.localhost").content.decode()
    summary = html[html.index('id="privacy"') :]
    assert "gminy Czeladź" in summary
    assert "iod@czeladz.example.org" in summary
    assert 'href="/ochrona-danych/"' in summary
    assert "Ruda Śląska" not in summary


def test_privacy_notice_names_the_complaint_to_uodo(client, network):
    html = client.get("/ochrona-danych/", HTTP_HOST="ruda-slaska.localhost").content.decode()
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in html
    assert 'href="https://uodo.gov.pl/"' in html
    assert "gminy Ruda Śląska" in html


# Calls name people of the team ------------------------------------------------------------


def test_call_shows_a_team_member_as_on_the_contact_page(client, network):
    person = add_team_member(
        network.a, name="Anna Nowak", role="Koordynatorka", office_hours="wt. 10:00–14:00"
    )
    call = make_call(network.a)
    call.contacts.add(CallContact(person=person))
    call.save_revision().publish()

    html = client.get("/nabory/nabor-2027/", HTTP_HOST="ruda-slaska.localhost").content.decode()
    contacts = html[html.index('id="contacts"') :]
    assert "Anna Nowak" in contacts
    assert "wt. 10:00–14:00" in contacts


def test_a_call_contact_needs_a_person_or_a_name(network):
    with pytest.raises(ValidationError):
        CallContact(page=make_call(network.a)).full_clean()


def contact_person_field(network, municipality, user):
    call = make_call(municipality)
    form_class = CallPage.get_edit_handler().get_form_class()
    form = form_class(instance=call, parent_page=call.get_parent(), for_user=user)
    return form.formsets["contacts"].empty_form.fields["person"]


def test_call_form_offers_only_the_own_team(network):
    own = add_team_member(network.a, name="Anna Nowak")
    foreign = add_team_member(network.b, name="Beata Wiśniewska")

    field = contact_person_field(network, network.a, network.users["editor_a"])

    assert list(field.queryset) == [own]
    with pytest.raises(ValidationError):
        field.clean(str(foreign.pk))  # an id of B's team sent by hand
    assert field.clean(str(own.pk)) == own


def test_call_editor_page_does_not_show_the_other_team(client, network):
    add_team_member(network.b, name="Beata Wiśniewska")
    call = make_call(network.a)
    client.force_login(network.users["editor_a"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[call.pk])).content.decode()
    assert "Beata Wiśniewska" not in html


# Isolation --------------------------------------------------------------------------------

ISOLATED_TYPES = [ContactPage, *LEGAL_TYPES]


@pytest.mark.parametrize("page_type", ISOLATED_TYPES, ids=lambda model: model.__name__)
@pytest.mark.parametrize("role", ["editor_a", "moderator_a"])
def test_people_of_a_cannot_edit_the_legal_pages_of_b(client, network, role, page_type):
    page = page_type.objects.child_of(network.b.root_page).get()
    revisions = page.revisions.count()
    client.force_login(network.users[role])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    shown = client.get(url)
    posted = client.post(url, {"title": "Od A", "slug": page.slug})

    for response in (shown, posted):
        assert response.status_code in (302, 403, 404)
    page = Page.objects.get(pk=page.pk)
    assert page.revisions.count() == revisions
    assert page.title != "Od A"


@pytest.mark.parametrize("page_type", ISOLATED_TYPES, ids=lambda model: model.__name__)
def test_own_people_open_their_legal_pages(client, network, page_type):
    page = page_type.objects.child_of(network.a.root_page).get()
    client.force_login(network.users["editor_a"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("page_type", LEGAL_TYPES, ids=lambda model: model.__name__)
def test_municipal_people_cannot_edit_the_network_legal_pages(client, network, page_type):
    page = legal_page(None, page_type)
    client.force_login(network.users["moderator_a"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code in (302, 403, 404)


def test_demo_dates_back_a_few_statements_once(network):
    from demo.content import age_some_statements
    from portal.legal_review import overdue_statements

    age_some_statements([network.a, network.b])
    overdue = {reminder.site_name for reminder in overdue_statements()}
    assert {"Ruda Śląska", "Czeladź"} <= overdue

    statement = legal_page(network.a, AccessibilityStatementPage)
    statement.reviewed_on = date.today()
    statement.save_revision().publish()
    age_some_statements([network.a, network.b])  # an edited statement is left alone
    assert legal_page(network.a, AccessibilityStatementPage).reviewed_on == date.today()


def test_statement_falls_back_to_the_footer_contact(client, network):
    from portal.models import SiteContactSettings

    footer = SiteContactSettings.for_site(network.b.site)
    footer.email, footer.phone = "urzad@czeladz.example.org", "32 111 11 11"
    footer.save()
    elements = Elements(statement_html(client, host="czeladz.localhost")).by_id
    assert elements["a11y-email"]["attrs"]["href"] == "mailto:urzad@czeladz.example.org"
    assert elements["a11y-telefon"]["text"] == "32 111 11 11"


def test_onboarding_names_the_office_on_the_contact_page(network):
    assert ContactPage.objects.child_of(network.a.root_page).get().office_name == (
        "Urząd Miasta Ruda Śląska"
    )


def test_an_empty_contact_team_is_a_reminder_until_filled(client, network):
    html = dashboard(client, network, "editor_a")
    assert "zespół inicjatywy lokalnej (osoby do kontaktu)" in html

    add_team_member(network.a, name="Anna Nowak")
    page = ContactPage.objects.child_of(network.a.root_page).get()
    page.epuap_address = "/umruda/skrytka"
    page.save_revision().publish()
    html = dashboard(client, network, "editor_a")
    assert "zespół inicjatywy lokalnej (osoby do kontaktu)" not in html
    assert "adres skrytki ePUAP lub adres urzędu" not in html
