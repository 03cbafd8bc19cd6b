"""The built site in a real headless Chromium, served by a real local HTTP server."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from conftest import EXPLORER_LOADED, Probe

pytestmark = pytest.mark.browser


def test_home_page_is_clean_and_local(probe: Probe) -> None:
    probe.page.goto(probe.origin, wait_until="networkidle")
    assert "ML System Design Atlas" in probe.page.title()
    probe.assert_clean()


def test_diagram_renders_to_svg_from_the_site_itself(probe: Probe) -> None:
    probe.page.goto(probe.origin + "handbook/", wait_until="networkidle")
    figure = probe.page.locator("figure.atlas-diagram").first
    figure.scroll_into_view_if_needed()  # diagrams are drawn when they come near the viewport
    svg = figure.locator("svg").first
    svg.wait_for(state="visible", timeout=15_000)
    assert "Problem formulation" in (svg.text_content() or "")
    assert figure.locator("pre").count() == 0
    loaded = probe.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert any("vendor/mermaid/" in url for url in loaded)
    probe.assert_clean()


def test_diagrams_far_below_the_fold_wait_until_scrolled_to(probe: Probe) -> None:
    probe.page.goto(probe.origin + "handbook/operations/", wait_until="networkidle")
    last = probe.page.locator("figure.atlas-diagram").last
    assert last.locator("pre.atlas-diagram").count() == 1, "not drawn before it is needed"
    last.scroll_into_view_if_needed()
    last.locator("svg").first.wait_for(state="visible", timeout=15_000)
    probe.assert_clean()


def test_mermaid_is_not_loaded_on_pages_without_a_diagram(probe: Probe) -> None:
    probe.page.goto(probe.origin + "topics/", wait_until="networkidle")
    loaded = probe.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not any("vendor/mermaid/" in url for url in loaded)
    probe.assert_clean()


def unique_word(site_dir: Path) -> tuple[str, str]:
    """A word that the search index holds for exactly one page, and that page's location."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]
    pages = {d["location"].split("#")[0] for d in docs}
    words: dict[str, set[str]] = {}
    for d in docs:
        for w in re.findall(r"[a-z]{9,}", (d["title"] + " " + d["text"]).lower()):
            words.setdefault(w, set()).add(d["location"].split("#")[0])
    # The search starts on the home page, so the word must lead somewhere else.
    counts = Counter(w for w, where in words.items() if len(where) == 1 and "" not in where)
    assert len(pages) > 1
    assert counts, "the index has no word unique to one page"
    word = sorted(counts)[0]
    return word, next(iter(words[word]))


def test_search_finds_a_page_by_a_word_only_it_contains(probe: Probe, site_dir: Path) -> None:
    word, location = unique_word(site_dir)
    probe.page.goto(probe.origin, wait_until="networkidle")
    probe.page.keyboard.press("/")  # Material's shortcut focuses the search box
    # Real keystrokes: Material's search reacts to key events, not to a filled value.
    probe.page.locator("input.md-search__input").press_sequentially(word, delay=20)
    # Results refresh per keystroke; the highlight parameter tells the final query's results.
    first = probe.page.locator(f'.md-search-result__item a[href*="h={word}"]').first
    first.wait_for(timeout=15_000)
    path = urlsplit(first.get_attribute("href") or "").path
    assert path == urlsplit(probe.origin + location).path, (word, path)
    probe.assert_clean()


def test_glossary_term_shows_its_definition_on_keyboard_focus(probe: Probe) -> None:
    probe.page.goto(probe.origin + "handbook/data/", wait_until="networkidle")
    term = probe.page.locator(".md-content abbr[title]").first
    definition = term.get_attribute("title") or ""
    shown = "(t) => getComputedStyle(t, '::after').content"
    assert term.evaluate(shown) == "none"  # nothing drawn until the reader asks
    term.focus()
    assert definition[:40] in term.evaluate(shown)
    widths = probe.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], "the definition must not widen the page"
    probe.assert_clean()


def test_glossary_page_lists_every_term(probe: Probe) -> None:
    from mlsd.glossary import read_terms

    terms = read_terms(Path(__file__).resolve().parent.parent / "includes" / "abbreviations.md")
    probe.page.goto(probe.origin + "handbook/glossary/", wait_until="networkidle")
    assert probe.page.locator("dl[id^=term-] dt").count() == len(terms) >= 80
    probe.assert_clean()


def test_practice_mode_hides_steps_reveals_one_and_survives_a_reload(probe: Probe) -> None:
    page = probe.page
    page.goto(probe.origin + "designs/video-recommendation/", wait_until="networkidle")
    # Practice mode starts off, and the steps stay where the build put them until it is used.
    answers = page.locator(".atlas-answer")
    assert answers.count() == 0
    assert page.locator('[id="6-model-development-and-offline-evaluation"] + p').is_visible()
    toggle = page.locator(".atlas-practice-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert answers.count() == 9
    assert not any(answers.nth(i).is_visible() for i in range(9))
    page.locator(".atlas-reveal").nth(1).click()  # step 2 only
    assert answers.nth(1).is_visible()
    assert not answers.nth(0).is_visible()
    assert not answers.nth(2).is_visible()
    page.reload(wait_until="networkidle")
    assert page.locator(".atlas-practice-toggle").get_attribute("aria-pressed") == "true"
    assert not page.locator(".atlas-answer").nth(1).is_visible(), "a reload hides every step"
    page.locator(".atlas-practice-toggle").click()
    assert all(page.locator(".atlas-answer").nth(i).is_visible() for i in range(9))
    probe.assert_clean()


def test_worked_design_shows_every_step_without_javascript(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "designs/video-recommendation/")
    assert page.locator(".atlas-practice-toggle").is_hidden()  # nothing to toggle without JS
    assert page.locator('[id="6-model-development-and-offline-evaluation"] + *').is_visible()
    context.close()


def test_coverage_cell_opens_the_explorer_with_that_many_records(probe: Probe) -> None:
    page = probe.page
    page.goto(probe.origin + "resources/coverage/", wait_until="networkidle")
    cell = page.locator('.atlas-coverage td a[href*="org="]').first
    count = int(cell.text_content() or "0")
    cell.click()
    page.wait_for_url("**/resources/?org=*")
    status = page.locator(".atlas-explorer__status")
    page.wait_for_function(EXPLORER_LOADED)  # the rest of the catalog is fetched first
    text = status.text_content() or ""
    assert text.startswith(f"{count} of "), text
    probe.assert_clean()


def test_search_index_waits_until_the_reader_reaches_for_search(probe: Probe) -> None:
    page = probe.page
    page.goto(probe.origin, wait_until="networkidle")
    requested = (
        "performance.getEntriesByType('resource').some(e => e.name.endsWith('search_index.json'))"
    )
    assert page.evaluate(requested) is False
    page.locator(".md-search__form").hover()  # the header's search box on a wide screen
    page.wait_for_function(requested, timeout=10_000)
    probe.assert_clean()


def test_tables_arrive_wrapped_and_the_theme_leaves_them_in_place(probe: Probe) -> None:
    page = probe.page
    # Moving a table re-styles the whole content; it must not happen after the page arrives.
    page.add_init_script(
        """
        window.atlasMovedTables = 0;
        new MutationObserver(records => {
          for (const r of records) for (const n of r.removedNodes)
            if (n.nodeName === 'TABLE' || n.querySelector?.('table')) window.atlasMovedTables += 1;
        }).observe(document, { childList: true, subtree: true });
        """
    )
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(probe.origin + "resources/coverage/", wait_until="networkidle")
    assert page.evaluate("window.atlasMovedTables") == 0
    table = page.locator(".md-content table")
    assert table.count() == 1
    assert table.evaluate(
        "t => t.matches('.md-typeset__scrollwrap > .md-typeset__table > table.atlas-table')"
    )
    # The matrix is wider than a phone: it scrolls inside its wrapper, not the page sideways.
    wrapper = page.locator(".md-typeset__scrollwrap")
    assert wrapper.evaluate("w => w.scrollWidth > w.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    probe.assert_clean()
