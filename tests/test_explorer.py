"""The catalog explorer in Chromium: facets, free text and a URL that restores the view."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from conftest import ROOT, Probe
from mlsd import catalog as catalog_module

pytestmark = pytest.mark.browser
CATALOG = catalog_module.load(ROOT / "data")


def visible_ids(probe: Probe) -> set[str]:
    ids = probe.page.eval_on_selector_all(
        ".atlas-explorer__table tbody tr:not([hidden])", "rows => rows.map(r => r.id)"
    )
    return {i.removeprefix("r-") for i in ids}


def open_explorer(probe: Probe, query: str = "") -> None:
    probe.page.goto(probe.origin + "resources/" + query, wait_until="networkidle")
    probe.page.locator(".atlas-explorer__filters:not([hidden])").wait_for()


def test_without_filters_the_first_page_then_everything_is_listed(probe: Probe) -> None:
    open_explorer(probe)
    first = sorted(CATALOG.resources, key=lambda r: r.title.lower())[:100]
    assert visible_ids(probe) == {r.id for r in first}
    probe.page.click(".atlas-explorer__more")
    assert visible_ids(probe) == set(CATALOG.by_id)
    probe.assert_clean()


def test_without_javascript_the_table_lists_everything(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "resources/")
    rows = page.locator(".atlas-explorer__table tbody tr:not([hidden])").count()
    hidden_form = page.locator(".atlas-explorer__filters[hidden]").count()
    context.close()
    assert rows == len(CATALOG.resources)
    assert hidden_form == 1


def test_organisation_facet_shows_exactly_that_organisation(probe: Probe) -> None:
    open_explorer(probe)
    netflix = {r.id for r in CATALOG.select(org="netflix")}
    probe.page.select_option("select[name=org]", "netflix")
    assert visible_ids(probe) == netflix
    label = probe.page.locator("select[name=org] option[value=netflix]").text_content()
    assert label == f"Netflix ({len(netflix)})"
    assert "org=netflix" in probe.page.url
    probe.assert_clean()


def test_text_query_narrows_and_reload_restores(probe: Probe) -> None:
    open_explorer(probe)
    box = probe.page.locator("input[name=q]")
    box.press_sequentially("feature store", delay=10)
    shown = visible_ids(probe)
    assert 0 < len(shown) < len(CATALOG.resources)
    probe.page.select_option("select[name=kind]", "article")
    narrowed = visible_ids(probe)
    assert narrowed <= shown
    assert all(CATALOG.by_id[i].kind == "article" for i in narrowed)
    url = probe.page.url
    probe.page.goto(url, wait_until="networkidle")
    probe.page.locator(".atlas-explorer__filters:not([hidden])").wait_for()
    assert probe.page.locator("input[name=q]").input_value() == "feature store"
    assert visible_ids(probe) == narrowed
    probe.assert_clean()


def test_year_range_and_step_facets(probe: Probe) -> None:
    open_explorer(probe, "?step=6&from=2019&to=2020")
    expected = {r.id for r in CATALOG.select(step=6) if r.year and 2019 <= r.year <= 2020}
    assert visible_ids(probe) == expected
    probe.page.click(".atlas-explorer button[type=reset]")
    probe.page.wait_for_function("!location.search")
    assert len(visible_ids(probe)) == min(100, len(CATALOG.resources))


def test_phone_width_does_not_scroll_sideways(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(server + "resources/", wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_industry_facet_combines_with_others_and_survives_reload(probe: Probe) -> None:
    open_explorer(probe)
    fintech = {r.id for r in CATALOG.select(industry="fintech-banking")}
    probe.page.select_option("select[name=industry]", "fintech-banking")
    assert visible_ids(probe) == fintech
    probe.page.select_option("select[name=topic]", "fraud-detection")
    both = {r.id for r in CATALOG.select(industry="fintech-banking", topic="fraud-detection")}
    assert visible_ids(probe) == both
    assert both
    org = CATALOG.by_id[sorted(both)[0]].orgs[0]
    probe.page.select_option("select[name=org]", org)
    all_three = {
        r.id for r in CATALOG.select(industry="fintech-banking", topic="fraud-detection", org=org)
    }
    assert visible_ids(probe) == all_three
    probe.page.goto(probe.page.url, wait_until="networkidle")
    probe.page.locator(".atlas-explorer__filters:not([hidden])").wait_for()
    assert probe.page.locator("select[name=industry]").input_value() == "fintech-banking"
    assert visible_ids(probe) == all_three
    probe.assert_clean()
