"""The fixed choices of bookings and their e-mails, and the names of their languages.

They live apart from the models so that the modules the models use (the admin's booking
list, the e-mail sending) can name them without importing the models.
"""

from django.db import models
from django.utils.translation import get_language_info, pgettext_lazy
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


# The languages a booking can be sent in, named as in running text ("sent in Finnish",
# "skickad på finska"): Django's own names are capitalised in Swedish and Finnish.
LANGUAGE_NAMES = {
    "sv": pgettext_lazy("language in running text", "Swedish"),
    "fi": pgettext_lazy("language in running text", "Finnish"),
    "en": pgettext_lazy("language in running text", "English"),
}


def language_name(code):
    """The language `code` named in the active language."""
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
