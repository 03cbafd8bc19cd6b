"""What the Atlas promises to cover, checked against the built site and the page sources."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from conftest import ROOT
from mlsd.catalog import load
from mlsd.contents import Page, read_pages, section

CATALOG = load()
PAGES = read_pages(ROOT / "docs")
# The organisations the seeds name (seed 001's companies and seed 003's reading list).
SEED_ORGS = {
    "airbnb", "amazon", "booking", "doordash", "dropbox", "google", "linkedin", "meta",
    "netflix", "pinterest", "reddit", "spotify", "bytedance", "twitter", "uber", "yelp",
}  # fmt: skip
# Seed 003's topic outline and the newsletter's subjects, as taxonomy ids that need a page.
OUTLINE_TOPICS = {
    "candidate-generation", "learning-to-rank", "search", "newsfeed-ranking", "ads-ranking",
    "embeddings", "nlp", "speech", "computer-vision", "feature-stores", "online-serving",
    "batch-serving", "on-device-ml", "real-time-ml", "monitoring", "ab-testing",
    "responsible-ai", "harmful-content", "fraud-detection", "eta-prediction", "data-quality",
    "ml-platforms", "technical-debt", "ml-roles-teams",
}  # fmt: skip


def test_every_seed_org_and_every_org_with_five_records_has_a_page() -> None:
    with_page = {p.meta["org"] for p in section(PAGES, "companies")}
    prolific = {o for o in CATALOG.orgs if len(CATALOG.select(org=o)) >= 5}
    assert set(CATALOG.orgs) >= SEED_ORGS
    assert sorted((SEED_ORGS | prolific) - with_page) == []


def test_every_outline_topic_has_a_page() -> None:
    with_page = {p.meta["topic"] for p in section(PAGES, "topics")}
    assert sorted(OUTLINE_TOPICS - with_page) == []
    assert len(with_page) >= 24


@pytest.mark.parametrize("page", section(PAGES, "notes"), ids=lambda p: p.src)
def test_each_note_cites_the_archive_and_links_a_topic_or_company(page: Page) -> None:
    assert any(CATALOG.by_id[c].kind == "newsletter" for c in page.cites), page.cites
    text = (ROOT / "docs" / page.src).read_text(encoding="utf-8")
    assert re.search(r"\]\(\.\./\.\./(topics|companies)/[a-z0-9-]+\.md", text)


def test_the_notes_cover_the_whole_newsletter_archive() -> None:
    issues = {r.id for r in CATALOG.resources if r.kind == "newsletter"}
    cited = {c for p in section(PAGES, "notes") for c in p.cites if c in issues}
    assert len(issues) == 21
    assert len(section(PAGES, "notes")) == len(issues), "one note per archived entry"
    assert sorted(issues - cited) == []


def test_feed_lists_every_note_with_a_working_link(site_dir: Path) -> None:
    feed = feedparser.parse((site_dir / "feed_rss_created.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    titles = {e.title for e in feed.entries}
    assert titles == {p.title for p in section(PAGES, "notes")}
    assert len(feed.entries) == 21
    for entry in feed.entries:
        path = urlsplit(entry.link).path.strip("/")
        assert (site_dir / path / "index.html").is_file(), entry.link
        assert entry.tags, f"{entry.title} has no category"


def test_designs_index_links_every_written_design(site_dir: Path) -> None:
    html = (site_dir / "designs" / "index.html").read_text(encoding="utf-8")
    for page in section(PAGES, "designs"):
        slug = page.src.removeprefix("designs/").removesuffix(".md")
        assert f'href="{slug}/"' in html, slug
    missing = len(CATALOG.questions) - len(section(PAGES, "designs"))
    assert html.count("(not yet written)") == missing
