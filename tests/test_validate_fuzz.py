"""Property: no input, however broken, makes the loader or the validator raise."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from mlsd.problems import load_yaml
from mlsd.validate import validate

yaml_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_loader_survives_random_bytes(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(blob)
    doc, _positions, problems = load_yaml(path, "x.yml")
    assert doc is not None or problems


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}#&*!|>'\"\n %@`,?")), max_size=120))
def test_loader_survives_yaml_punctuation(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    load_yaml(path, "x.yml")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(yaml_like, st.sampled_from(["resources", "orgs", "taxonomy"]))
def test_validator_survives_any_yaml_shape(tmp_path: Path, value: object, name: str) -> None:
    import json

    project = tmp_path / "project"
    if not project.exists():
        shutil.copytree(ROOT / "data", project / "data")
        (project / "docs").mkdir()
    (project / "data" / f"{name}.yml").write_text(json.dumps(value), encoding="utf-8")
    problems = validate(project)
    assert all(p.path and p.line >= 1 for p in problems)
    shutil.copy(ROOT / "data" / f"{name}.yml", project / "data" / f"{name}.yml")
