"""Onboarding one municipality, and the whole network of 41, in one idempotent step."""

from collections import Counter

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    ReferenceIndex,
    Revision,
    Site,
    Task,
    Workflow,
    WorkflowPage,
)

import pytest

from municipalities.factories import MunicipalityRecordFactory
from municipalities.models import (
    CallDocument,
    CallIndexPage,
    CallPage,
    ContactPage,
    GalleryPage,
    MunicipalApprovalTask,
    Municipality,
    MunicipalityHomePage,
)
from municipalities.onboarding import (
    NETWORK_ADMINS_GROUP,
    ensure_network,
    load_records,
    onboard_municipality,
)
from portal.models import (
    AccessibilityStatementPage,
    EasyReadPage,
    NetworkHomePage,
    PrivacyNoticePage,
    SignLanguagePage,
)

pytestmark = pytest.mark.django_db

SECTION_TYPES = [
    CallIndexPage,
    GalleryPage,
    ContactPage,
    AccessibilityStatementPage,
    EasyReadPage,
    SignLanguagePage,
    PrivacyNoticePage,
]


def snapshot():
    """Counts of everything onboarding creates."""
    models = [
        Page,
        Site,
        Group,
        Collection,
        GroupPagePermission,
        GroupCollectionPermission,
        GroupSitePermission,
        Workflow,
        WorkflowPage,
        MunicipalApprovalTask,
        Municipality,
        Revision,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_reference_data_has_the_41_members():
    records = load_records()

    assert len(records) == 41
    assert len({record.slug for record in records}) == 41
    assert len({record.terc for record in records}) == 41
    last_digit = {"city_county": "1", "urban": "1", "rural": "2", "urban_rural": "3"}
    assert all(record.terc[-1] == last_digit[record.gmina_type] for record in records)


def test_onboarding_creates_the_whole_subsite(network):
    record = MunicipalityRecordFactory(name="Gmina Nowa", slug="gmina-nowa")

    municipality = onboard_municipality(record)

    home = municipality.root_page.specific
    assert isinstance(home, MunicipalityHomePage)
    assert home.live and home.municipality == municipality
    assert home.get_parent().specific == network.home
    assert municipality.site.hostname == "gmina-nowa.localhost"
    assert municipality.site.root_page_id == home.pk
    sections = [child.specific for child in home.get_children()]
    assert [type(section) for section in sections] == SECTION_TYPES
    assert all(section.live for section in sections)

    for page in [home, *sections]:
        translations = {p.locale.language_code: p for p in page.get_translations()}
        assert set(translations) == {"en", "uk"}
        assert all(p.live for p in translations.values())

    assert municipality.collection.get_parent() == Collection.get_first_root_node()
    assert municipality.collection.name == "Gmina Nowa"


def test_onboarding_grants_each_group_its_own_objects_only(network):
    municipality = onboard_municipality(MunicipalityRecordFactory())
    homes = {
        municipality.root_page.pk,
        *municipality.root_page.get_translations().values_list("pk", flat=True),
    }

    for group, expected in [
        (municipality.editors_group, {"add_page", "change_page"}),
        (
            municipality.moderators_group,
            {
                "add_page",
                "change_page",
                "publish_page",
                "bulk_delete_page",
                "lock_page",
                "unlock_page",
            },
        ),
    ]:
        page_permissions = GroupPagePermission.objects.filter(group=group)
        assert {p.page_id for p in page_permissions} == homes
        assert {p.permission.codename for p in page_permissions} == expected
        collections = GroupCollectionPermission.objects.filter(group=group)
        assert {p.collection_id for p in collections} == {municipality.collection_id}
        assert {"add_image", "choose_image", "add_document", "choose_document"} <= {
            p.permission.codename for p in collections
        }
        sites = GroupSitePermission.objects.filter(group=group)
        assert {p.site_id for p in sites} == {municipality.site_id}
        assert not group.permissions.filter(codename__in=["add_page", "change_page"]).exists()


def test_onboarding_binds_an_approval_workflow_for_the_moderators(network):
    municipality = onboard_municipality(MunicipalityRecordFactory())

    workflow = municipality.workflow
    assert workflow.active
    tasks = [task.specific for task in workflow.tasks.all()]
    assert len(tasks) == 1
    assert isinstance(tasks[0], MunicipalApprovalTask)
    assert list(tasks[0].groups.all()) == [municipality.moderators_group]
    bound = set(WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True))
    assert municipality.root_page.pk in bound and len(bound) == 3
    section = municipality.root_page.get_children().first()
    assert section.get_workflow() == workflow


def test_onboarding_twice_changes_nothing(network):
    record = MunicipalityRecordFactory()
    onboard_municipality(record)
    before = snapshot()

    onboard_municipality(record)

    assert snapshot() == before


def test_onboard_command_refuses_an_unknown_slug(network):
    with pytest.raises(CommandError, match="No GZM member with the slug 'atlantyda'"):
        call_command("onboard_municipality", "atlantyda")


def test_onboard_command_uses_the_reference_data(network, capsys):
    call_command("onboard_municipality", "wyry")

    municipality = Municipality.objects.get(slug="wyry")
    assert (municipality.name, municipality.terc, municipality.county) == (
        "Wyry",
        "2408052",
        "mikołowski",
    )
    assert "http://wyry.localhost:8000/" in capsys.readouterr().out


def test_seed_demo_onboards_all_41_and_is_idempotent(network, client):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")

    assert snapshot() == first
    assert Municipality.objects.count() == 41
    assert Site.objects.count() == 42
    homes = MunicipalityHomePage.objects.filter(locale__language_code="pl").live()
    assert homes.count() == 41
    per_locale = Counter(
        MunicipalityHomePage.objects.values_list("locale__language_code", flat=True)
    )
    assert per_locale == {"pl": 41, "en": 41, "uk": 41}
    assert NetworkHomePage.objects.filter(locale__language_code="pl").count() == 1

    html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert all(f'href="/{record.slug}/"' in html for record in load_records())
    assert "Przykładowa treść demonstracyjna" in html
    katowice = client.get("/", HTTP_HOST="katowice.localhost").content.decode()
    assert "<h1>Katowice</h1>" in katowice
    assert "Przykładowa treść demonstracyjna" in katowice

    # The search and reference indexes, built once after seeding, cover what was seeded.
    found = client.get("/szukaj/", {"q": "nabór"}, HTTP_HOST="katowice.localhost")
    assert CallPage.objects.live().filter(municipality__slug="katowice").exists()
    assert "/nabory/" in found.content.decode()
    call_document = CallDocument.objects.select_related("document").first()
    assert ReferenceIndex.get_references_to(call_document.document).exists()

    # The seed leaves unique and foreign-key checks to the database while it runs; once it
    # is done, an editor's form validates them again.
    copy = Municipality(name="Katowice bis", slug="katowice", terc="2469011", county="x")
    copy.collection_id = 10**9
    with pytest.raises(ValidationError) as invalid:
        copy.full_clean()
    assert {"slug", "collection"} <= invalid.value.message_dict.keys()


# Nobody but GZM above the municipalities -------------------------------------------------


def pages_above_municipalities():
    """The tree root, the network home in every language, anything else above a home."""
    above = Page.objects.none()
    for home in MunicipalityHomePage.objects.all():
        above |= home.get_ancestors()
    return above | Page.objects.type(NetworkHomePage)


def test_only_network_admins_hold_permissions_above_the_municipalities(network):
    ensure_network()  # again: a second run must not bring anyone else back
    admins = Group.objects.get(name=NETWORK_ADMINS_GROUP)
    above = pages_above_municipalities()
    assert above.filter(depth=1).exists()

    page_holders = Group.objects.filter(page_permissions__page__in=above).distinct()
    collection_holders = Group.objects.filter(
        collection_permissions__collection=Collection.get_first_root_node()
    ).distinct()

    assert list(page_holders) == [admins]
    assert list(collection_holders) == [admins]
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_no_page_waits_for_a_task_nobody_may_approve(network):
    bound_tasks = (
        Task.objects.filter(active=True, workflow_tasks__workflow__workflow_pages__isnull=False)
        .distinct()
        .specific()
    )

    assert len(bound_tasks) >= 2  # one per municipality
    assert [task.name for task in bound_tasks if not task.groups.exists()] == []
