"""GitHub workflows are checked offline: schema, actionlint and zizmor, plus the house rules."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BAD = ROOT / "tests" / "fixtures" / "bad-workflow.yml"
BIN = Path(sys.executable).parent


def run(*cmd: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False)


def schema(*files: Path) -> subprocess.CompletedProcess[str]:
    return run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *files)


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return run(BIN / "actionlint", "-no-color", *files)


def zizmor(*files: Path) -> subprocess.CompletedProcess[str]:
    return run(BIN / "zizmor", "--offline", "--min-severity", "medium", *files)


def test_there_are_workflows() -> None:
    assert {w.name for w in WORKFLOWS} >= {"ci.yml", "pages.yml"}


@pytest.mark.parametrize("check", [schema, actionlint, zizmor])
def test_workflows_pass(check: object) -> None:
    result = check(*WORKFLOWS)  # type: ignore[operator]
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("check", [actionlint, zizmor])
def test_checks_reject_a_bad_workflow(check: object) -> None:
    result = check(BAD)  # type: ignore[operator]
    assert result.returncode != 0, result.stdout + result.stderr


def test_schema_rejects_an_invalid_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    steps: []\n")  # no runs-on
    assert schema(broken).returncode != 0


USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_house_rules(workflow: Path) -> None:
    text = workflow.read_text(encoding="utf-8")
    assert "pull_request_target" not in text
    assert re.search(r"^permissions:", text, re.M), "top-level permissions are required"
    for line in text.splitlines():
        if m := USES.match(line):
            ref, comment = m.groups()
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), (
                f"not pinned to a SHA: {line}"
            )
            assert re.search(r"#\s*v\d+(\.\d+)*", comment), f"no version comment: {line}"


FORMS = sorted(
    p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"
)


def form_schema(*files: Path) -> subprocess.CompletedProcess[str]:
    return run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-issue-forms", *files)


def test_issue_forms_and_their_config_pass_github_schemas() -> None:
    assert {f.stem for f in FORMS} == {"suggest-resource", "broken-link", "correct-content"}
    result = form_schema(*FORMS)
    assert result.returncode == 0, result.stdout + result.stderr
    config = ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-issue-config", config)
    assert result.returncode == 0, result.stdout + result.stderr


def test_form_schema_rejects_a_form_without_a_body(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: Broken\ndescription: no body\n")
    assert form_schema(broken).returncode != 0
