"""The ``deathtoll`` command: a thin Typer shell over the library.

Each command parses its options, calls one library function and prints.
Exit codes: 0 all fine; 1 some inputs failed, or a command failed; 2 usage
error; 3 ``run``/``extract`` could process nothing (every input failed, no
input was found, or the run could not start).
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator, List, Literal, Optional

import typer
from rich.console import Console

from deathtoll import __version__
from deathtoll.errors import DeathtollError
from deathtoll.model import GROUPS, OUTCOMES
from deathtoll.options import Options

__all__ = ["app", "main"]

OK, SOME_FAILED, NOTHING = 0, 1, 3

Group = Literal[GROUPS]  # type: ignore[valid-type]
Outcome = Literal[OUTCOMES]  # type: ignore[valid-type]
Format = Literal["csv", "jsonl", "geojson", "acled", "ucdp"]

app = typer.Typer(
    name="deathtoll",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
incidents_app = typer.Typer(rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(incidents_app, name="incidents")


def _mount_gazetteer() -> None:
    from deathtoll.cli_gazetteer import app as gazetteer_app

    app.add_typer(gazetteer_app, name="gazetteer",
                  help="Build and query the local place index (GeoNames, no server).\n\n\b\n"
                       "Example: deathtoll gazetteer lookup Qayara --country IQ")


_mount_gazetteer()

DB_HELP = "Database file (or sqlite:///path); DEATHTOLL_DB by default."


def _db_option(required: bool = True) -> Any:
    return typer.Option(... if required else None, "--db", envvar="DEATHTOLL_DB", help=DB_HELP, metavar="FILE",
                        show_envvar=False)


def _lexicon_option() -> Any:
    return typer.Option(None, "--lexicon", metavar="DIR", help="Folder of extra lexicon files (outcomes.tsv, victims.tsv, …); repeatable.")


def _gazetteer_option() -> Any:
    return typer.Option(None, "--gazetteer", metavar="FILE", help="Place index to use (default: the user cache).")


def _options(workers: int = 1, batch_size: int = 50, lexicon: Optional[List[Path]] = None,
             gazetteer: Optional[Path] = None) -> Options:
    for d in lexicon or ():
        if not d.is_dir():
            raise _fail(f"{d}: lexicon folder not found", 2)
    return Options(workers=workers, batch_size=batch_size, lexicon_dirs=tuple(lexicon or ()), gazetteer=gazetteer)


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _out() -> Console:
    """Stdout console; 160 columns when piped (a terminal or COLUMNS sets its own)."""
    piped = not sys.stdout.isatty() and not os.environ.get("COLUMNS")
    return Console(highlight=False, width=160 if piped else None)


def _fail(message: str, code: int) -> typer.Exit:
    line = " ".join(str(message).split())
    typer.echo(f"Error: {line}", err=True)
    return typer.Exit(code)


@contextmanager
def _errors(code: int = SOME_FAILED) -> Iterator[None]:
    """Turn library errors into ``Error: …`` on stderr and exit ``code``, never a traceback."""
    try:
        yield
    except DeathtollError as e:
        raise _fail(str(e), code) from None
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(SOME_FAILED) from None
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        raise _fail(f"{where}{(e.strerror or str(e)).lower()}", code) from None
    except KeyboardInterrupt:
        raise _fail("interrupted", 130) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"deathtoll {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Turn conflict news into an auditable casualty database.

    \b
    Example: deathtoll run news/ --db deaths.db && deathtoll incidents --db deaths.db
    """


# -- run / extract ----------------------------------------------------------------
@app.command()
def run(
    paths: List[str] = typer.Argument(..., metavar="PATH", help="Files or folders of articles; - reads stdin."),
    db: str = _db_option(),
    workers: int = typer.Option(1, "--workers", min=1, metavar="N", help="Local processes for extraction."),
    batch_size: int = typer.Option(50, "--batch-size", min=1, metavar="N", help="Articles per committed transaction."),
    no_progress: bool = typer.Option(False, "--no-progress", help="Never show the progress display."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only errors, no summary."),
    lexicon: Optional[List[Path]] = _lexicon_option(),
    gazetteer: Optional[Path] = _gazetteer_option(),
) -> None:
    """Read articles, extract casualty reports, link them and store them.

    Articles already stored with the same content are skipped, so a run that
    was stopped resumes where it stopped. The summary goes to stderr.

    \b
    Example: deathtoll run news/ feed.jsonl --db deaths.db --workers 2
    """
    from deathtoll.pipeline import Pipeline
    from deathtoll.publish.tables import summary_table
    from deathtoll.store import open_store

    options = _options(workers, batch_size, lexicon, gazetteer)
    progress = False if (no_progress or quiet) else None
    with _errors(NOTHING), open_store(db) as store:
        summary = Pipeline(options).run(paths, store=store, progress=progress, stdin=sys.stdin)
    for where, reason in summary.skipped:
        typer.echo(f"Error: {where}: {reason}" if where else f"Error: {reason}", err=True)
    if summary.status == "failed":
        if not summary.skipped:
            raise _fail(f"no articles found in {' '.join(paths)}", NOTHING)
        raise typer.Exit(NOTHING)
    if not quiet:
        _err().print(summary_table(summary))
    raise typer.Exit(SOME_FAILED if summary.status == "partial" else OK)


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., metavar="PATH", help="Files or folders of articles; - reads stdin."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per article per line."),
    workers: int = typer.Option(1, "--workers", min=1, metavar="N", help="Local processes for extraction."),
    lexicon: Optional[List[Path]] = _lexicon_option(),
    gazetteer: Optional[Path] = _gazetteer_option(),
) -> None:
    """Read articles out without a database: JSON lines or readable tables on stdout.

    With --json each line is exactly the article's result as documented in
    DESIGN.md (article, reports, incidents, totals, checks).

    \b
    Example: deathtoll extract story.txt --json > story.json
    """
    from deathtoll.pipeline import Pipeline
    from deathtoll.publish.tables import article_view

    failed = 0

    def on_error(err: DeathtollError) -> None:
        nonlocal failed
        failed += 1
        typer.echo(f"Error: {' '.join(str(err).split())}", err=True)

    out = _out()
    done = 0
    with _errors(NOTHING):
        for result in Pipeline(_options(workers, lexicon=lexicon, gazetteer=gazetteer)).extract(
                paths, on_error=on_error, stdin=sys.stdin):
            done += 1
            if as_json:
                sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                out.print(article_view(result))
                out.print()
    if done == 0:
        if not failed:
            raise _fail(f"no articles found in {' '.join(paths)}", NOTHING)
        raise typer.Exit(NOTHING)
    raise typer.Exit(SOME_FAILED if failed else OK)


# -- queries ------------------------------------------------------------------------


@incidents_app.callback(invoke_without_command=True)
def incidents(
    ctx: typer.Context,
    db: Optional[str] = _db_option(required=False),
    since: Optional[datetime] = typer.Option(None, "--since", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD",
                                             help="Incidents that end on or after this day."),
    until: Optional[datetime] = typer.Option(None, "--until", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD",
                                             help="Incidents that start on or before this day."),
    place: Optional[str] = typer.Option(None, "--place", metavar="TEXT", help="Part of the place or province name, or a country code."),
    group: Optional[Group] = typer.Option(None, "--group", help="Victim group."),
    outcome: Optional[Outcome] = typer.Option(None, "--outcome", help="Outcome (killed, wounded, …)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, metavar="N", help="At most this many, earliest first."),
) -> None:
    """List stored incidents as a table, earliest first.

    \b
    Example: deathtoll incidents --db deaths.db --since 2017-01-01 --place Mosul --limit 20
    """
    if ctx.invoked_subcommand is not None:
        return
    if db is None:
        raise typer.BadParameter("give the database file to list incidents", ctx=ctx, param_hint="'--db'")
    from deathtoll.publish.tables import incidents_table
    from deathtoll.store import open_store

    with _errors(), open_store(db) as store:
        found = store.incidents(since=since.date() if since else None, until=until.date() if until else None,
                                place=place, group=group, outcome=outcome, limit=limit)
    if not found:
        _err().print("no incidents match")
        return
    _out().print(incidents_table(found))


@app.command()
def show(
    item: str = typer.Argument(..., metavar="ID", help="An incident id (a1/0) or an article id."),
    db: str = _db_option(),
) -> None:
    """Show an incident with every report and its evidence, or an article's reports.

    \b
    Example: deathtoll show a1b2c3d4e5f60718/2 --db deaths.db
    """
    from deathtoll.publish.tables import article_view, incident_view
    from deathtoll.store import open_store

    out = _out()
    with _errors(), open_store(db) as store:
        incident = store.incident(item)
        if incident is not None:
            out.print(incident_view(incident, store.reports_for(item)))
            return
        result = store.article(item)
        if result is None:
            raise DeathtollError(f"no incident or article {item!r} in {db}")
        out.print(article_view(result))


@app.command()
def export(
    db: str = _db_option(),
    fmt: Format = typer.Option(..., "--format", "-f",
                               help="csv (flat), jsonl (incidents with reports), geojson (points), acled or ucdp (those datasets' columns and codes)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="File to write (default: stdout)."),
) -> None:
    """Export the stored incidents as CSV, JSON Lines, GeoJSON, or ACLED- or UCDP-shaped CSV.

    \b
    Example: deathtoll export --db deaths.db --format geojson --output incidents.geojson
    """
    from deathtoll.publish import export as write_export
    from deathtoll.store import open_store

    with _errors(), open_store(db) as store:
        if output is None:
            stats = write_export(store, fmt, sys.stdout)
        else:
            stats = _export_to_file(store, fmt, output)
    if stats.left_out:
        typer.echo(f"{_plural(stats.left_out, 'incident')} without coordinates left out of the GeoJSON", err=True)
    if output is not None:
        typer.echo(f"wrote {_plural(stats.written, 'incident')} to {output}", err=True)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., metavar="GOLD.jsonl", help="JSON Lines file: one annotated article per line."),
    text_field: str = typer.Option("text", "--text-field", help="Field holding the article text."),
    killed_field: str = typer.Option("killed", "--killed-field", help="Field (dotted path allowed) with the gold killed count."),
    wounded_field: str = typer.Option("wounded", "--wounded-field", help="Field with the gold wounded count."),
    id_field: Optional[str] = typer.Option(None, "--id-field", help="Field with the article id (default: file:line)."),
    errors_file: Optional[Path] = typer.Option(None, "--errors", metavar="FILE", help="Write mis-scored articles with their evidence here (JSONL)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as one JSON object."),
    lexicon: Optional[List[Path]] = _lexicon_option(),
    gazetteer: Optional[Path] = _gazetteer_option(),
) -> None:
    """Score per-article killed/wounded totals against your own annotated articles.

    Prints exact match overall and on gold > 0, the false-positive rate on gold = 0
    and the share within ±20%.

    \b
    Example: deathtoll evaluate gold.jsonl --text-field body --killed-field n_killed --wounded-field n_injured --errors errors.jsonl
    """
    from deathtoll.evaluate import evaluate as run_evaluation, write_errors

    with _errors():
        ev = run_evaluation(gold, text_field=text_field, killed_field=killed_field, wounded_field=wounded_field,
                            id_field=id_field, options=_options(lexicon=lexicon, gazetteer=gazetteer))
        if errors_file is not None:
            write_errors(ev, errors_file)
    scores = ev.to_dict()
    if as_json:
        typer.echo(json.dumps(scores))
    else:
        for outcome in ("killed", "wounded"):
            sc = scores[outcome]
            typer.echo(f"{outcome:8} n={sc['n']}  exact={sc['exact']}  exact(gold>0)={sc['exact_on_gold_positive']}  "
                       f"false-positive(gold=0)={sc['false_positive_rate_on_gold_zero']}  within20%={sc['within_20_percent']}")
        typer.echo(f"{scores['errors']} articles mis-scored, {scores['skipped']} lines skipped")
    for line in ev.skipped:
        typer.echo(f"Error: {line}", err=True)
    if ev.skipped:
        raise typer.Exit(SOME_FAILED if ev.scores["killed"].n else NOTHING)


def _export_to_file(store: Any, fmt: str, output: Path) -> Any:
    """Write through a temporary file beside ``output``, so a failed export leaves no half file."""
    from deathtoll.publish import export as write_export

    if not output.parent.is_dir():
        raise DeathtollError(f"{output}: folder {output.parent} does not exist")
    partial = output.with_name(output.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            stats = write_export(store, fmt, out)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return stats


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# the linking commands live beside this file; importing them registers them on ``app``
from deathtoll import cli_link  # noqa: E402,F401


def main() -> None:
    """Entry point of the ``deathtoll`` script."""
    app()
