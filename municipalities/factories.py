"""Factories for municipalities, their users and their content (tests and demo seeding)."""

from django.contrib.auth import get_user_model

import factory
import wagtail_factories

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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Jan"
    last_name = "Kowalski"
    password = factory.PostGenerationMethodCall("set_password", "haslo-testowe-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Zdjęcie {n}")
