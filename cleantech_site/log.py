"""How the site's log lines and error reports look.

One event is one line (time, level, logger, message): a traceback is folded into the
line, so a log shipper or `grep` never sees half an event. Records name ids, not
people; error reports e-mailed to ADMINS show which fields a form posted, never what
was typed in them.
"""

import logging

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter


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


# What a request's headers say about the person behind it.
PERSONAL_META = (
    "REMOTE_ADDR",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "QUERY_STRING",
)


class HidePostedValuesFilter(SafeExceptionReporterFilter):
    """Error reports list the posted fields with their values replaced by stars: a
    booking's fields hold names, e-mail addresses and messages. The visitor's address,
    browser and query string (search words), and the values of the local variables in
    the traceback (a form's answers), are starred too: the report keeps where it failed."""

    def get_post_parameters(self, request):
        if request is not None:
            request.sensitive_post_parameters = "__ALL__"
        return super().get_post_parameters(request)

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        for key in PERSONAL_META:
            if key in meta:
                meta[key] = self.cleansed_substitute
        return meta

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class PersonalDataHidingReporter(ExceptionReporter):
    """Django's report, without the query string's values in the GET list and the URL."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            data["request_GET_items"] = [
                (name, self.filter.cleansed_substitute) for name in self.request.GET
            ]
            data["request_insecure_uri"] = self.request.path
        return data
