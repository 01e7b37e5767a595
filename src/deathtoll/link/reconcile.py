"""Reconcile what several articles say about one incident.

Per victim group × outcome (UCDP's low / best / high):

- ``low`` is the lowest figure any source gives, ``high`` the highest;
- ``best`` is the figure of the latest source (tolls rise as bodies are
  found); an update ("the toll rose to 12", rules named ``*update*``)
  supersedes the earlier figures of the same outlet;
- victims counted with no group ("12 people") are the group the other
  sources name when they name only one; when they name several, they are
  what the named groups leave over, so "12 people" in one outlet and "10
  civilians and 2 policemen" in another are 12 victims, not 24.

Sources are independent outlets: all articles of one outlet are one source,
and so are copies of one wire story (``copy_of``, or evidence sentences that
are near-identical). Only reports of scope ``incident`` count: aggregate and
cumulative statements are checked against incidents, never added in.
Status: ``single-source``; ``corroborated`` (two or more sources, all of
whose figures overlap, or rise with time); ``conflicting`` (two sources'
ranges do not overlap and the later one is not a rise).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Sequence

from rapidfuzz import fuzz

from deathtoll.link.features import PLACE_RANK
from deathtoll.link.figures import figures_of, is_update
from deathtoll.link.items import LinkItem
from deathtoll.model import Actor, DateRange, Incident, Place, Report, VictimTally

__all__ = ["Reconciled", "reconcile", "source_units", "build_incident"]

_DATE_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}
_FAR = date.max
_GROUP_ORDER = {"civilian": 0, "security_forces": 1, "militants": 2, "unknown": 3}


@dataclass(frozen=True)
class Reconciled:
    """Reconciled figures of one incident.

    ``disagreements`` names each outcome on which two sources' ranges do not
    overlap (``"killed: 5-5 (Outlet A) vs 12-12 (Outlet B)"``).
    """

    victims: tuple[VictimTally, ...]
    sources: int
    status: str
    disagreements: tuple[str, ...] = ()


def source_units(items: Sequence[LinkItem], wire_similarity: float = 0.9,
                 figures: Sequence[dict] | None = None) -> list[int]:
    """For each item, the number of its independent source (0, 1, …, in first-seen order).

    One outlet is one source; a copy belongs to its original's source; items
    of different outlets whose evidence sentences are near-identical and
    give the same figures (a wire story reprinted) are one source.
    """
    if len(items) == 1:
        return [0]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_key: dict[str, int] = {}
    texts = [" ".join(dict.fromkeys(r.evidence.sentence for r in it.reports)) for it in items]
    for i, it in enumerate(items):
        for key in (f"source:{it.source}" if it.source else None, f"article:{it.article_id}",
                    f"article:{it.copy_of}" if it.copy_of else None):
            if key is None:
                continue
            if key in by_key:
                union(i, by_key[key])
            else:
                by_key[key] = i
    if figures is None:
        figures = [figures_of(it.reports) for it in items]
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if find(i) != find(j) and texts[i] and texts[j] and _same_figures(figures[i], figures[j]) and \
                    fuzz.token_sort_ratio(texts[i], texts[j]) >= wire_similarity * 100:
                union(i, j)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(find(i), len(numbers)) for i in range(len(items))]


def _same_figures(a: dict, b: dict) -> bool:
    """Both give a figure for something, and the same figure for all they both give."""
    shared = set(a) & set(b)
    return (bool(shared) or not (a or b)) and all(a[k] == b[k] for k in shared)


def _item_figures(item: LinkItem, figs: dict) -> dict[tuple[str, str], tuple[int, int, int, bool, bool]]:
    """(low, best, high, open, update) per (group, outcome) of one article incident."""
    if figs:
        updated = {(r.victims.group, r.outcome) for r in item.reports if is_update(r) and r.scope == "incident"}
        return {k: (*v, k in updated) for k, v in figs.items()}
    if item.reports:
        return {}
    return {(v.group, v.outcome): (v.low or 0, v.best or 0, max(v.high or 0, v.best or 0), False, False)
            for v in item.incident.victims if v.best is not None}


def reconcile(items: Sequence[LinkItem], *, wire_similarity: float = 0.9) -> Reconciled:
    """Reconcile the figures of the article incidents that make one incident."""
    plain = [figures_of(it.reports) for it in items]
    units = source_units(items, wire_similarity, plain)
    figures = [_item_figures(it, f) for it, f in zip(items, plain)]
    known: dict[str, set[str]] = {}
    for figs in figures:
        for group, outcome in figs:
            if group != "unknown":
                known.setdefault(outcome, set()).add(group)
    # (group, outcome) -> unit -> [(published, article, low, best, high, update, open)]
    entries: dict[tuple[str, str], dict[int, list[tuple]]] = {}
    for it, unit, figs in zip(items, units, figures):
        pub = it.published.toordinal() if it.published else -1
        for (group, outcome), (lo, be, hi, is_open, upd) in figs.items():
            if group == "unknown" and len(known.get(outcome, ())) == 1:
                group = next(iter(known[outcome]))  # "people" = the one group others name
            key = (group, outcome)
            entries.setdefault(key, {}).setdefault(unit, []).append((pub, it.article_id, lo, be, hi, upd, is_open))
    kept: dict[tuple[str, str], dict[int, list[tuple]]] = {}
    for key, per_unit in entries.items():
        for unit, rows in per_unit.items():
            rows.sort()
            last_update = max((n for n, r in enumerate(rows) if r[5]), default=0)
            kept.setdefault(key, {})[unit] = rows[last_update:]
    tallies: dict[tuple[str, str], tuple[int, int, int]] = {}
    for key, per_unit in kept.items():
        rows = [r for rs in per_unit.values() for r in rs]
        low = min(r[2] for r in rows)
        high = max(r[4] for r in rows)
        latest = max(r[0] for r in rows)
        best = max(r[3] for r in rows if r[0] == latest)
        tallies[key] = (low, max(low, min(best, high)), high)
    tallies = _residual_unknown(tallies)
    victims = tuple(
        VictimTally(g, o, lo, be, hi)
        for (g, o), (lo, be, hi) in sorted(tallies.items(), key=lambda kv: (kv[0][1], _GROUP_ORDER.get(kv[0][0], 9), kv[0][0]))
    )
    n_sources = len(set(units)) or 1
    disagreements = _disagreements(kept, items, units)
    status = "single-source" if n_sources < 2 else ("conflicting" if disagreements else "corroborated")
    return Reconciled(victims, n_sources, status, disagreements)


def _residual_unknown(tallies: dict[tuple[str, str], tuple[int, int, int]]) -> dict[tuple[str, str], tuple[int, int, int]]:
    out = dict(tallies)
    for (group, outcome), (ulo, ube, uhi) in tallies.items():
        if group != "unknown":
            continue
        known = [v for (g, o), v in tallies.items() if o == outcome and g != "unknown"]
        if not known:
            continue
        klo, kbe, khi = (sum(v[i] for v in known) for i in range(3))
        lo, be, hi = max(0, ulo - khi), max(0, ube - kbe), max(0, uhi - klo)
        lo, hi = min(lo, be), max(hi, be)
        if hi == 0:
            del out[(group, outcome)]
        else:
            out[(group, outcome)] = (lo, be, hi)
    return out


def _disagreements(kept: dict[tuple[str, str], dict[int, list[tuple]]], items: Sequence[LinkItem],
                   units: list[int]) -> tuple[str, ...]:
    """Outcomes on which two sources' latest totals do not overlap and are not a rise."""
    names: dict[int, str] = {}
    for it, unit in zip(items, units):
        names.setdefault(unit, it.source or it.article_id)
    # outcome -> unit -> (published, low, high): the unit's latest figures summed over groups
    totals: dict[str, dict[int, list]] = {}
    for (group, outcome), per_unit in kept.items():
        for unit, rows in per_unit.items():
            pub = rows[-1][0]
            latest = [r for r in rows if r[0] == pub]
            lo, hi = max(r[2] for r in latest), max(r[4] for r in latest)
            cur = totals.setdefault(outcome, {}).setdefault(unit, [pub, 0, 0, False])
            cur[0] = max(cur[0], pub)
            cur[1] += lo
            cur[2] += hi
            cur[3] = cur[3] or any(r[6] for r in latest)
    out: list[str] = []
    for outcome in sorted(totals):
        per_unit = sorted(totals[outcome].items())
        for n, (ua, (pa, la, ha, oa)) in enumerate(per_unit):
            for ub, (pb, lb, hb, ob) in per_unit[n + 1:]:
                if (la <= hb or ob) and (lb <= ha or oa):
                    continue
                earlier_low = ha < lb
                if (earlier_low and pa < pb) or (not earlier_low and pb < pa):
                    continue  # the later source gives more: a rising toll
                out.append(f"{outcome}: {_span(la, ha, oa)} ({names[ua]}) vs {_span(lb, hb, ob)} ({names[ub]})")
    return tuple(out)


def _span(low: int, high: int, is_open: bool) -> str:
    if is_open:
        return f"{low}+"
    return str(low) if low == high else f"{low}-{high}"


def _most_common(values: list, key=None):
    if not values:
        return None
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], key(v) if key else str(v)))


def build_incident(incident_id: str, items: Sequence[LinkItem], *, wire_similarity: float = 0.9) -> Incident:
    """One cross-article incident from its article incidents.

    Place: the most precise one given, the most often given among equals.
    Date: the most precise range, the most often given among equals. Cause
    and perpetrator: the most often named. Reports: every member report, in
    publication then article order. Figures, sources and status: :func:`reconcile`.
    """
    places: list[Place] = [it.incident.place for it in items if it.incident.place.name or it.incident.place.is_known]
    places += [r.place for it in items for r in it.reports if r.place.name or r.place.is_known]
    place = Place()
    if places:
        top = min(PLACE_RANK.get(p.precision, 6) for p in places)
        place = _most_common([p for p in places if PLACE_RANK.get(p.precision, 6) == top], key=lambda p: p.name or "")
    dates: list[DateRange] = [it.incident.date for it in items if it.incident.date.start]
    dates += [r.date for it in items for r in it.reports if r.date.start]
    date_range = DateRange()
    if dates:
        top = min(_DATE_ORDER.get(d.precision, 4) for d in dates)
        date_range = _most_common([d for d in dates if _DATE_ORDER.get(d.precision, 4) == top],
                                  key=lambda d: (d.start, d.end or d.start, d.text or ""))
    causes = [it.incident.cause for it in items if it.incident.cause]
    causes += [r.cause for it in items for r in it.reports if r.cause and not it.incident.cause]
    actors: list[Actor] = [it.incident.perpetrator for it in items if it.incident.perpetrator]
    actors += [r.perpetrator for it in items for r in it.reports if r.perpetrator and not it.incident.perpetrator]
    actor_name = _most_common([a.name for a in actors])
    perpetrator = next((a for a in actors if a.name == actor_name), None)
    order = sorted(range(len(items)), key=lambda i: (items[i].published or items[i].incident.date.start or _FAR,
                                                       items[i].article_id, items[i].incident.id))
    report_ids: list[str] = []
    for i in order:
        ids = [r.id for r in items[i].reports] or list(items[i].incident.reports)
        report_ids.extend(x for x in ids if x not in report_ids)
    rec = reconcile(items, wire_similarity=wire_similarity)
    return Incident(incident_id, place, date_range, _most_common(causes), perpetrator, rec.victims,
                    tuple(report_ids), rec.sources, rec.status)


def reports_in(items: Sequence[LinkItem]) -> list[Report]:
    """Every report of the items, once."""
    seen: set[str] = set()
    out: list[Report] = []
    for it in items:
        for r in it.reports:
            if r.id not in seen:
                seen.add(r.id)
                out.append(r)
    return out
