"""Run linkchecker, the crawler the Atlas checks its built site with and benchmarks against.

Started as root (as CI is), linkchecker switches to user nobody after reading its options and
then cannot import its own plugins from a checkout in a private folder, so the anchor check
silently stops. The runner below starts it with that switch disabled.
"""

from __future__ import annotations

import sys

_RUNNER = (
    "import os, sys; os.geteuid = lambda: 65534; sys.argv[0] = 'linkchecker'; "
    "from linkcheck.command.linkchecker import linkchecker; sys.exit(linkchecker())"
)


def command(*args: str) -> list[str]:
    return [sys.executable, "-c", _RUNNER, *args]
