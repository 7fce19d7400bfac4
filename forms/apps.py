from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsConfig(AppConfig):
    """Visit bookings: the booking form page, its submissions and their handling."""

    name = "forms"
    # The package shares its name with no installed app, so the plain label is kept.
    label = "forms"
    verbose_name = _("Visit bookings")
