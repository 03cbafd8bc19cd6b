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


def executable() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=executable(), args=ARGS, headless=True)
