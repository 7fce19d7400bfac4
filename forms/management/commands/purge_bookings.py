from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forms.models import Booking


class Command(BaseCommand):
    help = (
        "Delete the bookings sent more than BOOKING_RETENTION_DAYS days ago, with "
        "everything they hold. Run it from cron once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the bookings that would be deleted.",
        )

    def handle(self, *args, dry_run=False, **options):
        if settings.BOOKING_RETENTION_DAYS < 1:
            # Zero or less would delete today's bookings, possibly before anyone saw them.
            raise CommandError(
                f"BOOKING_RETENTION_DAYS must be at least 1, not {settings.BOOKING_RETENTION_DAYS}."
            )
        cutoff = timezone.now() - timedelta(days=settings.BOOKING_RETENTION_DAYS)
        old = Booking.objects.filter(submit_time__lt=cutoff)
        if dry_run:
            self.stdout.write(f"Bookings older than the retention period: {old.count()}.")
            return
        deleted = old.delete()[1].get(Booking._meta.label, 0)
        self.stdout.write(
            f"Deleted {deleted} bookings sent before {cutoff:%Y-%m-%d %H:%M} "
            f"(retention {settings.BOOKING_RETENTION_DAYS} days)."
        )
