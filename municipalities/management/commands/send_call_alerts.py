from django.core.management.base import BaseCommand

from municipalities.calls.alert_sending import delete_unconfirmed, send_call_alerts


class Command(BaseCommand):
    help = (
        "Mail confirmed subscribers about calls published since they were last told, and "
        "delete subscriptions left unconfirmed for 7 days (run hourly; docs/calls.md)."
    )

    def handle(self, *args, **options):
        sent = send_call_alerts()
        deleted = delete_unconfirmed()
        self.stdout.write(f"Alerts sent: {sent}. Unconfirmed subscriptions deleted: {deleted}.")
