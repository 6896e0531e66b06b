from django.core.management.base import BaseCommand

from demo.admin import ensure_demo_admin


class Command(BaseCommand):
    help = "Create (or refresh) the local demo superuser and print its login."

    def handle(self, *args, **options):
        username, password, codes = ensure_demo_admin()
        self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / password: {password}"))
        if codes:
            self.stdout.write(
                "Second step (two-factor sign-in, required for GZM administrators): "
                f"one-time codes {', '.join(codes[:3])}"
            )
