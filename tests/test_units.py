"""Small pure functions of the mlsd package."""

from __future__ import annotations

import os
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest

from mlsd.diagrams import fence
from mlsd.glossary import GlossaryExtension, read_terms, render_glossary
from mlsd.tables import TablesExtension
from mlsd.urls import normalise


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.example.org/a/", "http://example.org/a"),
        ("https://example.org/a?utm_source=x&id=3", "https://example.org/a?id=3"),
        ("https://Example.org/a#part", "https://example.org/a"),
        ("https://example.org/p?source=collection_home---4", "https://example.org/p"),
    ],
)
def test_same_resource_normalises_equal(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.org/watch?v=1", "https://example.org/watch?v=2"),
        ("https://example.org/a", "https://example.org/b"),
        ("https://example.org:8443/a", "https://example.org/a"),
    ],
)
def test_different_resources_stay_apart(a: str, b: str) -> None:
    assert normalise(a) != normalise(b)


def test_glossary_reads_sorts_and_renders(tmp_path: Path) -> None:
    source = tmp_path / "abbreviations.md"
    source.write_text("*[nDCG]: A ranking metric.\n\n*[CTR]: Clicks per impression.\n")
    terms = read_terms(source)
    assert terms == [("CTR", "Clicks per impression."), ("nDCG", "A ranking metric.")]
    html = render_glossary(terms)
    assert html.index("## C") < html.index('id="term-ctr"') < html.index("## N")


def test_glossary_names_the_line_of_a_bad_definition(tmp_path: Path) -> None:
    source = tmp_path / "abbreviations.md"
    source.write_text("*[CTR]: Clicks per impression.\nCTR means clicks\n")
    with pytest.raises(ValueError, match=r"abbreviations.md:2: not a definition line"):
        read_terms(source)


def test_glossary_terms_become_abbreviations_and_follow_edits(tmp_path: Path) -> None:
    source = tmp_path / "abbreviations.md"
    source.write_text("*[nDCG]: A ranking metric.\n")

    def convert(text: str) -> str:
        return markdown.markdown(text, extensions=[GlossaryExtension(path=str(source))])

    assert convert("Report nDCG at 10.") == (
        '<p>Report <abbr title="A ranking metric.">nDCG</abbr> at 10.</p>'
    )
    stat = source.stat()
    source.write_text("*[nDCG]: Normalized discounted cumulative gain.\n")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert 'title="Normalized discounted cumulative gain."' in convert("nDCG")


def test_diagrams_leave_the_build_in_the_figure_the_script_draws_into() -> None:
    source = "Before.\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\nAfter.\n"
    fences = [{"name": "mermaid", "class": "atlas-diagram", "format": fence}]
    html = markdown.markdown(
        source,
        extensions=["pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": {"custom_fences": fences}},
    )
    root = etree.fromstring(f"<root>{html}</root>")  # noqa: S314 (our own HTML)
    assert [child.tag for child in root] == ["p", "figure", "p"]
    figure = root[1]
    assert figure.get("class") == "atlas-diagram"
    assert figure.findtext("pre[@class='atlas-diagram']/code") == "flowchart LR\n  A --> B"


def test_tables_leave_the_build_in_their_scroll_wrapper() -> None:
    source = (
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter the table.\n\n"
        '!!! note "Inside"\n\n    | c |\n    |---|\n    | 3 |\n'
    )
    html = markdown.markdown(source, extensions=["tables", "admonition", TablesExtension()])
    root = etree.fromstring(f"<root>{html}</root>")  # noqa: S314 (our own HTML)
    tables = root.findall(".//table")
    assert len(tables) == 2
    for table in tables:
        assert table.get("class") == "atlas-table"
    wrapped = root.findall(
        ".//div[@class='md-typeset__scrollwrap']/div[@class='md-typeset__table']/table"
    )
    assert wrapped == tables
    # The wrapper takes the table's place: the paragraph after it stays after it.
    top = [child.tag for child in root]
    assert top == ["div", "p", "div"]
    assert root[1].text == "After the table."
