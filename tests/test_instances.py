"""Two instances of the site, as it runs when it grows to several servers: two gunicorn
processes on different ports, each with two workers, under the production settings, on
one PostgreSQL and one Redis. What is done through one instance, the other sees at once.

Runs in CI's PostgreSQL pass, which starts Redis and names it in TEST_REDIS_URL. Without
it, a redis-server on the machine is started for the run; without one, the tests skip
(and fail in CI).
"""

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cleantech_site.page_cache import CACHED_HEADER
from forms.models import Booking
from home.models import StandardPage

from .bookings import answers
from .factories import StandardPageFactory
from .processes import Gunicorn, free_port, production_environment

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.usefixtures("committed_db"),
    # One pytest-xdist worker runs them all (--dist loadgroup), so the instances start once.
    pytest.mark.xdist_group("instances"),
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BOOKING_TOKEN = re.compile(r'name="_token" value="([^"]+)"')
# How often each instance may show one address the booking form in a minute.
TOKEN_LIMIT = 4
# Requests per instance after a change: with two workers each, both workers answer some.
REQUESTS = 6


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """Redis as CI starts it, or one started here when the machine has redis-server."""
    if os.environ.get("TEST_REDIS_URL"):
        yield os.environ["TEST_REDIS_URL"]
        return
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server not found: install Debian's redis-server (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    directory = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", directory],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def shared_redis(redis_url):
    """This test process's own Redis database: each pytest-xdist worker has its own test
    database and so its own instances, which must not share cached pages."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return f"{redis_url.rstrip('/')}/{1 + int(worker.removeprefix('gw'))}"


def database_url():
    db = connection.settings_dict
    credentials = urllib.parse.quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + urllib.parse.quote(db["PASSWORD"])
    return f"postgresql://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def production_env(django_db_setup, django_db_blocker, shared_redis):
    """The environment of every process of the deployment: the production settings on the
    test database, behind a proxy that terminated TLS (X-Forwarded-Proto), so the secure
    cookies work over the loopback."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)")
    static_root = tempfile.mkdtemp(prefix="cleantech-static-")
    env = production_environment(
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=database_url(),
        REDIS_URL=shared_redis,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_PROXY_SSL_HEADER="1",
        STATIC_ROOT=static_root,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        BOOKING_MIN_FILL_SECONDS="0",
        BOOKING_RATE_LIMIT_TOKENS=str(TOKEN_LIMIT),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
    )
    yield env
    shutil.rmtree(static_root, ignore_errors=True)


@pytest.fixture(scope="module")
def instances(production_env):
    """Two gunicorn instances of two workers each; stopped when the module ends."""
    servers = []
    try:
        for _ in range(2):
            servers.append(Gunicorn(production_env, workers=2))
        yield [f"http://127.0.0.1:{server.port}" for server in servers]
    finally:
        for server in servers:
            server.stop()


@pytest.fixture(autouse=True)
def empty_cache(shared_redis):
    """Each test starts with nothing cached and nothing counted."""
    redis.Redis.from_url(shared_redis).flushdb()


class Browser:
    """An HTTP client for one instance that keeps its cookies, as a browser would.

    The instances see https through the proxy header, so they mark their cookies Secure;
    this client sends them back over the loopback anyway.
    """

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = {}

    def request(self, path, data=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": self.base_url.replace("http://", "https://"),
            "Referer": self.base_url.replace("http://", "https://") + path,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None if data is None else urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers)  # noqa: S310
        try:
            response = urllib.request.build_opener(NoRedirects).open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        response.text = response.read().decode()
        return response

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)

    def csrf_token(self):
        """The token a form posts: Django takes the cookie's own value as one."""
        return self.cookies["csrftoken"]

    def log_in(self, username, password):
        self.get("/admin/login/")
        response = self.post(
            "/admin/login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.csrf_token(),
            },
        )
        assert response.status == 302, response.text[:500]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def editor(django_db_blocker):
    """A superuser, committed so the instances see it; removed when the module ends."""
    password = secrets.token_urlsafe(16)
    # Hashed as the production settings check it; the test settings hash with MD5.
    hasher = PBKDF2PasswordHasher()
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser(
            "instance-editor", "editor@example.org", password
        )
        user.password = hasher.encode(password, hasher.salt(), iterations=1000)
        user.save(update_fields=["password"])
    yield user.username, password
    with django_db_blocker.unblock():
        user.delete()


@pytest.fixture
def own_page(committed_tree):
    """A live page of its own under the Swedish home page, deleted when the test ends."""
    page = StandardPageFactory(
        parent=committed_tree.home.sv,
        title="Instanssidan",
        slug="instanssidan",
        intro="Innehåll som bara den publicerade versionen har.",
    )
    yield page
    Page.objects.filter(pk=page.pk).delete()


def cached_on_both(instances, path):
    """Visit `path` on every instance until each has it cached; the page as cached."""
    for base_url in instances:
        browser = Browser(base_url)
        for _ in range(3):
            response = browser.get(path)
            assert response.status == 200
        assert response.headers[CACHED_HEADER] == "hit"
    return response.text


def served_everywhere(instances, path):
    """What anonymous visitors get for `path`, REQUESTS times from every instance."""
    return [Browser(base_url).get(path) for base_url in instances for _ in range(REQUESTS)]


def showing(responses, text):
    return sum(1 for response in responses if text in response.text)


def test_publishing_through_one_instance_is_seen_on_both(instances, editor, own_page):
    cached_on_both(instances, own_page.url)
    own_page.title = "Instanssidan, ny version"
    own_page.save_revision()
    admin = Browser(instances[0])
    admin.log_in(*editor)
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={own_page.pk}"
    assert admin.get(publish).status == 200
    response = admin.post(publish, {"csrfmiddlewaretoken": admin.csrf_token()})
    assert response.status == 302, response.text[:500]

    responses = served_everywhere(instances, own_page.url)
    assert showing(responses, "Instanssidan, ny version") == len(responses)


def test_a_page_made_private_through_one_instance_is_hidden_on_both(instances, editor, own_page):
    assert own_page.intro in cached_on_both(instances, own_page.url)
    admin = Browser(instances[0])
    admin.log_in(*editor)
    privacy = f"/admin/pages/{own_page.pk}/privacy/"
    assert admin.get(privacy).status == 200
    response = admin.post(
        privacy,
        {
            "csrfmiddlewaretoken": admin.csrf_token(),
            "restriction_type": PageViewRestriction.PASSWORD,
            "password": "hemligt",
        },
    )
    assert response.status == 200 and '"step": "set_privacy_done"' in response.text
    assert PageViewRestriction.objects.filter(page=own_page).exists()

    responses = served_everywhere(instances, own_page.url)
    assert showing(responses, own_page.intro) == 0
    assert {response.headers.get(CACHED_HEADER) for response in responses} == {None}


def run_cron(production_env, command):
    """A command as cron runs it: a process of its own with the deployment's environment."""
    subprocess.run(
        [sys.executable, "manage.py", command],
        cwd=PROJECT_ROOT,
        env=production_env,
        check=True,
        capture_output=True,
    )


def test_scheduled_publishing_and_expiry_by_cron_are_seen_on_both(
    instances, production_env, own_page
):
    cached_on_both(instances, own_page.url)
    own_page.title = "Instanssidan, schemalagd"
    revision = own_page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(seconds=1)
    revision.save(update_fields=["approved_go_live_at"])
    run_cron(production_env, "publish_scheduled")
    responses = served_everywhere(instances, own_page.url)
    assert showing(responses, "Instanssidan, schemalagd") == len(responses)

    cached_on_both(instances, own_page.url)
    StandardPage.objects.filter(pk=own_page.pk).update(expire_at=timezone.now())
    run_cron(production_env, "publish_scheduled")
    responses = served_everywhere(instances, own_page.url)
    assert {response.status for response in responses} == {404}


def booking_form(browser, page):
    form = browser.get(page.url)
    assert form.status == 200
    return BOOKING_TOKEN.search(form.text).group(1), browser.csrf_token()


def test_a_booking_sent_to_one_instance_is_in_the_admin_of_the_other(
    instances, editor, committed_tree
):
    booking_page = committed_tree.booking.sv
    visitor = Browser(instances[0])
    token, csrf = booking_form(visitor, booking_page)
    data = answers(booking_page, name="Ines Instans")
    response = visitor.post(
        booking_page.url,
        {**data, "_token": token, "_website": "", "csrfmiddlewaretoken": csrf},
    )
    assert response.status in (200, 302), response.text[:500]
    booking = Booking.objects.get(page=booking_page)

    staff = Browser(instances[1])
    staff.log_in(*editor)
    listing = staff.get(reverse("bookings:index"))
    assert listing.status == 200
    assert "Ines Instans" in listing.text
    assert staff.get(reverse("bookings:edit", args=[booking.pk])).status == 200


def test_the_booking_form_rate_limit_is_counted_across_instances(instances, committed_tree):
    """One address may take TOKEN_LIMIT forms a minute from the whole deployment, not
    TOKEN_LIMIT from each instance or each worker."""
    path = committed_tree.booking.sv.url
    statuses = [
        Browser(instances[number % 2]).get(path).status for number in range(TOKEN_LIMIT + 2)
    ]
    assert statuses == [200] * TOKEN_LIMIT + [429, 429]
