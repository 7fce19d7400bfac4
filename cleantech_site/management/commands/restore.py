"""Put a backup made by `manage.py backup` back into the configured database and
MEDIA_ROOT. Stop the site and the e-mail worker first; run `manage.py migrate` after."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from cleantech_site import backups, page_cache


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` (its directory, or `latest` for the "
        "newest in BACKUP_DIR) into the configured database and MEDIA_ROOT. Refuses a "
        "database that holds anything unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup's directory, or `latest`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace what the database holds now.",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Restore the database only, leaving MEDIA_ROOT as it is.",
        )

    def handle(self, *args, backup, force=False, no_media=False, **options):
        chosen = self.find(backup)
        connection = connections[DEFAULT_DB_ALIAS]
        target = f"the {connection.vendor} database {connection.settings_dict['NAME']}"
        taken = f"the backup taken {chosen.taken:%Y-%m-%d %H:%M} UTC"
        tables = backups.existing_tables(connection)
        if tables:
            held = self.describe_current(connection, tables)
            if not force:
                raise CommandError(
                    f"{target.capitalize()} is not empty: it holds {held}. Restoring "
                    f"would replace that with {taken} "
                    f"({backups.describe_counts(chosen.manifest['counts'])}). "
                    f"Run again with --force to replace it."
                )
            self.stdout.write(f"Replacing {held} in {target}.")
        restored = backups.restore(chosen, media=not no_media)
        # Pages cached before the restore show content that is no longer there.
        page_cache.clear()
        expected = chosen.manifest["counts"]
        if restored != expected:
            # The counts are taken just after the dump, so a booking that arrived in
            # between shows here; the restore itself has already succeeded.
            self.stderr.write(
                f"Note: the restored database holds {backups.describe_counts(restored)}; "
                f"the backup's manifest counted {backups.describe_counts(expected)}."
            )
        media = chosen.manifest.get("media")
        if no_media or not media:
            media_note = " MEDIA_ROOT was left as it was."
        else:
            media_note = f" {media['files']} media files written to {settings.MEDIA_ROOT}."
        self.stdout.write(
            f"Restored {taken} into {target}: {backups.describe_counts(restored)}."
            + media_note
            + " Run `manage.py migrate` if the code is newer than the backup."
        )

    def find(self, name):
        if name != "latest":
            return backups.Backup.open(name)
        found = backups.existing(settings.BACKUP_DIR)
        if not found:
            raise CommandError(f"There are no backups in {settings.BACKUP_DIR}.")
        return backups.Backup.open(found[-1].path)

    def describe_current(self, connection, tables):
        try:
            return backups.describe_counts(backups.content_counts())
        except DatabaseError:
            # An older or partial schema: the tables are all there is to say.
            return f"{len(tables)} tables"
