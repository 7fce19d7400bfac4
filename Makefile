# The README's commands. Every target installs what it needs first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address links that leave a page point to; the demo's Site record takes it too.
export SITE_BASE_URL ?= http://127.0.0.1:$(PORT)
# The suite runs on this many processes (pytest-xdist); each builds its own test tree.
PYTEST_WORKERS ?= 2

.PHONY: run test lint format translations install install-dev browser migrate demo check bench clean screenshots

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
	$(MANAGE) compile_translations

install-dev: $(VENV)/.installed-dev
	$(MANAGE) compile_translations

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_content

## make run: install, migrate, load the demo content, point the Site record at
## SITE_BASE_URL, make sure an admin exists, serve.
## Booking e-mails print to the console from the request, so no e-mail worker is needed
## (production runs `manage.py send_booking_emails --loop` beside gunicorn).
run: demo
	$(MANAGE) set_site_address
	$(MANAGE) ensure_admin
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

## Debian's Chromium for the browser tests, when we may install it (root with apt).
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get install -y -qq chromium >/dev/null 2>&1 || \
		 (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)) || \
		echo "Could not install chromium: browser tests will be skipped"; \
	fi

## make test: install the test requirements and run the whole suite.
test: install-dev browser
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## make translations: collect UI strings into locale/*/LC_MESSAGES/django.po (needs
## gettext's xgettext), then compile them.
translations: install
	$(MANAGE) makemessages --locale sv --locale fi --locale en --no-obsolete \
		--ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'media/*'
	$(MANAGE) compile_translations

## make bench: each page type against its static ceiling under gunicorn and wrk, on the
## plain and the scaled demo (figures only; docs/benchmarks.md). BENCH_ARGS=--quick for short
## runs, --write-docs to put the tables into docs/benchmarks.md.
BENCH_ARGS ?=
bench: install-dev
	@if ! command -v wrk >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's wrk for the benchmark"; \
		apt-get install -y -qq wrk >/dev/null 2>&1 || \
		(apt-get update -qq && apt-get install -y -qq wrk >/dev/null); \
	fi
	$(PY) bench/run.py $(BENCH_ARGS)

## make screenshots: the editor guide's pictures of the Swedish admin, from a running
## `make run` (not in CI). SCREENSHOTS_PASSWORD is the admin's password; SCREENSHOTS_URL
## and SCREENSHOTS_USERNAME default to this Makefile's address and "admin".
screenshots: install-dev
	SCREENSHOTS_URL=$${SCREENSHOTS_URL:-$(SITE_BASE_URL)} $(PY) docs/screenshots.py

## make audit: Lighthouse (simulated phone) on the demo site under production settings,
## gunicorn and nginx (apt-get install nginx); prints the four scores and LCP per page and
## fails below 100 or at an LCP of 1.2 s. Not in CI. CHROME_PATH defaults to Debian's Chromium.
.PHONY: audit
audit: install
	cd audit && CHROMEDRIVER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund --silent
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) audit/run.py

check: install-dev
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
