"""The glossary lives in one file, `includes/abbreviations.md`, one `*[TERM]: text` per line.

As a Markdown extension (`mlsd.glossary` in mkdocs.yml) it hands those terms to Python-Markdown's
abbreviation extension as its glossary, so every occurrence of a term on any page gets a hover
and focus definition; the glossary page lists the same lines, so the two never drift.

Appending the file to every page instead (pymdownx.snippets' auto_append) made Markdown parse
136 definitions on each of the ~190 conversions of a build, blog excerpts included: 5.7 ms of a
field note's 13 ms. A Markdown extension rather than an MkDocs hook or plugin, because Zensical
reads `markdown_extensions` from the same mkdocs.yml but ignores those.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor

DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.+?)\s*$")


def parse(path: Path) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """The terms, sorted, and each problem as (line, message)."""
    terms: list[tuple[str, str]] = []
    problems: list[tuple[int, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = DEFINITION.match(line)
        if match is None:
            problems.append((number, "not a definition line '*[TERM]: text'"))
        else:
            terms.append((match["term"], match["text"]))
    return sorted(terms, key=lambda t: t[0].lower()), problems


def read_terms(path: Path) -> list[tuple[str, str]]:
    terms, problems = parse(path)
    for number, message in problems:
        raise ValueError(f"{path}:{number}: {message}")
    return terms


def render_glossary(terms: list[tuple[str, str]]) -> str:
    """A definition list grouped by first letter, each term with an anchor to link to."""
    out: list[str] = []
    letter = ""
    for term, text in terms:
        first = term[0].upper() if term[0].isalpha() else "#"
        if first != letter:
            letter = first
            out.append(f"\n## {letter}\n")
        slug = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
        out.append(f'<dl id="term-{slug}"><dt>{escape(term)}</dt><dd>{escape(text)}</dd></dl>')
    return "\n".join(out) + "\n"


# Under "mkdocs." so that a strict build counts the warning and stops, naming the line, where
# an exception in an extension would surface as MkDocs' traceback.
log = logging.getLogger("mkdocs.plugins.mlsd.glossary")
_reported: set[tuple[Path, int]] = set()


@cache
def _parse(path: Path, mtime_ns: int) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Once per version of the file: a build makes a Markdown instance per page and per blog
    excerpt, and `mkdocs serve` rebuilds after the glossary changes."""
    try:
        terms, problems = parse(path)
    except (OSError, UnicodeDecodeError) as error:
        return {}, [(1, f"cannot read the glossary: {error}")]
    return dict(terms), problems


class _Report(Treeprocessor):
    """Warns of the file's bad lines from the first page converted, once per version of the
    file; the first Markdown instance is MkDocs' check of its configuration, before a build
    counts warnings."""

    def __init__(self, md: Markdown, path: Path, version: int, problems: list[tuple[int, str]]):
        super().__init__(md)
        self.path, self.version, self.problems = path, version, problems

    def run(self, root: etree.Element) -> None:
        if self.problems and (self.path, self.version) not in _reported:
            _reported.add((self.path, self.version))
            for number, message in self.problems:
                log.warning("%s:%d: %s", self.path, number, message)


class GlossaryExtension(AbbrExtension):
    def __init__(self, **kwargs: Any) -> None:
        self.path = Path(kwargs.pop("path", "includes/abbreviations.md"))
        self.version = self.path.stat().st_mtime_ns if self.path.exists() else 0
        terms, self.problems = _parse(self.path, self.version)
        super().__init__(glossary=terms, **kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(
            _Report(md, self.path, self.version, self.problems), "glossary", 0
        )


def makeExtension(**kwargs: Any) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)
