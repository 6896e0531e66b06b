"""Links to the model and to a municipality's handbooks, for the home pages."""

from django import template

from ..models import HandbookPage, HandbookVariantPage, ModelProcessPage, ResolutionPage

register = template.Library()


@register.inclusion_tag("handbooks/includes/network_model_links.html", takes_context=True)
def network_model_links(context, network_home):
    """The model process, the model handbooks and the resolution assumptions, as cards.

    One query: plain pages (title and address are all the cards need), sorted by type.
    """
    pages = list(
        network_home.get_children()
        .live()
        .type(ModelProcessPage, HandbookPage, ResolutionPage)
        .order_by("path")
    )
    by_type = {page_type: [] for page_type in (ModelProcessPage, HandbookPage, ResolutionPage)}
    for page in pages:
        by_type[page.specific_class].append(page)
    return {
        "process": next(iter(by_type[ModelProcessPage]), None),
        "handbooks": by_type[HandbookPage],
        "resolution": next(iter(by_type[ResolutionPage]), None),
        "has_any": bool(pages),
        "request": context.get("request"),
    }


@register.inclusion_tag("handbooks/includes/municipality_handbooks.html", takes_context=True)
def municipality_handbooks(context, home):
    """The municipality's handbook variants, or GZM's model handbooks when it has none."""
    variants = list(HandbookVariantPage.objects.child_of(home).live().order_by("path"))
    models = []
    if not variants:
        network_home = context["chrome"].network_home
        models = list(HandbookPage.objects.child_of(network_home).live().order_by("path"))
    return {
        "variants": variants,
        "models": models,
        "chrome": context["chrome"],
        "request": context.get("request"),
    }
