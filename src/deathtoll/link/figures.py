"""The figures one article gives for an incident, per victim group and outcome.

Linking compares them between articles (:mod:`.decide`), reconciliation takes
each source's figure from them (:mod:`.reconcile`) and the store's checks add
them up (:mod:`.checks_store`).
"""

from __future__ import annotations

import re
from typing import Iterable

from deathtoll.model import Count, Report

__all__ = ["is_update", "is_open_count", "figures_of"]


def is_update(report: Report) -> bool:
    """The extractor marked this report as an update of an earlier toll."""
    return any("update" in rule for rule in report.evidence.rules)


_OPEN = re.compile(r"\b(at least|more than|over|upwards of|no fewer than|dozens|hundreds|scores)\b", re.I)


def is_open_count(count: Count) -> bool:
    """The count states no upper bound: no ``high``, or words like "at least", "more than", "dozens"."""
    return count.high is None or bool(_OPEN.search(count.text or ""))


def figures_of(reports: Iterable[Report]) -> dict[tuple[str, str], tuple[int, int, int, bool]]:
    """Per (victim group, outcome), the figure one article gives, from its incident reports.

    Returns ``(low, best, high, open)``; ``open`` says the figure states no
    upper bound ("at least 10", or no ``high``), so any higher figure agrees
    with it. An update in the article supersedes other mentions; otherwise
    the largest low/best/high is kept (a headline and the body repeating one
    figure count once). Feared counts add to ``high`` only, alleged ones to
    ``best`` and ``high``; denied reports give nothing.
    """
    chosen: dict[tuple[str, str], list[Report]] = {}
    for rep in reports:
        if rep.scope != "incident" or rep.certainty == "denied":
            continue
        chosen.setdefault((rep.victims.group, rep.outcome), []).append(rep)
    out: dict[tuple[str, str], tuple[int, int, int, bool]] = {}
    for key, reps in chosen.items():
        updates = [r for r in reps if is_update(r)]
        if updates:
            reps = [max(updates, key=lambda r: r.evidence.start)]
        lo = be = hi = None
        is_open = False
        for rep in reps:
            c = rep.count
            best = c.best if c.best is not None else (c.low if c.low is not None else c.high)
            if best is None:
                continue
            low = c.low if c.low is not None else best
            high = c.high if c.high is not None else best
            if rep.certainty == "feared":
                low, best = 0, 0
            elif rep.certainty == "alleged":
                low = 0
            if be is None or best >= be:
                is_open = is_open_count(c)
            lo = low if lo is None else max(lo, low)
            be = best if be is None else max(be, best)
            hi = high if hi is None else max(hi, high)
        if be is not None:
            out[key] = (lo or 0, be, max(hi or 0, be), is_open)
    return _fold_unknown(out)


def _fold_unknown(figures: dict[tuple[str, str], tuple[int, int, int, bool]]) -> dict[tuple[str, str], tuple[int, int, int, bool]]:
    """"The boy was hurt" after "he shot himself": people of no group told beside people of a
    group are the same people up to the named ones' number; only what exceeds it is more."""
    out = dict(figures)
    for (group, outcome), (lo, be, hi, is_open) in figures.items():
        if group != "unknown":
            continue
        named = [v for (g, o), v in figures.items() if o == outcome and g != "unknown"]
        if not named:
            continue
        rest = (max(0, lo - sum(v[0] for v in named)), max(0, be - sum(v[1] for v in named)),
                max(0, hi - sum(v[2] for v in named)))
        if any(rest):
            out[(group, outcome)] = (*rest, is_open)
        else:
            del out[(group, outcome)]
    return out
