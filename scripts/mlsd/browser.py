"""Launch the headless Chromium that tests and benchmarks drive.

The system Chromium is preferred (`CHROMIUM`, then `chromium` on PATH), because Playwright's
own browser download is not reachable everywhere; without one, Playwright's managed browser
is used, so a normal Playwright install elsewhere works too.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.sync_api import Browser, Playwright

# Chromium must not phone home: on a closed network those connections fail noisily.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Material's search re-renders its result list on every keystroke, as its worker answers, and
# the worker can lag behind fast typing. SEARCH_ARM counts the list's changes from now on;
# SEARCH_QUIET is true once nothing has changed for 500 ms (the worker has caught up);
# SEARCH_SETTLED once the list has changed and then stayed still for 300 ms. Type all but the
# last key, arm, wait for quiet, arm again, type the last key, wait until settled.
SEARCH_ARM = """
() => {
  window.atlasChanges = 0;
  window.atlasArmedAt = performance.now();
  window.atlasObserver?.disconnect();
  window.atlasObserver = new MutationObserver(() => {
    window.atlasChanges += 1;
    window.atlasLastChange = performance.now();
  });
  const list = document.querySelector('.md-search-result__list');
  window.atlasObserver.observe(list, { childList: true, subtree: true });
}
"""
SEARCH_QUIET = (
    "performance.now() - Math.max(window.atlasArmedAt, window.atlasLastChange || 0) > 500"
)
SEARCH_SETTLED = "window.atlasChanges > 0 && performance.now() - window.atlasLastChange > 300"
# The pages listed as results, in order, each once (a page's sections share its link).
SEARCH_PAGES = """
() => [...new Set([...document.querySelectorAll('li.md-search-result__item > a')]
  .map(a => new URL(a.href).pathname))]
"""


def executable() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=executable(), args=ARGS, headless=True)
