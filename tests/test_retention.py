"""Retention: a booking is kept until the retention period has passed since the latest of
its sending, its agreed visit date and its latest preferred visit date."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from forms.models import Booking, BookingEmail
from tests.bookings import key

pytestmark = [pytest.mark.django_db]

RETENTION = 365


@pytest.fixture(autouse=True)
def retention(settings):
    settings.BOOKING_RETENTION_DAYS = RETENTION


def day(offset):
    """The date `offset` days from today (negative: in the past)."""
    return timezone.localdate() + timedelta(days=offset)


def booking(page, *, sent_days_ago, agreed=None, preferred=()):
    made = Booking.objects.create(
        page=page,
        language=page.locale.language_code,
        agreed_date=agreed,
        form_data={key("dates"): [d.isoformat() for d in preferred], key("name"): "Aino"},
    )
    sent = timezone.now() - timedelta(days=sent_days_ago)
    Booking.objects.filter(pk=made.pk).update(submit_time=sent)
    return made.pk


def purge(*args):
    output = io.StringIO()
    call_command("purge_bookings", *args, stdout=output)
    return output.getvalue()


def remaining():
    return set(Booking.objects.values_list("pk", flat=True))


def test_a_confirmed_visit_still_ahead_is_kept(tree):
    page = tree.booking.sv
    ahead = booking(page, sent_days_ago=400, agreed=day(30), preferred=[day(-400)])
    past = booking(page, sent_days_ago=400, agreed=day(-RETENTION - 1), preferred=[day(-400)])
    purge()
    assert remaining() == {ahead}
    assert past not in remaining()


def test_the_latest_preferred_date_counts_when_no_visit_is_agreed(tree):
    page = tree.booking.sv
    recent = booking(page, sent_days_ago=400, preferred=[day(-500), day(-100), day(-450)])
    old = booking(page, sent_days_ago=400, preferred=[day(-500), day(-RETENTION - 1)])
    purge()
    assert remaining() == {recent}
    assert old not in remaining()


def test_the_later_of_agreed_and_preferred_dates_counts(tree):
    page = tree.booking.sv
    # The visit was agreed long ago, but one of the preferred dates is recent.
    preferred_later = booking(
        page, sent_days_ago=800, agreed=day(-700), preferred=[day(-RETENTION + 10)]
    )
    agreed_later = booking(
        page, sent_days_ago=800, agreed=day(-RETENTION + 10), preferred=[day(-700)]
    )
    both_old = booking(page, sent_days_ago=800, agreed=day(-700), preferred=[day(-700)])
    purge()
    assert remaining() == {preferred_later, agreed_later}
    assert both_old not in remaining()


def test_a_booking_is_kept_for_the_whole_last_day(tree):
    page = tree.booking.sv
    last_day = booking(page, sent_days_ago=400, agreed=day(-RETENTION))
    day_after = booking(page, sent_days_ago=400, agreed=day(-RETENTION - 1))
    purge()
    assert remaining() == {last_day}
    assert day_after not in remaining()


def test_recent_bookings_are_kept_whatever_their_dates(tree):
    page = tree.booking.sv
    recent = booking(page, sent_days_ago=10, agreed=day(-800), preferred=[day(-800)])
    purge()
    assert remaining() == {recent}


def test_the_preferred_dates_of_translated_booking_pages_count(tree):
    # Each language's page has its own questions, with the same keys.
    kept = {
        booking(tree.booking[language], sent_days_ago=400, preferred=[day(20)])
        for language in ("sv", "fi", "en")
    }
    gone = booking(tree.booking["fi"], sent_days_ago=400, preferred=[day(-400)])
    purge()
    assert remaining() == kept
    assert gone not in remaining()


def test_unreadable_answers_do_not_keep_a_booking(tree):
    page = tree.booking.sv
    made = booking(page, sent_days_ago=400)
    Booking.objects.filter(pk=made).update(form_data={key("dates"): ["den femte", None, 7]})
    purge()
    assert made not in remaining()


def test_dry_run_counts_and_purge_deletes_what_the_booking_holds(tree):
    page = tree.booking.sv
    kept = booking(page, sent_days_ago=400, agreed=day(5))
    gone = [booking(page, sent_days_ago=400 + n) for n in range(3)]
    for pk in [kept, *gone]:
        BookingEmail.objects.create(booking_id=pk, kind=BookingEmail.Kind.STAFF)

    assert purge("--dry-run") == "Bookings older than the retention period: 3.\n"
    assert remaining() == {kept, *gone}

    assert purge().startswith("Deleted 3 bookings")
    assert remaining() == {kept}
    assert list(BookingEmail.objects.values_list("booking_id", flat=True)) == [kept]
