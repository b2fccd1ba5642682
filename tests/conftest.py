"""Shared fixtures: the built site, a local server for it, and headless Chromium.

The site is built once per test session with ``mkdocs build --strict`` into a
temporary folder. Browser tests use ``page``, which fails the test on any
console error or any request that leaves the local server.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from studysite.diagram_renderer import CHROMIUM_FLAGS, chromium_path  # the browser the build draws with

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(
    config: Path, site_dir: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` for a config; returns the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        check=False,
    )


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under a path prefix, as GitHub Pages does."""

    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, *args):  # keep test output clean
        pass


def site_path_prefix() -> str:
    """The path part of site_url in mkdocs.yml: instant navigation only works under it."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:.*?(https?://[^\"\s\]]+)", config, re.M)
    return urlparse(match.group(1)).path if match else "/"


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory):
    """A local server bound before the build, so the build can know its address.

    Material's instant navigation only follows links that match the site's
    sitemap, whose addresses come from ``site_url``; like ``mkdocs serve``, the
    test build therefore sets ``site_url`` to the local server's address.
    """
    site_dir = tmp_path_factory.mktemp("site")
    prefix = site_path_prefix()
    handler = functools.partial(type("Handler", (_SiteHandler,), {"prefix": prefix}), directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    yield server, site_dir, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.server_close()


@pytest.fixture(scope="session")
def built_site(_site_server) -> Path:
    """The real site, built strictly once for the whole session."""
    _, site_dir, url = _site_server
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir, env={"SITE_URL": url})
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def site_url(_site_server, built_site) -> str:
    """Base URL of the local HTTP server serving the built site."""
    server, _, url = _site_server
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a reader would not want: console errors, outside requests."""

    def __init__(self, base_url: str):
        self.base_host = urlparse(base_url).netloc
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []

    def on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def on_request(self, request):
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.netloc != self.base_host:
            self.foreign_requests.append(request.url)


@pytest.fixture
def context(browser):
    """A fresh browser context (own storage) per test."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context, site_url):
    """A page that fails the test on console errors or third-party requests."""
    page = context.new_page()
    watch = PageWatch(site_url)
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    page.on("request", watch.on_request)
    page.watch = watch
    yield page
    assert watch.console_errors == [], f"console errors: {watch.console_errors}"
    assert watch.foreign_requests == [], f"requests to other hosts: {watch.foreign_requests}"


def question_key(page, site_url: str, question_id: str) -> list[bool]:
    """Which choices of a question are right (by bank-file index), from the file the quiz fetches.

    The page itself does not say before the learner checks, so tests ask the site as it is served.
    """
    response = page.request.get(f"{site_url}assets/questions/{question_id}.json")
    assert response.ok, f"{question_id}: HTTP {response.status}"
    return [choice["correct"] for choice in response.json()["choices"]]


# --- questions and storage, for the browser tests of the quiz, exam, practice and storage ----------
@pytest.fixture(scope="session")
def index(built_site) -> dict[str, dict]:
    """Every question as the site serves it (assets/questions/<id>.json), by id, in the banks' order."""
    assets = built_site / "assets"
    rows = json.loads((assets / "quiz-index.json").read_text(encoding="utf-8"))["questions"]
    return {row[0]: json.loads((assets / "questions" / f"{row[0]}.json").read_text(encoding="utf-8")) for row in rows}


def right(q: dict) -> list[int]:
    return [number for number, choice in enumerate(q["choices"]) if choice["correct"]]


def wrong_answer(q: dict) -> list[int]:
    """As many choices as asked for, one of them wrong."""
    wrong = [number for number in range(len(q["choices"])) if number not in right(q)]
    return sorted(wrong[:1] + right(q)[: len(right(q)) - 1])


def stored(page, key: str):
    return page.evaluate("k => JSON.parse(localStorage.getItem(k))", key)


def store(page, key: str, value) -> None:
    """Put a value in localStorage: a string as it is, anything else as JSON."""
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [key, value if isinstance(value, str) else json.dumps(value)]
    )
