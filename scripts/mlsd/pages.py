"""Rules for the pages under `docs/`: frontmatter per section, citations, no pasted URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from mlsd.problems import Positions, Problem, locate, parse_yaml

EXTERNAL_LINK = re.compile(r"(?<![\w/])https?://[^\s)\"'>]+")
CITE = re.compile(r"""cite\(\s*["']([^"']*)["']\s*\)""")
FRONTMATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# Extra frontmatter keys each section requires, beyond title and description.
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "handbook": ("reviewed",),
    "designs": ("question", "category", "reviewed"),
    "topics": ("topic", "reviewed"),
    "companies": ("org", "reviewed"),
}
INDEX_PAGES = {"index.md"}


def ids_of(items: Any) -> set[Any]:
    """The ids of a list of mappings, whatever else the (possibly broken) data holds."""
    if not isinstance(items, list):
        return set()
    return {item.get("id") for item in items if isinstance(item, dict)}


def frontmatter(text: str, rel: str) -> tuple[Any, Positions, list[Problem]]:
    match = FRONTMATTER.match(text)
    if match is None:
        hint = "start the page with --- title: … ---"
        return None, {}, [Problem(rel, 1, 1, "no frontmatter", hint)]
    meta, positions, problems = parse_yaml(match.group(1), rel, offset=1)
    if meta is not None and not isinstance(meta, dict):
        return None, {}, [Problem(rel, 2, 1, "frontmatter is not a mapping of keys")]
    return meta, positions, problems


def page_problems(root: Path, docs: dict[str, Any]) -> Iterator[Problem]:
    taxonomy = docs.get("taxonomy")
    taxonomy = taxonomy if isinstance(taxonomy, dict) else {}
    ids = ids_of(docs.get("resources"))
    known = {
        "org": ids_of(docs.get("orgs")),
        "topic": ids_of(taxonomy.get("topics")),
        "category": ids_of(taxonomy.get("categories")),
        "step": ids_of(taxonomy.get("steps")),
    }
    owners: dict[tuple[str, str], str] = {}
    for path in sorted((root / "docs").rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        yield from _text_problems(text, rel, ids)
        meta, pos, found = frontmatter(text, rel)
        yield from found
        if meta is None:
            continue
        section = path.relative_to(root / "docs").parts[0] if path.parent != root / "docs" else ""
        required = ["title", "description"]
        if path.name not in INDEX_PAGES:
            required += SECTION_KEYS.get(section, ())
        for key in required:
            if not meta.get(key):
                yield Problem(
                    rel,
                    1,
                    1,
                    f"frontmatter: missing '{key}'",
                    f"{section or 'every'} page needs it",
                )
        for key, values in known.items():
            if key in meta and meta[key] not in values:
                line, col = locate(pos, (key,))
                yield Problem(rel, line, col, f"frontmatter: unknown {key} '{meta[key]}'")
            elif key in ("org", "topic") and key in meta:
                other = owners.setdefault((key, str(meta[key])), rel)
                if other != rel:
                    line, col = locate(pos, (key,))
                    yield Problem(rel, line, col, f"{key} '{meta[key]}' already has a page", other)
        reviewed = meta.get("reviewed")
        if reviewed is not None and not isinstance(reviewed, date):
            line, col = locate(pos, ("reviewed",))
            yield Problem(rel, line, col, "frontmatter: reviewed is not a date", "write YYYY-MM-DD")
        elif isinstance(reviewed, date) and reviewed > date.today():
            line, col = locate(pos, ("reviewed",))
            yield Problem(rel, line, col, f"frontmatter: reviewed date {reviewed} is in the future")


def _text_problems(text: str, rel: str, ids: set[Any]) -> Iterator[Problem]:
    for number, line in enumerate(text.splitlines(), start=1):
        for match in CITE.finditer(line):
            if match.group(1) not in ids:
                message = f"cite(): unknown resource '{match.group(1)}'"
                hint = "use an id from data/resources.yml"
                yield Problem(rel, number, match.start() + 1, message, hint)
        for match in EXTERNAL_LINK.finditer(line):
            message = f"external URL in a page: {match.group(0)}"
            hint = "add it to data/resources.yml and cite it by id"
            yield Problem(rel, number, match.start() + 1, message, hint)
