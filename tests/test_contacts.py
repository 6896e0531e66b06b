"""The contact page: the local-initiative team, how to submit, schema.org JSON-LD."""

import json
import re

import pytest

from demo.seed import seed_demo_content
from municipalities.models import ContactPage, ContactPerson

pytestmark = pytest.mark.django_db


def contact_page(municipality):
    return ContactPage.objects.child_of(municipality.root_page).get()


@pytest.fixture
def team(network):
    page = contact_page(network.a)
    page.office_name = "Urząd Miasta Ruda Śląska"
    page.office_address = "pl. Jana Pawła II 6\n41-709 Ruda Śląska"
    page.epuap_address = "/umrudaslaska/SkrytkaESP"
    page.people.add(
        ContactPerson(
            name="Anna Nowak",
            role="Koordynatorka inicjatywy lokalnej",
            email="anna.nowak@example.org",
            phone="32 000 00 00",
            office_hours="pon.–pt. 8:00–15:00",
            address="pokój 101",
            accessibility="Wejście bez progów, winda, pętla indukcyjna.",
        )
    )
    page.save_revision().publish()
    return page


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_contact_page_shows_the_team_and_how_to_submit(client, network, team):
    html = client.get("/kontakt/", HTTP_HOST="ruda-slaska.localhost").content.decode()

    for text in (
        "Anna Nowak",
        "Koordynatorka inicjatywy lokalnej",
        "anna.nowak@example.org",
        "pokój 101",
        "Wejście bez progów, winda, pętla indukcyjna.",
        "/umrudaslaska/SkrytkaESP",
        "41-709 Ruda Śląska",
    ):
        assert text in html
    assert 'href="tel:32000000' in html


def test_contact_page_describes_the_office_in_json_ld(client, network, team):
    html = client.get("/kontakt/", HTTP_HOST="ruda-slaska.localhost").content.decode()

    (data,) = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == "Urząd Miasta Ruda Śląska"
    assert data["url"] == "http://ruda-slaska.localhost:8000/kontakt/"
    assert data["address"]["streetAddress"] == "pl. Jana Pawła II 6 41-709 Ruda Śląska"
    (point,) = data["contactPoint"]
    assert point == {
        "@type": "ContactPoint",
        "name": "Anna Nowak",
        "contactType": "Koordynatorka inicjatywy lokalnej",
        "email": "anna.nowak@example.org",
        "telephone": "32 000 00 00",
        "hoursAvailable": "pon.–pt. 8:00–15:00",
        "areaServed": "pokój 101",
    }


def test_json_ld_cannot_be_broken_out_of(client, network):
    page = contact_page(network.a)
    page.people.add(ContactPerson(name="</script><script>alert(1)</script>"))
    page.save_revision().publish()

    html = client.get("/kontakt/", HTTP_HOST="ruda-slaska.localhost").content.decode()

    assert "<script>alert(1)" not in html
    (data,) = json_ld(html)
    assert data["contactPoint"][0]["name"] == "</script><script>alert(1)</script>"


def test_empty_contact_page_says_so(client, network):
    html = client.get("/kontakt/", HTTP_HOST="czeladz.localhost").content.decode()

    assert "Dane kontaktowe zespołu zostaną wkrótce uzupełnione." in html


def test_demo_fills_an_example_team_once(network):
    seed_demo_content([network.b])
    page = contact_page(network.b)
    people = list(page.people.all())
    revisions = page.revisions.count()

    seed_demo_content([network.b])

    assert len(people) == 1 and "przykładowa treść" in people[0].name.lower()
    assert contact_page(network.b).revisions.count() == revisions
    assert page.office_name == "Urząd Miasta Czeladź"
