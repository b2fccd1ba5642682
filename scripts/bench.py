"""``make bench``: the quiz engine's two budgets, then every page's weight and DOM (page_budgets.py).

1. Size: quiz.js + quiz.css, gzipped (level 9, as a static host would serve them),
   at most 8 KB together.
2. Build time: the full site built with and without ``hooks/quizzes.py``, median of
   several runs of ``mkdocs build --strict`` (runs alternate, so background load hits
   both alike); the hook may add at most 10%. Two clocks: MkDocs' own "built in"
   time, the wall time of the whole command (with Python start-up) and its CPU time. The hook keeps
   checked banks and rendered text in ``.cache/quizzes/``; the "cold" row empties that
   folder before every run, as on a fresh checkout.

Usage: python scripts/bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import page_budgets  # noqa: E402

IMPORT = re.compile(r"""^\s*import\b[^;]*?from\s*["'](\./[^"']+|\.\./[^"']+)["']""", re.M)


def with_imports(script: Path) -> list[Path]:
    """An ES module and every module it imports, directly or not (what a browser fetches for it)."""
    found, todo = [], [script]
    while todo:
        module = todo.pop()
        if module in found:
            continue
        found.append(module)
        todo += [(module.parent / spec).resolve() for spec in IMPORT.findall(module.read_text(encoding="utf-8"))]
    return found


# What a page with a quiz loads for it: the quiz module with its imports, and its style.
ASSETS = [*with_imports(ROOT / "docs/assets/javascripts/quiz.js"), ROOT / "docs/assets/stylesheets/quiz.css"]
SIZE_BUDGET = 8 * 1024
TIME_BUDGET = 0.10
QUIZ_HOOK = "hooks/quizzes.py"
CACHE = ROOT / ".cache" / "quizzes"
BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml just to list its hooks (its !ENV and !!python tags are ignored)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def gzipped_size(path: Path) -> int:
    """Bytes of ``path`` after gzip at level 9."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def config_without_quizzes() -> Path:
    """A config next to mkdocs.yml that inherits it, minus the quiz hook."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    hooks = [hook for hook in config.get("hooks") or [] if hook != QUIZ_HOOK]
    path = ROOT / ".bench-without-quizzes.yml"
    path.write_text(f"INHERIT: mkdocs.yml\nhooks: {hooks!r}\n", encoding="utf-8")
    return path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(config: Path, site_dir: Path) -> tuple[float, float, float]:
    """One strict build: MkDocs' "built in" seconds, wall and CPU seconds of the command."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    start, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode != 0:
        sys.exit(f"build failed ({config.name}):\n{result.stderr[-3000:]}")
    match = BUILT_IN.search(result.stderr)
    return (float(match.group(1)) if match else float("nan")), wall, cpu


def main() -> int:
    """Measure both budgets and print a table; exit 1 if one is over."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per variant (default 5)")
    parser.add_argument(
        "--scales", type=int, nargs="*", default=[1, 4], help="page budgets at these multiples of the banks"
    )
    args = parser.parse_args()

    sizes = {path.relative_to(ROOT / "docs" / "assets").as_posix(): gzipped_size(path) for path in ASSETS}
    total = sum(sizes.values())
    size_ok = total <= SIZE_BUDGET
    print("Quiz script and style, gzipped")
    for name, size in sizes.items():
        print(f"  {name:<36} {size:>6,} B")
    print(f"  {'total':<36} {total:>6,} B   budget {SIZE_BUDGET:,} B   {'OK' if size_ok else 'OVER'}")

    without = config_without_quizzes()
    times: dict[str, list[tuple[float, float]]] = {
        "without quiz hook": [],
        "with quiz hook": [],
        "with, cold cache": [],
    }
    try:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            build(ROOT / "mkdocs.yml", site)  # warm-up: imports cached by the OS, quiz cache filled
            build(without, site)
            for _ in range(args.runs):
                times["without quiz hook"].append(build(without, site))
                times["with quiz hook"].append(build(ROOT / "mkdocs.yml", site))
                shutil.rmtree(CACHE, ignore_errors=True)
                times["with, cold cache"].append(build(ROOT / "mkdocs.yml", site))
            build(ROOT / "mkdocs.yml", site)  # leave a warm cache behind
    finally:
        without.unlink(missing_ok=True)

    clocks = ("built in", "wall", "CPU")
    base = [statistics.median(t[i] for t in times["without quiz hook"]) for i in range(3)]
    print(f"\nFull site build, median of {args.runs} (budget: the hook adds at most {TIME_BUDGET:.0%})")
    print(f"  {'variant':<20}" + "".join(f"{clock:>10} {'added':>7}" for clock in clocks))
    time_ok = True
    for name, runs in times.items():
        medians = [statistics.median(t[i] for t in runs) for i in range(3)]
        added = [value / before - 1 for value, before in zip(medians, base, strict=True)]
        note = ""
        if name == "with quiz hook":
            time_ok = added[0] <= TIME_BUDGET
            note = "  OK" if time_ok else "  OVER"
        print(f"  {name:<20}" + "".join(f"{v:>9.2f}s {a:>+7.1%}" for v, a in zip(medians, added, strict=True)) + note)
    print("  Judged on the warm 'built in' time. 'cold' empties .cache/quizzes first, as on a fresh")
    print("  checkout; CPU time is the steadiest clock when the machine is busy.")

    # Every page as a phone loads it, today and with four times the questions.
    pages_ok = True
    for scale in args.scales:
        print()
        pages_ok = page_budgets.main(["--scale", str(scale)]) == 0 and pages_ok
    return 0 if size_ok and time_ok and pages_ok else 1


if __name__ == "__main__":
    sys.exit(main())
