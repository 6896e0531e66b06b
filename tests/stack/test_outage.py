"""The stack with its PostgreSQL stopped: what nginx passes on and keeps, and ``/health/``.

The app's side (the 503 page, recovery in the same process) is tests/test_database_outage.py;
here it is seen through nginx's page cache, with the stack's own cluster stopped the way
deploy/stop stops it and started again the way deploy/run starts it.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

UNAVAILABLE = {"status": "unavailable", "failing": ["database"]}


def postgres(stack, action):
    """``pg_ctl stop`` or ``start`` of the stack's cluster (as deploy/stop and deploy/run)."""
    pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parts)[-1]
    command = [str(pg_ctl), "-D", str(stack.directory / "postgresql"), "-w", "-t", "60"]
    if action == "stop":
        command += ["-m", "fast", "stop"]
    else:
        socket_dir = stack.directory / "run" / "postgresql"
        command += [
            *("-l", str(stack.directory / "log" / "postgresql.log")),
            *("-o", f"-p {stack.run_env['STACK_PG_PORT']} -k {socket_dir}"),
            "start",
        ]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120, cwd="/")  # noqa: S603


@pytest.fixture
def database_stopped(stack):
    postgres(stack, "stop")
    yield
    postgres(stack, "start")


def test_health_is_answered_by_address_and_past_the_cache(stack):
    for host in ("127.0.0.1", f"{stack.host()}:{stack.http_port}"):
        answer = stack.get("/health/", host=host)
        assert answer.status == 200, host
        assert json.loads(answer.text) == {"status": "ok"}
        assert answer.cache is None  # not a cached location
        assert "no-store" in answer.headers["Cache-Control"]
    assert stack.get("/health/", direct=True, host="10.0.0.7").status == 200


def test_with_the_database_stopped_nginx_passes_the_503_on_and_keeps_serving_its_copies(
    stack, database_stopped
):
    # Nobody asked for this address before: neither nginx nor the app holds an answer.
    address = "/en/not-asked-before-the-outage/"
    first = stack.get(address, municipality="czeladz")
    second = stack.get(address, municipality="czeladz")

    assert first.status == second.status == 503
    assert first.headers["Retry-After"] == "30"
    assert "<h1>The service is briefly unavailable</h1>" in first.text
    assert first.cache == second.cache == "MISS"  # never stored
    assert stack.get("/szukaj/?q=plac").status == 503
    health = stack.get("/health/", host="127.0.0.1")
    assert (health.status, json.loads(health.text)) == (503, UNAVAILABLE)


def test_a_cached_page_is_served_while_the_database_is_stopped(stack):
    assert stack.get("/", municipality="ruda-slaska").status == 200
    assert stack.get("/", municipality="ruda-slaska").cache == "HIT"

    postgres(stack, "stop")
    try:
        during = stack.get("/", municipality="ruda-slaska")
    finally:
        postgres(stack, "start")

    assert during.status == 200
    assert during.cache == "HIT"
    # And the app is back by itself.
    assert stack.get("/health/", host="127.0.0.1").status == 200
    assert stack.get("/szukaj/?q=plac").status == 200
