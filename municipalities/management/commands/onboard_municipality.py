from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from municipalities.models import GminaType
from municipalities.onboarding import (
    GZM_MEMBERSHIP_START,
    MunicipalityRecord,
    onboard_municipality,
    record_for,
)
from municipalities.validation import validate_host_label, validate_terc, validate_terc_kind


class Command(BaseCommand):
    help = (
        "Onboard one GZM member municipality (site, pages, groups, collection, workflow): "
        "one from the reference data by its slug, or a new one described by --name, --terc, "
        "--gmina-type and --county."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the municipality's slug (its subsite's host label)")
        parser.add_argument("--name", help="a member not in the reference data: its name")
        parser.add_argument("--terc", help="its seven-digit TERC code")
        parser.add_argument("--gmina-type", choices=GminaType.values, help="its kind of gmina")
        parser.add_argument("--county", help="its county (powiat)")
        parser.add_argument("--bip-url", default="", help="its BIP address")
        parser.add_argument(
            "--membership-start",
            type=date.fromisoformat,
            default=GZM_MEMBERSHIP_START,
            help="the day it joined GZM (YYYY-MM-DD; 2017-07-01 when not given)",
        )

    def handle(self, *args, slug, **options):
        if options["name"]:
            record = self._record_from_options(slug, options)
        else:
            try:
                record = record_for(slug)
            except LookupError as error:
                raise CommandError(
                    f"No GZM member with the slug '{slug}' in the reference data; describe "
                    "a new one with --name, --terc, --gmina-type and --county."
                ) from error
        municipality = onboard_municipality(record)
        self.stdout.write(self.style.SUCCESS(f"{municipality.name}: {municipality.site.root_url}/"))

    def _record_from_options(self, slug, options):
        missing = [
            f"--{option.replace('_', '-')}"
            for option in ("terc", "gmina_type", "county")
            if not options[option]
        ]
        if missing:
            raise CommandError(f"A new member also needs {', '.join(missing)}.")
        try:
            validate_host_label(slug)
            validate_terc(options["terc"])
            validate_terc_kind(options["terc"], options["gmina_type"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return MunicipalityRecord(
            name=options["name"],
            slug=slug,
            terc=options["terc"],
            gmina_type=options["gmina_type"],
            county=options["county"],
            bip_url=options["bip_url"],
            membership_start=options["membership_start"],
        )
