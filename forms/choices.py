"""The fixed choices of bookings and their e-mails.

They live apart from the models so that the modules the models use (the admin's booking
list, the e-mail sending) can name them without importing the models.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BookingStatus(models.TextChoices):
    """Where a booking stands."""

    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class EmailKind(models.TextChoices):
    """The e-mails a booking can owe."""

    STAFF = "staff", _("Notification to staff")
    CONFIRMATION = "confirmation", _("Confirmation to the organiser")
