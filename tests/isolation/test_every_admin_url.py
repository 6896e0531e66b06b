"""Every admin URL the project registers, walked by A's people with B's object ids.

The URLs come from Django's resolver, not from a list kept by hand: a view added by Wagtail,
wagtail-localize or the project joins the walk by itself, and one with a parameter the walk
does not know how to fill fails ``test_the_walk_knows_every_admin_url`` until it is taught.

B is planted with one secret of each kind: a draft page in moderation, an unpublished
revision of a live page, an image, a tag, a document, a file half-uploaded, a translation,
a handbook variant's chapter, a redirect, a search promotion, an editing session, and
names of its workflow, task, collection and editor (who holds a lock). Every secret
carries ``SECRET``.

- A's editor and A's moderator GET every URL, then POST to every URL: no answer names a
  secret, none is a server error, and nothing of B's changes.
- B's moderator walks the same URLs (the positive control): each kind of secret shows up
  on at least one of them, so the walk can see what it looks for.
"""

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, UploadedFile
from wagtail_localize.models import OverridableSegment, StringSegment, Translation

import pytest

from handbooks import sync
from municipalities.factories import CallPageFactory
from municipalities.models import CallIndexPage, ContactPage
from portal.factories import DocumentFactory, ImageFactory
from portal.models import TaskArea

from ..conftest import TwoFactorClient
from ..handbook_helpers import model_handbook, variant_chapter
from .helpers import PEOPLE_OF_A, english, log_in_as, reload, save_draft, section

SECRET = "Qx7Tajne"

# What each secret is called in its object; the control expects each to be seen by B.
SECRETS = {
    "draft page": f"{SECRET}Szkic",
    "unpublished revision": f"{SECRET}Poprawka",
    "image": f"{SECRET}Zdjecie",
    "tag": f"{SECRET.lower()}znacznik",
    "document": f"{SECRET}Dokument",
    "upload": f"{SECRET.lower()}przeslany",
    "chapter draft": f"{SECRET}Rozdzial",
    "redirect": f"{SECRET.lower()}stary-adres",
    "search promotion": f"{SECRET}Polecenie",
    "workflow": f"{SECRET}Obieg",
    "task": f"{SECRET}Zadanie",
    "collection": f"{SECRET}Kolekcja",
    "editor": f"{SECRET}Nazwisko",
    "login": f"{SECRET.lower()}login",
}

NOT_SHOWN_TO_B = {"redirect", "search promotion", "upload"}

# Admin URLs left out of the walk, and why.
NOT_WALKED = {
    "wagtailadmin_error_test": "Wagtail's deliberate error, for testing error reporting",
    "wagtailadmin_logout": "would end the walker's session",
    "wagtailadmin_password_reset_confirm": "a signed link for one user, no object id",
}


# The resolver -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AdminRoute:
    route: str  # as the resolver spells it, path converters and regexes mixed
    name: str  # namespaced URL name, or the view's module path when it has none
    lookup: str  # the view's module path

    @property
    def parameters(self):
        return [a or b for a, b in PARAMETER.findall(self.route)]


def admin_routes():
    def walk(patterns, prefix, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                more = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), more)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                lookup = pattern.lookup_str
                name = ":".join((*namespaces, pattern.name)) if pattern.name else lookup
                yield AdminRoute(route, name, lookup)

    # The project's stricter views come first at Wagtail's addresses, often without a name:
    # each address is walked once, under the name Wagtail gives it.
    routes = {}
    for route in walk(get_resolver().url_patterns, "", ()):
        if not route.route.startswith("admin/"):
            continue
        first = routes.setdefault(route.route, route)
        if first.name == first.lookup and route.name != route.lookup:
            routes[route.route] = AdminRoute(route.route, route.name, first.lookup)
    return list(routes.values())


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


def fill(route, values):
    """The route as a path, each parameter (a path converter or a regex group) replaced by
    its value."""
    path = PARAMETER.sub(lambda match: str(values[match.group(1) or match.group(2)]), route)
    return "/" + path.replace("^", "").replace("$", "").replace("\\.", ".")


# B's secrets -------------------------------------------------------------------------------


def plant(network):
    b, editor_b = network.b, network.users["editor_b"]

    editor_b.last_name = SECRETS["editor"]
    editor_b.username = SECRETS["login"]
    editor_b.save()
    b.collection.name = SECRETS["collection"]
    b.collection.save()
    workflow = b.workflow
    workflow.name = SECRETS["workflow"]
    workflow.save()
    task = workflow.tasks.first().specific
    task.name = SECRETS["task"]
    task.save()

    draft = CallPageFactory(parent=section(b, CallIndexPage), title=SECRETS["draft page"])
    draft.unpublish()
    draft = save_draft(reload(draft), SECRETS["draft page"], editor_b)
    workflow.start(draft, editor_b)
    draft = reload(draft)
    draft.locked, draft.locked_by, draft.locked_at = True, editor_b, timezone.now()
    draft.save(update_fields=["locked", "locked_by", "locked_at"])
    task_state = draft.current_workflow_task_state

    contact = save_draft(section(b, ContactPage), SECRETS["unpublished revision"], editor_b)
    translation = Translation.objects.filter(
        source__object_id=contact.translation_key, target_locale=english()
    ).get()

    image = ImageFactory(collection=b.collection, title=SECRETS["image"])
    image.tags.add(SECRETS["tag"])
    document = DocumentFactory(collection=b.collection, title=SECRETS["document"])
    document.tags.add(SECRETS["tag"])
    upload = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        file=f"wagtail_uploads/{SECRETS['upload']}.png",
        uploaded_by_user=editor_b,
    )

    variant = sync.create_variant(model_handbook(), b)
    chapter = variant_chapter(variant, "wklad-wlasny")
    sync.customise_chapter(chapter)
    chapter = save_draft(reload(chapter), SECRETS["chapter draft"], editor_b)

    redirect = Redirect.objects.create(
        site=b.site, old_path=f"/{SECRETS['redirect']}", redirect_page=draft
    )
    query = Query.get(SECRETS["search promotion"])
    SearchPromotion.objects.create(
        query=query, page=draft, description=SECRETS["search promotion"], sort_order=0
    )
    session = EditingSession.objects.create(
        user=editor_b,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(draft.pk),
        last_seen_at=timezone.now(),
    )

    string_segment = StringSegment.objects.filter(source=translation.source).first()
    overridable = OverridableSegment.objects.filter(source=translation.source).first()
    return {
        "b": b,
        "draft": draft,
        "calls": section(b, CallIndexPage),
        "revision": draft.latest_revision,
        "task_state": task_state,
        "workflow": workflow,
        "task": task,
        "image": image,
        "document": document,
        "upload": upload,
        "translation": translation,
        "string_segment": string_segment,
        "overridable_segment": overridable,
        "variant": variant,
        "chapter": chapter,
        "redirect": redirect,
        "query": query,
        "session": session,
        "editor_b": editor_b,
        "contact": contact,
    }


def what_b_has(network):
    """What A's people must not be able to change: B's pages, media, moderation and people,
    and what the municipalities share."""
    b = network.b
    pages = Page.objects.descendant_of(b.root_page, inclusive=True)
    image_model, document_model = get_image_model(), get_document_model()
    return {
        "pages": sorted(
            pages.values_list("pk", "title", "live", "latest_revision_id", "path", "locked")
        ),
        "images": sorted(
            image_model.objects.filter(collection=b.collection).values_list(
                "pk", "title", "file", "collection_id"
            )
        ),
        "documents": sorted(
            document_model.objects.filter(collection=b.collection).values_list(
                "pk", "title", "file", "collection_id"
            )
        ),
        "uploads": sorted(UploadedFile.objects.values_list("pk", "file")),
        "tasks in progress": sorted(
            b.workflow.workflow_states.values_list("pk", "status", "current_task_state__status")
        ),
        "translations": sorted(
            Translation.objects.filter(source__locale__isnull=False).values_list("pk", "enabled")
        ),
        "redirects": sorted(Redirect.objects.values_list("pk", "old_path", "redirect_page_id")),
        "promotions": sorted(SearchPromotion.objects.values_list("pk", "page_id", "description")),
        "people": sorted(
            b.editors_group.user_set.values_list("pk", "is_active", "last_name", "password")
        ),
        "group permissions": sorted(b.editors_group.permissions.values_list("pk", flat=True)),
        "collection": (b.collection.name, b.collection.depth),
        # What every municipality shares.
        "task areas": sorted(
            TaskArea.objects.values_list("pk", "key", "name_pl", "description_pl")
        ),
        "locales": sorted(Locale.objects.values_list("pk", "language_code")),
    }


# Filling the parameters -------------------------------------------------------------------

PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"}


def urls_for(route, planted):
    """The concrete URLs to try for one admin route: usually one, several when a parameter
    names a model (every registered model it may name), none for routes not walked."""
    p = planted
    params = set(route.parameters)
    values = {}
    for param in params:
        values[param] = _value(route, param, p)
    if "app_label" in params or "app_name" in params or "content_type_app_name" in params:
        return [
            (fill(route.route, {**values, **models}), query)
            for models, query in _model_choices(route, p)
        ]
    return [(fill(route.route, values), "")]


def _value(route, param, p):
    name = route.name
    if param in PAGE_PARAMETERS:
        if name.startswith("handbooks_admin:"):
            return p["chapter"].pk
        if name == "wagtailadmin_pages:add":
            return p["calls"].pk
        return p["draft"].pk
    if param == "pk":
        by_namespace = {
            "wagtailadmin_pages": p["draft"],
            "wagtailadmin_api:pages": p["draft"],
            "wagtailadmin_api:images": p["image"],
            "wagtailadmin_api:documents": p["document"],
            "wagtailadmin_collections": p["b"].collection,
            "wagtailadmin_workflows": p["workflow"],
            "wagtailsnippets_municipalities_municipality": p["b"],
            "wagtailsnippetchoosers_municipalities_municipality": p["b"],
            "wagtailsites": p["b"].site,
            "wagtailusers_users": p["editor_b"],
            "wagtailusers_groups": p["b"].editors_group,
            "wagtaildocs_chooser": p["document"],
            "wagtailimages_chooser": p["image"],
            "wagtailsettings": p["b"].site,
        }
        if name == "municipality_team":  # B's team, which A's people may not see
            return p["b"].pk
        if route.route.startswith("admin/localize/"):  # a snippet's translation
            return p["b"].pk
        if name.startswith("wagtailadmin_workflows:") and "task" in name:
            return p["task"].pk
        for namespace, obj in by_namespace.items():
            if name.startswith(namespace + ":"):
                return obj.pk
        # Shared by the whole network: walked so that A's people are seen not to change them.
        if name.startswith("wagtaillocales:"):
            return english().pk
        if name.startswith(("wagtailsnippets_portal_taskarea:", "wagtailsnippetchoosers_portal_")):
            return TaskArea.objects.order_by("pk").first().pk
        raise LookupError(f"{name}: what does pk name?")
    simple = {
        "image_id": p["image"].pk,
        "document_id": p["document"].pk,
        "doc_id": p["document"].pk,
        "uploaded_file_id": p["upload"].pk,
        "collection_id": p["b"].collection.pk,
        "revision_id": p["revision"].pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "task_state_id": p["task_state"].pk,
        "task_id": p["task_state"].task_id,
        "workflow_state_id": p["task_state"].workflow_state_id,
        "workflow_pk": p["workflow"].pk,
        "action_name": "approve",
        "action": "customise",
        "translation_id": p["translation"].pk,
        "translation_source_id": p["translation"].source_id,
        "string_segment_id": p["string_segment"].pk,
        "overridable_segment_id": getattr(p["overridable_segment"], "pk", 0),
        "mode": "",
        "variant_id": p["variant"].pk,
        "redirect_id": p["redirect"].pk,
        "query_id": p["query"].pk,
        "session_id": p["session"].pk,
        "object_id": p["draft"].pk,
        "filter_spec": "original",
    }
    if param in simple:
        return simple[param]
    if param in {"app_label", "model_name", "app_name", "content_type_app_name"}:
        return None  # filled by _model_choices
    if param == "content_type_model_name":
        return None
    raise LookupError(f"{name}: what does {param} name?")


def _model_choices(route, p):
    """(parameter values, query string) for routes whose parameters name a model."""
    name = route.name
    image_model, document_model = get_image_model(), get_document_model()
    if name == "wagtail_bulk_action":
        bulk_action_registry._scan_for_bulk_actions()
        targets = {
            "wagtailcore": {"page": p["draft"].pk},
            image_model._meta.app_label: {image_model._meta.model_name: p["image"].pk},
            document_model._meta.app_label: {document_model._meta.model_name: p["document"].pk},
            "customuser": {},
        }
        for app_label, models in bulk_action_registry.actions.items():
            for model_name, actions in models.items():
                pk = targets.get(app_label, {}).get(model_name, p["editor_b"].pk)
                for action in actions:
                    yield (
                        {"app_label": app_label, "model_name": model_name, "action": action},
                        f"id={pk}",
                    )
        return
    if name == "wagtailadmin_tag_model_autocomplete":
        yield {"app_name": "taggit", "model_name": "tag"}, f"term={SECRET.lower()}"
        return
    if name.startswith("wagtailsettings:"):
        for model in settings_registry:
            yield {"app_name": model._meta.app_label, "model_name": model._meta.model_name}, ""
        return
    if "content_type_app_name" in route.parameters:
        yield {"content_type_app_name": "municipalities", "content_type_model_name": "callpage"}, ""
        return
    if name.startswith("wagtailadmin_workflows:add_task"):
        task = p["task"]
        yield {"app_label": task._meta.app_label, "model_name": task._meta.model_name}, ""
        return
    if name.startswith("wagtailadmin_editing_sessions:"):
        yield {"app_label": "wagtailcore", "model_name": "page"}, ""
        return
    if name in ("wagtailadmin_pages:choose_parent",):
        yield {"app_label": "municipalities", "model_name": "callpage"}, ""
        return
    if route.route.startswith("admin/localize/"):
        yield {"app_label": "municipalities", "model_name": "municipality"}, ""
        return
    raise LookupError(f"{name}: which models does it take?")


def concrete_urls(planted):
    """Every admin URL to walk, as (path with query, its route), and the routes left out."""
    urls, left_out = [], {}
    for route in admin_routes():
        short = route.name.rsplit(":", 1)[-1]
        if route.name in NOT_WALKED or short in NOT_WALKED:
            left_out[route.route] = NOT_WALKED.get(route.name) or NOT_WALKED[short]
            continue
        for path, query in urls_for(route, planted):
            urls.append((path + ("?" + query if query else ""), route.route))
            if not query and not route.parameters:
                urls.append((f"{path}?q={SECRET}&term={SECRET.lower()}", route.route))
    return urls, left_out


# Walking ----------------------------------------------------------------------------------


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def walk(client, network, role, urls, method):
    """Request each URL as ``role``; returns {url: (status, secrets named)}."""
    seen = {}
    for url, _name in urls:
        if "_auth_user_id" not in client.session:
            log_in_as(client, network, role)
        response = getattr(client, method)(url)
        text = body_of(response) + response.get("Location", "")
        named = sorted(kind for kind, secret in SECRETS.items() if secret.lower() in text.lower())
        seen[url] = (response.status_code, named)
    return seen


def listing(found):
    return "\n".join(f"{url}: {what}" for url, what in sorted(found.items()))


def assert_no_error_and_no_secret(seen):
    server_errors = {url: status for url, (status, _) in seen.items() if status >= 500}
    leaks = {url: named for url, (_, named) in seen.items() if named}
    assert not server_errors, listing(server_errors)
    assert not leaks, listing(leaks)


@pytest.fixture
def planted(network):
    return plant(network)


@pytest.fixture
def walker():
    return TwoFactorClient(raise_request_exception=False)


def test_the_walk_knows_every_admin_url(network, planted):
    urls, left_out = concrete_urls(planted)

    # Every route is walked or left out with a reason; a parameter the walk cannot fill has
    # already failed the test in concrete_urls.
    walked = {route for _url, route in urls}
    assert walked | set(left_out) == {route.route for route in admin_routes()}
    assert not walked & set(left_out)


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_no_admin_url_shows_the_other_municipality_anything(network, planted, walker, role):
    urls, _left_out = concrete_urls(planted)
    log_in_as(walker, network, role)

    seen = walk(walker, network, role, urls, "get")

    assert_no_error_and_no_secret(seen)


@pytest.mark.parametrize("role", PEOPLE_OF_A)
def test_no_admin_url_changes_anything_of_the_other_municipality(network, planted, walker, role):
    urls, _left_out = concrete_urls(planted)
    before = what_b_has(network)
    log_in_as(walker, network, role)

    seen = walk(walker, network, role, urls, "post")

    assert_no_error_and_no_secret(seen)
    assert what_b_has(network) == before


def test_b_people_see_each_of_their_secrets_somewhere_on_the_walk(network, planted, walker):
    urls, _left_out = concrete_urls(planted)
    log_in_as(walker, network, "moderator_b")

    seen = walk(walker, network, "moderator_b", urls, "get")

    shown = {kind for _status, named in seen.values() for kind in named}
    # Not shown on a GET even to B: redirects and search promotions are GZM's to manage, and
    # a half-uploaded file is named only in the answer to the upload itself. Their ids are
    # still walked.
    assert set(SECRETS) - NOT_SHOWN_TO_B == shown
