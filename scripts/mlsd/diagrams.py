"""Mermaid fences leave the build inside the figure that diagrams.js draws them into.

diagrams.js used to wrap each `pre.atlas-diagram` in a `figure` after the page loaded. Moving a
child of the article restyles the whole article (25-40 ms on a worked design under Lighthouse's
4x CPU throttle), so the figure is written here, by the fence's formatter, and the script only
fills it in. Without JavaScript the figure shows the diagram's source.
"""

from __future__ import annotations

from typing import Any

from pymdownx.superfences import fence_code_format


def fence(source: str, language: str, class_name: str, options: Any, md: Any, **kwargs: Any) -> str:
    """The `format` of the `mermaid` custom fence in mkdocs.yml."""
    code = fence_code_format(source, language, class_name, options, md, **kwargs)
    return f'<figure class="{class_name}">{code}</figure>'
