"""What an article as a whole says about where it is: its country, its
first-level division, its anchor town and the points of its unambiguous places.

Votes, heaviest first: the dateline (and its state, "AURORA, Colo."), the
qualifiers ("Miami Beach, Florida"), counties and provinces written as such,
the towns named with a location cue, the outlet's city or state ("CBS
Chicago"), and, weakly, the country where most of the article's names exist at
all. Buildings, streets and the home towns of people ("a Maryland woman") do
not vote, or barely.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deathtoll.resolve.gazetteer import Candidate

if TYPE_CHECKING:
    from deathtoll.resolve.mentions import Mention
    from deathtoll.resolve.places import Located

__all__ = ["Context", "article_context", "FINE"]

FINE = ("town", "neighbourhood", "exact")
_NO_VOTE_KINDS = ("building", "street")
_STATE_TOWN = 20_000


@dataclass
class Context:
    """The article's country and province, its unambiguous points, its main place
    and its anchor town (the dateline's, else the headline's, else the outlet's)."""

    country: str | None = None
    admin1: str | None = None
    admin1_strong: bool = False
    points: list[tuple[float, float]] = field(default_factory=list)
    main: Located | None = None
    anchor: Located | None = None
    hints: list[Candidate] = field(default_factory=list)


def _weight(m: Mention) -> float:
    if m.kind in _NO_VOTE_KINDS or m.extra.get("outlet"):
        return 0.0
    if m.extra.get("role") == "origin":
        return 0.25
    return 1.0


def article_context(ms: list[Mention], first: dict[int, list[Candidate]], accepted: set[int],
                    qualifier_of: dict[int, Candidate], quals: dict[int, dict],
                    hints: list[Candidate] | None = None) -> Context:
    """Vote the article's country and first-level division.

    Args:
        ms: The article's mentions.
        first: Each mention's candidates looked up alone.
        accepted: Indexes of the mentions taken as places.
        qualifier_of: Mentions that qualify another ("…, Iraq") and their entry.
        quals: What each qualified mention is restricted to.
        hints: Entries the outlet names ("CBS Chicago").

    Returns:
        The context, without ``main`` and ``anchor`` (set by the resolver).
    """
    votes: Counter[str] = Counter()
    prov: Counter[tuple[str, str]] = Counter()
    strong_prov: set[tuple[str, str]] = set()
    for i in accepted:
        m, cands = ms[i], first[i]
        w = _weight(m)
        q = quals.get(i)
        if q:
            qw = 3 if m.cue == "dateline" else 1
            votes[q["country"]] += qw
            if q.get("admin1"):
                prov[(q["country"], q["admin1"])] += qw
                if m.cue == "dateline":
                    strong_prov.add((q["country"], q["admin1"]))
        if not cands or not cands[0].country or not w:
            continue
        top = cands[0]
        exact = [c for c in cands if c.exact]
        unambiguous = len({(c.country, c.admin1) for c in exact if c.precision in FINE}) <= 1
        if m.cue == "dateline" and not q and top.exact:
            # "PUEBLO —" is Pueblo, Colorado or Puebla, Mexico: a name several countries
            # share gives each of them one vote, the rest of the article decides
            countries = {c.country for c in exact if c.precision in FINE and c.country
                         and c.population * 20 >= top.population}
            if len(countries) > 1:
                for cc in countries:
                    votes[cc] += 1.5 if cc == top.country else 1
            else:
                votes[top.country] += 2
                if unambiguous and top.admin1:
                    prov[(top.country, top.admin1)] += 1
                # a dateline town of one state only ("MILWAUKEE —") fixes the state
                big = {c.admin1 for c in exact if c.precision in FINE
                       and c.population >= max(_STATE_TOWN, top.population // 10)}
                if top.admin1 and big == {top.admin1}:
                    prov[(top.country, top.admin1)] += 0 if unambiguous else 1
                    strong_prov.add((top.country, top.admin1))
        elif top.precision == "country" and (m.cue or i in qualifier_of):
            votes[top.country] += w
        elif top.precision in ("province", "district") and top.exact and i not in qualifier_of \
                and (top.precision == "province" or m.kind == "district"):
            # "Anbar province", "Florida", "Kaufman County" (a county written so is a strong sign);
            # a county name several states share says nothing of the state
            votes[top.country] += w * (1.5 if m.kind == "district" else 1)
            if len({c.admin1 for c in exact if c.precision == top.precision and c.country == top.country}) == 1:
                prov[(top.country, top.admin1 or "")] += w
        elif top.exact and top.precision in FINE:
            votes[top.country] += w if unambiguous else w / 2
            if unambiguous and top.admin1:
                prov[(top.country, top.admin1)] += w / 2
        # the country where most of the article's names exist at all
        for cc in {c.country for c in exact if c.country and c.precision in FINE}:
            votes[cc] += 0.3 * w
    for h in hints or ():
        if h.country:
            votes[h.country] += 1
            if h.admin1:
                prov[(h.country, h.admin1)] += 1 if h.feature == "ADM1" else 0.5
    votes.pop("", None)
    ctx = Context(hints=list(hints or ()))
    if votes:
        ctx.country = votes.most_common(1)[0][0]
        inside = [(k, v) for k, v in prov.items() if k[0] == ctx.country and k[1]]
        if inside:
            best = max(inside, key=lambda kv: kv[1])[0]
            ctx.admin1, ctx.admin1_strong = best[1], best in strong_prov
    for i in accepted:
        m, cands = ms[i], first[i]
        if not _weight(m) or m.extra.get("role") == "origin":
            continue
        exact = [c for c in cands if c.exact and c.precision in FINE and c.country == ctx.country]
        if ctx.admin1_strong and exact and exact[0].admin1 != ctx.admin1:
            continue
        if len(exact) == 1 and exact[0].point and (m.cue or m.tokens > 1):
            ctx.points.append(exact[0].point)
    return ctx
