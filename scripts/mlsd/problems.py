"""A problem found in a file, and where it is: the common currency of `mlsd validate`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError


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


def where(node: Any, key: Any = None) -> tuple[int, int]:
    """1-based line and column of `node[key]` (or of `node`) in its YAML file."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return (1, 1)
    try:
        if key is None:
            return (lc.line + 1, lc.col + 1)
        line, col = lc.key(key) if isinstance(key, str) else lc.item(key)
        return (line + 1, col + 1)
    except (KeyError, IndexError, TypeError, AttributeError):
        return (lc.line + 1, lc.col + 1)


def load_yaml(path: Path, rel: str) -> tuple[Any, list[Problem]]:
    """Parse with positions; a parse error (duplicate keys included) becomes one Problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(rel, 1, 1, f"cannot read file: {exc}")]
    try:
        doc = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        return None, [Problem(rel, line, col, f"YAML: {message}", "fix the syntax at this spot")]
    except (YAMLError, ValueError, TypeError) as exc:
        return None, [Problem(rel, 1, 1, f"YAML: {' '.join(str(exc).split())}")]
    if doc is None:
        return None, [Problem(rel, 1, 1, "file is empty", "it must hold the YAML data")]
    return doc, []
