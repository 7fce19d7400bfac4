"""Booking e-mails are delivered by the worker, not the visitor's request, and the
confirmation sent to the address a visitor typed repeats none of their free text.

The SMTP server here is a real socket on 127.0.0.1: first one that accepts connections
and never answers (a mail server that hangs), then a small one that answers as SMTP does.
"""

import io
import smtplib
import socket
import socketserver
import threading
import time
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone, translation
from django.utils.formats import date_format

from forms import mail as booking_mail
from forms.management.commands import send_booking_emails
from forms.models import Booking, BookingEmail
from tests.bookings import answers, future, post, token_for

pytestmark = pytest.mark.django_db

SMTP_TIMEOUT = 5


@pytest.fixture(autouse=True)
def worker_settings(settings):
    """The production arrangement: the request leaves the e-mails to the worker."""
    cache.clear()
    settings.BOOKING_MIN_FILL_SECONDS = 0
    settings.BOOKING_SEND_EMAILS_IN_REQUEST = False
    yield settings
    cache.clear()


class SMTPHandler(socketserver.StreamRequestHandler):
    """One connection: counted, then left unanswered while the server hangs, or answered
    as an SMTP server does once it works."""

    def handle(self):
        server = self.server
        server.connections += 1
        if not server.answering:
            # Hang: read nothing, say nothing, until the client or the test gives up.
            server.stopped.wait(SMTP_TIMEOUT * 4)
            return
        self.say("220 mail.example.test ready")
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.say("250 mail.example.test")
            elif command == "DATA":
                self.say("354 go ahead")
                message = b"".join(iter(self.read_data_line, None))
                server.messages.append(message.decode("utf-8", "replace"))
                self.say("250 queued")
            elif command == "QUIT":
                self.say("221 bye")
                return
            else:  # MAIL FROM, RCPT TO, RSET, NOOP
                self.say("250 ok")

    def read_data_line(self):
        line = self.rfile.readline()
        return None if line in (b".\r\n", b"") else line

    def say(self, reply):
        self.wfile.write(f"{reply}\r\n".encode())


class SMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SMTPHandler)
        self.connections = 0
        self.answering = False
        self.messages = []
        self.stopped = threading.Event()


@pytest.fixture
def smtp_server(settings):
    """A TCP server on a free port of 127.0.0.1 that hangs until told to answer."""
    server = SMTPServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_TIMEOUT = SMTP_TIMEOUT
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stopped.set()
    server.shutdown()
    server.server_close()


def test_the_server_fixture_really_hangs(smtp_server):
    """What the booking test relies on: a client of this server waits for its timeout."""
    started = time.monotonic()
    with pytest.raises((socket.timeout, smtplib.SMTPServerDisconnected)):
        smtplib.SMTP(*smtp_server.server_address, timeout=0.5)
    assert time.monotonic() - started >= 0.5
    assert smtp_server.connections == 1


class Passes(threading.Event):
    """Stops the worker after `count` passes, and notes how long it would have waited."""

    def __init__(self, count):
        super().__init__()
        self.count = count
        self.waits = []

    def wait(self, timeout=None):
        self.waits.append(timeout)
        if len(self.waits) >= self.count:
            self.set()
        return self.is_set()


def run_worker_once(passes=None):
    """One pass of `send_booking_emails --loop`, as the worker makes every few seconds."""
    output = io.StringIO()
    command = send_booking_emails.Command(stdout=output)
    command.run_worker(passes or Passes(1))
    return output.getvalue()


@pytest.fixture(autouse=True)
def _keep_the_test_transaction(monkeypatch):
    # The worker drops stale connections before each pass; inside a test's transaction
    # that would close the connection the test is using.
    monkeypatch.setattr(send_booking_emails, "close_old_connections", lambda: None)


def test_a_booking_does_not_wait_for_a_hanging_mail_server(
    client, smtp_server, django_capture_on_commit_callbacks, tree
):
    page = tree.booking["fi"]
    token = token_for(client, page)

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, page, answers(page), token=token)
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response.context["form_submission"] == Booking.objects.get()
    assert elapsed < SMTP_TIMEOUT / 2, f"the thank-you page took {elapsed:.1f} s"
    assert smtp_server.connections == 0, "the request connected to the mail server"
    emails = list(BookingEmail.objects.all())
    assert sorted(email.kind for email in emails) == ["confirmation", "staff"]
    assert all(email.sent_at is None and email.attempts == 0 for email in emails)

    # The mail server works again: the worker's next pass delivers both, over SMTP.
    smtp_server.answering = True
    assert "sent: 2, failed: 0" in run_worker_once()
    assert smtp_server.connections == 2
    assert len(smtp_server.messages) == 2
    assert all(email.sent_at and email.attempts == 1 for email in BookingEmail.objects.all())
    # Nothing is sent twice.
    run_worker_once()
    assert len(smtp_server.messages) == 2


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_failed_email_waits_longer_after_each_attempt_and_is_given_up_at_last(
    client, settings, tree
):
    page = tree.booking.sv
    post(client, page, answers(page))
    settings.EMAIL_BACKEND = "tests.test_booking_delivery.BrokenBackend"

    before = timezone.now()
    assert "sent: 0, failed: 2" in run_worker_once()
    email = BookingEmail.objects.first()
    assert email.attempts == 1
    assert timedelta(seconds=29) < email.retry_at - before <= timedelta(seconds=31)
    # Not due yet: the next pass leaves both alone.
    assert "failed" not in run_worker_once()
    assert set(BookingEmail.objects.values_list("attempts", flat=True)) == {1}

    assert [booking_mail.backoff(n) for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]

    # Due again, and the server is back: sent, and the wait is forgotten.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    BookingEmail.objects.update(retry_at=timezone.now() - timedelta(seconds=1))
    assert "sent: 2, failed: 0" in run_worker_once()
    assert not BookingEmail.objects.filter(sent_at__isnull=True).exists()
    assert not BookingEmail.objects.exclude(retry_at=None).exists()


def test_the_worker_gives_up_after_the_last_attempt(client, settings, tree):
    page = tree.booking.sv
    post(client, page, answers(page))
    BookingEmail.objects.update(attempts=settings.BOOKING_EMAIL_MAX_ATTEMPTS)
    run_worker_once()
    assert mail.outbox == []
    with translation.override("en"):
        assert Booking.objects.get().email_state == "Not sent: 2 failed"
    # Run by hand once the cause is fixed, the command sends them all the same.
    call_command("send_booking_emails", stdout=io.StringIO())
    assert len(mail.outbox) == 2


MARKER = "ZQX-free-text-marker"
LINK = "https://relay.example.net/offer"


@pytest.mark.parametrize("language", ["sv", "fi", "en"])
def test_the_confirmation_repeats_no_free_text_and_staff_get_everything(
    client, settings, tree, language
):
    page = tree.booking[language]
    days = [future(30), future(37)]
    sent = answers(
        page,
        aim_details=f"{MARKER} aim {LINK}",
        companies=f"{MARKER} companies",
        wishes=f"See {LINK}",
        message=f"{MARKER} message {LINK}",
        participants=[(f"{MARKER} person", f"{LINK} org", "Role", "")],
        dates=days,
        group_size="14",
    )
    post(client, page, sent)
    run_worker_once()
    booking = Booking.objects.get()
    (staff,) = [message for message in mail.outbox if message.to == page.staff_addresses()]
    (confirmation,) = [message for message in mail.outbox if message.to == ["aino@example.fi"]]

    # Staff get every answer, the free text and its link included.
    assert MARKER in staff.body and LINK in staff.body

    # The organiser gets a receipt: nothing they typed, no link they gave.
    text = confirmation.subject + confirmation.body
    assert MARKER not in text
    assert "relay.example.net" not in text
    assert "http" not in confirmation.body
    home = tree.home[language]
    with translation.override(language):
        dates = ", ".join(date_format(date.fromisoformat(day), "DATE_FORMAT") for day in days)
    assert str(booking.pk) in confirmation.body
    assert dates in confirmation.body
    assert ": 14\n" in confirmation.body
    assert home.contact_heading in confirmation.body
    assert "kontakt@example.se" in confirmation.body
    assert booking.language == language


def test_the_worker_outlives_a_database_that_goes_away(client, settings, monkeypatch, tree):
    page = tree.booking.sv
    post(client, page, answers(page))
    settings.BOOKING_EMAIL_POLL_SECONDS = 2
    real_due = booking_mail.due
    failures = iter([OperationalError("server closed the connection")])

    def due_after_a_restart(emails):
        error = next(failures, None)
        if error:
            raise error
        return real_due(emails)

    monkeypatch.setattr(booking_mail, "due", due_after_a_restart)
    passes = Passes(2)
    output = run_worker_once(passes)
    # The failed pass waits longer before the next; the next sends and waits as usual.
    assert passes.waits == [4, 2]
    assert "sent: 2, failed: 0" in output
    assert len(mail.outbox) == 2
