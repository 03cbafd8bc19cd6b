"""The catalog holds every resource of the seeds and the source lists, and says so everywhere."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, SHARED
from mlsd import catalog as catalog_module
from mlsd.catalog import Catalog, read_yaml
from mlsd.urls import normalise
from mlsd.validate import json_types

DATA = ROOT / "data"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"{SHARED} is absent: source coverage cannot be compared"
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return catalog_module.load(DATA)


def catalog_urls(catalog: Catalog) -> set[str]:
    return {normalise(u) for r in catalog.resources for u in r.urls}


@pytest.mark.parametrize("name", ["resources", "orgs", "taxonomy"])
def test_data_follows_its_schema(name: str) -> None:
    schema = json.loads((DATA / "schema" / f"{name}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    doc = json_types(read_yaml(DATA / f"{name}.yml"))
    errors = list(Draft202012Validator(schema).iter_errors(doc))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors[:10]]
    first_line = (DATA / f"{name}.yml").read_text().splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=schema/{name}.schema.json"


def test_ids_and_urls_are_unique(catalog: Catalog) -> None:
    assert len(catalog.by_id) == len(catalog.resources)
    urls = [normalise(u) for r in catalog.resources for u in r.urls]
    assert len(urls) == len(set(urls))


def test_references_resolve(catalog: Catalog) -> None:
    for r in catalog.resources:
        assert r.topics, r.id
        assert set(r.orgs) <= catalog.orgs.keys(), r.id
        assert set(r.topics) <= catalog.topics.keys(), r.id
        assert set(r.steps) <= catalog.steps.keys(), r.id
        assert set(r.industries) <= catalog.industries.keys(), r.id
        assert set(r.sources) <= catalog.sources.keys(), r.id


SEED_URL = re.compile(r"https?://[^\s)>\]]+")
BLOG = re.compile(r"Official Blog: \[(https?://[^\]]+)\]")


@needs_shared
def test_every_seed_resource_is_a_record_or_an_org_blog(catalog: Catalog) -> None:
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in (SHARED / "seeds").glob("*.txt"))
    blogs = {normalise(u) for u in BLOG.findall(seeds)}
    assert blogs == {normalise(o.blog) for o in catalog.orgs.values() if o.blog}
    missing = {u for u in SEED_URL.findall(seeds) if normalise(u) not in blogs} - {
        u for u in SEED_URL.findall(seeds) if normalise(u) in catalog_urls(catalog)
    }
    assert missing == set()


@needs_shared
def test_every_newsletter_issue_is_a_record(catalog: Catalog) -> None:
    newsletter = [r for r in catalog.resources if r.kind == "newsletter"]
    assert len(newsletter) == 21
    assert all(r.url is None and r.summary for r in newsletter)


@needs_shared
@pytest.mark.parametrize("source", ["applied-ml.csv", "ml-case-studies.csv"])
def test_every_source_row_is_in_the_catalog(catalog: Catalog, source: str) -> None:
    with (SHARED / "sources" / source).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    known = catalog_urls(catalog)
    missing = [
        f"line {r['readme_line']}: {r['url']}" for r in rows if normalise(r["url"]) not in known
    ]
    assert missing == []


def test_counts_agree_across_yaml_json_csv_and_explorer(catalog: Catalog, site_dir: Path) -> None:
    yaml_count = len(read_yaml(DATA / "resources.yml"))
    exported = json.loads((site_dir / "resources.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((site_dir / "resources.csv").read_text("utf-8"))))
    # The explorer fetches its rows past the first page from the whole-catalog page.
    page = (site_dir / "resources" / "all" / "index.html").read_text(encoding="utf-8")
    table_rows = len(re.findall(r'<tr id="r-', page))
    assert yaml_count == exported["count"] == len(exported["resources"]) == len(rows) == table_rows
    assert (site_dir / "schema" / "resources.schema.json").is_file()


def test_cli_export_matches_the_site(site_dir: Path) -> None:
    from typer.testing import CliRunner

    from mlsd.cli import app

    for fmt in ("json", "csv"):
        result = CliRunner().invoke(app, ["export", "--format", fmt])
        assert result.exit_code == 0, result.output
        assert result.stdout == (site_dir / f"resources.{fmt}").read_text(encoding="utf-8")
