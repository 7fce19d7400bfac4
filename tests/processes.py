"""Real servers for tests that need them as separate processes: a throwaway PostgreSQL
cluster and gunicorn under the production settings.

A cluster of its own (initdb into a temporary folder, a free port) can be stopped and
started by a test without touching the PostgreSQL the suite itself runs on. Each helper
stops what it started, by its process id or data folder.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin():
    """The newest installed PostgreSQL's programs, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]) if found else None


class PostgresCluster:
    """A PostgreSQL cluster in a temporary folder, on a free port of 127.0.0.1, with trust
    authentication for the user postgres. Run as root, it runs the server as postgres."""

    def __init__(self):
        self.bin = postgres_bin()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.data = Path(tempfile.mkdtemp(prefix="cleantech-pg-"))
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.data, "postgres")
        self.data.chmod(0o700)
        self._run(
            "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8",
        )  # fmt: skip

    def _run(self, program, *args):
        command = [str(self.bin / program), *map(str, args)]
        if self._as_postgres:
            command = ["su", "postgres", "-c", " ".join(command)]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self):
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", "-D", self.data, "-l", self.data / "log", "-w", "-o", f"'{options}'", "start"
        )

    def stop(self):
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.data, ignore_errors=True)


def production_environment(**overrides):
    """The environment of a process under the production settings, over plain HTTP."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cleantech_site.settings.production",
        SECRET_KEY="production-test-key-" + "x" * 50,
        SECURE_SSL_REDIRECT="0",
        PYTHONUNBUFFERED="1",
    )
    environment.update(overrides)
    return environment


class Gunicorn:
    """gunicorn serving the site on a free port; its log (standard error) in `log_path`."""

    def __init__(self, environment, workers=1):
        self.port = free_port()
        self.log_path = Path(tempfile.mkstemp(prefix="cleantech-gunicorn-", suffix=".log")[1])
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "cleantech_site.wsgi",
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
            ],
            cwd=ROOT,
            env=environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        self._wait_until_listening()

    def _wait_until_listening(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn ended:\n{self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not listen within {seconds} s:\n{self.log()}")

    def get(self, path, host="localhost"):
        """(status, headers, body) of a GET, errors included."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", headers={"Host": host}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        self.log_path.unlink(missing_ok=True)
