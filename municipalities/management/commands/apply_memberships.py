from django.core.management.base import BaseCommand

from municipalities.membership import apply_memberships


class Command(BaseCommand):
    help = (
        "Withhold the edit rights of municipalities whose GZM membership has ended and give "
        "them back to those that have re-joined (run daily, just after midnight; "
        "docs/network.md)."
    )

    def handle(self, *args, **options):
        changed = apply_memberships()
        for municipality in changed:
            if municipality.edit_rights_withheld_on:
                self.stdout.write(
                    f"{municipality.name}: membership ended {municipality.membership_end}, "
                    "edit rights withheld"
                )
            else:
                self.stdout.write(f"{municipality.name}: a member again, edit rights restored")
        if not changed:
            self.stdout.write("No membership changed.")
