"""Factories for what every app's tests and the demo need: users, images and documents
(the pages of each app have their own factories beside it)."""

from django.contrib.auth import get_user_model

import factory
import wagtail_factories


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


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A document with its size and hash recorded, as the admin's upload form does."""

    title = factory.Sequence(lambda n: f"Dokument {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document
