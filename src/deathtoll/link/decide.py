"""Is a candidate pair one event? An additive score with its reasons.

The score starts from the similarity of the two incidents' evidence
sentences and moves with what else they state:

=====================  ==========================================
names                  a rare proper name in both (not the place's own) +0.10
candidates             each the other's only candidate at that place and time +0.10
place                  same spot (neighbourhood or finer) +0.10, same town +0.05, near -0.05,
                       two spots more than ``spot_km`` apart -0.25, both unplaced -0.15,
                       opposite sides of one town ("east Mosul" / "west Mosul") -0.15
date                   same day +0.10, days apart -0.05, undated -0.10
cause                  same +0.05, different kind of weapon -0.25
perpetrator            same +0.05, different -0.25
figures                compatible totals +0.10, an update's rise +0.05, far apart -0.15
victims                the named groups killed do not meet -0.10
outcomes               nothing in common (one counts killed, the other wounded) -0.05
=====================  ==========================================

A pair is linked when the score reaches ``LinkOptions.threshold``. The
reasons travel with the decision, so every link can be explained.
"""

from __future__ import annotations

import re

from unidecode import unidecode

from deathtoll.link.blocking import date_gap, haversine_km
from deathtoll.link.features import Features
from deathtoll.link.items import LinkOptions

__all__ = ["score_pair", "figures_agree", "guard_conflict"]


def figures_agree(a: Features, b: Features) -> tuple[float, str | None]:
    """Score and reason from the two incidents' totals per outcome."""
    shared = sorted(set(a.totals) & set(b.totals))
    if not a.totals or not b.totals:
        return 0.0, None
    if not shared:
        return -0.05, "no outcome in common"
    verdicts: list[str] = []
    for outcome in shared:
        (la, ba, ha, oa), (lb, bb, hb, ob) = a.totals[outcome], b.totals[outcome]
        if (la <= hb or ob) and (lb <= ha or oa):
            verdicts.append("agree")
            continue
        if (ba < bb and b.update) or (bb < ba and a.update):
            verdicts.append("rise")
            continue
        lo, hi = min(ba, bb), max(ba, bb)
        close = hi - lo <= max(2, 0.5 * hi)
        if (ba < bb and _later(b, a)) or (bb < ba and _later(a, b)):
            verdicts.append("later higher" if close else "later far")
            continue
        verdicts.append("close" if close else "far")
    if "far" in verdicts:
        return -0.15, "figures far apart"
    if "later far" in verdicts:
        return -0.10, "later figure much higher"
    if all(v == "agree" for v in verdicts):
        return 0.10, "figures agree"
    if "close" in verdicts:
        return 0.0, "figures differ a little"
    if "rise" in verdicts:
        return 0.05, "toll rose"
    return 0.0, "later figure higher"


def _later(x: Features, y: Features) -> bool:
    return x.published is not None and y.published is not None and x.published > y.published


_OPPOSITE = {"east": "west", "west": "east", "north": "south", "south": "north"}


def _opposite_sides(a: Features, b: Features) -> bool:
    """The two texts put the event on opposite sides of the coarser place's town."""
    town = (a if a.rank >= b.rank else b).place.name
    sa, sb = a.sides_of(town), b.sides_of(town)
    return any(_OPPOSITE[x] in sb for x in sa) and not sa & sb


def _km(a: Features, b: Features) -> float:
    return haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon)  # type: ignore[arg-type]


def _groups_killed(f: Features) -> set[str]:
    return {g for (g, o), fig in f.figures.items() if o == "killed" and g != "unknown" and fig[1] > 0}


def _place_words(f: Features) -> set[str]:
    words: set[str] = set()
    for name in (f.place.name, f.place.admin1):
        if name:
            folded = unidecode(name).lower()
            words.update(w for w in re.split(r"[^a-z]+", folded) if w)
            words.add(folded)
    return words


def score_pair(a: Features, b: Features, relation: str, text: float, opts: LinkOptions,
               names: set[str] | frozenset[str] = frozenset(), *, alone: bool = False) -> tuple[float, tuple[str, ...]]:
    """The evidence that ``a`` and ``b`` are one event, and its reasons.

    ``text`` is the similarity of their evidence; ``names`` the rare proper
    names both texts hold (see :class:`~deathtoll.link.similarity.NameIndex`);
    ``alone`` says each is the other's only candidate (no other article
    tells of an incident at that place and time).
    """
    score = text
    reasons = [f"text {text:.2f}"]
    if alone:
        score += 0.10
        reasons.append("only candidates")
    names = set(names) - _place_words(a) - _place_words(b)
    if names:
        score += 0.10
        reasons.append("shared name " + ", ".join(sorted(names)[:3]))
    if relation == "same" and max(a.rank, b.rank) <= 1:
        score += 0.10
        reasons.append("same spot")
    elif relation == "same" and max(a.rank, b.rank) <= 2:
        score += 0.05
        reasons.append("same town")
    elif relation == "near" and max(a.rank, b.rank) <= 1 and _km(a, b) > opts.spot_km:
        score -= 0.25
        reasons.append("different spots")
    elif relation == "near":
        score -= 0.05
        reasons.append("nearby place")
    elif relation == "unplaced":
        score -= 0.15
        reasons.append("no place")
    else:
        reasons.append(f"{relation} place")
    if _opposite_sides(a, b):
        score -= 0.15
        reasons.append("opposite sides of town")
    if a.date_known and b.date_known:
        gap = date_gap(a, b)
        if gap == 0 and a.start == a.end and b.start == b.end:
            score += 0.10
            reasons.append("same day")
        elif gap > 0:
            score -= 0.05
            reasons.append(f"{gap} day{'s' if gap > 1 else ''} apart")
    else:
        score -= 0.10
        reasons.append("undated")
    if a.cause and b.cause:
        if a.cause == b.cause:
            score += 0.05
            reasons.append("same cause")
        elif a.family != b.family:
            score -= 0.25
            reasons.append("cause differs")
    if a.perpetrator and b.perpetrator:
        if a.perpetrator == b.perpetrator:
            score += 0.05
            reasons.append("same perpetrator")
        else:
            score -= 0.25
            reasons.append("perpetrator differs")
    delta, why = figures_agree(a, b)
    score += delta
    if why:
        reasons.append(why)
    ga, gb = _groups_killed(a), _groups_killed(b)
    if ga and gb and not ga & gb:
        score -= 0.10
        reasons.append("victims differ")
    return score, tuple(reasons)


def guard_conflict(a: Features, b: Features, opts: LinkOptions) -> str | None:
    """Why ``a`` and ``b`` can never share an incident (None: they may).

    Used when joining clusters, so that A~B and B~C do not chain A and C
    when A and C are clearly different events.
    """
    if a.article == b.article:
        return "same article"
    if a.cause and b.cause and a.family != b.family:
        return "cause differs"
    if a.perpetrator and b.perpetrator and a.perpetrator != b.perpetrator:
        return "perpetrator differs"
    if a.date_known and b.date_known:
        if date_gap(a, b) > max(a.slack, b.slack, opts.max_day_spread):
            return "dates too far apart"
    pa, pb = a.place, b.place
    if pa.country and pb.country and pa.country != pb.country:
        return "countries differ"
    if a.has_coords and b.has_coords and a.rank <= 2 and b.rank <= 2:
        if haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) > opts.far_km:  # type: ignore[arg-type]
            return "places too far apart"
    return None
