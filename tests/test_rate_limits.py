"""Rate limits on the booking form: posts and form tokens per client, the client's address
read through trusted proxies only, and counts shared by every process that shares the cache."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import RequestFactory

from forms import spam
from forms.models import Booking
from tests.bookings import answers, post

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

TOKENS_LIMITED = {
    "sv": "Formuläret har öppnats många gånger på kort tid",
    "fi": "Lomake on avattu monta kertaa lyhyessä ajassa",
    "en": "This form has been opened many times in a short while",
}


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Empty counts, no time trap, and the token limit the site runs with."""
    cache.clear()
    settings.BOOKING_MIN_FILL_SECONDS = 0
    settings.BOOKING_RATE_LIMIT_TOKENS = 20
    # Counts are kept per window; an hour long, a test never runs across two of them.
    settings.BOOKING_RATE_LIMIT_TOKEN_WINDOW = 3600
    settings.BOOKING_RATE_LIMIT_WINDOW = 3600
    yield
    cache.clear()


def main_text(response):
    return BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)


# Posts


def test_posts_over_the_limit_get_429_and_store_nothing(client, settings, tree):
    settings.BOOKING_RATE_LIMIT_POSTS = 2
    page = tree.booking["fi"]
    statuses = [post(client, page, answers(page)).status_code for _post in range(4)]
    assert statuses == [200, 200, 429, 429]
    assert Booking.objects.count() == 2


def test_two_addresses_have_separate_counts(client, settings, tree):
    settings.BOOKING_RATE_LIMIT_POSTS = 1
    page = tree.booking["sv"]
    first = post(client, page, answers(page), REMOTE_ADDR="192.0.2.1")
    second = post(client, page, answers(page), REMOTE_ADDR="192.0.2.2")
    again = post(client, page, answers(page), REMOTE_ADDR="192.0.2.1")
    assert [first.status_code, second.status_code, again.status_code] == [200, 200, 429]
    assert Booking.objects.count() == 2


# Form tokens


def test_a_few_loads_of_the_form_are_unaffected(client, tree):
    page = tree.booking["sv"]
    for _load in range(5):
        response = client.get(page.url)
        assert response.status_code == 200
        assert 'name="_token"' in response.content.decode()


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_tokens_over_the_limit_are_refused_with_a_notice(client, settings, tree, language):
    settings.BOOKING_RATE_LIMIT_TOKENS = 3
    page = tree.booking[language]
    for _load in range(3):
        assert client.get(page.url).status_code == 200
    response = client.get(page.url)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert 'name="_token"' not in html
    assert '<form class="booking-form"' not in html
    assert TOKENS_LIMITED[language] in main_text(response)
    # Another address still gets the form.
    other = client.get(page.url, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200
    assert 'name="_token"' in other.content.decode()


def test_the_token_limit_can_be_switched_off(client, settings, tree):
    settings.BOOKING_RATE_LIMIT_TOKENS = 0
    page = tree.booking["en"]
    assert {client.get(page.url).status_code for _load in range(25)} == {200}


# The client's address


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_a_forged_header_changes_nothing(settings):
    settings.BOOKING_TRUSTED_PROXY_COUNT = 0
    request = request_from("203.0.113.5", "198.51.100.1")
    assert spam.client_address(request) == "203.0.113.5"
    counts = [
        spam.count_request("test", request_from("203.0.113.5", forged), 3600)
        for forged in ("198.51.100.1", "198.51.100.2", "198.51.100.3")
    ]
    assert counts == [1, 2, 3]


def test_with_one_trusted_proxy_the_last_entry_is_the_client(settings):
    settings.BOOKING_TRUSTED_PROXY_COUNT = 1
    request = request_from("10.0.0.1", "198.51.100.1, 198.51.100.2")
    assert spam.client_address(request) == "198.51.100.2"


def test_with_fewer_entries_than_trusted_proxies_the_connection_is_the_client(settings):
    settings.BOOKING_TRUSTED_PROXY_COUNT = 2
    assert spam.client_address(request_from("10.0.0.1", "198.51.100.1")) == "10.0.0.1"
    assert spam.client_address(request_from("10.0.0.1")) == "10.0.0.1"


# Shared across processes

COUNT_IN_ANOTHER_PROCESS = """
import django
from django.conf import settings

settings.configure(
    SECRET_KEY={secret!r},
    BOOKING_TRUSTED_PROXY_COUNT=0,
    CACHES={caches!r},
)
django.setup()
from django.test import RequestFactory
from forms import spam

request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.44")
print("ready", flush=True)
for _count in range({count}):
    spam.count_request("tokens", request, 3600)
"""


def test_the_count_is_shared_by_processes_that_share_the_cache(settings, tmp_path):
    """Another process counts at the same time as this one; no count is lost."""
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    settings.CACHES = caches
    script = COUNT_IN_ANOTHER_PROCESS.format(secret=settings.SECRET_KEY, caches=caches, count=200)
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    other = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.44")
    try:
        assert other.stdout.readline().strip() == "ready"
        for _count in range(200):
            spam.count_request("tokens", request, 3600)
    finally:
        assert other.wait(timeout=60) == 0
    assert spam.count_request("tokens", request, 3600) == 401
