"""Turn catalog records into page content: a citation, a list, the explorer table.

Each `render_*` function does one transformation and returns Markdown or HTML text, so the
macros stay one-liners and every output can be tested without a build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from html import escape
from typing import Any

from mlsd.catalog import Catalog, Resource


def _md_text(text: str) -> str:
    """Escape what would break a Markdown link text."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def render_cite(record: Resource) -> str:
    """An inline link titled as the resource is; newsletter issues have no URL, so no link."""
    if record.url is None:
        return f"*{_md_text(record.title)}*"
    return f"[{_md_text(record.title)}]({record.url})"


def render_meta(record: Resource, catalog: Catalog) -> str:
    parts = [", ".join(catalog.orgs[o].name for o in record.orgs), record.kind]
    if record.year:
        parts.append(str(record.year))
    return " · ".join(p for p in parts if p)


def _newest_first(records: list[Resource]) -> list[Resource]:
    return sorted(records, key=lambda r: (-(r.year or 0), r.title.lower()))


def render_list(records: list[Resource], catalog: Catalog) -> str:
    """A Markdown bullet list, newest first, each with its organisations, kind and year."""
    ordered = _newest_first(records)
    lines = [f"- {render_cite(r)} — {render_meta(r, catalog)}" for r in ordered]
    return "\n".join(lines) + "\n"


def render_table(records: list[Resource], catalog: Catalog) -> str:
    """A Markdown table, for pages where a reader compares records side by side."""
    ordered = _newest_first(records)
    rows = ["| Resource | Organisations | Kind | Year |", "|---|---|---|---|"]
    for r in ordered:
        orgs = ", ".join(catalog.orgs[o].name for o in r.orgs)
        title = render_cite(r).replace("|", "\\|")
        rows.append(f"| {title} | {orgs} | {r.kind} | {r.year or ''} |")
    return "\n".join(rows) + "\n"


def _options(pairs: list[tuple[str, str]]) -> str:
    return "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in pairs)


def _select(name: str, label: str, pairs: list[tuple[str, str]], counts: Counter[str]) -> str:
    """A facet whose options say how many records each value has, as explorer.js keeps them."""
    counted = [(v, f"{text} ({counts[v]})") for v, text in pairs]
    return (
        f'<label class="atlas-explorer__facet">{label}'
        f'<select name="{name}" data-facet="{name}">'
        f'<option value="">All</option>{_options(counted)}</select></label>'
    )


def _names(ids: tuple[str, ...], names: dict[str, Any]) -> str:
    return escape(", ".join(names[i].name for i in ids))


def _explorer_form(catalog: Catalog) -> str:
    res = catalog.resources
    orgs = Counter(o for r in res for o in r.orgs)
    topics = Counter(t for r in res for t in _filed_under(r, catalog))
    industries = Counter(i for r in res for i in r.industries)
    steps = Counter(str(s) for r in res for s in r.steps)
    kinds = Counter(r.kind for r in res)
    years = sorted({r.year for r in res if r.year}) or [0]
    year_range = f'min="{years[0]}" max="{years[-1]}" inputmode="numeric"'
    return "".join(
        [
            '<form class="atlas-explorer__filters" role="search" '
            'aria-label="Filter the catalog" hidden>',
            '<label class="atlas-explorer__facet atlas-explorer__text">Search',
            '<input type="search" name="q" autocomplete="off" '
            'placeholder="Title, summary, company…"></label>',
            _select("org", "Organisation", _by_name(orgs, catalog.orgs), orgs),
            _select("topic", "Topic", _by_name(topics, catalog.topics), topics),
            _select(
                "step",
                "Design step",
                [(str(s.id), f"{s.id} {s.name}") for s in catalog.steps.values()],
                steps,
            ),
            _select("kind", "Kind", [(k, k) for k in sorted(kinds)], kinds),
            _select("industry", "Industry", _by_name(industries, catalog.industries), industries),
            _year_input("from", "From year", year_range),
            _year_input("to", "To year", year_range),
            '<button type="reset" class="md-button">Clear filters</button></form>',
        ]
    )


def _year_input(name: str, label: str, year_range: str) -> str:
    return (
        f'<label class="atlas-explorer__facet">{label}'
        f'<input type="number" name="{name}" {year_range}></label>'
    )


def _filed_under(r: Resource, catalog: Catalog) -> set[str]:
    """A record's topics with their ancestors: a parent topic's facet also finds its children's."""
    return {a for t in r.topics for a in catalog.ancestors(t)}


def _by_name(ids: Iterable[str], names: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted(((i, names[i].name) for i in ids), key=lambda pair: pair[1].lower())


def _explorer_row(r: Resource, catalog: Catalog) -> str:
    topics = sorted(_filed_under(r, catalog))
    title = f'<a href="{escape(r.url)}">{escape(r.title)}</a>' if r.url else escape(r.title)
    extra = "".join(
        f' <a class="atlas-explorer__extra" href="{escape(x.url)}">{escape(x.label)}</a>'
        for x in r.links
    )
    summary = f'<p class="atlas-explorer__summary">{escape(r.summary)}</p>' if r.summary else ""
    steps = " ".join(map(str, r.steps))
    data = {
        "org": " ".join(r.orgs),
        "topic": " ".join(topics),
        "step": steps,
        "kind": r.kind,
        "industry": " ".join(r.industries),
        "year": str(r.year or ""),
    }
    attrs = " ".join(f'data-{k}="{v}"' for k, v in data.items())
    cells = [
        ("Resource", title + extra + summary),
        ("Kind", r.kind),
        ("Organisations", _names(r.orgs, catalog.orgs)),
        ("Topics", _names(r.topics, catalog.topics)),
        ("Steps", steps.replace(" ", ", ")),
        ("Year", str(r.year or "")),
    ]
    tds = "".join(f'<td data-label="{label}">{html}</td>' for label, html in cells)
    return f'<tr id="r-{r.id}" {attrs}>{tds}</tr>'


# How many matches the explorer lists before "Show all": laying out hundreds of rows per
# keystroke is what makes filtering slow on a phone.
EXPLORER_PAGE = 25
# The whole-catalog page (docs/resources/all.md), relative to the explorer's.
CATALOG_PAGE = "all/"


def _catalog_table(catalog: Catalog, caption: str, limit: int | None = None) -> str:
    head = "".join(
        f'<th scope="col">{h}</th>'
        for h in ("Resource", "Kind", "Organisations", "Topics", "Steps", "Year")
    )
    ordered = sorted(catalog.resources, key=lambda r: r.title.lower())[:limit]
    rows = "".join(_explorer_row(r, catalog) for r in ordered)
    return (
        '<div class="atlas-explorer__scroll"><table class="atlas-explorer__table">'
        f"<caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
        "</table></div>"
    )


def render_catalog(catalog: Catalog) -> str:
    """Every record in one table, for readers without JavaScript and for explorer.js to fetch."""
    count = len(catalog.resources)
    return f'<div class="atlas-catalog">{_catalog_table(catalog, f"All {count} resources")}</div>'


def render_explorer(catalog: Catalog) -> str:
    """The first page of records in an accessible table; `explorer.js` adds facets, the URL
    state and the other records.

    Those records are on a page of their own (`all/`, `render_catalog`), which explorer.js
    fetches when the filters are first focused and which readers without JavaScript follow
    from a link: the explorer page itself stays small, and a phone parses and styles 25 rows
    at load, not 843. Facet values sit in data attributes; a record's topics include their
    ancestors so that choosing a parent topic also finds records filed under its children.
    """
    count = len(catalog.resources)
    return (
        f'<div class="atlas-explorer" data-explorer data-page="{EXPLORER_PAGE}" '
        f'data-total="{count}" data-rows="{CATALOG_PAGE}">{_explorer_form(catalog)}'
        f'<p class="atlas-explorer__status" role="status">{count} resources</p>'
        f"{_catalog_table(catalog, f'The catalog: {count} resources', EXPLORER_PAGE)}"
        f"<noscript><p>The first {EXPLORER_PAGE} of {count}, by title: "
        f'<a href="{CATALOG_PAGE}">all resources in one table</a>.</p></noscript></div>'
    )
