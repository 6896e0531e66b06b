"""The local production stack (deploy/run) with the demo network: production plus the demo app.

Only deploy/run uses it, when asked for the demo content (``deploy/run --demo``); the demo's
commands (seed_demo, ensure_demo_admin) need the demo app and the dev extra's factories.
Everything else is production's, read from the stack's environment (deploy/stack.env).
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
