"""A plain 503 page, instead of a 500 and its tracebacks, while the database (or the
shared cache) is down.

When PostgreSQL stops or restarts, every request that needs it raises OperationalError
(or InterfaceError for a connection that was cut). That is not a fault of the site and
it ends by itself: Django opens a new connection for the next request (with
CONN_HEALTH_CHECKS a kept connection is tested first), so nothing needs restarting. Load
balancers and visitors expect 503 with Retry-After for that.

Errors a view raises reach process_exception here; those raised in a middleware (a
session read, say) reach the 500 handler, which hands them to the same view.
"""

from .views import database_unavailable, service_unavailable


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if service_unavailable(exception):
            return database_unavailable(request, exception)
        return None
