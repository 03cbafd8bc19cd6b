"""Python-Markdown extension: content tables leave the build already in their scroll wrapper.

Material's script moves every `table:not([class])` into `div.md-typeset__scrollwrap >
div.md-typeset__table` after the page loads. Re-inserting the tables restyles the whole content
(390-470 ms of main-thread work on a worked design under Lighthouse's 4x CPU throttle), so the
wrapper is written here instead, and the `atlas-table` class tells the script to leave the table
alone. Material styles only class-less tables; atlas.css carries the same rules for this class.

A Markdown extension rather than an MkDocs hook or plugin: Zensical ignores those, but reads
`markdown_extensions` from the same mkdocs.yml.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

CLASS = "atlas-table"


class _Wrap(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.findall(".//table/.."):
            for index, table in enumerate(parent):
                if table.tag != "table" or "class" in table.attrib:
                    continue
                table.set("class", CLASS)
                scroll = etree.Element("div", {"class": "md-typeset__scrollwrap"})
                etree.SubElement(scroll, "div", {"class": "md-typeset__table"}).append(table)
                scroll.tail, table.tail = table.tail, None
                parent[index] = scroll


class TablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Late (after Python-Markdown's inline and prettify passes, 20 and 10), so that tables
        # other extensions build are in the tree by then.
        md.treeprocessors.register(_Wrap(md), "atlas_tables", 1)


def makeExtension(**kwargs: object) -> TablesExtension:
    return TablesExtension(**kwargs)
