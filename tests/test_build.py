"""The strict build is the first gate: broken internal links and anchors must fail it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EDIT_URI, ROOT, built_pages, mkdocs_build
from mlsd.bench import copy_project
from mlsd.bench_site import expanded


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throwaway copy of everything the build reads, so a test may break it."""
    return copy_project(tmp_path)


def append(page: Path, text: str) -> None:
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_real_site_builds_strictly(site_dir: Path) -> None:
    assert (site_dir / "index.html").is_file()
    for section in ("handbook", "designs", "topics", "companies", "resources", "notes"):
        assert (site_dir / section / "index.html").is_file(), section


def test_copy_builds_before_it_is_broken(project_copy: Path, tmp_path: Path) -> None:
    # Guards the two tests below: they must fail because of what they break, not the copy.
    result = mkdocs_build(project_copy / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_broken_internal_link_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    append(project_copy / "docs" / "topics" / "index.md", "\nSee [nowhere](no-such-page.md).\n")
    result = mkdocs_build(project_copy / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
    assert "topics/index.md" in result.stderr


def test_missing_anchor_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    append(
        project_copy / "docs" / "topics" / "index.md", "\nSee [a part](../index.md#no-such-part).\n"
    )
    result = mkdocs_build(project_copy / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "no-such-part" in result.stderr


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('{{ cite("no-such-record") }}', "no resource with id 'no-such-record'"),
        ('{{ resources(org="no-such-org") }}', "unknown org 'no-such-org'"),
        ('{{ resources(colour="red") }}', "unknown filter 'colour'"),
    ],
)
def test_bad_macro_call_fails_the_build_naming_the_page(
    project_copy: Path, tmp_path: Path, call: str, message: str
) -> None:
    page = project_copy / "docs" / "handbook" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\nrender_macros: true\n", 1) + f"\n{call}\n")
    result = mkdocs_build(project_copy / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert "docs/handbook/index.md" in result.stderr
    assert message in result.stderr


def test_bad_glossary_line_fails_the_build_naming_the_line(
    project_copy: Path, tmp_path: Path
) -> None:
    glossary = project_copy / "includes" / "abbreviations.md"
    line = glossary.read_text(encoding="utf-8").count("\n") + 1
    append(glossary, "nDCG is a ranking metric\n")
    result = mkdocs_build(project_copy / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    # The extension's own warning, not only the glossary page's macro failing on the file.
    warning = f"WARNING -  includes/abbreviations.md:{line}: not a definition line"
    assert any(ln.startswith(warning) for ln in result.stderr.splitlines()), result.stderr


def test_every_page_links_its_source_for_editing_and_shows_its_review(site_dir: Path) -> None:
    for source in sorted((ROOT / "docs").rglob("*.md")):
        rel = source.relative_to(ROOT / "docs").as_posix()
        if rel == "notes/index.md":
            continue  # the blog's listing: Material's blog template renders no page footer
        slug = rel.removesuffix(".md").removesuffix("index").removeprefix("notes/posts/")
        built = site_dir / ("notes/" if rel.startswith("notes/posts/") else "") / slug
        html = (built / "index.html").read_text(encoding="utf-8")
        assert f'href="{EDIT_URI}{rel}" rel="edit">Edit this page</a>' in html, rel
        assert "Last reviewed" in html or rel.startswith("notes/posts/"), rel


def test_the_bench_baseline_holds_the_pages_as_the_macros_expand_them(
    project_copy: Path, tmp_path: Path
) -> None:
    content = expanded(project_copy, tmp_path / "expanded")
    catalog = (content / "docs" / "resources" / "all.md").read_text(encoding="utf-8")
    assert catalog.startswith("---\ntitle: All resources in one table\n")
    assert "{{" not in catalog
    assert catalog.count('<tr id="r-') > 800


def test_the_sitemap_lists_every_built_page_and_only_those(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]*)</loc>", sitemap))
    # Test builds keep mkdocs.yml's local site_url.
    built = {"http://127.0.0.1:8000/" + page for page in built_pages(site_dir)}
    assert len(built) > 100
    assert listed == built
