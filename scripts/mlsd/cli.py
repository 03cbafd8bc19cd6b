"""The `mlsd` command line."""

from __future__ import annotations

import typer

app = typer.Typer(help="Tools of the ML System Design Atlas.", no_args_is_help=True)


@app.command()
def version() -> None:
    """Print the version of the mlsd tools."""
    from importlib.metadata import version as dist_version

    typer.echo(dist_version("mlsd"))
