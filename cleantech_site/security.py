"""Response headers that tell the browser what a page may do.

Two Content-Security-Policies, both from settings (django-csp 4):

- CONTENT_SECURITY_POLICY, strict, for everything the public sees: scripts and styles only
  from our own static files, no inline code, no nonces. The one exception is the site's
  style sheet, which pages carry inline (cleantech_site/stylesheet.py): the policy allows
  that exact text by its hash. The templates have no other inline script, style or `on…=`
  attribute, so nothing needs more.
- CONTENT_SECURITY_POLICY_ADMIN for Wagtail's admin: its sign-in, its editors, and the
  previews it frames. Wagtail starts date pickers and inline panels with inline scripts,
  and wagtail-localize's translation editor makes <style> elements, so the admin allows
  those (measured in a browser: tests/e2e/test_admin_csp.py), and nothing else beyond
  the public policy. The admin is told apart by its URL prefix, taken from Wagtail's own
  URL so that moving the admin moves the policy with it; a preview, which Wagtail renders
  through the middleware again for the page's public address, by Wagtail's mark on it.

The Permissions-Policy header switches off the browser features the site never uses
(camera, microphone, geolocation, payment...), on every response.

Cross-Origin-Opener-Policy (PERSONAL_CROSS_ORIGIN_OPENER_POLICY, same-origin) cuts the
window links between our pages and other sites' and lets the browser keep them in a
process of their own. It is sent where that protects something: the admin (an editor's
session and the bookings' personal data), the answer to a form someone sent (a booking
shows back what they typed), and every response to someone with a session or message
cookie. A public page is the same for every visitor (the page cache answers them all
with one copy), so there is nothing of the visitor's to protect, and the header has a
cost there: the browser moves the page to a new browsing context group, and Chromium
starts a renderer process for it before it can draw it (measured in the audit: README,
"Security"). Chrome on Android also gives a site that sends it processes of its own.
Django's own header (SECURE_CROSS_ORIGIN_OPENER_POLICY) is off so that it does not add
it to every response.

The admin's sign-in is throttled by django-axes (settings: AXES_*); when it locks, the
person sees `login_locked`, in their language, with the time to wait.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from cleantech_site.stylesheet import usable_stylesheet

PERMISSIONS_POLICY_HEADER = "Permissions-Policy"
OPENER_POLICY_HEADER = "Cross-Origin-Opener-Policy"
# Methods that only read; an answer to any other one shows what someone sent.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def admin_prefix():
    return reverse("wagtailadmin_home")


def is_admin_request(request):
    return request.path_info.startswith(admin_prefix())


def uses_admin_policy(request):
    """The admin's own pages, and a page Wagtail renders for the admin's preview: Wagtail
    serves a preview through the middleware again, with a made-up request for the page's
    public address, which it marks `is_preview`."""
    return is_admin_request(request) or getattr(request, "is_preview", False)


def may_carry_a_user(request):
    """A cookie that could sign a user in or carry a message for them."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def is_personal(request):
    """A response that belongs to one person: in the admin, to a form they sent, or for
    someone with a session or message cookie."""
    return (
        request.method not in READING_METHODS
        or may_carry_a_user(request)
        or uses_admin_policy(request)
    )


def permissions_policy():
    """The header's value: `feature=()` for a feature that is off, `feature=(self)` for one
    our own pages may use."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})"
        for feature, allowed in settings.PERMISSIONS_POLICY.items()
    )


def _is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's policy in the admin, the
    Permissions-Policy header on every response, and Cross-Origin-Opener-Policy on the
    personal ones."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # A view's own @csp decorator still wins; the admin's policy replaces only the
        # site-wide default.
        if report_only:
            return parts
        if parts.config is None and uses_admin_policy(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        elif _is_html(response) and (sheet := usable_stylesheet()) is not None:
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", ()), sheet.csp_source]
            parts.update = update
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if settings.PERMISSIONS_POLICY and PERMISSIONS_POLICY_HEADER not in response:
            response[PERMISSIONS_POLICY_HEADER] = permissions_policy()
        opener_policy = settings.PERSONAL_CROSS_ORIGIN_OPENER_POLICY
        if opener_policy and OPENER_POLICY_HEADER not in response and is_personal(request):
            response[OPENER_POLICY_HEADER] = opener_policy
        return response


def login_locked(request, original_response, credentials):
    """django-axes' lock-out response: Wagtail's sign-in page layout with the reason and
    how long to wait, answered 429 Too Many Requests."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "security/login_locked.html",
        {"minutes": minutes, "login_url": reverse("wagtailadmin_login")},
        status=429,
    )
