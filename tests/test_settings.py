"""Production settings refuse to start without their secrets and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "CACHE_URL"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
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
        CACHE_URL="redis://127.0.0.1:6379/0",
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


def test_production_refuses_to_start_without_a_shared_cache():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="gzm.example.org")

    assert result.returncode != 0
    assert "CACHE_URL must be set in production" in result.stderr
