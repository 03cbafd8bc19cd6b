"""A problem found in a file and where it is: the common currency of `mlsd validate`.

YAML is parsed by libyaml (PyYAML's C parser): composing the node tree keeps every position,
costs a tenth of a pure-Python round-trip parse, and lets duplicate keys be caught by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[Any, ...]
Positions = dict[Path_, tuple[int, int]]
# libyaml's safe loader where PyYAML was built with it (ten times the pure-Python speed).
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.column}: {self.message}{hint}"


def locate(positions: Positions, path: Path_) -> tuple[int, int]:
    """1-based line and column of the deepest part of `path` that the file has."""
    for end in range(len(path), -1, -1):
        if path[:end] in positions:
            return positions[path[:end]]
    return (1, 1)


def _walk(node: yaml.Node, path: Path_, positions: Positions, rel: str) -> list[Problem]:
    positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key in seen:
                problems.append(Problem(rel, line, col, f"duplicate key '{key}'", "keep one"))
            seen.add(key)
            positions[(*path, key)] = (line, col)
            problems += _walk(value_node, (*path, key), positions, rel)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _walk(item, (*path, index), positions, rel)
    return problems


def parse_yaml(text: str, rel: str, offset: int = 0) -> tuple[Any, Positions, list[Problem]]:
    """Parse YAML text; every syntax or value error becomes a Problem instead of an exception.

    `offset` shifts line numbers, for YAML that starts below the top of its file (frontmatter).
    """
    positions: Positions = {}
    try:
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, positions, [Problem(rel, 1, 1, "file is empty", "it must hold data")]
            problems = _walk(node, (), positions, rel)
            value = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + offset, mark.column + 1) if mark else (1 + offset, 1)
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        return None, positions, [Problem(rel, line, col, f"YAML: {message}", "fix the syntax here")]
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        return None, positions, [Problem(rel, 1 + offset, 1, f"YAML: {' '.join(str(exc).split())}")]
    if offset:
        positions = {k: (line + offset, col) for k, (line, col) in positions.items()}
        problems = [Problem(p.path, p.line + offset, p.column, p.message, p.hint) for p in problems]
    return value, positions, problems


def load_yaml(path: Path, rel: str) -> tuple[Any, Positions, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, [Problem(rel, 1, 1, f"cannot read file: {exc}")]
    return parse_yaml(text, rel)
