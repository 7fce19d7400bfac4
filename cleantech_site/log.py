"""How the site's log lines and error reports look.

One event is one line (time, level, logger, message): a traceback is folded into the
line, so a log shipper or `grep` never sees half an event. Records name ids, not
people; error reports e-mailed to ADMINS show which fields a form posted, never what
was typed in them.
"""

import logging

from django.views.debug import SafeExceptionReporterFilter


class OneLineFormatter(logging.Formatter):
    def format(self, record):
        return super().format(record).replace("\r", "").replace("\n", " \\n ")


class WarningWithoutTraceback(logging.Filter):
    """Turns a record into a warning without its traceback.

    For django.security.DisallowedHost: anyone can send a request with a wrong Host
    header, and Django logs each as an error with a full traceback; the site answers
    400 and there is nothing to fix."""

    def filter(self, record):
        if record.levelno > logging.WARNING:
            record.levelno = logging.WARNING
            record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = None
        record.exc_text = None
        return True


class HidePostedValuesFilter(SafeExceptionReporterFilter):
    """Error reports list the posted fields with their values replaced by stars: a
    booking's fields hold names, e-mail addresses and messages."""

    def get_post_parameters(self, request):
        if request is not None:
            request.sensitive_post_parameters = "__ALL__"
        return super().get_post_parameters(request)
