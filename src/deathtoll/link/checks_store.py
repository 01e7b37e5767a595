"""Checks across the whole database, as pure functions over model objects.

- :func:`aggregate_checks`: a round-up's stated total (an ``aggregate``
  report: "at least 23 people were killed across Iraq on Tuesday") against
  the incidents held for that day and country: ``match`` when the two ranges
  overlap, ``mismatch`` otherwise, with both figures.
- :func:`conflict_checks`: incidents whose sources disagree beyond their
  ranges, with each article's figure.
- :func:`placement_checks`: reports that could not be placed or dated.

:func:`store_checks` runs all three. Pass the *linked* (cross-article)
incidents, so that an event told by three outlets is counted once.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, Mapping

from deathtoll.link.figures import figures_of, is_open_count
from deathtoll.model import Check, Count, Incident, Report

__all__ = ["store_checks", "aggregate_checks", "conflict_checks", "placement_checks"]

def _stated(count: Count) -> tuple[int, int, float]:
    best = count.best if count.best is not None else (count.low if count.low is not None else (count.high or 0))
    low = count.low if count.low is not None else best
    high: float = count.high if count.high is not None else best
    if is_open_count(count):
        high = float("inf")
    return low, best, high


def _covers(inc: Incident, start: date, end: date) -> bool:
    return inc.date.start is not None and start <= inc.date.start and (inc.date.end or inc.date.start) <= end


def aggregate_checks(aggregates: Iterable[Report], incidents: Iterable[Incident]) -> list[Check]:
    """Each dated, placed aggregate report against the incidents of its days and country.

    An aggregate with no date or no country is not checked here (see
    :func:`placement_checks`). Incidents count when their date range lies
    within the aggregate's and their country is the aggregate's.
    """
    by_country: dict[str, list[Incident]] = {}
    for inc in incidents:
        if inc.place.country and inc.date.start is not None:
            by_country.setdefault(inc.place.country, []).append(inc)
    out: list[Check] = []
    for rep in sorted(aggregates, key=lambda r: r.id):
        if rep.scope != "aggregate" or rep.date.start is None or not rep.place.country:
            continue
        start, end = rep.date.start, rep.date.end or rep.date.start
        covered = [inc for inc in by_country.get(rep.place.country, ()) if _covers(inc, start, end)]
        lo = be = hi = 0
        for inc in covered:
            t = inc.tally(rep.outcome)
            lo, be, hi = lo + t[0], be + t[1], hi + t[2]
        s_lo, s_be, s_hi = _stated(rep.count)
        status = "match" if s_lo <= hi and lo <= s_hi else "mismatch"
        when = start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"
        stated_txt = rep.count.text or str(s_be)
        itemised_txt = str(be) if lo == hi else f"{lo}-{hi} (best {be})"
        message = (f"{rep.place.country} {when}: stated {stated_txt} {rep.outcome}, "
                   f"itemised {itemised_txt} in {len(covered)} incident{'s' if len(covered) != 1 else ''}")
        evidence = (rep.id,) + tuple(r for inc in covered for r in inc.reports)
        out.append(Check("aggregate", status, message, evidence, {rep.outcome: s_be}, {rep.outcome: be}))
    return out


def conflict_checks(incidents: Iterable[Incident], reports: Iterable[Report] | Mapping[str, Report] = ()) -> list[Check]:
    """One ``mismatch`` check per incident whose status is ``conflicting``.

    With the reports at hand, the message gives each article's figure per
    outcome ("killed: tw-401 4, ss-401 15").
    """
    by_id = dict(reports) if isinstance(reports, Mapping) else {r.id: r for r in reports}
    out: list[Check] = []
    for inc in sorted(incidents, key=lambda i: i.id):
        if inc.status != "conflicting":
            continue
        per_article: dict[str, list[Report]] = {}
        for rid in inc.reports:
            if rid in by_id:
                per_article.setdefault(by_id[rid].article_id, []).append(by_id[rid])
        article_figures = {aid: figures_of(reps) for aid, reps in per_article.items()}
        parts: list[str] = []
        for outcome in sorted({v.outcome for v in inc.victims}):
            figs = []
            for aid, figures in article_figures.items():
                values = [f[1] for (_, o), f in figures.items() if o == outcome]
                if values:
                    figs.append(f"{aid} {sum(values)}")
            if len(figs) > 1:
                parts.append(f"{outcome}: " + ", ".join(figs))
        detail = "; ".join(parts) if parts else "sources disagree beyond their ranges"
        out.append(Check("conflict", "mismatch", f"{inc.id}: sources disagree ({detail})", inc.reports))
    return out


def placement_checks(reports: Iterable[Report]) -> list[Check]:
    """An ``info`` check for every report with no resolved place, and one for every undated report."""
    out: list[Check] = []
    for rep in sorted(reports, key=lambda r: r.id):
        if not rep.place.is_known:
            what = f"place {rep.place.name!r} not found" if rep.place.name else "no place"
            out.append(Check("unplaced", "info", f"{rep.id}: {what}", (rep.id,)))
        if rep.date.start is None:
            what = f"date {rep.date.text!r} not resolved" if rep.date.text else "no date"
            out.append(Check("undated", "info", f"{rep.id}: {what}", (rep.id,)))
    return out


def store_checks(incidents: Iterable[Incident], reports: Iterable[Report]) -> list[Check]:
    """Every cross-store check: aggregates against incidents, conflicts, unplaced and undated reports.

    Args:
        incidents: the linked (cross-article) incidents of the store.
        reports: the stored reports (aggregate ones are checked; all are
            looked at for place and date).
    """
    incs = list(incidents)
    reps = list(reports)
    return (aggregate_checks((r for r in reps if r.scope == "aggregate"), incs)
            + conflict_checks(incs, reps)
            + placement_checks(reps))
