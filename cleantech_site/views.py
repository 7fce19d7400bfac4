from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader
from django.utils import translation


def server_error(request, *args, **kwargs):
    """Render the 500 page in the visitor's language without touching the database.

    The error may be the database itself, so the template gets no request context
    (context processors could query) and the language comes from the URL prefix only.
    """
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        body = loader.get_template("500.html").render({"language_code": language})
    return HttpResponseServerError(body)
