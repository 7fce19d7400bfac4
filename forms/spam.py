"""Keeping automated posts out without bothering people.

Three checks run before a post is validated, and a refused post stores nothing:

- a per-client rate limit counted in Django's cache (shared by every process when the
  cache is Redis or a cache directory; with the local-memory cache each process counts
  on its own). How often a client may be shown the form, and so take a token, is
  limited the same way;
- a honeypot field that people never see and some bots fill in;
- a token signed with the site's secret key, issued each time the form is shown. It
  carries the time it was issued, so a post that comes back faster than a person can
  fill in the form, or a token that was made up, is refused; and it carries a random
  value that the booking keeps, so the same form sent twice stores one booking.
"""

import contextlib
import fcntl
import hashlib
import os
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.utils.translation import gettext_lazy as _

TOKEN_FIELD = "_token"  # noqa: S105 (a form field name, not a secret)
HONEYPOT_FIELD = "_website"
# Editors' field names are made from labels and never start with an underscore, so the
# names above cannot clash with a question on the form.
TOKEN_SALT = "forms.booking-token"  # noqa: S105 (a namespace, not a secret)

MESSAGES = {
    "rate_limited": _(
        "You have sent this form many times in a short while. Please wait a few minutes "
        "and send it again."
    ),
    "tokens_limited": _(
        "This form has been opened many times in a short while from your address. Please "
        "wait a minute and open it again."
    ),
    "too_fast": _(
        "The form came back faster than a person can fill it in. Please check your "
        "answers and send it again."
    ),
    "expired": _(
        "The form was open for a long time, so it has to be sent again. Please check "
        "your answers and send it."
    ),
    "refused": _(
        "We could not accept the form. Please fill it in again; if this keeps happening, "
        "e-mail us instead."
    ),
}


@dataclass(frozen=True)
class Token:
    value: str
    nonce: str


class Refusal(Exception):
    """A post turned away before validation.

    `keep_input` says whether the visitor's answers are shown again (for a person who was
    merely quick or slow) or dropped (a bot); `token` is the token the form shows next.
    """

    def __init__(self, reason, status, keep_input, token):
        super().__init__(reason)
        self.reason = reason
        self.message = MESSAGES[reason]
        self.status = status
        self.keep_input = keep_input
        self.token = token


def issue_token(page):
    payload = {"page": page.pk, "nonce": secrets.token_urlsafe(18), "issued": time.time()}
    return signing.dumps(payload, salt=TOKEN_SALT)


def read_token(value, page):
    """The token's nonce, or a Refusal saying why the post cannot be accepted."""
    try:
        payload = signing.loads(value, salt=TOKEN_SALT, max_age=settings.BOOKING_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise Refusal("expired", 200, True, issue_token(page)) from None
    except (signing.BadSignature, ValueError):
        raise Refusal("refused", 400, False, issue_token(page)) from None
    if (
        not isinstance(payload, dict)
        or payload.get("page") != page.pk
        or not isinstance(payload.get("nonce"), str)
        or not isinstance(payload.get("issued"), int | float)
    ):
        raise Refusal("refused", 400, False, issue_token(page))
    if time.time() - payload["issued"] < settings.BOOKING_MIN_FILL_SECONDS:
        raise Refusal("too_fast", 200, True, value)
    return Token(value, payload["nonce"])


def client_address(request):
    """The visitor's IP address, read through as many proxies as the operator trusts."""
    proxies = settings.BOOKING_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


@contextlib.contextmanager
def counting_lock():
    """Django's file cache reads a count and then writes it back; there, counts are taken
    under a lock on a file in the cache's directory, which every process on the server
    shares. Redis and local memory count atomically on their own."""
    backend = caches["default"]
    if not isinstance(backend, FileBasedCache):
        yield
        return
    os.makedirs(backend._dir, exist_ok=True)
    with open(os.path.join(backend._dir, "forms-counts.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def count_request(kind, request, window):
    """Count one request of `kind` from this client in the current window; return the count.

    The count lives in Django's cache, so it is shared by every process that shares the
    cache (Redis, or a cache directory on one server). Each window has its own key, so a
    count never outlives its window even where a backend's `incr` renews the key's expiry.
    If the key expires between `add` and `incr`, the count starts again.
    """
    # The address is hashed so the cache never holds it in the clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode())
    key = f"forms:{kind}:{int(time.time() // window)}:{digest.hexdigest()[:40]}"
    with counting_lock():
        for _attempt in range(3):
            if cache.add(key, 1, timeout=window):
                return 1
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr: start the count again
                continue
            if count == 1:  # Redis's INCR made the key again, without an expiry
                cache.touch(key, window)
            return count
    return 1


def over_rate_limit(request):
    """Count this post for its client; True once the client is over the limit."""
    limit = settings.BOOKING_RATE_LIMIT_POSTS
    if limit <= 0:
        return False
    return count_request("posts", request, settings.BOOKING_RATE_LIMIT_WINDOW) > limit


def over_token_limit(request):
    """Count this showing of the form for its client; True once the client has taken more
    form tokens than a person would."""
    limit = settings.BOOKING_RATE_LIMIT_TOKENS
    if limit <= 0:
        return False
    return count_request("tokens", request, settings.BOOKING_RATE_LIMIT_TOKEN_WINDOW) > limit


def check(request, page):
    """Run the checks on a post in order; return its Token or raise Refusal."""
    if over_rate_limit(request):
        raise Refusal("rate_limited", 429, True, issue_token(page))
    if request.POST.get(HONEYPOT_FIELD):
        raise Refusal("refused", 400, False, issue_token(page))
    return read_token(request.POST.get(TOKEN_FIELD, ""), page)
