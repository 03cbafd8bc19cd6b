"""The handbook: nine step pages, each one an engineer can design from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import ROOT, Probe
from mlsd import catalog as catalog_module
from mlsd.pages import CITE, frontmatter

HANDBOOK = ROOT / "docs" / "handbook"
STEPS = catalog_module.load(ROOT / "data").steps
REQUIRED_SECTIONS = (
    "Questions to ask",
    "Checklist",
    "Worked examples",
    "Common pitfalls",
    "Trade-offs",
    "In real systems",
    "What interviewers listen for",
)


def step_page(step: int) -> Path:
    return HANDBOOK / f"{STEPS[step].slug}.md"


def prose_words(text: str) -> int:
    body = re.sub(r"```.*?```", " ", text, flags=re.S)  # diagrams are not prose
    body = re.sub(r"^\|.*\|$", " ", body, flags=re.M)  # nor are tables
    return len(re.findall(r"[A-Za-z][A-Za-z'-]*", body))


@pytest.mark.parametrize("step", range(1, 10))
def test_step_page_meets_the_contract(step: int) -> None:
    text = step_page(step).read_text(encoding="utf-8")
    meta, _positions, problems = frontmatter(text, "page")
    assert problems == []
    assert meta["step"] == step
    assert all(meta.get(key) for key in ("reviewed", "title", "description"))
    headings = re.findall(r"^## (.+)$", text, re.M)
    for section in REQUIRED_SECTIONS:
        assert any(h.startswith(section) for h in headings), section
    assert prose_words(text) >= 1200
    assert len(set(CITE.findall(text))) >= 3
    assert "```mermaid" in text
    assert re.search(r"^- \[ \] ", text, re.M), "the checklist is a task list"


@pytest.mark.browser
@pytest.mark.parametrize("step", range(1, 10))
def test_step_page_renders_its_diagram_and_fits_a_phone(
    browser: Browser, server: str, step: int
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(f"{server}handbook/{STEPS[step].slug}/", wait_until="networkidle")
    figure = page.locator("figure.atlas-diagram").first
    figure.scroll_into_view_if_needed()  # diagrams are drawn as they come near the viewport
    figure.locator("svg").wait_for(timeout=15_000)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_flow_page_budgets_45_minutes_and_maps_the_six_parts() -> None:
    text = (HANDBOOK / "flow.md").read_text(encoding="utf-8")
    assert "```mermaid" in text
    for part in ("Requirements", "High-level design", "Data deep-dive", "Algorithm choice"):
        assert part in text
    assert re.search(r"\*\*Total\*\* \| \*\*45\*\*", text)


def test_every_step_is_linked_from_the_handbook_index(probe: Probe) -> None:
    probe.page.goto(probe.origin + "handbook/", wait_until="networkidle")
    hrefs = probe.page.eval_on_selector_all(".md-content a", "as => as.map(a => a.href)")
    for step in STEPS.values():
        assert any(h.endswith(f"/handbook/{step.slug}/") for h in hrefs), step.slug
    probe.assert_clean()
