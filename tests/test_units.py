"""Small pure functions of the mlsd package."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlsd.glossary import read_terms, render_glossary
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
