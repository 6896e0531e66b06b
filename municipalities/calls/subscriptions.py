"""Residents' e-mail alerts about new calls: who asked for them and what they were sent.

A subscription is for one municipality's calls or, with no municipality, for the calls of the
whole network (GZM's). It says whose it is in that foreign key, and nothing here is shown in
the admin: a municipality's editors never see subscribers, their own or another city's. The
rules (double opt-in, sending, clean-up) are in calls/alerts.py and calls/alert_sending.py.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models.municipality import Municipality

# An unconfirmed subscription is deleted this long after it was asked for.
UNCONFIRMED_DAYS = 7


def new_token():
    """A long random secret for a link in a mail (43 characters, 256 bits)."""
    return secrets.token_urlsafe(32)


class CallAlertQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def stale(self, now=None):
        """Unconfirmed subscriptions older than ``UNCONFIRMED_DAYS``."""
        now = now or timezone.now()
        return self.filter(
            confirmed_at__isnull=True, created_at__lt=now - timedelta(days=UNCONFIRMED_DAYS)
        )

    def for_municipality(self, municipality):
        """Subscriptions that want ``municipality``'s calls: its own and the network's."""
        return self.filter(Q(municipality=municipality) | Q(municipality__isnull=True))


class CallAlertSubscription(models.Model):
    """One e-mail address that asked for alerts about new calls of one scope."""

    email = models.EmailField(_("e-mail"))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gmina"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="call_alerts",
        help_text=_("Pusta: nabory całej sieci GZM."),
    )
    language = models.CharField(_("język"), max_length=8, choices=settings.LANGUAGES)
    confirm_token = models.CharField(max_length=64, unique=True, default=new_token)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("zapisano"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("potwierdzono"), null=True, blank=True)
    # When this subscription's confirmation mail last went out: the database, not the cache,
    # keeps an address to one such mail an hour, so a cache flush does not lift the limit.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CallAlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("subskrypcja powiadomień o naborach")
        verbose_name_plural = _("subskrypcje powiadomień o naborach")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "municipality"],
                condition=Q(municipality__isnull=False),
                name="call_alert_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(municipality__isnull=True),
                name="call_alert_once_for_network",
            ),
        ]

    def __str__(self):
        return f"{self.pk}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class CallAlertDelivery(models.Model):
    """A call a subscriber was told about (by its translation key: once, in any language),
    so that a rerun of the sending sends nothing twice."""

    subscription = models.ForeignKey(
        CallAlertSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    call_key = models.UUIDField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "call_key"], name="call_alert_delivered_once"
            )
        ]

    def __str__(self):
        return f"{self.subscription_id}: {self.call_key}"
