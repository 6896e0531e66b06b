"""Keeping structural pages translated through wagtail-localize.

Onboarding creates the Polish tree; this module gives each structural page a synced
wagtail-localize translation in every other content language, filling in the strings
the portal knows (section titles and the like). Editors continue in the localize editor.
"""

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

# Known translations of structural strings, keyed by the Polish source text.
KNOWN_STRINGS = {
    "en": {
        "Inicjatywa lokalna w GZM": "Local initiative in GZM",
        "Nabory wniosków": "Calls for applications",
        "Zrealizowane inicjatywy": "Completed initiatives",
        "Kontakt": "Contact",
        "Deklaracja dostępności": "Accessibility statement",
        "Nabory w GZM": "Calls for applications in GZM",
        "Zrealizowane inicjatywy w GZM": "Completed initiatives in GZM",
        "Tekst łatwy do czytania": "Easy-to-read information",
        "Informacja w polskim języku migowym": "Information in Polish Sign Language",
        "Ochrona danych osobowych": "Personal data protection",
        "GZM w liczbach": "GZM in figures",
    },
    "uk": {
        "Inicjatywa lokalna w GZM": "Місцева ініціатива в ГЗМ",
        "Nabory wniosków": "Прийом заявок",
        "Zrealizowane inicjatywy": "Реалізовані ініціативи",
        "Kontakt": "Контакти",
        "Deklaracja dostępności": "Декларація доступності",
        "Nabory w GZM": "Прийом заявок у ГЗМ",
        "Zrealizowane inicjatywy w GZM": "Реалізовані ініціативи в ГЗМ",
        "Tekst łatwy do czytania": "Легкий для читання текст",
        "Informacja w polskim języku migowym": "Інформація польською жестовою мовою",
        "Ochrona danych osobowych": "Захист персональних даних",
        "GZM w liczbach": "ГЗМ у цифрах",
    },
}


def content_locales():
    """All content locales, creating any that are missing (the default one first)."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return [Locale.objects.get_or_create(language_code=code)[0] for code in codes]


def other_locales():
    return [
        locale for locale in content_locales() if locale.language_code != settings.LANGUAGE_CODE
    ]


@transaction.atomic
def ensure_translations(page, locales=None, strings=None):
    """Give ``page`` a synced translation in each of ``locales``; returns the translated pages.

    Pages that already have a translation are left as they are, so running this twice
    changes nothing. ``strings`` adds known translations ({language: {Polish: text}}).
    """
    page = page.specific
    locales = other_locales() if locales is None else locales
    missing = [locale for locale in locales if not page.has_translation(locale)]
    if not missing:
        return [page.get_translation(locale) for locale in locales]

    source, _created = TranslationSource.get_or_create_from_instance(page)
    segments = list(source.stringsegment_set.select_related("string", "context"))
    for locale in missing:
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        known = {
            **KNOWN_STRINGS.get(locale.language_code, {}),
            **(strings or {}).get(locale.language_code, {}),
        }
        for segment in segments:
            text = known.get(segment.string.data)
            if text:
                StringTranslation.objects.get_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={
                        "data": text,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    },
                )
        # Save a draft and publish it here rather than letting wagtail-localize publish on
        # commit: a deferred publish re-saves the page from a stale copy and would reset the
        # tree's child counts when several pages are created in one transaction.
        translation.save_target(publish=False)
        if page.live:
            revision = page.get_translation(locale).latest_revision
            Revision.objects.get(pk=revision.pk).publish()
    return [page.get_translation(locale) for locale in locales]
