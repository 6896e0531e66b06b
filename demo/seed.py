"""The demo network: every municipality onboarded, then example content, always labelled.

``seed_demo`` is the one place that orders the steps; each step is idempotent, so running
the command again changes nothing.
"""

from municipalities.onboarding import seed_network

from .calls import seed_demo_calls
from .content import seed_demo_texts
from .handbooks import seed_demo_variants
from .initiatives import seed_demo_initiatives


def seed_demo_content(municipalities, step=None):
    """Example content for ``municipalities`` (already onboarded); ``step``, if given, is
    told the name of each step as it starts."""
    for name, seed in (
        ("texts", seed_demo_texts),
        ("calls", seed_demo_calls),
        ("initiatives", seed_demo_initiatives),
        ("handbook variants", seed_demo_variants),
    ):
        if step is not None:
            step(name)
        seed(municipalities)


def seed_demo(records=None, progress=None, step=None):
    """Onboard the network (all 41 members by default) and add the example content."""
    municipalities = seed_network(records, progress=progress)
    seed_demo_content(municipalities, step=step)
    return municipalities
