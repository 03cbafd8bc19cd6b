"""The `mlsd` command line."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from mlsd import catalog as catalog_module
from mlsd.catalog import DATA, ROOT
from mlsd.export import FORMATS

app = typer.Typer(
    help="Tools of the ML System Design Atlas.", no_args_is_help=True, add_completion=False
)


class Output(StrEnum):
    text = "text"
    json = "json"


class Format(StrEnum):
    json = "json"
    csv = "csv"


@app.command()
def export(
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.json,
    data: Annotated[Path, typer.Option(help="Folder holding resources.yml.")] = DATA,
) -> None:
    """Write the whole catalog to standard output as JSON or CSV."""
    typer.echo(FORMATS[fmt.value](catalog_module.load(data)), nl=False)


@app.command()
def validate(
    fmt: Annotated[Output, typer.Option("--format", help="Report format.")] = Output.text,
    root: Annotated[Path, typer.Option(help="Project folder (holds data/ and docs/).")] = ROOT,
) -> None:
    """Check the catalog and every page; report all problems as path:line:col: message."""
    from mlsd.validate import validate as run_validation

    problems = run_validation(root)
    if fmt is Output.json:
        typer.echo(json.dumps([asdict(p) for p in problems], indent=1))
    else:
        for problem in problems:
            typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) found", err=True)
        raise typer.Exit(1)
    if fmt is Output.text:
        typer.echo("mlsd validate: data and pages are valid")


class LinkReport(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+")


def _changed_urls(base: str, root: Path) -> list[str]:
    """URLs on lines that `git diff BASE` adds to the catalog: what a pull request brings."""
    diff = subprocess.run(
        ["git", "diff", "--unified=0", base, "--", "data/resources.yml"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if diff.returncode != 0:
        raise typer.BadParameter(f"git diff {base} failed: {diff.stderr.strip()}")
    added = [
        ln[1:] for ln in diff.stdout.splitlines() if ln.startswith("+") and not ln.startswith("+++")
    ]
    return URL_IN_TEXT.findall("\n".join(added))


@app.command()
def links(
    urls: Annotated[
        list[str] | None, typer.Argument(help="URLs to check (default: the catalog).")
    ] = None,
    file: Annotated[Path | None, typer.Option(help="Check the URLs found in this file.")] = None,
    only_changed: Annotated[
        str | None, typer.Option(help="Only URLs added since this git ref.")
    ] = None,
    fmt: Annotated[LinkReport, typer.Option("--format", help="Report format.")] = LinkReport.text,
    concurrency: Annotated[int, typer.Option(min=1, help="Requests in flight at once.")] = 32,
    per_host: Annotated[int, typer.Option(min=1, help="Requests in flight per host.")] = 2,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds allowed per request.")] = 20.0,
    retries: Annotated[int, typer.Option(min=0, help="Retries of a transient failure.")] = 2,
    max_age: Annotated[float, typer.Option(help="Days an ok result stays cached.")] = 7.0,
    state_dir: Annotated[Path, typer.Option(help="Cache and history folder.")] = ROOT / ".cache",
) -> None:
    """Check external URLs: ok, redirected, broken, unverifiable or transient.

    Exit status: 0 nothing broken, 1 something broken, 3 network unavailable.
    """
    from mlsd import links as lk

    if urls:
        targets = list(urls)
    elif file is not None:
        try:
            targets = URL_IN_TEXT.findall(file.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            raise typer.BadParameter(f"{file}: {exc.strerror}") from None
    elif only_changed is not None:
        targets = _changed_urls(only_changed, ROOT)
    else:
        targets = [u for r in catalog_module.load().resources for u in r.urls]
    settings = lk.Settings(
        concurrency=concurrency, per_host=per_host, timeout=timeout, retries=retries,
        max_age_days=max_age,
    )  # fmt: skip
    cache_path, history_path = state_dir / "links-cache.json", state_dir / "links-history.json"
    cache, history = lk.load_state(cache_path), lk.load_state(history_path)
    reused = lk.fresh_from_cache(targets, cache, settings)
    todo = [u for u in dict.fromkeys(targets) if u not in reused]
    try:
        with _progress(len(todo)) as advance:
            fresh = asyncio.run(lk.check_all(todo, settings, advance))
    except lk.NetworkDown:
        typer.echo("mlsd links: network unavailable; nothing was marked broken", err=True)
        raise typer.Exit(3) from None
    results = lk.apply_history(fresh, history) + list(reused.values())
    cache.update({r.url: asdict(r) for r in fresh})
    lk.save_state(cache_path, cache)
    lk.save_state(history_path, history)
    _report(results, fmt)
    if any(r.verdict == lk.BROKEN for r in results):
        raise typer.Exit(1)


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[Any], None]]:
    """A progress bar on a terminal; silence in CI logs and pipes."""
    if not sys.stderr.isatty() or total == 0:
        yield lambda _result: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("checking links", total=total)
        yield lambda _result: bar.advance(task)


def _report(results: list[Any], fmt: LinkReport) -> None:
    from mlsd import links as lk

    if fmt is LinkReport.json:
        typer.echo(json.dumps([asdict(r) for r in results], indent=1))
        return
    if fmt is LinkReport.markdown:
        typer.echo(lk.markdown(results))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for r in sorted(results, key=lambda r: (r.verdict, r.url)):
        if r.verdict in (lk.BROKEN, lk.REDIRECTED, lk.UNVERIFIABLE, lk.TRANSIENT):
            extra = f" -> {r.suggestion}" if r.suggestion else ""
            console.print(
                f"{r.verdict:12} {r.status or '-':>4} {r.url} ({r.detail}){extra}",
                highlight=False,
                soft_wrap=True,
            )
    table = Table(title="mlsd links")
    table.add_column("verdict")
    table.add_column("count", justify="right")
    for verdict, count in lk.summary(results).items():
        table.add_row(verdict, str(count))
    console.print(table)


def _ask(draft: Any, catalog: Any) -> None:
    """Prompt, with completion from the taxonomy, for each field the flags left empty."""
    import questionary

    from mlsd.catalog import KINDS

    def many(label: str, choices: list[str], start: list[str]) -> list[str]:
        chosen = list(start)
        while answer := questionary.autocomplete(
            f"{label} (blank when done; chosen: {', '.join(chosen) or 'none'}):",
            choices=choices,
            validate=lambda v: v == "" or v in choices or "pick a listed value",
        ).unsafe_ask():
            chosen.append(answer)
        return chosen

    if not draft.title:
        draft.title = questionary.text(
            "Title, exactly as the source writes it:", validate=lambda v: bool(v.strip())
        ).unsafe_ask()
    draft.kind = questionary.select("Kind:", choices=list(KINDS), default=draft.kind).unsafe_ask()
    draft.orgs = many("Organisation id", sorted(catalog.orgs), draft.orgs)
    draft.topics = many("Topic id", sorted(catalog.topics), draft.topics)
    if not draft.steps:
        steps = [questionary.Choice(f"{s.id} {s.name}", s.id) for s in catalog.steps.values()]
        draft.steps = questionary.checkbox("Design steps it teaches:", steps).unsafe_ask()
    if draft.year is None:
        year = questionary.text(
            "Year published (blank if unknown):",
            validate=lambda v: v == "" or (v.isdigit() and len(v) == 4) or "four digits",
        ).unsafe_ask()
        draft.year = int(year) if year else None
    if not draft.summary:
        draft.summary = questionary.text("One-sentence summary (optional):").unsafe_ask() or None


def _flag_problems(draft: Any, catalog: Any, today: Any) -> list[str]:
    from mlsd.catalog import KINDS
    from mlsd.validate import url_problem

    problems = []
    if (reason := url_problem(draft.url)) is not None:
        problems.append(f"URL {draft.url!r}: {reason}")
    if draft.kind is not None and draft.kind not in KINDS:
        problems.append(f"--kind: unknown kind '{draft.kind}' (use {', '.join(KINDS)})")
    for flag, values, known in (
        ("--org", draft.orgs, catalog.orgs),
        ("--topic", draft.topics, catalog.topics),
        ("--step", draft.steps, catalog.steps),
        ("--industry", draft.industries, catalog.industries),
    ):
        problems += [f"{flag}: unknown value '{v}' (see data/)" for v in values if v not in known]
    if draft.year is not None and not 1950 <= draft.year <= today.year:
        problems.append(f"--year: {draft.year} is not a publication year (1950-{today.year})")
    return problems


@app.command()
def add(
    url: Annotated[str, typer.Argument(metavar="URL", help="The resource's public https URL.")],
    title: Annotated[str | None, typer.Option(help="Title, copied from the source.")] = None,
    kind: Annotated[str | None, typer.Option(help="article, paper, talk, video, ...")] = None,
    org: Annotated[list[str] | None, typer.Option(help="Organisation id (repeatable).")] = None,
    topic: Annotated[list[str] | None, typer.Option(help="Topic id (repeatable).")] = None,
    step: Annotated[list[int] | None, typer.Option(help="Design step 1-9 (repeatable).")] = None,
    industry: Annotated[list[str] | None, typer.Option(help="Industry id (repeatable).")] = None,
    year: Annotated[int | None, typer.Option(help="Year of publication.")] = None,
    summary: Annotated[str | None, typer.Option(help="One or two original sentences.")] = None,
    record_id: Annotated[
        str | None, typer.Option("--id", help="Record id (default: made up from org and title).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Never prompt; flags only.")] = False,
    dry_run: Annotated[bool, typer.Option(help="Show the change without writing it.")] = False,
    root: Annotated[Path, typer.Option(help="Project folder (holds data/).")] = ROOT,
) -> None:
    """Add one resource to data/resources.yml, asking for what the URL does not tell."""
    from datetime import date

    from mlsd import add as adding

    path = root / "data" / "resources.yml"
    today = date.today()
    try:
        catalog = catalog_module.load(root / "data")
        old = path.read_text(encoding="utf-8")
    except Exception as error:  # the data must be valid before anything is added
        _fail(f"{path}: cannot read the catalog ({error}); run `mlsd validate` first")
    if (existing := adding.duplicate_of(url, catalog)) is not None:
        line = old[: old.find(f"- id: {existing.id}\n")].count("\n") + 1
        _fail(f"data/resources.yml:{line}: {url} is already in the catalog as '{existing.id}'")
    draft = adding.guess(adding.Draft(url=url), catalog)
    draft.title, draft.summary, draft.id = title, summary, record_id
    draft.kind = kind or draft.kind
    draft.orgs = list(org) if org else draft.orgs
    draft.topics, draft.steps, draft.industries = (
        list(topic or ()),
        list(step or ()),
        list(industry or ()),
    )
    draft.year = year if year is not None else draft.year
    if problems := _flag_problems(draft, catalog, today):
        _fail("\n".join(problems))
    interactive = not yes and sys.stdin.isatty()
    if interactive:
        _ask(draft, catalog)
    required = (("--title", draft.title), ("--topic", draft.topics))
    missing = [flag for flag, value in required if not value]
    if missing:
        _fail(f"missing {' and '.join(missing)} (or run in a terminal without --yes to be asked)")
    draft.id = draft.id or adding.make_id(draft, set(catalog.by_id))
    new, line = adding.insert(old, draft.id, adding.record_text(draft, today))
    if invalid := adding.check(root, new):
        _fail("\n".join(str(p) for p in invalid) + "\nnothing was written")
    _show_diff(old, new)
    if dry_run:
        typer.echo("dry run: nothing was written")
        return
    adding.write_atomically(path, new)
    typer.echo(f"added '{draft.id}' at data/resources.yml:{line}; run `make build` to see it")


def _fail(message: str) -> NoReturn:
    _fail_with("add", message)


def _fail_with(command: str, message: str) -> NoReturn:
    typer.echo(f"mlsd {command}: {message}", err=True)
    raise typer.Exit(1)


def _show_diff(old: str, new: str) -> None:
    import difflib

    from rich.console import Console
    from rich.syntax import Syntax

    diff = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        "a/data/resources.yml",
        "b/data/resources.yml",
        n=1,
    )
    Console(highlight=False, soft_wrap=True).print(
        Syntax("".join(diff), "diff", background_color="default")
    )


@app.command()
def bench(
    names: Annotated[
        list[str] | None, typer.Argument(help="Benchmarks to run (default: all).")
    ] = None,
    report: Annotated[Path, typer.Option(help="Where to write the Markdown report.")] = Path(
        "bench/report.md"
    ),
) -> None:
    """Run the benchmarks and print their tables (needs Chromium)."""
    from mlsd.bench import BENCHMARKS, run

    unknown = set(names or ()) - BENCHMARKS.keys()
    if unknown:
        raise typer.BadParameter(
            f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(BENCHMARKS)}"
        )
    if not run(names or [], report, typer.echo):
        raise typer.Exit(1)


@app.command()
def audit() -> None:
    """Lighthouse (mobile) on one page of each kind; exit 1 if a score misses its target."""
    from mlsd.audit import TARGETS
    from mlsd.audit import audit as run_audit

    try:
        table, passed = run_audit()
    except (RuntimeError, subprocess.CalledProcessError) as error:
        _fail_with("audit", str(error))
    typer.echo(table)
    targets = ", ".join(f"{k} >= {v}" for k, v in TARGETS.items())
    typer.echo(f"targets: {targets}: {'met' if passed else 'MISSED'}")
    if not passed:
        raise typer.Exit(1)


@app.command()
def version() -> None:
    """Print the version of the mlsd tools."""
    from importlib.metadata import version as dist_version

    typer.echo(dist_version("mlsd"))
