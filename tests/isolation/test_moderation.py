"""Moderation: B's drafts in B's workflow are approved by B's moderators (or GZM), and the
dashboard and reports that gather drafts, tasks and locks show A nothing of them.
"""

from django.urls import reverse
from django.utils import timezone

from wagtail.models import TaskState

import pytest

from municipalities.models import CallIndexPage

from .helpers import (
    DRAFT_TITLE,
    PEOPLE_OF_A,
    assert_denied,
    log_in_as,
    reload,
    save_draft,
    section,
)


def lock(page, user):
    page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])


def submit_for_moderation(municipality, author):
    """Save a draft of the municipality's calls page and submit it to its own workflow."""
    page = save_draft(section(municipality, CallIndexPage), DRAFT_TITLE, author)
    workflow = page.get_workflow()
    assert workflow == municipality.workflow
    workflow.start(page, author)
    return reload(page)


def workflow_url(url_name, page, action="approve"):
    return reverse(url_name, args=[page.pk, action, page.current_workflow_task_state.pk])


def approve(client, page):
    return client.post(
        workflow_url("wagtailadmin_pages:workflow_action", page), {"comment": "Zgoda"}
    )


@pytest.fixture
def b_in_moderation(network):
    return submit_for_moderation(network.b, network.users["editor_b"])


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_approving_the_other_municipality_draft_is_refused(network, client, b_in_moderation, role):
    page = b_in_moderation
    task_state = page.current_workflow_task_state
    log_in_as(client, network, role)

    for response in [
        client.get(workflow_url("wagtailadmin_pages:workflow_action", page)),
        client.get(workflow_url("wagtailadmin_pages:collect_workflow_action_data", page)),
        client.get(
            reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id])
        ),
        client.get(reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk])),
        approve(client, page),
        client.post(workflow_url("wagtailadmin_pages:workflow_action", page, "reject")),
    ]:
        assert_denied(response)
        assert DRAFT_TITLE not in response.content.decode()

    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    page = reload(page)
    assert (page.title, page.has_unpublished_changes) == ("Nabory wniosków", True)


@pytest.mark.parametrize(("role", "owner"), [("moderator_a", "a"), ("moderator_b", "b")])
def test_a_moderator_approves_own_municipality_draft(network, client, role, owner):
    municipality = getattr(network, owner)
    page = submit_for_moderation(municipality, network.users[f"editor_{owner}"])
    log_in_as(client, network, role)

    preview = client.get(
        reverse(
            "wagtailadmin_pages:workflow_preview",
            args=[page.pk, page.current_workflow_task_state.task_id],
        )
    )
    response = approve(client, page)

    assert preview.status_code == 200
    assert response.status_code == 302
    assert reload(page).title == DRAFT_TITLE


def test_network_admin_approves_the_municipality_draft(network, client, b_in_moderation):
    log_in_as(client, network, "network_admin")

    approve(client, b_in_moderation)

    assert reload(b_in_moderation).title == DRAFT_TITLE


# The dashboard and the reports that gather drafts, tasks, locks and history from the tree.
OVERVIEWS = [
    "wagtailadmin_home",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
]


@pytest.mark.parametrize("role", PEOPLE_OF_A)
@pytest.mark.parametrize("url_name", OVERVIEWS)
def test_overviews_do_not_show_the_other_municipality_drafts(
    network, client, b_in_moderation, role, url_name
):
    lock(b_in_moderation, network.users["moderator_b"])
    log_in_as(client, network, role)

    response = client.get(reverse(url_name))

    assert response.status_code in (200, 302)  # editors may not open the locked pages report
    assert DRAFT_TITLE not in response.content.decode()


@pytest.mark.parametrize("url_name", OVERVIEWS)
def test_overviews_show_own_drafts(network, client, url_name):
    page = submit_for_moderation(network.a, network.users["editor_a"])
    lock(page, network.users["moderator_a"])
    log_in_as(client, network, "moderator_a")

    response = client.get(reverse(url_name))

    assert DRAFT_TITLE in response.content.decode()


def test_page_types_report_does_not_show_the_other_municipality_drafts(
    network, client, b_in_moderation
):
    log_in_as(client, network, "editor_a")

    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    results = client.get(reverse("wagtailadmin_reports:page_types_usage_results"))

    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    assert response.status_code == results.status_code == 302
    assert response.url == results.url == reverse("wagtailadmin_home")
    assert DRAFT_TITLE not in response.content.decode() + results.content.decode()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_reports:page_types_usage") not in menu


def test_page_types_report_serves_the_network_admin(network, client, b_in_moderation):
    log_in_as(client, network, "network_admin")

    response = client.get(reverse("wagtailadmin_reports:page_types_usage"))

    assert response.status_code == 200
    assert DRAFT_TITLE in response.content.decode()
