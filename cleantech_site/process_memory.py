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

import pickle
import time

# How long a worker keeps what it read from the shared cache.
KEPT_SECONDS = 60


class ProcessMemory:
    def __init__(self, limit=2000, seconds=None):
        self.limit = limit
        self.seconds = seconds
        # (generation, {key: (expiry or None, value)}), replaced whole, never changed in
        # two steps: a thread still serving an older generation reads or fills the old
        # dict, never the new generation's.
        self._state = (None, {})

    def __len__(self):
        return len(self._state[1])

    def get(self, generation, key, default=None):
        kept_generation, values = self._state
        if generation != kept_generation:
            return default
        entry = values.get(key)
        if entry is None:
            return default
        expires, value = entry
        if expires is not None and expires <= time.monotonic():
            values.pop(key, None)
            return default
        return value

    def set(self, generation, key, value):
        kept_generation, values = self._state
        if generation != kept_generation or len(values) >= self.limit:
            values = {}
            self._state = (generation, values)
        expires = None if self.seconds is None else time.monotonic() + self.seconds
        values[key] = (expires, value)


class CacheCopies(ProcessMemory):
    """Copies of what this worker read from a shared cache, pickled as the cache keeps
    them: each reader unpickles its own, so no request changes another's objects."""

    def read(self, generation, key, cache, default=None):
        """The value under `key`, from this worker's copy or else from `cache` (and then
        copied); `default` when neither has it."""
        kept = self.get(generation, key)
        if kept is not None:
            return pickle.loads(kept)  # noqa: S301 - our own pickle, made in keep()
        value = cache.get(key, default)
        if value is not default:
            self.keep(generation, key, value)
        return value

    def keep(self, generation, key, value):
        self.set(generation, key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
