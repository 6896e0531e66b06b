from django.core.management.base import BaseCommand

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Onboard all 41 GZM members and add example content, labelled as such."

    def handle(self, *args, **options):
        municipalities = seed_demo()
        self.stdout.write(f"Network ready: {len(municipalities)} municipalities.")
        self.stdout.write("Example content added (labelled as example).")
