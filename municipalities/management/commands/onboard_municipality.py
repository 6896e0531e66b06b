from django.core.management.base import BaseCommand, CommandError

from municipalities.onboarding import onboard_municipality, record_for


class Command(BaseCommand):
    help = "Onboard one GZM member municipality (site, pages, groups, collection, workflow)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the municipality's slug in the reference data")

    def handle(self, *args, slug, **options):
        try:
            record = record_for(slug)
        except LookupError as error:
            raise CommandError(
                f"No GZM member with the slug '{slug}' in the reference data."
            ) from error
        municipality = onboard_municipality(record)
        self.stdout.write(self.style.SUCCESS(f"{municipality.name}: {municipality.site.root_url}/"))
