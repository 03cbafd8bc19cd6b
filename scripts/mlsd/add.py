"""`mlsd add URL`: one new catalog record, checked and written in its sorted place.

The record is spliced into `data/resources.yml` as text, between the records that sort around
its id, so every other byte (comments, wrapping, quoting) stays as it was. The candidate file
is validated as a whole before it replaces the old one in a single atomic rename.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from mlsd.catalog import Catalog, Resource
from mlsd.problems import Problem
from mlsd.urls import normalise

RECORD_START = re.compile(r"(?m)^- id: (\S+)")
STOP_WORDS = {"a", "an", "the", "of", "for", "and", "to", "in", "on", "at", "with", "how", "we"}
KIND_BY_HOST = {"arxiv.org": "paper", "youtube.com": "video", "github.com": "repo"}


class AddError(Exception):
    """A refusal, with the message to show; the catalog file is untouched."""


@dataclass
class Draft:
    url: str
    title: str | None = None
    kind: str | None = None
    orgs: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    year: int | None = None
    summary: str | None = None
    id: str | None = None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _prefix(url: str) -> str:
    """Host and first path segment: enough to tell medium.com/airbnb-engineering apart."""
    parts = urlsplit(url)
    first = parts.path.strip("/").split("/", 1)[0]
    return f"{_host(url)}/{first}"


def duplicate_of(url: str, catalog: Catalog) -> Resource | None:
    key = normalise(url)
    for record in catalog.resources:
        urls = [record.url, *(x.url for x in record.links)]
        if any(u and normalise(u) == key for u in urls):
            return record
    return None


def guess(draft: Draft, catalog: Catalog) -> Draft:
    """Defaults a contributor only confirms: kind from the host, organisations from records
    at the same address, year from a date in the path."""
    host, prefix = _host(draft.url), _prefix(draft.url)
    kind = KIND_BY_HOST.get(host, "article")
    same = [r for r in catalog.resources if r.url and _prefix(r.url) == prefix]
    same = same or [r for r in catalog.resources if r.url and _host(r.url) == host]
    common = Counter(o for r in same for o in r.orgs).most_common(1)
    year = re.search(r"/(20[0-4]\d)/", urlsplit(draft.url).path)
    return Draft(
        url=draft.url,
        kind=kind,
        orgs=[common[0][0]] if common and len(same) >= 2 else [],
        year=int(year.group(1)) if year else None,
    )


def make_id(draft: Draft, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", (draft.title or "").lower())
    kept = [w for w in words if w not in STOP_WORDS][:6]
    base = "-".join(([draft.orgs[0]] if draft.orgs else []) + kept) or "resource"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def record_text(draft: Draft, today: date) -> str:
    """The record in the file's own style: flow lists, a folded summary wrapped at 100."""
    record = CommentedMap()
    record["id"] = draft.id
    record["title"] = draft.title
    record["url"] = draft.url
    record["kind"] = draft.kind
    for key in ("orgs", "topics", "steps", "industries"):
        values = getattr(draft, key)
        if values or key in ("orgs", "topics"):
            seq = CommentedSeq(values)
            seq.fa.set_flow_style()
            record[key] = seq
    if draft.year is not None:
        record["year"] = draft.year
    yaml = YAML()
    yaml.width = 4096  # never wrap a URL or a title
    yaml.indent(mapping=2, sequence=2, offset=0)
    out = StringIO()
    yaml.dump([record], out)
    text = out.getvalue()
    if draft.summary:
        body = textwrap.fill(" ".join(draft.summary.split()), 96, initial_indent="    ")
        text += "  summary: >-\n" + textwrap.indent(body.strip(), "    ") + "\n"
    return text + f"  sources: [contributor]\n  added: {today.isoformat()}\n"


def insert(text: str, record_id: str, record: str) -> tuple[str, int]:
    """The file with the record before the first record whose id sorts after it."""
    for match in RECORD_START.finditer(text):
        if match.group(1) > record_id:
            at = match.start()
            return text[:at] + record + text[at:], text.count("\n", 0, at) + 1
    joined = text if text.endswith("\n") else text + "\n"
    return joined + record, joined.count("\n") + 1


def check(root: Path, new_text: str) -> list[Problem]:
    """Validate the data folder as it would be, in a scratch copy."""
    from mlsd.validate import validate  # imported late: validation pulls in jsonschema

    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(root / "data", Path(scratch) / "data")
        (Path(scratch) / "data" / "resources.yml").write_text(new_text, encoding="utf-8")
        return validate(Path(scratch))


def write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never half of one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
