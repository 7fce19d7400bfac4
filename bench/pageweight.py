"""What a page costs to transfer: its HTML and the style sheets and scripts it links,
each compressed as a server sends it (gzip), pictures apart.

Shared by the benchmark (bench/run.py, on collected static files) and the page-weight
test (tests/test_page_weight.py, on the static files' sources).
"""

import gzip
from html.parser import HTMLParser
from urllib.parse import urlsplit


def compressed_size(content):
    """Bytes of `content` gzip-compressed at the level servers commonly use."""
    return len(gzip.compress(content, compresslevel=6, mtime=0))


class _LinkedAssets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.urls.append(attrs.get("href"))
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def linked_assets(html):
    """The paths of the style sheets and scripts a page links, in order, each once."""
    parser = _LinkedAssets()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return list(dict.fromkeys(urlsplit(url).path for url in parser.urls if url))


def page_weight(html, read_asset):
    """{"html": bytes, "assets": bytes, "total": bytes} transferred compressed, where
    `read_asset(path)` returns the content of a linked static file."""
    html_bytes = compressed_size(html)
    asset_bytes = sum(compressed_size(read_asset(path)) for path in linked_assets(html))
    return {"html": html_bytes, "assets": asset_bytes, "total": html_bytes + asset_bytes}
