"""Rules for the pages under `docs/`: frontmatter per section, citations, no pasted URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from mlsd.problems import Problem, where

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


def frontmatter(text: str, rel: str) -> tuple[Any, list[Problem]]:
    match = FRONTMATTER.match(text)
    if match is None:
        return None, [Problem(rel, 1, 1, "no frontmatter", "start the page with --- title: … ---")]
    try:
        meta = YAML(typ="rt").load(match.group(1))
    except YAMLError as exc:
        return None, [Problem(rel, 2, 1, f"frontmatter: {' '.join(str(exc).split())}")]
    if not isinstance(meta, dict):
        return None, [Problem(rel, 2, 1, "frontmatter is not a mapping of keys")]
    return meta, []


def _at(meta: Any, key: str) -> tuple[int, int]:
    line, col = where(meta, key)
    return line + 1, col  # the frontmatter starts on the page's second line


def page_problems(root: Path, docs: dict[str, Any]) -> Iterator[Problem]:
    ids = {r.get("id") for r in docs.get("resources") or [] if isinstance(r, dict)}
    orgs = {o.get("id") for o in docs.get("orgs") or [] if isinstance(o, dict)}
    taxonomy = docs.get("taxonomy") or {}
    known = {
        "org": orgs,
        "topic": {t.get("id") for t in taxonomy.get("topics") or []},
        "category": {t.get("id") for t in taxonomy.get("categories") or []},
        "step": {t.get("id") for t in taxonomy.get("steps") or []},
    }
    owners: dict[tuple[str, str], str] = {}
    for path in sorted((root / "docs").rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        yield from _text_problems(text, rel, ids)
        meta, found = frontmatter(text, rel)
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
                line, col = _at(meta, key)
                yield Problem(rel, line, col, f"frontmatter: unknown {key} '{meta[key]}'")
            elif key in ("org", "topic") and key in meta:
                other = owners.setdefault((key, str(meta[key])), rel)
                if other != rel:
                    line, col = _at(meta, key)
                    yield Problem(rel, line, col, f"{key} '{meta[key]}' already has a page", other)
        reviewed = meta.get("reviewed")
        if reviewed is not None and not isinstance(reviewed, date):
            line, col = _at(meta, "reviewed")
            yield Problem(rel, line, col, "frontmatter: reviewed is not a date", "write YYYY-MM-DD")
        elif isinstance(reviewed, date) and reviewed > date.today():
            line, col = _at(meta, "reviewed")
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
