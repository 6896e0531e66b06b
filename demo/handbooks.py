"""Example handbook variants for the demo network, labelled as examples.

Ruda Śląska (the 2024 pilot) adapts the residents' handbook: one chapter customised, one of
its own; Czeladź takes both handbooks as they are. Then GZM publishes a revised model chapter,
as it would in the admin: Czeladź shows the new text at once, Ruda Śląska's customised chapter
shows as behind the model, with the diff, in its admin. Idempotent: each step happens only
if its result is missing.
"""

import json

from django.conf import settings

from handbooks import sync
from handbooks.models import HandbookChapterPage, HandbookPage

from .content import EXAMPLE_LABEL

RESIDENTS = "podrecznik-dla-mieszkanca"
OFFICIALS = "podrecznik-dla-urzednika"
CUSTOMISED_CHAPTER = "wklad-wlasny"

# slug of the municipality: (model handbooks it has variants of)
DEMO_VARIANTS = {
    "ruda-slaska": (RESIDENTS, OFFICIALS),
    "czeladz": (RESIDENTS, OFFICIALS),
}

LOCAL_CALLOUT = {
    "heading": "Jak to robimy w Rudzie Śląskiej",
    "text": (
        f"<p><b>{EXAMPLE_LABEL}.</b> Godzinę pracy społecznej wyceniamy według stawki "
        "przyjętej w uchwale rady miasta. Ewidencję godzin prowadzi lider grupy "
        "wnioskodawców na formularzu z urzędu.</p>"
    ),
}

MODEL_UPDATE_QUESTION = "Jak policzyć wartość pracy społecznej?"
MODEL_UPDATE_ANSWER = (
    "<p>Zapiszcie, kto i ile godzin pracował. Gmina przelicza godziny na złotówki według "
    "stawki z uchwały, żeby porównać Wasz wkład z kosztem zadania.</p>"
)


def _handbook(slug):
    return HandbookPage.objects.filter(
        slug=slug, locale__language_code=settings.LANGUAGE_CODE
    ).first()


def seed_demo_variants(municipalities):
    chosen = [m for m in municipalities if m.slug in DEMO_VARIANTS and m.root_page]
    if not chosen:
        return
    for municipality in chosen:
        for slug in DEMO_VARIANTS[municipality.slug]:
            handbook = _handbook(slug)
            if handbook is None or sync.variant_of(handbook, municipality):
                continue
            variant = sync.create_variant(handbook, municipality)
            if municipality.slug == "ruda-slaska" and slug == RESIDENTS:
                _adapt_for_ruda_slaska(variant)
    publish_model_update()


def _adapt_for_ruda_slaska(variant):
    page = HandbookChapterPage.objects.child_of(variant).get(slug=CUSTOMISED_CHAPTER)
    sync.customise_chapter(page)
    page = HandbookChapterPage.objects.get(pk=page.pk)
    raw = page.body.get_prep_value()
    raw.append({"type": "callout", "value": LOCAL_CALLOUT})
    page.body = json.dumps(raw)
    page.save_revision().publish()
    sync.add_local_chapter(
        variant,
        "Konsultacje w urzędzie",
        "konsultacje",
        summary=f"{EXAMPLE_LABEL}: gdzie i kiedy pomożemy przygotować wniosek.",
        body=json.dumps(
            [
                {
                    "type": "text",
                    "value": f"<p><b>{EXAMPLE_LABEL}.</b> Koordynator inicjatywy lokalnej "
                    "przyjmuje mieszkańców we wtorki i czwartki. Przynieście szkic pomysłu "
                    "— razem sprawdzimy, czy teren należy do miasta.</p>",
                }
            ]
        ),
    )


def publish_model_update():
    """GZM revises a chapter of the residents' handbook (once) and publishes it."""
    handbook = _handbook(RESIDENTS)
    chapter = (
        handbook
        and HandbookChapterPage.objects.child_of(handbook).filter(slug=CUSTOMISED_CHAPTER).first()
    )
    if chapter is None:
        return
    raw = chapter.body.get_prep_value()
    if any(block["type"] == "faq" for block in raw):
        return
    raw.append(
        {"type": "faq", "value": {"question": MODEL_UPDATE_QUESTION, "answer": MODEL_UPDATE_ANSWER}}
    )
    chapter.body = json.dumps(raw)
    chapter.save_revision().publish()
