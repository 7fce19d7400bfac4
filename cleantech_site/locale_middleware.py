"""Django's LocaleMiddleware, except where an address is never a page's.

Django answers a 404 under an unprefixed address by redirecting to the same address
under the visitor's language, when that address would resolve. Wagtail serves every
address under a language prefix, so it always would: an unknown page in the API
(`/api/v2/pages/999/`) became a redirect to an HTML 404 at `/sv/api/v2/pages/999/`. Under
the addresses below a 404 stays the 404 its own view made.
"""

from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .views import API_PATH_PREFIX

NOT_PAGES = (API_PATH_PREFIX, "/admin/", "/documents/")


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(NOT_PAGES):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
