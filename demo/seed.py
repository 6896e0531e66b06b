"""The demo network: every municipality onboarded, then example content, always labelled.

``seed_demo`` is the one place that orders the steps; each step is idempotent, so running
the command again changes nothing.
"""

from municipalities.onboarding import seed_network

from .calls import seed_demo_calls
from .content import seed_demo_texts
from .handbooks import seed_demo_variants
from .initiatives import seed_demo_initiatives


def seed_demo_content(municipalities):
    """Example content for ``municipalities`` (already onboarded)."""
    seed_demo_texts(municipalities)
    seed_demo_calls(municipalities)
    seed_demo_initiatives(municipalities)
    seed_demo_variants(municipalities)


def seed_demo(records=None):
    """Onboard the network (all 41 members by default) and add the example content."""
    municipalities = seed_network(records)
    seed_demo_content(municipalities)
    return municipalities
