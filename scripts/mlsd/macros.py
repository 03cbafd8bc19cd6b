"""Macros that pages call through mkdocs-macros (pages opt in with `render_macros: true`).

`cite(id)` and `resources(...)` put catalog records on a page; `explorer()` renders the whole
catalog. After the build, the exports and the schemas are written next to the site. An unknown
id or filter value raises, and `on_error_fail` turns that into a failed build naming the page.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mlsd import catalog as catalog_module
from mlsd.contents import read_pages
from mlsd.export import FORMATS
from mlsd.glossary import read_terms, render_glossary
from mlsd.indexes import (
    designs_using,
    render_coverage,
    render_designs_index,
    render_page_links,
    render_section_index,
    render_timeline,
)
from mlsd.render import (
    render_catalog,
    render_cite,
    render_explorer,
    render_list,
    render_table,
)


class CatalogError(ValueError):
    pass


def define_env(env: Any) -> None:
    """Entry point that mkdocs-macros calls once per build."""
    root = Path(env.conf["config_file_path"]).parent
    catalog = catalog_module.load(root / "data")
    env.variables["catalog"] = catalog

    def fail(message: str) -> CatalogError:
        page = env.page.file.src_uri if env.page else "?"
        return CatalogError(f"docs/{page}: {message}")

    def cite(record_id: str) -> str:
        if record_id not in catalog.by_id:
            raise fail(f"cite(): no resource with id '{record_id}' in data/resources.yml")
        return render_cite(catalog.by_id[record_id])

    def resources(style: str = "list", **filters: Any) -> str:
        """Records matching filters named as in `Catalog.select` (org, topic, step, ...)."""
        vocabularies: dict[str, Any] = {
            "org": catalog.orgs,
            "topic": catalog.topics,
            "step": catalog.steps,
            "kind": catalog_module.KINDS,
            "industry": catalog.industries,
            "year": range(1900, 2200),
        }
        for name, value in filters.items():
            if name not in vocabularies:
                raise fail(f"resources(): unknown filter '{name}' (use {', '.join(vocabularies)})")
            if value not in vocabularies[name]:
                raise fail(f"resources(): unknown {name} '{value}'")
        if style not in ("list", "table"):
            raise fail(f"resources(): style must be 'list' or 'table', not '{style}'")
        records = catalog.select(**filters)
        if not records:
            raise fail("resources(): no record matches these filters")
        return (render_list if style == "list" else render_table)(records, catalog)

    def explorer() -> str:
        return render_explorer(catalog)

    def all_resources() -> str:
        return render_catalog(catalog)

    def glossary() -> str:
        return render_glossary(read_terms(root / "includes" / "abbreviations.md"))

    # Read when first needed, once per build: the index macros see every page's frontmatter.
    pages: list[Any] = []

    def all_pages() -> list[Any]:
        if not pages:
            pages.extend(read_pages(root / "docs"))
        return pages

    def here() -> str:
        return str(env.page.file.src_uri)

    def timeline(org: str) -> str:
        if org not in catalog.orgs:
            raise fail(f"timeline(): unknown org '{org}'")
        return render_timeline(catalog.select(org=org), catalog)

    def designs_for(topic: str | None = None, org: str | None = None) -> str:
        if (topic is None) == (org is None):
            raise fail("designs_for(): give exactly one of topic= or org=")
        if topic is not None and topic not in catalog.topics:
            raise fail(f"designs_for(): unknown topic '{topic}'")
        if org is not None and org not in catalog.orgs:
            raise fail(f"designs_for(): unknown org '{org}'")
        found = designs_using(all_pages(), catalog, topic=topic, org=org)
        return render_page_links(found, here(), "No worked design uses it yet.")

    def designs_index() -> str:
        return render_designs_index(all_pages(), catalog, here())

    def section_index(name: str) -> str:
        return render_section_index(all_pages(), name, here())

    def coverage() -> str:
        return render_coverage(all_pages(), catalog, here())

    for macro in (
        cite,
        resources,
        explorer,
        all_resources,
        glossary,
        timeline,
        designs_for,
        designs_index,
        section_index,
        coverage,
    ):
        env.macro(macro)


def on_post_build(env: Any) -> None:
    """Downloads generated from the same data as the pages: JSON, CSV and the schemas."""
    site = Path(env.conf["site_dir"])
    data_dir = Path(env.conf["config_file_path"]).parent / "data"
    catalog = env.variables["catalog"]
    for fmt, convert in FORMATS.items():
        (site / f"resources.{fmt}").write_text(convert(catalog), encoding="utf-8")
    shutil.copytree(data_dir / "schema", site / "schema", dirs_exist_ok=True)
