"""The promises the README makes on its first screen hold for the repository itself."""

from __future__ import annotations

import re

from conftest import ROOT


def first_screen() -> str:
    return "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:25])


def test_readme_gives_the_two_commands_first() -> None:
    commands = re.findall(r"^(make \w+)", first_screen(), re.M)
    assert commands == ["make serve", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


def test_makefile_targets_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "test", "build"):
        assert re.search(rf"^{target}:", makefile, re.M), target


def test_lock_pins_every_python_dependency_with_hashes() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", lock, re.M)
    assert dict(pins)["mkdocs"].startswith("1.")
    assert lock.count("--hash=sha256:") >= len(pins)
