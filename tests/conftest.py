"""Shared fixtures: one strict build of the real site, a real HTTP server, a real Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    Response,
    sync_playwright,
)

from mlsd.browser import launch
from mlsd.serve import serving

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# True once the explorer is idle: while it fetches the rest of the catalog its status says so.
EXPLORER_LOADED = (
    "!document.querySelector('.atlas-explorer__status').textContent.startsWith('Loading')"
)


# Where "Edit this page" points in test builds: a local address that nothing ever requests.
EDIT_URI = "http://127.0.0.1:9/edit/main/docs/"


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a real strict build from the project's folder, as a contributor would (Markdown
    extensions read their files from there); the caller decides what the outcome must be."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ATLAS_EDIT_URI": EDIT_URI}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--clean", "-f", str(config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        check=False,
    )


def built_pages(site_dir: Path) -> Iterator[str]:
    """Every page's address relative to the site root ("" for the home page)."""
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        yield "" if rel == "." else rel + "/"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print what tests measured (their `record_property` values) under every run's summary,
    passed or failed, so figures like the search hit rate reach the CI log."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", []):
                terminalreporter.write_line(f"{report.nodeid}: {name}: {value}")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    with serving(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launch(playwright)
    yield browser
    browser.close()


@dataclass
class Probe:
    """What a page did while it loaded: console errors, failed and off-host requests."""

    page: Page
    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    pending: set[Request] = field(default_factory=set)

    def attach(self) -> Probe:
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        self.page.on("requestfailed", self._failed)
        self.page.on("requestfinished", lambda request: self.pending.discard(request))
        self.page.on("response", self._response)
        self.page.on("request", self._request)
        return self

    def settle(self, quiet_ms: int = 100, limit_ms: int = 10_000) -> None:
        """Wait until no request is in flight for `quiet_ms`: networkidle, without its 500 ms."""
        quiet = waited = 0
        while quiet < quiet_ms and waited < limit_ms:
            self.page.wait_for_timeout(25)
            waited += 25
            quiet = 0 if self.pending else quiet + 25

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _failed(self, request: Request) -> None:
        self.pending.discard(request)
        self.failed.append(f"{request.url} {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} HTTP {response.status}")

    def _request(self, request: Request) -> None:
        self.pending.add(request)
        if not request.url.startswith(("data:", "blob:", self.origin)):
            self.foreign.append(request.url)

    def assert_clean(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.failed == [], self.failed
        assert self.foreign == [], self.foreign


@pytest.fixture
def probe(browser: Browser, server: str) -> Iterator[Probe]:
    context = browser.new_context()
    yield Probe(context.new_page(), server).attach()
    context.close()
