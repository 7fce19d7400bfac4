"""The site's style sheet, written into the <head> of every public page.

A linked style sheet holds the first paint back by a round trip on a phone's first visit
(on a slow mobile network, about a sixth of a second). The sheet is small, about 6 KB
compressed, so it travels in the HTML instead, in a <style> element.

The public Content-Security-Policy still refuses inline styles. It allows this one text
by its SHA-256 hash (cleantech_site/security.py). The page cache keys pages by the same
hash (cleantech_site/page_cache.py): after a deploy changes the sheet, a page kept under
the old sheet is never served with a policy that allows only the new one.

The text is read once per process from the collected, hashed copy (production), or from
the source file when static files are not collected (development and tests). Under
DEBUG it is read on every use, so an edit shows on the next reload. Comments and
indentation are dropped. A relative url() is made absolute, because the page's address
is not the sheet's. A sheet that cannot be read or inlined (not collected, or holding
"</") is logged, and pages then link it rather than fail (usable_stylesheet).
"""

import base64
import hashlib
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage

STYLESHEET = "css/site.css"

logger = logging.getLogger(__name__)

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_URL = re.compile(r"""url\((["']?)([^"')]+)\1\)""")


@dataclass(frozen=True)
class InlineStylesheet:
    text: str
    # The text's SHA-256, base64-encoded.
    digest: str

    @property
    def csp_source(self):
        """The CSP source that allows exactly this text."""
        return f"'sha256-{self.digest}'"


def _source():
    if not settings.DEBUG and isinstance(staticfiles_storage, ManifestFilesMixin):
        with staticfiles_storage.open(staticfiles_storage.stored_name(STYLESHEET)) as file:
            return file.read().decode("utf-8")
    found = finders.find(STYLESHEET)
    if found is None:
        raise FileNotFoundError(STYLESHEET)
    return Path(found).read_text(encoding="utf-8")


def _absolute_urls(css):
    base = staticfiles_storage.url(STYLESHEET)

    def absolute(match):
        quote, url = match.groups()
        if url.startswith(("data:", "/", "#")) or "://" in url:
            return match.group(0)
        return f"url({quote}{urljoin(base, url)}{quote})"

    return _URL.sub(absolute, css)


def _build():
    css = _COMMENT.sub("", _source())
    css = "\n".join(line.strip() for line in css.splitlines() if line.strip())
    css = _absolute_urls(css)
    if "</" in css:
        raise ValueError(f"{STYLESHEET} cannot be inlined: it contains '</'")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return InlineStylesheet(text=css, digest=digest)


_built_once = cache(_build)


def inline_stylesheet():
    return _build() if settings.DEBUG else _built_once()


def _usable():
    try:
        return inline_stylesheet()
    except (OSError, ValueError):
        logger.exception("%s cannot be inlined; pages link it instead", STYLESHEET)
        return None


_usable_once = cache(_usable)


def usable_stylesheet():
    """The inline sheet, or None when it cannot be built: the page links the sheet
    instead, and the policy names no hash, rather than every page answering 500. Outside
    DEBUG the outcome is kept for the process, so a failure is logged once."""
    return _usable() if settings.DEBUG else _usable_once()
