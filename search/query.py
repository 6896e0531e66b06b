"""From what a resident typed to ranked page ids, the same way for every backend.

The query's words lose their stop words (``search.stop_words``) and become base forms. Pages
are ranked by how many of those words they have, best first: every word, then all but one,
and so on (not "every word or nothing"), each group in the backend's own order. A word of
five letters or more that no indexed page has is a typo until shown otherwise: it is
corrected against the index's vocabulary (``search.spelling``), and the corrected query is
offered ("did you mean") or, when the typed one found nothing, answered instead.
"""

import re
from dataclasses import dataclass, field

from .backend import ranked_ids
from .polish import base_forms, language_of, words
from .spelling import correct

MAX_QUERY_LENGTH = 200
MAX_HITS = 500
# Words counted one by one for the ranking (a question rarely has more meaningful words);
# words past them still find pages, ranked by the backend alone.
MAX_COUNTED_TERMS = 6
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
class Ranking:
    """Page ids best first, and how many of them have every word."""

    ids: list = field(default_factory=list)
    complete: int = 0
    fallback: bool = False

    def finds_more_than(self, other):
        return (self.complete, len(self.ids)) > (other.complete, len(other.ids))


@dataclass
class Found:
    terms: list = field(default_factory=list)
    ids: list = field(default_factory=list)
    any_word: bool = False  # no page had every word; these have at least one
    fallback: bool = False  # the engine failed and the database answered
    only_stop_words: bool = False  # the query had words, none of them meaningful
    corrected: str = ""  # the query with its typos corrected, when that finds more
    showing_corrected: bool = False  # the typed query found nothing: these are the corrected


def rank(queryset, terms, limit=MAX_HITS, fuzzy=False):
    """Pages of ``queryset`` with the query's terms, the most terms first.

    The pages with every term come first, in the backend's order for all of them. The
    others follow by how many of the terms they have (each term asked on its own, among the
    pages found), then in the backend's order for any of them; while some page has every
    term, only pages with more than half of the terms follow it (so "plac zabaw" stays "plac
    zabaw", and a question loses none of its pages for one word they lack).

    ``fuzzy``: the engine, if there is one, matches with its own typo tolerance
    (``search.backend.ranked_ids``).
    """
    if not terms:
        return Ranking()
    joined = " ".join(terms)
    every = ranked_ids(queryset, joined, limit=limit, fuzzy=fuzzy)
    if len(terms) == 1 or (every.ids and len(terms) == 2):
        return Ranking(every.ids, len(every.ids), every.fallback)
    some = ranked_ids(queryset, joined, operator="or", limit=limit, fuzzy=fuzzy)
    fallback = every.fallback or some.fallback
    complete = set(every.ids)
    rest = [pk for pk in some.ids if pk not in complete]
    if rest and len(terms) > 2:
        counted = terms[:MAX_COUNTED_TERMS]
        counts = dict.fromkeys(rest, 0)
        for term in counted:
            hits = ranked_ids(queryset, term, limit=len(rest), fuzzy=fuzzy, within=rest)
            fallback = fallback or hits.fallback
            for pk in hits.ids:
                if pk in counts:
                    counts[pk] += 1
        if complete:
            rest = [pk for pk in rest if counts[pk] * 2 > len(counted)]
        position = {pk: index for index, pk in enumerate(rest)}
        rest.sort(key=lambda pk: (-counts[pk], position[pk]))
    return Ranking(every.ids + rest[: max(0, limit - len(every.ids))], len(every.ids), fallback)


def find(queryset, raw, language, limit=MAX_HITS):
    """Pages of ``queryset`` matching the query, the ones with the most of its words first;
    with the typos corrected when the words as typed find nothing."""
    language = language_of(language)
    typed = plain_words(raw)
    terms = query_terms(typed, language)
    if not terms:
        return Found(only_stop_words=bool(words(typed)))
    ranking = rank(queryset, terms, limit)
    found = Found(terms, ranking.ids, _any_word(ranking, terms), ranking.fallback)
    if ranking.complete:
        return found  # every word matched something: none is a typo
    correction = correct(typed, language)
    if correction is None:
        return found
    corrected_terms = query_terms(correction, language)
    better = rank(queryset, corrected_terms, limit, fuzzy=True)
    if not better.finds_more_than(ranking):
        return found
    if ranking.ids:
        found.corrected = correction
        found.fallback = found.fallback or better.fallback
        return found
    return Found(
        corrected_terms,
        better.ids,
        _any_word(better, corrected_terms),
        ranking.fallback or better.fallback,
        corrected=correction,
        showing_corrected=True,
    )


def _any_word(ranking, terms):
    return bool(ranking.ids) and not ranking.complete and len(terms) > 1
