"""Links to the model and to a municipality's handbooks, for the home pages.

Registered as a site-root context hook (handbooks/apps.py), so the network home and each
municipality home offer the handbooks without the portal or the municipal app knowing them.
"""

from portal.visibility import public_q

from .models import HandbookPage, HandbookVariantPage, ModelProcessPage, ResolutionPage


def network_model_links(network_home):
    """The model process, the model handbooks and the resolution assumptions, as cards.

    One query: plain pages (title and address are all the cards need), sorted by type.
    """
    pages = list(
        network_home.get_children()
        .live()
        .filter(public_q())
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
    }


def municipality_handbooks(home, network_home):
    """The municipality's handbook variants, or GZM's model handbooks when it has none."""
    variants = list(
        HandbookVariantPage.objects.child_of(home).live().filter(public_q()).order_by("path")
    )
    models = []
    if not variants and network_home is not None:
        models = list(
            HandbookPage.objects.child_of(network_home).live().filter(public_q()).order_by("path")
        )
    return {"variants": variants, "models": models}


def add_handbook_links(page, request, context):
    """Site-root context hook: the network home's model cards, a municipality's handbooks."""
    if page.is_network_root:
        context["model_links"] = network_model_links(page)
    else:
        context["municipal_handbooks"] = municipality_handbooks(
            page, context["chrome"].network_home
        )
