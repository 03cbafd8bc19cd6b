"""Rules for the pages under `docs/`: frontmatter per section, citations, no pasted URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mlsd.body import body_problems
from mlsd.problems import Positions, Problem, locate, parse_yaml

EXTERNAL_LINK = re.compile(r"(?<![\w/])https?://[^\s)\"'>]+")
CITE = re.compile(r"""cite\(\s*["']([^"']*)["']\s*\)""")
FRONTMATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# Extra frontmatter keys each section requires, beyond title and description.
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "handbook": ("reviewed",),
    "designs": ("question", "category", "difficulty", "topics", "reviewed"),
    "topics": ("topic", "reviewed"),
    "companies": ("org", "reviewed"),
    "notes": ("date", "categories"),
}
DIFFICULTIES = ("easy", "medium", "hard")
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
    questions = taxonomy.get("questions")
    known = {
        "org": ids_of(docs.get("orgs")),
        "topic": ids_of(taxonomy.get("topics")),
        "category": ids_of(taxonomy.get("categories")),
        "step": ids_of(taxonomy.get("steps")),
        "question": ids_of(questions),
        "difficulty": set(DIFFICULTIES),
    }
    category_of = {
        q.get("id"): q.get("category")
        for q in (questions if isinstance(questions, list) else [])
        if isinstance(q, dict)
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
        content_page = path.name not in INDEX_PAGES
        post = section == "notes" and content_page
        # Every page shows when it was last reviewed; a note shows its date instead.
        required = ["title", "description"] + ([] if post else ["reviewed"])
        if content_page:
            required += [k for k in SECTION_KEYS.get(section, ()) if k not in required]
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
            if key in meta and _hashable(meta[key]) not in values:
                line, col = locate(pos, (key,))
                yield Problem(rel, line, col, f"frontmatter: unknown {key} '{meta[key]}'")
            elif key in ("org", "topic", "question") and key in meta:
                other = owners.setdefault((key, str(meta[key])), rel)
                if other != rel:
                    line, col = locate(pos, (key,))
                    yield Problem(rel, line, col, f"{key} '{meta[key]}' already has a page", other)
        if post and meta.get("slug") != path.stem:
            line, col = locate(pos, ("slug",)) if "slug" in meta else (1, 1)
            hint = "a note's address is its file name, so its source is easy to find"
            yield Problem(rel, line, col, f"frontmatter: slug must be '{path.stem}'", hint)
        question = _hashable(meta.get("question"))
        if question in category_of and meta.get("category") != category_of[question]:
            line, col = locate(pos, ("category",))
            expected = category_of[question]
            message = f"frontmatter: question '{question}' belongs to category '{expected}'"
            yield Problem(rel, line, col, message, "see questions in data/taxonomy.yml")
        yield from _topics_list_problems(meta, pos, rel, known["topic"])
        for key in ("reviewed", "date"):
            yield from _date_problems(meta, pos, rel, key)
        if content_page:
            yield from body_problems(section, text, rel)


def _hashable(value: Any) -> Any:
    return value if isinstance(value, (str, int)) or value is None else repr(value)


def _topics_list_problems(
    meta: dict[str, Any], pos: Positions, rel: str, topics: set[Any]
) -> Iterator[Problem]:
    """The `topics:` of a worked design or a note: a list of taxonomy ids."""
    if "topics" not in meta:
        return
    values = meta["topics"]
    if not isinstance(values, list):
        line, col = locate(pos, ("topics",))
        yield Problem(rel, line, col, "frontmatter: topics must be a list of topic ids")
        return
    for i, value in enumerate(values):
        if _hashable(value) not in topics:
            line, col = locate(pos, ("topics", i))
            yield Problem(rel, line, col, f"frontmatter: unknown topic '{value}'")


def _date_problems(meta: dict[str, Any], pos: Positions, rel: str, key: str) -> Iterator[Problem]:
    value = meta.get(key)
    if value is None:
        return
    line, col = locate(pos, (key,))
    if not isinstance(value, date):
        yield Problem(rel, line, col, f"frontmatter: {key} is not a date", "write YYYY-MM-DD")
    elif (value.date() if isinstance(value, datetime) else value) > date.today():
        yield Problem(rel, line, col, f"frontmatter: {key} {value} is in the future")


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
