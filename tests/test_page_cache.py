"""The whole-page cache: anonymous visitors get cached pages, editors never do, and
every change a visitor can see makes every cached page stale, in every process that
shares the cache."""

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.management import call_command
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)

from cleantech_site import page_cache
from cleantech_site.page_cache import CACHED_HEADER, _cacheable_response

from .processes import free_port
from .test_settings import run_manage

pytestmark = [pytest.mark.django_db]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def enabled(settings, tmp_path):
    """The page cache on, in a cache directory as the workers of one server share it
    (tests/test_instances.py shares Redis between two instances)."""
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    yield settings


class RecordingBackend:
    """A front-end cache that records what it is told to purge."""

    purged = []

    def __init__(self, params):
        self.hostnames = ["*"]

    def purge(self, url):
        self.purged.append(url)

    def purge_batch(self, urls):
        self.purged.extend(urls)

    def invalidates_hostname(self, hostname):
        return True


@pytest.fixture
def frontend_cache(settings):
    RecordingBackend.purged = []
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": f"{__name__}.RecordingBackend"},
    }
    return RecordingBackend.purged


def assert_clears(change):
    before = page_cache.generation()
    change()
    assert page_cache.generation() != before


def text(response):
    return response.content.decode()


def test_second_anonymous_visit_is_served_from_the_cache(client, tree, django_assert_num_queries):
    url = tree.standard.sv.url
    first = client.get(url)
    assert first[CACHED_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second[CACHED_HEADER] == "hit"
    assert second.content == first.content


def test_a_worker_answers_hits_from_its_memory_until_content_changes(client, tree, tmp_path):
    url = tree.standard.sv.url
    client.get(url)
    assert client.get(url)[CACHED_HEADER] == "hit"
    # The shared copy evicted (a full cache directory culls): this worker still has it.
    for path in (tmp_path / "cache").iterdir():
        if path.stat().st_size > 1000:  # the page, not the generation or the parameters
            path.unlink()
    assert client.get(url)[CACHED_HEADER] == "hit"
    page_cache.clear()
    assert client.get(url)[CACHED_HEADER] == "miss"


def test_a_hit_without_a_session_is_answered_before_sessions_and_users(client, tree, settings):
    url = tree.standard["fi"].url
    client.get(url)
    early = client.get(url)
    assert early[CACHED_HEADER] == "hit"
    assert not hasattr(early.wsgi_request, "user")  # AuthenticationMiddleware never ran
    # With a session cookie (here one of no session) the hit comes from further in.
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    late = client.get(url)
    assert late[CACHED_HEADER] == "hit"
    assert late.wsgi_request.user.is_anonymous
    assert early.content == late.content
    # A session cookie also brings the opener policy (cleantech_site/security.py).
    assert late["Cross-Origin-Opener-Policy"] == "same-origin"
    del late["Cross-Origin-Opener-Policy"]
    assert dict(early.headers) == dict(late.headers)
    assert early["Content-Language"] == "fi"
    assert "Permissions-Policy" in early


def test_a_head_request_hit_early_has_no_body(client, tree):
    url = tree.standard.sv.url
    client.get(url)
    response = client.head(url)
    assert response[CACHED_HEADER] == "hit"
    assert response.content == b""


def test_a_hit_skips_the_stack_and_carries_the_headers_it_added(client, tree, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    url = tree.standard.sv.url
    miss = client.get(url, secure=True)
    hit = client.get(url, secure=True)
    assert (miss[CACHED_HEADER], hit[CACHED_HEADER]) == ("miss", "hit")
    # SecurityHeadersMiddleware (django-csp) never saw the hit's request.
    assert not hasattr(hit.wsgi_request, "csp_nonce")
    assert hasattr(miss.wsgi_request, "csp_nonce")
    for header in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "Content-Language",
        "Vary",
        "Cache-Control",
        "Content-Length",
    ):
        assert hit[header] == miss[header], header
    assert hit.content == miss.content


def test_pages_stored_with_other_header_settings_are_not_answered(client, tree, settings):
    url = tree.standard.sv.url
    client.get(url)
    assert client.get(url)[CACHED_HEADER] == "hit"
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    images = ["'self'", "data:"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**directives, "img-src": images}}
    fresh = client.get(url)
    assert fresh[CACHED_HEADER] == "miss"
    assert "img-src 'self' data:" in fresh["Content-Security-Policy"]


def test_bad_input_and_unknown_hosts_are_refused_before_a_hit(client, tree, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    url = tree.standard.sv.url
    client.get(url)
    assert client.get(url + "?utm_source=mail")[CACHED_HEADER] == "hit"
    refused = client.get(url + "?utm_source=%00")
    assert refused.status_code == 400
    assert "Content-Security-Policy" in refused
    stranger = client.get(url, headers={"host": "elsewhere.example"})
    assert stranger.status_code == 400
    assert "Content-Security-Policy" in stranger


def test_a_head_request_that_misses_stores_the_whole_page(client, tree):
    url = tree.standard.sv.url
    head = client.head(url)
    assert head[CACHED_HEADER] == "miss"
    assert head.content == b""
    hit = client.get(url)
    assert hit[CACHED_HEADER] == "hit"
    assert b"</html>" in hit.content
    assert hit["Content-Length"] == head["Content-Length"] == str(len(hit.content))


def test_a_page_the_stack_sets_a_cookie_on_is_not_stored(client, tree, settings):
    url = tree.standard.sv.url
    # A session cookie of no session: the session middleware deletes it in the response,
    # after the page cache's inner part has looked at the response.
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    seen = client.get(url)
    assert seen.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 0
    assert CACHED_HEADER not in seen
    assert Client().get(url)[CACHED_HEADER] == "miss"


def test_a_page_for_someone_with_a_session_is_not_kept_for_everyone(client, tree, settings):
    """A visitor who passed a page password has a session and no user: the page they get
    carries the opener policy, which a visitor without cookies must not be given."""
    session = SessionStore()
    session["passed_restrictions"] = [1]
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    url = tree.standard.sv.url
    theirs = client.get(url)
    assert theirs["Cross-Origin-Opener-Policy"] == "same-origin"
    assert not theirs.cookies
    first, second = Client().get(url), Client().get(url)
    assert (first[CACHED_HEADER], second[CACHED_HEADER]) == ("miss", "hit")
    assert "Cross-Origin-Opener-Policy" not in second


def test_a_page_with_a_csp_nonce_is_not_stored(client, tree, rf):
    response = client.get("/sv/")
    request = rf.get("/sv/")
    assert _cacheable_response(request, response)
    request._csp_nonce = "a-nonce-for-this-response-only"  # what reading csp_nonce does
    assert not _cacheable_response(request, response)


def test_an_unreachable_cache_is_answered_by_the_stack_with_its_headers(tree):
    url = tree.standard.sv.url
    # A Redis server on a port nobody listens on: the real client, refused at once. Only
    # for the request: the test tree's own clean-up uses the cache.
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    with override_settings(CACHES=unreachable):
        response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 503
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Permissions-Policy"):
        assert header in response, header


def test_cached_pages_tell_shared_caches_to_keep_them(client, tree, settings):
    settings.PAGE_CACHE_SECONDS = 300
    for response in (client.get("/sv/"), client.get("/sv/")):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=60", "s-maxage=300"} <= cache_control


def test_languages_and_schemes_are_cached_apart(client, tree):
    client.get("/sv/")
    assert client.get("/fi/")[CACHED_HEADER] == "miss"
    secure = client.get("/sv/", secure=True)
    assert secure[CACHED_HEADER] == "miss"
    assert client.get("/sv/")[CACHED_HEADER] == "hit"
    assert client.get("/sv/", secure=True)[CACHED_HEADER] == "hit"


def test_unknown_query_parameters_share_the_entry_of_the_bare_url(client, tree):
    url = tree.project_index.sv.url
    # Cold: rendered for the visitor but not stored under a stranger's query string.
    assert CACHED_HEADER not in client.get(url + "?x=first")
    assert client.get(url)[CACHED_HEADER] == "miss"
    for noise in ("?x=second", "?x=third&utm_source=mail", "?y="):
        assert client.get(url + noise)[CACHED_HEADER] == "hit"
    # A page that reads no parameter ignores all of them, even names other pages read.
    home = tree.home.sv.url
    client.get(home)
    assert client.get(home + "?page=7&q=wind")[CACHED_HEADER] == "hit"


def test_parameters_a_page_reads_are_keyed_in_one_order(client, tree):
    url = tree.project_index.sv.url
    client.get(url)
    first = client.get(url + "?status=ongoing&country=FI")
    assert first[CACHED_HEADER] == "miss"
    again = client.get(url + "?country=FI&status=ongoing&x=1")
    assert again[CACHED_HEADER] == "hit"
    assert again.content == first.content
    news = tree.news_index.sv.url
    client.get(news)
    assert client.get(news + "?page=2")[CACHED_HEADER] == "miss"
    assert client.get(f"/sv/search/?q={tree.article.sv.title}")[CACHED_HEADER] == "miss"


def test_query_strings_stored_per_address_are_capped(client, tree, settings):
    settings.PAGE_CACHE_MAX_VARIANTS = 2
    url = tree.project_index.sv.url
    for page in (1, 2, 3):
        client.get(f"{url}?page={page}")
    assert client.get(f"{url}?page=2")[CACHED_HEADER] == "hit"
    assert CACHED_HEADER not in client.get(f"{url}?page=3")
    assert client.get(url)[CACHED_HEADER] == "miss"  # the bare address is always kept


def test_publishing_makes_cached_pages_stale(client, tree):
    about = tree.standard.sv
    client.get(about.url)
    about.title = "Om föreningen bakom sajten"
    about.save_revision().publish()
    response = client.get(about.url)
    assert response[CACHED_HEADER] == "miss"
    assert "Om föreningen bakom sajten" in text(response)


def test_unpublishing_and_deleting_clear_the_cache(client, tree):
    about = tree.standard.sv  # linked from the footer
    older_article = tree.older_article.sv  # listed among the latest news
    assert about.url in text(client.get("/sv/"))
    about.unpublish()
    home = client.get("/sv/")
    assert home[CACHED_HEADER] == "miss"
    assert about.url not in text(home)
    assert client.get("/sv/")[CACHED_HEADER] == "hit"
    assert older_article.url in text(client.get("/sv/"))
    older_article.delete()
    home = client.get("/sv/")
    assert home[CACHED_HEADER] == "miss"
    assert older_article.url not in text(home)


def test_moving_a_page_clears_the_cache(client, tree):
    about = tree.standard.sv
    old_url = about.url
    assert old_url in text(client.get("/sv/"))
    about.move(tree.news_index.sv, pos="last-child")
    about = Page.objects.get(pk=about.pk)
    home = text(client.get("/sv/"))
    assert old_url not in home
    assert about.url in home


def test_scheduled_publishing_clears_the_cache(client, tree):
    article = tree.article.sv
    news = tree.news_index.sv.url
    client.get(news)
    article.title = "Planerad rubrik om vätgas"
    article.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled")
    response = client.get(news)
    assert response[CACHED_HEADER] == "miss"
    assert "Planerad rubrik om vätgas" in text(response)


def test_expiry_clears_the_cache(client, tree):
    article = tree.article.sv
    news = tree.news_index.sv.url
    type(article).objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    assert article.url in text(client.get(news))  # cached before the command runs
    call_command("publish_scheduled")
    assert article.url not in text(client.get(news))
    assert client.get(article.url).status_code == 404


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_a_page_made_private_is_no_longer_served(client, tree, restriction_type):
    about = tree.standard.sv
    assert "Vilka vi är." in text(client.get(about.url))
    PageViewRestriction.objects.create(
        page=about, restriction_type=restriction_type, password="hemligt"
    )
    response = client.get(about.url)
    assert "Vilka vi är." not in text(response)
    if restriction_type == PageViewRestriction.PASSWORD:
        assert 'name="password"' in text(response)
    else:
        assert response.status_code == 302


def test_a_page_seen_with_its_password_is_not_shared_with_the_next_visitor(client, tree):
    about = tree.standard.sv
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, about.pk])
    client.post(url, {"password": "hemligt", "return_url": about.url})
    for _ in range(2):
        seen = client.get(about.url)
        assert "Vilka vi är." in text(seen)
        assert seen.get(CACHED_HEADER) is None
    assert "Vilka vi är." not in text(Client().get(about.url))


def test_a_group_restriction_hides_the_page_and_its_groups_clear(client, tree):
    about = tree.standard.sv
    client.get(about.url)
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    editors = Group.objects.create(name="Redaktörer")
    assert_clears(lambda: restriction.groups.add(editors))
    assert_clears(lambda: restriction.groups.remove(editors))
    assert "Vilka vi är." not in text(client.get(about.url))


def test_changing_or_removing_a_restriction_clears_the_cache(client, tree):
    about = tree.standard.sv
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(about.url).status_code == 302
    restriction.restriction_type = PageViewRestriction.PASSWORD
    restriction.password = "hemligt"
    restriction.save()
    assert 'name="password"' in text(client.get(about.url))
    restriction.delete()
    assert "Vilka vi är." in text(client.get(about.url))


def test_collection_restrictions_clear_the_cache(tree):
    root = Collection.get_first_root_node()
    restriction = CollectionViewRestriction(
        collection=root, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert_clears(restriction.save)
    assert_clears(lambda: restriction.groups.add(Group.objects.create(name="Medlemmar")))
    assert_clears(restriction.delete)


def test_changing_a_snippet_clears_the_cache(client, tree):
    project = tree.ongoing_project.sv
    programme = tree.programme.sv
    assert programme.name in text(client.get(project.url))
    programme.name = "Interreg Aurora"
    programme.save()
    assert "Interreg Aurora" in text(client.get(project.url))


def test_changing_the_site_clears_the_cache(client, tree):
    client.get("/sv/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Nya testsajten"
    site.save()
    assert "Nya testsajten" in text(client.get("/sv/"))


def test_redirects_and_locales_clear_the_cache(tree):
    redirect = Redirect(old_path="/sv/gammal-sida", redirect_page=tree.standard.sv)
    assert_clears(redirect.save)
    assert_clears(redirect.delete)
    assert_clears(Locale.objects.get(language_code="fi").save)


def test_publishing_purges_the_front_end_cache(client, tree, frontend_cache):
    about = tree.standard.sv
    about.save_revision().publish()
    assert about.full_url in frontend_cache


def test_making_a_page_private_purges_the_front_end_cache(tree, frontend_cache):
    about = tree.standard.sv
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert about.full_url in frontend_cache


def test_a_change_in_another_process_makes_this_one_fresh(client, tree, settings, tmp_path):
    """Workers share the cache and so the generation: a change made by the cron job or
    another worker is seen here at once."""
    about = tree.standard.sv
    client.get(about.url)
    assert client.get(about.url)[CACHED_HEADER] == "hit"
    # The database changes without a signal here: only the other process clears.
    Page.objects.filter(pk=about.pk).update(title="Om oss, ändrat någon annanstans")
    before = page_cache.generation()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cleantech_site.settings.test",
        "CACHE_DIR": str(tmp_path / "cache"),
        "TEST_MEDIA_ROOT": str(tmp_path / "media"),
    }
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from cleantech_site import page_cache; page_cache.clear()",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    assert page_cache.generation() != before
    responses = [client.get(about.url) for _ in range(5)]
    assert [response[CACHED_HEADER] for response in responses] == ["miss"] + ["hit"] * 4
    assert all("Om oss, ändrat någon annanstans" in text(response) for response in responses)


def test_logged_in_users_are_never_served_or_stored(admin_client, client, tree):
    url = tree.standard.sv.url
    client.get(url)  # cached for anonymous visitors
    response = admin_client.get(url)
    assert CACHED_HEADER not in response
    assert b"wagtail-userbar" in response.content
    # what an editor was shown is never kept for the next visitor
    cache.clear()
    admin_client.get(url)
    anonymous = client.get(url)
    assert anonymous[CACHED_HEADER] == "miss"
    assert b"wagtail-userbar" not in anonymous.content


def test_pages_with_a_csrf_token_are_not_cached(client, tree, rf):
    response = client.get("/sv/")
    request = rf.get("/sv/")
    assert _cacheable_response(request, response)
    get_token(request)  # what {% csrf_token %} does while the page renders
    assert not _cacheable_response(request, response)


def test_errors_and_redirects_are_not_cached(client, tree):
    assert CACHED_HEADER not in client.get("/sv/finns-inte/")
    assert CACHED_HEADER not in client.get("/", headers={"accept-language": "fi"})


def test_deploy_checks_warn_about_a_cache_private_to_each_process():
    result = run_manage(
        "check",
        "--deploy",
        DJANGO_SETTINGS_MODULE="cleantech_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        REDIS_URL="",
        CACHE_DIR="",
    )
    assert "cleantech_site.W001" in result.stderr + result.stdout
