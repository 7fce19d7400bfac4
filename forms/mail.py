"""The e-mails a booking owes: a notification to staff and a confirmation to the organiser.

They are written down with the booking in one transaction (`owe_emails`): the booking's
rows are the outbox. A worker process (`manage.py send_booking_emails --loop`) sends what
is due, never the visitor's request, so a mail server that hangs cannot hang a page; in
development and tests the request may send them once it has committed
(`BOOKING_SEND_EMAILS_IN_REQUEST`). Each attempt records its result on the e-mail's row, so
staff see what failed, and a failed e-mail waits longer after each attempt (`backoff`)
until `BOOKING_EMAIL_MAX_ATTEMPTS` have failed. An e-mail is claimed before it is sent, so
two processes never send the same one, and one whose sender died is sent again later.

The confirmation goes to whatever address the visitor typed, so it carries nothing else
they typed: the booking's number, dates and group size (values the form has checked) and
the organisation's own contact details. The staff notification carries every answer.

Log lines name the booking by its id, never a person or an address.

The booking page's model calls this module, so it does not import the models: it reaches
the e-mail rows through what it is given (a booking's `emails`, a queryset, a row).
"""

import logging
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from home.navigation import HOME_PAGE_TYPE, name_of_site

from .choices import EmailKind

logger = logging.getLogger(__name__)

# Long enough for a slow SMTP server; an e-mail whose sender died is retried after it.
CLAIM_SECONDS = 600
# A failed e-mail waits FIRST_RETRY_SECONDS, then twice as long after each failure, at
# most MAX_RETRY_SECONDS.
FIRST_RETRY_SECONDS = 30
MAX_RETRY_SECONDS = 60 * 60
# Question types whose answers the form has checked to be dates or numbers: the only
# answers the confirmation, which goes to an address anyone may type, repeats.
CHECKED_FIELD_TYPES = ("preferred_dates", "group_size", "date", "number")


def owe_emails(booking, page):
    """Record the e-mails this booking owes (call inside the booking's transaction)."""
    kinds = []
    if page.staff_addresses():
        kinds.append(EmailKind.STAFF)
    if booking.organiser_email(page):
        kinds.append(EmailKind.CONFIRMATION)
    emails = booking.emails
    emails.bulk_create(emails.model(booking=booking, kind=kind) for kind in kinds)


def deliver_for_booking(booking):
    return deliver(booking.emails.all())


def backoff(attempts):
    """Seconds a failed e-mail waits after its `attempts`-th failed attempt."""
    return min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), MAX_RETRY_SECONDS)


def due(emails):
    """The e-mails of `emails` the worker should try now: unsent, their wait after the
    last failure over, and not given up on."""
    return emails.filter(
        Q(retry_at__isnull=True) | Q(retry_at__lte=timezone.now()),
        sent_at__isnull=True,
        attempts__lt=settings.BOOKING_EMAIL_MAX_ATTEMPTS,
    )


def deliver(emails):
    """Send each unsent e-mail of `emails` (a queryset of booking e-mails) that no other
    process is sending.

    Returns (sent, failed) counts.
    """
    sent = failed = 0
    pending = emails.filter(sent_at__isnull=True).select_related("booking__page").order_by("pk")
    for email in pending:
        if not _claim(email):
            continue
        try:
            build_message(email).send()
        except Exception as error:  # any failure of the mail server is recorded, not raised
            failed += 1
            _record(email, error=error)
            logger.warning(
                "Booking %s: the %s e-mail was not sent (%s)",
                email.booking_id,
                email.kind,
                type(error).__name__,
            )
        else:
            sent += 1
            _record(email)
            logger.info("Booking %s: the %s e-mail was sent", email.booking_id, email.kind)
    return sent, failed


def _claim(email):
    now = timezone.now()
    rows = type(email).objects
    claimed = (
        rows.filter(pk=email.pk, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    )
    return claimed == 1


def _record(email, error=None):
    now = timezone.now()
    changes = {"attempts": F("attempts") + 1, "last_attempt_at": now, "claimed_until": None}
    if error is None:
        changes.update(sent_at=now, error="", retry_at=None)
    else:
        # Staff see this on the booking; the booking holds the same personal data anyway.
        changes["error"] = f"{type(error).__name__}: {error}"[:300]
        changes["retry_at"] = now + timedelta(seconds=backoff(email.attempts + 1))
    type(email).objects.filter(pk=email.pk).update(**changes)


def admin_url(booking):
    """The booking in the admin. E-mails are built outside any request, so the address
    comes from settings, or in development from the one recorded with the booking."""
    base = settings.WAGTAILADMIN_BASE_URL
    if settings.BOOKING_LINKS_FOLLOW_REQUEST and booking.base_url:
        base = booking.base_url
    return base + reverse("bookings:edit", args=[booking.pk])


def _one_line(text):
    return " ".join(str(text).split())


def build_message(email):
    booking = email.booking
    page = booking.page.specific
    if email.kind == EmailKind.STAFF:
        return staff_message(booking, page)
    return confirmation_message(booking, page)


def staff_message(booking, page):
    """The notification to staff, in the site's source language, with the booking's link:
    the questions by their staff labels, the choices and the visitor's language named in
    the staff's language."""
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        questions = page.questions(language)
        context = {
            "booking": booking,
            "answers": questions.answers(booking.form_data, staff=True),
            "admin_url": admin_url(booking),
        }
        subject = gettext("%(subject)s (booking %(number)s)") % {
            "subject": page.subject or gettext("New visit booking"),
            "number": booking.pk,
        }
        body = render_to_string("forms/emails/staff_notification.txt", context)
    organiser = booking.organiser_email(page)
    return EmailMessage(
        subject=_one_line(subject),
        body=body,
        from_email=page.from_address or None,
        to=page.staff_addresses(),
        reply_to=[organiser] if organiser else None,
    )


def confirmation_message(booking, page):
    """The organiser's receipt, in the language they used. It repeats only what the form
    has checked (dates, group size), so the form cannot relay a stranger's text."""
    with translation.override(booking.language):
        questions = page.questions(booking.language)
        context = {
            "booking": booking,
            "page": page,
            "facts": questions.answers(booking.form_data, field_types=CHECKED_FIELD_TYPES),
            "organisation": organisation(page),
        }
        subject = gettext("We have received your visit booking")
        body = render_to_string("forms/emails/confirmation.txt", context)
    staff = page.staff_addresses()
    return EmailMessage(
        subject=_one_line(subject),
        body=body,
        from_email=sender(
            page.from_address or settings.DEFAULT_FROM_EMAIL, context["organisation"]
        ),
        to=[booking.organiser_email(page)],
        reply_to=staff[:1] or None,
    )


def sender(address, organisation):
    """`address` with the organisation's name shown beside it, unless it has a name of its
    own: the organiser's inbox shows who wrote, not a bare address."""
    name, bare = parseaddr(address)
    if name or not bare:
        return address
    return formataddr((_one_line(organisation["name"]), bare))


def organisation(page):
    """The organisation's name and contact details as the footer of `page`'s language shows
    them: its home page's contact fields, else the site's name."""
    app_label, model = HOME_PAGE_TYPE.split(".")
    home = (
        page.get_ancestors()
        .filter(content_type__app_label=app_label, content_type__model=model.lower())
        .specific()
        .last()
    )
    return {
        "name": getattr(home, "contact_heading", "") or name_of_site(page.get_site()),
        "address": getattr(home, "contact_address", ""),
        "email": getattr(home, "contact_email", ""),
        "phone": getattr(home, "contact_phone", ""),
    }
