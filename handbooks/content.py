"""The model content GZM publishes: process, resolution assumptions, both handbooks (Polish).

Written for the portal from the Act on public benefit activity and volunteering
(art. 19b–19h) and the outcomes of the Metropolitan Prototyping School 2023. Seeding turns
these plain structures into StreamField values (``handbooks.seed``).
"""

ACT_URL = "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20030960873"

PROCESS_TITLE = "Model procesu inicjatywy lokalnej"
PROCESS_SLUG = "model-procesu"
PROCESS_INTRO = (
    "<p>Jedenaście kroków od ogłoszenia naboru do pokazania efektów w galerii. Model "
    "przygotowali uczestnicy Metropolitalnej Szkoły Prototypowania GZM (2023) na podstawie "
    "art. 19b–19h ustawy o działalności pożytku publicznego i o wolontariacie. Każda gmina "
    "dostosowuje go w swojej uchwale.</p>"
)

# (title, who acts, what happens, documents, typical duration)
PROCESS_STEPS = [
    (
        "Ogłoszenie naboru",
        "Urząd gminy (komórka koordynująca inicjatywę lokalną)",
        "Urząd ogłasza nabór wniosków zgodnie z uchwałą rady: podaje termin, pulę środków, "
        "obszary zadań i kryteria oceny. Informacja trafia na stronę gminy, do BIP, do rad "
        "dzielnic i organizacji pozarządowych. Gmina może też prowadzić nabór ciągły.",
        ["Ogłoszenie o naborze", "Wzór wniosku", "Karta oceny"],
        "2–4 tygodnie przed otwarciem naboru",
    ),
    (
        "Wniosek (z listą poparcia)",
        "Mieszkańcy — bezpośrednio albo za pośrednictwem organizacji pozarządowej lub "
        "podmiotu z art. 3 ust. 3",
        "Wnioskodawcy opisują zadanie, miejsce, harmonogram i swój wkład: pracę społeczną, "
        "świadczenia rzeczowe lub pieniężne. Dołączają listę poparcia mieszkańców, jeśli "
        "wymaga jej uchwała. Urzędnik może pomóc w przygotowaniu wniosku przed jego złożeniem.",
        [
            "Wniosek o realizację zadania",
            "Lista poparcia",
            "Zgoda właściciela terenu (jeśli dotyczy)",
        ],
        "Czas trwania naboru, zwykle 4–6 tygodni",
    ),
    (
        "Ocena formalna",
        "Urząd gminy",
        "Urząd sprawdza, czy wniosek jest kompletny, złożony w terminie i dotyczy zadania "
        "z katalogu art. 19b ust. 1. Jeśli czegoś brakuje, wzywa wnioskodawców do uzupełnienia "
        "braków w wyznaczonym terminie, zamiast od razu odrzucać wniosek.",
        ["Karta oceny formalnej", "Wezwanie do uzupełnienia braków"],
        "Do 14 dni, plus 7 dni na uzupełnienie",
    ),
    (
        "Opinie",
        "Wydziały merytoryczne urzędu, jednostki miejskie, rady dzielnic lub sołectw",
        "Wydziały oceniają wykonalność zadania: własność terenu, zgodność z planami, "
        "koszty utrzymania po realizacji. Rada dzielnicy może wyrazić opinię o potrzebie "
        "zadania w swojej okolicy.",
        ["Opinie wydziałów", "Opinia rady dzielnicy"],
        "Do 14 dni",
    ),
    (
        "Ocena merytoryczna",
        "Zespół lub komisja oceniająca powołana przez prezydenta, burmistrza albo wójta",
        "Komisja ocenia wniosek według kryteriów z uchwały, z wagami punktowymi. Zgodnie "
        "z art. 19c ust. 2 pierwszeństwo ma wkład mieszkańców, zwłaszcza praca społeczna. "
        "Komisja ocenia też celowość zadania z punktu widzenia potrzeb społeczności lokalnej.",
        ["Karta oceny merytorycznej", "Protokół z posiedzenia komisji"],
        "2–3 tygodnie",
    ),
    (
        "Decyzja i ogłoszenie wyników",
        "Prezydent, burmistrz albo wójt",
        "Organ wykonawczy rozstrzyga o przyjęciu lub odrzuceniu wniosków na podstawie oceny. "
        "Wyniki są publikowane na stronie gminy i w BIP, a wnioskodawcy otrzymują informację "
        "z uzasadnieniem.",
        ["Zarządzenie o wynikach", "Informacja dla wnioskodawców"],
        "Do 7 dni od zakończenia oceny",
    ),
    (
        "Uzgodnienie zakresu, harmonogramu i kosztorysu",
        "Urząd gminy razem z wnioskodawcami",
        "Przed podpisaniem umowy strony doprecyzowują zakres zadania, podział obowiązków, "
        "harmonogram prac i kosztorys. Ustalają, które zakupy robi gmina, a co wnoszą "
        "mieszkańcy.",
        ["Harmonogram", "Kosztorys", "Podział obowiązków"],
        "1–3 tygodnie",
    ),
    (
        "Umowa",
        "Gmina i wnioskodawcy",
        "Gmina zawiera z wnioskodawcami umowę na czas określony (art. 19e). Umowa określa "
        "zadanie, wkład każdej ze stron, harmonogram, sposób rozliczenia i osoby do kontaktu. "
        "Gmina nie przekazuje wnioskodawcom pieniędzy — sama kupuje usługi i materiały.",
        ["Umowa o wykonanie inicjatywy lokalnej"],
        "Około 2 tygodni",
    ),
    (
        "Realizacja",
        "Mieszkańcy i urząd gminy",
        "Mieszkańcy wykonują pracę społeczną i dostarczają zadeklarowane świadczenia, gmina "
        "zamawia usługi, kupuje materiały, może użyczyć sprzętu. Koordynator w urzędzie "
        "pilnuje harmonogramu i pomaga rozwiązywać problemy.",
        ["Ewidencja pracy społecznej", "Protokoły odbioru"],
        "Zgodnie z harmonogramem, zwykle 1–6 miesięcy",
    ),
    (
        "Rozliczenie i sprawozdanie",
        "Wnioskodawcy i urząd gminy",
        "Wnioskodawcy składają sprawozdanie z wykonania zadania i potwierdzają wniesiony wkład. "
        "Urząd rozlicza wydatki gminy i sporządza protokół końcowy.",
        ["Sprawozdanie z realizacji", "Protokół końcowy"],
        "Do 30 dni od zakończenia prac",
    ),
    (
        "Publikacja w galerii efektów",
        "Urząd gminy",
        "Zrealizowana inicjatywa trafia do galerii na stronie gminy: zdjęcia przed i po, "
        "koszt, wkład mieszkańców. To zachęta dla kolejnych grup sąsiadów.",
        ["Zdjęcia", "Opis efektów"],
        "Do 14 dni od rozliczenia",
    ),
]

RESOLUTION_TITLE = "Założenia uchwały w sprawie inicjatywy lokalnej"
RESOLUTION_SLUG = "zalozenia-uchwaly"
RESOLUTION_INTRO = (
    "<p>Rada gminy określa w drodze uchwały tryb i szczegółowe kryteria oceny wniosków "
    "(art. 19c ust. 1 ustawy). Poniżej: co uchwała musi rozstrzygnąć, co proponuje model "
    "GZM i jakie wybory zostają po stronie gminy.</p>"
)

# (topic, title, what the resolution must define, model proposal, municipal choices)
RESOLUTION_ELEMENTS = [
    (
        "procedure",
        "Tryb składania i rozpatrywania wniosków",
        "Kto może złożyć wniosek, w jakiej formie, gdzie i w jakim terminie, oraz jak "
        "przebiega ocena formalna i merytoryczna.",
        "Wniosek składany elektronicznie lub na papierze, z wezwaniem do uzupełnienia braków "
        "w ciągu 7 dni, oceną formalną w 14 dni i komisją oceniającą z udziałem mieszkańców.",
        [
            "Czy wymagać listy poparcia i ilu podpisów",
            "Kto zasiada w komisji oceniającej",
            "Czy zasięgać opinii rad dzielnic",
        ],
    ),
    (
        "criteria",
        "Kryteria oceny i ich wagi",
        "Szczegółowe kryteria oceny wniosku. Ustawa każe w pierwszej kolejności brać pod uwagę "
        "wkład pracy społecznej mieszkańców (art. 19c ust. 2).",
        "Karta oceny z wagami punktowymi, w której wkład pracy społecznej ma najwięcej punktów, "
        "a celowość zadania oceniana jest z punktu widzenia potrzeb społeczności lokalnej.",
        ["Wagi poszczególnych kryteriów", "Minimalna liczba punktów do przyjęcia wniosku"],
    ),
    (
        "contribution",
        "Formy wkładu własnego",
        "Jakie formy wkładu mieszkańców gmina przyjmuje: praca społeczna, świadczenia rzeczowe, "
        "świadczenia pieniężne.",
        "Wszystkie trzy formy, z prostą ewidencją godzin pracy społecznej i wyceną godziny "
        "pracy według stawki przyjętej przez gminę.",
        ["Czy wymagać minimalnego wkładu", "Stawka wyceny godziny pracy społecznej"],
    ),
    (
        "calls",
        "Tryb naborów",
        "Czy wnioski przyjmowane są w naborach ogłaszanych w określonych terminach, czy "
        "w trybie ciągłym, i jak gmina o nich informuje.",
        "Co najmniej jeden nabór w roku, ogłaszany z wyprzedzeniem, z możliwością naboru "
        "ciągłego dla małych zadań.",
        ["Nabór terminowy czy ciągły", "Pula środków na rok"],
    ),
]

CRITERIA_TITLE = "Modelowa karta oceny merytorycznej"
# (criterion, maximum points, how to assess)
CRITERIA = [
    ("Wkład pracy społecznej mieszkańców", 30, "Liczba zadeklarowanych godzin i osób"),
    ("Celowość zadania", 20, "Odpowiedź na potrzeby społeczności lokalnej"),
    ("Świadczenia rzeczowe i pieniężne", 15, "Wartość wkładu w stosunku do kosztu zadania"),
    ("Trwałość i koszty utrzymania", 15, "Kto i za ile utrzyma efekt po realizacji"),
    ("Dostępność dla mieszkańców", 10, "Czy z efektu skorzysta szeroki krąg osób"),
    ("Wykonalność", 10, "Realny harmonogram i kosztorys"),
]

# Handbooks: (slug, title, audience, intro, chapters)
# Each chapter: (slug, title, summary, blocks); a block is (type, value).
HANDBOOKS = [
    (
        "podrecznik-dla-urzednika",
        "Podręcznik dla urzędnika",
        "officials",
        "<p>Jak przygotować gminę do inicjatywy lokalnej, poprowadzić nabór i wspierać "
        "mieszkańców od wniosku do rozliczenia.</p>",
        [
            (
                "czym-jest-inicjatywa-lokalna",
                "Czym jest inicjatywa lokalna",
                "Podstawa prawna, zadania, które można zrealizować, i rola gminy.",
                [
                    (
                        "text",
                        "<p>Inicjatywa lokalna to forma współpracy gminy z mieszkańcami, "
                        "uregulowana w art. 19b–19h ustawy o działalności pożytku publicznego "
                        "i o wolontariacie. Mieszkańcy proponują zadanie publiczne i pomagają "
                        "je wykonać, a gmina realizuje je razem z nimi.</p>",
                    ),
                    (
                        "callout",
                        {
                            "heading": "Najważniejsze",
                            "text": "<p>Gmina nie przekazuje pieniędzy wnioskodawcom. "
                            "Sama kupuje usługi i materiały, a mieszkańcy wnoszą swój wkład.</p>",
                        },
                    ),
                    (
                        "document",
                        {
                            "title": "Ustawa o działalności pożytku publicznego i o wolontariacie",
                            "url": ACT_URL,
                            "description": "Tekst ustawy w Internetowym Systemie Aktów Prawnych",
                        },
                    ),
                ],
            ),
            (
                "przygotowanie-gminy",
                "Przygotowanie gminy",
                "Uchwała rady, koordynator, budżet i wzory dokumentów.",
                [
                    (
                        "checklist",
                        {
                            "heading": "Zanim ogłosisz pierwszy nabór",
                            "items": [
                                "Rada przyjęła uchwałę określającą tryb i kryteria oceny",
                                "Wyznaczono koordynatora i jego zastępcę",
                                "W budżecie zaplanowano środki na inicjatywy lokalne",
                                "Przygotowano wzory wniosku, umowy i sprawozdania",
                                "Wydziały wiedzą, jak i w jakim terminie wydają opinie",
                            ],
                        },
                    ),
                    (
                        "text",
                        "<p>Koordynator jest pierwszym kontaktem dla mieszkańców. Warto, żeby "
                        "miał czas na spotkania i konsultacje przed złożeniem wniosku — to one "
                        "najbardziej podnoszą jakość wniosków.</p>",
                    ),
                ],
            ),
            (
                "ocena-wnioskow",
                "Ocena wniosków",
                "Ocena formalna, opinie wydziałów i ocena merytoryczna.",
                [
                    (
                        "steps",
                        {
                            "heading": "Kolejność oceny",
                            "steps": [
                                {
                                    "title": "Ocena formalna",
                                    "text": "<p>Sprawdź kompletność i termin; wezwij do "
                                    "uzupełnienia braków.</p>",
                                },
                                {
                                    "title": "Opinie",
                                    "text": "<p>Zbierz opinie wydziałów i rad dzielnic.</p>",
                                },
                                {
                                    "title": "Ocena merytoryczna",
                                    "text": "<p>Komisja przyznaje punkty według karty oceny.</p>",
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "heading": "Praca społeczna na pierwszym miejscu",
                            "text": "<p>Ustawa każe w pierwszej kolejności uwzględniać wkład "
                            "pracy społecznej mieszkańców.</p>",
                        },
                    ),
                ],
            ),
            (
                "umowa-i-rozliczenie",
                "Umowa, realizacja i rozliczenie",
                "Co zapisać w umowie i jak rozliczyć zadanie.",
                [
                    (
                        "text",
                        "<p>Umowę zawiera się na czas określony. Opisuje zadanie, wkład stron, "
                        "harmonogram i sposób rozliczenia. Po zakończeniu prac wnioskodawcy "
                        "składają sprawozdanie, a urząd sporządza protokół końcowy.</p>",
                    ),
                    (
                        "faq",
                        {
                            "question": "Czy gmina może użyczyć sprzętu?",
                            "answer": "<p>Tak. Użyczenie sprzętu lub pomieszczeń to częsta "
                            "forma wsparcia ze strony gminy.</p>",
                        },
                    ),
                ],
            ),
        ],
    ),
    (
        "podrecznik-dla-mieszkanca",
        "Podręcznik dla mieszkańca",
        "residents",
        "<p>Jak razem z sąsiadami zaproponować zadanie dla swojej okolicy i zrealizować je "
        "wspólnie z gminą.</p>",
        [
            (
                "od-pomyslu-do-wniosku",
                "Od pomysłu do wniosku",
                "Jak sprawdzić pomysł i zebrać grupę sąsiadów.",
                [
                    (
                        "text",
                        "<p>Zacznij od rozmowy z sąsiadami: czego brakuje w okolicy i co "
                        "możecie zrobić sami? Inicjatywą lokalną może być np. zieleniec, "
                        "plac zabaw, remont świetlicy czy festyn sąsiedzki.</p>",
                    ),
                    (
                        "checklist",
                        {
                            "heading": "Sprawdź, zanim napiszesz wniosek",
                            "items": [
                                "Kto jest właścicielem terenu, na którym chcecie działać",
                                "Ilu sąsiadów chce pomóc i ile godzin pracy możecie wnieść",
                                "Czy w gminie trwa nabór wniosków",
                                "Kto w urzędzie pomaga przygotować wniosek",
                            ],
                        },
                    ),
                ],
            ),
            (
                "wklad-wlasny",
                "Wasz wkład",
                "Praca społeczna, świadczenia rzeczowe i pieniężne.",
                [
                    (
                        "text",
                        "<p>Wkład mieszkańców może mieć trzy formy: pracę społeczną (np. "
                        "sadzenie roślin, malowanie), świadczenia rzeczowe (np. narzędzia, "
                        "materiały) i świadczenia pieniężne.</p>",
                    ),
                    (
                        "callout",
                        {
                            "heading": "Praca liczy się najbardziej",
                            "text": "<p>Przy ocenie wniosku gmina w pierwszej kolejności "
                            "bierze pod uwagę pracę społeczną mieszkańców.</p>",
                        },
                    ),
                ],
            ),
            (
                "zlozenie-wniosku",
                "Złożenie wniosku",
                "Co napisać we wniosku i co dzieje się po jego złożeniu.",
                [
                    (
                        "steps",
                        {
                            "heading": "Krok po kroku",
                            "steps": [
                                {"title": "Opiszcie zadanie i miejsce", "text": ""},
                                {"title": "Zaplanujcie harmonogram i wkład", "text": ""},
                                {"title": "Zbierzcie podpisy na liście poparcia", "text": ""},
                                {"title": "Złóżcie wniosek w urzędzie lub przez ePUAP", "text": ""},
                            ],
                        },
                    ),
                    (
                        "faq",
                        {
                            "question": "Co, jeśli we wniosku czegoś brakuje?",
                            "answer": "<p>Urząd wezwie Was do uzupełnienia braków i poda "
                            "termin. Wniosek nie przepada od razu.</p>",
                        },
                    ),
                ],
            ),
            (
                "realizacja",
                "Realizacja i efekty",
                "Umowa z gminą, wspólna praca i pokazanie efektów.",
                [
                    (
                        "text",
                        "<p>Po przyjęciu wniosku podpisujecie z gminą umowę. Gmina kupuje "
                        "materiały i usługi, a Wy wykonujecie zadeklarowaną pracę. Na koniec "
                        "składacie krótkie sprawozdanie, a efekty trafiają do galerii.</p>",
                    ),
                    (
                        "faq",
                        {
                            "question": "Czy dostaniemy pieniądze na konto?",
                            "answer": "<p>Nie. W inicjatywie lokalnej gmina sama płaci za "
                            "zakupy i usługi.</p>",
                        },
                    ),
                ],
            ),
        ],
    ),
]

# Titles of the model pages in the other content languages (wagtail-localize fills them in;
# editors translate the body in the localize editor).
TRANSLATED_TITLES = {
    "en": {
        PROCESS_TITLE: "Model process of a local initiative",
        RESOLUTION_TITLE: "Assumptions for the council resolution on local initiative",
        "Podręcznik dla urzędnika": "Handbook for officials",
        "Podręcznik dla mieszkańca": "Handbook for residents",
        "Czym jest inicjatywa lokalna": "What a local initiative is",
        "Przygotowanie gminy": "Preparing the municipality",
        "Ocena wniosków": "Assessing applications",
        "Umowa, realizacja i rozliczenie": "Agreement, implementation and settlement",
        "Od pomysłu do wniosku": "From an idea to an application",
        "Wasz wkład": "Your contribution",
        "Złożenie wniosku": "Submitting the application",
        "Realizacja i efekty": "Implementation and results",
        "Ogłoszenie naboru": "The call",
        "Wniosek (z listą poparcia)": "The application (with its support list)",
        "Ocena formalna": "Formal check",
        "Opinie": "Opinions",
        "Ocena merytoryczna": "Substantive assessment",
        "Decyzja i ogłoszenie wyników": "Decision and publication of results",
        "Uzgodnienie zakresu, harmonogramu i kosztorysu": (
            "Agreeing the scope, schedule and cost estimate"
        ),
        "Umowa": "The agreement",
        "Realizacja": "Implementation",
        "Rozliczenie i sprawozdanie": "Settlement and report",
        "Publikacja w galerii efektów": "Publication in the results gallery",
    },
    "uk": {
        PROCESS_TITLE: "Модель процесу місцевої ініціативи",
        RESOLUTION_TITLE: "Засади ухвали ради про місцеву ініціативу",
        "Podręcznik dla urzędnika": "Посібник для службовця",
        "Podręcznik dla mieszkańca": "Посібник для мешканця",
        "Czym jest inicjatywa lokalna": "Що таке місцева ініціатива",
        "Przygotowanie gminy": "Підготовка громади",
        "Ocena wniosków": "Оцінювання заявок",
        "Umowa, realizacja i rozliczenie": "Договір, реалізація та звітування",
        "Od pomysłu do wniosku": "Від ідеї до заявки",
        "Wasz wkład": "Ваш внесок",
        "Złożenie wniosku": "Подання заявки",
        "Realizacja i efekty": "Реалізація та результати",
        "Ogłoszenie naboru": "Оголошення прийому заявок",
        "Wniosek (z listą poparcia)": "Заявка (зі списком підтримки)",
        "Ocena formalna": "Формальна перевірка",
        "Opinie": "Висновки",
        "Ocena merytoryczna": "Оцінювання по суті",
        "Decyzja i ogłoszenie wyników": "Рішення та оголошення результатів",
        "Uzgodnienie zakresu, harmonogramu i kosztorysu": "Узгодження обсягу, графіка та кошторису",
        "Umowa": "Договір",
        "Realizacja": "Реалізація",
        "Rozliczenie i sprawozdanie": "Звітування та звіт",
        "Publikacja w galerii efektów": "Публікація в галереї результатів",
    },
}
