from django.core.management.base import BaseCommand

from municipalities.onboarding import seed_network


class Command(BaseCommand):
    help = "Onboard all 41 GZM members from the reference data (demo content: seed_demo)."

    def handle(self, *args, **options):
        municipalities = seed_network()
        self.stdout.write(f"Network ready: {len(municipalities)} municipalities.")
