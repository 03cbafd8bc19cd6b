"""What the pages under `docs/` declare about themselves, read once for the index macros.

The index pages (worked designs, companies, topics, the coverage map) and the cross-links
("designs that use this topic") are generated from page frontmatter, so a new page appears
everywhere it belongs without anyone editing a list. Broken frontmatter is skipped here:
`mlsd validate` is the place that reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mlsd.pages import CITE, FRONTMATTER
from mlsd.problems import Loader


@dataclass(frozen=True)
class Page:
    src: str  # path under docs/, as MkDocs names it: "designs/video-recommendation.md"
    meta: dict[str, Any]
    cites: frozenset[str]

    @property
    def section(self) -> str:
        return self.src.split("/", 1)[0] if "/" in self.src else ""

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.src))

    def topics(self) -> set[str]:
        value = self.meta.get("topics") or []
        return {str(t) for t in value} if isinstance(value, list) else set()


def read_pages(docs: Path) -> list[Page]:
    pages = []
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = FRONTMATTER.match(text)
        if match is None:
            continue
        try:
            meta = yaml.load(match.group(1), Loader=Loader)  # noqa: S506 - safe loader
        except yaml.YAMLError:
            continue
        if isinstance(meta, dict):
            src = path.relative_to(docs).as_posix()
            pages.append(Page(src, meta, frozenset(CITE.findall(text))))
    return pages


def section(pages: list[Page], name: str) -> list[Page]:
    """The content pages of one section, without its index page."""
    return [p for p in pages if p.section == name and not p.src.endswith("index.md")]
