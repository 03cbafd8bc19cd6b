"""The catalog as JSON and CSV, for the site's downloads and `mlsd export`."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from mlsd.catalog import Catalog, Resource

CSV_COLUMNS = (
    "id", "title", "url", "kind", "orgs", "topics", "steps", "industries",
    "year", "summary", "sources", "added", "links",
)  # fmt: skip


def record_dict(record: Resource) -> dict[str, Any]:
    """A record as plain JSON types, empty optional fields left out."""
    raw = asdict(record)
    raw["added"] = record.added.isoformat()
    return {k: v for k, v in raw.items() if v not in (None, (), [])}


def to_json(catalog: Catalog) -> str:
    records = [record_dict(r) for r in catalog.resources]
    return json.dumps({"count": len(records), "resources": records}, ensure_ascii=False, indent=1)


def to_csv(catalog: Catalog) -> str:
    """One row per record; list fields joined with `; `, extra links as `label <url>`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in catalog.resources:
        writer.writerow(
            {
                "id": r.id,
                "title": r.title,
                "url": r.url or "",
                "kind": r.kind,
                "orgs": "; ".join(r.orgs),
                "topics": "; ".join(r.topics),
                "steps": "; ".join(map(str, r.steps)),
                "industries": "; ".join(r.industries),
                "year": r.year or "",
                "summary": r.summary or "",
                "sources": "; ".join(r.sources),
                "added": r.added.isoformat(),
                "links": "; ".join(f"{x.label} <{x.url}>" for x in r.links),
            }
        )
    return out.getvalue()


FORMATS = {"json": to_json, "csv": to_csv}
