"""Macros that pages call through mkdocs-macros (pages opt in with `render_macros: true`)."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Entry point that mkdocs-macros calls once per build."""
