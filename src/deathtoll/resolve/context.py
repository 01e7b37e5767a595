"""What an article as a whole says about where it is: its country, its
first-level division, its anchor town and the points of its unambiguous places.

Votes, heaviest first: the dateline (and its state, "AURORA, Colo."), the
qualifiers ("Miami Beach, Florida"), counties and provinces written as such,
the towns named with a location cue, the outlet's city or state ("CBS
Chicago"), the US states the text names anywhere ("Massachusetts State
Police", "an Ind. boy", see :mod:`deathtoll.resolve.states`), and, weakly, the
country where most of the article's names exist at all. Buildings, streets and the home towns of people ("a Maryland woman") do
not vote, or barely.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deathtoll.resolve.gazetteer import Candidate, distance_km
from deathtoll.resolve.normalize import fold
from deathtoll.resolve.region import Region

if TYPE_CHECKING:
    from deathtoll.resolve.mentions import Mention
    from deathtoll.resolve.places import Located
    from deathtoll.resolve.states import StateVotes

__all__ = ["Context", "article_context", "neighbour_states", "FINE"]

FINE = ("town", "neighbourhood", "exact")
_NO_VOTE_KINDS = ("building", "street")
_STATE_TOWN = 20_000
#: a dateline town fixes its state when its namesakes elsewhere are this many times smaller
_DWARFED = 5
_DATELINE_VOTE = 2.0
#: a state named in the text is firm when its votes are this many times the next state's
_CLEAR_LEAD = 2.0
#: people added to every entry's population when a name's vote is shared by population
_SMOOTH = 1000
_OTHER_NAME = 0.1
#: two names of the article read in one state when their entries there lie this close (km)
_NEIGHBOURS_KM = 40.0
_COUNTY_NEIGHBOURS_KM = 60.0
#: a name with entries in more states than this is too common to pick another name's state
_COMMON_NAME_STATES = 12


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
    #: countries the article names as such, in a qualifier or a state name, or with two
    #: or more towns of theirs only: a town elsewhere needs one of these ("Batman" is no
    #: Turkish city in a Memphis story)
    supported: frozenset[str] = frozenset()
    #: the article's firm region (dateline, headline town, outlet, states named, qualifiers):
    #: set by the resolver once the article's places are first resolved
    region: Region = field(default_factory=Region)
    #: the towns and counties the article's places first resolved to (set by the resolver):
    #: a venue named after one of them lies in it ("Ashby Soundstage")
    towns: list[Located] = field(default_factory=list)


def _weight(m: Mention) -> float:
    if m.kind in _NO_VOTE_KINDS or m.extra.get("outlet"):
        return 0.0
    if m.extra.get("role") == "origin":
        return 0.25
    return 1.0


def _size(c: Candidate) -> float:
    """How much a town weighs in a name's vote: the square root of its population, a
    tenth of it when the name is only another or an old name of the town ("Salisbury"
    for Harare, "Antioch" for Antakya)."""
    own = fold(c.matched or c.name) == fold(c.name)
    return math.sqrt(c.population + _SMOOTH) * (1.0 if own else _OTHER_NAME)


def _shares(exact: list[Candidate], key, counties: bool = False) -> dict[str, float]:
    """Shares of a name's towns (and counties, with ``counties``) by ``key`` (country,
    first-level division), each key weighing its largest entry's :func:`_size`."""
    sizes: dict[str, float] = {}
    for c in exact:
        k = key(c)
        if k and (c.precision in FINE or counties and c.feature == "ADM2"):
            sizes[k] = max(sizes.get(k, 0.0), _size(c))
    total = sum(sizes.values())
    return {k: v / total for k, v in sizes.items()} if total else {}


def _add_once(votes: Counter[str], add: dict[str, float], seen: dict[str, dict[str, float]], name: str) -> None:
    """Add votes of a name, keeping per key only the largest vote any mention of it gave."""
    old = seen.setdefault(name, {})
    for k, v in add.items():
        if v > old.get(k, 0.0):
            votes[k] += v - old.get(k, 0.0)
            old[k] = v


def _state_shares(exact: list[Candidate], country: str | None) -> dict[str, float]:
    """How a name's vote spreads over the first-level divisions of its exact entries in
    ``country``: by the square root of the towns' (or counties') populations
    ("Chicago" is Chicago, Illinois far more than a village of Ohio once called so;
    "Selma" splits between California and Alabama; "Harris County" is in Texas)."""
    return _shares([c for c in exact if c.country == country], lambda c: c.admin1, counties=True)


def _share_states(prov: Counter[tuple[str, str]], exact: list[Candidate], country: str | None, w: float,
                  shared: dict[str, dict] | None = None, name: str = "") -> None:
    """Add a name's vote ``w`` to ``prov`` (see :func:`_state_shares`). A name of
    several divisions votes once however often it is repeated (``shared`` keeps the
    largest vote per folded name); a name of one division votes at each mention."""
    shares = _state_shares(exact, country)
    add = {(country or "", a1): w * sh for a1, sh in shares.items()}
    if len(shares) == 1 or shared is None:
        prov.update(add)
    else:
        _add_once(prov, add, shared, name)  # type: ignore[arg-type]


def _entries(cands: list[Candidate]) -> list[Candidate]:
    """A name's towns and counties that have it as their own name (not "Camden" for "Stockton")."""
    return [c for c in cands if c.exact and c.point and c.admin1 and (c.precision in FINE or c.feature == "ADM2")
            and fold(c.matched or c.name) == fold(c.name)]


def _dwarfed(c: Candidate, top: int) -> bool:
    """A town far smaller than the largest namesake: a hamlet beside a city of that name.
    A county is named in local news whatever its size ("Wayne County" is as much the one
    of North Carolina as the one of Michigan), so it is never dwarfed."""
    return c.feature != "ADM2" and c.population * _DWARFED < top


def neighbour_states(names: dict[str, list[Candidate]]) -> dict[str, set[tuple[str, str]]]:
    """For each name that several states share, the state where one of its entries lies
    near an entry of another name of the article ("Mansfield" and "Richland County" are
    both in Ohio; "York" and "Manchester" both in Pennsylvania). A pair of names that
    lie near each other in several states ("Franklin" and "Jackson") picks none, and an
    entry that its namesakes dwarf counts on neither side ("Stockton", New Jersey is no
    sign for a Jackson; a hamlet "Crossville" is no reading of the Tennessee town): the
    rule only decides between namesakes of comparable size. Counties are never dwarfed:
    "Wayne County" and "Goldsboro" lie together in North Carolina, although Michigan's
    Wayne County is thirty times larger."""
    states = {n: {(c.country or "", c.admin1 or "") for c in es} for n, es in names.items()}
    out: dict[str, set[tuple[str, str]]] = {}
    for n, es in names.items():
        if len(states[n]) < 2:
            continue
        near: set[tuple[str, str]] = set()
        own_top = max(c.population for c in es)
        for other, oes in names.items():
            if other == n or other in n or n in other or len(states[other]) > _COMMON_NAME_STATES:
                continue
            pair: set[tuple[str, str]] = set()
            # the other name's entry must be one it plausibly means: not a hamlet beside a
            # city of that name ("Stockton", New Jersey is no sign for "West Jackson")
            top = max(c.population for c in oes)
            for a in es:
                if _dwarfed(a, own_top):
                    continue
                for b in oes:
                    if _dwarfed(b, top):
                        continue
                    if (a.country, a.admin1) != (b.country, b.admin1):
                        continue
                    limit = _COUNTY_NEIGHBOURS_KM if "ADM2" in (a.feature, b.feature) else _NEIGHBOURS_KM
                    if distance_km(a.point, b.point) <= limit:  # type: ignore[arg-type]
                        pair.add((a.country or "", a.admin1 or ""))
            if len(pair) == 1:
                near |= pair
        if near and near != states[n]:
            out[n] = near
    return out


def _anchored_country(country: str, votes: Counter[str], firm: set[str], names: dict[str, set[str]],
                      hints: list[Candidate] | None, states: StateVotes | None,
                      mentions: Counter[str] | None = None) -> str:
    """A country that only one town name voted for ("in Possession" read as the town of
    Réunion) yields to the country the outlet or the states named in the text point to
    ("Amarillo News"): the one that has votes, most first. A name the article uses in
    several ways (``mentions``: its count of distinct cue and role pairs, "the Ashby
    Police Department … an Ashby girl … in Ashby") is where it is, whatever the outlet's
    name looks like abroad; a phrase repeated ("Felon in Possession" twice) is one use."""
    anchored = {h.country for h in hints or () if h.country}
    if states is not None and states.country:
        anchored.add("US")
    lone = names.get(country, set())
    if country in firm or country in anchored or len(lone) != 1:
        return country
    if mentions is not None and mentions[next(iter(lone))] > 1:
        return country
    alt = sorted((cc for cc in anchored if votes.get(cc, 0) > 0 and cc != country), key=lambda cc: -votes[cc])
    return alt[0] if alt else country


def article_context(ms: list[Mention], first: dict[int, list[Candidate]], accepted: set[int],
                    qualifier_of: dict[int, Candidate], quals: dict[int, dict],
                    hints: list[Candidate] | None = None, states: StateVotes | None = None) -> Context:
    """Vote the article's country and first-level division.

    Args:
        ms: The article's mentions.
        first: Each mention's candidates looked up alone.
        accepted: Indexes of the mentions taken as places.
        qualifier_of: Mentions that qualify another ("…, Iraq") and their entry.
        quals: What each qualified mention is restricted to.
        hints: Entries the outlet names ("CBS Chicago").
        states: The US states the text names anywhere.

    Returns:
        The context, without ``main`` and ``anchor`` (set by the resolver).
    """
    names_here = {fold(ms[i].name): _entries(first[i]) for i in accepted
                  if _weight(ms[i]) and ms[i].extra.get("role") != "origin"}
    neighbours = neighbour_states({n: es for n, es in names_here.items() if es})

    def near_others(i: int, exact: list[Candidate]) -> list[Candidate]:
        """A shared name's entries in the states where another name of the article lies near it."""
        keep = neighbours.get(fold(ms[i].name))
        if not keep:
            return exact
        return [c for c in exact if (c.country or "", c.admin1 or "") in keep or c.precision not in FINE
                and c.feature != "ADM2"]

    votes: Counter[str] = Counter()
    prov: Counter[tuple[str, str]] = Counter()
    strong_prov: set[tuple[str, str]] = set()
    explicit: Counter[tuple[str, str]] = Counter()
    shared: dict[str, dict] = {}
    cshared: dict[str, dict] = {}
    names: dict[str, set[str]] = {}
    firm: set[str] = set()
    by_dateline: set[str] = set()
    mentions: Counter[str] = Counter(n for n, _, _ in {(fold(ms[i].name), ms[i].cue, ms[i].extra.get("role"))
                                                         for i in accepted})
    for i in accepted:
        m = ms[i]
        # a qualifier ("Norfolk, Va") votes for what it was read as, not for the town its
        # letters also spell ("Va" is a town of Ghana)
        cands = [qualifier_of[i]] if i in qualifier_of else first[i]
        w = _weight(m)
        q = quals.get(i)
        if q and not q.get("inherited"):
            qw = 3 if m.cue == "dateline" else 1
            votes[q["country"]] += qw
            firm.add(q["country"])
            if q.get("admin1"):
                prov[(q["country"], q["admin1"])] += qw
                explicit[(q["country"], q["admin1"])] += qw
                if m.cue == "dateline":
                    strong_prov.add((q["country"], q["admin1"]))
        if not cands or not cands[0].country or not w:
            continue
        top = cands[0]
        exact = [c for c in cands if c.exact]
        if top.exact and (top.precision in ("country", "province") or i in qualifier_of):
            firm.add(top.country)
        elif len({c.country for c in exact if c.precision in FINE}) == 1:
            names.setdefault(top.country, set()).add(fold(m.name))
        unambiguous = len({(c.country, c.admin1) for c in exact if c.precision in FINE}) <= 1
        if m.cue == "dateline" and not q and top.exact:
            # "TAUNTON —" is in England or in Massachusetts: a name several countries share
            # splits its vote between them by size, the rest of the article decides
            countries = {c.country for c in exact if c.precision in FINE and c.country
                         and c.population * 20 >= top.population}
            by_dateline.update(countries or {top.country})
            if len(countries) > 1:
                shares = _shares([c for c in exact if c.country in countries], lambda c: c.country)
                for cc, sh in shares.items():
                    votes[cc] += _DATELINE_VOTE * sh
            else:
                votes[top.country] += _DATELINE_VOTE
                _share_states(prov, near_others(i, exact), top.country, 1.0)
                # a dateline town of one state only ("MILWAUKEE —") fixes the state: its
                # namesakes elsewhere are all far smaller ("SELMA —" does not: 24,000 and 19,000)
                others = [c for c in exact if c.precision in FINE and c.admin1 != top.admin1]
                if top.admin1 and top.population >= _STATE_TOWN \
                        and all(c.population * _DWARFED < top.population for c in others):
                    prov[(top.country, top.admin1)] += 0 if unambiguous else 1
                    strong_prov.add((top.country, top.admin1))
        elif top.precision == "country" and (m.cue or i in qualifier_of):
            votes[top.country] += w
        elif top.precision in ("province", "district") and top.exact and i not in qualifier_of \
                and (top.precision == "province" or m.kind == "district"):
            # "Anbar province", "Florida", "Kaufman County" (a county written so is a strong sign);
            # a county name several states share says nothing of the state
            votes[top.country] += w * (1.5 if m.kind == "district" else 1)
            same = [c for c in exact if c.precision == top.precision and c.country == top.country]
            if len({c.admin1 for c in same}) == 1:
                prov[(top.country, top.admin1 or "")] += w
            else:  # "Seminole County": each state that has one gets a share
                _share_states(prov, near_others(i, same), top.country, w / 2, shared, fold(m.name))
        elif top.exact and top.precision in FINE:
            countries = _shares(exact, lambda c: c.country)
            if len(countries) > 1:
                # "York", "Taunton": a name of several countries votes for each by size, once
                _add_once(votes, {cc: w / 2 * sh for cc, sh in countries.items()}, cshared, fold(m.name))
            else:
                votes[top.country] += w if unambiguous else w / 2
            _share_states(prov, near_others(i, exact), top.country, w / 2, shared, fold(m.name))
        # the country where most of the article's names exist at all
        for cc in sorted({c.country for c in exact if c.country and c.precision in FINE}):
            votes[cc] += 0.3 * w
    for h in hints or ():
        if h.country:
            votes[h.country] += 1
            if h.admin1:
                prov[(h.country, h.admin1)] += 1 if h.feature == "ADM1" else 0.5
    if states is not None:
        if states.country:
            votes["US"] += states.country
            firm.add("US")
        for name, w in states.states.items():
            prov[("US", name)] += w
            explicit[("US", name)] += w
    votes.pop("", None)
    votes = Counter({k: v for k, v in votes.items() if v > 0})
    ctx = Context(hints=list(hints or ()))
    if votes:
        ctx.country = votes.most_common(1)[0][0]  # ties: the first voted
        ctx.country = _anchored_country(ctx.country, votes, firm | by_dateline, names, hints, states, mentions)
        ctx.supported = frozenset(firm | {cc for cc, ns in names.items() if len(ns) >= 2})
        inside = sorted(((k, v) for k, v in prov.items() if k[0] == ctx.country and k[1]), key=lambda kv: -kv[1])
        if inside:
            best = inside[0][0]
            runner = inside[1][1] if len(inside) > 1 else 0.0
            # a state the text names ("Hartsville, Ind.", "Minnesota BCA") and that far
            # outweighs any other is as firm as a dateline's
            named = explicit[best] >= 1 and inside[0][1] >= _CLEAR_LEAD * runner
            ctx.admin1, ctx.admin1_strong = best[1], best in strong_prov or named
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
