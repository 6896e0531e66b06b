"""Facets and snippets of a list of search hits, computed in the application.

Every backend returns ranked page ids; what a hit is (its type, municipality, year) comes
from the database in a bounded number of queries, whatever the engine: one for the pages,
one for the municipality homes and one per page type that has a ``year`` of its own.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.models import Page

from municipalities.models import MunicipalityHomePage
from portal.collation import polish_key

from .indexing import searchable_text
from .polish import NORMALISERS, STOP_WORDS, WORD, active_normaliser, language_of

SNIPPET_WORDS = 32


@dataclass
class Hit:
    pk: int
    content_type_id: int
    kind: str  # "app_label.model"
    municipality: object = None  # Municipality or None (the network)
    year: int | None = None


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class Facets:
    kinds: list = field(default_factory=list)
    municipalities: list = field(default_factory=list)
    years: list = field(default_factory=list)


def describe(ids):
    """A ``Hit`` for each id, in the order given."""
    if not ids:
        return []
    rows = Page.objects.filter(pk__in=ids).values_list(
        "pk", "content_type_id", "path", "first_published_at"
    )
    by_pk = {pk: (ct, path, published) for pk, ct, path, published in rows}
    homes = {
        home.path: home.municipality
        for home in MunicipalityHomePage.objects.select_related("municipality").only(
            "path", "municipality__name", "municipality__slug"
        )
    }
    home_lengths = sorted({len(path) for path in homes})
    content_types = {ct: ContentType.objects.get_for_id(ct) for ct, _, _ in by_pk.values()}

    years = {}
    ids_by_type = {}
    for pk, (ct, _path, _published) in by_pk.items():
        ids_by_type.setdefault(ct, []).append(pk)
    for ct, pks in ids_by_type.items():
        model = content_types[ct].model_class()
        if model is not None and any(f.name == "year" for f in model._meta.concrete_fields):
            years.update(model.objects.filter(pk__in=pks).values_list("pk", "year"))

    hits = []
    for pk in ids:
        if pk not in by_pk:
            continue
        ct, path, published = by_pk[pk]
        municipality = next(
            (homes[path[:length]] for length in home_lengths if path[:length] in homes), None
        )
        year = years.get(pk) or (published.year if published else None)
        content_type = content_types[ct]
        hits.append(
            Hit(pk, ct, f"{content_type.app_label}.{content_type.model}", municipality, year)
        )
    return hits


def kind_label(kind):
    app_label, model = kind.split(".")
    model_class = ContentType.objects.get_by_natural_key(app_label, model).model_class()
    return str(model_class._meta.verbose_name) if model_class else kind


def _matches(hit, kind, municipality, year):
    return (
        (not kind or hit.kind == kind)
        and (not municipality or (hit.municipality and hit.municipality.slug == municipality))
        and (not year or str(hit.year) == year)
    )


def facet_and_filter(hits, *, kind="", municipality="", year=""):
    """The hits that pass the selected facets, and the facets' counts.

    Each facet counts the hits that pass the *other* selections, so a resident sees how many
    results a click would give.
    """
    selected = [hit for hit in hits if _matches(hit, kind, municipality, year)]
    kinds = Counter(hit.kind for hit in hits if _matches(hit, "", municipality, year))
    places = Counter(
        hit.municipality.slug for hit in hits if hit.municipality and _matches(hit, kind, "", year)
    )
    names = {hit.municipality.slug: hit.municipality.name for hit in hits if hit.municipality}
    years = Counter(hit.year for hit in hits if hit.year and _matches(hit, kind, municipality, ""))
    labels = {value: kind_label(value) for value in kinds}
    facets = Facets(
        kinds=sorted(
            (Facet(value, labels[value], count, value == kind) for value, count in kinds.items()),
            key=lambda facet: (-facet.count, facet.label),
        ),
        municipalities=sorted(
            (
                Facet(slug, names[slug], count, slug == municipality)
                for slug, count in places.items()
            ),
            key=lambda facet: polish_key(facet.label),
        ),
        years=[
            Facet(str(value), str(value), count, str(value) == year)
            for value, count in sorted(years.items(), reverse=True)
        ],
    )
    return selected, facets


def highlight(text, terms, language, length=SNIPPET_WORDS):
    """An escaped excerpt of ``text`` around the first matching words, matches in <mark>."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    language = language_of(language)
    form = NORMALISERS[active_normaliser()]
    wanted = set(terms)
    stop_words = STOP_WORDS[language]
    tokens = list(WORD.finditer(text))
    marked = [
        token
        for token in tokens
        if token.group().lower() not in stop_words
        and form(token.group().lower(), language) in wanted
    ]
    if not tokens:
        return escape(text[:300])
    first = tokens.index(marked[0]) if marked else 0
    start_index = max(0, first - length // 4)
    end_index = min(len(tokens), start_index + length)
    start = tokens[start_index].start() if start_index else 0
    end = tokens[end_index - 1].end() if end_index < len(tokens) else len(text)
    pieces = []
    position = start
    for token in marked:
        if token.start() < start or token.end() > end:
            continue
        pieces.append(escape(text[position : token.start()]))
        pieces.append(f"<mark>{escape(token.group())}</mark>")
        position = token.end()
    pieces.append(escape(text[position:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece is escaped


def snippet(page, terms, language):
    """Highlighted excerpt of the page's description or text."""
    text = page.search_description or searchable_text(page)
    return highlight(text, terms, language)


def title_marked(page, terms, language):
    return highlight(page.title, terms, language, length=10_000)
