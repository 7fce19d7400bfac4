"""Refuse input that no page of ours can use, before a view or the database sees it.

PostgreSQL refuses text that contains a NUL character, and it does so deep inside whatever
query first meets it (a page lookup, a search, a session or a booking), where the only
answer left is a 500. A form body in a charset other than UTF-8 is refused by Django only
when a view first reads request.POST, again with no good answer left. So both are checked
once, here, right after the security headers' middleware, and the visitor gets a plain
400 (cleantech_site.views.bad_request); the page cache, which answers hits before this,
passes such requests on (cleantech_site/page_cache.py):

- the path, the query string and the cookies must not carry a NUL character, and the
  query string must be UTF-8 once its %-escapes are decoded;
- a form POST may name no charset but UTF-8 (HTML forms send none), and its fields follow
  the query string's rules: an url-encoded body is checked byte by byte, a multipart body
  field by field after Django has parsed it (its file parts are never read into memory
  here, and Django has already made its undecodable bytes harmless).

Other request bodies (JSON, files sent as they are) are the business of the view that
accepts them.
"""

import re
from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest
from django.utils.datastructures import MultiValueDict

BROKEN_PATH_BYTE = re.compile(r"%[89A-F][0-9A-F]")
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def has_nul(mapping):
    """Whether a key or value of a QueryDict (GET, POST) or a plain dict (COOKIES) has a NUL."""
    if isinstance(mapping, MultiValueDict):
        pairs = mapping.lists()
    else:
        pairs = ((key, [value]) for key, value in mapping.items())
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in pairs)


def form_encoded_problem(raw):
    """What is wrong with url-encoded bytes (a query string or a form body), or None."""
    decoded = unquote_to_bytes(raw.replace(b"+", b" "))
    if b"\x00" in decoded:
        return "a NUL character in the query or the form"
    try:
        decoded.decode("utf-8")
    except UnicodeDecodeError:
        return "a query or form that is not UTF-8"
    return None


def path_problem(request):
    if "\x00" in request.path_info:
        return "a NUL character in the path"
    # Django keeps the bytes of a path that are not UTF-8 as %-escapes in path_info, the
    # only way one gets there (a %-escape the client meant arrives decoded).
    if BROKEN_PATH_BYTE.search(request.path_info):
        return "a path that is not UTF-8"
    return None


def body_problem(request):
    if request.method != "POST" or request.content_type not in FORM_CONTENT_TYPES:
        return None
    charset = request.content_params.get("charset")
    if charset is not None and charset.strip().lower() != "utf-8":
        return "a form in a charset other than UTF-8"
    if request.content_type == "multipart/form-data":
        # Parsing may itself raise MultiPartParserError or a size limit: Django answers
        # those with a 400 too.
        uploads = [upload for _name, uploads in request.FILES.lists() for upload in uploads]
        if has_nul(request.POST) or any("\x00" in (upload.name or "") for upload in uploads):
            return "a NUL character in the form"
        return None
    return form_encoded_problem(request.body)


def bad_input_problem(request):
    """Why the request cannot be handled, or None when it can."""
    query_string = request.META.get("QUERY_STRING", "")
    return (
        path_problem(request)
        or form_encoded_problem(query_string.encode("iso-8859-1", errors="replace"))
        or ("a NUL character in a cookie" if has_nul(request.COOKIES) else None)
        or body_problem(request)
    )


class BadInputMiddleware:
    """Answer 400 to the requests described in this module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = bad_input_problem(request)
        if problem:
            # Django's handler turns this into handler400's answer (no traceback logged).
            raise BadRequest(problem)
        return self.get_response(request)
