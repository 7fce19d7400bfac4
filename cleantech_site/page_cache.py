"""A whole-page cache for anonymous visitors.

Anonymous GETs of public pages are answered from Django's cache (local memory by
default, Redis when configured), keyed by host, language, path and query string. Never
cached: logged-in users, previews, anything but a plain 200, responses that set cookies
or carry a CSRF token (forms), and responses that ask not to be cached.

Invalidation is by generation: publishing, unpublishing, moving or deleting a page, or
changing a snippet or site, bumps a counter that is part of every key, so every cached
page is stale at once. That is a superset of "the page and the pages that list it",
and it stays correct for listings, filters and feeds without tracking who lists whom.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.models import Page, Site
from wagtail.snippets.models import get_snippet_models

GENERATION_KEY = "page-cache:generation"
CACHED_HEADER = "X-Page-Cache"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def generation():
    value = _cache().get(GENERATION_KEY)
    if value is None:
        _cache().add(GENERATION_KEY, 1, None)
        value = _cache().get(GENERATION_KEY, 1)
    return value


def clear(**kwargs):
    """Make every cached page stale. Connected to the signals that change pages."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def clear_for_model(sender, **kwargs):
    """Clear on changes that show on public pages: sites, snippets, deleted pages.

    Saving a page is not enough (drafts are saved too): pages clear when published.
    """
    deleted_page = kwargs.get("signal") is post_delete and issubclass(sender, Page)
    if deleted_page or sender is Site or sender in get_snippet_models():
        clear()


def _key(request):
    raw = "|".join(
        [
            request.get_host(),
            translation.get_language() or "",
            request.path,
            request.META.get("QUERY_STRING", ""),
        ]
    )
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page-cache:{generation()}:{digest}"


def _cacheable_request(request):
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if any(request.path.startswith(prefix) for prefix in ("/admin/", "/documents/", "/static/")):
        return False
    if settings.MESSAGE_STORAGE and request.COOKIES.get("messages"):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if getattr(request, "is_preview", False):
        return False
    # get_token() (a {% csrf_token %} in the page) flags the request: a form page.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = _cache().get(key)
        if cached is not None:
            cached[CACHED_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _cacheable_response(request, response):
            patch_vary_headers(response, ("Cookie",))
            if hasattr(response, "render") and callable(response.render):
                response.render()
            _cache().set(key, response, _timeout())
            response[CACHED_HEADER] = "miss"
        return response
