from django import template

from portal.chrome import build_chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def page_chrome(context, page):
    """Identity, navigation, languages and footer data for ``page``."""
    return build_chrome(page, context["request"])
