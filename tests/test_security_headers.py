"""Security headers: a strict Content-Security-Policy on public pages, the admin's own
policy in the admin, Permissions-Policy everywhere, and HSTS flags only when asked for."""

import base64
import hashlib

import pytest
from bs4 import BeautifulSoup

from cleantech_site import stylesheet
from cleantech_site.checks import check_opener_policy
from cleantech_site.stylesheet import inline_stylesheet

from . import bookings
from .test_settings import run_manage


def directives(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def features(response):
    """The Permissions-Policy header as {feature: allow list}."""
    return dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))


@pytest.fixture
def public_page(client, tree):
    response = client.get(tree.standard["fi"].url)
    assert response.status_code == 200
    return response


@pytest.fixture
def admin_page(admin_client, tree):
    response = admin_client.get(f"/admin/pages/{tree.standard.sv.pk}/edit/")
    assert response.status_code == 200
    return response


def test_a_public_page_allows_scripts_and_styles_only_from_the_site_itself(public_page):
    policy = directives(public_page)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", inline_stylesheet().csp_source]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_the_policy_allows_exactly_the_style_sheet_the_page_carries(public_page):
    """The page's one <style> element hashes to the one hash the policy names."""
    styles = BeautifulSoup(public_page.content, "html.parser").find_all("style")
    assert len(styles) == 1
    digest = hashlib.sha256(styles[0].string.encode()).digest()
    expected = f"'sha256-{base64.b64encode(digest).decode()}'"
    assert [s for s in directives(public_page)["style-src"] if s.startswith("'sha")] == [expected]


def test_the_inlined_style_sheet_has_no_comments():
    sheet = inline_stylesheet()
    assert "/*" not in sheet.text and ":root" in sheet.text


def test_a_style_sheet_that_cannot_be_inlined_is_linked_and_named_in_no_policy(
    client, tree, monkeypatch, caplog
):
    def unreadable():
        raise OSError("gone")

    monkeypatch.setattr(stylesheet, "_source", unreadable)
    stylesheet._built_once.cache_clear()
    stylesheet._usable_once.cache_clear()
    try:
        response = client.get(tree.standard["fi"].url)
    finally:
        stylesheet._built_once.cache_clear()
        stylesheet._usable_once.cache_clear()
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("style") is None
    assert page.find("link", rel="stylesheet", href="/static/css/site.css") is not None
    assert directives(response)["style-src"] == ["'self'"]
    assert "cannot be inlined" in caplog.text


def test_addresses_in_the_inlined_style_sheet_are_made_absolute():
    """Relative to the sheet, they would be read relative to the page."""
    css = 'a{background:url("../img/logo.svg")} b{background:url(data:image/png;base64,AA==)}'
    assert stylesheet._absolute_urls(css) == (
        'a{background:url("/static/img/logo.svg")} b{background:url(data:image/png;base64,AA==)}'
    )


def test_the_public_policy_has_no_unsafe_inline_eval_or_nonce(public_page, client, tree):
    # The booking page too: it is the one public page with a script of its own.
    booking = client.get(tree.booking["en"].url)
    for response in (public_page, booking):
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header
        assert "unsafe-eval" not in header
        assert "nonce-" not in header


def test_the_admin_policy_adds_only_what_wagtail_needs(admin_page):
    policy = directives(admin_page)
    # Wagtail's inline scripts, wagtail-localize's <style> elements, framed previews.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src-elem"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    # Style attributes, plugins, eval and other origins' scripts stay refused.
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in admin_page["Content-Security-Policy"]


def test_the_admin_sign_in_page_has_the_admin_policy(db, client):
    response = client.get("/admin/login/")
    assert directives(response)["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("which", ["public_page", "admin_page"])
def test_permissions_policy_switches_off_camera_microphone_geolocation_and_payment(request, which):
    allowed = features(request.getfixturevalue(which))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert allowed[feature] == "()"


def test_permissions_policy_is_on_responses_that_are_not_pages(db, client):
    response = client.get("/robots.txt")
    assert features(response)["camera"] == "()"
    assert "Content-Security-Policy" in response


OPENER_POLICY = "Cross-Origin-Opener-Policy"


def test_a_public_page_for_a_visitor_without_a_session_has_no_opener_policy(public_page):
    """Answered from the page cache, it has none either (tests/test_page_cache.py)."""
    assert OPENER_POLICY not in public_page


def test_the_admin_and_its_sign_in_page_keep_other_sites_windows_out(db, client, admin_page):
    assert client.get("/admin/login/")[OPENER_POLICY] == "same-origin"
    assert admin_page[OPENER_POLICY] == "same-origin"


def test_a_public_page_for_someone_with_a_session_keeps_other_sites_windows_out(admin_client, tree):
    response = admin_client.get(tree.standard["fi"].url)
    assert response.status_code == 200
    assert response[OPENER_POLICY] == "same-origin"


def test_the_answer_to_a_sent_booking_form_keeps_other_sites_windows_out(client, tree):
    """A booking form sent with a mistake comes back with what the visitor typed."""
    page = tree.booking.sv
    assert OPENER_POLICY not in client.get(page.url)
    response = bookings.post(client, page, bookings.answers(page, email="aino.example.fi"))
    assert response.status_code == 200
    assert "aino.example.fi" in response.content.decode()
    assert response[OPENER_POLICY] == "same-origin"


def test_the_opener_policy_follows_its_setting(admin_client, tree, settings):
    settings.PERSONAL_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popups"
    assert admin_client.get(tree.standard.sv.url)[OPENER_POLICY] == "same-origin-allow-popups"
    settings.PERSONAL_CROSS_ORIGIN_OPENER_POLICY = None
    assert OPENER_POLICY not in admin_client.get(tree.standard.sv.url)


def test_an_opener_policy_browsers_do_not_know_is_an_error(settings):
    settings.PERSONAL_CROSS_ORIGIN_OPENER_POLICY = "same-orgin"
    assert [error.id for error in check_opener_policy(None)] == ["cleantech_site.E001"]
    settings.PERSONAL_CROSS_ORIGIN_OPENER_POLICY = None
    assert check_opener_policy(None) == []


HSTS = (
    "from django.http import HttpResponse;"
    "from django.middleware.security import SecurityMiddleware;"
    "from django.test import RequestFactory;"
    "request = RequestFactory().get('/', secure=True);"
    "print(SecurityMiddleware(lambda r: HttpResponse())(request)['Strict-Transport-Security'])"
)


def production_hsts(**env):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        HSTS,
        DJANGO_SETTINGS_MODULE="cleantech_site.settings.production",
        SECRET_KEY="x" * 64,
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_hsts_covers_neither_subdomains_nor_preload_by_default():
    assert production_hsts() == "max-age=31536000"


def test_production_hsts_adds_subdomains_and_preload_when_the_environment_asks():
    header = production_hsts(SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1")
    assert header == "max-age=31536000; includeSubDomains; preload"
