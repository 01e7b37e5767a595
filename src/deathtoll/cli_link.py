"""The linking commands of ``deathtoll``: ``incidents merge|split``, ``link``, ``checks``.

Registered on the app of :mod:`deathtoll.cli` when it is imported; thin shells
over :mod:`deathtoll.store.linking` and :mod:`deathtoll.link`.
"""

from __future__ import annotations

from typing import Any, List, Optional

import typer

from deathtoll.cli import _db_option, _err, _errors, _fail, _out, _plural, app, incidents_app
from deathtoll.errors import DeathtollError


@incidents_app.command("merge")
def incidents_merge(
    ids: List[str] = typer.Argument(..., metavar="ID...", help="Two or more incident ids that are one event."),
    db: str = _db_option(),
) -> None:
    """Merge incidents an analyst knows are one event; later runs keep the merge.

    \b
    Example: deathtoll incidents merge L-311fc445a98f L-79182807faa4 --db deaths.db
    """
    from deathtoll.link.manual import merge_decision
    from deathtoll.store import open_store
    from deathtoll.store.linking import relink

    if len(ids) < 2:
        raise _fail("a merge needs at least two incident ids", 2)
    with _errors(), open_store(db) as store:
        incidents = [_stored_incident(store, i) for i in ids]
        store.add_decision(merge_decision(incidents))
        result = relink(store)
    target = next((i.id for i in result.incidents if set(incidents[0].reports) <= set(i.reports)), "?")
    typer.echo(f"merged {', '.join(ids)} into {target}", err=True)


@incidents_app.command("split")
def incidents_split(
    incident: str = typer.Argument(..., metavar="ID", help="The incident to split."),
    reports: List[str] = typer.Argument(..., metavar="REPORT...", help="Report ids that are another event."),
    db: str = _db_option(),
) -> None:
    """Take reports out of an incident into one of their own; later runs keep the split.

    \b
    Example: deathtoll incidents split L-311fc445a98f 9f2c0e1d3b4a5c6d#3 --db deaths.db
    """
    from deathtoll.link.manual import split_decision
    from deathtoll.store import open_store
    from deathtoll.store.linking import relink

    with _errors(), open_store(db) as store:
        found = _stored_incident(store, incident)
        store.add_decision(split_decision(found, reports))
        result = relink(store)
    target = next((i.id for i in result.incidents if set(reports) <= set(i.reports)), "?")
    typer.echo(f"split {len(reports)} report(s) out of {incident} into {target}", err=True)


@app.command()
def link(
    db: str = _db_option(),
    everything: bool = typer.Option(False, "--all", help="Relink every stored article, not only unlinked ones."),
    threshold: Optional[float] = typer.Option(None, "--threshold", min=0.0, max=1.0, help="Score a pair needs to be linked (default 0.28)."),
    similarity: Optional[str] = typer.Option(None, "--similarity", help="lexical (default), embedding or both."),
) -> None:
    """Link stored article incidents into cross-source incidents (every run does this itself).

    \b
    Example: deathtoll link --db deaths.db --all --threshold 0.35
    """
    from deathtoll.store import open_store
    from deathtoll.store.linking import relink

    settings = {k: v for k, v in (("threshold", threshold), ("similarity", similarity)) if v is not None}
    with _errors(), open_store(db) as store:
        fresh = {it.article_id for it in store.link_items()} if everything else ()
        result = relink(store, fresh, settings or None)
    merged = sum(1 for i in result.incidents if i.sources > 1)
    typer.echo(f"{_plural(len(result.incidents), 'linked incident')}, {merged} told by more than one source", err=True)


def _stored_incident(store: Any, incident_id: str) -> Any:
    found = store.incident(incident_id)
    if found is None:
        raise DeathtollError(f"no incident {incident_id!r} in {store.location}")
    return found


@app.command()
def checks(
    db: str = _db_option(),
    kind: Optional[str] = typer.Option(None, "--kind", help="aggregate, conflict, unplaced or undated."),
    status: Optional[str] = typer.Option(None, "--status", help="match, mismatch or info."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, metavar="N", help="At most this many."),
) -> None:
    """List consistency checks: stated totals against incidents, conflicting sources,
    reports that could not be placed or dated — each with its evidence.

    \b
    Example: deathtoll checks --db deaths.db --status mismatch
    """
    from deathtoll.publish.tables import checks_view
    from deathtoll.store import open_store

    with _errors(), open_store(db) as store:
        found = [c for c in store.checks() if (kind is None or c.check.kind == kind)
                 and (status is None or c.check.status == status)]
        if limit is not None:
            found = found[:limit]
        if not found:
            _err().print("no checks match")
            return
        _out().print(checks_view(found, store))
