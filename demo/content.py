"""Example texts of the demo network's homes, contacts and statements, labelled as such.

Idempotent: content is only filled in where the page is still empty, so running the
demo seed again (or after an editor changed something) alters nothing.
"""

from datetime import date

from django.conf import settings

from municipalities.models import ContactPage, ContactPerson
from portal.models import AccessibilityStatementPage, NetworkHomePage, SiteContactSettings

EXAMPLE_LABEL = "Przykładowa treść demonstracyjna"

NETWORK_INTRO = (
    f"<p><b>{EXAMPLE_LABEL}.</b> Górnośląsko-Zagłębiowska Metropolia pomaga swoim 41 gminom "
    "wdrożyć inicjatywę lokalną: mieszkańcy proponują zadanie publiczne, a gmina realizuje je "
    "razem z nimi. Mieszkańcy wnoszą pracę społeczną, świadczenia rzeczowe lub pieniężne; "
    "gmina kupuje usługi i materiały i może użyczyć sprzętu.</p>"
)


def municipality_intro(name):
    return (
        f"<p><b>{EXAMPLE_LABEL}.</b> W tym serwisie gmina {name} będzie ogłaszać nabory "
        "wniosków o realizację inicjatyw lokalnych, pokazywać zrealizowane zadania i podawać "
        "kontakty do urzędników, którzy pomogą przygotować wniosek.</p>"
    )


def _fill_intro(page, intro):
    page = page.specific
    if page.intro:
        return
    page.intro = intro
    page.save_revision().publish()


def _fill_contact_page(municipality):
    """An example team on the contact page, only while the page has none."""
    page = ContactPage.objects.child_of(municipality.root_page).first()
    if page is None or page.people.exists():
        return
    page.office_name = page.office_name or municipality.office_name
    page.office_address = f"{EXAMPLE_LABEL}: adres urzędu do uzupełnienia przez redakcję"
    page.epuap_address = f"/przyklad-{municipality.slug}/SkrytkaESP"
    page.people.add(
        ContactPerson(
            name=f"Zespół ds. inicjatywy lokalnej ({EXAMPLE_LABEL.lower()})",
            role="Koordynator inicjatywy lokalnej",
            email=f"inicjatywa.lokalna@{municipality.slug}.example.org",
            office_hours="pon.–pt. 8:00–15:00",
            accessibility=(
                f"{EXAMPLE_LABEL}. Opis dostępności biura (wejście, winda, pętla indukcyjna) "
                "uzupełnia redakcja gminy."
            ),
        )
    )
    page.save_revision().publish()


def _fill_network_contact(home):
    """Example phone and e-mail in GZM's footer, labelled as such, while GZM has entered none
    (the address is GZM's real one, set by the network setup)."""
    site = home.get_site()
    if site is None:
        return
    contact = SiteContactSettings.for_site(site)
    if contact.email or contact.phone:
        return
    contact.email = "inicjatywa.lokalna@metropolia.example.org"
    contact.phone = "+48 00 000 00 00 (przykład)"
    contact.office_hours = f"{EXAMPLE_LABEL}: telefon i e-mail uzupełnia GZM w ustawieniach"
    contact.save()


def seed_demo_texts(municipalities):
    """The network's and every municipality's intro, footer contact and contact team."""
    network_home = NetworkHomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    for home in network_home:
        _fill_intro(home, NETWORK_INTRO)
        _fill_network_contact(home)
    for municipality in municipalities:
        _fill_intro(municipality.root_page, municipality_intro(municipality.name))
        contact = SiteContactSettings.for_site(municipality.site)
        if not contact.email:
            contact.email = f"inicjatywa.lokalna@{municipality.slug}.example.org"
            contact.office_hours = f"{EXAMPLE_LABEL}: pon.–pt. 8:00–15:00"
            contact.save()
        _fill_contact_page(municipality)
    age_some_statements(municipalities)


# A few statements in the demo missed their yearly review, so the dashboards show reminders.
OUTDATED_STATEMENTS = 3


def age_some_statements(municipalities):
    """Date back the statements of the first few municipalities (by slug), once: only a
    statement nobody has edited since onboarding (a single revision) is changed."""
    today = date.today()
    reviewed = date(today.year - 2, 2, 10)
    for municipality in sorted(municipalities, key=lambda m: m.slug)[:OUTDATED_STATEMENTS]:
        statement = AccessibilityStatementPage.objects.child_of(municipality.root_page).first()
        if statement is None or statement.revisions.count() != 1:
            continue
        statement.published_on = statement.updated_on = reviewed
        statement.prepared_on = statement.reviewed_on = reviewed
        statement.save_revision().publish()
