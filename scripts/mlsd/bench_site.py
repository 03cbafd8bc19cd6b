"""Benchmarks of the site itself: build time and how it scales, the edit-to-reload loop under
`mkdocs serve`, search latency in Chromium, and what the home page weighs on a phone.

Every figure is measured in the same run as the figure it is compared with.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from mlsd.bench import Row, build, copy_project
from mlsd.browser import SEARCH_ARM, SEARCH_QUIET, launch
from mlsd.serve import free_port, serving

# Sections whose pages are copied to grow the site; the handbook's nav is an explicit list and
# the field notes are a blog whose slugs must stay unique, so they keep their size.
GROWN = ("designs", "topics", "companies")
# Each must have results: the timer stops at the result list's change after the last key.
SEARCHES = ["feature store", "two tower", "ETA prediction", "canary", "nDCG", "cold start",
            "drift", "interleaving", "quantization", "point-in-time"]  # fmt: skip


def _timed_build(project: Path, config: Path, strict: bool = True) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    command += ["--strict"] if strict else []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([*command, "-d", str(project / "site")], check=True, env=env, cwd=project)
    return time.perf_counter() - start


def grow(project: Path, factor: int) -> int:
    """Copy every page of the grown sections factor-1 times beside itself; returns the count
    of Markdown pages in the result."""
    docs = project / "docs"
    for section in GROWN:
        for page in sorted((docs / section).glob("*.md")):
            if page.name == "index.md":
                continue
            for n in range(1, factor):
                page.with_name(f"{page.stem}-copy{n}.md").write_text(page.read_text())
    return sum(1 for _ in docs.rglob("*.md"))


def bare_config(project: Path) -> Path:
    """The same Markdown and extensions under plain Material: no plugins, no overrides."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?ms)^plugins:\n.*?(?=^\S)", "", text)
    text = re.sub(r"(?ms)^extra_javascript:\n.*?(?=^\S)", "", text)
    text = re.sub(r"(?m)^  custom_dir: .*\n", "", text)
    config = project / "mkdocs.bare.yml"
    config.write_text(text, encoding="utf-8")
    return config


def on_post_page_macros(env: Any) -> None:
    """mkdocs-macros calls this after expanding a page when `expanded()` lists this module:
    the page's source then holds the Markdown as the macros wrote it."""
    source = Path(env.conf["docs_dir"]) / env.page.file.src_uri
    if source.is_file():  # the blog's views are generated, without a source
        front = re.match(r"(?s)---\n.*?\n---\n", source.read_text(encoding="utf-8"))
        source.write_text((front[0] if front else "") + env.markdown, encoding="utf-8")


def expanded(project: Path, into: Path) -> Path:
    """A copy of project whose pages hold what the macros expand them to (the catalog's tables,
    the citations, the indexes): the bare build of it has the Atlas's content without its
    machinery, which splits the atlas/bare ratio into what the pages hold and what the
    plugins, macros and overrides cost."""
    shutil.copytree(project, into, ignore=shutil.ignore_patterns("site"))
    config = into / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    hooked = text.replace("modules: [mlsd.macros]", f"modules: [mlsd.macros, {__name__}]")
    if hooked == text:
        raise RuntimeError(f"{config}: no 'modules: [mlsd.macros]' line to add the bench's hook to")
    config.write_text(hooked, encoding="utf-8")
    _timed_build(into, config)
    return into


# Builds per case, atlas and bare alternating so that a slow minute of the host hits both: one
# pair gave ratios of 1.59 to 1.94 for the same site.
BUILD_ROUNDS = 3


def bench_build() -> list[Row]:
    rows: list[Row] = []
    base: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 2, 4):
            project = copy_project(Path(tmp) / f"x{factor}")
            pages = grow(project, factor)
            content = expanded(project, Path(tmp) / f"x{factor}-expanded")
            atlas_runs, bare_runs, content_runs = [], [], []
            for _ in range(BUILD_ROUNDS):
                atlas_runs.append(_timed_build(project, project / "mkdocs.yml"))
                bare_runs.append(_timed_build(project, bare_config(project), strict=False))
                content_runs.append(_timed_build(content, bare_config(content), strict=False))
            atlas, bare = statistics.median(atlas_runs), statistics.median(bare_runs)
            bare_expanded = statistics.median(content_runs)
            base.setdefault("atlas", atlas)
            rows.append(
                {
                    "benchmark": f"strict build (median of {BUILD_ROUNDS})",
                    "case": f"{factor}x pages ({pages} Markdown files)",
                    "atlas s": f"{atlas:.1f}",
                    "bare Material s": f"{bare:.1f}",
                    "atlas / bare": f"{atlas / bare:.2f} (target ≤ 1.25)",
                    "bare Material, macros expanded s": f"{bare_expanded:.1f}",
                    "atlas / that": f"{atlas / bare_expanded:.2f}",
                    "time vs 1x": f"{atlas / base['atlas']:.2f}"
                    + (" (target ≤ 4.5)" if factor == 4 else ""),
                }
            )
            shutil.rmtree(project)
            shutil.rmtree(content)
    return rows


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8", errors="replace"))


def _wait_for(url: str, marker: str, limit: float = 120.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        try:
            if marker in _get(url):
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} never showed {marker!r}")


def bench_serve() -> list[Row]:
    """Save a page, then poll the live server until the rebuilt page carries the change."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp))
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        server = subprocess.Popen(
            [*command, "-f", str(project / "mkdocs.yml")],
            env=env,
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/handbook/metrics/"
        page = project / "docs" / "handbook" / "metrics.md"
        try:
            _wait_for(url, "</html>")
            for n in range(3):
                marker = f"bench-edit-{n}-{time.time_ns()}"
                start = time.perf_counter()
                page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n")
                _wait_for(url, marker)
                times.append(time.perf_counter() - start)
        finally:
            server.terminate()
            server.wait(10)
    return [
        {
            "benchmark": "save a page until `mkdocs serve` shows it",
            "median s": f"{statistics.median(times):.1f}",
            "runs s": ", ".join(f"{t:.1f}" for t in times),
        }
    ]


# Timestamps, in the page's own clock, of the final keydown and of the first change to the
# result list after it: the latency a reader sees, without the test driver's round trips.
ARM_TIMER = """
() => {
  window.atlasKey = window.atlasResult = undefined;
  const list = document.querySelector('.md-search-result__list');
  const observer = new MutationObserver(() => {
    if (window.atlasKey === undefined) return;
    window.atlasResult = performance.now();
    observer.disconnect();
  });
  observer.observe(list, { childList: true, subtree: true });
  addEventListener('keydown', () => { window.atlasKey = performance.now(); },
                   { capture: true, once: true });
}
"""


FIRST_RESULT = "document.querySelector('.md-search-result__item') !== null"


def _search_once(page: Page, query: str) -> float:
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query[:-1], delay=10)
    page.evaluate(SEARCH_ARM)
    page.wait_for_function(SEARCH_QUIET, polling=50)
    page.evaluate(ARM_TIMER)
    box.press(query[-1])
    page.wait_for_function("window.atlasResult !== undefined")
    elapsed: float = page.evaluate("window.atlasResult - window.atlasKey")
    return elapsed


def bench_search() -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp))
        build(project, project / "site")
        with serving(project / "site") as origin, sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page()
            page.goto(origin, wait_until="networkidle")
            page.keyboard.press("/")
            start = time.perf_counter()  # the first query waits for the index to load
            box = page.locator("input.md-search__input")
            box.press_sequentially(SEARCHES[0], delay=10)
            page.wait_for_function(FIRST_RESULT)
            cold = (time.perf_counter() - start) * 1000
            warm = [_search_once(page, q) for q in SEARCHES for _ in range(2)]
            browser.close()
    return [
        {
            "benchmark": "search, last keystroke to results (Chromium)",
            "first query ms (loads the index)": f"{cold:.0f}",
            "p50 ms": f"{statistics.median(warm):.0f}",
            "p95 ms": f"{statistics.quantiles(warm, n=20)[-1]:.0f}",
            "queries": str(len(warm)),
        }
    ]


WEIGHT_JS = """
() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .map(e => ({name: e.name, bytes: e.transferSize}))
"""


INDEX_TIMED = """
() => performance.getEntriesByType('resource').some(e => e.name.endsWith('search_index.json'))
"""


def bench_weight() -> list[Row]:
    """What the home page transfers on a phone before any interaction, compressed."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp))
        build(project, project / "site")
        with serving(project / "site") as origin, sync_playwright() as p:
            browser = launch(p)
            for path in ("", "resources/"):
                context = browser.new_context(viewport={"width": 375, "height": 812})
                page = context.new_page()
                page.goto(origin + path, wait_until="networkidle")
                entries = page.evaluate(WEIGHT_JS)
                total = sum(e["bytes"] for e in entries) / 1024
                index = any(e["name"].endswith("search_index.json") for e in entries)
                # The search button's hover is what releases the index request; the bench
                # waits until the index is loaded (and fails if it never is).
                page.locator("label[for='__search']").first.hover()
                page.wait_for_function(INDEX_TIMED)
                after = sum(e["bytes"] for e in page.evaluate(WEIGHT_JS)) / 1024
                rows.append(
                    {
                        "benchmark": "page weight before interaction (gzip)",
                        "page": path or "home",
                        "KB": f"{total:.0f}" + (" (target < 250)" if not path else ""),
                        "requests": str(len(entries)),
                        "search index loaded": "yes" if index else "no",
                        "KB once search is wanted": f"{after:.0f}",
                    }
                )
                context.close()
            browser.close()
    return rows
