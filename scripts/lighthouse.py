"""``make lighthouse``: Lighthouse 12 on every page of the built site, served gzipped like a static host.

Issue 12's acceptance line is "Lighthouse 12, mobile defaults, site served gzipped: every page
scores performance >= 0.95 and accessibility, best practices and SEO = 1.00". This measures
exactly that. It builds the site (``mkdocs build --strict``) into a temporary folder, or takes
a built one with ``--site DIR``, and serves it on 127.0.0.1 under the path of ``site_url``
(``/notes/``, as GitHub Pages does) with ``Content-Encoding: gzip`` for text types (HTML, CSS,
JavaScript, JSON, SVG, XML), ``Cache-Control: max-age=600`` and the site's 404 page, like a
static host. Every page of the sitemap is then run through the Lighthouse CLI with its mobile
defaults (simulated slow 4G and 4x CPU slowdown; no custom throttling), the four categories only.

Runs are sequential by default: two Lighthouse runs at once on a 2-core machine slow each other's
simulated CPU and lower the scores; ``--jobs 2`` is quicker but pessimistic. ``--runs N`` runs
each page N times and keeps the run with the median performance score.

Prints one row per page (the four scores, FCP, LCP, TBT, CLS, KB transferred, DOM elements),
then every page below target with its top failing audits, and exits 1 when a page misses the
target. The JSON reports are kept in ``--out`` (default: a temporary folder, printed).

Lighthouse is not part of ``make test`` and not in requirements: install it once, outside the
repository (Node 20+), e.g. ``mkdir -p /work/lh && cd /work/lh && npm i lighthouse@12.2.3``.
Found as ``$LIGHTHOUSE``, else /work/lh/node_modules/.bin/lighthouse, else ``lighthouse`` on
the PATH, else ``npx --no-install lighthouse``. Chromium: ``$CHROME_PATH``, else ``$CHROMIUM``,
else ``chromium`` on the PATH.

Usage: python scripts/lighthouse.py [--site DIR] [--jobs N] [--runs N] [--only PAGE ...] [--out DIR]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gzip
import http.server
import json
import os
import posixpath
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
TARGET = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
CATEGORIES = list(TARGET)
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
INSTALL = (
    "lighthouse: Lighthouse is not installed (it is not part of make test). Install it once,\n"
    "outside the repository (Node 20+), either globally:  npm i -g lighthouse@12.2.3\n"
    "or in a folder of its own:  mkdir -p /work/lh && cd /work/lh && npm i lighthouse@12.2.3\n"
    "(found there by default; elsewhere set LIGHTHOUSE=FOLDER/node_modules/.bin/lighthouse)."
)
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".gz": "application/gzip",
}


# --- the static host ------------------------------------------------------------------------------
class StaticHost(http.server.BaseHTTPRequestHandler):
    """GET/HEAD of ``site`` under ``base`` (e.g. ``/notes/``), gzipped for text types, as GitHub Pages serves."""

    protocol_version = "HTTP/1.1"
    site: Path
    base: str
    _gzipped: ClassVar[dict[Path, bytes]] = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        """Quiet: Lighthouse's requests are not worth a line each."""
        pass

    def do_HEAD(self):
        """Headers only."""
        self.respond(head=True)

    def do_GET(self):
        """The file, gzipped when it is text and the client accepts gzip."""
        self.respond(head=False)

    def resolve(self, url_path: str) -> tuple[int, Path | None, str | None]:
        """(status, file, redirect) for a request path; the site's 404.html for anything missing."""
        path = posixpath.normpath(urllib.parse.unquote(url_path))
        if url_path.endswith("/"):
            path += "/"
        base = self.base.rstrip("/")
        if path == base:
            return 301, None, self.base
        if not path.startswith(self.base):
            return 404, self.site / "404.html", None
        target = self.site / path[len(self.base) :]
        if target.is_dir():
            if not url_path.endswith("/"):
                return 301, None, url_path + "/"
            target = target / "index.html"
        if target.is_file() and self.site.resolve() in target.resolve().parents:
            return 200, target, None
        return 404, self.site / "404.html", None

    def respond(self, head: bool) -> None:
        """Redirect, file or 404 page, with a static host's headers."""
        url = urllib.parse.urlsplit(self.path)
        status, target, location = self.resolve(url.path)
        if location is not None:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target is None or not target.is_file():
            body, kind = b"Not found", "text/plain; charset=utf-8"
        else:
            body, kind = target.read_bytes(), TYPES.get(target.suffix.lower(), "application/octet-stream")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if kind.startswith(TEXT_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.gzipped(target, body) if target is not None else gzip.compress(body, 6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def gzipped(self, target: Path, body: bytes) -> bytes:
        """The gzipped body of a file, compressed once per run (level 6, as common hosts do)."""
        with self._lock:
            if target not in self._gzipped:
                self._gzipped[target] = gzip.compress(body, 6, mtime=0)
            return self._gzipped[target]


def serve(site: Path, base: str, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start the host on loopback (``port``, or a free one); the root URL of the site (ends in ``base``)."""
    handler = type("Host", (StaticHost,), {"site": site, "base": base, "_gzipped": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{base}"


# --- finding things --------------------------------------------------------------------------------
def lighthouse_command() -> list[str] | None:
    """The Lighthouse CLI: $LIGHTHOUSE, /work/lh's install, PATH, else npx (no install); None if none."""
    explicit = os.environ.get("LIGHTHOUSE")
    if explicit:
        return [explicit] if shutil.which(explicit) or Path(explicit).is_file() else None
    for candidate in (Path("/work/lh/node_modules/.bin/lighthouse"), ROOT / "node_modules/.bin/lighthouse"):
        if candidate.is_file():
            return [str(candidate)]
    if shutil.which("lighthouse"):
        return ["lighthouse"]
    if shutil.which("npx"):
        probe = subprocess.run(
            ["npx", "--no-install", "lighthouse", "--version"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0:
            return ["npx", "--no-install", "lighthouse"]
    return None


def chrome_path() -> str | None:
    """The Chromium Lighthouse drives: $CHROME_PATH, $CHROMIUM, ``chromium`` on the PATH; None if none."""
    for candidate in (os.environ.get("CHROME_PATH"), os.environ.get("CHROMIUM"), shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def site_base(site: Path) -> tuple[str, list[str]]:
    """The URL path the site is built for (``/notes/``) and every page in its sitemap, relative to it."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        locs = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap.read_text(encoding="utf-8"))
        paths = [urllib.parse.urlsplit(loc).path for loc in locs]
        if paths:
            base = min(paths, key=len)
            if not base.endswith("/"):
                base = base.rsplit("/", 1)[0] + "/"
            if all(p.startswith(base) for p in paths):
                return base, sorted({p[len(base) :] for p in paths})
    pages = sorted(
        "" if p == "." else p + "/" for p in (h.parent.relative_to(site).as_posix() for h in site.rglob("index.html"))
    )
    return "/", pages


def free_port() -> int:
    """A loopback port nothing listens on now (the build needs it before the host starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(site: Path, site_url: str) -> None:
    """A strict build of this checkout into ``site``, its canonical URLs pointing at the local host."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    mkdocs = ROOT / ".venv/bin/mkdocs"
    command = [str(mkdocs) if mkdocs.exists() else "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"lighthouse: the build failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")


# --- one Lighthouse run ----------------------------------------------------------------------------
def run_lighthouse(command: list[str], url: str, report: Path, chrome: str) -> dict:
    """One Lighthouse run of ``url`` with its mobile defaults; the parsed JSON report."""
    args = [
        *command,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = dict(os.environ, CHROME_PATH=chrome)
    report.unlink(missing_ok=True)
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False, timeout=300)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr.strip()[-1500:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def summarise(page: str, lhr: dict, report: Path) -> dict:
    """The row of the table and the failing audits of one report."""
    audits = lhr["audits"]

    def value(audit_id: str) -> float | None:
        return audits.get(audit_id, {}).get("numericValue")

    scores = {c: lhr["categories"][c]["score"] for c in CATEGORIES}
    runtime_error = lhr.get("runtimeError", {}).get("code")
    if runtime_error is None and None in scores.values():
        # A category without a score: one of its weighted audits failed to run; say which and why.
        for category in (c for c in CATEGORIES if scores[c] is None):
            for ref in lhr["categories"][category]["auditRefs"]:
                audit = audits.get(ref["id"], {})
                if ref["weight"] and audit.get("scoreDisplayMode") == "error":
                    runtime_error = f"{ref['id']}: {audit.get('errorMessage', '')[:160]}"
                    break
    row = {
        "page": page or "/",
        "scores": scores,
        "fcp": value("first-contentful-paint"),
        "lcp": value("largest-contentful-paint"),
        "tbt": value("total-blocking-time"),
        "cls": value("cumulative-layout-shift"),
        "kb": (value("total-byte-weight") or 0) / 1024,
        "dom": value("dom-size"),
        "report": str(report),
        "error": runtime_error,
        "warnings": lhr.get("runWarnings", []),
        "bi": lhr.get("environment", {}).get("benchmarkIndex"),
        "errored": sorted(k for k, a in audits.items() if a.get("scoreDisplayMode") == "error"),
    }
    row["missed"] = [c for c in CATEGORIES if scores[c] is None or scores[c] < TARGET[c]]
    row["failing"] = failing_audits(lhr, row["missed"])
    row["metrics_lost"] = [
        f"{audits[m].get('displayValue', '').replace(chr(160), ' ')} {m} (score {audits[m]['score']:.2f})"
        for m in sorted(METRICS, key=lambda m: audits.get(m, {}).get("score") or 0)
        if m in audits and audits[m].get("score") is not None and audits[m]["score"] < 0.9
    ]
    return row


METRICS = {
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
}


def failing_audits(lhr: dict, missed: list[str]) -> list[tuple[str, str, str]]:
    """(category, audit id, displayValue or title) of the failing audits of the missed categories, worst first.

    The metrics themselves are in the table; listed here are the audits that say why. In
    accessibility, best practices and SEO every failing audit costs points: ranked by weight.
    In performance, the opportunities and diagnostics that fail (score under 0.9) rank by what
    Lighthouse estimates they cost the metrics (``metricSavings``: ms of TBT, LCP and FCP, CLS
    counted as 0.1 = 500 ms).
    """
    audits = lhr["audits"]
    ranked: list[tuple[float, str, str, str]] = []
    for category in missed:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = audits.get(ref["id"], {})
            score = audit.get("score")
            if ref["id"] in METRICS or score is None:
                continue
            if audit.get("scoreDisplayMode") in ("notApplicable", "informative", "manual", "error"):
                continue
            shown = (audit.get("displayValue") or audit.get("title", "")).replace("\xa0", " ")
            if category != "performance":
                if score < 1:
                    ranked.append((1e6 * ref["weight"] * (1 - score), category, ref["id"], shown))
            elif score < 0.9:
                savings = audit.get("metricSavings") or {}
                cost = sum(v for k, v in savings.items() if k != "CLS") + 5000 * savings.get("CLS", 0)
                ranked.append((cost + (1 - score), category, ref["id"], shown))
    ranked.sort(key=lambda item: item[0], reverse=True)
    return [(category, audit_id, shown) for _, category, audit_id, shown in ranked]


class Calibration:
    """The fastest CPU Lighthouse has measured in this session (its ``benchmarkIndex``).

    Lighthouse's simulated throttling multiplies the CPU time it observes by four: another
    process busy on the machine shows up as blocking time. Each run measures the CPU first; a
    run whose benchmark index is under SLOW x the best seen was slowed down and is run again.
    """

    SLOW = 0.8

    def __init__(self) -> None:
        self.best = 0.0
        self.lock = threading.Lock()

    def slowed(self, index: float) -> bool:
        """Record ``index``; True when it is well under the best seen."""
        with self.lock:
            self.best = max(self.best, index)
            return index < self.SLOW * self.best


def measure(
    command: list[str], chrome: str, root_url: str, page: str, out: Path, runs: int, retries: int, cpu: Calibration
) -> dict:
    """``runs`` Lighthouse runs of one page; the summary of the run with the median performance score.

    A run slowed by other processes (see Calibration) is repeated up to ``retries`` times
    after a pause; the least slowed attempt counts.
    """
    rows = []
    for number in range(1, runs + 1):
        name = (page.strip("/").replace("/", "_") or "home") + (f".run{number}" if runs > 1 else "") + ".json"
        report = out / name
        attempts = []
        for attempt in range(retries + 1):
            if attempt:
                time.sleep(10)
            row = summarise(page, run_lighthouse(command, root_url + page, report, chrome), report)
            row["attempts"] = attempt + 1
            attempts.append(row)
            if not cpu.slowed(row["bi"] or 0):
                break
            shutil.copy(report, report.with_suffix(f".slow{attempt + 1}.json"))
        rows.append(max(attempts, key=lambda r: r["bi"] or 0))
    rows.sort(key=lambda r: r["scores"]["performance"] or 0)
    chosen = rows[(len(rows) - 1) // 2]
    chosen["perf_runs"] = [r["scores"]["performance"] for r in rows]
    return chosen


def failed_row(page: str, problem: str) -> dict:
    """The row of a page Lighthouse could not measure: every category missed, the reason shown."""
    print(f"  {page or '/'}: {problem}", file=sys.stderr)
    return {
        "page": page or "/",
        "scores": dict.fromkeys(CATEGORIES),
        **dict.fromkeys(("fcp", "lcp", "tbt", "cls", "dom", "bi")),
        "kb": 0.0,
        "report": "",
        "error": problem.splitlines()[-1][:200] if problem else "failed",
        "warnings": [],
        "errored": [],
        "missed": list(CATEGORIES),
        "failing": [],
        "metrics_lost": [],
    }


def pages_of(row: dict) -> str:
    """The sitemap path of a row's page ("" for the home page, shown as "/")."""
    return "" if row["page"] == "/" else row["page"]


# --- the table -------------------------------------------------------------------------------------
def fmt_score(value: float | None, target: float) -> str:
    """A score with two decimals, starred when below its target."""
    if value is None:
        return "  err"
    return f"{value:.2f}" + ("*" if value < target else " ")


def fmt_ms(value: float | None) -> str:
    """Milliseconds as Lighthouse shows them (ms under a second, else s)."""
    return "-" if value is None else f"{value / 1000:.1f} s" if value >= 1000 else f"{value:.0f} ms"


def print_table(rows: list[dict], top: int, best_cpu: float) -> None:
    """The table of every page, then the pages below target with their ``top`` failing audits."""
    header = (
        f"{'page':<26} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}"
        f" {'FCP':>7} {'LCP':>7} {'TBT':>7} {'CLS':>6} {'KB':>7} {'DOM':>6} {'CPU':>6}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        s = row["scores"]
        cells = " ".join(fmt_score(s[c], TARGET[c]) for c in CATEGORIES)
        cls = "-" if row["cls"] is None else f"{row['cls']:.3f}"
        dom = "-" if row["dom"] is None else f"{row['dom']:.0f}"
        bi = row["bi"] or 0
        cpu = f"{bi:.0f}" + ("~" if bi < Calibration.SLOW * best_cpu else " ")
        print(
            f"{row['page']:<26} {cells} {fmt_ms(row['fcp']):>7} {fmt_ms(row['lcp']):>7}"
            f" {fmt_ms(row['tbt']):>7} {cls:>6} {row['kb']:>7.0f} {dom:>6} {cpu:>6}"
        )
    print("* below target (performance >= 0.95; accessibility, best practices, SEO = 1.00)")
    print("KB: transferred (gzipped), search index included. CPU: Lighthouse's benchmark index of the run;")
    print(f"~ marks a run slowed by other processes (under {Calibration.SLOW:.0%} of the best, {best_cpu:.0f}):")
    print("  its TBT and performance are pessimistic; rerun those pages on a quiet machine (--only).")
    below = [r for r in rows if r["missed"]]
    if not below:
        print(f"\nEvery page meets the target ({len(rows)} pages).")
        return
    print(f"\n{len(below)} of {len(rows)} pages below target; top failing audits:")
    for row in below:
        missed = ", ".join(
            f"{SHORT[c]} {row['scores'][c] if row['scores'][c] is not None else 'err'}" for c in row["missed"]
        )
        runs = f"  (performance over runs: {row['perf_runs']})" if len(row.get("perf_runs", [])) > 1 else ""
        print(f"  {row['page']}  [{missed}]{runs}")
        if row["error"]:
            print(f"      runtime error: {row['error']}")
        if row["metrics_lost"]:
            print("      metrics: " + ", ".join(row["metrics_lost"]))
        for category, audit_id, shown in row["failing"][:top]:
            print(f"      {SHORT[category]:<5} {audit_id}: {shown}")
    errored = sorted({a for r in rows for a in r["errored"]})
    if errored:
        print(
            "\nAudits that errored (unscored; this Lighthouse may not read this Chromium's trace): "
            + ", ".join(errored)
        )
    for warning in sorted({" ".join(w.split()) for r in rows for w in r["warnings"]}):
        print(f"warning: {warning[:200]}")


def main(argv: list[str] | None = None) -> int:
    """Build or take the site, serve it, run Lighthouse on every page; 1 if a page misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build this checkout)")
    parser.add_argument(
        "--jobs", type=int, default=1, help="pages at once, 1 or 2 (default 1: parallel runs lower scores)"
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median performance run is kept")
    parser.add_argument(
        "--retries", type=int, default=2, help="reruns of a run slowed by other processes (default 2; see CPU)"
    )
    parser.add_argument("--only", nargs="+", metavar="PAGE", help="only these pages, e.g. / iam/ exam/")
    parser.add_argument("--top", type=int, default=3, help="failing audits to list per page (default 3)")
    parser.add_argument("--out", type=Path, help="folder for the JSON reports (default: a temporary folder)")
    args = parser.parse_args(argv)
    if not 1 <= args.jobs <= 2:
        parser.error("--jobs must be 1 or 2 (more runs at once distort the scores)")
    command = lighthouse_command()
    if command is None:
        print(INSTALL, file=sys.stderr)
        return 2
    chrome = chrome_path()
    if chrome is None:
        print("lighthouse: no Chromium found; set CHROME_PATH (or run `make browser`)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = args.out or Path(tmp) / "reports"
        out.mkdir(parents=True, exist_ok=True)
        port = 0
        if args.site:
            site = args.site.resolve()
            if not (site / "index.html").is_file():
                parser.error(f"{site} holds no index.html")
        else:
            # Built for the address it is served at, so canonical links and the sitemap match.
            site = Path(tmp) / "site"
            port = free_port()
            base_url = f"http://127.0.0.1:{port}/notes/"
            print(f"Building the site into {site} ...", flush=True)
            build(site, base_url)
        base, pages = site_base(site)
        if args.only:
            wanted = {"" if p in ("/", "") else p.strip("/") + "/" for p in args.only}
            pages = [p for p in pages if p in wanted]
            if not pages:
                parser.error("--only matched no page of the sitemap")
        server, root_url = serve(site, base, port)
        print(f"Serving {site} at {root_url} (gzip); {len(pages)} pages, {args.jobs} at a time", flush=True)
        load, cores = os.getloadavg()[0], os.cpu_count() or 1
        if load > cores / 2:
            print(f"  note: load average {load:.1f} on {cores} cores; busy CPUs lower the scores", flush=True)
        cpu = Calibration()
        rows: list[dict] = []
        try:
            with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
                futures = {
                    pool.submit(measure, command, chrome, root_url, p, out, args.runs, args.retries, cpu): p
                    for p in pages
                }
                for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
                    try:
                        row = future.result()
                    except (RuntimeError, subprocess.TimeoutExpired, ValueError) as problem:
                        row = failed_row(futures[future], str(problem))
                    rows.append(row)
                    perf = row["scores"]["performance"]  # None when the run failed
                    print(f"  [{done}/{len(pages)}] {row['page']}: performance {perf}", file=sys.stderr, flush=True)
            # Pages measured before a faster run raised the best benchmark: once more, if allowed.
            for index, row in enumerate(rows):
                if args.retries and row["bi"] and row["bi"] < Calibration.SLOW * cpu.best:
                    print(f"  again, slowed before: {row['page']}", file=sys.stderr, flush=True)
                    try:
                        again = measure(command, chrome, root_url, pages_of(row), out, args.runs, args.retries - 1, cpu)
                    except (RuntimeError, subprocess.TimeoutExpired, ValueError):
                        continue
                    if (again["bi"] or 0) > row["bi"]:
                        rows[index] = again
        finally:
            server.shutdown()
        rows.sort(key=lambda r: pages.index(pages_of(r)))
        print()
        print_table(rows, args.top, cpu.best)
        if args.out:
            print(f"\nJSON reports in {out}")
        return 1 if any(r["missed"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
