import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test tree (tests/tree.py), built once into the test database for every test.

    Ordinary tests run in a transaction that is rolled back. Transactional tests (browser
    journeys, PostgreSQL concurrency) empty the database when they end; they ask for
    `django_db_serialized_rollback`, which puts this tree back from the copy kept here.
    Every page is rendered once, so image renditions exist for the whole session.
    """
    from django.db import DEFAULT_DB_ALIAS, connection, connections

    from . import tree as tree_module

    with django_db_blocker.unblock():
        keys = tree_module.build()
        tree_module.warm_renditions(tree_module.Tree.load(keys))
        serialized = connection.creation.serialize_db_to_string()
        connection._test_serialized_contents = serialized
        # Playwright's sync API runs each test in a greenlet with its own context, where
        # Django opens another connection object: keep the copy where every one finds it.
        type(connections[DEFAULT_DB_ALIAS])._test_serialized_contents = serialized
    TREE_KEYS.update(keys)


TREE_KEYS = {}


@pytest.fixture
def tree(db):
    """The test tree's pages and snippets by handle, fresh for each test."""
    from .tree import Tree

    return Tree.load(TREE_KEYS)


@pytest.fixture(autouse=True)
def _transactional_tests_restore_the_tree(request):
    """A transactional test that did not ask for the tree back would leave later ones an
    empty database, so such a test is refused with the reason."""
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in names or "live_server" in names
    if marker:
        transactional = transactional or marker.kwargs.get("transaction", False)
    restores = "django_db_serialized_rollback" in names or (
        marker is not None and marker.kwargs.get("serialized_rollback", False)
    )
    if transactional and not restores:
        pytest.fail(
            "transactional tests must restore the test tree: add serialized_rollback=True "
            "to django_db or use the django_db_serialized_rollback fixture"
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
