"""Wagtail's renditions cache, without writing back what it has just read.

Wagtail looks a picture's renditions up in the "renditions" cache, then stores every one
it found again, unless they came prefetched with the image. A <picture> asks for nine
(three formats by three widths), so each request wrote every rendition on the page back to
the shared cache: on a cache directory that is a file written, renamed and a directory
listing per rendition, most of a project page's time. This backend hands the reads and
writes to another cache (LOCATION names its alias; the shared one, so a rendition Wagtail
deletes is gone for every worker) and marks what it read as read, which Wagtail already
honours for prefetched renditions; a single rendition found that way is not stored again
either. Rendition keys name the image's file hash and focal point, so an entry never
needs replacing, only adding.
"""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

# Wagtail's own flag for a rendition that must not be written back (Image.get_renditions).
FROM_CACHE = "_from_cache"


class RenditionCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        self.alias = location or "default"

    @property
    def target(self):
        return caches[self.alias]

    def get(self, key, default=None, version=None):
        value = self.target.get(key, default, version=version)
        if value is not default:
            setattr(value, FROM_CACHE, True)
        return value

    def get_many(self, keys, version=None):
        found = self.target.get_many(keys, version=version)
        for value in found.values():
            setattr(value, FROM_CACHE, True)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not getattr(value, FROM_CACHE, False):
            self.target.set(key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        fresh = {key: value for key, value in data.items() if not getattr(value, FROM_CACHE, False)}
        return self.target.set_many(fresh, timeout, version=version) if fresh else []

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.target.add(key, value, timeout, version=version)

    def delete(self, key, version=None):
        return self.target.delete(key, version=version)

    def delete_many(self, keys, version=None):
        return self.target.delete_many(keys, version=version)

    def has_key(self, key, version=None):
        return self.target.has_key(key, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.target.touch(key, timeout, version=version)

    def clear(self):
        # The renditions live among the target's other entries; clearing that cache is
        # its owner's decision, not the renditions'.
        return None
