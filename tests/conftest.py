import os
import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.test.utils import setup_databases, teardown_databases
from django.utils import translation
from pytest_django.live_server_helper import LiveServer
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from cleantech_site import page_cache
from forms.models import Booking
from projects.models import ProjectPage

from . import tree as tree_module
from .project_showcase import build_showcase, family_of

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test tree (tests/tree.py), built once into the test database for every test.

    Ordinary tests run in a transaction that is rolled back. Every page is rendered once
    here, so the image renditions it uses exist for the whole session.
    """
    with django_db_blocker.unblock():
        made_here = _make_test_database_if_missing()
        build_tree()
    yield
    with django_db_blocker.unblock():
        _close_other_sessions()
        if made_here:
            teardown_databases(made_here, verbosity=0)


def _close_other_sessions():
    """Playwright runs the journeys' test code in a context of its own, where Django opens
    a connection that nothing closes, and PostgreSQL does not drop a database in use."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def _make_test_database_if_missing():
    """pytest-django makes the test database only when a collected test asks for `db`.
    A run of committed_db tests alone (the browser journeys) needs it too, or the tree
    would be written into the real database."""
    if connection.settings_dict["NAME"] != REAL_DATABASE_NAME:
        return None
    return setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})


TREE_KEYS = {}
# Read before pytest-django points the connection at the test database.
REAL_DATABASE_NAME = connection.settings_dict["NAME"]


def build_tree():
    TREE_KEYS.update(tree_module.build())
    tree_module.warm_renditions(tree_module.Tree.load(TREE_KEYS))


@pytest.fixture
def tree(db):
    """The test tree's pages and snippets by handle, fresh for each test.

    Wagtail caches the sites' root URLs; a test that changes a Site is rolled back, but
    the cached copy of its change would outlive it, so it is forgotten afterwards."""
    yield tree_module.Tree.load(TREE_KEYS)
    cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)


@pytest.fixture(scope="module")
def _showcase_keys(django_db_setup, django_db_blocker):
    """tests/project_showcase.py's two projects, built once for a test module, as Django's
    TestCase.setUpTestData does: in a transaction that every test's own transaction nests
    in (as a savepoint), rolled back after the module's last test. Building them takes
    seconds (three languages, two projects), and a dozen tests read them."""
    # The database is unblocked only to build and to roll back: the module's tests reach
    # it through their own `db` fixture, as any other test does.
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_showcase(tree_module.Tree.load(TREE_KEYS))
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield tuple(project.sv.translation_key for project in built)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)


@pytest.fixture
def showcase(_showcase_keys, tree):
    """(showcase, follow_up), each a Family of its pages in every language: a fully described
    project and its follow-up (tests/project_showcase.py), fresh from the database."""
    return tuple(family_of(ProjectPage, key) for key in _showcase_keys)


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker):
    """Database access outside a test transaction, for tests whose data another thread or
    connection must see (a live server, parallel bookings). What such a test commits stays,
    so it may only add bookings; they are deleted when it ends, and the cache is cleared.
    """
    # Not inside another fixture's transaction (_showcase_keys): nothing would be committed.
    assert not connection.in_atomic_block, "committed_db inside an open transaction"
    with django_db_blocker.unblock():
        before = set(Booking.objects.values_list("pk", flat=True))
        try:
            yield
        finally:
            Booking.objects.exclude(pk__in=before).delete()
            cache.clear()


@pytest.fixture
def empty_database(committed_db):
    """No content at all, not even Wagtail's root page or locales, for the test that loads
    the demo content as `make run` does. The test tree is built again afterwards; what
    Wagtail's data migrations made (the Editors and Moderators groups) is not, so tests
    that run after this one in the same process (only committed_db ones: it runs among
    them, after every ordinary test) must not rely on those groups."""
    call_command("flush", interactive=False, verbosity=0)
    cache.clear()
    yield
    call_command("flush", interactive=False, verbosity=0)
    # Cached renditions of the emptied image rows would stop the tree from making new ones.
    cache.clear()
    build_tree()


@pytest.fixture
def committed_tree(committed_db):
    """The test tree for a test that uses `committed_db`."""
    return tree_module.Tree.load(TREE_KEYS)


@pytest.fixture(scope="session")
def tree_server(django_db_setup, django_db_blocker):
    """The test tree served over HTTP for the whole session, for the browser journeys.

    Started once rather than per test: pytest-django's live_server would empty the
    database after each test and the tree would have to be built again.
    """
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_content_generation():
    """What is kept until content changes (the chrome, routes: cleantech_site/shared_data.py)
    would outlive a test's rolled-back pages: every test starts a generation of its own."""
    page_cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language, whatever an earlier test (or the
    test tree's set-up, which renders every language) left active in this thread."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_transactional_tests(request):
    """A transactional test empties the database when it ends, which would take the tree
    from every test after it; such a test is refused with what to use instead."""
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in names or "live_server" in names
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        transactional = True
    if transactional:
        pytest.fail(
            "transactional tests would empty the test tree: use the committed_db fixture "
            "(and tree_server instead of live_server)"
        )


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
# reason. CI runs the whole suite a second time on PostgreSQL, so its SQLite pass leaves
# them out instead of counting them as skipped, and leaves out the browser journeys too:
# they run once, in the PostgreSQL pass.


def leaves_some_for_postgres():
    return bool(os.environ.get("CI")) and connection.vendor != "postgresql"


def leaves_the_demo_to_sqlite():
    """CI loads the whole demo content once, in its SQLite pass: the database `make run`
    loads it into. It is the suite's slowest test, and the loader uses nothing of
    PostgreSQL's own."""
    return bool(os.environ.get("CI")) and connection.vendor == "postgresql"


def _leave_out(config, items, markers):
    left_out = [item for item in items if any(item.get_closest_marker(m) for m in markers)]
    if left_out:
        items[:] = [item for item in items if item not in left_out]
        config.hook.pytest_deselected(items=left_out)


def pytest_collection_modifyitems(config, items):
    if leaves_some_for_postgres():
        _leave_out(config, items, ("postgres", "browser"))
        return
    if connection.vendor == "postgresql":
        if leaves_the_demo_to_sqlite():
            _leave_out(config, items, ("demo",))
        return
    reason = "needs PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)"
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter, config):
    # Said here rather than counted at collection: with pytest-xdist only the workers
    # collect, and this summary is written by the process that started them.
    if leaves_some_for_postgres():
        terminalreporter.write_line(
            "The PostgreSQL-only tests and the browser journeys are left out of this SQLite "
            "run: they run in CI's PostgreSQL pass."
        )
    if leaves_the_demo_to_sqlite():
        terminalreporter.write_line(
            "The demo content's own test is left out of this PostgreSQL run: it ran in CI's "
            "SQLite pass."
        )
