"""Benchmarks that print figures measured side by side in one run (`make bench`).

Each benchmark returns rows for one Markdown table; `run()` prints them and writes the report
to `bench/report.md`. Timings come from a real build and a real headless Chromium.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright
from ruamel.yaml import YAML

from mlsd.browser import launch
from mlsd.catalog import ROOT
from mlsd.serve import serving

Row = dict[str, str]
PROJECT_PARTS = ("docs", "overrides", "data", "includes", "mkdocs.yml")
QUERY = "feature store"

# Types a query one key at a time, then deletes it; each keystroke is timed from the input
# event to a forced style and layout pass, so the figure is the page's work, not frame pacing.
KEYSTROKES_JS = """
async (query) => {
  const box = document.querySelector('.atlas-explorer input[name=q]');
  const times = [];
  const key = (value) => {
    const t0 = performance.now();
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    void document.body.offsetHeight;
    times.push(performance.now() - t0);
  };
  for (let i = 1; i <= query.length; i++) key(query.slice(0, i));
  for (let i = query.length - 1; i >= 0; i--) key(query.slice(0, i));
  return times;
}
"""


def copy_project(into: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, into / part, ignore=shutil.ignore_patterns(".cache"))
        else:
            shutil.copy(source, into / part)
    return into


def build(project: Path, site: Path) -> None:
    config = str(project / "mkdocs.yml")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([*command, "-d", str(site)], check=True, env=env)


def yaml_records(data: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = YAML(typ="safe").load((data / "resources.yml").read_text())
    return records


def synthesise(data: Path, size: int) -> int:
    """Grow resources.yml to `size` records by repeating real ones under new ids and URLs."""
    yaml = YAML(typ="safe")
    records = yaml_records(data)
    grown = list(records)
    n = 0
    while len(grown) < size:
        for r in records:
            if len(grown) >= size:
                break
            copy = {**r, "id": f"{r['id']}-syn{n}"}
            if copy.get("url"):
                copy["url"] = f"{copy['url']}{'&' if '?' in copy['url'] else '?'}synthetic={n}"
            copy.pop("links", None)
            grown.append(copy)
        n += 1
    yaml.default_flow_style = False
    with (data / "resources.yml").open("w", encoding="utf-8") as fh:
        yaml.dump(grown, fh)
    return len(grown)


def keystroke_times(site: Path) -> list[float]:
    with serving(site) as url, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(url + "resources/", wait_until="networkidle")
        page.locator(".atlas-explorer__filters:not([hidden])").wait_for()
        page.evaluate(KEYSTROKES_JS, QUERY)  # warm-up: JIT and caches
        times: list[float] = page.evaluate(KEYSTROKES_JS, QUERY)
        browser.close()
    return times


def bench_explorer() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, size in (("full catalog", None), ("synthetic", 5000)):
            project = copy_project(Path(tmp) / label.replace(" ", "-"))
            data = project / "data"
            count = synthesise(data, size) if size else len(yaml_records(data))
            site = project / "site"
            build(project, site)
            times = keystroke_times(site)
            p95 = statistics.quantiles(times, n=20)[-1]
            rows.append(
                {
                    "benchmark": "explorer filter per keystroke",
                    "case": f"{label} ({count} records)",
                    "median ms": f"{statistics.median(times):.1f}",
                    "p95 ms": f"{p95:.1f}",
                    "max ms": f"{max(times):.1f}",
                    "target": "< 50 ms at 5,000" if size else "",
                }
            )
    return rows


BENCHMARKS: dict[str, Callable[[], list[Row]]] = {"explorer": bench_explorer}


def table(rows: list[Row]) -> str:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(row.get(c, "") for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def run(names: list[str], report: Path) -> str:
    sections = []
    for name in names or list(BENCHMARKS):
        sections.append(f"## {name}\n\n{table(BENCHMARKS[name]())}")
    text = "# Benchmarks\n\n" + "\n".join(sections)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text, encoding="utf-8")
    return text
