"""`mlsd validate`: one fixture per rule, each asserting exit code, file:line and message."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from mlsd.body import DESIGN_HEADINGS

MLSD = Path(sys.executable).parent / "mlsd"
GOOD = {
    "id": "zz-test-record",
    "title": "A test record",
    "url": "https://example.org/zz-test-record",
    "kind": "article",
    "orgs": "[netflix]",
    "topics": "[recommendation]",
    "sources": "[contributor]",
    "added": "2026-01-02",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("data", "docs", "includes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def run(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MLSD), "validate", "--root", str(project), *extra],
        capture_output=True,
        text=True,
        check=False,
    )


def add_record(project: Path, **fields: str) -> dict[str, int]:
    """Append one record to resources.yml; returns the line number of each of its keys."""
    path = project / "data" / "resources.yml"
    text = path.read_text(encoding="utf-8")
    start = text.count("\n") + (0 if text.endswith("\n") else 1) + 1
    record = {**GOOD, **fields}
    lines, where = [], {}
    for i, (key, value) in enumerate((k, v) for k, v in record.items() if v is not None):
        lines.append(("- " if i == 0 else "  ") + f"{key}: {value}")
        where[key] = start + i
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return where


def assert_reports(result: subprocess.CompletedProcess[str], location: str, message: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    matching = [ln for ln in result.stdout.splitlines() if ln.startswith(location)]
    assert any(message in ln for ln in matching), result.stdout


def test_clean_repository_passes() -> None:
    result = run(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


def test_a_glossary_line_that_is_not_a_definition(project: Path) -> None:
    path = project / "includes" / "abbreviations.md"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    path.write_text(text + "XYZ means something.\n", encoding="utf-8")
    line = text.count("\n") + 1
    assert_reports(run(project), f"includes/abbreviations.md:{line}:1:", "not a definition line")


def test_good_record_passes(project: Path) -> None:
    add_record(project)
    assert run(project).returncode == 0


@pytest.mark.parametrize(
    ("fields", "key", "message"),
    [
        ({"kind": "podcast"}, "kind", "'podcast' is not one of"),
        ({"orgs": "[no-such-org]"}, "orgs", "unknown org 'no-such-org'"),
        ({"topics": "[no-such-topic]"}, "topics", "unknown topic 'no-such-topic'"),
        ({"industries": "[mining]"}, "industries", "unknown industry 'mining'"),
        ({"url": "javascript:alert(1)"}, "url", "javascript"),
        ({"url": "https://user:pw@example.org/x"}, "url", "credentials"),
        ({"url": "http://localhost:8000/x"}, "url", "localhost"),
        ({"url": "http://192.168.1.4/x"}, "url", "private or local address"),
        ({"url": "'https://example.org/a b'"}, "url", "whitespace"),
        ({"summary": "'Nice <script>alert(1)</script>'"}, "summary", "raw HTML in summary"),
        ({"summary": "'<img src=x onerror=alert(1)>'"}, "summary", "raw HTML in summary"),
        ({"added": "2999-01-01"}, "added", "in the future"),
        ({"added": "2026-02-30"}, "added", "added"),
        ({"year": "'nineteen'"}, "year", "year"),
        ({"title": "''"}, "title", "title"),
    ],
)
def test_bad_record_is_reported_at_its_line(
    project: Path, fields: dict[str, str], key: str, message: str
) -> None:
    lines = add_record(project, **fields)
    assert_reports(run(project), f"data/resources.yml:{lines[key]}:", message)


def test_duplicate_id(project: Path) -> None:
    first = add_record(project)
    second = add_record(project, url="https://example.org/other")
    assert_reports(run(project), f"data/resources.yml:{second['id']}:", "duplicate id")
    assert first["id"] < second["id"]


def test_duplicate_url_after_normalisation(project: Path) -> None:
    add_record(project)
    again = add_record(
        project, id="zz-again", url="http://www.example.org/zz-test-record/?utm_source=feed"
    )
    assert_reports(run(project), f"data/resources.yml:{again['url']}:", "already in record")


def test_yaml_duplicate_key(project: Path) -> None:
    lines = add_record(project, kind="article\n  kind: paper")
    assert_reports(run(project), f"data/resources.yml:{lines['kind'] + 1}:", "duplicate key")


def test_broken_yaml_syntax(project: Path) -> None:
    lines = add_record(project, title="[unclosed")
    assert_reports(run(project), "data/resources.yml:", "YAML")
    assert lines["title"]


def test_unknown_topic_parent(project: Path) -> None:
    path = project / "data" / "taxonomy.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "topics:\n", "topics:\n  - id: zz-orphan\n    name: Orphan\n    parent: nowhere\n", 1
    )
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    parent: nowhere") + 1
    assert_reports(run(project), f"data/taxonomy.yml:{line}:", "unknown parent 'nowhere'")


def write_page(project: Path, rel: str, text: str) -> None:
    page = project / "docs" / rel
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")


def test_page_without_description(project: Path) -> None:
    write_page(
        project,
        "topics/zz.md",
        "---\ntitle: Zz\ntopic: recommendation\nreviewed: 2026-01-01\n---\n# Zz\n",
    )
    assert_reports(run(project), "docs/topics/zz.md:1:", "missing 'description'")


def test_page_cites_unknown_record(project: Path) -> None:
    body = '---\ntitle: Zz\ndescription: d\n---\n# Zz\n\nSee {{ cite("no-such-id") }}.\n'
    write_page(project, "zz.md", body)
    assert_reports(run(project), "docs/zz.md:7:", "unknown resource 'no-such-id'")


def test_page_pastes_an_external_url(project: Path) -> None:
    write_page(
        project, "zz.md", "---\ntitle: Zz\ndescription: d\n---\n[x](https://example.org/x)\n"
    )
    assert_reports(run(project), "docs/zz.md:5:", "external URL in a page")


def test_two_pages_for_one_org(project: Path) -> None:
    page = "---\ntitle: N\ndescription: d\norg: netflix\nreviewed: 2026-01-01\n---\n# N\n"
    write_page(project, "companies/zz-a.md", page)
    write_page(project, "companies/zz-b.md", page)
    assert_reports(run(project), "docs/companies/zz-b.md:4:", "already has a page")


def test_page_with_unknown_org(project: Path) -> None:
    page = "---\ntitle: N\ndescription: d\norg: nobody\nreviewed: 2026-01-01\n---\n# N\n"
    write_page(project, "companies/zz.md", page)
    assert_reports(run(project), "docs/companies/zz.md:4:", "unknown org 'nobody'")


def test_every_problem_in_one_run_and_json(project: Path) -> None:
    add_record(project, id="zz-one", kind="podcast", url="https://example.org/1")
    add_record(project, id="zz-two", orgs="[nobody]", url="https://example.org/2")
    result = run(project, "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert {p["path"] for p in problems} == {"data/resources.yml"}
    assert len(problems) >= 2
    assert all({"line", "column", "message", "hint"} <= p.keys() for p in problems)


def test_bad_flag_is_a_clear_error() -> None:
    result = subprocess.run(
        [str(MLSD), "validate", "--format", "xml"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "xml" in result.stderr


def design(
    headings: tuple[str, ...] = DESIGN_HEADINGS, follow_ups: int = 5, words: int = 220
) -> str:
    """A worked design that meets the outline rules; each argument can break one of them."""
    meta = (
        "---\ntitle: Design a game recommender\ndescription: d\nquestion: game-recommendation\n"
        "category: recommendation\ndifficulty: medium\ntopics: [candidate-generation]\n"
        "reviewed: 2026-01-01\n---\n# Design a game recommender\n\n"
    )
    parts = []
    for heading in headings:
        parts.append(f"## {heading}\n\n" + "prose " * words + "\n")
        if heading.startswith("3."):
            parts.append("```mermaid\nflowchart LR\n  A --> B\n```\n")
        if heading == "Follow-up questions":
            parts += [f"### Question {i}?\n\nAn answer.\n" for i in range(follow_ups)]
    return meta + "\n".join(parts)


@pytest.fixture
def no_designs(project: Path) -> Path:
    """The copy without the real worked designs, so a test page owns its question."""
    for page in (project / "docs" / "designs").glob("*.md"):
        if page.name != "index.md":
            page.unlink()
    return project


def test_complete_worked_design_passes(no_designs: Path) -> None:
    write_page(no_designs, "designs/zz.md", design())
    result = run(no_designs)
    assert result.returncode == 0, result.stdout


def test_worked_design_steps_out_of_order(no_designs: Path) -> None:
    swapped = list(DESIGN_HEADINGS)
    swapped[3], swapped[4] = swapped[4], swapped[3]
    text = design(tuple(swapped))
    line = text.split("\n").index("## 4. Data collection and preparation") + 1
    write_page(no_designs, "designs/zz.md", text)
    assert_reports(run(no_designs), f"docs/designs/zz.md:{line}:", "expected '## 3. Architecture")


def test_worked_design_without_a_diagram_or_enough_follow_ups(no_designs: Path) -> None:
    text = design(follow_ups=4).replace("```mermaid\nflowchart LR\n  A --> B\n```\n", "")
    write_page(no_designs, "designs/zz.md", text)
    result = run(no_designs)
    assert_reports(result, "docs/designs/zz.md:", "has no mermaid diagram")
    assert_reports(result, "docs/designs/zz.md:", "4 follow-up questions with answers; needs 5")


def test_worked_design_too_short_and_in_the_wrong_category(no_designs: Path) -> None:
    text = design(words=100).replace("category: recommendation", "category: search")
    write_page(no_designs, "designs/zz.md", text)
    result = run(no_designs)
    assert_reports(result, "docs/designs/zz.md:1:", "a designs page needs 2500")
    assert_reports(result, "docs/designs/zz.md:5:", "belongs to category 'recommendation'")


def test_worked_design_with_unknown_difficulty_and_topic(no_designs: Path) -> None:
    text = design().replace("difficulty: medium", "difficulty: brutal")
    write_page(no_designs, "designs/zz.md", text.replace("[candidate-generation]", "[cooking]"))
    result = run(no_designs)
    assert_reports(result, "docs/designs/zz.md:6:", "unknown difficulty 'brutal'")
    assert_reports(result, "docs/designs/zz.md:7:", "unknown topic 'cooking'")


def test_note_needs_a_date_and_categories(project: Path) -> None:
    write_page(project, "notes/posts/zz.md", "---\ntitle: Zz\ndescription: d\n---\n# Zz\n")
    result = run(project)
    assert_reports(result, "docs/notes/posts/zz.md:1:", "missing 'date'")
    assert_reports(result, "docs/notes/posts/zz.md:1:", "missing 'categories'")
    assert_reports(result, "docs/notes/posts/zz.md:1:", "slug must be 'zz'")


def test_record_out_of_id_order(project: Path) -> None:
    where = add_record(project, id="aaa-sorts-first", url="https://example.org/aaa")
    assert_reports(
        run(project), f"data/resources.yml:{where['id']}:", "'aaa-sorts-first' is out of order"
    )
