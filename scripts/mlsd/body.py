"""Rules for the body of a page: length per section, and the fixed outline of a worked design.

A worked design is read as a sequence of the nine steps, and practice mode hides each step
behind a reveal by its heading, so the headings are part of the page's contract, not style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mlsd.problems import Problem

# Minimum words of original prose per section (macros and code blocks do not count).
MIN_WORDS = {"designs": 2500, "topics": 800, "companies": 500, "notes": 500}
DESIGN_HEADINGS = (
    "Clarifying questions and assumptions",
    "1. Problem formulation",
    "2. Metrics (offline and online)",
    "3. Architecture (MVP)",
    "4. Data collection and preparation",
    "5. Feature engineering",
    "6. Model development and offline evaluation",
    "7. Prediction service",
    "8. Online testing and deployment",
    "9. Scaling, monitoring and updates",
    "Follow-up questions",
    "What a strong answer covers",
    "Case studies",
)
MIN_FOLLOW_UPS = 5
FENCE = re.compile(r"^(```|~~~)")
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _lines(text: str) -> list[tuple[int, str, bool]]:
    """(line number, line, inside a fenced block) for the body after the frontmatter."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0] == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i] == "---"), 0)
    out, fenced = [], False
    for number, line in enumerate(lines[start:], start=start + 1):
        if FENCE.match(line.strip()):
            fenced = not fenced
            out.append((number, line, True))
            continue
        out.append((number, line, fenced))
    return out


def word_count(text: str) -> int:
    prose = "\n".join(line for _, line, fenced in _lines(text) if not fenced)
    return len(MACRO.sub(" ", prose).split())


def body_problems(section: str, text: str, rel: str) -> Iterator[Problem]:
    minimum = MIN_WORDS.get(section)
    if minimum is not None and (words := word_count(text)) < minimum:
        hint = "macros and code blocks do not count"
        yield Problem(rel, 1, 1, f"{words} words of prose; a {section} page needs {minimum}", hint)
    if section == "designs":
        yield from design_problems(text, rel)


def design_problems(text: str, rel: str) -> Iterator[Problem]:
    lines = _lines(text)
    headings = [
        (n, line[3:].strip()) for n, line, fenced in lines if line.startswith("## ") and not fenced
    ]
    found = [h for _, h in headings]
    for i, expected in enumerate(DESIGN_HEADINGS):
        if i >= len(found) or found[i] != expected:
            line = headings[i][0] if i < len(headings) else len(text.split("\n"))
            got = f"'{found[i]}'" if i < len(found) else "the end of the page"
            yield Problem(
                rel,
                line,
                1,
                f"worked design: expected '## {expected}', found {got}",
                "the nine steps and the three closing sections, in order",
            )
            return
    if len(found) > len(DESIGN_HEADINGS):
        line = headings[len(DESIGN_HEADINGS)][0]
        yield Problem(
            rel,
            line,
            1,
            f"worked design: unexpected section '## {found[len(DESIGN_HEADINGS)]}'",
            "use ### inside a step for extra sections",
        )
    sections = _sections(lines, headings)
    if "```mermaid" not in "\n".join(sections["3. Architecture (MVP)"][1]):
        line = sections["3. Architecture (MVP)"][0]
        yield Problem(rel, line, 1, "worked design: the architecture step has no mermaid diagram")
    start, body = sections["Follow-up questions"]
    answered = _answered_questions(body)
    if answered < MIN_FOLLOW_UPS:
        yield Problem(
            rel,
            start,
            1,
            f"worked design: {answered} follow-up questions with answers; needs {MIN_FOLLOW_UPS}",
            "one '### question' heading and an answer paragraph each",
        )


def _sections(
    lines: list[tuple[int, str, bool]], headings: list[tuple[int, str]]
) -> dict[str, tuple[int, list[str]]]:
    out: dict[str, tuple[int, list[str]]] = {}
    bounds = [n for n, _ in headings] + [lines[-1][0] + 1 if lines else 0]
    for (start, title), end in zip(headings, bounds[1:], strict=True):
        out[title] = (start, [line for n, line, _ in lines if start < n < end])
    return out


def _answered_questions(body: list[str]) -> int:
    """`###` headings followed by at least one line of text before the next heading."""
    count, open_question, answered = 0, False, False
    for line in [*body, "### end"]:
        if line.startswith("### "):
            count += open_question and answered
            open_question, answered = True, False
        elif line.strip():
            answered = True
    return count
