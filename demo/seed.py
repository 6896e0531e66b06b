"""The demo network: every municipality onboarded, then example content, always labelled.

``seed_demo`` is the one place that orders the steps; each step is idempotent, so running
the command again changes nothing.
"""

from contextlib import contextmanager

from django.core.management import call_command
from django.db.models import Field, ForeignKey, Model
from django.db.models.signals import post_save

from wagtail.signal_handlers import disable_reference_index_auto_update

from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler

from municipalities.onboarding import seed_network
from portal import frontend_cache

from .calls import seed_demo_calls
from .content import seed_demo_texts
from .handbooks import seed_demo_variants
from .initiatives import seed_demo_initiatives


def seed_demo_content(municipalities, step=None):
    """Example content for ``municipalities`` (already onboarded); ``step``, if given, is
    told the name of each step as it starts."""
    for name, seed in (
        ("texts", seed_demo_texts),
        ("calls", seed_demo_calls),
        ("initiatives", seed_demo_initiatives),
        ("handbook variants", seed_demo_variants),
    ):
        if step is not None:
            step(name)
        seed(municipalities)


@contextmanager
def indexes_built_after(step=None):
    """Let the saves inside skip the search index and Wagtail's reference index, then build
    both once at the end.

    A seed saves thousands of pages, revisions and translations, and indexing each save on
    its own costs more than half of seeding; one pass over the finished content gives the
    same indexes. Deletions still reach the indexes as they happen.
    """
    models = [
        model
        for model in index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    if step is not None:
        step("search and reference indexes")
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)


@contextmanager
def integrity_left_to_database():
    """Let model validation skip the checks the database makes anyway.

    Every page, revision and log entry is validated before it is saved, and Django checks
    each foreign key and each unique field with a query of its own: a fifth of a seed's
    ~180,000 statements. The seed writes only rows it has just planned, into tables whose
    foreign keys and unique constraints the database enforces (an error there still stops
    the seed), so those queries are left out while it runs. Everything else in validation
    (required fields, Wagtail's slug and tree rules) still applies.
    """
    foreign_key_check, unique_check = ForeignKey.validate, Model.validate_unique
    constraint_check = Model.validate_constraints

    def foreign_key_without_query(field, value, instance):
        if not field.remote_field.parent_link:
            Field.validate(field, value, instance)

    ForeignKey.validate = foreign_key_without_query
    Model.validate_unique = Model.validate_constraints = lambda instance, exclude=None: None
    try:
        yield
    finally:
        ForeignKey.validate, Model.validate_unique = foreign_key_check, unique_check
        Model.validate_constraints = constraint_check


def seed_demo(records=None, progress=None, step=None):
    """Onboard the network (all 41 members by default) and add the example content."""
    with (
        frontend_cache.one_purge_after(),
        integrity_left_to_database(),
        indexes_built_after(step),
    ):
        municipalities = seed_network(records, progress=progress)
        seed_demo_content(municipalities, step=step)
    return municipalities
