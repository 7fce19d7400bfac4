import io
import os
import shutil

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo content, loaded once into the test database for every test to read.

    Tests that change it run in a transaction that is rolled back; transactional tests
    (browser journeys) run last and load what they need themselves.
    """
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def demo(db):
    """The demo pages by key, Swedish versions: home, about, privacy, accessibility."""
    from home.models import HomePage, StandardPage

    home = HomePage.objects.get(depth=2, locale__language_code="sv")
    pages = {"home": home}
    for key, slug in (
        ("about", "om-oss"),
        ("privacy", "integritetspolicy"),
        ("accessibility", "tillganglighet"),
    ):
        pages[key] = StandardPage.objects.child_of(home).get(slug=slug)
    return pages


@pytest.fixture
def news_demo(demo):
    """The demo news, Swedish versions: the index and the two articles."""
    from news.models import ArticlePage, NewsIndexPage

    index = NewsIndexPage.objects.child_of(demo["home"]).get(slug="nyheter")
    return {
        "index": index,
        "showcase": ArticlePage.objects.child_of(index).get(
            slug="cleantech-kvarken-blir-eu-exempel"
        ),
        "conference": ArticlePage.objects.child_of(index).get(
            slug="bothnia-green-energy-beyond-borders"
        ),
    }


# Browser tests: Playwright drives Debian's Chromium. On a developer's machine without
# it they are skipped with the reason printed; in CI (CI=true) a missing browser fails.


def browser_available():
    return os.path.exists(CHROMIUM)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not browser_available():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


# PostgreSQL-only tests (concurrency): on SQLite a developer sees them skipped with the
# reason; CI runs the whole suite a second time on PostgreSQL, so its SQLite pass leaves
# them out instead of counting them as skipped.


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    postgres_only = [item for item in items if item.get_closest_marker("postgres")]
    if not postgres_only:
        return
    if os.environ.get("CI"):
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        config.hook.pytest_deselected(items=postgres_only)
        config._postgres_deselected = len(postgres_only)
    else:
        reason = "needs PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)"
        for item in postgres_only:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter, config):
    count = getattr(config, "_postgres_deselected", 0)
    if count:
        terminalreporter.write_line(
            f"{count} PostgreSQL-only tests left out of this SQLite run: "
            "they run in CI's PostgreSQL pass."
        )
