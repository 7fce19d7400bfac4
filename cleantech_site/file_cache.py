"""Django's file cache, without listing its whole directory before every write.

Django's FileBasedCache counts its files before each write, to cull some once there are
MAX_ENTRIES: a listing of the directory, which in steady state holds nearly MAX_ENTRIES
files (5,000 here: the pages of earlier generations stay until culled). With 1,600 files
that listing was 8 ms of a booking form's 17 ms (the form counts each showing per visitor,
a write), and it is paid by every page stored and every value kept by generation.

This cache counts its files on one write in CULL_EVERY per process and directory, so the
directory may hold up to CULL_EVERY more files per process than MAX_ENTRIES before it is
culled. Reading, writing and culling are Django's own.
"""

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 50

# Writes since the last count, by cache directory: shared by the threads of a process
# (each has its own cache object); a lost increment only delays a count.
_writes = {}


class FileCache(FileBasedCache):
    def _cull(self):
        writes = _writes.get(self._dir, 0)
        if writes:
            _writes[self._dir] = (writes + 1) % CULL_EVERY
            return
        _writes[self._dir] = 1
        super()._cull()
