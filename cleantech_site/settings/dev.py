"""Development settings: a first run on a laptop, SQLite and e-mail on the console."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The site may be served on any port (make run PORT=8131): the admin link in a booking's
# e-mail points where the booking was sent from, not at SITE_BASE_URL.
BOOKING_LINKS_FOLLOW_REQUEST = True
# E-mail goes to the console: sent at once, so `make run` needs no worker beside it.
# BOOKING_SEND_EMAILS_IN_REQUEST=0 leaves them to `manage.py send_booking_emails --loop`.
BOOKING_SEND_EMAILS_IN_REQUEST = env_bool("BOOKING_SEND_EMAILS_IN_REQUEST", True)
# Templates change under a developer's hands: cache pages only when asked to.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
