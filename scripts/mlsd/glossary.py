"""The glossary lives in one file, `includes/abbreviations.md`, as abbreviation definitions.

pymdownx.snippets appends that file to every page, so each term gets a hover and focus
definition wherever it appears; the glossary page lists the same lines, so the two never drift.

A blank line separates definitions. Python-Markdown's abbreviation processor takes one
definition from a block and hands the rest back, after which every block processor re-scans
that rest: one block of 136 definitions cost 0.2 s on each of the site's pages, 80 % of the
whole build.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.+?)\s*$")


def parse(path: Path) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    """The terms, sorted, and each problem as (line, message)."""
    terms: list[tuple[str, str]] = []
    problems: list[tuple[int, str]] = []
    previous = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            match = DEFINITION.match(line)
            if match is None:
                problems.append((number, "not a definition line '*[TERM]: text'"))
            elif previous.strip():
                problems.append((number, "put a blank line before this definition"))
            else:
                terms.append((match["term"], match["text"]))
        previous = line
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
