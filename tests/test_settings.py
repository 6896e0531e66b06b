"""Production settings refuse to start without their secrets and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What production asks of its environment (the secrets besides).
PRODUCTION_VALUES = {
    "DATABASE_URL": "postgres://gzm:haslo@db.gzm.example.org:5432/gzm",
    "EMAIL_HOST": "smtp.gzm.example.org",
    "DEFAULT_FROM_EMAIL": "Inicjatywa lokalna GZM <portal@gzm.example.org>",
    "CACHE_URL": "redis://cache.gzm.example.org:6379/0",
}
SET_BY_TESTS = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", *PRODUCTION_VALUES}


def environment_with(**env):
    """This process's environment less what production reads, plus ``env``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in SET_BY_TESTS and not key.startswith("EMAIL_")
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return environment


def manage(*args, **env):
    return run_python("manage.py", *args, **env)


def import_production_settings(**env):
    return run_python("-c", "import portal.settings.production", **env)


def run_python(*args, **env):
    return subprocess.run(  # noqa: S603 - our own code with fixed arguments
        [sys.executable, *args],
        cwd=ROOT,
        env=environment_with(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_check_deploy_is_clean():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gzm.example.org,.gzm.example.org",
        PORTAL_DOMAIN="gzm.example.org",
        **PRODUCTION_VALUES,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", ALLOWED_HOSTS="gzm.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in production" in result.stderr


def valid_production(**changes):
    values = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "gzm.example.org",
        **PRODUCTION_VALUES,
        **changes,
    }
    return {key: value for key, value in values.items() if value is not None}


def test_production_settings_load_with_every_value_given():
    result = import_production_settings(**valid_production())

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "missing", ["DATABASE_URL", "EMAIL_HOST", "DEFAULT_FROM_EMAIL", "CACHE_URL"]
)
def test_production_refuses_to_start_without(missing):
    without = import_production_settings(**valid_production(**{missing: None}))
    empty = import_production_settings(**valid_production(**{missing: "  "}))

    for result in (without, empty):
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert f"{missing} must be set in production" in result.stderr


def test_search_timeouts_may_have_fractions():
    result = run_python(
        "-c",
        "from portal.settings import production as s; "
        "print(s.SEARCH_TIMEOUT, s.SEARCH_BREAKER_SECONDS, "
        "s.WAGTAILSEARCH_BACKENDS['default']['TIMEOUT'])",
        **valid_production(
            SEARCH_URL="https://search.gzm.example.org:9200",
            SEARCH_TIMEOUT="0.5",
            SEARCH_BREAKER_SECONDS="7.5",
        ),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0.5", "7.5", "0.5"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"SEARCH_TIMEOUT": "pół"}, "SEARCH_TIMEOUT must be a number"),
        ({"SEARCH_BREAKER_SECONDS": "30s"}, "SEARCH_BREAKER_SECONDS must be a number"),
        (
            {
                "SENTRY_DSN": "https://key@errors.gzm.example.org/1",
                "SENTRY_TRACES_SAMPLE_RATE": "1.5",
            },
            "SENTRY_TRACES_SAMPLE_RATE must be between 0 and 1",
        ),
        (
            {
                "SENTRY_DSN": "https://key@errors.gzm.example.org/1",
                "SENTRY_TRACES_SAMPLE_RATE": "x",
            },
            "SENTRY_TRACES_SAMPLE_RATE must be a number",
        ),
    ],
)
def test_production_refuses_a_number_it_cannot_use(values, message):
    result = import_production_settings(**valid_production(**values))

    assert result.returncode != 0
    assert message in result.stderr
