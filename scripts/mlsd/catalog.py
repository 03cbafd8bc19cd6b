"""Load the catalog (`data/*.yml`) into typed records.

The YAML files are the single source of truth for every external URL of the site. This module
only reads them; `mlsd.validate` decides whether they are right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from mlsd.problems import Loader

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
KINDS = ("article", "paper", "talk", "video", "slides", "course", "book", "repo", "newsletter")


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Resource:
    """One record of `data/resources.yml`; fields in the order the YAML writes them."""

    id: str
    title: str
    url: str | None = None
    kind: str
    orgs: tuple[str, ...] = ()
    topics: tuple[str, ...]
    steps: tuple[int, ...] = ()
    industries: tuple[str, ...] = ()
    year: int | None = None
    summary: str | None = None
    sources: tuple[str, ...]
    added: date
    links: tuple[Link, ...] = ()

    @property
    def urls(self) -> list[str]:
        """Every URL the record holds: its own and those of its extra links."""
        return ([self.url] if self.url else []) + [link.url for link in self.links]


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    blog: str | None = None


@dataclass(frozen=True)
class Term:
    """One entry of a controlled vocabulary: a topic, step, category, industry or source."""

    id: str
    name: str
    parent: str | None = None
    description: str | None = None
    slug: str | None = None
    category: str | None = None  # questions only


@dataclass(frozen=True)
class Catalog:
    resources: tuple[Resource, ...]
    orgs: dict[str, Org]
    topics: dict[str, Term]
    steps: dict[int, Term]
    categories: dict[str, Term]
    industries: dict[str, Term]
    sources: dict[str, Term]
    questions: dict[str, Term] = field(default_factory=dict)
    by_id: dict[str, Resource] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {r.id: r for r in self.resources})

    def select(
        self,
        *,
        org: str | None = None,
        topic: str | None = None,
        step: int | None = None,
        kind: str | None = None,
        industry: str | None = None,
        year: int | None = None,
    ) -> list[Resource]:
        """Records matching every filter given; a topic also matches its descendants."""
        topics = self.descendants(topic) if topic else None
        return [
            r
            for r in self.resources
            if (org is None or org in r.orgs)
            and (topics is None or topics.intersection(r.topics))
            and (step is None or step in r.steps)
            and (kind is None or r.kind == kind)
            and (industry is None or industry in r.industries)
            and (year is None or r.year == year)
        ]

    def ancestors(self, topic: str) -> list[str]:
        """The topic and its parents up to the root, nearest first."""
        chain = [topic]
        while (parent := self.topics[chain[-1]].parent) is not None and parent not in chain:
            chain.append(parent)
        return chain

    def descendants(self, topic: str) -> set[str]:
        found = {topic}
        while True:
            more = {t.id for t in self.topics.values() if t.parent in found} - found
            if not more:
                return found
            found |= more


def read_yaml(path: Path) -> Any:
    """Parse one YAML file with libyaml's safe loader: every build reads the whole catalog."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 - safe loader


def _tuple(value: Iterable[Any] | None) -> tuple[Any, ...]:
    return tuple(value or ())


def _resource(raw: Mapping[str, Any]) -> Resource:
    return Resource(
        id=raw["id"],
        title=raw["title"],
        kind=raw["kind"],
        url=raw.get("url"),
        topics=_tuple(raw.get("topics")),
        sources=_tuple(raw.get("sources")),
        added=raw["added"],
        orgs=_tuple(raw.get("orgs")),
        steps=_tuple(raw.get("steps")),
        industries=_tuple(raw.get("industries")),
        year=raw.get("year"),
        summary=raw.get("summary"),
        links=tuple(Link(label=x["label"], url=x["url"]) for x in raw.get("links") or ()),
    )


def _terms(raw: Iterable[Mapping[str, Any]]) -> dict[Any, Term]:
    return {
        t["id"]: Term(
            id=t["id"],
            name=t["name"],
            parent=t.get("parent"),
            description=t.get("description"),
            slug=t.get("slug"),
            category=t.get("category"),
        )
        for t in raw
    }


def build(resources: Any, orgs: Any, taxonomy: Any) -> Catalog:
    """Assemble a catalog from parsed YAML that has already passed the schemas."""
    return Catalog(
        resources=tuple(_resource(r) for r in resources),
        orgs={
            o["id"]: Org(
                id=o["id"],
                name=o["name"],
                aliases=_tuple(o.get("aliases")),
                industries=_tuple(o.get("industries")),
                blog=o.get("blog"),
            )
            for o in orgs
        },
        topics=_terms(taxonomy["topics"]),
        steps=_terms(taxonomy["steps"]),
        categories=_terms(taxonomy["categories"]),
        industries=_terms(taxonomy["industries"]),
        sources=_terms(taxonomy["sources"]),
        questions=_terms(taxonomy.get("questions") or ()),
    )


def load(data_dir: Path = DATA) -> Catalog:
    return build(
        read_yaml(data_dir / "resources.yml"),
        read_yaml(data_dir / "orgs.yml"),
        read_yaml(data_dir / "taxonomy.yml"),
    )
