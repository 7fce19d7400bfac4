"""The error pages that must work when the request or the database cannot be trusted."""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext

# Where Wagtail's read-only API answers (cleantech_site/urls.py): its errors are JSON.
API_PATH_PREFIX = "/api/"


def plain_error_page(template_name, language):
    """An error template rendered in a language, with no request context: context
    processors could query the database or read the request's body."""
    with translation.override(language):
        return loader.get_template(template_name).render({"language_code": language})


def server_error(request, *args, **kwargs):
    """Render the 500 page in the visitor's language without touching the database.

    The error may be the database itself, so the language comes from the URL prefix only.
    """
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    return HttpResponseServerError(plain_error_page("500.html", language))


def bad_request(request, exception=None):
    """Render the 400 page without reading the request's body or the database.

    Django's own view is wrapped in requires_csrf_token, whose check reads request.POST of
    a POST: for the body that caused the 400 (an undecodable form) that raises again and
    becomes a 500. The API's clients get a JSON error, as for the API's own bad parameters.

    It may run before LocaleMiddleware: the language comes from the URL's prefix, else the
    language cookie or Accept-Language, as LocaleMiddleware would choose it.
    """
    language = translation.get_language_from_request(request, check_path=True)
    if request.path_info.startswith(API_PATH_PREFIX):
        with translation.override(language):
            message = gettext("The request could not be handled")
        return JsonResponse({"message": message}, status=400)
    return HttpResponseBadRequest(plain_error_page("400.html", language))
