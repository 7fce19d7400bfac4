"""Benchmarks: each public page type against its own static-file ceiling, under gunicorn.

Prints figures; it passes or fails nothing. Method (docs/benchmarks.md says more):

- production settings, SQLite in a temporary folder (BENCH_DATABASE_URL for another
  database), the cache in a folder shared by the workers (or REDIS_URL when set);
- gunicorn with 2 sync workers pinned to CPU 0, wrk (one thread, 8 connections) pinned to
  CPU 1, on loopback;
- uncached: a server started with PAGE_CACHE_ENABLED=0, so every request renders the page
  (the same URL as cached, nothing added to it); cached: a server with the page cache on,
  after a request has filled it;
- the ceiling: the page's own HTML, saved as a file among the collected static files and
  served by the same gunicorn and whitenoise in the same run, in one-second runs that
  alternate with the page's own (the machine's speed drifts within seconds).
  Ratio = req/s / that ceiling's req/s;
- queries per request: the page rendered in a process of its own with Django's test
  client, counted on its second request (what a warm worker runs);
- HTML compressed (gzip) and the page's weight: HTML + linked CSS and JS, compressed;
- worker memory: the largest resident size among gunicorn's workers after the page's run;
- the booking form's limit of form showings per client is set out of reach (all the load
  comes from one address), so its counting is still paid for.

Runs on the plain demo and then on the scaled one (manage.py scale_demo), where it also
measures the project page and the project index at one connection.

    make bench                                   # both content sizes, about 12 minutes
    .venv/bin/python bench/run.py --quick        # 2 seconds a figure, for trying the tool
    .venv/bin/python bench/run.py --scaled --write-docs
"""

import argparse
import contextlib
import datetime
import http.client
import json
import math
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
CEILING_FOLDER = "bench-ceiling"
SERVER_CPU, LOAD_CPU = "0", "1"
# Page types in the order of the table; the probe finds one Swedish page of each.
PAGE_TYPES = [
    ("home", "home"),
    ("project_index", "project index"),
    ("project_index_filtered", "project index, filtered"),
    ("project", "project page"),
    ("news_index", "news index"),
    ("article", "article"),
    ("search", "search results"),
    ("booking", "booking form"),
    ("standard", "standard page"),
]
NEVER_CACHED = {"booking"}  # carries a CSRF token and a one-time form token
ONE_CONNECTION = ("project", "project_index")


# In the probe process: Django set up with the benchmark's settings.


def probe(output):
    """Find a page of each type, count its queries, save its HTML as a ceiling file and
    write what was found to `output` (JSON)."""
    sys.path.insert(0, str(ROOT))
    # Count what rendering costs: the page cache would answer the second request itself.
    os.environ["PAGE_CACHE_ENABLED"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale

    from bench.pageweight import page_weight
    from forms.models import FormPage
    from home.management.commands.scale_demo import MARK
    from home.models import HomePage, StandardPage
    from news.models import ArticlePage, NewsIndexPage
    from projects.models import ProjectFocusArea, ProjectIndexPage, ProjectPage

    source = Locale.get_default()

    def demo_page(model, **filters):
        pages = model.objects.live().filter(locale=source).exclude(translation_key__startswith=MARK)
        return (pages.filter(**filters).first() if filters else None) or pages.order_by(
            "path"
        ).first()

    index = demo_page(ProjectIndexPage)
    focus = ProjectFocusArea.objects.filter(project__locale=source).first().focus_area
    with translation.override(source.language_code):
        search = reverse("search") + "?q=energi"
    paths = {
        "home": demo_page(HomePage).url,
        "project_index": index.url,
        "project_index_filtered": f"{index.url}?focus={focus.slug}",
        "project": demo_page(ProjectPage, slug="cleantech-kvarken").url,
        "news_index": demo_page(NewsIndexPage).url,
        "article": demo_page(ArticlePage).url,
        "search": search,
        "booking": demo_page(FormPage).url,
        "standard": demo_page(StandardPage).url,
    }
    static_root = Path(settings.STATIC_ROOT)
    (static_root / CEILING_FOLDER).mkdir(exist_ok=True)

    def read_asset(path):
        return (static_root / path.removeprefix(settings.STATIC_URL)).read_bytes()

    client = Client(HTTP_HOST="127.0.0.1")
    found = {}
    for key, path in paths.items():
        client.get(path)  # the first request fills what later requests reuse
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        html = response.content
        (static_root / CEILING_FOLDER / f"{key}.html").write_bytes(html)
        found[key] = {
            "path": path,
            "ceiling": f"{settings.STATIC_URL}{CEILING_FOLDER}/{key}.html",
            "queries": len(queries),
            "html_bytes": len(html),
            **{f"weight_{part}": size for part, size in page_weight(html, read_asset).items()},
        }
    Path(output).write_text(json.dumps(found))


# In the benchmark process.


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
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


def worker_rss_mib(master):
    """The largest resident size among gunicorn's workers (the master's children)."""
    children = subprocess.run(
        ["pgrep", "-P", str(master)], capture_output=True, text=True
    ).stdout.split()
    sizes = [0]
    for pid in children:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
    return max(sizes)


@contextlib.contextmanager
def server(env, port):
    """gunicorn with whitenoise, 2 sync workers, pinned to SERVER_CPU."""
    process = subprocess.Popen(
        [
            "taskset",
            "-c",
            SERVER_CPU,
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
        for _ in range(300):
            try:
                if fetch(port, "/healthz").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not answer /healthz")
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


UNITS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(port, path, seconds, connections):
    """req/s, p50 and p99 in ms, and the count of failed responses, from wrk."""
    output = subprocess.run(
        [
            "taskset",
            "-c",
            LOAD_CPU,
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = {
        percent: milliseconds(value)
        for percent, value in re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE)
    }
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: .*", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        # wrk leaves out the distribution when no request finished in time
        "p50": latency.get("50", math.nan),
        "p99": latency.get("99", math.nan),
        "failed": int(failed.group(1)) if failed else 0,
        "errors": errors.group(0) if errors else "",
    }


def warm(port, path, times=3):
    for _ in range(times):
        response = fetch(port, path)
    return response


def combined(runs):
    """One figure from several wrk runs of the same address: the mean req/s, the middle
    p50, the worst p99."""
    return {
        "rps": statistics.fmean(run["rps"] for run in runs),
        "p50": statistics.median(run["p50"] for run in runs),
        "p99": max(run["p99"] for run in runs),
        "failed": sum(run["failed"] for run in runs),
        "errors": next((run["errors"] for run in runs if run["errors"]), ""),
    }


def interleaved(port, page, options):
    """(the page's figures, its ceiling's), from one-second runs that alternate between
    the two for as many seconds as a figure takes, each going first in turn. This
    machine's speed drifts within seconds (a ceiling taken only before the page moved a
    ratio by half); in alternating seconds both see the same machine."""
    warm(port, page["ceiling"])
    page_runs, ceiling_runs = [], []
    for number in range(max(2, options.seconds)):
        pair = [(page["path"], page_runs), (page["ceiling"], ceiling_runs)]
        for path, runs in pair if number % 2 else reversed(pair):
            runs.append(wrk(port, path, 1, options.connections))
    return combined(page_runs), combined(ceiling_runs)


def measure(env, port, pages, options, scaled):
    """Fill `pages` with the figures of both servers."""
    seconds = options.seconds
    with server({**env, "PAGE_CACHE_ENABLED": "0"}, port) as process:
        for key, page in pages.items():
            warm(port, page["path"])
            page["uncached"], page["ceiling_run"] = interleaved(port, page, options)
            page["uncached_rss"] = worker_rss_mib(process.pid)
            if scaled and key in ONE_CONNECTION:
                page["one_connection"] = wrk(port, page["path"], seconds, 1)
            report_progress(key, page, "uncached")
    with server({**env, "PAGE_CACHE_ENABLED": "1"}, port) as process:
        for key, page in pages.items():
            if key in NEVER_CACHED:
                continue
            page["cache_hit"] = warm(port, page["path"]).getheader("X-Page-Cache") == "hit"
            # The ceiling again, alternating with the cached runs: the ratio compares
            # figures taken together.
            page["cached"], page["ceiling_cached_run"] = interleaved(port, page, options)
            page["cached_rss"] = worker_rss_mib(process.pid)
            report_progress(key, page, "cached")


def report_progress(key, page, mode):
    run = page[mode]
    problem = f"  {run['failed']} failed" if run["failed"] else ""
    print(f"  {mode:8} {page['path']:48} {run['rps']:8.0f} req/s{problem} {run['errors']}")


def table(pages, title):
    """The figures of one content size as a Markdown table, with its notes."""
    lines = [
        f"### {title}",
        "",
        "| page | queries | HTML gz KB | HTML+CSS+JS gz KB | uncached req/s | p50 / p99 ms "
        "| ratio | cached req/s | p50 / p99 ms | ratio | ceiling req/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, label in PAGE_TYPES:
        page = pages[key]
        cells = [
            f"{label} `{page['path']}`",
            str(page["queries"]),
            f"{page['weight_html'] / 1024:.1f}",
            f"{page['weight_total'] / 1024:.1f}",
        ]
        for mode, ceiling_run in (("uncached", "ceiling_run"), ("cached", "ceiling_cached_run")):
            run = page.get(mode)
            ceiling = page.get(ceiling_run, {}).get("rps")
            if run is None:
                cells += ["(never cached)", "", ""]
                continue
            if not run["rps"]:
                cells += ["0 (none finished: run longer)", "", ""]
                continue
            flag = "" if mode == "uncached" or page.get("cache_hit") else " (miss)"
            failed = f" ({run['failed']} failed)" if run["failed"] else ""
            cells += [
                f"{run['rps']:.0f}{failed}{flag}",
                f"{run['p50']:.1f} / {run['p99']:.1f}",
                f"{run['rps'] / ceiling:.3f}" if ceiling else "-",
            ]
        cells.append(f"{page['ceiling_run']['rps']:.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    rss = [
        max(page.get(f"{mode}_rss", 0) for page in pages.values())
        for mode in ("uncached", "cached")
    ]
    lines += [
        "",
        f"Worker memory (largest gunicorn worker after the runs): {rss[0]:.0f} MB uncached, "
        f"{rss[1]:.0f} MB cached.",
    ]
    for key in ONE_CONNECTION:
        if "one_connection" in pages[key]:
            run = pages[key]["one_connection"]
            if not run["rps"]:
                lines.append(f"One connection, {dict(PAGE_TYPES)[key]}: none finished.")
                continue
            lines.append(
                f"One connection, uncached, {dict(PAGE_TYPES)[key]}: p50 {run['p50']:.1f} ms, "
                f"p99 {run['p99']:.1f} ms, {run['rps']:.0f} req/s."
            )
    return "\n".join(lines) + "\n"


def run_details(options):
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return (
        f"Measured {datetime.date.today().isoformat()} at commit {commit or 'unknown'}, on "
        f"{os.cpu_count()} × {cpu}; wrk -t1 -c{options.connections}, {options.seconds} "
        f"one-second runs per figure, alternating with its ceiling's."
    )


def write_docs(tables, details):
    """Replace the results between the markers in docs/benchmarks.md."""
    text = DOCS.read_text(encoding="utf-8")
    for name, content in {"details": details + "\n", **tables}.items():
        start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
        if not pattern.search(text):
            raise SystemExit(f"{DOCS} lacks the markers {start} … {end}")
        replacement = f"{start}\n{content}{end}"
        text = pattern.sub(lambda _match, new=replacement: new, text)
    DOCS.write_text(text, encoding="utf-8")
    print(f"\nWrote the results into {DOCS.relative_to(ROOT)}.")


def check_tools():
    missing = [tool for tool in ("wrk", "taskset", "pgrep") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(
            f"Missing {', '.join(missing)}: apt-get install wrk util-linux procps "
            "(make bench installs wrk when it runs as root)."
        )
    if (os.cpu_count() or 1) < 2:
        print("Warning: one CPU only; server and load generator share it.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--plain", action="store_true", help="the plain demo only")
    sizes.add_argument("--scaled", action="store_true", help="the scaled demo only")
    parser.add_argument("--quick", action="store_true", help="2 seconds a figure, to try the tool")
    parser.add_argument(
        "--seconds", type=int, default=5, help="seconds per figure (and its ceiling)"
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument(
        "--write-docs", action="store_true", help=f"put the tables into {DOCS.name}"
    )
    parser.add_argument("--probe", metavar="FILE", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.probe:
        return probe(options.probe)
    if options.quick:
        options.seconds = 2
    check_tools()
    sizes = ["plain", "scaled"]
    if options.plain or options.scaled:
        sizes = ["scaled"] if options.scaled else ["plain"]
    port = free_port()
    tables = {}
    with tempfile.TemporaryDirectory(prefix="cleantech-bench-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cleantech_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": os.environ.get(
                "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
            ),
            "MEDIA_ROOT": f"{workdir}/media",
            "STATIC_ROOT": f"{workdir}/static",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_BASE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
            # All the load comes from one address: the booking form's limit per client
            # would refuse it. Set out of reach, so its counting still costs what it costs.
            "BOOKING_RATE_LIMIT_TOKENS": "1000000000",
        }
        if not env.get("REDIS_URL"):
            env["CACHE_DIR"] = f"{workdir}/cache"
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        print("Preparing a database with the demo content…")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput")
        try:
            for size in sizes:
                if size == "scaled":
                    print("Adding the scaled content…")
                    manage(
                        env,
                        "scale_demo",
                        f"--projects={options.projects}",
                        f"--articles={options.articles}",
                        f"--organisations={options.organisations}",
                    )
                found = Path(workdir) / f"{size}.json"
                subprocess.run(
                    [sys.executable, __file__, "--probe", str(found)], env=env, check=True
                )
                pages = json.loads(found.read_text())
                print(f"\nMeasuring the {size} demo…")
                measure(env, port, pages, options, scaled=size == "scaled")
                title = (
                    "Plain demo"
                    if size == "plain"
                    else f"Scaled demo ({options.projects} projects, {options.articles} "
                    f"articles, {options.organisations} organisations, in 3 languages)"
                )
                tables[size] = table(pages, title)
                print("\n" + tables[size])
        finally:
            if "scaled" in sizes and "BENCH_DATABASE_URL" in os.environ:
                manage(env, "scale_demo", "--remove")
    details = run_details(options)
    print(details)
    if options.write_docs:
        write_docs(tables, details)


if __name__ == "__main__":
    main()
