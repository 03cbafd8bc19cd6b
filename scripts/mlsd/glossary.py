"""The glossary lives in one file, `includes/abbreviations.md`, as abbreviation definitions.

pymdownx.snippets appends that file to every page, so each term gets a hover and focus
definition wherever it appears; the glossary page lists the same lines, so the two never drift.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.+?)\s*$")


def read_terms(path: Path) -> list[tuple[str, str]]:
    terms = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        match = DEFINITION.match(line)
        if match is None:
            raise ValueError(f"{path}:{number}: not a definition line '*[TERM]: text'")
        terms.append((match["term"], match["text"]))
    return sorted(terms, key=lambda t: t[0].lower())


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
