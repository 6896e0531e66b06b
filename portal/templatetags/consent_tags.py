from django import template

from portal.consent import consent_for

register = template.Library()


@register.simple_tag(takes_context=True)
def consent_state(context):
    """The visitor's cookie consent and the analytics configuration (see portal/consent.py)."""
    return consent_for(context.get("request"))
