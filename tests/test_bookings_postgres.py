"""Bookings under concurrency, on PostgreSQL: many posts at once are each stored once.

SQLite serialises writers, so these run only against PostgreSQL; `.ci/run` runs the
whole suite a second time on PostgreSQL, where they are not skipped.
"""

import threading

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client

from forms.models import Booking, BookingEmail
from tests.bookings import answers, key, post, token_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.usefixtures("committed_db"),
]


@pytest.fixture
def tree(committed_tree):
    """The tree as the posting threads see it: read outside a test transaction."""
    return committed_tree


@pytest.fixture
def postgres(settings):
    """PostgreSQL, with no time trap to wait out and no rate-limit counts."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)")
    cache.clear()
    settings.BOOKING_MIN_FILL_SECONDS = 0
    yield
    cache.clear()


def in_parallel(count, work):
    """Run work(number) in `count` threads that start their post at the same moment."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(number):
        try:
            results[number] = work(number, barrier)
        except Exception as error:  # reported below with the others
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return results


def test_twenty_bookings_posted_at_once_are_all_stored_once(postgres, tree):
    pages = {language: tree.booking[language] for language in ("sv", "fi", "en")}

    def book(number, barrier):
        client = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
        page = pages[("sv", "fi", "en")[number % 3]]
        token = token_for(client, page)
        data = answers(
            page,
            name=f"Organiser {number}",
            participants=[(f"Guest {number}", "Org", "Role", "")],
        )
        barrier.wait()
        return post(client, page, data, token=token).status_code

    statuses = in_parallel(20, book)

    assert statuses == [200] * 20
    names = sorted(Booking.objects.values_list(f"form_data__{key('name')}", flat=True))
    assert names == sorted(f"Organiser {number}" for number in range(20))
    assert Booking.objects.values("token").distinct().count() == 20
    assert BookingEmail.objects.filter(sent_at__isnull=False).count() == 40


def test_the_same_form_sent_at_once_from_two_tabs_stores_one_booking(postgres, tree):
    page = tree.booking["fi"]
    token = token_for(Client(), page)

    def send(number, barrier):
        client = Client(REMOTE_ADDR=f"198.51.100.{number + 1}")
        barrier.wait()
        return post(client, page, answers(page), token=token).status_code

    assert in_parallel(6, send) == [200] * 6
    assert Booking.objects.count() == 1
    assert BookingEmail.objects.count() == 2
