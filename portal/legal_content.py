"""What the legal pages say straight after onboarding, before anyone edits them.

Each function returns an unsaved page for one site: GZM's network (``owner`` None) or a
municipality. The texts are written to be true on day one and to name plainly what the
office still has to fill in.
"""

from datetime import date

from .models.legal import (
    AccessibilityStatementPage,
    AssessmentMethod,
    ComplianceStatus,
    EasyReadPage,
    InaccessibilityReason,
    InaccessibleContent,
    PrivacyNoticePage,
    SignLanguagePage,
)

GZM_NAME = "Górnośląsko-Zagłębiowska Metropolia"
GZM_ADDRESS = "ul. Barbary 21A, 40-053 Katowice"


def statement_page(owner=None, today=None):
    today = today or date.today()
    return AccessibilityStatementPage(
        title="Deklaracja dostępności",
        slug="deklaracja-dostepnosci",
        show_in_menus=False,
        entity_name=owner.name if owner else GZM_NAME,
        published_on=today,
        updated_on=today,
        compliance_status=ComplianceStatus.PARTIAL,
        prepared_on=today,
        reviewed_on=today,
        assessment_method=AssessmentMethod.SELF,
        alternative_access=(
            "Jeśli jakaś treść jest dla Ciebie niedostępna, napisz do nas lub zadzwoń. "
            "Prześlemy ją w innej formie, na przykład jako tekst w wiadomości e-mail, "
            "dokument w większej czcionce albo nagranie."
        ),
        keyboard_shortcuts=(
            "Na stronie działają standardowe skróty klawiaturowe przeglądarki. Pierwszy "
            "klawisz Tab pokazuje link „Przejdź do treści”."
        ),
        sign_language=(
            "Z tłumaczem polskiego języka migowego można skontaktować się w urzędzie po "
            "wcześniejszym zgłoszeniu, co najmniej 3 dni robocze przed wizytą."
        ),
        mobile_apps="Podmiot nie udostępnia aplikacji mobilnych dotyczących inicjatywy lokalnej.",
        inaccessible_items=[
            InaccessibleContent(
                content="Część dokumentów do pobrania (PDF, ODT) dodanych przez urząd",
                reason=InaccessibilityReason.NONCOMPLIANT,
                explanation=(
                    "Dokumenty są sprawdzane i poprawiane przy każdej aktualizacji. Na prośbę "
                    "udostępnimy je w dostępnej formie."
                ),
            )
        ],
    )


def easy_read_page(owner=None):
    who = f"urząd w gminie {owner.name}" if owner else "Metropolia GZM"
    where = f"w gminie {owner.name}" if owner else "w gminach Metropolii GZM"
    body = "".join(
        f"<p>{sentence}</p>"
        for sentence in [
            f"Ta strona jest o inicjatywie lokalnej {where}.",
            "Inicjatywa lokalna to sposób, żeby mieszkańcy zrobili coś dobrego dla swojej okolicy.",
            "Na przykład: plac zabaw, ławki, zieleń albo zajęcia dla sąsiadów.",
            "Mieszkańcy piszą wniosek.",
            "We wniosku mówią, co chcą zrobić i jak pomogą.",
            "Mogą pomóc swoją pracą, rzeczami albo pieniędzmi.",
            f"{who[0].upper()}{who[1:]} sprawdza wniosek.",
            "Jeśli wniosek jest dobry, urząd i mieszkańcy podpisują umowę.",
            "Potem razem robią to, co zaplanowali.",
            "Na tej stronie znajdziesz nabory wniosków i zrobione inicjatywy.",
            "Jeśli masz pytanie, zajrzyj na stronę Kontakt.",
        ]
    )
    return EasyReadPage(
        title="Tekst łatwy do czytania",
        slug="tekst-latwy-do-czytania",
        show_in_menus=False,
        body=body,
    )


def sign_language_page(owner=None):
    who = f"Urząd w gminie {owner.name}" if owner else "Metropolia GZM"
    return SignLanguagePage(
        title="Informacja w polskim języku migowym",
        slug="jezyk-migowy",
        show_in_menus=False,
        intro=(
            f"<p>{who} przygotowuje film w polskim języku migowym (PJM) o inicjatywie "
            "lokalnej. Do czasu jego publikacji poniżej jest opis w wersji tekstowej.</p>"
        ),
        transcript=(
            "<p>Inicjatywa lokalna pozwala mieszkańcom zgłosić zadanie publiczne i wykonać je "
            "razem z gminą. Mieszkańcy składają wniosek w czasie naboru i wnoszą wkład: "
            "pracę społeczną, świadczenia rzeczowe albo pieniężne. Urząd ocenia wniosek, a po "
            "pozytywnej ocenie zawiera z wnioskodawcami umowę.</p>"
        ),
        interpreter=(
            "<p>Możesz załatwić sprawę w urzędzie z pomocą tłumacza PJM, SJM albo SKOGN. "
            "Zgłoś to co najmniej 3 dni robocze przed wizytą (nie dotyczy sytuacji nagłych) "
            "e-mailem lub przez osobę, która Ci pomaga. Usługa tłumacza jest bezpłatna.</p>"
        ),
    )


def privacy_notice_page(owner=None):
    if owner:
        controller = (
            f"Organ wykonawczy gminy {owner.name} (prezydent miasta, burmistrz albo wójt), "
            "z siedzibą w urzędzie gminy."
        )
        purpose = (
            "<ul><li>przeprowadzenie naboru wniosków o realizację zadania publicznego w ramach "
            "inicjatywy lokalnej i ocena wniosków;</li>"
            "<li>zawarcie, wykonanie i rozliczenie umowy z wnioskodawcami;</li>"
            "<li>kontakt z wnioskodawcami i odpowiedzi na pytania;</li>"
            "<li>publikacja wyników naboru i opisu zrealizowanych inicjatyw (bez danych "
            "osób prywatnych, chyba że wyrażą na to zgodę).</li></ul>"
        )
    else:
        controller = f"{GZM_NAME}, {GZM_ADDRESS}."
        purpose = (
            "<ul><li>odpowiedzi na pytania kierowane do zespołu GZM;</li>"
            "<li>prowadzenie portalu inicjatywy lokalnej dla gmin członkowskich.</li></ul>"
        )
    return PrivacyNoticePage(
        title="Ochrona danych osobowych",
        slug="ochrona-danych",
        show_in_menus=False,
        controller=controller,
        dpo_contact="",
        purposes=purpose,
        legal_basis=(
            "<p>Art. 6 ust. 1 lit. c i e RODO w związku z art. 19b–19h ustawy z dnia "
            "24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie oraz "
            "uchwałą rady gminy określającą tryb i kryteria oceny wniosków; w zakresie umowy "
            "art. 6 ust. 1 lit. b RODO.</p>"
        ),
        recipients=(
            "<p>Podmioty, którym przekazanie danych nakazuje prawo, oraz dostawcy usług "
            "informatycznych działający na zlecenie administratora.</p>"
        ),
        retention=(
            "<p>Przez czas potrzebny do przeprowadzenia naboru i rozliczenia umowy, a następnie "
            "przez okres wynikający z przepisów o archiwizacji (instrukcja kancelaryjna i "
            "jednolity rzeczowy wykaz akt).</p>"
        ),
        rights=(
            "<p>Masz prawo dostępu do swoich danych, ich sprostowania, ograniczenia "
            "przetwarzania oraz wniesienia sprzeciwu, a w przypadkach przewidzianych prawem "
            "także ich usunięcia. Masz prawo wnieść skargę do Prezesa Urzędu Ochrony Danych "
            "Osobowych (ul. Stawki 2, 00-193 Warszawa), jeśli uważasz, że przetwarzanie "
            "narusza RODO.</p>"
        ),
        requirement=(
            "<p>Podanie danych we wniosku jest warunkiem jego rozpatrzenia. Dane nie służą do "
            "zautomatyzowanego podejmowania decyzji ani profilowania.</p>"
        ),
    )


LEGAL_PAGES = [
    (AccessibilityStatementPage, statement_page),
    (EasyReadPage, easy_read_page),
    (SignLanguagePage, sign_language_page),
    (PrivacyNoticePage, privacy_notice_page),
]
