"""Factories for municipalities and their content (tests and demo seeding). Users, images
and documents come from portal/factories.py, handbooks' pages from handbooks/factories.py."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import factory
import wagtail_factories

from portal.factories import ImageFactory
from portal.models import TaskArea

from .models import (
    CallCriterion,
    CallMode,
    CallPage,
    InitiativePage,
    InitiativePhoto,
    InitiativeStage,
    StatutoryCriterion,
)
from .onboarding import MunicipalityRecord


class MunicipalityRecordFactory(factory.Factory):
    """A made-up member, for tests that must not depend on the reference data."""

    class Meta:
        model = MunicipalityRecord

    name = factory.Sequence(lambda n: f"Gmina Testowa {n}")
    slug = factory.Sequence(lambda n: f"gmina-testowa-{n}")
    terc = factory.Sequence(lambda n: f"249{n % 1000:03d}2")
    gmina_type = "rural"
    county = "testowy"


class CallCriterionFactory(factory.django.DjangoModelFactory):
    """A line of the evaluation card; build it and hand it to ``CallPageFactory(criteria=…)``."""

    class Meta:
        model = CallCriterion

    name = factory.Sequence(lambda n: f"Kryterium lokalne {n}")
    max_points = 10
    statutory = ""

    class Params:
        social_work = factory.Trait(
            name="Wkład pracy społecznej mieszkańców",
            max_points=40,
            statutory=StatutoryCriterion.SOCIAL_WORK,
        )
        purposefulness = factory.Trait(
            name="Celowość zadania z punktu widzenia potrzeb społeczności lokalnej",
            max_points=25,
            statutory=StatutoryCriterion.PURPOSEFULNESS,
        )


def statutory_criteria():
    return [
        CallCriterionFactory.build(social_work=True),
        CallCriterionFactory.build(purposefulness=True),
    ]


class CallPageFactory(wagtail_factories.PageFactory):
    """A round open today, judged on the two statutory criteria; pass ``parent=`` a call list.

    Child rows (``criteria``, ``documents``, ``contacts``, ``applications``) and
    ``task_areas`` are given as lists of unsaved objects and saved with the page.
    """

    class Meta:
        model = CallPage

    title = factory.Sequence(lambda n: f"Nabór wniosków {n}")
    summary = "Zgłoś zadanie, które mieszkańcy zrealizują razem z gminą."
    mode = CallMode.ROUND
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    closes_on = factory.LazyAttribute(
        lambda call: call.opens_on + timedelta(days=45) if call.mode == CallMode.ROUND else None
    )
    year = factory.LazyAttribute(
        lambda call: (call.closes_on or call.opens_on or timezone.localdate()).year
    )
    pool_total = Decimal(100000)
    criteria = factory.LazyFunction(statutory_criteria)
    pass_threshold = 30


class InitiativePhotoFactory(factory.django.DjangoModelFactory):
    """A photo row; build it and hand it to ``InitiativePageFactory(photos=[…])``.

    Pass ``image=`` an image from the municipality's own collection; the default image
    goes to a collection of its own, which is fine only where isolation does not matter.
    """

    class Meta:
        model = InitiativePhoto

    image = factory.LazyFunction(lambda: ImageFactory())
    alt_text = factory.Sequence(lambda n: f"Mieszkańcy przy pracy, zdjęcie {n}")
    caption = ""
    role = ""


class InitiativePageFactory(wagtail_factories.PageFactory):
    """A completed initiative of last year; pass ``parent=`` a gallery page.

    The municipality follows from the parent (``InitiativePage.save``). ``photos`` is a list
    of unsaved ``InitiativePhoto`` rows, saved with the page.
    """

    class Meta:
        model = InitiativePage

    title = factory.Sequence(lambda n: f"Inicjatywa lokalna {n}")
    summary = "Mieszkańcy razem z gminą zrealizowali zadanie dla swojej okolicy."
    task_area = factory.LazyFunction(lambda: TaskArea.objects.order_by("sort_order", "pk").first())
    year = factory.LazyFunction(lambda: timezone.localdate().year - 1)
    stage = InitiativeStage.COMPLETED
    municipal_contribution = Decimal(20000)
    social_work_hours = Decimal(120)
    social_work_value = Decimal(3600)
    in_kind_value = Decimal(1500)
    financial_value = Decimal(0)
    residents_involved = 15
    photos = factory.LazyFunction(list)
