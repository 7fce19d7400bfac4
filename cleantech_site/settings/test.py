"""Settings for the test suite: fast hashing, in-memory e-mail, plain static files."""

import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-with-enough-length-and-variety-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# In memory, so the request may send the e-mails itself; tests of the worker switch it off.
BOOKING_SEND_EMAILS_IN_REQUEST = True
# Uploads go to a directory of the process's own (each test worker, and each manage.py a
# test starts, makes one), removed when that process ends; not by a child forked from it.
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT")
if not MEDIA_ROOT:
    MEDIA_ROOT = tempfile.mkdtemp(prefix="cleantech-test-media-")
    _media_owner = os.getpid()

    def _remove_media(path=MEDIA_ROOT):
        if os.getpid() == _media_owner:
            shutil.rmtree(path, ignore_errors=True)

    atexit.register(_remove_media)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Query budgets and most tests measure real rendering; the page cache has its own tests.
PAGE_CACHE_ENABLED = False
# Tests show the booking form far more often than a person; the tests of this limit set it.
BOOKING_RATE_LIMIT_TOKENS = 0
