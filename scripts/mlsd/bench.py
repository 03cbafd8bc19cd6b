"""Benchmarks that print figures measured side by side in one run (`make bench`).

Each benchmark returns rows for one Markdown table; `run()` prints them and writes the report
to `bench/report.md`. Timings come from a real build and a real headless Chromium.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from ruamel.yaml import YAML

from mlsd import linkcheck
from mlsd.browser import launch
from mlsd.catalog import ROOT
from mlsd.serve import serving

Row = dict[str, str]
PROJECT_PARTS = ("docs", "overrides", "data", "includes", "CONTRIBUTING.md", "mkdocs.yml")
QUERY = "feature store"
ROUNDS = 5

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
    # From the project: Markdown extensions (snippets, the glossary) read paths from there.
    subprocess.run([*command, "-d", str(site)], check=True, env=env, cwd=project)


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


# Focusing the search box is when explorer.js fetches the rows past the first page and adds them.
FIRST_FOCUS_JS = """
async () => {
  const root = document.querySelector('.atlas-explorer');
  const t0 = performance.now();
  root.querySelector('input[name=q]').focus();
  while (root.dataset.complete === undefined) await new Promise(requestAnimationFrame);
  void document.body.offsetHeight;
  return performance.now() - t0;
}
"""


def keystroke_times(site: Path) -> tuple[float, list[float]]:
    """The first focus of the filters, then each keystroke of typing and erasing a query."""
    with serving(site) as url, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(url + "resources/", wait_until="networkidle")
        page.locator(".atlas-explorer--ready").wait_for()
        first: float = page.evaluate(FIRST_FOCUS_JS)
        page.evaluate(KEYSTROKES_JS, QUERY)  # warm-up: JIT and caches
        # Five rounds, so the p95 is not just the second-slowest of 26 keystrokes.
        times: list[float] = []
        for _ in range(ROUNDS):
            times += page.evaluate(KEYSTROKES_JS, QUERY)
        browser.close()
    return first, times


def bench_explorer() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, size in (("full catalog", None), ("synthetic", 5000)):
            project = copy_project(Path(tmp) / label.replace(" ", "-"))
            data = project / "data"
            count = synthesise(data, size) if size else len(yaml_records(data))
            site = project / "site"
            build(project, site)
            first, times = keystroke_times(site)
            p95 = statistics.quantiles(times, n=20)[-1]
            rows.append(
                {
                    "benchmark": "explorer filter per keystroke",
                    "case": f"{label} ({count} records)",
                    "median ms": f"{statistics.median(times):.1f}",
                    "p95 ms": f"{p95:.1f}",
                    "max ms": f"{max(times):.1f}",
                    "first focus ms": f"{first:.1f}",
                    "target": "< 50 ms at 5,000" if size else "",
                }
            )
    return rows


def table(rows: list[Row]) -> str:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(row.get(c, "") for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def run(names: list[str], report: Path, echo: Callable[[str], None] = print) -> bool:
    """Run each benchmark, printing its table as soon as it is measured and rewriting the report
    after each one, so a failure late in a long run loses none of the figures before it.
    Returns whether every benchmark ran."""
    sections = []
    ok = True
    report.parent.mkdir(parents=True, exist_ok=True)
    for name in names or list(BENCHMARKS):
        try:
            section = f"## {name}\n\n{table(BENCHMARKS[name]())}"
        except Exception as error:  # one broken benchmark must not hide the others
            ok = False
            section = f"## {name}\n\nfailed: {type(error).__name__}: {str(error)[:300]}\n"
        echo(section)
        sections.append(section)
        report.write_text("# Benchmarks\n\n" + "\n".join(sections), encoding="utf-8")
    return ok


# --- link checker ------------------------------------------------------------------------

HOSTS, PER_HOST_URLS = 50, 20
LINK_RUNS = 5


def _latency(path: str) -> float:
    """50-200 ms, fixed per path so both checkers meet the same delays."""
    return (50 + zlib.crc32(path.encode()) % 151) / 1000


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """A minimal keep-alive HTTP/1.1 server: each answer waits the path's latency."""
    with contextlib.suppress(
        ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError
    ):
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            method, path = head.split(b" ", 2)[:2]
            text = path.decode()
            await asyncio.sleep(_latency(text))
            status = "404 Not Found" if text.endswith("7") else "200 OK"
            body = b"" if method == b"HEAD" else b"<html><body>bench</body></html>"
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: text/html\r\n"
                f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            await writer.drain()
    writer.close()


def _serve_hosts(conn: Connection) -> None:
    """Child process: serve 50 loopback addresses (127.0.0.1-50) until told to stop."""

    async def main() -> None:
        servers = []
        for h in range(1, HOSTS + 1):
            server = await asyncio.start_server(_handle, f"127.0.0.{h}", 0, backlog=256)
            servers.append(server)
        conn.send(
            [
                f"http://127.0.0.{h + 1}:{s.sockets[0].getsockname()[1]}"
                for h, s in enumerate(servers)
            ]
        )
        await asyncio.get_running_loop().run_in_executor(None, conn.recv)

    asyncio.run(main())


@contextlib.contextmanager
def _fifty_hosts() -> Iterator[list[str]]:
    """The hosts live in another process, so the checker under test does not share its GIL."""
    ours, theirs = multiprocessing.Pipe()
    child = multiprocessing.Process(target=_serve_hosts, args=(theirs,), daemon=True)
    child.start()
    try:
        yield ours.recv()
    finally:
        ours.send("stop")
        child.join(5)
        if child.is_alive():
            child.terminate()


def _linkchecker(page_url: str) -> tuple[float, dict[str, bool]]:
    start = time.perf_counter()
    args = ("--check-extern", "--verbose", "-r", "1", "-o", "csv", "--no-status", page_url)
    result = subprocess.run(linkcheck.command(*args), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    rows = [ln.split(";") for ln in result.stdout.splitlines() if ln.startswith("http")]
    header = next(ln.split(";") for ln in result.stdout.splitlines() if ln.startswith("urlname"))
    url_at, valid_at = header.index("urlname"), header.index("valid")
    verdicts = {r[url_at]: r[valid_at] == "True" for r in rows if len(r) > valid_at}
    return elapsed, verdicts


def bench_links() -> list[Row]:
    from mlsd import links as lk

    settings = lk.Settings(concurrency=HOSTS * 2, per_host=2, timeout=10, retries=0)
    with _fifty_hosts() as bases, tempfile.TemporaryDirectory() as tmp:
        urls = [f"{b}/p{i}" for b in bases for i in range(PER_HOST_URLS)]
        page = Path(tmp) / "links.html"
        page.write_text("".join(f'<a href="{u}">{u}</a>\n' for u in urls), encoding="utf-8")
        # The checker is CPU-bound here (its CPU time is close to the bound itself), so one run
        # swings with the machine; the median of a few is the figure, as in `mlsd audit`.
        walls, cpus = [], []
        for _ in range(LINK_RUNS):
            start, cpu = time.perf_counter(), time.process_time()
            results = asyncio.run(lk.check_all(urls, settings))
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        ours, cpu = statistics.median(walls), statistics.median(cpus)
        with serving(Path(tmp)) as site:
            theirs, their_verdicts = _linkchecker(site + "links.html")
    our_verdicts = {r.url: r.verdict == lk.OK for r in results}
    agree = sum(our_verdicts[u] == their_verdicts.get(u) for u in urls)
    bound = sum(_latency(urlsplit(u).path) for u in urls) / (HOSTS * settings.per_host)
    return [
        {
            "benchmark": "link check, 1,000 URLs on 50 hosts, 50-200 ms each",
            f"mlsd links s (median of {LINK_RUNS})": f"{ours:.2f}",
            "linkchecker s": f"{theirs:.2f}",
            "speed-up": f"{theirs / ours:.1f}x (target ≥ 5x)",
            "politeness bound s": f"{bound:.2f}",
            "mlsd / bound": f"{ours / bound:.2f} (target ≤ 1.5; runs "
            + ", ".join(f"{w / bound:.2f}" for w in walls)
            + ")",
            # The bound counts waiting only; CPU near or above it means the checker is CPU-bound.
            "mlsd CPU s": f"{cpu:.2f}",
            "same verdicts": f"{agree}/{len(urls)}",
        }
    ]


def _site(name: str) -> Callable[[], list[Row]]:
    """A benchmark from `mlsd.bench_site`, imported when it runs (that module imports this)."""

    def call() -> list[Row]:
        from mlsd import bench_site

        result: list[Row] = getattr(bench_site, name)()
        return result

    return call


BENCHMARKS: dict[str, Callable[[], list[Row]]] = {
    "build": _site("bench_build"),
    "serve": _site("bench_serve"),
    "search": _site("bench_search"),
    "weight": _site("bench_weight"),
    "explorer": bench_explorer,
    "links": bench_links,
}
