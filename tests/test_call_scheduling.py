"""Scheduled publishing of calls: go-live and expiry happen when ``publish_scheduled`` runs.

Wagtail stores the schedule (``go_live_at``, ``expire_at``) and only the management command
acts on it; production runs it every few minutes (docs/calls.md).
"""

from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command

import pytest
import time_machine

from municipalities.models import CallCriterion, CallIndexPage, CallMode, CallPage

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
HOST_A = "ruda-slaska.localhost"


def at(day, hour):
    return time_machine.travel(datetime(2026, 3, day, hour, tzinfo=WARSAW), tick=False)


def new_call(municipality, **fields):
    call = CallPage(
        title="Nabór wniosków 2026",
        slug="nabor-2026",
        summary="Zgłoś pomysł na zadanie dla swojej dzielnicy.",
        mode=CallMode.ROUND,
        year=2026,
        opens_on=date(2026, 3, 2),
        closes_on=date(2026, 4, 30),
        pool_total=Decimal("100000"),
        live=False,
        **fields,
    )
    call.criteria.add(
        CallCriterion(name="Wkład pracy społecznej", max_points=20, statutory="social_work")
    )
    CallIndexPage.objects.child_of(municipality.root_page).get().add_child(instance=call)
    return call


def publish_scheduled():
    call_command("publish_scheduled", stdout=StringIO())


def resident_sees(client, path):
    return client.get(path, HTTP_HOST=HOST_A).status_code == 200


def in_calendar(client):
    return b"nabor-2026" in client.get("/nabory/kalendarz/", HTTP_HOST=HOST_A).content


def test_call_scheduled_to_go_live_is_published_by_the_scheduler(client, network):
    with at(1, 9):
        call = new_call(network.a, go_live_at=datetime(2026, 3, 2, 8, tzinfo=WARSAW))
        revision = call.save_revision()
        revision.publish()  # approved, with a go-live time still ahead: scheduled
        call.refresh_from_db()
        revision.refresh_from_db()

        assert not call.live
        assert revision.approved_go_live_at == datetime(2026, 3, 2, 8, tzinfo=WARSAW)
        assert call.scheduled_revision == revision
        publish_scheduled()  # too early: nothing happens
        call.refresh_from_db()
        assert not call.live
        assert not resident_sees(client, "/nabory/nabor-2026/")
        assert not in_calendar(client)

    with at(2, 8):  # the go-live time itself is not yet past it
        publish_scheduled()
        call.refresh_from_db()
        assert not call.live

    with at(2, 9):
        publish_scheduled()
        call.refresh_from_db()
        revision.refresh_from_db()

        assert call.live
        assert call.live_revision_id == revision.pk
        assert revision.approved_go_live_at is None
        assert resident_sees(client, "/nabory/nabor-2026/")
        assert in_calendar(client)


def test_live_call_past_its_expiry_is_unpublished_by_the_scheduler(client, network):
    with at(1, 9):
        call = new_call(network.a, expire_at=datetime(2026, 3, 20, 0, tzinfo=WARSAW))
        call.save_revision().publish()
        call.refresh_from_db()
        assert call.live
        assert in_calendar(client)

    with at(19, 23):
        publish_scheduled()
        call.refresh_from_db()
        assert call.live

    with at(20, 1):
        assert resident_sees(client, "/nabory/nabor-2026/")  # until the scheduler runs
        publish_scheduled()
        call.refresh_from_db()

        assert not call.live
        assert call.expired
        assert not resident_sees(client, "/nabory/nabor-2026/")
        assert not in_calendar(client)
