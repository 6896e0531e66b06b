"""Calls for the demo network: Ruda Śląska's real pilot edition and labelled examples elsewhere.

Planning is kept apart from saving: ``plan_calls`` turns a municipality and the seed day into
plain field values (no database needed, so tests can check a whole year of seed days), and
``seed_demo_calls`` saves them with the same factories the tests use. Example dates are
relative to the seed day and the kind of call rotates through the network, so on any day
some calls are open, some close within 14 days, some are upcoming and some are over.

Idempotent: a municipality whose call list already holds a call is left alone.
"""

import csv
import random
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum

from django.db import transaction
from django.utils import timezone

import factory.random

from municipalities.factories import CallCriterionFactory, CallPageFactory
from municipalities.models import (
    ApplicationDecision,
    CallApplication,
    CallContact,
    CallDocument,
    CallIndexPage,
    CallMode,
    CallPage,
    DocumentKind,
    StatutoryCriterion,
)
from municipalities.models.municipality import office_name
from municipalities.models.pages import team_of
from municipalities.onboarding import load_records
from portal.factories import DocumentFactory
from portal.models import TaskArea
from portal.taxonomy import DATA_FILE as TASK_AREAS_FILE

from .files import odt_document, pdf_document

DEMO_SEED = "gzm-inicjatywa-lokalna-demo"
EXAMPLE_TITLE = "Przykład"
EXAMPLE_SUMMARY = "Przykładowy nabór — treść demonstracyjna."
EXAMPLE_NOTE = "Treść przykładowa, demonstracyjna"

PILOT_MUNICIPALITY = "ruda-slaska"
# The one documented calendar: Katowice takes applications 1 Oct–15 Nov for the next year.
AUTUMN_ROUND_MUNICIPALITY = "katowice"
AUTUMN_ROUND = ((10, 1), (11, 15))


class Timing(Enum):
    """Where an example's current call stands on the seed day."""

    CONTINUOUS = "continuous"  # all year, until the money runs out
    CLOSING_SOON = "closing_soon"  # a round with 2–12 days left
    OPEN_ROUND = "open_round"  # a round with three weeks or more left
    UPCOMING = "upcoming"  # a round opening within a month
    JUST_CLOSED = "just_closed"  # a round closed in the last weeks, results pending


@dataclass
class CallPlan:
    """Everything one demo call needs, as plain values."""

    fields: dict
    task_areas: list = field(default_factory=list)
    criteria: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    with_documents: bool = False


# Ruda Śląska, 2024: only what has been made public; the city's editors complete the rest.

PILOT_FIELDS = {
    "title": "Inicjatywa lokalna 2024 — edycja pilotażowa",
    "slug": "inicjatywa-lokalna-2024",
    "summary": (
        "Pilotażowa edycja inicjatywy lokalnej w Rudzie Śląskiej, według modelu wypracowanego "
        "w 2023 r. w Metropolitalnej Szkole Prototypowania GZM. Wnioski przyjmowano do "
        "30 kwietnia 2024 r.; złożono 25, do realizacji wybrano 6. Podajemy tylko fakty znane "
        "publicznie; pozostałe informacje uzupełnią redaktorzy miasta."
    ),
    "is_example": False,
    "mode": CallMode.ROUND,
    "year": 2024,
    "opens_on": None,
    "closes_on": date(2024, 4, 30),
    "pool_total": Decimal(100000),
    "pool_note": "ponad 100 000 zł, w tym 70 000 zł dotacji GZM",
    # The public facts name no forms of contribution: the city's editors tick them.
    "accepts_social_work": False,
    "accepts_in_kind": False,
    "accepts_financial": False,
    "pass_threshold": None,
    "applications_received": 25,
    "applications_accepted": 6,
    "results_published_on": None,
    "how_to_apply": (
        "<p>Co wiadomo o edycji pilotażowej: model procesu przygotowała w 2023 r. "
        "Metropolitalna Szkoła Prototypowania GZM; w 2024 r. Ruda Śląska przeprowadziła według "
        "niego pierwszy nabór, z terminem składania wniosków 30 kwietnia 2024 r.; na zadania "
        "przeznaczono ponad 100 000 zł, w tym 70 000 zł dotacji GZM; złożono 25 wniosków, "
        "a do realizacji wybrano 6.</p>"
        "<p>Do uzupełnienia przez redaktorów Urzędu Miasta Ruda Śląska: data rozpoczęcia "
        "naboru, obszary zadań, formy wkładu własnego, kryteria oceny z punktacją i progiem, "
        "sposób składania wniosków, dokumenty do pobrania oraz osoby do kontaktu.</p>"
    ),
    "results_note": (
        "<p>Złożono 25 wniosków; do realizacji wybrano 6. Listę wybranych zadań i datę "
        "ogłoszenia wyników uzupełnią redaktorzy Urzędu Miasta Ruda Śląska.</p>"
    ),
}

# Examples ------------------------------------------------------------------------------

POOL_RANGES = {  # thousands of złoty, by kind of municipality
    "city_county": (150, 400),
    "urban": (60, 160),
    "urban_rural": (50, 120),
    "rural": (30, 100),
}
LOCAL_CRITERIA = [
    ("Wkład rzeczowy i finansowy mieszkańców", "Wartość zadeklarowanych świadczeń."),
    ("Trwałość efektów zadania", "Czy efekty posłużą mieszkańcom przez kolejne lata."),
    ("Dostępność efektów dla wszystkich mieszkańców", "Czy z efektów skorzysta każdy."),
    ("Liczba osób, którym zadanie posłuży", "Szacunek wnioskodawców, sprawdzony przez urząd."),
    ("Koszt zadania dla gminy w stosunku do korzyści", "Udział gminy a zasięg zadania."),
]
EXAMPLE_TASKS = [
    "Ogród społeczny przy szkole podstawowej",
    "Remont ławek i nasadzenia na skwerze",
    "Festyn sąsiedzki z warsztatami dla dzieci",
    "Mural na ścianie budynku przy placu zabaw",
    "Nasadzenia drzew wzdłuż osiedlowej alei",
    "Budki lęgowe i łąka kwietna w parku",
    "Siłownia plenerowa przy boisku",
    "Warsztaty cyfrowe dla seniorów",
    "Odnowienie kapliczki i tablicy historycznej",
    "Biblioteczka sąsiedzka na przystanku",
]
EXAMPLE_APPLICANTS = ["grupa mieszkańców", "stowarzyszenie mieszkańców", "rada rodziców"]
ROMAN = ["X", "XI", "XII", "XIV", "XVIII", "XXI", "XXV", "XXX", "XLI", "LII"]


def task_area_keys():
    with open(TASK_AREAS_FILE, encoding="utf-8", newline="") as handle:
        return [row["key"] for row in csv.DictReader(handle)]


def _round_to(amount, step):
    return (amount / step).quantize(Decimal(1)) * step


def plural(number, one, few, many):
    """The Polish noun form for a count: 1 wniosek, 2 wnioski, 5 wniosków, 22 wnioski."""
    if number == 1:
        return one
    if number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14):
        return few
    return many


def timing_for(slug, position=None):
    """The example's timing: a rotation over the reference data's order, stable per slug."""
    position = zlib.crc32(slug.encode()) if position is None else position
    timings = list(Timing)
    return timings[position % len(timings)]


def plan_calls(municipality, day, position=None):
    """The calls to create for ``municipality`` (a Municipality or a reference record)."""
    rng = random.Random(f"{DEMO_SEED}:{municipality.slug}")  # noqa: S311 (example data)
    if municipality.slug == PILOT_MUNICIPALITY:
        # The README's example city: its real pilot, and a labelled example open on any day.
        current = _current_dates(Timing.OPEN_ROUND, rng, day)
        return [
            CallPlan(fields=dict(PILOT_FIELDS)),
            _example(municipality, rng, day, *current, current=True),
        ]
    if municipality.slug == AUTUMN_ROUND_MUNICIPALITY:
        return [
            _example(municipality, rng, day, *_autumn_round(day.year), current=True),
            _example(municipality, rng, day, *_autumn_round(day.year - 1), current=False),
        ]
    timing = timing_for(municipality.slug, position)
    return [
        _example(municipality, rng, day, *_current_dates(timing, rng, day), current=True),
        _example(municipality, rng, day, *_previous_dates(timing, rng, day), current=False),
    ]


def _autumn_round(year):
    (open_month, open_day), (close_month, close_day) = AUTUMN_ROUND
    return (
        CallMode.ROUND,
        date(year, open_month, open_day),
        date(year, close_month, close_day),
        year + 1,
    )


def _task_year(closes_on):
    """A round closing in the autumn is for the next year's tasks, as in Katowice."""
    return closes_on.year + 1 if closes_on.month >= 9 else closes_on.year


def _current_dates(timing, rng, day):
    """(mode, opens_on, closes_on, year) of this year's call."""
    if timing is Timing.CONTINUOUS:
        closes_on = rng.choice([None, date(day.year, 12, 31)])
        return CallMode.CONTINUOUS, date(day.year, 1, 1), closes_on, day.year
    if timing is Timing.CLOSING_SOON:
        closes_on = day + timedelta(days=rng.randint(2, 12))
        opens_on = closes_on - timedelta(days=rng.randint(30, 60))
    elif timing is Timing.OPEN_ROUND:
        opens_on = day - timedelta(days=rng.randint(3, 20))
        closes_on = day + timedelta(days=rng.randint(21, 60))
    elif timing is Timing.UPCOMING:
        opens_on = day + timedelta(days=rng.randint(4, 30))
        closes_on = opens_on + timedelta(days=rng.randint(30, 45))
    else:  # just closed
        closes_on = day - timedelta(days=rng.randint(2, 25))
        opens_on = closes_on - timedelta(days=rng.randint(30, 45))
    return CallMode.ROUND, opens_on, closes_on, max(day.year, _task_year(closes_on))


def _previous_dates(timing, rng, day):
    """(mode, opens_on, closes_on, year) of last year's call, wholly within last year."""
    year = day.year - 1
    if timing is Timing.CONTINUOUS:
        return CallMode.CONTINUOUS, date(year, 1, 1), date(year, 12, 31), year
    closes_on = date(year, rng.randint(3, 8), rng.randint(1, 28))
    return CallMode.ROUND, closes_on - timedelta(days=rng.randint(30, 60)), closes_on, year


def _office(municipality):
    return office_name(municipality.gmina_type, municipality.name)


def _summary(municipality, mode, closes_on, year):
    if mode == CallMode.CONTINUOUS:
        text = f"Wnioski na zadania w {year} r. przyjmowane przez cały rok, do wyczerpania środków."
    else:
        text = f"Termin składania wniosków: {closes_on:%d.%m.%Y} r. Zadania realizowane w {year} r."
    if municipality.slug == AUTUMN_ROUND_MUNICIPALITY:
        text += (
            " Terminy jak w Katowicach: wnioski od 1 października do 15 listopada, "
            "na zadania w następnym roku."
        )
    return f"{EXAMPLE_SUMMARY} {text}"


def _criteria(rng):
    social = rng.choice([30, 35, 40])
    criteria = [
        {
            "name": "Wkład pracy społecznej mieszkańców",
            "max_points": social,
            "statutory": StatutoryCriterion.SOCIAL_WORK,
            "description": "Liczba osób i godzin pracy, które zadeklarowali mieszkańcy.",
        },
        {
            "name": "Celowość zadania z punktu widzenia potrzeb społeczności lokalnej",
            "max_points": social - rng.choice([5, 10, 15]),
            "statutory": StatutoryCriterion.PURPOSEFULNESS,
            "description": "Ocena organu wykonawczego gminy (art. 19d ustawy).",
        },
    ]
    for name, description in rng.sample(LOCAL_CRITERIA, rng.randint(1, 2)):
        criteria.append(
            {"name": name, "max_points": rng.choice([10, 15]), "description": description}
        )
    return criteria


def _results(rng, closes_on, threshold, pool_total, day):
    """Counts, a note and the decided applications, once the results are out."""
    published_on = closes_on + timedelta(days=rng.randint(21, 45))
    if published_on > day:
        return {}, []
    received = rng.randint(5, 24)
    accepted = rng.randint(2, min(7, received - 1))
    rejected = min(rng.randint(1, 2), received - accepted)
    tasks = rng.sample(EXAMPLE_TASKS, accepted + rejected)
    share = _round_to(pool_total / accepted * Decimal("0.8"), 500)
    applications = [
        {
            "title": task,
            "applicant": f"{rng.choice(EXAMPLE_APPLICANTS)} (przykład)",
            "decision": ApplicationDecision.ACCEPTED,
            "points": Decimal(threshold + rng.randint(0, 20)),
            "municipal_contribution": share,
        }
        for task in tasks[:accepted]
    ] + [
        {
            "title": task,
            "applicant": f"{rng.choice(EXAMPLE_APPLICANTS)} (przykład)",
            "decision": ApplicationDecision.REJECTED,
            "points": Decimal(threshold - rng.randint(1, 10)),
            "note": "Poniżej progu punktowego.",
        }
        for task in tasks[accepted:]
    ]
    fields = {
        "applications_received": received,
        "applications_accepted": accepted,
        "results_published_on": published_on,
        "results_note": (
            f"<p><b>{EXAMPLE_NOTE}.</b> Złożono {received} "
            f"{plural(received, 'wniosek', 'wnioski', 'wniosków')}; do realizacji przyjęto "
            f"{accepted}. Poniżej przykładowe rozpatrzone wnioski.</p>"
        ),
    }
    return fields, applications


def _example(municipality, rng, day, mode, opens_on, closes_on, year, current):
    low, high = POOL_RANGES.get(municipality.gmina_type, POOL_RANGES["rural"])
    pool_total = Decimal(rng.randrange(low, high + 1, 5) * 1000)
    fields = {
        # The municipality in the title: a list of calls across GZM tells the cards apart.
        "title": f"{EXAMPLE_TITLE} — {municipality.name}: inicjatywa lokalna {year}"
        + (" (nabór ciągły)" if mode == CallMode.CONTINUOUS else ""),
        "slug": f"przyklad-inicjatywa-lokalna-{year}",
        "summary": _summary(municipality, mode, closes_on, year),
        "is_example": True,
        "mode": mode,
        "year": year,
        "opens_on": opens_on,
        "closes_on": closes_on,
        "pool_total": pool_total,
        "pool_note": "Kwoty przykładowe.",
        "accepts_social_work": True,
        "accepts_in_kind": rng.random() < 0.8,
        "accepts_financial": rng.random() < 0.5,
        "resolution_number": (
            f"{rng.choice(ROMAN)}/{rng.randint(100, 999)}/{year - 2} (numer przykładowy)"
        ),
        "resolution_date": date(year - 2, rng.randint(1, 12), rng.randint(1, 28)),
        "epuap_address": f"/przyklad-{municipality.slug}/SkrytkaESP",
        "in_person": (
            f"{EXAMPLE_NOTE}: biuro obsługi mieszkańców, {_office(municipality)}, "
            "pon.–pt. 8:00–15:00."
        ),
        "by_post": f"{_office(municipality)}, z dopiskiem „Inicjatywa lokalna” (adres do "
        "uzupełnienia — treść przykładowa).",
        "how_to_apply": (
            f"<p><b>{EXAMPLE_NOTE}.</b> Wniosek składa grupa mieszkańców bezpośrednio albo za "
            "pośrednictwem organizacji pozarządowej. Dołącz listę poparcia i opisz wkład własny: "
            "pracę społeczną, świadczenia rzeczowe lub pieniężne.</p>"
        ),
    }
    if rng.random() < 0.5:
        fields["pool_investment"] = _round_to(pool_total * Decimal("0.6"), 1000)
        fields["pool_soft"] = pool_total - fields["pool_investment"]
    if mode == CallMode.CONTINUOUS and current:
        fields["pool_remaining"] = _round_to(pool_total * rng.randint(20, 80) / 100, 1000)

    criteria = _criteria(rng)
    total = sum(criterion["max_points"] for criterion in criteria)
    fields["pass_threshold"] = total // 2
    applications = []
    if closes_on and closes_on < day:
        results, applications = _results(rng, closes_on, total // 2, pool_total, day)
        fields.update(results)
    keys = task_area_keys()
    return CallPlan(
        fields=fields,
        task_areas=rng.sample(keys, rng.randint(1, 3)),
        criteria=criteria,
        contacts=[
            {
                "name": "Koordynator inicjatywy lokalnej (przykład)",
                "role": _office(municipality),
                "email": f"inicjatywa.lokalna@{municipality.slug}.example.org",
            }
        ],
        applications=applications,
        with_documents=current and municipality.prototyping_school_2023,
    )


# Documents -----------------------------------------------------------------------------


def _document_files(municipality):
    """(kind, title, file name, bytes) of the three example documents."""
    office = _office(municipality)
    warning = f"{EXAMPLE_NOTE} — obowiązujący wzór określa uchwała rady gminy."
    form = odt_document(
        "Przykład — formularz wniosku o realizację zadania w ramach inicjatywy lokalnej",
        [
            warning,
            "1. Wnioskodawca (grupa mieszkańców lub organizacja) i osoba do kontaktu:",
            "2. Nazwa zadania i miejsce realizacji:",
            "3. Obszar zadania publicznego (art. 19b ust. 1 ustawy):",
            "4. Opis zadania i harmonogram:",
            "5. Wkład własny mieszkańców — praca społeczna (liczba osób i godzin), "
            "świadczenia rzeczowe, świadczenia pieniężne:",
            "6. Szacunkowy koszt zadania i oczekiwany udział gminy:",
            "Data i podpisy wnioskodawców:",
        ],
    )
    support_list = odt_document(
        "Przykład — wzór listy poparcia",
        [warning, "Popieramy wniosek o realizację zadania „…” w ramach inicjatywy lokalnej."],
        table=[
            ["Lp.", "Imię i nazwisko", "Adres zamieszkania", "Podpis"],
            *([f"{number}.", "", "", ""] for number in range(1, 11)),
        ],
    )
    gdpr_notice = pdf_document(
        "Przykład — klauzula informacyjna RODO",
        [
            f"{EXAMPLE_NOTE}, nie jest to obowiązujący dokument urzędu.",
            f"Administratorem danych osobowych wnioskodawców i osób podpisanych na liście "
            f"poparcia jest {office}. Dane są przetwarzane w celu rozpatrzenia wniosku o "
            "realizację zadania publicznego w ramach inicjatywy lokalnej (art. 19b–19h ustawy "
            "o działalności pożytku publicznego i o wolontariacie) oraz zawarcia i wykonania "
            "umowy, na podstawie art. 6 ust. 1 lit. c i e RODO.",
            "Dane są przechowywane przez okres wynikający z przepisów o archiwizacji. Każda "
            "osoba ma prawo dostępu do swoich danych, ich sprostowania, ograniczenia "
            "przetwarzania oraz wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych.",
        ],
    )
    slug = municipality.slug
    return [
        (
            DocumentKind.APPLICATION_FORM,
            "Przykład — formularz wniosku",
            f"przyklad-formularz-wniosku-{slug}.odt",
            form,
        ),
        (
            DocumentKind.SUPPORT_LIST,
            "Przykład — wzór listy poparcia",
            f"przyklad-lista-poparcia-{slug}.odt",
            support_list,
        ),
        (
            DocumentKind.GDPR_NOTICE,
            "Przykład — klauzula informacyjna RODO",
            f"przyklad-klauzula-rodo-{slug}.pdf",
            gdpr_notice,
        ),
    ]


def _documents(municipality):
    return [
        CallDocument(
            kind=kind,
            document=DocumentFactory(
                title=title,
                collection=municipality.collection,
                file__data=data,
                file__filename=filename,
            ),
        )
        for kind, title, filename, data in _document_files(municipality)
    ]


# Saving --------------------------------------------------------------------------------


def _contacts(index, plan):
    """The first person of the municipality's team, linked from its contact page; the plan's
    own contact when the team is still empty."""
    person = team_of(index).first()
    if person is not None:
        return [CallContact(person=person)]
    return [CallContact(**contact) for contact in plan.contacts]


def _create(index, municipality, plan, areas):
    call = CallPageFactory(
        parent=index,
        municipality=municipality,
        **plan.fields,
        task_areas=[areas[key] for key in plan.task_areas if key in areas],
        criteria=[CallCriterionFactory.build(**criterion) for criterion in plan.criteria],
        contacts=_contacts(index, plan),
        applications=[CallApplication(**application) for application in plan.applications],
        documents=_documents(municipality) if plan.with_documents else [],
    )
    call.save_revision().publish()
    return call


def seed_demo_calls(municipalities, day=None):
    """Give each municipality whose call list is still empty its demo calls."""
    day = day or timezone.localdate()
    factory.random.reseed_random(DEMO_SEED)
    areas = TaskArea.objects.in_bulk(field_name="key")
    positions = {record.slug: position for position, record in enumerate(load_records())}
    created = []
    for municipality in municipalities:
        index = CallIndexPage.objects.child_of(municipality.root_page).first()
        if index is None or CallPage.objects.child_of(index).exists():
            continue
        with transaction.atomic():
            for plan in plan_calls(municipality, day, positions.get(municipality.slug)):
                created.append(_create(index, municipality, plan, areas))
    return created
