"""The file cache (CACHE_DIR) counts its files on one write in CULL_EVERY, and still culls."""

from cleantech_site import file_cache
from cleantech_site.file_cache import CULL_EVERY, FileCache


class CountingFileCache(FileCache):
    """The site's file cache, counting how often it lists its directory."""

    listings = 0

    def _list_cache_files(self):
        CountingFileCache.listings += 1
        return super()._list_cache_files()


def test_the_directory_is_listed_once_in_many_writes_and_kept_near_its_bound(tmp_path):
    file_cache._writes.clear()
    CountingFileCache.listings = 0
    bound = 2 * CULL_EVERY
    cache = CountingFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": bound}})
    writes = 8 * CULL_EVERY
    for number in range(writes):
        cache.set(f"key-{number}", number)
    assert CountingFileCache.listings == writes // CULL_EVERY
    # Culled when a count finds the bound reached: never more than a count's worth of
    # writes over it (and culled: without culling there would be `writes` files).
    assert len(list(tmp_path.glob("*.djcache"))) <= bound + CULL_EVERY
    assert cache.get(f"key-{writes - 1}") == writes - 1
