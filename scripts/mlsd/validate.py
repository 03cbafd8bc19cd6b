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

from mlsd.pages import page_problems
from mlsd.problems import Problem, load_yaml, where
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


def schema_problems(doc: Any, schema: dict[str, Any], rel: str) -> Iterator[Problem]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    errors = validator.iter_errors(json_types(doc))
    for error in sorted(errors, key=lambda e: list(map(str, e.path))):
        node, key = doc, None
        for part in error.absolute_path:
            parent = node
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
            key = part
            if not hasattr(node, "lc"):
                node = parent
                break
        line, col = where(node, key) if key is not None and node is not doc else where(node)
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
    if not host or "." not in host:
        return "URL has no public host name"
    if host == "localhost" or host.endswith(".localhost"):
        return "URL points at localhost"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    return "URL points at a private or local address" if not ip.is_global else None


def _text_fields(record: Any) -> Iterator[tuple[str, str]]:
    for key in ("title", "summary", "name", "description"):
        if isinstance(record.get(key), str):
            yield key, record[key]


def catalog_problems(docs: dict[str, Any], today: date) -> Iterator[Problem]:
    """Cross-references, duplicates and content rules that a schema cannot express."""
    resources, orgs, taxonomy = (docs.get(n) for n in DATA_FILES)
    rel = "data/resources.yml"
    vocab: dict[str, set[Any]] = {
        "orgs": {o.get("id") for o in orgs or [] if isinstance(o, dict)},
    }
    if isinstance(taxonomy, dict):
        for key, field in (
            ("topics", "topics"),
            ("steps", "steps"),
            ("industries", "industries"),
            ("sources", "sources"),
        ):
            vocab[field] = {t.get("id") for t in taxonomy.get(key) or [] if isinstance(t, dict)}
        yield from _topic_parent_problems(taxonomy)
    seen_ids: dict[str, int] = {}
    seen_urls: dict[str, tuple[str, int]] = {}
    for index, record in enumerate(resources or []):
        if not isinstance(record, dict):
            continue
        rid = record.get("id")
        line = where(resources, index)[0]
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
                    ln, col = where(values, i)
                    home = "orgs" if field == "orgs" else "taxonomy"
                    message = f"{rid}: unknown {field[:-1]} '{value}'"
                    yield Problem(rel, ln, col, message, f"use an id from data/{home}.yml")
        urls = [(record.get("url"), record, "url")]
        urls += [(x.get("url"), x, "url") for x in record.get("links") or [] if isinstance(x, dict)]
        for url, node, key in urls:
            if not isinstance(url, str):
                continue
            ln, col = where(node, key)
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
                ln, col = where(record, key)
                yield Problem(rel, ln, col, f"{rid}: raw HTML in {key}", "write plain text")
        for key in ("added", "checked"):
            value = record.get(key)
            if isinstance(value, date) and value > today:
                ln, col = where(record, key)
                yield Problem(rel, ln, col, f"{rid}: {key} date {value} is in the future")
        year = record.get("year")
        if isinstance(year, int) and year > today.year:
            ln, col = where(record, "year")
            yield Problem(rel, ln, col, f"{rid}: year {year} is in the future")


def _topic_parent_problems(taxonomy: Any) -> Iterator[Problem]:
    topics = [t for t in taxonomy.get("topics") or [] if isinstance(t, dict)]
    ids = {t.get("id") for t in topics}
    for t in topics:
        parent = t.get("parent")
        if parent is not None and parent not in ids:
            ln, col = where(t, "parent")
            yield Problem(
                "data/taxonomy.yml", ln, col, f"topic '{t.get('id')}': unknown parent '{parent}'"
            )


def validate(root: Path, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    problems: list[Problem] = []
    docs: dict[str, Any] = {}
    for name in DATA_FILES:
        rel = f"data/{name}.yml"
        doc, found = load_yaml(root / rel, rel)
        problems += found
        if doc is None:
            continue
        docs[name] = doc
        schema_path = root / "data" / "schema" / f"{name}.schema.json"
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        problems += schema_problems(doc, schema, rel)
    problems += catalog_problems(docs, today)
    problems += page_problems(root, docs)
    return problems
