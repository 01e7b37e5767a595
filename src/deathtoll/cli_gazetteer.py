"""``deathtoll gazetteer``: build the place index, load user places, look names up.

A thin Typer shell over :mod:`deathtoll.resolve`: each command parses its
arguments, calls one library function and prints. Library errors become
``Error: …`` on stderr and exit code 1; a load where some lines were
rejected exits 1 after listing them, 3 when nothing could be loaded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Optional, TypeVar

import typer

from deathtoll.errors import DeathtollError
from deathtoll.resolve.gazetteer import Gazetteer, default_path
from deathtoll.resolve.userdata import LoadResult, add_csv, add_geonames

__all__ = ["app"]

app = typer.Typer(help="Build and query the local place index (GeoNames, no server).", no_args_is_help=True,
                  rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})

T = TypeVar("T")

_DB_HELP = "Gazetteer file (default: $DEATHTOLL_HOME/gazetteer.sqlite or ~/.cache/deathtoll/gazetteer.sqlite)."


def _run(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except DeathtollError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None


def _open(db: Optional[Path], build: bool = True) -> Gazetteer:
    return _run(lambda: Gazetteer(db or default_path(), build=build))


def _report_load(results: list[tuple[Path, LoadResult]]) -> None:
    added = sum(r.added for _, r in results)
    errors = [e for _, r in results for e in r.errors]
    for e in errors:
        typer.echo(f"Error: {e}", err=True)
    typer.echo(f"added {added} place(s) from {len(results)} file(s); {len(errors)} line(s) rejected")
    if errors:
        raise typer.Exit(1 if added else 3)


@app.command("build")
def build(
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
    countries: Optional[str] = typer.Option(None, help="Comma-separated ISO codes to limit the embedded places to."),
) -> None:
    """(Re)compile the embedded GeoNames places; places you added are kept.

    \b
    Example: deathtoll gazetteer build --countries IQ,SY
    """
    g = _open(db, build=False)
    codes = [c.strip() for c in countries.split(",") if c.strip()] if countries else None
    counts = _run(lambda: g.build(countries=codes))
    typer.echo(f"built {g.path}: {counts['places']} places, {counts['names']} names in {counts['seconds']} s")


@app.command("add-geonames")
def add_geonames_cmd(
    files: list[Path] = typer.Argument(..., help="GeoNames dump files (19 tab-separated columns), e.g. IQ.txt."),
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Load GeoNames country dumps (neighbourhoods, villages, camps, dams) into the index.

    \b
    Example: deathtoll gazetteer add-geonames IQ.txt SY.txt
    """
    g = _open(db)
    _report_load([(f, _run(lambda f=f: add_geonames(g, f))) for f in files])


@app.command("add-csv")
def add_csv_cmd(
    files: list[Path] = typer.Argument(..., help="CSV files: name, alternate_names, lat, lon, country, admin1, parent, kind."),
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Load your own places (neighbourhoods, camps, checkpoints) from CSV into the index.

    \b
    Example: deathtoll gazetteer add-csv mosul_neighbourhoods.csv
    """
    g = _open(db, build=False)  # user rows need no embedded data; it is compiled on first lookup
    _report_load([(f, _run(lambda f=f: add_csv(g, f))) for f in files])


@app.command("lookup")
def lookup(
    name: str = typer.Argument(..., help="A place name as written, e.g. 'Qayara'."),
    country: Optional[str] = typer.Option(None, help="Prefer this ISO alpha-2 country."),
    near: Optional[str] = typer.Option(None, help="Prefer places near 'lat,lon'."),
    limit: int = typer.Option(5, help="Most candidates shown."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per candidate."),
    db: Optional[Path] = typer.Option(None, "--db", help=_DB_HELP),
) -> None:
    """Show the entries a name can stand for, best first.

    \b
    Example: deathtoll gazetteer lookup "Tal Keif" --country IQ
    """
    point = None
    if near:
        try:
            lat, lon = (float(x) for x in near.split(","))
            point = (lat, lon)
        except ValueError:
            typer.echo(f"Error: --near must be 'lat,lon', got {near!r}", err=True)
            raise typer.Exit(2) from None
    g = _open(db)
    cands = g.lookup(name, country=country.upper() if country else None, near=point, limit=limit)
    if not cands:
        typer.echo(f"no place matches {name!r}", err=True)
        raise typer.Exit(1)
    for c in cands:
        if as_json:
            typer.echo(json.dumps({"name": c.name, "matched": c.matched, "geonames_id": c.geonames_id, "lat": c.lat,
                                   "lon": c.lon, "admin1": c.admin1, "country": c.country, "precision": c.precision,
                                   "population": c.population, "score": round(c.score, 3)}, ensure_ascii=False))
        else:
            typer.echo(f"{c.name}\t{c.admin1 or '-'}\t{c.country or '-'}\t{c.precision}\t"
                       f"{c.lat:.4f},{c.lon:.4f}\tgeonames:{c.geonames_id or '-'}\tpop {c.population}\t"
                       f"score {c.score:.2f}\t(matched {c.matched!r})")
