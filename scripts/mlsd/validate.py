"""`mlsd validate`: every problem in the data and the pages, each as `path:line:col: message`.

The YAML is read with ruamel's round-trip loader because it remembers where every key and item
sits, so a schema error can name its line. Rules are small functions that yield `Problem`s; all
of them run, so one run reports everything.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

from mlsd import glossary
from mlsd.pages import ids_of, page_problems
from mlsd.problems import Positions, Problem, load_yaml, locate
from mlsd.urls import normalise

DATA_FILES = ("resources", "orgs", "taxonomy")
RAW_HTML = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style)\b|\son\w+\s*=", re.I)


def json_types(value: Any) -> Any:
    """What a JSON Schema expects: YAML's dates become ISO strings, mappings plain dicts."""
    if isinstance(value, dict):
        return {str(k): json_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_types(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def schema_problems(
    doc: Any, schema: dict[str, Any], rel: str, pos: Positions
) -> Iterator[Problem]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    errors = validator.iter_errors(json_types(doc))
    for error in sorted(errors, key=lambda e: list(map(str, e.path))):
        line, col = locate(pos, tuple(error.absolute_path))
        field = ".".join(map(str, error.absolute_path)) or "file"
        yield Problem(rel, line, col, f"{field}: {error.message}", "see data/schema/")


def url_problem(url: str) -> str | None:
    """Why a URL may not be in the catalog, or None when it may."""
    if any(c.isspace() for c in url):
        return "URL contains whitespace"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"URL scheme '{parts.scheme}:' is not allowed (only http and https)"
    if parts.username or parts.password:
        return "URL carries credentials"
    host = parts.hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return "URL points at localhost"
    if not host or "." not in host:
        return "URL has no public host name"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    return "URL points at a private or local address" if not ip.is_global else None


def _text_fields(record: Any) -> Iterator[tuple[str, str]]:
    for key in ("title", "summary", "name", "description"):
        if isinstance(record.get(key), str):
            yield key, record[key]


def catalog_problems(
    docs: dict[str, Any], positions: dict[str, Positions], today: date
) -> Iterator[Problem]:
    """Cross-references, duplicates and content rules that a schema cannot express."""
    resources, orgs, taxonomy = (docs.get(n) for n in DATA_FILES)
    pos = positions.get("resources", {})
    rel = "data/resources.yml"
    vocab: dict[str, set[Any]] = {
        "orgs": ids_of(orgs),
    }
    if isinstance(taxonomy, dict):
        for key, field in (
            ("topics", "topics"),
            ("steps", "steps"),
            ("industries", "industries"),
            ("sources", "sources"),
        ):
            vocab[field] = ids_of(taxonomy.get(key))
        yield from _topic_parent_problems(taxonomy, positions.get("taxonomy", {}))
    seen_ids: dict[str, int] = {}
    previous: Any = None
    seen_urls: dict[str, tuple[str, int]] = {}
    for index, record in enumerate(resources if isinstance(resources, list) else []):
        if not isinstance(record, dict):
            continue
        rid = record.get("id")
        line = locate(pos, (index,))[0]
        if isinstance(rid, str) and isinstance(previous, str) and rid < previous:
            hint = "records are kept sorted by id, which is where `mlsd add` puts new ones"
            yield Problem(
                rel, line, 3, f"'{rid}' is out of order: it sorts before '{previous}'", hint
            )
        previous = rid if isinstance(rid, str) else previous
        if isinstance(rid, str):
            if rid in seen_ids:
                yield Problem(
                    rel, line, 3, f"duplicate id '{rid}'", f"first at line {seen_ids[rid]}"
                )
            seen_ids.setdefault(rid, line)
        for field, known in vocab.items():
            values = record.get(field)
            for i, value in enumerate(values if isinstance(values, list) else []):
                if value not in known:
                    ln, col = locate(pos, (index, field, i))
                    home = "orgs" if field == "orgs" else "taxonomy"
                    message = f"{rid}: unknown {SINGULAR[field]} '{value}'"
                    yield Problem(rel, ln, col, message, f"use an id from data/{home}.yml")
        links = record.get("links")
        urls = [(record.get("url"), (index, "url"))] + [
            (x.get("url"), (index, "links", j, "url"))
            for j, x in enumerate(links if isinstance(links, list) else [])
            if isinstance(x, dict)
        ]
        for url, at in urls:
            if not isinstance(url, str):
                continue
            ln, col = locate(pos, at)
            if (reason := url_problem(url)) is not None:
                yield Problem(
                    rel, ln, col, f"{rid}: {reason}", "use the resource's public https URL"
                )
            norm = normalise(url)
            if norm in seen_urls:
                other, other_line = seen_urls[norm]
                message = f"{rid}: URL already in record '{other}'"
                yield Problem(rel, ln, col, message, f"line {other_line}; merge the two records")
            seen_urls.setdefault(norm, (str(rid), ln))
        for key, text in _text_fields(record):
            if RAW_HTML.search(text):
                ln, col = locate(pos, (index, key))
                yield Problem(rel, ln, col, f"{rid}: raw HTML in {key}", "write plain text")
        for key in ("added", "checked"):
            value = record.get(key)
            if isinstance(value, date) and value > today:
                ln, col = locate(pos, (index, key))
                yield Problem(rel, ln, col, f"{rid}: {key} date {value} is in the future")
        year = record.get("year")
        if isinstance(year, int) and year > today.year:
            ln, col = locate(pos, (index, "year"))
            yield Problem(rel, ln, col, f"{rid}: year {year} is in the future")


def _topic_parent_problems(taxonomy: Any, pos: Positions) -> Iterator[Problem]:
    items = taxonomy.get("topics")
    topics = list(enumerate(items)) if isinstance(items, list) else []
    ids = ids_of(items)
    for i, t in topics:
        parent = t.get("parent") if isinstance(t, dict) else None
        if parent is not None and parent not in ids:
            ln, col = locate(pos, ("topics", i, "parent"))
            yield Problem(
                "data/taxonomy.yml", ln, col, f"topic '{t.get('id')}': unknown parent '{parent}'"
            )


SINGULAR = {
    "orgs": "org",
    "topics": "topic",
    "steps": "step",
    "industries": "industry",
    "sources": "source",
}
DATE_LINE = re.compile(r"^\s*-?\s*(added|checked):\s*['\"]?([^'\"\s#]+)")


def date_problems(path: Path, rel: str) -> Iterator[Problem]:
    """Impossible dates, found by line: the YAML loader rejects them without saying where."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return
    for number, line in enumerate(lines, start=1):
        if (match := DATE_LINE.match(line)) is None:
            continue
        try:
            date.fromisoformat(match.group(2))
        except ValueError:
            column = match.start(2) + 1
            message = f"{match.group(1)}: '{match.group(2)}' is not a valid date"
            yield Problem(rel, number, column, message, "write YYYY-MM-DD")


def validate(root: Path, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    problems: list[Problem] = []
    docs: dict[str, Any] = {}
    positions: dict[str, Positions] = {}
    for name in DATA_FILES:
        rel = f"data/{name}.yml"
        doc, positions[name], found = load_yaml(root / rel, rel)
        problems += found
        problems += date_problems(root / rel, rel)
        if doc is None:
            continue
        docs[name] = doc
        schema_path = root / "data" / "schema" / f"{name}.schema.json"
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        problems += schema_problems(doc, schema, rel, positions[name])
    problems += catalog_problems(docs, positions, today)
    problems += page_problems(root, docs)
    problems += glossary_problems(root)
    return problems


def glossary_problems(root: Path) -> Iterator[Problem]:
    """Like the pages, checked where it exists: `mlsd add` validates a copy of data/ alone."""
    rel = "includes/abbreviations.md"
    if not (root / rel).exists():
        return
    try:
        _, found = glossary.parse(root / rel)
    except (OSError, UnicodeDecodeError) as error:
        found = [(1, f"cannot read the glossary: {error}")]
    for line, message in found:
        yield Problem(rel, line, 1, message, "one '*[TERM]: text' per line")
