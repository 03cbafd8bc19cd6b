"""linkchecker crawls the built site offline: internal links, anchors and assets all resolve."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import ROOT
from mlsd import linkcheck
from mlsd.serve import serving

CONFIG = ROOT / "tests" / "linkcheckerrc"


def crawl(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        linkcheck.command("-f", str(CONFIG), "-o", "text", url),
        capture_output=True,
        text=True,
        timeout=2400,  # about 11 minutes on 2 cores: every page#anchor is fetched and parsed
        check=False,
    )


def test_built_site_has_no_broken_internal_link(server: str) -> None:
    result = crawl(server)
    assert result.returncode == 0, result.stdout[-4000:]
    # A missing anchor is only a warning to linkchecker; here it counts as a failure.
    assert "0 warnings found" in result.stdout
    assert "0 errors found" in result.stdout


def test_crawler_catches_a_broken_link_and_anchor(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<html><body><a href="gone.html">x</a> <a href="other.html#nowhere">y</a></body></html>'
    )
    (tmp_path / "other.html").write_text('<html><body><h1 id="here">h</h1></body></html>')
    with serving(tmp_path) as url:
        result = crawl(url)
    assert result.returncode == 1
    assert "gone.html" in result.stdout
    assert "nowhere" in result.stdout
