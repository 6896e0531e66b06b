"""Signals of onboarding, for the apps above the municipal one.

``network_ready`` is sent by ``onboarding.ensure_network`` once the network home, its site
and its listings exist (``network_home``: the Polish network home); handbooks answers it by
adding GZM's model content.
"""

from django.dispatch import Signal

network_ready = Signal()
