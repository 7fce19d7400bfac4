"""The admin's sign-in locks an account for an address after too many failed attempts,
tells the person why in their language, and is unlocked by a management command."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from .test_settings import run_manage

LOGIN = "/admin/login/"
PASSWORD = "a-long-chosen-passphrase"  # noqa: S105 (a test account's password)
LOCKED_FI = "Kirjautuminen on lukittu"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def sign_in(client, password, address="198.51.100.7", **headers):
    return client.post(
        LOGIN,
        {"username": "editor", "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="fi",
        **headers,
    )


def fail_until_locked(client, limit, **kwargs):
    for attempt in range(1, limit):
        response = sign_in(client, "wrong", **kwargs)
        assert response.status_code == 200, f"attempt {attempt} was not an ordinary failure"
    return sign_in(client, "wrong", **kwargs)


def test_the_sign_in_locks_after_the_configured_number_of_failures(client, editor, limit, caplog):
    with caplog.at_level("INFO"):
        locked = fail_until_locked(client, limit)
    assert locked.status_code == 429
    assert "Locking out" in caplog.text
    # The log says that it happened, not who or from where.
    assert "editor" not in caplog.text
    assert "198.51.100.7" not in caplog.text
    # The right password is refused too, with the reason in the person's language.
    refused = sign_in(client, PASSWORD)
    assert refused.status_code == 429
    text = refused.content.decode()
    assert LOCKED_FI in text
    assert "15 minuutiksi" in text
    assert client.get("/admin/").status_code == 302  # not signed in


def test_a_locked_account_still_signs_in_from_another_address(client, editor, limit):
    fail_until_locked(client, limit)
    assert sign_in(client, PASSWORD, address="192.0.2.44").status_code == 302


def test_the_lock_reads_the_address_through_the_trusted_proxies_as_bookings_do(
    client, editor, limit, settings
):
    settings.BOOKING_TRUSTED_PROXY_COUNT = 1
    fail_until_locked(client, limit, HTTP_X_FORWARDED_FOR="203.0.113.5")
    again = sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert again.status_code == 429
    # Same proxy (REMOTE_ADDR), another visitor behind it.
    other = sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 302


def test_axes_reset_username_unlocks_the_account(client, editor, limit):
    fail_until_locked(client, limit)
    assert sign_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert sign_in(client, PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_failure_limit_and_cool_off_come_from_the_environment():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings;"
        "print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds())",
        DJANGO_SETTINGS_MODULE="cleantech_site.settings.test",
        AXES_FAILURE_LIMIT="8",
        AXES_COOLOFF_MINUTES="30",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["8", "1800.0"]
