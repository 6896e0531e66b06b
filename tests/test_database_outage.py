"""PostgreSQL stopped or restarted under a running app: a 503 with Retry-After, never a 500,
and the same app serves again once the database is back.

A real PostgreSQL cluster of the test's own (tests/throwaway_postgres.py), migrated and given
the least the network home needs; gunicorn serves it as the stack does (one sync worker,
persistent connections: ``DATABASE_CONN_MAX_AGE=600``, health-checked before reuse). The
test stops and restarts that cluster under it and asks over HTTP. The page cache in front
(nginx) is not part of it; tests/stack covers what the cache does.

Pages the app has already cached may still be served while the database is away; the
addresses asked here need the database: pages asked for the first time, and search, which
always queries.

Below, the same 503 for a database error raised in-process (a connection to a closed port),
through the project's ``handler500`` and the middleware, without a server.
"""

import re

from django.db import OperationalError
from django.db.utils import ConnectionHandler
from django.test import RequestFactory
from django.utils import translation

import pytest

from portal import outage

from . import throwaway_postgres
from .served_portal import ServedPortal, app_environment, manage
from .throwaway_postgres import free_port

SEED = """
from wagtail.models import Page, Site
from portal.models import NetworkHomePage
from portal.translation import content_locales, ensure_translations

polish = content_locales()[0]
home = Page.get_first_root_node().add_child(
    instance=NetworkHomePage(title="Inicjatywa lokalna w GZM", slug="gzm", locale=polish)
)
home.save_revision(clean=False).publish()
Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80, root_page=home)
ensure_translations(home)
"""

HEADINGS = {
    "pl": "<h1>Serwis jest chwilowo niedostępny</h1>",
    "en": "<h1>The service is briefly unavailable</h1>",
    "uk": "<h1>Сервіс ненадовго недоступний</h1>",
}
FORM_NOT_SAVED = {
    "pl": "Formularz nie został zapisany.",
    "en": "The form was not saved.",
    "uk": "Форму не збережено.",
}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def html_lang(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def assert_briefly_unavailable(answer, lang, cluster):
    assert answer.status == 503, answer.text[:500]
    assert answer.headers["Retry-After"] == "30"
    assert "no-store" in answer.headers["Cache-Control"]
    assert answer.headers["Content-Type"].startswith("text/html")
    assert html_lang(answer.text) == lang
    assert HEADINGS[lang] in answer.text
    for internal in ("Traceback", "OperationalError", "psycopg", str(cluster.port)):
        assert internal not in answer.text


skip_reason = throwaway_postgres.skip_reason()
server_tests = pytest.mark.skipif(bool(skip_reason), reason=skip_reason or "")


@pytest.fixture(scope="module")
def portal(cluster, tmp_path_factory):
    """gunicorn serving a migrated database with the network home in three languages."""
    base = tmp_path_factory.mktemp("outage")
    environment = app_environment(
        DATABASE_URL=cluster.create_database("portal"),
        DATABASE_CONN_MAX_AGE="600",
        MEDIA_ROOT=str(base / "media"),
    )
    manage(environment, "migrate", "--no-input", "-v0")
    manage(environment, "shell", "-v0", "-c", SEED)
    served = ServedPortal(environment, base / "gunicorn").start()
    yield served
    served.stop()


@server_tests
def test_pages_answer_503_in_their_language_while_the_database_is_stopped(portal, cluster):
    assert portal.get("/szukaj/?q=plac").status == 200
    workers = portal.worker_pids()
    assert len(workers) == 1

    cluster.stop()
    try:
        assert_briefly_unavailable(portal.get("/"), "pl", cluster)
        assert_briefly_unavailable(portal.get("/en/"), "en", cluster)
        assert_briefly_unavailable(portal.get("/uk/szukaj/?q=plac"), "uk", cluster)
        answer = portal.get("/szukaj/?q=%C5%82awka")
        assert_briefly_unavailable(answer, "pl", cluster)
        assert '<a href="/szukaj/?q=%C5%82awka">Spróbuj ponownie</a>' in answer.text
        assert FORM_NOT_SAVED["pl"] not in answer.text
    finally:
        cluster.start()

    # Back without restarting the app: the same worker answers from a new connection.
    assert portal.get("/").status == 200
    assert html_lang(portal.get("/en/").text) == "en"
    assert portal.get("/szukaj/?q=plac").status == 200
    assert portal.worker_pids() == workers


@server_tests
def test_a_form_sent_while_the_database_is_stopped_is_a_503_saying_it_was_not_saved(
    portal, cluster
):
    login = portal.get("/admin/login/")
    assert login.status == 200
    token = CSRF_FIELD.search(login.text).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", login.headers["Set-Cookie"]).group(1)

    cluster.stop()
    try:
        answer = portal.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": "redaktor", "password": "haslo-123"},
            headers={"Cookie": f"csrftoken={cookie}"},
        )
        assert_briefly_unavailable(answer, "pl", cluster)
        assert FORM_NOT_SAVED["pl"] in answer.text
        assert "Spróbuj ponownie" not in answer.text  # going back keeps what was typed
        assert "haslo-123" not in answer.text
    finally:
        cluster.start()

    assert portal.get("/szukaj/?q=plac").status == 200


@server_tests
def test_a_restart_under_a_held_connection_costs_at_most_one_503(portal, cluster):
    assert portal.get("/szukaj/?q=nabor").status == 200  # the worker now holds a connection
    workers = portal.worker_pids()

    cluster.restart()

    # The held connection is dead: the health check before reuse replaces it.
    assert portal.get("/szukaj/?q=nabor").status in (200, 503)
    assert portal.get("/szukaj/?q=nabor").status == 200
    assert portal.worker_pids() == workers


# In-process: a real database error from a connection to a port nobody listens on.


@pytest.fixture(scope="module")
def database_error(django_db_blocker):
    """The error Django raises for a database nobody answers (no test database involved)."""
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "HOST": "127.0.0.1",
                "PORT": free_port(),
                "NAME": "nobody",
                "USER": "nobody",
                "PASSWORD": "nobody",
            }
        }
    )
    try:
        with django_db_blocker.unblock():
            handler["default"].ensure_connection()
    except OperationalError as error:
        return error
    finally:
        handler.close_all()
    raise AssertionError("a closed port accepted a connection")


@pytest.mark.parametrize("lang", ["pl", "en", "uk"])
def test_handler500_answers_a_database_error_with_the_503_page(lang, database_error):
    request = RequestFactory().get("/" if lang == "pl" else f"/{lang}/")
    try:
        raise database_error
    except OperationalError:
        response = outage.server_error(request)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert html_lang(html) == lang
    assert HEADINGS[lang] in html


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/", "<h1>Wystąpił błąd serwera</h1>"), ("/en/nabory/", "A server error occurred")],
)
def test_handler500_keeps_the_500_page_for_other_errors(path, heading):
    request = RequestFactory().get(path)
    with translation.override("uk"):  # whatever an earlier request left active
        try:
            raise ValueError("not the database")
        except ValueError:
            response = outage.server_error(request)

    assert response.status_code == 500
    assert heading in response.content.decode()


@pytest.mark.parametrize("lang", ["pl", "en", "uk"])
def test_the_middleware_answers_a_posted_form_with_the_503_page(lang, database_error):
    request = RequestFactory().post(f"/{lang}/szukaj/" if lang != "pl" else "/szukaj/")
    middleware = outage.DatabaseOutageMiddleware(lambda request: None)

    response = middleware.process_exception(request, database_error)

    assert response.status_code == 503
    html = response.content.decode()
    assert html_lang(html) == lang
    assert FORM_NOT_SAVED[lang] in html
    assert middleware.process_exception(request, ValueError("not the database")) is None
