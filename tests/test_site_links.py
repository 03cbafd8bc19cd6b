"""linkchecker crawls the built site offline: internal links, anchors and assets all resolve.

Links within a page (`href="#id"`) are checked here instead, against the ids of that page: they
are nearly all the site's anchors (every heading's permalink and table-of-contents entry), and
linkchecker fetches and parses the whole page again for each one, which cost most of the
suite's time. The crawl then runs over a copy of the site without them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

from conftest import ROOT
from mlsd import linkcheck
from mlsd.serve import serving

CONFIG = ROOT / "tests" / "linkcheckerrc"
SAME_PAGE_HREF = re.compile(r'\shref="#([^"]*)"')
ID = re.compile(r'\sid="([^"]+)"')


def without_same_page_links(site: Path, into: Path) -> list[str]:
    """Copy the site, leaving out links within a page; returns those whose id is missing."""
    shutil.copytree(site, into)
    missing = []
    for page in sorted(into.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        ids = set(ID.findall(text))
        for match in SAME_PAGE_HREF.finditer(text):
            target = unquote(match.group(1))
            if target and target not in ids:
                missing.append(f"{page.relative_to(into).as_posix()}: #{target}")
        page.write_text(SAME_PAGE_HREF.sub("", text), encoding="utf-8")
    return missing


def crawl(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        linkcheck.command("-f", str(CONFIG), "-o", "text", url),
        capture_output=True,
        text=True,
        timeout=2400,
        check=False,
    )


def test_built_site_has_no_broken_internal_link(site_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    assert without_same_page_links(site_dir, copy) == []
    with serving(copy) as url:
        result = crawl(url)
    assert result.returncode == 0, result.stdout[-4000:]
    # A missing anchor is only a warning to linkchecker; here it counts as a failure.
    assert "0 warnings found" in result.stdout
    assert "0 errors found" in result.stdout


def test_crawler_catches_a_broken_link_and_anchor(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><body><a href="gone.html">x</a> <a href="other.html#nowhere">y</a>'
        ' <a href="#top">z</a> <a href="#missing">w</a><h1 id="top">t</h1></body></html>'
    )
    (site / "other.html").write_text('<html><body><h1 id="here">h</h1></body></html>')
    copy = tmp_path / "copy"
    assert without_same_page_links(site, copy) == ["index.html: #missing"]
    with serving(copy) as url:
        result = crawl(url)
    assert result.returncode == 1
    assert "gone.html" in result.stdout
    assert "nowhere" in result.stdout
