"""Example initiatives for the demo network's results galleries, labelled as examples.

As with the calls, planning is kept apart from saving: ``plan_initiatives`` turns a
municipality, the seed day and (optionally) the call the initiatives came from into plain
values, with no database; ``seed_demo_initiatives`` saves them with the factories the tests
use. The photos are illustrations drawn with Pillow at seed time (``demo_files``), saved in
the municipality's own collection; nothing is downloaded and no rendition is made here.

Idempotent: a municipality whose gallery already holds an initiative is left alone.
"""

import io
import random
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.rich_text import RichText

import factory.random

from municipalities.factories import InitiativePageFactory
from municipalities.models import (
    CallIndexPage,
    CallPage,
    GalleryPage,
    InitiativePage,
    InitiativePhoto,
    InitiativeStage,
    PhotoRole,
)
from municipalities.onboarding import load_centres
from portal.factories import DocumentFactory, ImageFactory
from portal.models import TaskArea

from .calls import DEMO_SEED, EXAMPLE_NOTE
from .files import jpeg_illustration, pdf_document

EXAMPLE_SUMMARY = "Przykładowa inicjatywa — treść demonstracyjna."
# An example rate for an hour of residents' work; each council sets its own in its resolution.
SOCIAL_WORK_RATE = Decimal("30.00")

STREETS = [
    "Lipowej",
    "Słowackiego",
    "Mickiewicza",
    "Kościuszki",
    "Parkowej",
    "Szkolnej",
    "Ogrodowej",
    "Kwiatowej",
    "Sienkiewicza",
    "Polnej",
    "Dworcowej",
    "Wolności",
]
CITY_DISTRICTS = ["Centrum", "Osiedle Północ", "Osiedle Południe", "Osiedle Zielone", "Zachód"]
RURAL_DISTRICTS = ["Sołectwo Centrum", "Sołectwo Zalesie", "Sołectwo Górki", "Sołectwo Podlesie"]
PARTNERS = [
    "Rada Osiedla",
    "Szkoła Podstawowa nr 3",
    "Koło Gospodyń Wiejskich",
    "Parafia pw. św. Józefa",
    "Ochotnicza Straż Pożarna",
    "Klub Seniora",
    "miejscowy zakład ogrodniczy",
    "Stowarzyszenie Przyjaciół Dzielnicy",
]


@dataclass(frozen=True)
class Idea:
    """A kind of initiative residents often carry out, with what its photos show."""

    title: str
    task_area: str
    what: str
    before: str  # what the place looked like
    after: str  # what it looks like now
    sky: tuple
    ground: tuple
    cost: tuple  # the municipality's contribution, thousands of złoty
    before_after: bool = True


IDEAS = [
    Idea(
        "Plac zabaw przy ul. {street}",
        "community_development",
        "Mieszkańcy rozebrali stare urządzenia, pomalowali ogrodzenie i posiali trawę; gmina "
        "kupiła i zamontowała huśtawki, zjeżdżalnię i bezpieczną nawierzchnię.",
        "zaniedbany plac z zardzewiałą huśtawką",
        "nowy plac zabaw z huśtawkami i zjeżdżalnią",
        (70, 130, 200),
        (95, 160, 80),
        (25, 60),
    ),
    Idea(
        "Ogród społeczny przy ul. {street}",
        "nature",
        "Sąsiedzi założyli grządki podwyższone, kompostownik i miejsce do wspólnego "
        "odpoczynku; gmina dostarczyła ziemię, drewno i narzędzia.",
        "nieużytek porośnięty chwastami",
        "ogród z grządkami podwyższonymi i ławką",
        (90, 150, 210),
        (110, 150, 60),
        (8, 25),
    ),
    Idea(
        "Remont świetlicy osiedlowej",
        "community_development",
        "Mieszkańcy skuli stare tynki, pomalowali ściany i odnowili meble; gmina wymieniła "
        "okna i instalację elektryczną.",
        "świetlica z odpadającym tynkiem",
        "odnowiona, jasna sala świetlicy",
        (120, 140, 170),
        (150, 140, 120),
        (30, 70),
    ),
    Idea(
        "Nasadzenia drzew przy ul. {street}",
        "nature",
        "Mieszkańcy przygotowali doły, posadzili drzewa i przez lato je podlewali; gmina "
        "kupiła sadzonki lip i klonów oraz paliki i osłony.",
        "pas zieleni bez drzew wzdłuż ulicy",
        "szpaler młodych drzew wzdłuż ulicy",
        (80, 150, 220),
        (90, 140, 70),
        (6, 18),
    ),
    Idea(
        "Łąka kwietna i budki lęgowe w parku",
        "ecology_animals",
        "Uczniowie i rodzice zbudowali budki lęgowe i hotele dla owadów, a mieszkańcy "
        "przygotowali glebę pod łąkę; gmina kupiła nasiona i materiały.",
        "wykoszony trawnik w parku",
        "kwitnąca łąka z budkami lęgowymi na drzewach",
        (100, 160, 220),
        (140, 170, 70),
        (5, 15),
    ),
    Idea(
        "Siłownia plenerowa przy boisku",
        "sport_tourism",
        "Mieszkańcy wyrównali teren i ułożyli obrzeża; gmina kupiła i zamontowała sześć "
        "urządzeń do ćwiczeń i tablicę z instrukcjami.",
        "pusty plac obok boiska",
        "siłownia plenerowa z urządzeniami do ćwiczeń",
        (60, 120, 190),
        (120, 130, 110),
        (30, 55),
    ),
    Idea(
        "Mural przy ul. {street}",
        "culture_tradition_volunteering",
        "Młodzież z pomocą artysty zaprojektowała mural o historii dzielnicy i wspólnie "
        "z mieszkańcami go namalowała; gmina przygotowała ścianę i kupiła farby.",
        "szara, zniszczona ściana budynku",
        "kolorowy mural o historii dzielnicy",
        (200, 120, 80),
        (130, 120, 110),
        (10, 30),
    ),
    Idea(
        "Odnowienie kapliczki i tablicy historycznej",
        "culture_tradition_volunteering",
        "Mieszkańcy oczyścili teren i posadzili krzewy, a miejscowi rzemieślnicy odnowili "
        "kapliczkę; gmina zleciła prace konserwatorskie i wykonała tablicę.",
        "zniszczona kapliczka przy drodze",
        "odnowiona kapliczka z nową tablicą",
        (110, 150, 200),
        (110, 140, 80),
        (8, 22),
    ),
    Idea(
        "Zielone podwórko przy ul. {street}",
        "revitalisation",
        "Lokatorzy uprzątnęli podwórko, zbudowali ławki i donice; gmina wyrównała "
        "nawierzchnię i zamontowała oświetlenie.",
        "zaniedbane podwórko między kamienicami",
        "podwórko z ławkami, donicami i oświetleniem",
        (130, 130, 180),
        (120, 120, 100),
        (20, 50),
    ),
    Idea(
        "Bezpieczne przejście do szkoły",
        "public_order",
        "Rodzice i uczniowie oznakowali i uprzątnęli ścieżkę do szkoły; gmina zamontowała "
        "lampy i barierki.",
        "nieoświetlona ścieżka do szkoły",
        "oświetlona ścieżka z barierkami",
        (40, 60, 110),
        (100, 100, 100),
        (20, 45),
    ),
    Idea(
        "Warsztaty cyfrowe dla seniorów",
        "education",
        "Wolontariusze z liceum przez dziesięć tygodni uczyli seniorów obsługi telefonu "
        "i bankowości internetowej; gmina kupiła tablety do nauki.",
        "",
        "seniorzy z wolontariuszami przy tabletach",
        (170, 150, 200),
        (190, 170, 150),
        (5, 12),
        before_after=False,
    ),
]


@dataclass
class PhotoPlan:
    title: str
    filename: str
    seed: str
    alt_text: str
    caption: str
    role: str
    sky: tuple
    ground: tuple

    def image_bytes(self):
        note = {PhotoRole.BEFORE: "przed realizacją", PhotoRole.AFTER: "po realizacji"}
        return jpeg_illustration(
            self.seed,
            self.sky,
            self.ground,
            note=note.get(self.role, "zdjęcie demonstracyjne"),
            faded=self.role == PhotoRole.BEFORE,
        )


@dataclass
class InitiativePlan:
    """Everything one demo initiative needs, as plain values."""

    fields: dict
    task_area: str
    photos: list = field(default_factory=list)
    from_call: bool = False
    with_report: bool = False


def ascii_slug(text):
    """An ASCII slug of Polish text: "Ogród społeczny" → "ogrod-spoleczny"."""
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return slugify(text)


def _money(rng, low, high, step=500):
    return Decimal(rng.randrange(low, high + 1, step))


def _point(rng, centre):
    if centre is None:
        return None, None
    latitude, longitude = centre
    quantum = Decimal("0.000001")
    return (
        (latitude + Decimal(rng.uniform(-0.015, 0.015))).quantize(quantum),
        (longitude + Decimal(rng.uniform(-0.022, 0.022))).quantize(quantum),
    )


def _stages(rng, count):
    """Mostly finished work, with one still under way now and then."""
    finished = [InitiativeStage.SETTLED, InitiativeStage.COMPLETED, InitiativeStage.COMPLETED]
    stages = [InitiativeStage.SETTLED] + [rng.choice(finished) for _ in range(count - 1)]
    if count > 2 and rng.random() < 0.6:
        stages[-1] = rng.choice([InitiativeStage.IN_PROGRESS, InitiativeStage.AGREEMENT_SIGNED])
    return stages


def _dates(rng, stage, day, call):
    """(year, agreement signed, completed) for the stage, all on or before the seed day."""
    if stage in (InitiativeStage.IN_PROGRESS, InitiativeStage.AGREEMENT_SIGNED):
        signed = day - timedelta(days=rng.randint(10, 90))
        return signed.year, signed, None
    year = call.year if call is not None else day.year - rng.randint(1, 2)
    start = date(year, 3, 1)
    published = call.results_published_on if call is not None else None
    if published and published.year == year:  # a round: the agreement follows the results
        start = min(published + timedelta(days=14), date(year, 10, 1))
    signed = min(start + timedelta(days=rng.randint(0, 40)), day - timedelta(days=2))
    completed = signed + timedelta(days=rng.randint(45, 150))
    completed = min(completed, date(year, 12, 15), day - timedelta(days=1))
    return year, signed, max(completed, signed)


def _photos(rng, slug, idea, title):
    plans = []
    if idea.before_after and rng.random() < 0.5:
        roles = [PhotoRole.BEFORE, PhotoRole.AFTER] + ([""] if rng.random() < 0.3 else [])
    else:
        roles = [PhotoRole.AFTER if idea.before_after else ""] * rng.randint(1, 3)
    for number, role in enumerate(roles, start=1):
        subject = idea.before if role == PhotoRole.BEFORE else idea.after
        when = {PhotoRole.BEFORE: "przed realizacją", PhotoRole.AFTER: "po realizacji"}
        plans.append(
            PhotoPlan(
                title=f"Przykład — {title} ({number})",
                filename=f"przyklad-{slug}-{number}.jpg",
                seed=f"{DEMO_SEED}:{slug}:{number}",
                alt_text=(
                    f"Ilustracja zastępcza z napisem „PRZYKŁAD” w miejscu zdjęcia: {subject}"
                ),
                caption=f"{title} — {when.get(role, 'w trakcie prac')} (zdjęcie przykładowe)",
                role=role,
                sky=idea.sky,
                ground=idea.ground,
            )
        )
    return plans


def plan_initiatives(municipality, day, call=None, centre=None):
    """The initiatives to create for ``municipality`` (a Municipality or a reference record).

    ``call`` is the example call whose results the finished initiatives come from (anything
    with ``year`` and ``results_published_on``), ``centre`` the (latitude, longitude) near
    which the points lie.
    """
    rng = random.Random(f"{DEMO_SEED}:initiatives:{municipality.slug}")  # noqa: S311
    count = rng.randint(2, 4)
    ideas = rng.sample(IDEAS, count)
    streets = rng.sample(STREETS, count)
    districts = CITY_DISTRICTS if municipality.gmina_type != "rural" else RURAL_DISTRICTS
    plans = []
    for idea, street, stage in zip(ideas, streets, _stages(rng, count), strict=True):
        title = idea.title.format(street=street)
        slug = f"przyklad-{ascii_slug(title)}"
        year, signed, completed = _dates(rng, stage, day, call)
        hours = Decimal(rng.randrange(40, 400, 5))
        latitude, longitude = _point(rng, centre)
        low, high = idea.cost
        partners = rng.sample(PARTNERS, rng.randint(1, 2))
        fields = {
            "title": title,
            "slug": slug,
            "summary": f"{EXAMPLE_SUMMARY} {idea.what}",
            "body": [
                (
                    "paragraph",
                    RichText(
                        f"<p><b>{EXAMPLE_NOTE}.</b> {idea.what} Zadanie zgłosiła grupa "
                        f"mieszkańców w ramach inicjatywy lokalnej (art. 19b–19h ustawy "
                        "o działalności pożytku publicznego i o wolontariacie).</p>"
                    ),
                )
            ],
            "is_example": True,
            "year": year,
            "district": rng.choice(districts),
            "address": f"ul. {street} {rng.randint(1, 60)}, {municipality.name}",
            "latitude": latitude,
            "longitude": longitude,
            "stage": stage,
            "agreement_signed_on": signed,
            "completed_on": completed,
            "municipal_contribution": _money(rng, low * 1000, high * 1000),
            "social_work_hours": hours,
            "social_work_value": (hours * SOCIAL_WORK_RATE).quantize(Decimal("0.01")),
            "in_kind_value": _money(rng, 0, 8000) if rng.random() < 0.7 else Decimal(0),
            "financial_value": _money(rng, 500, 3000) if rng.random() < 0.3 else Decimal(0),
            "residents_involved": rng.randint(8, 60),
            "partners": ", ".join(f"{partner} (przykład)" for partner in partners),
        }
        plans.append(
            InitiativePlan(
                fields=fields,
                task_area=idea.task_area,
                photos=_photos(rng, slug, idea, title),
                from_call=call is not None and completed is not None,
                with_report=stage == InitiativeStage.SETTLED,
            )
        )
    return plans


# Saving --------------------------------------------------------------------------------


def _report(municipality, plan):
    fields = plan.fields
    data = pdf_document(
        f"Przykład — sprawozdanie z realizacji zadania „{fields['title']}”",
        [
            f"{EXAMPLE_NOTE}, nie jest to dokument urzędu ({municipality.name}).",
            f"Zadanie zrealizowano w {fields['year']} r. w ramach inicjatywy lokalnej. "
            f"Umowę podpisano {fields['agreement_signed_on']:%d.%m.%Y} r., prace zakończono "
            f"{fields['completed_on']:%d.%m.%Y} r.",
            f"Wkład gminy: {fields['municipal_contribution']} zł. Praca społeczna: "
            f"{fields['social_work_hours']} godz. o wartości {fields['social_work_value']} zł. "
            f"Świadczenia rzeczowe: {fields['in_kind_value']} zł, pieniężne: "
            f"{fields['financial_value']} zł. W zadaniu uczestniczyło "
            f"{fields['residents_involved']} mieszkańców.",
        ],
    )
    return DocumentFactory(
        title=f"Przykład — sprawozdanie: {fields['title']}",
        collection=municipality.collection,
        file__data=data,
        file__filename=f"{fields['slug']}-sprawozdanie.pdf",
    )


def _photo(municipality, plan, drawn=None):
    data = drawn.pop(id(plan)).result() if drawn else plan.image_bytes()
    image = ImageFactory(
        title=plan.title,
        collection=municipality.collection,
        file=ImageFile(io.BytesIO(data), name=plan.filename),
    )
    return InitiativePhoto(
        image=image, alt_text=plan.alt_text, caption=plan.caption, role=plan.role
    )


def _create(gallery, municipality, plan, areas, call, drawn=None):
    initiative = InitiativePageFactory(
        parent=gallery,
        **plan.fields,
        task_area=areas[plan.task_area],
        call=call if plan.from_call else None,
        photos=[_photo(municipality, photo, drawn) for photo in plan.photos],
        settlement_report=_report(municipality, plan) if plan.with_report else None,
    )
    initiative.save_revision().publish()
    return initiative


def results_call(municipality, day):
    """The latest example call of an earlier year whose results are out, if any."""
    index = CallIndexPage.objects.child_of(municipality.root_page).first()
    if index is None:
        return None
    return (
        CallPage.objects.child_of(index)
        .filter(is_example=True, year__lt=day.year, results_published_on__lte=day)
        .order_by("-year", "-results_published_on")
        .first()
    )


def municipality_centre(municipality, centres):
    """Where its example initiatives go: around its centre, or the reference data's."""
    if municipality.latitude is None or municipality.longitude is None:
        return centres.get(municipality.slug)
    return municipality.latitude, municipality.longitude


def seed_demo_initiatives(municipalities, day=None):
    """Give each municipality whose gallery is still empty its example initiatives."""
    day = day or timezone.localdate()
    factory.random.reseed_random(DEMO_SEED)
    areas = TaskArea.objects.in_bulk(field_name="key")
    centres = load_centres()
    work = []
    for municipality in municipalities:
        gallery = GalleryPage.objects.child_of(municipality.root_page).first()
        if gallery is None or InitiativePage.objects.child_of(gallery).exists():
            continue
        call = results_call(municipality, day)
        plans = plan_initiatives(
            municipality, day, call, municipality_centre(municipality, centres)
        )
        work.append((gallery, municipality, call, [p for p in plans if p.task_area in areas]))
    created = []
    # The illustrations are drawn by a second process while this one saves the pages: on
    # two cores the drawing costs no time of its own. Same bytes either way.
    with ProcessPoolExecutor(max_workers=1) as painter:
        drawn = {
            id(photo): painter.submit(photo.image_bytes)
            for *_rest, plans in work
            for plan in plans
            for photo in plan.photos
        }
        for gallery, municipality, call, plans in work:
            with transaction.atomic():
                for plan in plans:
                    created.append(_create(gallery, municipality, plan, areas, call, drawn))
    return created
