"""An initiative's stages, and which of them a gallery shows.

A gallery of "zrealizowane inicjatywy" shows what was carried out: completed initiatives
(settled ones included) unless a resident asks for those still under way.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeStage(models.TextChoices):
    AGREEMENT_SIGNED = "agreement_signed", _("umowa podpisana")
    IN_PROGRESS = "in_progress", _("w realizacji")
    COMPLETED = "completed", _("zrealizowana")
    SETTLED = "settled", _("rozliczona")

    @classmethod
    def done(cls):
        """The stages of an initiative residents may call completed: carried out (and
        perhaps settled too)."""
        return [cls.COMPLETED, cls.SETTLED]

    @classmethod
    def under_way(cls):
        """The stages of an initiative that is not finished yet."""
        return [cls.AGREEMENT_SIGNED, cls.IN_PROGRESS]


class StageChoice(models.TextChoices):
    """What a gallery's stage filter offers: completed initiatives unless a resident asks
    for the others (an empty value means completed)."""

    DONE = "", _("zrealizowane")
    UNDER_WAY = "w-toku", _("w toku (umowa podpisana lub w realizacji)")
    ALL = "wszystkie", _("wszystkie etapy")

    @classmethod
    def of(cls, value):
        """The choice a submitted value names; completed for anything else."""
        return cls(value) if value in cls.values else cls.DONE
