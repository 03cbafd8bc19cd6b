"""Search relevance: realistic queries typed into the site's own search in Chromium.

Each query in `search_queries.yml` names the page a reader would want; it must be among the
first three pages listed. The suite reports the hit rate and every miss, and passes at 95 %.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import Probe
from mlsd.browser import SEARCH_ARM, SEARCH_PAGES, SEARCH_QUIET, SEARCH_SETTLED

pytestmark = pytest.mark.browser
QUERIES: dict[str, str] = yaml.safe_load(
    (Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8")
)
TARGET = 0.95


def top_pages(probe: Probe, query: str, n: int = 3) -> list[str]:
    box = probe.page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query[:-1], delay=5)
    probe.page.evaluate(SEARCH_ARM)
    probe.page.wait_for_function(SEARCH_QUIET, polling=50, timeout=15_000)
    probe.page.evaluate(SEARCH_ARM)
    box.press(query[-1])
    probe.page.wait_for_function(SEARCH_SETTLED, polling=50, timeout=15_000)
    origin = urlsplit(probe.origin).path
    pages: list[str] = probe.page.evaluate(SEARCH_PAGES)
    return [p.removeprefix(origin) for p in pages[:n]]


def test_queries_find_their_page_in_the_top_three(
    probe: Probe, record_property: Callable[[str, object], None]
) -> None:
    assert len(QUERIES) >= 40
    probe.page.goto(probe.origin, wait_until="networkidle")
    probe.page.keyboard.press("/")
    misses = {}
    for query, expected in QUERIES.items():
        found = top_pages(probe, query)
        if expected not in found:
            misses[query] = f"wanted {expected}, got {found}"
    rate = 1 - len(misses) / len(QUERIES)
    record_property("search hit rate", f"{rate:.1%} of {len(QUERIES)} queries")
    for query, why in misses.items():
        record_property("search miss", f"{query!r}: {why}")
    assert rate >= TARGET, misses
    probe.assert_clean()
