"""Backups and restores (cleantech_site/backups.py, `manage.py backup` and `restore`).

The drills back up the test database, restore it into a fresh, empty database the way an
operator would on a new server (`manage.py restore` in its own process, with DATABASE_URL
naming the fresh database), count what the fresh database holds with plain SQL, and
serve it with gunicorn in yet another process, so the page read over HTTP comes from the
restored database and nothing of this process is shared with it.
"""

import html
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_localize.models import Translation

from cleantech_site import backups
from forms.models import Booking

from .processes import Gunicorn

ROOT = Path(__file__).resolve().parent.parent
COUNTED = {
    "pages": Page,
    "translations": Translation,
    "bookings": Booking,
    "images": get_image_model(),
}


def expected_counts():
    return {name: model.objects.count() for name, model in COUNTED.items()}


def counts_by_sql(cursor):
    """The same counts read with plain SQL, by a connection that is not Django's."""
    counts = {}
    for name, model in COUNTED.items():
        cursor.execute(f'SELECT count(*) FROM "{model._meta.db_table}"')  # noqa: S608
        counts[name] = cursor.fetchone()[0]
    return counts


def media_files(root):
    root = Path(root)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def take_backup(directory, *options):
    call_command("backup", "--dir", str(directory), *options, stdout=open(os.devnull, "w"))  # noqa: SIM115
    (made,) = backups.existing(directory)[-1:]
    return made


def environment(database_url, media_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cleantech_site.settings.test",
        "DATABASE_URL": database_url,
        "TEST_MEDIA_ROOT": str(media_root),
    }


def restore_elsewhere(backup, database_url, media_root, *options):
    """`manage.py restore` in a process of its own, configured for the fresh database."""
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup.path), *options],
        cwd=ROOT,
        env=environment(database_url, media_root),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def served(database_url, media_root, path):
    """(status, body) of a GET of `path` from gunicorn serving the database at `database_url`."""
    server = Gunicorn(environment(database_url, media_root))
    try:
        status, _, body = server.get(path)
    finally:
        server.stop()
    return status, body


def assert_serves_article(database_url, media_root, article):
    status, body = served(database_url, media_root, article.url)
    assert status == 200
    assert html.escape(article.title) in body


# The drills


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite drill; PostgreSQL has its own"
)
def test_sqlite_backup_restored_into_a_fresh_file_holds_and_serves_the_same_site(
    committed_tree, tmp_path
):
    Booking.objects.create(page=committed_tree.booking.sv, form_data={}, language="sv")
    expected = expected_counts()
    assert expected["bookings"] >= 1 and expected["translations"] >= 1
    backup = take_backup(tmp_path / "backups")
    assert backup.manifest["database"]["vendor"] == "sqlite"
    assert {name: backup.manifest["counts"][name] for name in COUNTED} == expected

    fresh = tmp_path / "restored.sqlite3"
    media_root = tmp_path / "restored-media"
    output = restore_elsewhere(backup, f"sqlite:///{fresh}", media_root)

    assert "Restored" in output
    with sqlite3.connect(fresh) as restored:
        assert counts_by_sql(restored.cursor()) == expected
    assert media_files(media_root) == media_files(settings.MEDIA_ROOT) != []
    assert_serves_article(f"sqlite:///{fresh}", media_root, committed_tree.article.sv)


@pytest.fixture
def fresh_postgres_database():
    """An empty database on the test server, dropped afterwards, as its URL."""
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield postgres_url(connection.settings_dict, name)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def postgres_url(settings_dict, name):
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{name}"


@pytest.mark.postgres
def test_postgres_backup_restored_into_a_fresh_database_holds_and_serves_the_same_site(
    committed_tree, fresh_postgres_database, tmp_path
):
    Booking.objects.create(page=committed_tree.booking.sv, form_data={}, language="sv")
    expected = expected_counts()
    assert expected["bookings"] >= 1 and expected["translations"] >= 1
    backup = take_backup(tmp_path / "backups")
    assert backup.manifest["database"]["vendor"] == "postgresql"
    assert backup.database_file.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

    media_root = tmp_path / "restored-media"
    output = restore_elsewhere(backup, fresh_postgres_database, media_root)

    assert "Restored" in output
    with psycopg.connect(fresh_postgres_database.replace("postgres://", "postgresql://")) as db:
        assert counts_by_sql(db.cursor()) == expected
    assert media_files(media_root) == media_files(settings.MEDIA_ROOT) != []
    assert_serves_article(fresh_postgres_database, media_root, committed_tree.article.sv)


@pytest.mark.postgres
def test_a_forced_postgres_restore_drops_tables_the_backup_does_not_have(
    committed_db, fresh_postgres_database, tmp_path
):
    backup = take_backup(tmp_path / "backups", "--no-media")
    with psycopg.connect(fresh_postgres_database.replace("postgres://", "postgresql://")) as db:
        db.execute('CREATE TABLE "wagtailcore_page" (id integer PRIMARY KEY)')
        # A newer table whose foreign key would keep pg_restore from dropping the page table.
        db.execute(
            "CREATE TABLE made_by_a_newer_migration"
            ' (page_id integer REFERENCES "wagtailcore_page" (id))'
        )
    restore_elsewhere(backup, fresh_postgres_database, tmp_path / "media", "--force")
    with psycopg.connect(fresh_postgres_database.replace("postgres://", "postgresql://")) as db:
        tables = {row[0] for row in db.execute("SELECT tablename FROM pg_tables")}
        assert "made_by_a_newer_migration" not in tables
        assert db.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0] == (
            Page.objects.count()
        )


# Refusals and errors


def test_restore_refuses_a_database_that_is_not_empty_and_says_what_it_would_replace(
    committed_db, tmp_path
):
    backup = take_backup(tmp_path, "--no-media")
    pages = Page.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup.path))
    message = str(refused.value)
    assert "is not empty" in message
    assert f"{pages} pages" in message
    assert "--force" in message
    assert Page.objects.count() == pages


def test_restore_refuses_a_directory_that_is_not_a_backup(tmp_path):
    (tmp_path / "database.sqlite3").write_bytes(b"not a database")
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(tmp_path))


def test_restore_refuses_a_backup_whose_file_was_changed(committed_db, tmp_path):
    backup = take_backup(tmp_path, "--no-media")
    with backup.database_file.open("ab") as file:
        file.write(b"\0")
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(backup.path), "--force")


def test_restore_refuses_a_backup_of_another_database_vendor(committed_db, tmp_path):
    backup = take_backup(tmp_path, "--no-media")
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = backup.path / backups.MANIFEST
    data = json.loads(manifest.read_text())
    data["database"]["vendor"] = other
    manifest.write_text(json.dumps(data))
    with pytest.raises(CommandError, match=f"is of a {other} database"):
        call_command("restore", str(backup.path), "--force")


def test_a_missing_pg_dump_is_a_clear_error_naming_pg_bin(settings, tmp_path):
    settings.PG_BIN = str(tmp_path)
    with pytest.raises(CommandError, match="pg_dump is not in PG_BIN"):
        backups.pg_program("pg_dump")


@pytest.mark.postgres
def test_pg_dump_off_path_is_found_in_debians_versioned_directory(monkeypatch, settings):
    settings.PG_BIN = ""
    monkeypatch.setenv("PATH", "")
    found = Path(backups.pg_program("pg_dump"))
    assert found.parent.match("/usr/lib/postgresql/*/bin")


def test_the_database_password_reaches_pg_dump_only_through_its_environment():
    env = backups.libpq_environment(
        {
            "NAME": "site",
            "HOST": "db.internal",
            "PORT": 5433,
            "USER": "cleantech",
            "PASSWORD": "s3cret",
            "OPTIONS": {"sslmode": "require"},
        }
    )
    assert env["PGPASSWORD"] == "s3cret"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("db.internal", "5433", "cleantech")
    assert env["PGSSLMODE"] == "require"


# Retention


def test_backup_keep_deletes_all_but_the_newest_and_leaves_other_files(committed_db, tmp_path):
    for days_ago in (3, 2, 1):
        backups.create(tmp_path, media=False, now=datetime.now(UTC) - timedelta(days=days_ago))
    (tmp_path / "notes").mkdir()
    newest = take_backup(tmp_path, "--no-media", "--keep", "2")
    kept = [backup.path.name for backup in backups.existing(tmp_path)]
    assert len(kept) == 2 and kept[-1] == newest.path.name
    assert (tmp_path / "notes").is_dir()


def test_keep_days_deletes_older_backups_but_never_the_newest(committed_db, tmp_path):
    now = datetime.now(UTC)
    for days_ago in (40, 35):
        backups.create(tmp_path, media=False, now=now - timedelta(days=days_ago))
    assert backups.expired(tmp_path, keep_days=30, now=now) == backups.existing(tmp_path)[:1]
    backups.create(tmp_path, media=False, now=now - timedelta(days=1))
    assert [b.path.name for b in backups.expired(tmp_path, keep_days=30, now=now)] == [
        b.path.name for b in backups.existing(tmp_path)[:2]
    ]


def test_a_backup_is_readable_by_its_owner_only(committed_db, tmp_path):
    backup = take_backup(tmp_path)
    assert backup.path.stat().st_mode & 0o077 == 0
    for path in backup.path.iterdir():
        assert path.stat().st_mode & 0o077 == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backup API only")
def test_a_sqlite_backup_inside_a_transaction_is_refused_instead_of_waiting_forever(db, tmp_path):
    with pytest.raises(CommandError, match="inside a transaction"):
        take_backup(tmp_path)
    assert backups.existing(tmp_path) == []
