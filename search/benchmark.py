"""The search benchmark: latency of 100 queries and recall@10 per normaliser, measured on a
large network that ``demo.search.seed_benchmark`` builds.

Run it on a throwaway database only: it seeds thousands of pages (see docs/search.md)::

    DATABASE_URL=sqlite:////tmp/gzm-bench.sqlite3 manage.py migrate
    DATABASE_URL=sqlite:////tmp/gzm-bench.sqlite3 manage.py benchmark_search

Not a test: nothing is asserted; the figures are printed for docs/search.md.
"""

import csv
import random
import statistics
import time
from dataclasses import dataclass

from django.core.management import call_command
from django.test import Client

from wagtail.models import Page

from portal.models import NetworkHomePage

from .polish import NORMALISERS, active_normaliser, normalise, use_normaliser
from .query import find
from .relevance import HERE, load_queries, recall_at_10

SEED = 20240601

# Filler vocabulary, distinct from the relevance set's words, so the relevance pages compete
# with thousands of pages on ranking statistics rather than on their own words.
FILLER_WORDS = tuple((HERE / "filler.txt").read_text(encoding="utf-8").split())


@dataclass
class Timing:
    p50: float
    p95: float

    def __str__(self):
        return f"p50 {self.p50 * 1000:.1f} ms, p95 {self.p95 * 1000:.1f} ms"


def _percentiles(samples):
    ordered = sorted(samples)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return Timing(statistics.median(ordered), cut[94])


def benchmark_queries(count=100):
    """The relevance queries plus inflected filler phrases, ``count`` in all."""
    rng = random.Random(SEED + 1)  # noqa: S311
    queries = [item.query for item in load_queries()]
    while len(queries) < count:
        queries.append(" ".join(rng.sample(FILLER_WORDS, rng.randint(1, 3))))
    return queries[:count]


def word_pair_agreement(name):
    """Share of (inflected, base) pairs the normaliser maps to one form."""
    with open(HERE / "word_pairs.csv", encoding="utf-8", newline="") as handle:
        pairs = list(csv.DictReader(handle))
    previous = use_normaliser(name)
    try:
        same = sum(normalise(row["inflected"]) == normalise(row["base"]) for row in pairs)
    finally:
        use_normaliser(previous)
    return same / len(pairs), len(pairs)


def run(ids, queries=100, normalisers=None, out=print):
    """Time ``queries`` searches and measure recall@10 of the relevance pages (``ids``: their
    keys and page ids, as ``demo.search.seed_benchmark`` built them) per normaliser."""
    normalisers = normalisers or list(NORMALISERS)
    total = Page.objects.count()
    out(f"pages in the tree: {total}")

    network = NetworkHomePage.objects.get(locale__language_code="pl")
    scope = Page.objects.live().descendant_of(network, inclusive=True)
    texts = benchmark_queries(queries)

    client = Client()
    client.get("/szukaj/", {"q": "rozgrzewka"}, HTTP_HOST="localhost")  # loads the dictionaries
    engine, page = [], []
    for text in texts:
        started = time.perf_counter()
        find(scope, text, "pl")
        engine.append(time.perf_counter() - started)
        started = time.perf_counter()
        response = client.get("/szukaj/", {"q": text}, HTTP_HOST="localhost")
        page.append(time.perf_counter() - started)
        assert response.status_code == 200  # noqa: S101 - a broken page would void the figures
    out(f"{len(texts)} queries, {active_normaliser()}:")
    out(f"  search (query + ranking):     {_percentiles(engine)}")
    out(f"  search page (whole response): {_percentiles(page)}")

    default = active_normaliser()
    out("normaliser            recall@10   word pairs")
    try:
        for name in normalisers:
            use_normaliser(name)
            call_command("update_index", verbosity=0)
            recall, misses = recall_at_10(lambda q: find(scope, q, "pl").ids, ids)
            agreement, pair_count = word_pair_agreement(name)
            out(
                f"{name:<21} {recall:9.3f}   {agreement:.3f} of {pair_count}"
                f"   misses: {len(misses)}"
            )
            if misses:
                out("    missed: " + "; ".join(f"{query} → {key}" for query, key in misses))
    finally:
        use_normaliser(default)
        call_command("update_index", verbosity=0)
