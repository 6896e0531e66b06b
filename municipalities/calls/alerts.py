"""E-mail alerts about new calls: subscribing with double opt-in, and the mails themselves.

A resident asks on a call list (a municipality's, or the network's for every municipality)
and gets a mail with a confirmation link; only a confirmed subscription is sent alerts
(calls/alert_sending.py). Every mail carries a one-click unsubscribe link, also in the
``List-Unsubscribe`` headers (RFC 8058). Asking again for an address already subscribed
looks the same from outside and sends at most one mail an hour to one address.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.canonical import canonical_url
from portal.roots import network_home_for

from .subscriptions import CallAlertSubscription

logger = logging.getLogger(__name__)

# One address gets at most one confirmation mail in this many seconds, whatever it asks.
CONFIRMATION_INTERVAL = 3600


def normalised_email(email):
    return email.strip().lower()


def scope_name(municipality):
    """Whose calls a subscription is for, as its mails say it (in the active language)."""
    if municipality is not None:
        return municipality.name
    return _("wszystkie gminy GZM")


def controller_name(municipality):
    """Who processes the subscriber's data: the municipality, or GZM for the network."""
    if municipality is not None:
        return municipality.name
    return _("Górnośląsko-Zagłębiowska Metropolia")


def subscribe(email, municipality, language):
    """Ask for alerts; sends the confirmation mail unless the address is confirmed already or
    was sent a mail within ``CONFIRMATION_INTERVAL``. Says nothing about which it was."""
    email = normalised_email(email)
    with transaction.atomic():
        subscription, created = CallAlertSubscription.objects.get_or_create(
            email=email, municipality=municipality, defaults={"language": language}
        )
    if subscription.is_confirmed:
        return
    if not created and subscription.language != language:
        subscription.language = language
        subscription.save(update_fields=["language"])
    now = timezone.now()
    recently = now - timedelta(seconds=CONFIRMATION_INTERVAL)
    if CallAlertSubscription.objects.filter(
        email=email, confirmation_sent_at__gt=recently
    ).exists():
        return
    subscription.confirmation_sent_at = now
    subscription.save(update_fields=["confirmation_sent_at"])
    send_confirmation(subscription)


def confirm(token):
    """Confirm the subscription of ``token``; it, or None for an unknown (or deleted) one."""
    subscription = (
        CallAlertSubscription.objects.select_related("municipality")
        .filter(confirm_token=token)
        .first()
    )
    if subscription is not None and not subscription.is_confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def subscription_to_end(token):
    return (
        CallAlertSubscription.objects.select_related("municipality")
        .filter(unsubscribe_token=token)
        .first()
    )


def unsubscribe(token):
    """Delete the subscription of ``token`` with everything recorded about it; whether one
    was there."""
    deleted, _counts = CallAlertSubscription.objects.filter(unsubscribe_token=token).delete()
    return bool(deleted)


# Links and mails ---------------------------------------------------------------------------


def site_origin(municipality):
    """``scheme://host[:port]`` of the municipality's own site, or of the network's."""
    home = municipality.root_page if municipality is not None else network_home_for()
    parts = urlsplit(canonical_url(home))
    return f"{parts.scheme}://{parts.netloc}"


def link(subscription, name, token):
    """The absolute address of the alert view ``name`` for ``token``, in the subscriber's
    language, on the site of the subscription's municipality."""
    with translation.override(subscription.language):
        path = reverse(name, kwargs={"token": token})
    return site_origin(subscription.municipality) + path


def unsubscribe_link(subscription):
    return link(subscription, "call_alerts_unsubscribe", subscription.unsubscribe_token)


def alert_mail(subscription, subject, template, context):
    """A plain-text mail to the subscriber with the one-click unsubscribe headers."""
    unsubscribe_url = unsubscribe_link(subscription)
    context = {
        **context,
        "subscription": subscription,
        "scope_name": scope_name(subscription.municipality),
        "controller": controller_name(subscription.municipality),
        "unsubscribe_url": unsubscribe_url,
    }
    return EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def send_confirmation(subscription):
    with translation.override(subscription.language):
        mail = alert_mail(
            subscription,
            _("Potwierdź zapis na powiadomienia o naborach: %(scope)s")
            % {"scope": scope_name(subscription.municipality)},
            "municipalities/alerts/confirmation_mail.txt",
            {
                "confirm_url": link(
                    subscription, "call_alerts_confirm", subscription.confirm_token
                ),
            },
        )
    try:
        mail.send()
    except (SMTPException, OSError):
        # The resident sees the same answer (and can ask again in an hour); whoever runs the
        # servers sees the error.
        logger.exception("Could not send a call alert confirmation (%s).", subscription.pk)
