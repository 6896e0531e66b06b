import time

from django.core.management.base import BaseCommand

from search import lexicon


class Command(BaseCommand):
    help = (
        "Build the search lexicon (simplemma's dictionaries as an SQLite file in "
        "SEARCH_LEXICON_DIR) unless it is already there. Run it on deploy, before the workers "
        "start; without it the first search builds the file. See docs/search.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rebuild even if it exists.")

    def handle(self, *args, force, **options):
        started = time.perf_counter()
        # This command is a process of its own: no child process needed to spare a worker.
        path = lexicon.ensure(force=force, builder=lexicon.build)
        size = path.stat().st_size / 1024 / 1024
        self.stdout.write(f"{path} ({size:.0f} MB, {time.perf_counter() - started:.1f} s)")
