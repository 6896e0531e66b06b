"""Page query counts: small, and flat as the network and its content grow.

Counted warm: after two requests (the first one also creates the sites' settings rows,
which makes the page frame cached so far stale), as a server worker answers most requests.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from municipalities.factories import (
    CallPageFactory,
    InitiativePageFactory,
    InitiativePhotoFactory,
    MunicipalityRecordFactory,
)
from municipalities.models import CallIndexPage, GalleryPage
from municipalities.onboarding import onboard_municipality
from portal.factories import ImageFactory
from portal.models import TaskArea

pytestmark = pytest.mark.django_db

# The most queries each page type may take warm (the budget is ten).
BUDGETS = {
    "network home": 10,
    "network home en": 10,
    "municipality home": 10,
    "network calls": 10,
    "municipal calls": 10,
    "call page": 10,
    "network gallery": 10,
    "municipal gallery": 10,
    "initiative page": 10,
    "model process": 10,
    "handbook chapter": 10,
    "network calendar": 10,
    "network figures": 10,
    # English and Ukrainian listings of Polish-only content (docs/translations.md).
    "municipality home uk": 10,
    "network calls en": 10,
    "municipal calls uk": 10,
    "network gallery uk": 10,
    "municipal gallery en": 10,
    "network calendar en": 10,
    "network figures uk": 10,
}


def count_queries(client, path, host):
    client.get(path, HTTP_HOST=host)
    client.get(path, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return len(queries)


def add_content(municipality, count):
    """``count`` open calls and completed initiatives with a photo each."""
    today = timezone.localdate()
    calls = CallIndexPage.objects.descendant_of(municipality.root_page).get()
    gallery = GalleryPage.objects.descendant_of(municipality.root_page).get()
    area = TaskArea.objects.first()
    made = []
    for _ in range(count):
        made.append(
            CallPageFactory(
                parent=calls,
                municipality=municipality,
                opens_on=today - timezone.timedelta(days=5),
                closes_on=today + timezone.timedelta(days=20),
                task_areas=[area],
            )
        )
        made.append(
            InitiativePageFactory(
                parent=gallery,
                photos=[
                    InitiativePhotoFactory.build(
                        image=ImageFactory(collection=municipality.collection)
                    )
                ],
            )
        )
    return made


def pages_to_count(network, call, initiative):
    from handbooks.models import HandbookChapterPage, ModelProcessPage

    chapter = HandbookChapterPage.objects.live().filter(locale__language_code="pl").first()
    process = ModelProcessPage.objects.live().filter(locale__language_code="pl").first()
    city = f"{network.a.slug}.localhost"
    return {
        "network home": ("/", "localhost"),
        "network home en": ("/en/", "localhost"),
        "municipality home": ("/", city),
        "network calls": ("/nabory/", "localhost"),
        "municipal calls": ("/nabory/", city),
        "call page": (call.relative_url(network.a.site), city),
        "network gallery": ("/inicjatywy/", "localhost"),
        "municipal gallery": ("/zrealizowane-inicjatywy/", city),
        "initiative page": (initiative.relative_url(network.a.site), city),
        "model process": (process.relative_url(None), "localhost"),
        "handbook chapter": (chapter.relative_url(None), "localhost"),
        "network calendar": ("/nabory/kalendarz/", "localhost"),
        "network figures": ("/gzm-w-liczbach/", "localhost"),
        "municipality home uk": ("/uk/", city),
        "network calls en": ("/en/nabory/", "localhost"),
        "municipal calls uk": ("/uk/nabory/", city),
        "network gallery uk": ("/uk/inicjatywy/", "localhost"),
        "municipal gallery en": ("/en/zrealizowane-inicjatywy/", city),
        "network calendar en": ("/en/nabory/kalendarz/", "localhost"),
        "network figures uk": ("/uk/gzm-w-liczbach/", "localhost"),
    }


def test_main_pages_stay_within_their_query_budget_as_content_grows(client, network):
    call, initiative = add_content(network.a, 2)[:2]
    pages = pages_to_count(network, call, initiative)
    small = {name: count_queries(client, *where) for name, where in pages.items()}

    add_content(network.a, 8)
    add_content(network.b, 4)
    grown = {name: count_queries(client, *where) for name, where in pages.items()}

    over = {name: count for name, count in grown.items() if count > BUDGETS[name]}
    assert not over, f"over budget: {over} (budgets {BUDGETS})"
    assert grown == small, "query counts grew with the content"


@pytest.mark.parametrize(
    ("path", "host"),
    [
        ("/", "localhost"),
        ("/en/", "localhost"),
        ("/", "ruda-slaska.localhost"),
        ("/gzm-w-liczbach/", "localhost"),
    ],
)
def test_queries_do_not_depend_on_the_number_of_municipalities(client, network, path, host):
    with_two = count_queries(client, path, host)
    for _ in range(3):
        onboard_municipality(MunicipalityRecordFactory())

    assert count_queries(client, path, host) == with_two
