"""What nginx's page cache keeps and what it never keeps (deploy/nginx/)."""

import json
import re

import pytest


def test_an_anonymous_page_is_a_miss_then_a_hit(stack):
    first = stack.get("/", municipality="ruda-slaska")
    second = stack.get("/", municipality="ruda-slaska")

    assert first.status == second.status == 200
    assert first.cache == "MISS"
    assert second.cache == "HIT", second.headers.get("Cache-Control")
    assert second.text == first.text


def test_the_cache_keeps_each_host_apart(stack):
    network = stack.get("/")
    municipality = stack.get("/", municipality="czeladz")

    assert network.text != municipality.text


def test_static_files_come_from_disk_and_never_change(stack):
    manifest = json.loads((stack.directory / "static" / "staticfiles.json").read_text())
    original, hashed = next(
        (name, hashed) for name, hashed in manifest["paths"].items() if name.endswith(".css")
    )

    response = stack.get(f"/static/{hashed}")
    unhashed = stack.get(f"/static/{original}")

    assert response.status == 200
    assert response.text == (stack.directory / "static" / hashed).read_text()
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.cache is None
    # The copy under the original name changes in place with the next release.
    assert unhashed.status == 200
    assert "immutable" not in unhashed.headers["Cache-Control"]


@pytest.mark.parametrize("cookie", ["sessionid=abc", "csrftoken=abc", "a=1; gzm_zgoda=all"])
def test_a_request_with_a_personal_cookie_is_never_served_from_the_cache(stack, cookie):
    for _ in range(2):
        stack.get("/model-procesu/")

    for _ in range(2):
        response = stack.get("/model-procesu/", headers={"Cookie": cookie})
        assert response.status == 200
        assert response.cache == "BYPASS"


def test_other_cookies_do_not_bypass_the_cache(stack):
    response = stack.get("/model-procesu/", headers={"Cookie": "_pk_id=1; mysessionid=2"})

    assert response.cache != "BYPASS"


def test_the_admin_login_is_never_cached(stack):
    responses = [stack.get("/admin/login/") for _ in range(2)]

    for response in responses:
        assert response.status == 200
        assert response.cache is None
        assert "no-cache" in response.headers["Cache-Control"]
    # Each answer carries its own CSRF token.
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    tokens = {token.search(response.text)[1] for response in responses}
    assert len(tokens) == 2


def test_an_address_with_a_query_string_is_not_cached(stack):
    for _ in range(2):
        response = stack.get("/nabory/?strona=1")
        assert response.status == 200
        assert response.cache == "BYPASS"


def test_a_purge_comes_from_this_machine_and_names_an_exact_address(stack):
    for _ in range(2):
        stack.get("/podrecznik-dla-urzednika/")

    purged = stack.get("/podrecznik-dla-urzednika/", method="PURGE", host=stack.host())
    after = stack.get("/podrecznik-dla-urzednika/")
    not_cached = stack.get("/nie-ma-takiej-strony/", method="PURGE", host=stack.host())

    assert purged.status == 200
    assert "Successful purge" in purged.text, "the page was in the cache and was purged"
    assert after.cache == "MISS"
    # Not an error: the app purges every address of a page, cached or not.
    assert not_cached.status == 200
    assert not_cached.text == "Not in the cache.\n"


def test_a_forged_host_is_refused(stack):
    with pytest.raises(OSError):
        stack.get("/", host="attacker.example")
