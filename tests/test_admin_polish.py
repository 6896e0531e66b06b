"""The admin speaks Polish to a municipality's people: no English left on the screens they use.

Wagtail's and wagtail-localize's Polish catalogues miss some strings and word others so that
an inserted name does not agree with the sentence ("Dodaj gmina"); the project's overrides
are in ``locale/pl/`` (docs/translations.md). These tests walk the screens a municipality's
editor and moderator, GZM's network admin and someone signing in work on, and look for
English in what they are shown.
"""

import re
from html.parser import HTMLParser

from django.test import Client
from django.urls import reverse

from wagtail.models import Locale

import pytest

from municipalities import dashboard_views
from municipalities.models import CallPage, ContactPage, GalleryPage
from portal.models import TaskArea

from .test_calls import call_form, call_index, make_call

pytestmark = pytest.mark.django_db

# Frequent English words of an admin interface, matched as whole words. None of them is a
# Polish word ("to", "a", "on", "do", "no", "by", "go", "list" and "order" are, so they are
# not here). "None" is not here either: Wagtail renders a Python None in places.
ENGLISH_WORDS = """
the of and or is are was has have been be this that with your you not for from into it
its there here will can could should would must any all more less new add edit delete
save saved saving cancel search password username page pages error errors submit
publish published unpublish preview history settings account image images document
documents upload choose select close open actions view draft sort items item show hide
toggle unlock lock locked help dashboard reports workflow translate translation
translations locale language loading comments comment required optional name title date
user users log sign back next previous first last move copy results filter filters
created updated deleted changes keyboard shortcuts minimap checks readability schedule
scheduled anyone owner yes explore subpage subpages child parent revision current
latest compare author grid layout usage count collection tags file size type field
fields
"""
ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH_WORDS.split()) + r")\b", re.IGNORECASE)

# Names and marks that are the same in Polish.
ALLOWED = re.compile(r"Wagtail Localize|Wagtail|GZM|ePUAP|BIP|GitHub|TERC|SEO|URL|English")

# Left as Wagtail writes it: the visually hidden submit button of the dashboard's search
# form, hard-coded in wagtailadmin/home.html (in no catalogue; overriding the whole
# template for it would tie the portal to that file's every change).
KNOWN_LITERALS = {"Search"}

# Attributes whose values are shown (or read out) to the person at the screen.
SHOWN_ATTRIBUTES = {
    "title",
    "aria-label",
    "aria-description",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
    "data-w-progress-active-value",
    "data-w-clipboard-copied-value",
}
BUTTON_INPUTS = {"submit", "button", "reset"}


class ShownText(HTMLParser):
    """The text of a page as a person sees or hears it: text outside scripts and styles, and
    the attributes above (a button's ``value`` too)."""

    HIDDEN = {"script", "style", "textarea"}  # a textarea holds what was typed, not the UI

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self.hidden += 1
        for name, value in attrs.items():
            if value and name in SHOWN_ATTRIBUTES:
                self.pieces.append(value)
        if tag == "input" and attrs.get("type") in BUTTON_INPUTS and attrs.get("value"):
            self.pieces.append(attrs["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in self.HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.pieces.append(data)


def shown_text(html):
    parser = ShownText()
    parser.feed(html)
    return [" ".join(piece.split()) for piece in parser.pieces]


def english_on(html):
    """The pieces of shown text with an English word in them."""
    found = []
    for piece in shown_text(html):
        if piece in KNOWN_LITERALS or piece in found:
            continue
        if ENGLISH.search(ALLOWED.sub(" ", piece)):
            found.append(piece)
    return found


def assert_polish(response, screen):
    assert response.status_code == 200, (screen, response.status_code)
    english = english_on(response.content.decode())
    assert not english, f"English on {screen}: " + " | ".join(english)


def test_the_detector_finds_english_in_text_and_in_what_is_read_out():
    html = """
        <h1>Nabory wniosków</h1>
        <p>Zapisano zmiany na stronie „Nabór 2027”. Kontakt: Wagtail, GZM.</p>
        <button aria-label="Delete">Usuń</button>
        <input type="submit" value="Save draft">
        <span title="Sort by title">Tytuł</span>
        <p>1-7 of 7 strony</p>
        <textarea>Our own text, typed in English</textarea>
        <script>var label = "Add a page";</script>
    """

    assert english_on(html) == ["Delete", "Save draft", "Sort by title", "1-7 of 7 strony"]


# Screens ----------------------------------------------------------------------------------


@pytest.fixture
def call(network):
    return make_call(network.a)


def section(network, page_type):
    return page_type.objects.child_of(network.a.root_page).get()


def editor_screens(network, call):
    home = network.a.site.root_page_id
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[home]),
        "calls explorer": reverse("wagtailadmin_explore", args=[call_index(network.a).pk]),
        "call edit form": reverse("wagtailadmin_pages:edit", args=[call.pk]),
        "call create form": reverse(
            "wagtailadmin_pages:add",
            args=["municipalities", "callpage", call_index(network.a).pk],
        ),
        "initiative create form": reverse(
            "wagtailadmin_pages:add",
            args=["municipalities", "initiativepage", section(network, GalleryPage).pk],
        ),
        "contact page edit form": reverse(
            "wagtailadmin_pages:edit", args=[section(network, ContactPage).pk]
        ),
        "municipality home edit form": reverse("wagtailadmin_pages:edit", args=[home]),
        "call history": reverse("wagtailadmin_pages:history", args=[call.pk]),
        "page search": reverse("wagtailadmin_pages:search") + "?q=nab%C3%B3r",
        "images": reverse("wagtailimages:index"),
        "image upload": reverse("wagtailimages:add_multiple"),
        "documents": reverse("wagtaildocs:index"),
        "document upload": reverse("wagtaildocs:add_multiple"),
        "account": reverse("wagtailadmin_account"),
        "workflow history": reverse("wagtailadmin_pages:workflow_history", args=[call.pk]),
        "translate call": reverse("wagtail_localize:submit_page_translation", args=[call.pk]),
    }


def walk(client, screens, who):
    """Open every screen; fail naming each screen with English on it, and what it says."""
    failures = []
    for screen, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, (screen, url, response.status_code)
        html = response.content.decode()
        if response["Content-Type"].startswith("application/json"):  # a modal's HTML
            html = response.json()["html"]
        english = english_on(html)
        if english:
            failures.append(f"{screen} ({url}): " + " | ".join(english))
    assert not failures, f"English on the {who}'s screens:\n" + "\n".join(failures)


def test_editor_screens_are_in_polish(editor_a, network, call):
    walk(editor_a, editor_screens(network, call), "editor")


def test_the_submit_button_names_the_workflow_in_good_polish(editor_a, network, call):
    html = editor_a.get(reverse("wagtailadmin_pages:edit", args=[call.pk])).content.decode()

    assert "Wyślij do procesu „Akceptacja treści — Ruda Śląska”" in html
    assert "Wyślij do Akceptacja" not in html


def test_the_add_buttons_of_a_calls_rows_decline_what_they_add(editor_a, network, call):
    """Wagtail's "Dodaj %(label)s" takes the panel's label as it stands: the labels are words
    whose accusative is their nominative."""
    html = editor_a.get(reverse("wagtailadmin_pages:edit", args=[call.pk])).content.decode()
    buttons = set(re.findall(r"Dodaj [^<\n]+", html))

    assert {"Dodaj kryterium", "Dodaj dokument", "Dodaj kontakt", "Dodaj wniosek"} <= buttons
    assert "Dodaj osoba" not in html


def submit_new_call(client, network):
    url = reverse(
        "wagtailadmin_pages:add", args=["municipalities", "callpage", call_index(network.a).pk]
    )
    return client.post(url, {**call_form(), "action-submit": "action-submit"}, follow=True)


def test_a_call_submitted_for_approval_is_reported_in_polish(editor_a, network):
    response = submit_new_call(editor_a, network)

    assert_polish(response, "the explorer after submitting a call")
    assert CallPage.objects.get(slug="nabor-2027").workflow_in_progress


def test_moderator_screens_are_in_polish(editor_a, network):
    submit_new_call(editor_a, network)
    call = CallPage.objects.get(slug="nabor-2027")
    workflow_state = call.current_workflow_state
    task_state = workflow_state.current_task_state
    moderator = editor_a  # the same client, signed in again as A's moderator
    moderator.force_login(network.users["moderator_a"])

    walk(
        moderator,
        {
            "dashboard": reverse("wagtailadmin_home"),
            "call edit form": reverse("wagtailadmin_pages:edit", args=[call.pk]),
            "workflow history": reverse(
                "wagtailadmin_pages:workflow_history_detail", args=[call.pk, workflow_state.pk]
            ),
            "approve dialog": reverse(
                "wagtailadmin_pages:workflow_action", args=[call.pk, "approve", task_state.pk]
            ),
            "team": reverse("municipality_team_own"),
        },
        "moderator",
    )

    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[call.pk, "approve", task_state.pk]
    )
    approved = moderator.post(approve, {"comment": ""}, follow=True)
    assert_polish(approved, "the moderator's screen after approving the call")
    assert CallPage.objects.get(pk=call.pk).live


def test_network_admin_screens_are_in_polish(client, network):
    client.force_login(network.users["network_admin"])

    walk(
        client,
        {
            "dashboard": reverse("wagtailadmin_home"),
            "municipalities": reverse("wagtailsnippets_municipalities_municipality:list"),
            "municipality edit form": reverse(
                "wagtailsnippets_municipalities_municipality:edit", args=[network.a.pk]
            ),
            "municipality onboarding form": reverse(
                "wagtailsnippets_municipalities_municipality:add"
            ),
            "task areas": reverse("wagtailsnippets_portal_taskarea:list"),
            "users": reverse("wagtailusers_users:index"),
            "user form": reverse("wagtailusers_users:add"),
            "network dashboard": reverse(dashboard_views.URL_NAME),
            "handbooks": reverse("handbooks_admin:index"),
            "search terms": reverse("portal_search_terms"),
            "workflows": reverse("wagtailadmin_workflows:index"),
        },
        "network admin",
    )


def test_a_saved_snippet_is_reported_in_polish(client, network):
    client.force_login(network.users["network_admin"])
    area = TaskArea.objects.get(key="education")
    fields = "key statute_ref sort_order name_pl name_en name_uk description_pl description_en"
    data = {name: getattr(area, name) for name in fields.split()}
    url = reverse("wagtailsnippets_portal_taskarea:edit", args=[area.pk])

    response = client.post(url, data, follow=True)

    assert_polish(response, "the task areas after saving one")
    message = f"Obszar zadań publicznych „{area}”: zapisano zmiany."
    assert message in response.content.decode()


def test_snippet_add_buttons_name_the_thing_in_the_accusative(client, network):
    client.force_login(network.users["network_admin"])

    municipalities = client.get(reverse("wagtailsnippets_municipalities_municipality:list"))
    task_areas = client.get(reverse("wagtailsnippets_portal_taskarea:list"))

    assert "Dodaj gminę" in municipalities.content.decode()
    assert "Dodaj obszar zadań publicznych" in task_areas.content.decode()


def test_sign_in_screens_are_in_polish(network):
    anonymous = Client()
    login = reverse("wagtailadmin_login")

    walk(
        anonymous,
        {"sign-in": login, "password reset": reverse("wagtailadmin_password_reset")},
        "visitor",
    )
    refused = anonymous.post(login, {"username": "redaktor-a", "password": "nie-to-haslo"})
    assert_polish(refused, "the sign-in form with a wrong password")
    html = refused.content.decode()
    assert "Hasło" in html
    assert "Nieprawidłowa nazwa użytkownika lub hasło." in html


def test_the_javascript_catalogue_has_the_polish_overrides(editor_a):
    catalogue = editor_a.get(reverse("wagtailadmin_javascript_catalog")).content.decode()

    assert "Zmiany zapisa\\u0142y si\\u0119 automatycznie." in catalogue or (
        "Zmiany zapisały się automatycznie." in catalogue
    )


def test_submitting_a_call_for_translation_is_reported_in_polish(editor_a, network, call):
    url = reverse("wagtail_localize:submit_page_translation", args=[call.pk])
    locales = [locale.pk for locale in Locale.objects.exclude(language_code="pl")]
    response = editor_a.post(url, {"locales": locales}, follow=True)

    assert_polish(response, "the explorer after submitting a call for translation")
    html = response.content.decode()
    assert (
        "Strona „Nabór wniosków 2027” została przekazana do tłumaczenia (liczba języków: 2)."
        in html
    )


def test_validation_errors_are_reported_in_polish(editor_a, network):
    url = reverse(
        "wagtailadmin_pages:add", args=["municipalities", "callpage", call_index(network.a).pk]
    )
    response = editor_a.post(url, call_form(title=""))

    assert_polish(response, "the call create form with errors")
    html = response.content.decode()
    assert "Nie udało się utworzyć strony: formularz zawiera błędy." in html
    assert "Przejdź do pierwszego błędu" in html
    assert not CallPage.objects.filter(slug="nabor-2027").exists()
