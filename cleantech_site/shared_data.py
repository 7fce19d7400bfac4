"""What every request asks the database for although it changes only when content does:
the Site record, which page a path leads to, and where the private sections are.

Each answer is kept in the cache under the page cache's generation
(cleantech_site/page_cache.py), so the publish, move, delete, view-restriction, site
and locale changes that make cached pages stale make these stale too, in every worker at
once. Only data is kept (primary keys, paths, model records), never markup, and a page's
own content is still loaded and rendered on every request.

Routing: Wagtail walks the tree one level per query and loads each level's specific
page (about two queries a level). The first request for a path routes as Wagtail does; the
page it reaches is remembered by (host, language, path), and later requests load that
page in one query and hand it to Wagtail's serve view through the attribute Wagtail
itself caches its route in (`request._wagtail_route_for_request`). Routes that carry
arguments (a routable page's sub-views) are not remembered.

In memory too: what a worker has read from the shared cache it also keeps itself, for a
minute at most and under the same generation (cleantech_site/process_memory.py), so later
requests skip the cache's file read or network round trip.
"""

import contextvars

from django.apps import apps
from django.core.signals import setting_changed
from django.db.models import Q
from django.dispatch import receiver
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from . import page_cache
from .prepared import prepared
from .process_memory import KEPT_SECONDS, CacheCopies, ProcessMemory

MISSING = object()


# The generation of the page request being served, for code that has no request at hand
# (restricted_paths, the news index): set by CachedRouteMiddleware.
_serving = contextvars.ContextVar("serving_generation", default=None)


def generation(request=None):
    """The page cache's generation, read once per request."""
    if request is None:
        serving = _serving.get()
        return page_cache.generation() if serving is None else serving
    if not hasattr(request, "_content_generation"):
        request._content_generation = page_cache.generation()
    return request._content_generation


# What this worker read from the shared cache (model instances among them: each request
# unpickles its own copy, as it would from the cache).
memory = CacheCopies(seconds=KEPT_SECONDS)


# Markup and small values the same for every visitor until content changes (the footer,
# pictures: home/images.py). Never changed by their users (strings, frozen records), so
# kept as they are; for a minute at most too, so a picture cut while storage failed, or
# whose renditions were deleted behind the site's back, mends itself.
worker_memory = ProcessMemory(seconds=KEPT_SECONDS)


def kept_in_worker(request, key, compute):
    """`compute()`, kept in this worker's memory by the request's generation and `key`, a
    tuple. Only in a request that has read the generation (CachedRouteMiddleware reads it
    for every public page); previews and the admin compute afresh."""
    current = getattr(request, "_content_generation", None)
    if current is None or getattr(request, "is_preview", False):
        return compute()
    value = worker_memory.get(current, key)
    if value is None:
        value = compute()
        worker_memory.set(current, key, value)
    return value


def _full_key(request, key):
    return "shared:{}:{}".format(generation(request), ":".join(str(part) for part in key))


def by_generation(request, key, compute):
    """`compute()`, kept until content next changes; `key` is a tuple of strings. A
    preview computes afresh: it shows a draft, which must neither read nor fill what the
    public gets."""
    if getattr(request, "is_preview", False):
        return compute()
    value = _read(request, key)
    if value is MISSING:
        value = compute()
        _write(request, key, value)
    return value


def _read(request, key):
    """The value kept under `key` in this generation, from this worker's copy or else
    from the shared cache; MISSING if neither has it."""
    return memory.read(generation(request), _full_key(request, key), page_cache.backend(), MISSING)


def _write(request, key, value):
    full_key = _full_key(request, key)
    page_cache.backend().set(full_key, value, page_cache.lifetime())
    memory.keep(generation(request), full_key, value)


def site_for_request(request):
    """Site.find_for_request without its query once the host has been seen."""
    if not hasattr(request, "_wagtail_site"):
        host = request._get_raw_host()  # as Wagtail does: ALLOWED_HOSTS is checked elsewhere
        port = request.get_port()
        request._wagtail_site = by_generation(
            request, ("site", host, port), lambda: Site._find_for_request(request)
        )
    return request._wagtail_site


def restricted_paths():
    """The tree paths of the pages that carry a view restriction."""
    paths = by_generation(
        None,
        ("restricted-paths",),
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )
    # A tuple: it is part of a prepared query's key (cleantech_site/prepared.py).
    return tuple(paths)


class KnownRestrictionsMixin:
    """A page type whose view-restriction check runs no query when no section above it
    is restricted (Wagtail checks on every serve, two queries)."""

    def get_view_restrictions(self):
        if self.alias_of_id or any(self.path.startswith(path) for path in restricted_paths()):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


# Page addresses by (page type, url_path, the sites the page is under, language).
_url_parts = {}
MAX_URLS = 5000


@receiver(setting_changed)
def _forget_urls(**kwargs):
    _url_parts.clear()


class KnownURLMixin:
    """A page type whose address each worker works out once per language.

    Wagtail reverses a page's address through the URL patterns in the page's language on
    every link, a few hundred function calls each, and a list of cards has a dozen links.
    The address follows from the page's url_path, the sites above it (their root paths,
    addresses and languages) and the active language, which are the key; a page under
    several sites is left to Wagtail, which asks the request which one it is on."""

    def get_url_parts(self, request=None):
        roots = self._get_relevant_site_root_paths(request)
        if len({root.site_id for root in roots}) != 1:
            return super().get_url_parts(request)
        key = (type(self), self.url_path, roots, translation.get_language())
        parts = _url_parts.get(key)
        if parts is None:
            parts = super().get_url_parts(request)
            if len(_url_parts) >= MAX_URLS:
                _url_parts.clear()
            _url_parts[key] = parts
        return parts


def public(queryset, restricted=None):
    """queryset.public() without its query for the view restrictions: the restricted
    sections' tree paths are kept by generation (a restriction's change bumps it). A
    prepared query (cleantech_site/prepared.py) passes them in: they are its shape."""
    private = Q()
    for path in restricted_paths() if restricted is None else restricted:
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


@prepared
def _live_page(pk, *, label):
    """The live page `pk` of the page type `label`, with the rows it always shows
    (`route_related`: its hero image), unordered: an ORDER BY would cost the ORM a pass
    over the page's every column."""
    model = apps.get_model(label)
    related = ("locale", *getattr(model, "route_related", ()))
    return model.objects.select_related(*related).filter(pk=pk, live=True).order_by()[:1]


def _route_key(request):
    return ("route", request.get_host(), translation.get_language() or "", request.path)


class CachedRouteMiddleware:
    """Hands Wagtail the page a path leads to when it is known (see the module's note)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(
            page_cache.NEVER_CACHED
        ):
            return self.get_response(request)
        site_for_request(request)
        serving = _serving.set(generation(request))
        try:
            return self._serve(request)
        finally:
            _serving.reset(serving)

    def _serve(self, request):
        key = _route_key(request)
        known = _read(request, key)
        if known is not MISSING:
            label, pk = known
            page = next(iter(_live_page(pk, label=label)), None)
            if page is not None:
                # A routable page resolves its own index view; a plain page returns itself.
                request._wagtail_route_for_request = page.route(request, [])
        response = self.get_response(request)
        if known is MISSING:
            self._remember(request, key)
        return response

    def _remember(self, request, key):
        route = getattr(request, "_wagtail_route_for_request", None)
        if route is None or not isinstance(route.page, Page):
            return
        page = route.page
        # Only a page's own address: a routable page's sub-views are left to Wagtail.
        if page.get_url(request) != request.path:
            return
        value = (page._meta.label, page.pk)
        _write(request, key, value)
