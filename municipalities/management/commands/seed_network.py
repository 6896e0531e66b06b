from django.core.management.base import BaseCommand

from municipalities.onboarding import seed_network


class Command(BaseCommand):
    help = "Onboard all 41 GZM members from the reference data; --demo adds example content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="add example content, labelled as such"
        )

    def handle(self, *args, demo=False, **options):
        municipalities = seed_network()
        self.stdout.write(f"Network ready: {len(municipalities)} municipalities.")
        if demo:
            from municipalities.demo import seed_demo_content

            seed_demo_content(municipalities)
            self.stdout.write("Example content added (labelled as example).")
