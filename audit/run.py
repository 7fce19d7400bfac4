"""Lighthouse audit of the demo site as production serves it, on a simulated phone.

The site runs under production settings and gunicorn with the demo content, behind nginx
configured as docs/deployment.md has it: uploaded media served from disk, pages
compressed. Without nginx every picture would be a 404 (whitenoise serves only static
files) and the scores would measure a site nobody runs. Lighthouse 12 (audit/package.json)
drives Debian's Chromium in its default mobile mode with simulated throttling.

Prints the four category scores and the Largest Contentful Paint per page, and exits
non-zero when any score is below 100 or any LCP is 1.2 s or more. Total blocking time is
measured on this machine's main thread: on a busy machine, audit several runs per page
(`AUDIT_RUNS=3 make audit`) and the median run counts.

    make audit       # or, after `npm ci` in audit/: .venv/bin/python audit/run.py
"""

import argparse
import json
import math
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "audit" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LCP_LIMIT_MS = 1200
BROTLI = Path("/usr/share/nginx/modules/ngx_http_brotli_filter_module.so")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--no-first-run --disable-quic"
)

# The audited pages, found in the demo content by type rather than by address, so a
# renamed demo page is still audited: (name, model, ordering) per language.
FIND_PAGES = """
import json
from forms.models import FormPage
from home.models import HomePage
from news.models import ArticlePage
from projects.models import ProjectIndexPage, ProjectPage
found = {}
for name, model, order in [
    ("home", HomePage, "path"),
    ("project index", ProjectIndexPage, "path"),
    ("project", ProjectPage, "path"),
    ("article", ArticlePage, "-date"),
    ("booking form", FormPage, "path"),
]:
    for language in ("sv", "fi", "en"):
        page = (
            model.objects.live().filter(locale__language_code=language).order_by(order).first()
        )
        if page is not None:
            found[f"{language} {name}"] = page.get_url()
print(json.dumps(found))
"""

NGINX_CONF = """
{load_brotli}
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        gzip on;
        gzip_proxied any;
        gzip_vary on;
        gzip_types text/css application/javascript application/json application/xml
                   application/rss+xml image/svg+xml text/plain;
        {brotli}
        location /media/documents/ {{
            return 404;
        }}
        location /media/ {{
            alias {media}/;
            expires 30d;
            add_header X-Content-Type-Options nosniff;
        }}
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host:$server_port;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout


def wait_until_served(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server for {url} stopped with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (our own loopback URL)
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def nginx_config(workdir, port, upstream):
    brotli = BROTLI.exists()
    return NGINX_CONF.format(
        workdir=workdir,
        port=port,
        upstream=upstream,
        media=workdir / "media",
        load_brotli=f"load_module {BROTLI};" if brotli else "",
        brotli=(
            "brotli on; brotli_types text/css application/javascript application/json "
            "application/xml application/rss+xml image/svg+xml text/plain;"
            if brotli
            else ""
        ),
    )


def lighthouse(url, report, attempts=3):
    """One Lighthouse run; returns its JSON report. Lighthouse now and then fails to record
    a trace on a busy machine (NO_NAVSTART, NO_FCP): such a run is tried again."""
    for attempt in range(1, attempts + 1):
        finished = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
            check=False,
        )
        if finished.returncode == 0:
            return json.loads(report.read_text())
        print(f"Lighthouse failed on {url} (attempt {attempt} of {attempts})", flush=True)
    raise SystemExit(f"Lighthouse failed {attempts} times on {url}")


def failing_audits(result, category):
    """The audits that cost `category` points: what to look at when it is below 100."""
    audits = result["audits"]
    return [
        ref["id"]
        for ref in result["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and (audits[ref["id"]].get("score") or 0) < 1
    ]


def median_run(results):
    """Of several runs of one page, the median one by performance score, then by LCP:
    both come from this machine's main thread (Lighthouse multiplies its task times), so
    they vary with what else runs."""
    ranked = sorted(
        results,
        key=lambda result: (
            result["categories"]["performance"]["score"] or 0,
            -result["audits"]["largest-contentful-paint"].get("numericValue", math.inf),
        ),
    )
    return ranked[len(ranked) // 2]


def audit(base_url, pages, reports, runs):
    print(f"\n{'page':22} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5} {'LCP s':>6}")
    problems = []
    for name, path in pages.items():
        stem = name.replace(" ", "-")
        result = median_run(
            [lighthouse(base_url + path, reports / f"{stem}-{run}.json") for run in range(runs)]
        )
        scores = {
            category: round((result["categories"][category]["score"] or 0) * 100)
            for category in CATEGORIES
        }
        lcp = result["audits"]["largest-contentful-paint"]["numericValue"]
        print(
            f"{name:22} "
            + " ".join(f"{scores[category]:5d}" for category in CATEGORIES)
            + f" {lcp / 1000:6.2f}",
            flush=True,
        )
        for category in CATEGORIES:
            if scores[category] < 100:
                problems.append(
                    f"{name}: {category} {scores[category]} "
                    f"({', '.join(failing_audits(result, category))})"
                )
        if lcp >= LCP_LIMIT_MS:
            problems.append(f"{name}: LCP {lcp / 1000:.2f} s")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reports",
        default=os.environ.get("AUDIT_REPORT_DIR", ROOT / "artifacts" / "lighthouse"),
        help="where Lighthouse's JSON reports are kept (default: %(default)s)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("AUDIT_RUNS", "1")),
        help="Lighthouse runs per page, of which the median counts (default: %(default)s)",
    )
    parser.add_argument(
        "--pages",
        default=os.environ.get("AUDIT_PAGES", ""),
        help="audit only the pages whose names contain one of these comma-separated words, "
        "for example 'sv home,booking' (default: every page)",
    )
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `npm ci` in audit/ (make audit does)")
    nginx = shutil.which("nginx")
    if nginx is None:
        raise SystemExit("nginx is not installed: apt-get install nginx")
    reports = Path(options.reports)
    reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cleantech-audit-") as tmp:
        workdir = Path(tmp)
        # nginx's workers run as an unprivileged user and read the media from here.
        workdir.chmod(0o755)
        port, upstream = free_port(), free_port()
        base_url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cleantech_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": f"sqlite:///{workdir}/audit.sqlite3",
            "MEDIA_ROOT": str(workdir / "media"),
            "STATIC_ROOT": str(workdir / "static"),
            "CACHE_DIR": str(workdir / "cache"),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_BASE_URL": base_url,
            # Plain HTTP on loopback, which browsers treat as a secure origin.
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        print("Preparing the demo site under production settings…", flush=True)
        manage(env, "compile_translations")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        manage(env, "set_site_address")
        manage(env, "collectstatic", "--noinput")
        found = manage(env, "shell", "--verbosity", "0", "-c", FIND_PAGES, capture=True)
        pages = json.loads(found.strip().splitlines()[-1])
        wanted = [word.strip() for word in options.pages.split(",") if word.strip()]
        if wanted:
            pages = {name: path for name, path in pages.items() if any(w in name for w in wanted)}
            if not pages:
                raise SystemExit(f"No audited page matches {options.pages!r}")
        (workdir / "nginx.conf").write_text(nginx_config(workdir, port, upstream))
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cleantech_site.wsgi",
                "--bind",
                f"127.0.0.1:{upstream}",
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=env,
        )
        proxy = subprocess.Popen(
            [nginx, "-e", str(workdir / "nginx-error.log"), "-c", str(workdir / "nginx.conf")]
            + ["-g", "daemon off;"],
        )
        try:
            wait_until_served(f"http://127.0.0.1:{upstream}/healthz", gunicorn)
            wait_until_served(base_url + "/healthz", proxy)
            # A visitor meets a warm site: first renditions made, page cache filled.
            for path in pages.values():
                wait_until_served(base_url + path, gunicorn)
            print(f"Serving on {base_url}; Lighthouse {lighthouse_version()} (mobile)")
            problems = audit(base_url, pages, reports, options.runs)
        finally:
            for process in (proxy, gunicorn):
                process.terminate()
                process.wait(timeout=30)
    print(f"\nLighthouse reports: {reports}")
    if problems:
        print("\nBelow 100 or LCP at 1.2 s or more:\n  " + "\n  ".join(problems))
        raise SystemExit(1)
    print("Every page scores 100 in all four categories, LCP under 1.2 s.")


def lighthouse_version():
    return subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


if __name__ == "__main__":
    main()
