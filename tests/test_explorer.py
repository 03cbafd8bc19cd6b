"""The catalog explorer in Chromium: facets, free text and a URL that restores the view."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from playwright.sync_api import Browser

from conftest import EXPLORER_LOADED, ROOT, Probe
from mlsd import catalog as catalog_module
from mlsd.catalog import Resource
from mlsd.render import EXPLORER_PAGE

pytestmark = pytest.mark.browser
CATALOG = catalog_module.load(ROOT / "data")


def visible_ids(probe: Probe) -> set[str]:
    """The listed rows, once any fetch of the rest of the catalog has finished. The explorer
    takes unlisted rows out of the document rather than hiding them, so every row counts."""
    probe.page.wait_for_function(EXPLORER_LOADED)
    ids = probe.page.eval_on_selector_all(
        ".atlas-explorer__table tbody tr", "rows => rows.map(r => r.id)"
    )
    return {i.removeprefix("r-") for i in ids}


def listed(records: Iterable[Resource]) -> set[str]:
    """What the explorer lists for these matches before "Show all": the first page by title."""
    return {r.id for r in sorted(records, key=lambda r: r.title.lower())[:EXPLORER_PAGE]}


def all_matches(probe: Probe) -> set[str]:
    more = probe.page.locator(".atlas-explorer__more")
    if more.is_visible():
        more.click()
    return visible_ids(probe)


def open_explorer(probe: Probe, query: str = "") -> None:
    probe.page.goto(probe.origin + "resources/" + query, wait_until="networkidle")
    probe.page.locator(".atlas-explorer--ready").wait_for()


def test_without_filters_the_first_page_then_everything_is_listed(probe: Probe) -> None:
    open_explorer(probe)
    assert visible_ids(probe) == listed(CATALOG.resources)
    probe.page.click(".atlas-explorer__more")
    assert visible_ids(probe) == set(CATALOG.by_id)
    probe.assert_clean()


def test_without_javascript_the_first_page_links_to_everything(
    browser: Browser, server: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "resources/")
    first = page.locator(".atlas-explorer__table tbody tr").count()
    hidden_form = page.locator(".atlas-explorer__filters[hidden]").count()
    page.locator(".atlas-explorer").get_by_role("link", name="all resources in one table").click()
    page.wait_for_url("**/resources/all/")
    every = page.eval_on_selector_all(".atlas-catalog tbody tr", "rows => rows.map(r => r.id)")
    context.close()
    assert first == min(EXPLORER_PAGE, len(CATALOG.resources))
    assert hidden_form == 1
    assert {i.removeprefix("r-") for i in every} == set(CATALOG.by_id)


def test_organisation_facet_shows_exactly_that_organisation(probe: Probe) -> None:
    open_explorer(probe)
    netflix = CATALOG.select(org="netflix")
    probe.page.select_option("select[name=org]", "netflix")
    assert visible_ids(probe) == listed(netflix)
    if len(netflix) > EXPLORER_PAGE:
        probe.page.click(".atlas-explorer__more")
    assert visible_ids(probe) == {r.id for r in netflix}
    label = probe.page.locator("select[name=org] option[value=netflix]").text_content()
    assert label == f"Netflix ({len(netflix)})"
    assert "org=netflix" in probe.page.url
    probe.assert_clean()


def test_text_query_narrows_and_reload_restores(probe: Probe) -> None:
    open_explorer(probe)
    box = probe.page.locator("input[name=q]")
    box.press_sequentially("feature store", delay=10)
    shown = all_matches(probe)
    assert 0 < len(shown) < len(CATALOG.resources)
    probe.page.select_option("select[name=kind]", "article")
    narrowed = all_matches(probe)
    assert 0 < len(narrowed) < len(shown)
    assert narrowed <= shown
    assert all(CATALOG.by_id[i].kind == "article" for i in narrowed)
    url = probe.page.url
    probe.page.goto(url, wait_until="networkidle")
    probe.page.locator(".atlas-explorer--ready").wait_for()
    assert probe.page.locator("input[name=q]").input_value() == "feature store"
    assert all_matches(probe) == narrowed
    probe.assert_clean()


def test_year_range_and_step_facets(probe: Probe) -> None:
    open_explorer(probe, "?step=6&from=2019&to=2020")
    expected = [r for r in CATALOG.select(step=6) if r.year and 2019 <= r.year <= 2020]
    assert visible_ids(probe) == listed(expected)
    probe.page.click(".atlas-explorer button[type=reset]")
    probe.page.wait_for_function("!location.search")
    assert len(visible_ids(probe)) == min(EXPLORER_PAGE, len(CATALOG.resources))


def test_phone_width_does_not_scroll_sideways(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(server + "resources/", wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_industry_facet_combines_with_others_and_survives_reload(probe: Probe) -> None:
    open_explorer(probe)
    fintech = CATALOG.select(industry="fintech-banking")
    probe.page.select_option("select[name=industry]", "fintech-banking")
    assert visible_ids(probe) == listed(fintech)
    probe.page.select_option("select[name=topic]", "fraud-detection")
    both = CATALOG.select(industry="fintech-banking", topic="fraud-detection")
    assert visible_ids(probe) == listed(both)
    assert both
    org = sorted(both, key=lambda r: r.id)[0].orgs[0]
    probe.page.select_option("select[name=org]", org)
    all_three = listed(CATALOG.select(industry="fintech-banking", topic="fraud-detection", org=org))
    assert visible_ids(probe) == all_three
    assert len(all_three) <= EXPLORER_PAGE
    assert not probe.page.locator(".atlas-explorer__more").is_visible(), "nothing more to show"
    probe.page.goto(probe.page.url, wait_until="networkidle")
    probe.page.locator(".atlas-explorer--ready").wait_for()
    assert probe.page.locator("select[name=industry]").input_value() == "fintech-banking"
    assert visible_ids(probe) == all_three
    probe.assert_clean()
