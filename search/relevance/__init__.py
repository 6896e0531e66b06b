"""The relevance set: realistic Polish pages and inflected queries with the pages they must find.

``pages.csv`` holds calls, initiatives and contact pages of two municipalities (``a`` and
``b``); ``queries.csv`` holds queries in inflected forms, each with the keys of the pages
that must appear in its top 10. Tests (tests/test_search_relevance.py) and the benchmark
(search/benchmark.py) build the pages (``demo.search.build_relevance_pages``, with the
project's factories) and measure recall@10.
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


def load_pages():
    with open(HERE / "pages.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_queries():
    with open(HERE / "queries.csv", encoding="utf-8", newline="") as handle:
        return [
            RelevanceQuery(row["query"], tuple(row["expected"].split()))
            for row in csv.DictReader(handle)
        ]


def recall_at_10(search, ids, queries=None):
    """Share of expected (query, page) pairs found in the top 10; and the misses.

    ``search(query)`` returns ranked page ids.
    """
    queries = queries or load_queries()
    found = total = 0
    misses = []
    for item in queries:
        top = set(search(item.query)[:TOP])
        for key in item.expected:
            total += 1
            if ids[key] in top:
                found += 1
            else:
                misses.append((item.query, key))
    return (found / total if total else 0.0), misses
