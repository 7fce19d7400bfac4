"""Marking the searched words in result titles and excerpts, safely.

The text is cut at the matches, every piece is HTML-escaped, and only then are the
matched pieces wrapped in <mark>: no text from a page or a query can add markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_TERMS = 10
EXCERPT_LENGTH = 240


def terms(query):
    """The distinct words of a query, longest first, so the longest match wins."""
    words = {word.lower() for word in re.findall(r"\w+", query) if len(word) > 1}
    return sorted(words, key=lambda word: (-len(word), word))[:MAX_TERMS]


def pattern(query):
    words = terms(query)
    if not words:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(word) for word in words) + ")", re.IGNORECASE)


def highlight(text, matcher):
    """`text` as safe HTML with every match of `matcher` in <mark>."""
    if matcher is None:
        return escape(text)
    pieces = matcher.split(text)
    # re.split with one group alternates: text, match, text, match, ..., text
    html = "".join(
        f"<mark>{escape(piece)}</mark>" if index % 2 else escape(piece)
        for index, piece in enumerate(pieces)
        if piece
    )
    return mark_safe(html)  # noqa: S308 - every piece above is escaped


def excerpt(text, matcher, length=EXCERPT_LENGTH):
    """Up to `length` characters of `text` around its first match, with matches marked."""
    text = " ".join(text.split())
    if len(text) > length:
        match = matcher.search(text) if matcher else None
        start = 0
        if match and match.start() > length // 3:
            start = text.rfind(" ", 0, match.start() - length // 4) + 1
        end = start + length
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
        prefix = "… " if start else ""
        suffix = " …" if end < len(text) else ""
        # highlight() escapes the text; the ellipses are plain characters
        return mark_safe(prefix + highlight(text[start:end], matcher) + suffix)  # noqa: S308
    return highlight(text, matcher)
