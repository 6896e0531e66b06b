"""The interface speaks the visitor's language, and no catalogue entry is forgotten.

Polish is the source language of every interface string; English and Ukrainian come from
``locale/<lang>/LC_MESSAGES/django.po``, compiled into the committed ``django.mo`` files.
"""

import ast
import gettext
import importlib
import re
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.views.defaults import server_error

import pytest

NETWORK_HOST = "localhost"
SUBSITE_HOST = "ruda-slaska.localhost"

# Interface text a resident would notice, by language.
UI = {
    "en": {
        "skip_link": '<a class="skip-link" href="#main">Skip to content</a>',
        "footer_contact": '<h2 id="footer-contact">Contact</h2>',
        "footer_links": '<h2 id="footer-links">Information</h2>',
        "menu_label": 'aria-label="Main menu"',
        "menu_network": ">GZM network</a>",
        "cities": "Cities with county rights",
        "county": "County: będziński",
        "not_found": "<h1>Page not found</h1>",
        "empty_calls": "The municipality has not yet announced a call for applications",
    },
    "uk": {
        "skip_link": '<a class="skip-link" href="#main">Перейти до основного вмісту</a>',
        "footer_contact": '<h2 id="footer-contact">Контакти</h2>',
        "footer_links": '<h2 id="footer-links">Інформація</h2>',
        "menu_label": 'aria-label="Головне меню"',
        "menu_network": ">Мережа ГЗМ</a>",
        "cities": "Міста на правах повіту",
        "county": "Повіт będziński",
        "not_found": "<h1>Сторінку не знайдено</h1>",
        "empty_calls": "Громада ще не оголосила на цьому сайті прийом заявок",
    },
}

# Polish interface strings that must not leak into an English or Ukrainian page.
POLISH_UI = [
    "Przejdź do treści",
    ">Kontakt<",
    "Informacje",
    "Menu główne",
    "Sieć GZM",
    "Wybór języka",
    "Miasta na prawach powiatu",
    "Powiat ",
    "Deklaracja dostępności",
    "Biuletyn Informacji Publicznej",
    "Inicjatywa lokalna",
    "Wróć do sieci GZM",
    "Gmina nie",
    "Nie znaleziono strony",
    "Górnośląsko-Zagłębiowska Metropolia<",
]

MUNICIPALITY_PAGES = [
    (SUBSITE_HOST, "/{lang}/"),
    (SUBSITE_HOST, "/{lang}/nabory/"),
    (NETWORK_HOST, "/{lang}/czeladz/"),
]

LANGUAGES = sorted(UI)


def get(client, path, host=NETWORK_HOST):
    return client.get(path, HTTP_HOST=host)


def html_lang(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def assert_no_polish_ui(html):
    leftovers = [text for text in POLISH_UI if text in html]
    assert not leftovers, f"Polish interface text left on the page: {leftovers}"


# Pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_network_home_interface_is_translated(client, network, lang):
    response = get(client, f"/{lang}/")
    html = response.content.decode()
    ui = UI[lang]

    assert response.status_code == 200
    assert html_lang(html) == lang
    for key in ("skip_link", "footer_contact", "footer_links", "cities", "county"):
        assert ui[key] in html, key
    assert html.index(ui["cities"]) < html.index(">Ruda Śląska</a>") < html.index(ui["county"])
    assert_no_polish_ui(html)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("host", "path"), MUNICIPALITY_PAGES, ids=["home", "section", "under-network-host"]
)
def test_municipality_pages_interface_is_translated(client, network, lang, host, path):
    response = get(client, path.format(lang=lang), host=host)
    html = response.content.decode()
    ui = UI[lang]

    assert response.status_code == 200
    assert html_lang(html) == lang
    for key in ("skip_link", "footer_contact", "footer_links", "menu_label", "menu_network"):
        assert ui[key] in html, key
    assert ui["empty_calls"] in html
    assert_no_polish_ui(html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_found_page_is_translated(client, network, lang):
    response = get(client, f"/{lang}/nie-ma/")
    html = response.content.decode()

    assert response.status_code == 404
    assert html_lang(html) == lang
    assert UI[lang]["not_found"] in html
    assert UI[lang]["skip_link"] in html
    assert_no_polish_ui(html)


def test_english_search_page(client, network):
    html = get(client, "/en/szukaj/?q=nabory", host=SUBSITE_HOST).content.decode()

    assert "<h1>Search</h1>" in html
    assert '<label for="search-q">Search term</label>' in html
    assert "Wyszukiwanie" not in html
    assert "Szukana fraza" not in html


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("pl", "Wystąpił błąd serwera"),
        ("en", "A server error occurred"),
        ("uk", "Сталася помилка сервера"),
    ],
)
def test_server_error_page_follows_the_language(rf, lang, heading):
    with translation.override(lang):
        html = server_error(rf.get(f"/{lang}/")).content.decode()

    assert html_lang(html) == lang
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize(
    ("host", "path"),
    [(NETWORK_HOST, "/"), (SUBSITE_HOST, "/"), (SUBSITE_HOST, "/nabory/"), (NETWORK_HOST, "/x/")],
    ids=["network-home", "municipality-home", "section", "not-found"],
)
def test_polish_pages_stay_polish(client, network, host, path):
    html = get(client, path, host=host).content.decode()

    assert html_lang(html) == "pl"
    assert '<a class="skip-link" href="#main">Przejdź do treści</a>' in html
    assert '<h2 id="footer-contact">Kontakt</h2>' in html
    for lang in LANGUAGES:
        for key in ("skip_link", "footer_contact", "footer_links", "menu_label", "county"):
            assert UI[lang][key] not in html, (lang, key)


# Calls for applications -------------------------------------------------------------------

# Interface text of a call, as the English call page and network calls page show it.
CALL_UI_EN = {
    "status": '<span class="visually-hidden">Call status: </span>Open for applications</p>',
    "deadline": "Deadline for applications:",
    "days_left": "Days left: 31",
}
CALL_PAGE_EN = [
    "<dt>Type of call</dt><dd>Call with a deadline</dd>",
    "(the last day for submitting applications)",
    '<h2 id="how-to-apply-heading">How to apply</h2>',
    '<h2 id="criteria-heading">Evaluation criteria for applications</h2>',
    "<td>yes: residents&#x27; social work (voluntary work)</td>",
    '<dt>Total funds</dt><dd class="money">PLN\xa0100,000</dd>',
]
NETWORK_CALLS_EN = [
    '<label for="id_municipality">Municipality</label>',
    '<label for="id_county">County</label>',
    '<label for="id_area">Task area</label>',
    '<label for="id_status">Call status</label>',
    '<option value="">all municipalities</option>',
    "open for applications (including calls closing soon)",
    "<legend>Show calls</legend>",
    '<button type="submit">Show results</button>',
    "Calls found: 1",
]
POLISH_CALL_UI = [
    "Stan naboru",
    "Trwa nabór",
    "Termin składania wniosków",
    "Pozostało dni",
    "Tryb naboru",
    "Jak złożyć wniosek",
    "Kryteria oceny",
    "Pula środków",
    "wszystkie gminy",
    "Pokaż wyniki",
    "Wyczyść filtry",
    "Znalezione nabory",
    "Obszary zadań",
]


@pytest.fixture
def english_call(network):
    """An open call of municipality A, closing in 30 days, with its English translation."""
    from municipalities.factories import CallPageFactory
    from municipalities.models import CallIndexPage
    from portal.models import TaskArea
    from portal.translation import ensure_translations

    today = timezone.localdate()
    call = CallPageFactory(
        parent=CallIndexPage.objects.child_of(network.a.root_page).get(),
        municipality=network.a,
        title="Nabór wniosków 2027",
        slug="nabor-wnioskow-2027",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=30),
        task_areas=[TaskArea.objects.get(key="education")],
    )
    english, _ukrainian = ensure_translations(call)
    return english.specific


def assert_english_call_ui(html, expected):
    assert html_lang(html) == "en"
    missing = [text for text in expected if text not in html]
    assert not missing, f"English interface text missing: {missing}"
    leftovers = [text for text in POLISH_CALL_UI if text in html]
    assert not leftovers, f"Polish interface text left on the page: {leftovers}"
    assert_no_polish_ui(html)


def test_english_call_page_is_translated(client, english_call):
    response = get(client, "/en/nabory/nabor-wnioskow-2027/", host=SUBSITE_HOST)
    html = response.content.decode()

    assert response.status_code == 200
    assert f"<h1>{english_call.title}</h1>" in html  # the English translation of the call
    assert_english_call_ui(html, [*CALL_UI_EN.values(), *CALL_PAGE_EN])


def test_english_network_calls_page_is_translated(client, english_call):
    response = get(client, "/en/nabory/")
    html = response.content.decode()

    assert response.status_code == 200
    assert f">{english_call.title}</a>" in html  # the English translation is listed
    assert_english_call_ui(html, [*CALL_UI_EN.values(), *NETWORK_CALLS_EN])


# Results gallery -------------------------------------------------------------------------

NETWORK_GALLERY_EN = [
    "<legend>Show initiatives</legend>",
    '<label for="id_year">Year of implementation</label>',
    '<option value="">all years</option>',
    '<label for="id_district">District or auxiliary unit</label>',
    '<option value="">all districts</option>',
    '<h2 id="totals-heading">Totals across GZM municipalities</h2>',
    "<dt>Completed initiatives</dt><dd>1</dd>",
    "<dt>Municipalities' contribution</dt>",
    "<dt>Hours of social work (voluntary work)</dt><dd>120</dd>",
    "<dt>Residents involved</dt><dd>15</dd>",
    "Initiatives found: 1",
    "<dt>Year</dt>",
    "<dt>Place</dt><dd>Halemba</dd>",
]
POLISH_GALLERY_UI = [
    "Pokaż inicjatywy",
    "Rok realizacji",
    "wszystkie lata",
    "wszystkie dzielnice",
    "Razem w gminach GZM",
    "Zrealizowane inicjatywy",
    "Wkład gmin",
    "Wkład mieszkańców",
    "Godziny pracy społecznej",
    "Zaangażowani mieszkańcy",
    "Znalezione inicjatywy",
    "Miejsce",
]


def test_english_network_gallery_page_is_translated(client, network):
    from municipalities.factories import InitiativePageFactory
    from municipalities.models import GalleryPage
    from portal.translation import ensure_translations

    initiative = InitiativePageFactory(
        parent=GalleryPage.objects.child_of(network.a.root_page).get(),
        title="Plac zabaw przy szkole",
        district="Halemba",
    )
    ensure_translations(initiative)

    response = get(client, "/en/inicjatywy/")
    html = response.content.decode()

    assert response.status_code == 200
    assert html_lang(html) == "en"
    missing = [text for text in NETWORK_GALLERY_EN if text not in html]
    assert not missing, f"English interface text missing: {missing}"
    leftovers = [text for text in POLISH_GALLERY_UI if text in html]
    assert not leftovers, f"Polish interface text left on the page: {leftovers}"
    assert_no_polish_ui(html)


# Catalogues -------------------------------------------------------------------------------

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
CATALOGUE_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
UK_PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)


def read_po(path):
    """The live entries of a .po file: dicts with msgctxt, msgid, msgid_plural, msgstr, flags.

    ``msgstr`` is a string, or a list of plural forms. Obsolete (``#~``) entries are left out.
    """
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "plural": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(field, int):
                entry["plural"][field] += value
            else:
                entry[field] += value
        else:
            keyword, value = line.split(" ", 1)
            value = ast.literal_eval(value)
            plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if plural:
                field = int(plural.group(1))
                entry["plural"][field] = value
            else:
                field = keyword
                entry[field] = value
    for entry in entries:
        if entry["msgid_plural"] is not None:
            entry["msgstr"] = [entry["plural"][index] for index in sorted(entry["plural"])]
    return entries


def po_path(lang):
    return LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"


def header(entries):
    text = next(entry["msgstr"] for entry in entries if entry["msgid"] == "")
    return dict(line.split(": ", 1) for line in text.strip("\n").split("\n"))


def catalogue_key(entry):
    return entry["msgid"] if entry["msgctxt"] is None else f"{entry['msgctxt']}\x04{entry['msgid']}"


@pytest.mark.parametrize("lang", CATALOGUE_LANGUAGES)
def test_every_catalogue_entry_is_translated(lang):
    entries = read_po(po_path(lang))
    messages = [entry for entry in entries if entry["msgid"]]
    nplurals = int(re.search(r"nplurals=(\d+)", header(entries)["Plural-Forms"]).group(1))

    assert len(messages) > 50
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert not fuzzy, f"fuzzy entries in {lang}: {fuzzy}"
    for entry in messages:
        forms = entry["msgstr"] if isinstance(entry["msgstr"], list) else [entry["msgstr"]]
        if entry["msgid_plural"] is not None:
            assert len(forms) == nplurals, entry["msgid"]
        assert all(form.strip() for form in forms), f"untranslated in {lang}: {entry['msgid']!r}"
        expected = sorted(PLACEHOLDER.findall(entry["msgid"]))
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == expected, (lang, entry["msgid"], form)


def test_catalogue_headers():
    assert header(read_po(po_path("uk")))["Plural-Forms"] == UK_PLURAL_FORMS
    assert header(read_po(po_path("en")))["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    for lang in CATALOGUE_LANGUAGES:
        assert header(read_po(po_path(lang)))["Language"] == lang


@pytest.mark.parametrize("lang", CATALOGUE_LANGUAGES)
def test_compiled_catalogue_matches_its_source(lang):
    """The committed .mo holds exactly what the .po says; rerun compilemessages if not."""
    expected = {}
    for entry in read_po(po_path(lang)):
        if not entry["msgid"]:
            continue
        if entry["msgid_plural"] is None:
            expected[catalogue_key(entry)] = entry["msgstr"]
        else:
            for index, form in enumerate(entry["msgstr"]):
                expected[(catalogue_key(entry), index)] = form

    with po_path(lang).with_suffix(".mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    actual = {key: value for key, value in compiled._catalog.items() if key != ""}

    assert actual == expected


# The Polish override catalogue -------------------------------------------------------------
#
# locale/pl/ holds no portal strings (their msgids are Polish already), only Polish for
# English msgids of installed packages that their own catalogues lack or word badly
# (tests/test_admin_polish.py walks the admin).

PL_PLURAL_FORMS = (
    "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);"
)
OVERRIDDEN_PACKAGES = ["wagtail", "wagtail_localize", "taggit"]


def pl_po_path(domain):
    return LOCALE_DIR / settings.LANGUAGE_CODE / "LC_MESSAGES" / f"{domain}.po"


def package_msgids(domain):
    """Every (msgctxt, msgid) in the English catalogues of the packages overridden."""
    keys = set()
    for name in OVERRIDDEN_PACKAGES:
        root = Path(importlib.import_module(name).__file__).parent
        for path in root.glob(f"**/locale/en/LC_MESSAGES/{domain}.po"):
            keys.update((entry["msgctxt"], entry["msgid"]) for entry in read_po(path))
    return keys


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_polish_overrides_are_for_msgids_of_installed_packages_only(domain):
    entries = [entry for entry in read_po(pl_po_path(domain)) if entry["msgid"]]
    portal_msgids = {entry["msgid"] for entry in read_po(po_path("en"))}
    known = package_msgids(domain)

    assert header(read_po(pl_po_path(domain)))["Plural-Forms"] == PL_PLURAL_FORMS
    unknown = [e["msgid"] for e in entries if (e["msgctxt"], e["msgid"]) not in known]
    assert not unknown, f"not a msgid of {OVERRIDDEN_PACKAGES} (check its spelling): {unknown}"
    own = [entry["msgid"] for entry in entries if entry["msgid"] in portal_msgids]
    assert not own, f"portal strings in the Polish catalogue: {own}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_polish_overrides_are_translated_and_keep_only_known_placeholders(domain):
    """A Polish wording may leave out an inserted value (Wagtail formats with a dict), but
    never ask for one the msgid does not give."""
    for entry in read_po(pl_po_path(domain)):
        if not entry["msgid"]:
            continue
        forms = entry["msgstr"] if isinstance(entry["msgstr"], list) else [entry["msgstr"]]
        if entry["msgid_plural"] is not None:
            assert len(forms) == 3, entry["msgid"]
        assert all(form.strip() for form in forms), f"untranslated: {entry['msgid']!r}"
        given = set(PLACEHOLDER.findall(entry["msgid"] + (entry["msgid_plural"] or "")))
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) <= given, (entry["msgid"], form)


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_polish_overrides_match_their_source(domain):
    path = pl_po_path(domain)
    expected = {}
    for entry in read_po(path):
        if not entry["msgid"]:
            continue
        if entry["msgid_plural"] is None:
            expected[catalogue_key(entry)] = entry["msgstr"]
        else:
            for index, form in enumerate(entry["msgstr"]):
                expected[(catalogue_key(entry), index)] = form

    with path.with_suffix(".mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)

    assert {key: value for key, value in compiled._catalog.items() if key != ""} == expected


def test_the_admin_serves_the_polish_overrides():
    with translation.override("pl"):
        assert translation.gettext("Go to the first error") == "Przejdź do pierwszego błędu"
        assert translation.gettext("Add %(model_name)s") == "Dodaj: %(model_name)s"
