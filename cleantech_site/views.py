import logging
import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.utils.log import log_response
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# What a request meets while the database cannot be reached: it refuses connections (it
# is stopped or restarting), or a connection the worker had was cut.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# How long visitors and load balancers are asked to wait before they try again.
RETRY_AFTER_SECONDS = 30


def _render_without_database(request, template_name, context=None):
    """An error page in the language of the URL's prefix, rendered without a query.

    The template gets no request context (context processors could query), and the
    language comes from the URL prefix only.
    """
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        return loader.get_template(template_name).render(
            {"language_code": language, **(context or {})}
        )


def server_error(request, *args, **kwargs):
    """Render the 500 page in the visitor's language without touching the database.

    An error raised because the database is down (in a middleware, before any view ran)
    gets the 503 page instead. The page says someone has been told only when ADMINS is
    set: that is when Django e-mails them the error.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return database_unavailable(request, error)
    body = _render_without_database(request, "500.html", {"reported": bool(settings.ADMINS)})
    return HttpResponseServerError(body)


def database_unavailable(request, error):
    """The plain 503 page for a request the database could not serve, logged as one
    warning line without a traceback: an outage would otherwise log a chained
    traceback for every request, and it says nothing a single line does not."""
    body = _render_without_database(request, "503.html")
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    _log_warning(request, response, "Database unavailable (%s): %s %s", type(error).__name__)
    return response


def _log_warning(request, response, message, *args):
    """One warning line for a 503, in place of Django's error line for it (log_response
    marks the response as logged) and of an e-mail to ADMINS: an outage is not a bug."""
    log_response(
        message,
        *args,
        request.method,
        request.path,
        response=response,
        request=request,
        logger=logger,
        level="warning",
    )


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers():
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        answered = cache.get(key) == "ok"
        cache.delete(key)
    except Exception:  # noqa: BLE001 - each backend raises its own errors (Redis, files)
        return False
    return answered


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitoring: 200 "ok" when the database and the cache both
    answer, else 503 naming the parts that did not. Nothing about content or people."""
    failing = [
        name
        for name, answers in (("database", _database_answers), ("cache", _cache_answers))
        if not answers()
    ]
    if not failing:
        return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        "unavailable: " + ", ".join(failing) + "\n",
        content_type="text/plain; charset=utf-8",
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    _log_warning(request, response, "Health check failed (%s): %s %s", ", ".join(failing))
    return response
