"""`make audit`: Lighthouse in mobile mode on one page of each kind, against fixed targets.

The site is built with its own address as `site_url`, so canonical links point where the
pages are served, then served compressed as GitHub Pages serves it. Lighthouse (pinned in
package.json) drives the same Chromium as the tests. Each page is measured five times and the
median kept: Lighthouse's guidance on variability says the median of five runs is twice as
stable as one, and single mobile runs here moved by up to thirteen points between identical
builds. Lighthouse simulates a phone by slowing the CPU it observes by 4x, so the score follows
the host's speed; each row shows the median of Lighthouse's own measure of it (BenchmarkIndex,
about 1500-2000 on the high-end desktop that 4x is calibrated for) to tell a slow minute of the
machine from a slower page.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from mlsd.browser import ARGS, executable
from mlsd.catalog import ROOT
from mlsd.serve import free_port, serving

PAGES = {
    "home": "",
    "handbook step": "handbook/metrics/",
    "worked design": "designs/video-recommendation/",
    "company": "companies/netflix/",
    "explorer": "resources/",
}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RUNS = 5


def build(site: Path, origin: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": origin}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(command, check=True, env=env, cwd=ROOT)


def lighthouse(url: str) -> dict[str, int]:
    """The four category scores of one mobile run, 0-100, and the host's BenchmarkIndex."""
    flags = " ".join(["--headless=new", *ARGS])
    command = [
        str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
        f"--only-categories={','.join(TARGETS)}", f"--chrome-flags={flags}",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": executable() or ""}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr.strip()[-500:]}")
    report = json.loads(result.stdout)
    scores = {k: round(100 * (report["categories"][k]["score"] or 0)) for k in TARGETS}
    return scores | {"host": round(report["environment"]["benchmarkIndex"])}


def audit() -> tuple[str, bool]:
    """A Markdown table of the median scores and whether every page met every target."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}/"
    header = ["page", *TARGETS, "performance runs", "host speed"]
    rows = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    passed = True
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, origin)
        with serving(site, port):
            for name, path in PAGES.items():
                runs = [lighthouse(origin + path) for _ in range(RUNS)]
                scores = {k: round(statistics.median(r[k] for r in runs)) for k in TARGETS}
                cells = []
                for category, target in TARGETS.items():
                    ok = scores[category] >= target
                    passed &= ok
                    cells.append(f"{scores[category]}" + ("" if ok else f" (< {target})"))
                performance = ", ".join(str(r["performance"]) for r in runs)
                host = round(statistics.median(r["host"] for r in runs))
                rows.append(f"| {name} | " + " | ".join(cells) + f" | {performance} | {host} |")
    return "\n".join(rows), passed
