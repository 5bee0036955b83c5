# Two commands: `make run` (set up and serve the demo) and `make test` (set up and run every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test audit system-packages migrations-check bench clean

# axe-core for the accessibility checks in tests/e2e, pinned by package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Debian packages the app and its tests need (PDF fonts and tools, the browser for end-to-end tests).
system-packages:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
	  { ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null || ! command -v npm >/dev/null || \
	    ! command -v msgfmt >/dev/null || ! fc-list | grep -qi "Noto Sans CJK"; }; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium fonts-noto-cjk poppler-utils gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	    $$(command -v npm >/dev/null || echo nodejs npm) >/dev/null; \
	fi

run: $(STAMP) system-packages
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py seed_demo
	@echo ""
	@echo "Open http://$(HOST)/ and log in as a demo user (password for all: demo-password-2026):"
	@echo "  clinician-a  (clinician, site A: Beijing community clinic)"
	@echo "  clinician-b  (clinician, site B: Geriatrics ward)"
	@echo "  admin        (staff admin, every site; also /admin/)"
	@echo ""
	DJANGO_DEBUG=true $(PY) manage.py runserver $(HOST)

test: $(STAMP) system-packages node_modules/.package-lock.json
	DJANGO_SECRET_KEY=test-only-$$(date +%s)-not-a-secret-key-used-anywhere-else-0123456789 \
	DJANGO_DEBUG=false DJANGO_HTTPS=false DJANGO_ALLOWED_HOSTS=testserver,localhost,127.0.0.1 \
	  $(PY) -m pytest $(PYTEST_ARGS)

# Security checks (CI runs them once, before the tests): known vulnerabilities in the pinned
# dependencies (pip-audit, through scripts/audit_deps.py) and bandit on the app code. Findings are
# silenced only with a written reason (IGNORED in the script, `# nosec BXXX # why` in the code).
# Then the contracts of the house plan: import-linter (the engine imports no Django and has no
# import cycle), mypy, strict on the engine, and ruff's lint and format check (pyproject.toml).
audit: $(STAMP)
	$(PY) scripts/audit_deps.py
	$(VENV)/bin/bandit -q -r screening sarcopenia -c pyproject.toml
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy screening/clinical
	$(VENV)/bin/ruff check screening sarcopenia tests bench scripts
	$(VENV)/bin/ruff format --check screening sarcopenia tests bench scripts

migrations-check: $(STAMP)
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var staticfiles node_modules test-artifacts
