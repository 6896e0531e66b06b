"""The relevance set: realistic Polish pages and inflected queries with the pages they must find.

``pages.csv`` holds calls, initiatives and contact pages of two municipalities (``a`` and
``b``); ``queries.csv`` holds queries as residents type them, each in a category ("inflected",
"no diacritics", "one typo", "natural questions") and with the keys of the pages that must
appear in its top 10. Tests (tests/test_search_relevance.py) and the benchmark
(search/benchmark.py) build the pages (``demo.search.build_relevance_pages``, with the
project's factories) and measure recall@10 and the mean reciprocal rank, per category.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOP = 10


@dataclass(frozen=True)
class RelevanceQuery:
    query: str
    expected: tuple
    category: str = ""


def load_pages():
    with open(HERE / "pages.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_queries():
    with open(HERE / "queries.csv", encoding="utf-8", newline="") as handle:
        return [
            RelevanceQuery(row["query"], tuple(row["expected"].split()), row["category"])
            for row in csv.DictReader(handle)
        ]


def _score(search, ids, queries):
    """(pairs found, pairs expected, sum of reciprocal ranks, misses) of ``queries``."""
    found = total = 0
    reciprocal = 0.0
    misses = []
    for item in queries:
        top = search(item.query)[:TOP]
        wanted = {ids[key] for key in item.expected}
        ranks = [rank for rank, pk in enumerate(top, start=1) if pk in wanted]
        reciprocal += 1 / ranks[0] if ranks else 0.0
        for key in item.expected:
            total += 1
            if ids[key] in top:
                found += 1
            else:
                misses.append((item.query, key))
    return found, total, reciprocal, misses


def recall_at_10(search, ids, queries=None):
    """Share of expected (query, page) pairs found in the top 10; and the misses.

    ``search(query)`` returns ranked page ids.
    """
    found, total, _reciprocal, misses = _score(search, ids, queries or load_queries())
    return (found / total if total else 0.0), misses


@dataclass(frozen=True)
class Figures:
    """How one category of queries fares: recall@10 over its expected pairs, and the mean
    reciprocal rank of each query's first expected page (0 when none is in the top 10)."""

    category: str
    queries: int
    recall: float
    mrr: float
    misses: tuple

    def __str__(self):
        return (
            f"{self.category:<18} {self.queries:>3} queries   recall@10 {self.recall:.3f}"
            f"   MRR {self.mrr:.3f}"
        )


def by_category(search, ids, queries=None):
    """``Figures`` for each category of the set, in the order the categories first appear."""
    queries = queries or load_queries()
    categories = list(dict.fromkeys(item.category for item in queries))
    figures = []
    for category in categories:
        chosen = [item for item in queries if item.category == category]
        found, total, reciprocal, misses = _score(search, ids, chosen)
        figures.append(
            Figures(
                category,
                len(chosen),
                found / total if total else 0.0,
                reciprocal / len(chosen),
                tuple(misses),
            )
        )
    return figures
