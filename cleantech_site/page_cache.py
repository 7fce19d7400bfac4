"""A whole-page cache for anonymous visitors.

Anonymous GETs of public pages are answered from Django's cache (local memory by
default; a file-based or Redis cache when several processes must share it), keyed by
scheme, host, language, path and the query parameters the page reads. Never cached:
logged-in users, previews, anything but a plain 200, responses that set cookies or
carry a CSRF token (forms), and responses that ask not to be cached.

Invalidation is by generation: anything a visitor can see changing (publishing,
unpublishing, moving or deleting a page, scheduled publishing and expiry, view
restrictions, snippets, sites, redirects, locales, images and documents) bumps a
counter that is part of every key, so every cached page is stale at once. That is a
superset of "the page and the pages that list it", and it stays correct for listings,
filters and feeds without tracking who lists whom. The counter lives in the cache
itself, so every process that shares the cache sees the bump.

Query parameters: a page says which it reads (`cache_query_params` on the page class
or on a view function). Only those, sorted, go into the key, so `?x=<random>` finds
the entry of the bare URL. A response is stored only when the request carried no other
parameter: a page that echoes its URL could otherwise keep a stranger's query string
for everyone. At most PAGE_CACHE_MAX_VARIANTS query strings are stored per address.

Hits first: PageCacheHitMiddleware, second in the stack (after the one that empties
HEAD responses), answers a hit for a request that carries no session or messages cookie
(so no user can be signed in) and whose path names its language, before the security
headers, sessions, users and CSRF run. A page is stored as the whole stack answered it:
PageCacheMiddleware, near the end of the stack, decides whether a response may be kept
and under which keys, and PageCacheHitMiddleware stores it on its way out, with every
header the stack added (security headers, Content-Language, Vary). A hit is that
response again; the settings its headers and the skipped redirects follow from are part
of every key. Every other request goes on through the stack, and PageCacheMiddleware
answers its hits (a visitor with a session cookie).
"""

import hashlib
import logging
import time
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.snippets.models import get_snippet_models

from cleantech_site.bad_input import bad_input_problem
from cleantech_site.process_memory import KEPT_SECONDS, CacheCopies
from cleantech_site.security import may_carry_a_user
from cleantech_site.stylesheet import usable_stylesheet
from cleantech_site.views import CACHE_UNREACHABLE

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
CACHED_HEADER = "X-Page-Cache"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def backend():
    """The cache the page cache and its generation live in (also for data kept by
    generation, cleantech_site/shared_data.py)."""
    return _cache()


def lifetime():
    """How long an entry is kept at most, in seconds."""
    return _timeout()


def _fresh_generation():
    """A generation no earlier one can equal: a cache that lost the key (culled, restarted)
    must not count from 1 again and serve entries of an old generation 1."""
    return time.time_ns()


def generation():
    value = _cache().get(GENERATION_KEY)
    if value is None:
        _cache().add(GENERATION_KEY, _fresh_generation(), None)
        value = _cache().get(GENERATION_KEY)
    return value


def _bump():
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), None)


def clear(**kwargs):
    """Make every cached page stale. Connected to the signals that change pages.

    Bumped at once and again when the transaction commits: between the two, another
    worker may still read the old rows and keep them under the first new generation."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _models_that_show():
    """Models whose every change shows on public pages (saving a page is not one:
    drafts are saved too, and pages clear when published)."""
    return (
        Site,
        Locale,
        Redirect,
        PageViewRestriction,
        CollectionViewRestriction,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
    )


def clear_for_model(sender, **kwargs):
    """Clear on changes that show on public pages: see _models_that_show, deleted pages."""
    deleted_page = kwargs.get("signal") is post_delete and issubclass(sender, Page)
    if deleted_page or sender in _models_that_show():
        clear()
    if sender is PageViewRestriction:
        _purge_restricted(kwargs["instance"])


def clear_for_groups(sender, action, **kwargs):
    """A view restriction's groups changed: who may see the page changed."""
    if action in ("post_add", "post_remove", "post_clear"):
        clear()


def _purge_restricted(restriction):
    """A front-end cache (CDN) keeps what it was given: purge the pages a restriction
    covers, or it would go on serving them to everyone."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is not None:
        purge_pages_from_cache(page.get_descendants(inclusive=True).live().specific())


# The settings a stored page's headers follow from (the stack adds them once, when the
# page is stored), and those of the redirects a hit skips. Part of every key: a restart
# with other settings never answers with the old headers, nor from an address that
# SECURE_SSL_REDIRECT or PREPEND_WWW now redirects.
RESPONSE_SETTINGS = (
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
    "PERMISSIONS_POLICY",
    "SECURE_SSL_REDIRECT",
    "SECURE_SSL_HOST",
    "SECURE_REDIRECT_EXEMPT",
    "PREPEND_WWW",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "PAGE_CACHE_SECONDS",
    "PAGE_CACHE_BROWSER_SECONDS",
)


@cache
def _response_settings():
    values = repr([getattr(settings, name, None) for name in RESPONSE_SETTINGS])
    return hashlib.sha256(values.encode()).hexdigest()[:16]


@receiver(setting_changed)
def _forget_response_settings(**kwargs):
    _response_settings.cache_clear()


def _base(request, language):
    # The inline style sheet's hash: after a deploy changes the sheet, a page kept with
    # the old one is not served under a policy that allows only the new one.
    sheet = usable_stylesheet()
    return [
        _response_settings(),
        sheet.digest if sheet else "",
        request.scheme,
        request.get_host(),
        language or "",
        request.path,
    ]


def _digest(parts):
    raw = "|".join(parts)
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _params_key(base, gen):
    return f"page-cache:{gen}:params:{_digest(base)}"


def _room_for_variant(base, gen):
    """Whether one more query string may be stored for this address. Values of the
    parameters a page reads are the visitor's to choose (`?q=<random>`); a cap per address
    keeps them from pushing every other page out of the cache."""
    key = f"page-cache:{gen}:variants:{_digest(base)}"
    cache = _cache()
    cache.add(key, 0, _timeout())
    try:
        return cache.incr(key) <= getattr(settings, "PAGE_CACHE_MAX_VARIANTS", 100)
    except ValueError:  # expired between add and incr
        return False


def _page_key(request, base, gen, names):
    query = urlencode(
        sorted((name, value) for name in names for value in request.GET.getlist(name))
    )
    return f"page-cache:{gen}:page:{_digest([*base, query])}"


def query_params_read(request, response):
    """The query parameters the response's page or view says it reads."""
    context = getattr(response, "context_data", None) or {}
    page = context.get("page")
    if page is not None:
        return tuple(getattr(page, "cache_query_params", ()))
    match = getattr(request, "resolver_match", None)
    return tuple(getattr(getattr(match, "func", None), "cache_query_params", ()))


# Never pages, or never the same for everyone: the admin, documents (with privacy rules of
# their own), static files, and the health check, which must ask the cache itself.
NEVER_CACHED = ("/admin/", "/documents/", "/static/", "/healthz")


def _cacheable_request(request):
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if getattr(request, "is_dummy", False):  # Wagtail's preview requests
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(NEVER_CACHED):
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
    # A CSP nonce is for one response: stored, it would be every visitor's.
    if getattr(request, "_csp_nonce", None):
        return False
    # Wagtail marks a page with view restrictions never-cache, also once a visitor passed.
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def _mark_shared(response):
    """Browsers keep the page briefly (nothing can purge them); a CDN or proxy keeps it
    as long as this cache does, and is purged through wagtail.contrib.frontend_cache."""
    patch_cache_control(
        response,
        public=True,
        max_age=getattr(settings, "PAGE_CACHE_BROWSER_SECONDS", 60),
        s_maxage=_timeout(),
    )


# Pages a worker has answered from the shared cache, for a minute at most
# (cleantech_site/process_memory.py). A few hundred pages of about 40 KB.
memory = CacheCopies(limit=600, seconds=KEPT_SECONDS)


def _read(key, gen):
    return memory.read(gen, key, _cache())


def cached_response(request, base, gen):
    """The stored response for this request, marked as a hit, or None."""
    names = _read(_params_key(base, gen), gen)
    if names is None:
        return None
    cached = _read(_page_key(request, base, gen, names), gen)
    if cached is not None:
        cached[CACHED_HEADER] = "hit"
    return cached


# The attribute PageCacheMiddleware leaves on a response to be stored: (generation,
# base key, names of the parameters read, whether the page itself may be stored).
TO_STORE = "_page_cache_store"


class PageCacheHitMiddleware:
    """Answers hits before the rest of the stack, and stores pages with the headers the
    stack added (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._hit(request)
        if response is not None:
            return response
        response = self.get_response(request)
        entry = response.__dict__.pop(TO_STORE, None)
        # The stack may have added a cookie after PageCacheMiddleware looked (sessions).
        # A page is kept only from a request like those it will answer: a session or a
        # message cookie may have given it what is for one person (an opener policy).
        if (
            entry is not None
            and response.status_code == 200
            and not response.cookies
            and not may_carry_a_user(request)
        ):
            try:
                _store(request, response, *entry)
            except (*CACHE_UNREACHABLE, OSError):
                # The page was rendered: the visitor gets it, kept or not.
                logger.warning("The page cache could not keep %s", request.path, exc_info=True)
        return response

    def _hit(self, request):
        """A stored response for the request, or None: then the stack below answers,
        also what it refuses (bad input, an unknown host) or cannot answer (the cache
        unreachable), with its error page and its headers."""
        language = translation.get_language_from_path(request.path_info)
        if not language or may_carry_a_user(request) or not _cacheable_request(request):
            return None
        if bad_input_problem(request):
            return None
        try:
            return cached_response(request, _base(request, language), generation())
        except (DisallowedHost, *CACHE_UNREACHABLE, OSError):
            return None


def _store(request, response, gen, base, names, whole):
    cache = _cache()
    cache.set(_params_key(base, gen), names, _timeout())
    if whole and (not request.GET or _room_for_variant(base, gen)):
        cache.set(_page_key(request, base, gen, names), response, _timeout())
        response[CACHED_HEADER] = "miss"


class PageCacheMiddleware:
    """Answers the hits PageCacheHitMiddleware did not, and marks the responses it may
    store."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        gen = generation()
        base = _base(request, translation.get_language())
        cached = cached_response(request, base, gen)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if not _cacheable_response(request, response):
            return response
        if hasattr(response, "render") and callable(response.render):
            response.render()
        names = query_params_read(request, response)
        patch_vary_headers(response, ("Cookie",))
        _mark_shared(response)
        setattr(response, TO_STORE, (gen, base, names, set(request.GET) <= set(names)))
        return response
