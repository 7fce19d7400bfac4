"""Back up the database and the uploaded media (cleantech_site/backups.py), and apply the
retention rule to the backups already there. Run it from cron or a systemd timer."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cleantech_site import backups


def positive(value):
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump; SQLite: its online backup API) and "
        "MEDIA_ROOT into a new directory below BACKUP_DIR, then delete the backups that "
        "fall outside --keep / --keep-days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            dest="directory",
            help="Where to put the backup (default: BACKUP_DIR, now %(default)s).",
            default=str(settings.BACKUP_DIR),
        )
        parser.add_argument(
            "--keep",
            type=positive,
            metavar="N",
            help="Afterwards, delete all but the newest N backups in that directory.",
        )
        parser.add_argument(
            "--keep-days",
            type=positive,
            metavar="DAYS",
            help="Afterwards, delete the backups older than DAYS days (never the newest).",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave MEDIA_ROOT out (when it is backed up in another way).",
        )

    def handle(self, *args, directory, keep=None, keep_days=None, no_media=False, **options):
        include_media = not no_media
        if include_media and not backups.media_is_local():
            self.stdout.write(
                "Media are not in MEDIA_ROOT but in "
                f"{settings.STORAGES['default']['BACKEND']}: back them up there "
                "(versioning or replication of the bucket). Backing up the database only."
            )
            include_media = False
        try:
            backup = backups.create(directory, media=include_media)
        except OSError as error:
            message = f"The backup could not be written to {directory}: {error}"
            raise CommandError(message) from error
        media = backup.manifest.get("media")
        self.stdout.write(
            f"Backup written to {backup.path}: "
            f"{backups.describe_counts(backup.manifest['counts'])}"
            + (f"; {media['files']} media files." if media else "; no media.")
        )
        if keep is None and keep_days is None:
            return
        old = backups.expired(directory, keep=keep, keep_days=keep_days)
        for expired in old:
            backups.remove(expired)
        self.stdout.write(
            f"Deleted {len(old)} older backups"
            + (": " + ", ".join(expired.path.name for expired in old) if old else "")
            + "."
        )
