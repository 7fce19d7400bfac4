"""Benchmarks: throughput, latency and memory of the site under gunicorn, on loopback.

Prints figures; it passes or fails nothing. Compare runs on the same machine, and
ratios within one run (cached versus uncached) rather than absolute numbers.

    make bench            # or: .venv/bin/python bench/run.py --requests 300
"""

import argparse
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["/sv/", "/fi/meista/", "/en/privacy-policy/"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def fetch(port, path):
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.perf_counter() - started


def rss_kib(pid):
    """Resident memory of a process and its children (gunicorn's workers)."""
    total = 0
    pids = [pid] + [
        int(p)
        for p in subprocess.run(
            ["pgrep", "-P", str(pid)], capture_output=True, text=True
        ).stdout.split()
    ]
    for one in pids:
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def measure(env, port, requests, concurrency, label):
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cleantech_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                fetch(port, "/sv/")
                break
            except OSError:
                time.sleep(0.1)
        for path in PATHS:  # warm up: first renditions, caches, connections
            fetch(port, path)
        print(f"\n{label}")
        print(f"  {'path':24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
        for path in PATHS:
            started = time.perf_counter()
            with ThreadPoolExecutor(concurrency) as pool:
                results = list(pool.map(fetch, [port] * requests, [path] * requests))
            elapsed = time.perf_counter() - started
            statuses = {status for status, _ in results}
            times = sorted(duration * 1000 for _, duration in results)
            p95 = times[int(len(times) * 0.95) - 1]
            print(
                f"  {path:24} {requests / elapsed:8.0f} {statistics.median(times):8.1f} "
                f"{p95:8.1f}" + ("" if statuses == {200} else f"  statuses {statuses}")
            )
        print(f"  memory (master + 2 workers): {rss_kib(server.pid) / 1024:.0f} MiB")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per path")
    parser.add_argument("--concurrency", type=int, default=4)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cleantech-bench-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cleantech_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"),
            "MEDIA_ROOT": f"{workdir}/media",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        print("Preparing a database with the demo content…")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput")
        port = free_port()
        measure(
            {**env, "PAGE_CACHE_ENABLED": "0"},
            port,
            options.requests,
            options.concurrency,
            "Rendering every request (page cache off)",
        )
        measure(
            {**env, "PAGE_CACHE_ENABLED": "1"},
            port,
            options.requests,
            options.concurrency,
            "Anonymous visitors with the page cache",
        )


if __name__ == "__main__":
    main()
