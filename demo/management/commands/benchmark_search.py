from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from wagtail.models import Page

from demo.search import seed_benchmark
from search import benchmark
from search.polish import NORMALISERS


class Command(BaseCommand):
    help = (
        "Seed a large network into an EMPTY, migrated throwaway database and print search "
        "latency (p50/p95 of 100 queries) and recall@10 per normaliser. See docs/search.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=5000)
        parser.add_argument("--queries", type=int, default=100)
        parser.add_argument("--normaliser", action="append", choices=sorted(NORMALISERS))

    def handle(self, *args, pages, queries, normaliser, **options):
        if Page.objects.filter(depth__gt=2).exists():  # a fresh migrate has two pages
            raise CommandError(
                "The database already has pages. Run the benchmark on an empty, migrated "
                "throwaway database (DATABASE_URL=sqlite:////tmp/gzm-bench.sqlite3)."
            )
        self.stdout.write(f"database: {connection.vendor}; seeding {pages} filler pages…")
        ids = seed_benchmark(pages, out=self.stdout.write)
        benchmark.run(ids, queries, normaliser, out=self.stdout.write)
