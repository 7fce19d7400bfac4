"""The error pages that must work when the request or the database cannot be trusted,
and the health check."""

import logging
import sqlite3
import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import InterfaceError, OperationalError, connection
from django.http import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.utils import translation
from django.utils.log import log_response
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Where Wagtail's read-only API answers (cleantech_site/urls.py): its errors are JSON.
API_PATH_PREFIX = "/api/"

# PostgreSQL's SQLSTATE classes for "the server cannot be reached or is shutting down":
# connection exceptions (08) and operator intervention such as a restart (57P).
UNREACHABLE_SQLSTATES = ("08", "57P")
# What Redis' client raises when the shared cache cannot be reached.
CACHE_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# SQLite's words for a database file it cannot open or is kept from.
UNREACHABLE_SQLITE = ("unable to open database file", "database is locked")


def service_unavailable(error):
    """Whether `error` says the database or the shared cache cannot be reached right now
    (stopped, restarting, a connection cut), which ends by itself, rather than a fault
    of the site (a missing table, a deadlock, a timeout), which must reach the 500 page
    and whoever is told of errors."""
    if isinstance(error, (InterfaceError, *CACHE_UNREACHABLE)):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return str(cause).startswith(UNREACHABLE_SQLITE)
    # psycopg gives no SQLSTATE when it could not connect at all.
    sqlstate = getattr(cause, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(UNREACHABLE_SQLSTATES)


# How long visitors and load balancers are asked to wait before they try again.
RETRY_AFTER_SECONDS = 30


def plain_error_page(request, template_name, context=None):
    """An error page rendered without the database or the request's body: the template
    gets no request context (context processors could query the database), and the
    language comes from the URL's prefix, else the language cookie or Accept-Language, as
    LocaleMiddleware would choose it (the error may come before LocaleMiddleware ran)."""
    language = translation.get_language_from_request(request, check_path=True)
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
    if service_unavailable(error):
        return database_unavailable(request, error)
    body = plain_error_page(request, "500.html", {"reported": bool(settings.ADMINS)})
    return HttpResponseServerError(body)


def bad_request(request, exception=None):
    """Render the 400 page without reading the request's body or the database.

    Django's own view is wrapped in requires_csrf_token, whose check reads request.POST of
    a POST: for the body that caused the 400 (an undecodable form) that raises again and
    becomes a 500. The API's clients get a JSON error, as for the API's own bad parameters.

    It may run before LocaleMiddleware: the language comes from the URL's prefix, else the
    language cookie or Accept-Language, as LocaleMiddleware would choose it.
    """
    if request.path_info.startswith(API_PATH_PREFIX):
        with translation.override(translation.get_language_from_request(request)):
            message = gettext("The request could not be handled")
        return JsonResponse({"message": message}, status=400)
    return HttpResponseBadRequest(plain_error_page(request, "400.html"))


def database_unavailable(request, error):
    """The plain 503 page for a request the database could not serve, logged as one
    warning line without a traceback: an outage would otherwise log a chained
    traceback for every request, and it says nothing a single line does not."""
    body = plain_error_page(request, "503.html")
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    service = "Cache" if isinstance(error, CACHE_UNREACHABLE) else "Database"
    _log_warning(request, response, "%s unavailable (%s): %s %s", service, type(error).__name__)
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
