"""Values a worker keeps in its own memory, by the page cache's generation.

The shared cache (a cache directory or Redis) costs a file read or a network round trip
and an unpickling for every value, and a page reads several. A worker that has read a
value keeps it too, under the generation it belongs to (cleantech_site/page_cache.py):
the first time the worker sees a newer generation it drops the rest, so nothing it keeps
outlives a change to content. Entries also expire (`seconds`), so what depends on the
clock (a project's status, the day's dates) is no older than the shared cache's own
lifetime plus that. Bounded in number, so a stream of distinct keys (paths, query
strings) cannot grow it without end.
"""

import time

# How long a worker keeps what it read from the shared cache.
KEPT_SECONDS = 60


class ProcessMemory:
    def __init__(self, limit=2000, seconds=None):
        self.limit = limit
        self.seconds = seconds
        self.generation = None
        self.values = {}

    def get(self, generation, key, default=None):
        if generation != self.generation:
            return default
        entry = self.values.get(key)
        if entry is None:
            return default
        expires, value = entry
        if expires is not None and expires <= time.monotonic():
            del self.values[key]
            return default
        return value

    def set(self, generation, key, value):
        if generation != self.generation:
            self.generation = generation
            self.values = {}
        elif len(self.values) >= self.limit:
            self.values = {}
        expires = None if self.seconds is None else time.monotonic() + self.seconds
        self.values[key] = (expires, value)
