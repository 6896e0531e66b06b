import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def json_ld(data):
    """A JSON-LD block, escaped the way ``json_script`` escapes, so text cannot end the tag."""
    payload = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(
        {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
