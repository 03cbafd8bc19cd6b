"""Index pages and cross-links generated from the catalog and from page frontmatter.

Each `render_*` function returns Markdown or HTML for one macro. `here` is the calling page's
path under docs/, so every link is relative and checked by MkDocs' strict validation.
"""

from __future__ import annotations

import posixpath
from collections import Counter

from mlsd.catalog import Catalog, Resource
from mlsd.contents import Page, section

DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


def link(here: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def designs_using(
    pages: list[Page], catalog: Catalog, *, topic: str | None = None, org: str | None = None
) -> list[Page]:
    """Worked designs that list the topic (or one beneath it), or cite a record of the org."""
    topics = catalog.descendants(topic) if topic else set()

    def cites_org(page: Page) -> bool:
        return any(org in catalog.by_id[c].orgs for c in page.cites if c in catalog.by_id)

    found = [p for p in section(pages, "designs") if p.topics() & topics or (org and cites_org(p))]
    return sorted(found, key=lambda p: p.title.lower())


def render_page_links(pages: list[Page], here: str, empty: str) -> str:
    if not pages:
        return f"*{empty}*\n"
    return "".join(f"- [{p.title}]({link(here, p.src)})\n" for p in pages)


def render_timeline(records: list[Resource], catalog: Catalog) -> str:
    """One row per year: how much the organisation published and on which topics."""
    by_year: dict[int | None, list[Resource]] = {}
    for r in records:
        by_year.setdefault(r.year, []).append(r)
    rows = ["| Year | Records | Main topics |", "|---|---|---|"]
    for year in sorted(by_year, key=lambda y: -(y or 0)):
        group = by_year[year]
        counts = Counter(t for r in group for t in r.topics)
        top = sorted(counts, key=lambda t: (-counts[t], catalog.topics[t].name))[:4]
        names = ", ".join(catalog.topics[t].name for t in top)
        rows.append(f"| {year or 'Undated'} | {len(group)} | {names} |")
    return "\n".join(rows) + "\n"


def render_designs_index(pages: list[Page], catalog: Catalog, here: str) -> str:
    """Every question of the taxonomy by category; the ones without a page say so."""
    by_question = {p.meta.get("question"): p for p in section(pages, "designs")}
    out = []
    for category in catalog.categories.values():
        questions = [q for q in catalog.questions.values() if q.category == category.id]
        if not questions:
            continue
        out += [f"## {category.name}\n", "| Question | Difficulty | Topics |", "|---|---|---|"]
        for q in questions:
            page = by_question.get(q.id)
            if page is None:
                out.append(f"| {q.name} (not yet written) | | |")
                continue
            topics = ", ".join(catalog.topics[t].name for t in sorted(page.topics()))
            difficulty = str(page.meta.get("difficulty", ""))
            out.append(f"| [{q.name}]({link(here, page.src)}) | {difficulty} | {topics} |")
        out.append("")
    return "\n".join(out)


def render_section_index(pages: list[Page], name: str, here: str) -> str:
    """A section's pages by title, each with its description."""
    rows = ["| Page | What it covers |", "|---|---|"]
    for page in sorted(section(pages, name), key=lambda p: p.title.lower()):
        description = " ".join(str(page.meta.get("description", "")).split())
        rows.append(f"| [{page.title}]({link(here, page.src)}) | {description} |")
    return "\n".join(rows) + "\n"


def render_coverage(pages: list[Page], catalog: Catalog, here: str) -> str:
    """Organisations with a page against topics with a page; each count opens the explorer filtered.

    Markdown rather than HTML so that MkDocs rewrites and validates every link.
    """
    orgs = sorted(
        ((str(p.meta["org"]), p) for p in section(pages, "companies") if p.meta.get("org")),
        key=lambda pair: catalog.orgs[pair[0]].name.lower(),
    )
    topics = sorted(
        ((str(p.meta["topic"]), p) for p in section(pages, "topics") if p.meta.get("topic")),
        key=lambda pair: catalog.topics[pair[0]].name.lower(),
    )
    explorer = link(here, "resources/index.md")
    head = "".join(f" [{catalog.topics[t].name}]({link(here, p.src)}) |" for t, p in topics)
    rows = [f"| Organisation |{head}", "|---" * (len(topics) + 1) + "|"]
    for org, org_page in orgs:
        cells = []
        for topic, _ in topics:
            n = len(catalog.select(org=org, topic=topic))
            cells.append(f" [{n}]({explorer}?org={org}&topic={topic}) |" if n else " |")
        rows.append(f"| [{catalog.orgs[org].name}]({link(here, org_page.src)}) |{''.join(cells)}")
    return '<div class="atlas-coverage" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n"
