# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
# Everything runs inside .venv, created and filled from the pinned requirements.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test lint check bench lighthouse quiz-report browser diagrams clean

# --- set-up -----------------------------------------------------------------
$(VENV)/.site: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.site
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# A Chromium for the browser tests and for drawing diagrams: the one $CHROMIUM names, else
# `chromium` on the PATH, else Debian's package where apt-get exists, else Playwright's download.
browser: $(VENV)/.site
	@if [ -n "$$CHROMIUM" ] && [ -x "$$CHROMIUM" ]; then :; \
	elif command -v chromium >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	else \
		$(BIN)/python -m playwright install chromium; \
	fi

# --- the two commands ---------------------------------------------------------
# `make serve PORT=8001` when 8000 is taken; the address printed ends in /notes/.
PORT ?= 8000
serve: browser
	@$(BIN)/python scripts/serve.py $(PORT)

# The front end's pure functions (tests/js/*.test.mjs) run under Node's own test runner
# (Node 20+, no packages); the TAP reporter ends with plain "# tests N", "# pass N" lines.
NODE ?= node
test: browser $(VENV)/.dev
	$(BIN)/ruff check .
	$(NODE) --test --test-reporter=tap tests/js/
	$(BIN)/python -m pytest

# --- more ---------------------------------------------------------------------
build: $(VENV)/.site
	$(BIN)/mkdocs build --strict

lint: $(VENV)/.dev
	$(BIN)/ruff check .

# The build's content checks (banks, images, coverage data) without a build, with the
# build's messages, plus ruff, yamllint and actionlint: seconds, not a minute.
check: $(VENV)/.dev
	$(BIN)/python scripts/check.py

quiz-report: $(VENV)/.site
	$(BIN)/python -m studysite.quiz_report

bench: browser $(VENV)/.dev
	$(BIN)/python scripts/bench.py

# Issue 12's acceptance run: Lighthouse 12 (mobile defaults) on every page, served gzipped.
# Not part of `make test`; needs Lighthouse installed once outside the repository (see the
# script's header). `make lighthouse LIGHTHOUSE_ARGS="--only / iam/ --runs 3"`.
lighthouse: browser $(VENV)/.site
	$(BIN)/python scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

# Draw new or changed Mermaid diagrams to diagrams/*.svg (commit them), delete unused ones.
diagrams: browser
	$(BIN)/python scripts/diagrams.py

clean:
	rm -rf site .pytest_cache .cache
