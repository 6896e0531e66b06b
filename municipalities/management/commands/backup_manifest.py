from django.core.management.base import BaseCommand, CommandError

from municipalities import backup


class Command(BaseCommand):
    help = (
        "The backup's manifest and the checks of a restore (deploy/backup, deploy/restore; "
        "docs/deployment.md)."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        write = actions.add_parser("write", help="write DIRECTORY/manifest.json")
        write.add_argument("directory")
        write.add_argument("--revision", default="", help="the app's git revision")
        verify_files = actions.add_parser(
            "verify-files", help="check the files against the manifest's checksums"
        )
        verify_files.add_argument("directory")
        verify_counts = actions.add_parser(
            "verify-counts", help="compare the database's counts with the manifest's"
        )
        verify_counts.add_argument("directory")
        actions.add_parser("check-empty", help="fail if the database has any table")
        actions.add_parser("media-root", help="print the media directory (empty: object storage)")
        actions.add_parser("pg-env", help="print libpq's variables for the database")

    def handle(self, *args, action, **options):
        try:
            getattr(self, action.replace("-", "_"))(**options)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error

    def write(self, directory, revision, **options):
        manifest = backup.write_manifest(directory, revision)
        counts = ", ".join(f"{count} {name}" for name, count in manifest["counts"].items())
        self.stdout.write(f"manifest: {counts}")

    def verify_files(self, directory, **options):
        problems = backup.file_problems(directory)
        if problems:
            raise CommandError("the backup is not intact:\n  " + "\n  ".join(problems))
        self.stdout.write("checksums match the manifest")

    def verify_counts(self, directory, **options):
        rows, agree = backup.count_differences(directory)
        self.stdout.write(f"{'':16}{'backup':>10}{'restored':>10}")
        for name, before, now in rows:
            mark = "" if before == now else "  differs"
            self.stdout.write(f"{name:16}{before!s:>10}{now!s:>10}{mark}")
        if not agree:
            raise CommandError("the restored database does not hold what the backup recorded")

    def check_empty(self, **options):
        tables = backup.database_tables()
        if tables:
            raise CommandError(
                f"the database is not empty ({len(tables)} tables, e.g. {sorted(tables)[0]})"
            )

    def media_root(self, **options):
        root = backup.media_root()
        self.stdout.write(str(root) if root else "")

    def pg_env(self, **options):
        self.stdout.write(backup.postgres_environment(), ending="")
