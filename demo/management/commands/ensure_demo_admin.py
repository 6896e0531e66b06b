from django.core.management.base import BaseCommand

from demo.admin import ensure_demo_admin


class Command(BaseCommand):
    help = "Create (or refresh) the local demo superuser and print its login."

    def handle(self, *args, **options):
        username, password = ensure_demo_admin()
        self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / password: {password}"))
