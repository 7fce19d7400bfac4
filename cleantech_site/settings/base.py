"""Settings shared by every environment.

Everything an operator may change comes from the environment (see README.md,
"Configuration"). The defaults are safe: DEBUG is off, and only the development
settings relax what production needs.
"""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of stripped, non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cleantech_site",
    "home",
    "news",
    "search",
    "forms",
    "projects",
    # Staff groups and the moderation workflow, written by its migration.
    "roles",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First, so it sees every response: HEAD gets the headers and no body.
    "cleantech_site.head_requests.HeadWithoutBodyMiddleware",
    # A cached page for a visitor without a session, answered with the headers the stack
    # below added when it was stored (cleantech_site/page_cache.py).
    "cleantech_site.page_cache.PageCacheHitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP and Permissions-Policy on every response, static files included.
    "cleantech_site.security.SecurityHeadersMiddleware",
    # NUL characters and undecodable forms get a 400 before anything reads them.
    "cleantech_site.bad_input.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A plain 503 while the database is down (cleantech_site/unavailable.py).
    "cleantech_site.unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, without its language redirect for a 404 outside the pages.
    "cleantech_site.locale_middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out sign-in into the lock-out page (AXES_LOCKOUT_TEMPLATE).
    "axes.middleware.AxesMiddleware",
    # After the user is known: answers the other hits, and marks the pages
    # PageCacheHitMiddleware stores on its way out (cleantech_site/page_cache.py).
    "cleantech_site.page_cache.PageCacheMiddleware",
    # The Site record and the page a known path leads to, without walking the tree
    # (cleantech_site/shared_data.py).
    "cleantech_site.shared_data.CachedRouteMiddleware",
]

ROOT_URLCONF = "cleantech_site.urls"
WSGI_APPLICATION = "cleantech_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# One database URL. Without DATABASE_URL a SQLite file in the project folder is used,
# which is enough for a first run; production sets a postgres:// URL (psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Swedish is the source language of all content.
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", "Svenska"),
    ("fi", "Suomi"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# A new translation of a live page starts as a draft: wagtail-localize would otherwise
# publish it at once, untranslated text and all. Its translator publishes it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Date and number formats of our own where Django's differ (British, not American, English).
FORMAT_MODULE_PATH = ["cleantech_site.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One cache for the page cache and its generation. Every worker must share it, or a change
# clears only the worker that made it: Redis (REDIS_URL) across servers, a directory
# (CACHE_DIR) across the workers of one server. Local memory is for one process only
# (development, tests).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
elif os.environ.get("CACHE_DIR"):
    CACHES = {
        "default": {
            # Django's file cache, counting its files less often (cleantech_site/file_cache.py).
            "BACKEND": "cleantech_site.file_cache.FileCache",
            "LOCATION": os.environ["CACHE_DIR"],
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cleantech-site",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# Wagtail's renditions, in the same cache, without being written back on every read
# (cleantech_site/renditions_cache.py).
CACHES["renditions"] = {
    "BACKEND": "cleantech_site.renditions_cache.RenditionCache",
    "LOCATION": "default",
}
# Whole pages for anonymous visitors (cleantech_site/page_cache.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Browsers cannot be purged: they keep a page this long; shared caches PAGE_CACHE_SECONDS.
PAGE_CACHE_BROWSER_SECONDS = int(os.environ.get("PAGE_CACHE_BROWSER_SECONDS", "60"))
# Query strings kept per address (`?q=<random>` must not push every other page out).
PAGE_CACHE_MAX_VARIANTS = int(os.environ.get("PAGE_CACHE_MAX_VARIANTS", "100"))

# A CDN or caching proxy in front of the site, purged when pages are published or
# unpublished (wagtail.contrib.frontend_cache). Configured only when its variables are set.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
elif os.environ.get("CLOUDFLARE_ZONE_ID") and os.environ.get("CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
        }
    }
elif os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    }

# E-mail. Production sets EMAIL_HOST and friends; development prints to the console.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Visit bookings (the forms app); see README.md, "Visit bookings".
BOOKING_MAX_GROUP_SIZE = int(os.environ.get("BOOKING_MAX_GROUP_SIZE", "500"))
BOOKING_RETENTION_DAYS = int(os.environ.get("BOOKING_RETENTION_DAYS", "365"))
BOOKING_TEXT_MAX_LENGTH = 4000
BOOKING_MIN_FILL_SECONDS = float(os.environ.get("BOOKING_MIN_FILL_SECONDS", "3"))
BOOKING_TOKEN_MAX_AGE = 60 * 60 * 24
BOOKING_RATE_LIMIT_POSTS = int(os.environ.get("BOOKING_RATE_LIMIT_POSTS", "10"))
BOOKING_RATE_LIMIT_WINDOW = int(os.environ.get("BOOKING_RATE_LIMIT_WINDOW", "600"))
# How many times one client may be shown the form (each showing issues a token) per window.
BOOKING_RATE_LIMIT_TOKENS = int(os.environ.get("BOOKING_RATE_LIMIT_TOKENS", "20"))
BOOKING_RATE_LIMIT_TOKEN_WINDOW = int(os.environ.get("BOOKING_RATE_LIMIT_TOKEN_WINDOW", "60"))
BOOKING_TRUSTED_PROXY_COUNT = int(os.environ.get("BOOKING_TRUSTED_PROXY_COUNT", "0"))
# Whether the links in a booking's e-mails use the address the booking was sent through
# rather than WAGTAILADMIN_BASE_URL. Off: the public address is authoritative.
BOOKING_LINKS_FOLLOW_REQUEST = False
# Booking e-mails are sent by the worker (manage.py send_booking_emails --loop), never by
# the visitor's request; development and tests may send them in the request instead.
BOOKING_SEND_EMAILS_IN_REQUEST = False
# The worker looks for e-mails to send this often, and gives one up after this many
# failed attempts (spaced 30 s, 1 min, 2 min, ... up to an hour apart: about a day).
BOOKING_EMAIL_POLL_SECONDS = float(os.environ.get("BOOKING_EMAIL_POLL_SECONDS", "5"))
BOOKING_EMAIL_MAX_ATTEMPTS = int(os.environ.get("BOOKING_EMAIL_MAX_ATTEMPTS", "30"))

# Backups (manage.py backup / restore; docs/deployment.md). PG_BIN: the directory of
# pg_dump and pg_restore when they are not on PATH (Debian: /usr/lib/postgresql/<ver>/bin,
# which is also searched).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))
PG_BIN = os.environ.get("PG_BIN", "")

# Wagtail
WAGTAIL_SITE_NAME = "North Sweden Cleantech"
# The public address of the site, used in links that leave the site (e-mails, feeds).
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Search: on PostgreSQL each page is indexed and searched with its language's stemming
# (search/backends.py); on SQLite, Wagtail's database backend as it comes.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "png", "heic": "jpeg"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_PASSWORD_RESET_ENABLED = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their own frame
# Cross-Origin-Opener-Policy on the responses that belong to one person: the admin, the
# answer to a form someone sent, and any page for someone with a session or message cookie.
# Public pages, the same for every visitor, go without it: on a phone it would have each
# visit's first page start a renderer process of its own (cleantech_site/security.py).
SECURE_CROSS_ORIGIN_OPENER_POLICY = None
PERSONAL_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Error reports: with ADMINS set ("Name <address>, other@address"), each server error is
# e-mailed to them (Django's mail_admins handler, through the EMAIL_* settings above), and
# the 500 page says so. Without it, errors go to the log only.
ADMINS = [pair for pair in getaddresses([os.environ.get("ADMINS", "")]) if pair[1]]
MANAGERS = ADMINS
DEFAULT_EXCEPTION_REPORTER_FILTER = "cleantech_site.log.HidePostedValuesFilter"
DEFAULT_EXCEPTION_REPORTER = "cleantech_site.log.PersonalDataHidingReporter"

# Logs go to standard error, one line per event (cleantech_site/log.py). Personal data
# never goes to the logs: log records name ids, not people.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
# Security headers and sign-in throttling (cleantech_site/security.py; README, "Security").
# Public pages: scripts and styles from our static files only, no inline code but the
# site's style sheet, allowed by its hash (cleantech_site/stylesheet.py, security.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Wagtail's admin and the previews it frames: as the public policy, plus what Wagtail 7.4
# and wagtail-localize need in a browser (tests/e2e/test_admin_csp.py): inline scripts
# (date pickers, inline panels and the translation editor are started by them, with
# per-field values, so no hash fits), <style> elements (the translation editor makes
# them; style attributes stay refused), Wagtail's check for a new release, and framing
# its own previews.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src-elem": ["'self'", "'unsafe-inline'"],
        "connect-src": ["'self'", "https://releases.wagtail.org"],
        "frame-ancestors": ["'self'"],
    },
}
# Editors' pictures are not fetched from Gravatar (their e-mail addresses' hashes would go
# to a third party on every admin page): Wagtail shows its own, or one they upload.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Browser features no page of ours uses.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
# The admin's sign-in (django-axes): locked for a user and address together after
# AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_MINUTES. Attempts are kept in the database,
# which every worker shares. `manage.py axes_reset_username NAME` unlocks at once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "forms.spam.client_address"  # the booking form's proxy rule
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cleantech_site.security.login_locked"
# Failures are kept (they are the count); successful sign-ins are not recorded, and log
# lines name neither the account nor the address nor the browser (AXES_VERBOSE off).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False


# Machine translation in wagtail-localize's editor: DeepL when DEEPL_API_KEY is set (a key
# ending in ":fx" uses DeepL's free API), no machine translation otherwise.
def machine_translator(deepl_api_key):
    if not deepl_api_key:
        return None
    return {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": deepl_api_key},
    }


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(os.environ.get("DEEPL_API_KEY", "").strip())

# Personal data never goes to the logs: log records name ids, not people.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "warning_without_traceback": {"()": "cleantech_site.log.WarningWithoutTraceback"},
    },
    "formatters": {
        "one_line": {
            "()": "cleantech_site.log.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "one_line"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's own handlers for it (a second console, mail_admins); its
        # records reach the console through the root logger.
        "django": {"handlers": ["mail_admins"], "level": LOG_LEVEL},
        "django.request": {"level": "ERROR"},
        # A wrong Host header is the sender's mistake (answered 400), not the site's.
        "django.security.DisallowedHost": {"filters": ["warning_without_traceback"]},
        # Background tasks run inline; their start and end lines are noise.
        "django_tasks": {"level": "WARNING"},
    },
}
