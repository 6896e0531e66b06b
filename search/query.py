"""From what a resident typed to ranked page ids, the same way for every backend."""

import re
from dataclasses import dataclass, field

from .backend import ranked_ids
from .polish import base_forms

MAX_QUERY_LENGTH = 200
MAX_HITS = 500
NOT_A_WORD = re.compile(r"[^\w\s]+")


def plain_words(raw):
    """The words of a query, without characters or operators a search engine would parse."""
    return " ".join(NOT_A_WORD.sub(" ", raw[: MAX_QUERY_LENGTH * 2]).lower().split())[
        :MAX_QUERY_LENGTH
    ]


def query_terms(raw, language):
    """The distinct base forms of the query's meaningful words, in order."""
    return list(dict.fromkeys(base_forms(plain_words(raw), language)))


@dataclass
class Found:
    terms: list = field(default_factory=list)
    ids: list = field(default_factory=list)
    any_word: bool = False  # no page had every word; these have at least one
    fallback: bool = False  # the engine failed and the database answered


def find(queryset, raw, language, limit=MAX_HITS):
    """Pages of ``queryset`` matching the query: all words if possible, else any of them."""
    terms = query_terms(raw, language)
    if not terms:
        return Found()
    hits = ranked_ids(queryset, " ".join(terms), limit=limit)
    any_word = False
    if not hits.ids and len(terms) > 1:
        hits = ranked_ids(queryset, " ".join(terms), operator="or", limit=limit)
        any_word = bool(hits.ids)
    return Found(terms, hits.ids, any_word, hits.fallback)
