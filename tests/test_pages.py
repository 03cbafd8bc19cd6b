"""Every built page in Chromium at a phone's size, and accessibility per page type.

One test visits them all and reports every failure at once, so a broken template shows up as
one readable list rather than a hundred red test ids.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ViewportSize

from conftest import Probe, built_pages

pytestmark = pytest.mark.browser
PHONE: ViewportSize = {"width": 375, "height": 812}
# One page of each kind the site has; axe runs on each.
PAGE_TYPES = [
    "",
    "handbook/metrics/",
    "handbook/glossary/",
    "designs/",
    "designs/video-recommendation/",
    "topics/feature-stores/",
    "companies/netflix/",
    "companies/",
    "notes/",
    "notes/tiktok-real-time-recommendation/",
    "resources/",
    "resources/all/",
    "resources/coverage/",
    "contribute/",
    "404.html",
]


def test_every_page_is_clean_and_fits_a_phone(
    browser: Browser, server: str, site_dir: Path
) -> None:
    context = browser.new_context(viewport=PHONE)
    problems: list[str] = []
    pages = [*built_pages(site_dir), "404.html"]
    assert len(pages) > 20
    for path in pages:
        probe = Probe(context.new_page(), server).attach()
        probe.page.goto(server + path, wait_until="load")
        probe.settle()
        overflow = probe.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{path}: scrolls sideways by {overflow}px at 375px")
        for name in ('meta[name="description"]', 'meta[property="og:title"]'):
            if not (probe.page.locator(name).get_attribute("content") or "").strip():
                problems.append(f"{path}: no {name}")
        try:
            probe.assert_clean()
        except AssertionError as error:
            problems.append(f"{path}: {error}")
        probe.page.close()
    context.close()
    assert problems == []


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_serious_accessibility_violation(probe: Probe, path: str) -> None:
    probe.page.goto(probe.origin + path, wait_until="networkidle")
    # On the heaviest pages the network goes idle before the module scripts have run.
    probe.page.wait_for_selector("html[data-atlas-a11y=ready]", state="attached")
    results = Axe().run(probe.page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)


def test_dark_mode_toggles_and_persists(probe: Probe) -> None:
    page = probe.page
    page.goto(probe.origin + "handbook/", wait_until="networkidle")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form.atlas-palette label:visible").first.click()
    flipped = page.evaluate("document.body.dataset.mdColorScheme")
    assert flipped != scheme
    page.goto(probe.origin + "topics/", wait_until="networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == flipped
    page.reload(wait_until="networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == flipped
    probe.assert_clean()


def test_the_palette_is_set_before_the_page_is_ready_and_never_again(
    browser: Browser, server: str
) -> None:
    """A reader whose system is dark has the dark palette once the page is parsed, and nothing
    sets it again after that: each change of a palette attribute restyles every element, which
    is what Material's own toggle did at load. Enter on the focused option switches."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.add_init_script(
        """
        window.atlasPalette = { late: [], atReady: null };
        new MutationObserver(records => {
          if (window.atlasPalette.atReady === null) return;
          for (const r of records) window.atlasPalette.late.push(r.attributeName);
        }).observe(document, { attributes: true, subtree: true,
          attributeFilter: ['data-md-color-scheme', 'data-md-color-primary',
                            'data-md-color-accent', 'data-md-color-media',
                            'data-md-color-switching'] });
        document.addEventListener('DOMContentLoaded', () => {
          window.atlasPalette.atReady = document.body.dataset.mdColorScheme;
        });
        """
    )
    page.goto(server + "designs/video-recommendation/", wait_until="networkidle")
    page.wait_for_selector("html[data-atlas-a11y=ready]", state="attached")
    page.wait_for_timeout(300)  # Material's toggle re-set the palette a frame after load
    state = page.evaluate("window.atlasPalette")
    assert state == {"late": [], "atReady": "slate"}
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
    page.focus(".atlas-palette input:checked")
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert page.evaluate("document.activeElement.matches('.atlas-palette input:checked')")
    context.close()


def test_an_unknown_address_gets_the_sites_own_404_page(probe: Probe) -> None:
    """Like GitHub Pages, the server answers a missing address with 404.html, at any depth; the
    page must bring its own styles and lead back home from wherever it was asked for."""
    url = probe.origin + "designs/no-such-design/step/"
    response = probe.page.goto(url, wait_until="networkidle")
    assert response is not None
    assert response.status == 404
    assert "404" in probe.page.locator("article h1").inner_text()
    header = "getComputedStyle(document.querySelector('.md-header')).position"
    assert probe.page.evaluate(header) == "sticky"
    probe.page.locator("a.md-header__button.md-logo").click()
    probe.page.wait_for_url(probe.origin)
    # The one failure allowed is the address that was asked for, and what the browser logs of it.
    assert probe.failed == [f"{url} HTTP 404"]
    probe.failed.clear()
    probe.console_errors = [e for e in probe.console_errors if "status of 404" not in e]
    probe.assert_clean()
