"""System checks for what production needs beyond Django's own deploy checks."""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def check_shared_cache(app_configs, **kwargs):
    """Each gunicorn worker has its own local-memory cache: a page cleared in one worker
    stays cached in the others, and rate limits count per worker."""
    alias = getattr(settings, "PAGE_CACHE_ALIAS", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        CheckWarning(
            "The cache is private to each process, so changes clear one worker's cached "
            "pages only and rate limits count per worker.",
            hint="Set REDIS_URL, or CACHE_DIR to a directory every worker on this server "
            "can write.",
            id="cleantech_site.W001",
        )
    ]


def register_all():
    register(check_shared_cache, Tags.caches, deploy=True)
