"""Sending the alerts about new calls (``manage.py send_call_alerts``, hourly).

A call is new to a subscriber when it was first published after the subscription was
confirmed, within the last ``LOOKBACK_DAYS``, and the subscriber has not been told about it
yet (``CallAlertDelivery``, one row per subscriber and call, in any language): so a rerun
sends nothing twice and a run missed is caught up by the next. Only live, public calls of
the network's current members count. A municipality's subscribers hear of its own calls, the
network's subscribers of every member's; each gets one mail a run listing what is new, in
their language (a call not translated into it in Polish, marked so).
"""

import logging
from collections import defaultdict
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from portal.canonical import canonical_url
from portal.visibility import public_q

from .alerts import alert_mail, scope_name
from .feeds import titled
from .models import CallPage
from .subscriptions import CallAlertDelivery, CallAlertSubscription

logger = logging.getLogger(__name__)

# How far back a run looks for calls published since the last one.
LOOKBACK_DAYS = 14


def new_calls(now):
    """The Polish originals of the live, public calls of members published lately."""
    return list(
        CallPage.objects.live()
        .filter(
            public_q(),
            locale__language_code=settings.LANGUAGE_CODE,
            first_published_at__gte=now - timedelta(days=LOOKBACK_DAYS),
            first_published_at__lte=now,
        )
        .of_members()
        .select_related("municipality")
        .order_by("first_published_at", "pk")
    )


def shown_in(language, keys):
    """The calls of ``keys`` as residents read them in ``language``: {translation key: page}."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return {}
    calls = (
        CallPage.objects.published(locale.pk)
        .filter(translation_key__in=keys)
        .select_related("locale", "municipality")
    )
    return {call.translation_key: call for call in calls}


def send_call_alerts(now=None):
    """Mail every confirmed subscriber the calls new to them; the number of mails sent."""
    now = now or timezone.now()
    calls = new_calls(now)
    if not calls:
        return 0
    by_municipality = defaultdict(list)
    for call in calls:
        by_municipality[call.municipality_id].append(call)
    subscriptions = list(
        CallAlertSubscription.objects.confirmed()
        .filter(Q(municipality_id__in=by_municipality) | Q(municipality__isnull=True))
        .select_related("municipality")
    )
    keys = {call.translation_key for call in calls}
    delivered = set(
        CallAlertDelivery.objects.filter(
            subscription__in=[s.pk for s in subscriptions], call_key__in=keys
        ).values_list("subscription_id", "call_key")
    )
    versions = {}
    sent = 0
    for subscription in subscriptions:
        wanted = (
            calls
            if subscription.municipality_id is None
            else by_municipality[subscription.municipality_id]
        )
        due = [
            call
            for call in wanted
            if call.first_published_at >= subscription.confirmed_at
            and (subscription.pk, call.translation_key) not in delivered
        ]
        if not due:
            continue
        if subscription.language not in versions:
            versions[subscription.language] = shown_in(subscription.language, keys)
        shown = [versions[subscription.language].get(call.translation_key, call) for call in due]
        if _send(subscription, shown):
            CallAlertDelivery.objects.bulk_create(
                [
                    CallAlertDelivery(subscription=subscription, call_key=call.translation_key)
                    for call in due
                ],
                ignore_conflicts=True,
            )
            sent += 1
    return sent


def _send(subscription, calls):
    with translation.override(subscription.language):
        items = [
            {
                "title": titled(call),
                "municipality": call.municipality.name,
                "call": call,
                "url": canonical_url(call),
            }
            for call in calls
        ]
        mail = alert_mail(
            subscription,
            _("Nowe nabory wniosków: %(scope)s") % {"scope": scope_name(subscription.municipality)},
            "municipalities/alerts/alert_mail.txt",
            {"items": items},
        )
    try:
        mail.send()
    except (SMTPException, OSError):
        # Not recorded as sent: the next run tries again.
        logger.exception("Could not send a call alert to subscription %s.", subscription.pk)
        return False
    return True


def delete_unconfirmed(now=None):
    """Delete subscriptions never confirmed within ``UNCONFIRMED_DAYS``; how many."""
    deleted, _counts = CallAlertSubscription.objects.stale(now).delete()
    return deleted
