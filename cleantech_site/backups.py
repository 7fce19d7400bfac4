"""Backups of the database and the uploaded media, and putting one back.

A backup is one directory, named after the moment it was taken (UTC), holding:

    database.dump     PostgreSQL: `pg_dump -Fc` (custom format, read by pg_restore)
    database.sqlite3  SQLite: a copy made with SQLite's online backup API
    media.tar.gz      everything under MEDIA_ROOT (left out when media live elsewhere)
    manifest.json     when, which database vendor, what it held (counts), and checksums

A directory rather than one archive, so a dump of several gigabytes is never compressed
twice or copied once more to be packed, and pg_restore reads its file directly. It is
written under a hidden name and renamed when complete, so a backup that is cut short is
never listed, kept by the retention rule or offered to restore.

The database tools are run as programs, never through a shell; the password reaches
them in PGPASSWORD in their environment only, so it shows neither in the process list
nor in any message. Backups hold personal data (bookings): the directory is made
readable by its owner only.
"""

import datetime
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail_localize.models import Translation

from forms.models import Booking

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
NAME_FORMAT = "%Y%m%dT%H%M%SZ"
PARTIAL_PREFIX = ".partial-"
# Where Debian's packages put the PostgreSQL programs: one directory per major version.
DEBIAN_PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
# libpq's environment variables for the connection OPTIONS Django passes on to psycopg.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def content_counts(using=DEFAULT_DB_ALIAS):
    """What the database holds, in the terms a person checks a restore by."""
    return {
        "pages": Page.objects.using(using).count(),
        "translations": Translation.objects.using(using).count(),
        "bookings": Booking.objects.using(using).count(),
        "images": get_image_model().objects.using(using).count(),
        "documents": get_document_model().objects.using(using).count(),
    }


def describe_counts(counts):
    return ", ".join(f"{number} {name}" for name, number in counts.items())


# Finding the PostgreSQL programs


def _major_version(path):
    try:
        return int(Path(path).parent.name)
    except ValueError:
        return 0


def pg_program(name):
    """The path of pg_dump or pg_restore.

    PG_BIN (a setting, from the environment) names the directory when there are several or
    they are somewhere unusual; otherwise PATH, then the newest of Debian's versioned
    directories, which are not on PATH. A pg_dump older than the server refuses to dump
    it, which is why the newest is taken.
    """
    directory = getattr(settings, "PG_BIN", "")
    if directory:
        path = Path(directory) / name
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        raise CommandError(
            f"{name} is not in PG_BIN ({directory}). Install the PostgreSQL client programs "
            f"(Debian: apt-get install postgresql-client) or correct PG_BIN."
        )
    found = shutil.which(name)
    if found:
        return found
    candidates = [
        path
        for path in (Path(d) / name for d in glob.glob(DEBIAN_PG_BIN_GLOB))
        if path.is_file() and os.access(path, os.X_OK)
    ]
    if candidates:
        return str(max(candidates, key=_major_version))
    raise CommandError(
        f"{name} was not found on PATH or in {DEBIAN_PG_BIN_GLOB}. Install the PostgreSQL "
        f"client programs (Debian: apt-get install postgresql-client), or set PG_BIN to the "
        f"directory that holds {name}."
    )


def libpq_environment(settings_dict):
    """The connection as libpq environment variables: host, port, user, password, options.

    Only the database name goes on the command line, so the password is never seen in the
    process list, in a log or in an error message.
    """
    env = {**os.environ}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        value = settings_dict.get(key)
        if value:
            env[variable] = str(value)
        else:
            env.pop(variable, None)
    for option, variable in LIBPQ_OPTIONS.items():
        value = settings_dict.get("OPTIONS", {}).get(option)
        if value is not None:
            env[variable] = str(value)
    return env


def _run(program, arguments, settings_dict, what):
    command = [pg_program(program), *arguments]
    try:
        result = subprocess.run(  # noqa: S603 - a fixed program, no shell
            command,
            env=libpq_environment(settings_dict),
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise CommandError(f"Could not run {program}: {error}") from error
    if result.returncode != 0:
        raise CommandError(
            f"{what} failed ({program} exit status {result.returncode}):\n"
            + (result.stderr.strip() or result.stdout.strip())
        )


# The database


def dump_database(connection, target):
    """Copy the database into `target` (a file that does not exist yet)."""
    if connection.vendor == "postgresql":
        _run(
            "pg_dump",
            [
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
                connection.settings_dict["NAME"],
            ],
            connection.settings_dict,
            "The database dump",
        )
    elif connection.vendor == "sqlite":
        if connection.in_atomic_block:
            # SQLite's backup waits for the connection's own write transaction, forever.
            raise CommandError("A SQLite database cannot be backed up inside a transaction.")
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # The online backup API: a consistent copy while the site keeps writing.
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        raise CommandError(f"Backups of {connection.vendor} databases are not supported.")


def load_database(connection, source):
    """Replace the database's content with the copy in `source`."""
    if connection.vendor == "postgresql":
        in_backup = dumped_tables(connection, source)
        # Tables made by migrations newer than the backup go first: left in place, they
        # would stop `migrate` from making them again, and a foreign key of theirs would
        # stop pg_restore from dropping the table it points to.
        newer = sorted(set(existing_tables(connection)) - in_backup)
        with connection.cursor() as cursor:
            for table in newer:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
        connection.close()
        _run(
            "pg_restore",
            [
                "--no-owner",
                "--no-privileges",
                "--clean",
                "--if-exists",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            connection.settings_dict,
            "The database restore",
        )
    else:
        connection.ensure_connection()
        copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            copy.backup(connection.connection)
        except sqlite3.OperationalError as error:
            raise CommandError(
                f"The database could not be replaced ({error}): stop the site and the "
                f"workers that use it, then restore again."
            ) from error
        finally:
            copy.close()
        connection.close()


def dumped_tables(connection, source):
    """The tables in a pg_dump archive, from its table of contents."""
    command = [pg_program("pg_restore"), "--list", str(source)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{source} is not a pg_dump archive: {result.stderr.strip()}")
    tables = set()
    for line in result.stdout.splitlines():
        # "215; 1259 16390 TABLE public wagtailcore_page owner"
        parts = line.split()
        if not line.startswith(";") and len(parts) > 5 and parts[3] == "TABLE":
            tables.add(parts[5])
    return tables


def existing_tables(connection):
    return connection.introspection.table_names()


# Media


def media_is_local():
    backend = settings.STORAGES["default"]["BACKEND"]
    return backend == "django.core.files.storage.FileSystemStorage"


def pack_media(target):
    root = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(target, "w:gz") as archive:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.add(path, arcname=str(path.relative_to(root)), recursive=False)
                    files += 1
    return files


def unpack_media(source):
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(source, "r:gz") as archive:
            # The "data" filter refuses absolute paths, `..`, links out of the tree and
            # device files, so a doctored archive cannot write outside MEDIA_ROOT.
            archive.extractall(root, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise CommandError(f"The media archive could not be unpacked: {error}") from error


# Backup directories


def checksum(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Backup:
    path: Path
    manifest: dict

    @property
    def taken(self):
        return datetime.datetime.fromisoformat(self.manifest["taken"])

    @property
    def vendor(self):
        return self.manifest["database"]["vendor"]

    @property
    def database_file(self):
        return self.path / self.manifest["database"]["file"]

    @property
    def media_archive(self):
        name = self.manifest.get("media", {}).get("file")
        return self.path / name if name else None

    @classmethod
    def open(cls, path):
        """The backup in `path`, after checking that it is one of ours and whole."""
        path = Path(path)
        manifest_path = path / MANIFEST
        if not manifest_path.is_file():
            raise CommandError(
                f"{path} is not a backup: it has no {MANIFEST}. Give the directory that "
                f"`manage.py backup` made."
            )
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT:
                raise ValueError(f"format {manifest.get('format')!r}, expected {FORMAT}")
            manifest["database"]["vendor"]
            datetime.datetime.fromisoformat(manifest["taken"])
        except (ValueError, KeyError, TypeError) as error:
            raise CommandError(f"{manifest_path} is not a backup manifest: {error}") from error
        backup = cls(path, manifest)
        for name, expected in manifest.get("checksums", {}).items():
            file = path / name
            if not file.is_file():
                raise CommandError(f"The backup {path} is incomplete: {name} is missing.")
            if checksum(file) != expected:
                raise CommandError(
                    f"The backup {path} is damaged: {name} does not match its checksum."
                )
        return backup


def create(directory, using=DEFAULT_DB_ALIAS, media=True, now=None):
    """Take a backup into a new directory below `directory`; return it as a Backup."""
    connection = connections[using]
    if connection.vendor not in DATABASE_FILES:
        raise CommandError(f"Backups of {connection.vendor} databases are not supported.")
    now = (now or datetime.datetime.now(datetime.UTC)).replace(microsecond=0)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = directory / now.strftime(NAME_FORMAT)
    if final.exists():
        raise CommandError(f"{final} exists already; wait a second and try again.")
    partial = directory / f"{PARTIAL_PREFIX}{final.name}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    try:
        database_file = DATABASE_FILES[connection.vendor]
        dump_database(connection, partial / database_file)
        manifest = {
            "format": FORMAT,
            "taken": now.isoformat(),
            "database": {"vendor": connection.vendor, "file": database_file},
            "counts": content_counts(using),
            "checksums": {},
        }
        if media and media_is_local():
            files = pack_media(partial / MEDIA_ARCHIVE)
            manifest["media"] = {"file": MEDIA_ARCHIVE, "files": files}
        for path in sorted(partial.iterdir()):
            path.chmod(0o600)
            manifest["checksums"][path.name] = checksum(path)
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        (partial / MANIFEST).chmod(0o600)
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Backup(final, manifest)


def existing(directory):
    """The complete backups in `directory`, oldest first. Anything else there is ignored."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        if path.name.startswith(".") or not (path / MANIFEST).is_file():
            continue
        try:
            datetime.datetime.strptime(path.name, NAME_FORMAT)
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
            found.append(Backup(path, manifest))
        except (ValueError, KeyError):
            continue
    return sorted(found, key=lambda backup: backup.path.name)


def expired(directory, keep=None, keep_days=None, now=None):
    """The backups that fall outside the retention rule: beyond the newest `keep`, or
    older than `keep_days` days. The newest backup is never among them."""
    backups = existing(directory)
    if not backups:
        return []
    now = now or datetime.datetime.now(datetime.UTC)
    newest = backups[-1]
    old = set()
    if keep is not None:
        old.update(backup.path for backup in backups[: max(len(backups) - keep, 0)])
    if keep_days is not None:
        cutoff = now - datetime.timedelta(days=keep_days)
        old.update(backup.path for backup in backups if backup.taken < cutoff)
    old.discard(newest.path)
    return [backup for backup in backups if backup.path in old]


def restore(backup, using=DEFAULT_DB_ALIAS, media=True):
    """Put `backup` back into the database `using` (and MEDIA_ROOT); return the counts
    the restored database holds."""
    connection = connections[using]
    if backup.vendor != connection.vendor:
        raise CommandError(
            f"The backup is of a {backup.vendor} database; the configured database is "
            f"{connection.vendor}. Restore it with DATABASE_URL pointing at a "
            f"{backup.vendor} database."
        )
    load_database(connection, backup.database_file)
    if media and backup.media_archive is not None:
        unpack_media(backup.media_archive)
    return content_counts(using)


def remove(backup):
    shutil.rmtree(backup.path)
