"""The e-mails a booking owes: a notification to staff and a confirmation to the organiser.

They are written down with the booking in one transaction (`owe_emails`) and sent once it
has committed (`deliver_for_booking`). Each attempt records its result on the e-mail's
row, so staff see what failed, and `manage.py send_booking_emails` sends what is still
unsent. An e-mail is claimed before it is sent, so two processes never send the same one.

Log lines name the booking by its id, never a person or an address.

The booking page's model calls this module, so it does not import the models: it reaches
the e-mail rows through what it is given (a booking's `emails`, a queryset, a row).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale

from .choices import EmailKind

logger = logging.getLogger(__name__)

# Long enough for a slow SMTP server; an e-mail whose sender died is retried after it.
CLAIM_SECONDS = 600


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
        changes.update(sent_at=now, error="")
    else:
        # Staff see this on the booking; the booking holds the same personal data anyway.
        changes["error"] = f"{type(error).__name__}: {error}"[:300]
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
    """The notification to staff, in the site's source language, with the booking's link."""
    language = settings.LANGUAGE_CODE
    locale = Locale.objects.filter(language_code=language).first()
    labels_page = (page.get_translation_or_none(locale) if locale else None) or page
    with translation.override(language):
        context = {
            "booking": booking,
            "page": labels_page,
            "answers": booking.answers(labels_page),
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
    """The organiser's copy of what they sent, in the language they used."""
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "page": page,
            "answers": booking.answers(page),
        }
        subject = gettext("We have received your visit booking")
        body = render_to_string("forms/emails/confirmation.txt", context)
    staff = page.staff_addresses()
    return EmailMessage(
        subject=_one_line(subject),
        body=body,
        from_email=page.from_address or None,
        to=[booking.organiser_email(page)],
        reply_to=staff[:1] or None,
    )
