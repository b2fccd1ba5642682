"""Page budgets for ``make bench``: what a phone downloads and draws, page by page.

For every page of a freshly built site, a cold load in headless Chromium at a phone's
viewport records each response and weighs it gzipped (level 9, as a static host serves
it): HTML, CSS, JavaScript, fonts, images and every JSON file the page fetches. The
search index is fetched once and cached for the whole site, so it is reported on its
own. The DOM is counted once the page has loaded, before the reader does anything.

Budgets: at most 200 KB gzipped per page (search index aside) and 3,000 DOM elements.
``--scale N`` measures a copy of the project whose banks hold N times their questions.
It also reports the build: cold and warm time and peak memory.

Usage: python scripts/page_budgets.py [--scale N] [--worst K]
"""

from __future__ import annotations

import argparse
import copy
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studysite.diagram_renderer import CHROMIUM_FLAGS, chromium_path  # noqa: E402

WEIGHT_BUDGET = 200 * 1024
DOM_BUDGET = 3000
PHONE = {"width": 412, "height": 823}
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "site", ".pytest_cache", "__pycache__", "tests")
BUILD = """
import resource, runpy, sys, time
sys.argv = ["mkdocs", "build", "--strict", "-q", "-d", sys.argv[1]]
start = time.perf_counter()
try:
    runpy.run_module("mkdocs", run_name="__main__")
except SystemExit as done:
    if done.code:
        raise
print(f"{time.perf_counter() - start:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def scaled_project(target: Path, scale: int) -> Path:
    """A copy of the project whose every bank holds ``scale`` times its questions (ids made unique)."""
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    if scale > 1:
        for path in sorted((target / "quizzes").glob("*.yml")):
            bank = yaml.safe_load(path.read_text(encoding="utf-8"))
            # deep copies: shared objects would be written as YAML aliases, which banks refuse
            copies = [
                {**copy.deepcopy(question), "id": f"{question['id']}-copy{number}"}
                for number in range(2, scale + 1)
                for question in bank["questions"]
            ]
            bank["questions"] += copies
            path.write_text(yaml.safe_dump(bank, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return target


def build(project: Path, site: Path, env: dict[str, str]) -> tuple[float, float]:
    """One strict build: seconds and peak memory (MiB) of the MkDocs process."""
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(site)], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    seconds, max_rss = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(max_rss) / 1024


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure_pages(site: Path, url_path: str) -> tuple[list[tuple[int, int, str]], int]:
    """(gzipped bytes, DOM elements, page) for every page, and the search index's gzipped size."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/{url_path}"
    pages = sorted(
        "" if p == "." else p + "/" for p in (h.parent.relative_to(site).as_posix() for h in site.rglob("index.html"))
    )
    rows, search_index = [], 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            for page_path in pages:
                context = browser.new_context(viewport=PHONE)
                page = context.new_page()
                weights: dict[str, int] = {}

                def weigh(response, weights=weights):
                    try:
                        weights[response.url] = len(gzip.compress(response.body(), 9, mtime=0))
                    except Exception:  # a redirect or an aborted request has no body
                        pass

                page.on("response", weigh)
                page.goto(base + page_path, wait_until="load")
                page.wait_for_timeout(800)  # what the page fetches right after load counts too
                dom = page.evaluate("document.getElementsByTagName('*').length")
                search_index = max(search_index, sum(v for u, v in weights.items() if "search_index" in u))
                rows.append((sum(v for u, v in weights.items() if "search_index" not in u), dom, page_path or "/"))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows, search_index


def main(argv: list[str] | None = None) -> int:
    """Build (cold, then warm), measure every page, print the worst; 1 if a budget is broken."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="replicate every bank N times (default 1)")
    parser.add_argument("--worst", type=int, default=8, help="pages to list (default 8)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        project = scaled_project(Path(tmp) / "project", args.scale)
        site = Path(tmp) / "www" / "notes"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="http://127.0.0.1/notes/")
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cold = build(project, site, env)
        warm = build(project, site, env)
        questions = sum(
            len(yaml.safe_load(p.read_text("utf-8"))["questions"]) for p in (project / "quizzes").glob("*.yml")
        )
        started = time.perf_counter()
        rows, search_index = measure_pages(site, "notes/")
    print(f"Site with {args.scale}x the banks ({questions:,} questions)")
    print(f"  build: cold {cold[0]:.1f} s, {cold[1]:.0f} MiB peak; warm {warm[0]:.1f} s, {warm[1]:.0f} MiB peak")
    over = [r for r in rows if r[0] > WEIGHT_BUDGET or r[1] > DOM_BUDGET]
    seconds = time.perf_counter() - started
    print(f"  pages: {len(rows)} measured in {seconds:.0f} s; search index {search_index / 1024:.0f} KB gzipped")
    print(f"  {'page':<28} {'KB gz':>8} {'DOM':>7}   budgets {WEIGHT_BUDGET // 1024} KB, {DOM_BUDGET:,} elements")
    worst = sorted(rows, key=lambda r: max(r[0] / WEIGHT_BUDGET, r[1] / DOM_BUDGET), reverse=True)[: args.worst]
    for weight, dom, path in worst:
        flag = "  OVER" if weight > WEIGHT_BUDGET or dom > DOM_BUDGET else ""
        print(f"  {path:<28} {weight / 1024:>8.1f} {dom:>7,}{flag}")
    print(f"  {len(over)} of {len(rows)} pages over a budget" if over else "  every page within budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
