from django.core.management.base import BaseCommand, CommandError

from forms import mail
from forms.models import BookingEmail


class Command(BaseCommand):
    help = (
        "Send the booking e-mails that are still unsent (a failed attempt, or a process "
        "that stopped before sending). Run it from cron every few minutes."
    )

    def handle(self, *args, **options):
        sent, failed = mail.deliver(BookingEmail.objects.all())
        self.stdout.write(f"Booking e-mails sent: {sent}, failed: {failed}.")
        if failed:
            # A non-zero exit makes cron report it; details are on each booking.
            raise CommandError(
                f"{failed} booking e-mails could not be sent; each booking shows why."
            )
