"""Operations: the health check, the 503 page while the database is down, log lines and
error reports. The outage itself, with a real PostgreSQL stopped and started under a
running gunicorn, is tested in test_database_outage.py."""

import io
import logging
import os
import sqlite3
import subprocess

import psycopg
import pytest
import redis
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import InterfaceError, OperationalError, connection
from django.test import RequestFactory
from wagtail.models import Page, Site

from cleantech_site.log import OneLineFormatter
from cleantech_site.unavailable import DatabaseUnavailableMiddleware
from cleantech_site.views import RETRY_AFTER_SECONDS, server_error

from .processes import Gunicorn, PostgresCluster, free_port, production_environment
from .test_settings import run_manage


@pytest.mark.django_db
def test_health_check_answers_ok_and_is_never_cached(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    for method in (client.get, client.head):
        response = method("/healthz")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "X-Page-Cache" not in response
    assert client.get("/healthz").content == b"ok\n"


@pytest.mark.django_db
def test_health_check_refuses_other_methods(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_health_check_answers_503_when_the_cache_does_not(client, settings, caplog):
    # The page cache is on, as in production: the health check must not go through it.
    settings.PAGE_CACHE_ENABLED = True
    # A Redis server on a port nobody listens on: the real client, refused at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    with caplog.at_level(logging.WARNING):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable: cache\n"
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    assert [record.getMessage() for record in caplog.records] == [
        "Health check failed (cache): GET /healthz"
    ]


@pytest.mark.django_db
def test_health_check_obeys_allowed_hosts(client, settings):
    settings.ALLOWED_HOSTS = ["www.example.se"]
    assert client.get("/healthz", headers={"host": "www.example.se"}).status_code == 200
    assert client.get("/healthz", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/sv/boka/", "sv", "Webbplatsen är inte tillgänglig för tillfället"),
        ("/fi/varaa/", "fi", "Sivusto ei ole hetkeen käytettävissä"),
        ("/en/book/", "en", "The website is unavailable for a moment"),
        ("/", "sv", "Webbplatsen är inte tillgänglig för tillfället"),
    ],
)
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_database_error_in_a_view_is_a_translated_503(path, language, heading, error, caplog):
    # No django_db mark: a query while rendering the page would raise.
    request = RequestFactory().post(path)
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    with caplog.at_level(logging.INFO):
        response = middleware.process_exception(request, error("connection refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert f"<h1>{heading}</h1>" in body
    (record,) = caplog.records
    assert record.levelname == "WARNING"
    assert record.exc_info is None
    assert record.getMessage() == f"Database unavailable ({error.__name__}): POST {path}"
    assert response._has_been_logged  # so Django does not log it a second time


def test_other_errors_are_left_to_the_500_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/sv/"), ValueError("x")) is None


def raised_from(error, cause):
    """`error` as Django raises it: wrapping the driver's error as its cause."""
    try:
        try:
            raise cause
        except Exception as driver_error:
            raise error from driver_error
    except Exception as raised:
        return raised


@pytest.mark.parametrize(
    "error",
    [
        raised_from(
            OperationalError("no such table: forms_booking"),
            sqlite3.OperationalError("no such table: forms_booking"),
        ),
        raised_from(
            OperationalError("canceling statement"),
            psycopg.errors.QueryCanceled("canceling statement"),
        ),
        raised_from(
            OperationalError("deadlock detected"),
            psycopg.errors.DeadlockDetected("deadlock detected"),
        ),
    ],
    ids=["sqlite-missing-table", "statement-timeout", "deadlock"],
)
def test_database_faults_that_are_not_an_outage_are_left_to_the_500_page(error):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/sv/"), error) is None


@pytest.mark.parametrize(
    "error",
    [
        raised_from(
            OperationalError("terminating connection"),
            psycopg.errors.AdminShutdown("terminating connection"),
        ),
        raised_from(
            OperationalError("unable to open database file"),
            sqlite3.OperationalError("unable to open database file"),
        ),
        redis.exceptions.ConnectionError("Connection refused"),
    ],
    ids=["postgresql-restart", "sqlite-unreadable", "redis-down"],
)
def test_a_restart_or_an_unreachable_service_gets_the_503_page(error, caplog):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    with caplog.at_level(logging.WARNING):
        response = middleware.process_exception(RequestFactory().get("/sv/"), error)
    assert response.status_code == 503
    (record,) = caplog.records
    assert record.getMessage().endswith(f"unavailable ({type(error).__name__}): GET /sv/")


def test_a_database_error_outside_a_view_also_gets_the_503_page():
    """A middleware's query (a session read) fails before any view: the 500 handler is
    called inside Django's `except` block and hands such an error to the 503 page."""
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(RequestFactory().get("/fi/jotain/"))
    assert response.status_code == 503
    assert 'lang="fi"' in response.content.decode()


@pytest.mark.parametrize(("admins", "told"), [([], False), ([("Ops", "ops@cleantech.se")], True)])
def test_the_500_page_says_someone_was_told_only_when_someone_is(settings, admins, told):
    settings.ADMINS = admins
    body = server_error(RequestFactory().get("/en/x/")).content.decode()
    assert "could not show this page" in body
    assert ("We have been told about it." in body) is told


def test_server_errors_are_mailed_to_admins_without_what_was_typed(settings, rf):
    settings.ADMINS = [("Ops", "ops@cleantech.se")]
    request = rf.post("/sv/boka/", {"email": "anna.andersson@foretag.se", "name": "Anna"})
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=error, extra={"request": request}
        )
    (message,) = mail.outbox
    assert message.to == ["ops@cleantech.se"]
    assert "RuntimeError" in message.body
    assert "email" in message.body
    assert "anna.andersson" not in message.body
    assert "Anna" not in message.body


def test_error_reports_leave_out_who_asked_and_what_they_searched_for(settings, rf):
    settings.ADMINS = [("Ops", "ops@cleantech.se")]
    request = rf.get(
        "/sv/search/",
        {"q": "Anna Andersson"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        HTTP_USER_AGENT="Testbrowser/1.0",
    )
    typed = "Anna Andersson"  # a local variable of the failing frame
    try:
        raise RuntimeError(f"boom after {len(typed)} characters")
    except RuntimeError as error:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=error, extra={"request": request}
        )
    (message,) = mail.outbox
    assert "RuntimeError" in message.body and "/sv/search/" in message.body
    for personal in ("Anna", "203.0.113.9", "198.51.100.7", "Testbrowser"):
        assert personal not in message.body


@pytest.mark.django_db
def test_a_wrong_host_is_one_warning_line_without_a_traceback(client, settings, caplog):
    settings.ALLOWED_HOSTS = ["www.example.se"]
    with caplog.at_level(logging.INFO):
        response = client.get("/sv/", headers={"host": "evil.example"})
    assert response.status_code == 400
    (record,) = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert record.levelname == "WARNING"
    assert record.exc_info is None
    assert "evil.example" in record.getMessage()
    assert not mail.outbox


def test_a_log_event_with_a_traceback_is_one_line():
    formatter = OneLineFormatter("%(levelname)s %(name)s %(message)s")
    try:
        raise ValueError("first\nsecond")
    except ValueError as error:
        record = logging.LogRecord(
            "cleantech_site", logging.ERROR, __file__, 1, "failed", None, (ValueError, error, None)
        )
    line = formatter.format(record)
    assert "\n" not in line
    assert line.startswith("ERROR cleantech_site failed")
    assert "ValueError: first" in line


# The Site record follows SITE_BASE_URL


def set_site_address(*args):
    output = io.StringIO()
    call_command("set_site_address", *args, stdout=output)
    return output.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "hostname", "port", "root_url"),
    [
        ("https://www.cleantech.se", "www.cleantech.se", 443, "https://www.cleantech.se"),
        ("https://www.cleantech.se:443/", "www.cleantech.se", 443, "https://www.cleantech.se"),
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, "http://127.0.0.1:8000"),
        ("http://intranet", "intranet", 80, "http://intranet"),
    ],
)
def test_the_default_site_takes_the_public_address(tree, settings, url, hostname, port, root_url):
    settings.WAGTAILADMIN_BASE_URL = url
    assert "now answers at" in set_site_address()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (hostname, port, root_url)
    assert "already answers at" in set_site_address()


@pytest.mark.django_db
def test_api_links_and_page_addresses_follow_the_site_address(client, tree):
    set_site_address("--url", "https://www.cleantech.se")
    page = Page.objects.get(pk=tree.standard["fi"].pk)
    assert page.get_full_url() == "https://www.cleantech.se" + page.url
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.json()["meta"]["html_url"] == page.get_full_url()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "https://www.cleantech.se:8443",
        "http://host:443",
        "/sv/",
        "http://host:http",
        "http://host:99999",
    ],
)
def test_an_address_a_site_cannot_have_is_refused(tree, url):
    with pytest.raises(CommandError, match="cannot serve"):
        set_site_address("--url", url)
    assert Site.objects.get(is_default_site=True).hostname == "testserver"


# A real outage: PostgreSQL stopped and started under a running gunicorn


@pytest.fixture
def outage_site(committed_tree, settings, tmp_path):
    """The test tree served by gunicorn under the production settings, from a PostgreSQL
    cluster of its own (a copy of the test database), so the test may stop it."""
    source = connection.settings_dict
    cluster = PostgresCluster()
    try:
        cluster.start()
        dump = tmp_path / "tree.dump"
        subprocess.run(
            [
                str(cluster.bin / "pg_dump"), "-Fc", "--no-owner", "-f", str(dump),
                "-h", source["HOST"] or "127.0.0.1", "-p", str(source["PORT"] or 5432),
                "-U", source["USER"] or "postgres", source["NAME"],
            ],
            check=True,
            env={**os.environ, "PGPASSWORD": source["PASSWORD"] or ""},
        )  # fmt: skip
        subprocess.run(
            [str(cluster.bin / "pg_restore"), "--no-owner", "-d", cluster.url, str(dump)],
            check=True,
        )
        environment = production_environment(
            DATABASE_URL=cluster.url,
            ALLOWED_HOSTS="testserver",
            CACHE_DIR=str(tmp_path / "cache"),
            STATIC_ROOT=str(tmp_path / "static"),
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
        )
        # The pages' own static files, for the manifest; the admin's are not needed.
        ignored = ["wagtail*", "admin", "rest_framework", "modelcluster", "taggit"]
        collected = run_manage(
            "collectstatic", "--noinput", *[f"-i={name}" for name in ignored], **environment
        )
        assert collected.returncode == 0, collected.stderr
        server = Gunicorn(environment)
        try:
            yield cluster, server
        finally:
            server.stop()
    finally:
        cluster.remove()


@pytest.mark.postgres
def test_pages_answer_503_while_postgresql_is_down_and_recover_by_themselves(
    outage_site, committed_tree
):
    cluster, server = outage_site
    home = committed_tree.home["sv"].url
    page, booking = committed_tree.standard["fi"].url, committed_tree.booking["en"].url

    def get(path):
        return server.get(path, host="testserver")

    assert get("/healthz")[::2] == (200, "ok\n")
    assert get(home)[0] == 200

    cluster.stop()
    answers = {path: get(path) for path in ("/healthz", page, booking)}
    for path, (status, headers, body) in answers.items():
        assert status == 503, (path, body)
        assert headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert answers["/healthz"][2] == "unavailable: database\n"
    assert "Sivusto ei ole hetkeen käytettävissä" in answers[page][2]
    assert "The website is unavailable for a moment" in answers[booking][2]
    # A page the page cache holds is still served to anonymous visitors.
    assert get(home)[0] == 200
    log = server.log()
    assert "Traceback" not in log
    assert log.count("WARNING cleantech_site.views Database unavailable") == 2
    assert log.count("WARNING cleantech_site.views Health check failed (database)") == 1

    cluster.start()
    assert get("/healthz")[::2] == (200, "ok\n")
    assert get(page)[0] == 200
    assert get(booking)[0] == 200
    assert server.process.poll() is None  # the same gunicorn throughout
