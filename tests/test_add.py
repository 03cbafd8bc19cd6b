"""`mlsd add` on a copy of the project: what it writes, what it refuses, and a real terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import mkdocs_build
from mlsd.bench import copy_project

MLSD = Path(sys.executable).parent / "mlsd"
URL = "https://medium.com/airbnb-engineering/a-post-the-catalog-lacks"
# A catalog URL; the duplicate test writes it another way (scheme, www, slash, tracking, anchor).
SAME = (
    "https://medium.com/airbnb-engineering/"
    "how-ai-text-generation-models-are-reshaping-customer-support-at-airbnb-a851db0b4fa3"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def add(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MLSD), "add", *args, "--root", str(project)],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def records(project: Path) -> list[dict[str, object]]:
    data = yaml.safe_load((project / "data" / "resources.yml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_added_record_is_sorted_valid_and_in_the_built_explorer(project: Path) -> None:
    before = (project / "data" / "resources.yml").read_text(encoding="utf-8")
    result = add(
        project, URL, "--title", "Ranking: a post the catalog lacks", "--topic", "search-ranking",
        "--step", "6", "--year", "2024", "--summary", "Airbnb re-ranks search results.", "--yes",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    added = next(r for r in records(project) if r.get("url") == URL)
    assert added["orgs"] == ["airbnb"], "guessed from other records at the same address"
    assert added["kind"] == "article"
    assert added["title"] == "Ranking: a post the catalog lacks"
    ids = [r["id"] for r in records(project)]
    assert ids == sorted(ids)  # type: ignore[type-var]
    after = (project / "data" / "resources.yml").read_text(encoding="utf-8")
    # Only lines were added: every other byte, comments included, is where it was.
    assert after.replace(after[after.index(f"- id: {added['id']}") :], "") in before
    assert len(after) > len(before)
    assert f"+- id: {added['id']}" in result.stdout  # the diff is shown
    validate = subprocess.run(
        [str(MLSD), "validate", "--root", str(project)], capture_output=True, text=True
    )
    assert validate.returncode == 0, validate.stdout
    site = project / "site"
    assert mkdocs_build(project / "mkdocs.yml", site).returncode == 0
    # The explorer's rows past its first page come from the whole-catalog page.
    catalog_page = (site / "resources" / "all" / "index.html").read_text(encoding="utf-8")
    assert f'id="r-{added["id"]}"' in catalog_page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [f"http://www.{SAME[8:]}/?utm_source=x#top", "--title", "T", "--topic", "search"],
            "is already in the catalog as 'airbnb-ai-text-generation-models-are-reshaping'",
        ),
        (["javascript:alert(1)", "--title", "T", "--topic", "search"], "scheme 'javascript:'"),
        ([URL, "--title", "T", "--topic", "cooking"], "--topic: unknown value 'cooking'"),
        ([URL, "--title", "T", "--topic", "search", "--year", "20x4"], "'--year'"),
        ([URL, "--title", "T", "--topic", "search", "--year", "1492"], "not a publication year"),
        ([URL, "--topic", "search"], "missing --title"),
    ],
)
def test_refusals_leave_the_catalog_byte_for_byte_unchanged(
    project: Path, args: list[str], message: str
) -> None:
    path = project / "data" / "resources.yml"
    before = path.read_bytes()
    result = add(project, *args, "--yes")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_newcomer_answers_the_prompts_in_a_real_terminal(project: Path) -> None:
    """The interactive path under a pseudo-terminal, typed as a person would."""
    pid, fd = pty.fork()
    if pid == 0:  # the child becomes `mlsd add` with the pty as its terminal
        # The pty answers no cursor-position queries; tell prompt_toolkit not to wait for them.
        env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1"}
        os.execve(str(MLSD), [str(MLSD), "add", URL, "--root", str(project)], env)  # noqa: S606
    answers = [
        ("Title", "Search ranking at Airbnb, again\r"),
        ("Kind", "\r"),  # keep the guessed kind
        ("Organisation id", "\r"),  # airbnb was guessed; add nothing
        ("Topic id", "search-ranking\r"),
        ("chosen: search-ranking", "\r"),
        ("Design steps", " \r"),  # tick step 1
        ("Year", "2023\r"),
        ("summary", "\r"),
    ]
    screen = ""
    for expected, keys in answers:
        screen = _read_until(fd, expected, screen)
        os.write(fd, keys.encode())
    screen = _read_until(fd, "added '", screen)
    os.waitpid(pid, 0)
    added = next(r for r in records(project) if r.get("url") == URL)
    assert added["title"] == "Search ranking at Airbnb, again"
    assert added["topics"] == ["search-ranking"]
    assert added["steps"] == [1]
    assert added["year"] == 2023


def _read_until(fd: int, text: str, screen: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    seen = ""
    while text not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"waited for {text!r}; the terminal showed:\n{seen[-2000:]}")
        try:
            seen += os.read(fd, 65536).decode(errors="replace")
        except OSError:  # the child closed the terminal
            break
    return seen
