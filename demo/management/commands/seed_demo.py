import time

from django.core.management.base import BaseCommand

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Onboard all 41 GZM members and add example content, labelled as such."

    def handle(self, *args, **options):
        started = time.monotonic()
        verbose = options["verbosity"] > 0

        def elapsed():
            return f"{time.monotonic() - started:5.0f} s"

        def progress(done, total, municipality):
            if verbose:
                self.stdout.write(f"{elapsed()}  [{done}/{total}] {municipality.name}")

        def step(name):
            if verbose:
                self.stdout.write(f"{elapsed()}  example content: {name}")

        municipalities = seed_demo(progress=progress, step=step)
        self.stdout.write(f"Network ready: {len(municipalities)} municipalities.")
        self.stdout.write(f"Example content added (labelled as example) in {elapsed().strip()}.")
