"""Send the booking e-mails that are owed: once, or as the long-running worker (--loop).

The outbox is the booking e-mail rows themselves, so the worker keeps no state of its own:
stopped and started again, it finds what is still unsent in the database.
"""

import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections

from forms import mail
from forms.models import BookingEmail

logger = logging.getLogger("forms.mail")


class Command(BaseCommand):
    help = (
        "Send the booking e-mails that are still unsent. With --loop, keep running and send "
        "each e-mail as it becomes due (the worker process: run it beside the web server). "
        "Without it, send every unsent e-mail once, whether or not its retry is due."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running; stop on SIGTERM or Ctrl-C after the e-mail being sent.",
        )

    def handle(self, *args, **options):
        if options["loop"]:
            stopping = threading.Event()
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_args: stopping.set())
            self.run_worker(stopping)
            return
        sent, failed = mail.deliver(BookingEmail.objects.all())
        self.stdout.write(f"Booking e-mails sent: {sent}, failed: {failed}.")
        if failed:
            # A non-zero exit makes cron report it; details are on each booking.
            raise CommandError(
                f"{failed} booking e-mails could not be sent; each booking shows why."
            )

    def run_worker(self, stopping):
        """Send what is due every BOOKING_EMAIL_POLL_SECONDS until `stopping` is set."""
        interval = settings.BOOKING_EMAIL_POLL_SECONDS
        self.stdout.write(f"Sending booking e-mails as they come (every {interval:g} s).")
        wait = interval
        while not stopping.is_set():
            close_old_connections()
            try:
                sent, failed = mail.deliver(mail.due(BookingEmail.objects.all()))
            except DatabaseError as error:
                # The database restarting must not end the worker: try again, less often.
                logger.warning("Booking e-mails: the database failed (%s)", type(error).__name__)
                wait = min(wait * 2, mail.MAX_RETRY_SECONDS)
            else:
                wait = interval
                if sent or failed:
                    self.stdout.write(f"Booking e-mails sent: {sent}, failed: {failed}.")
            stopping.wait(wait)
        self.stdout.write("Stopped.")
