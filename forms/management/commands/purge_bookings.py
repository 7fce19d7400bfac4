"""Delete bookings once they are no longer needed.

A booking is needed until the retention period (BOOKING_RETENTION_DAYS) has passed since
the latest of: the day it was sent, the visit date agreed with the organiser, and the
latest of the dates the group said they would like to come. A confirmed visit a year
ahead is kept until a retention period after that visit, not deleted a year after the
request.
"""

import datetime
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from forms.models import Booking, FormField

# Deleted this many at a time, so one statement never names thousands of ids.
BATCH = 500


def _preferred_date_keys():
    """{form page id: the keys its preferred-dates questions store their answers under}."""
    keys = defaultdict(set)
    rows = FormField.objects.filter(field_type="preferred_dates").values_list(
        "page_id", "clean_name"
    )
    for page_id, clean_name in rows:
        keys[page_id].add(clean_name)
    return keys


def _latest_preferred_date(booking, keys):
    latest = None
    for key in keys:
        answer = booking.form_data.get(key)
        for value in answer if isinstance(answer, list) else [answer]:
            try:
                day = datetime.date.fromisoformat(value)
            except (TypeError, ValueError):
                continue
            latest = day if latest is None else max(latest, day)
    return latest


def expired_bookings(now=None):
    """The ids of the bookings whose retention period has passed, as of `now`."""
    now = now or timezone.now()
    days = timedelta(days=settings.BOOKING_RETENTION_DAYS)
    last_visit_day = timezone.localdate(now) - days
    candidates = Booking.objects.filter(submit_time__lt=now - days).filter(
        Q(agreed_date__isnull=True) | Q(agreed_date__lt=last_visit_day)
    )
    keys = _preferred_date_keys()
    expired = []
    for booking in candidates.only("pk", "page_id", "form_data").iterator():
        latest = _latest_preferred_date(booking, keys.get(booking.page_id, ()))
        if latest is None or latest < last_visit_day:
            expired.append(booking.pk)
    return expired


class Command(BaseCommand):
    help = (
        "Delete the bookings whose sending, agreed visit date and latest preferred visit "
        "date all lie more than BOOKING_RETENTION_DAYS days back, with everything they "
        "hold. Run it from cron once a day."
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
        expired = expired_bookings()
        if dry_run:
            self.stdout.write(f"Bookings older than the retention period: {len(expired)}.")
            return
        deleted = 0
        for start in range(0, len(expired), BATCH):
            batch = Booking.objects.filter(pk__in=expired[start : start + BATCH])
            deleted += batch.delete()[1].get(Booking._meta.label, 0)
        self.stdout.write(
            f"Deleted {deleted} bookings whose sending and visit dates lie more than "
            f"{settings.BOOKING_RETENTION_DAYS} days back."
        )
