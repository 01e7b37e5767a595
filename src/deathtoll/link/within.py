"""Within one article: group reports into incidents, count each victim once, check totals.

Two kinds of article need opposite rules, and the reports themselves tell which:

* a **round-up** states an aggregate ("At least 40 were killed in the latest
  violence:") and itemises incidents under it; each itemised sentence is its own
  incident and they add up;
* a **single-event** story restates one event in its headline, lead and body
  ("A man was shot dead…", "The victim, 25, died…"); restatements count once.

Reports in one sentence describe one event and add ("three soldiers were killed
and seven wounded"). Sentences are merged as restatements only when their
places, causes, dates and victim groups are compatible and nothing marks the
figure as additional ("also", "another", "one more").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from deathtoll.link.features import from_publication
from deathtoll.link.retelling import WHOLE, is_additive, restates_in_sentence
from deathtoll.link.story import compatible_cause, compatible_date, compatible_place, describes_state, step_after
from deathtoll.model import (
    Article,
    ArticleResult,
    Check,
    Incident,
    Report,
    VictimTally,
    empty_totals,
    perpetrator_of,
)

CASUALTY_OUTCOMES = ("killed", "wounded")
_PAST = "scope:past-reference"  # an earlier event named to compare ("the deadliest since 2012, when …")



@dataclass
class _Cluster:
    reports: list[Report]
    itemised_under: str | None = None  # id of the aggregate report that lists it
    tally: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (group, outcome) -> [lo, be, hi]
    soft: dict[str, list[int]] = field(default_factory=dict)  # group -> [lo, be, hi] of "was shot"


def _contrib(r: Report) -> tuple[int, int, int]:
    """What one report adds to low/best/high: feared to high only, alleged to best and high."""
    c = r.count
    lo, be, hi = c.low or 0, c.best if c.best is not None else (c.low or 0), c.high if c.high is not None else (c.best or c.low or 0)
    if r.certainty == "feared":
        return 0, 0, hi
    if r.certainty == "alleged":
        return 0, be, hi
    if r.certainty in ("none", "denied"):
        return 0, 0, 0
    return lo, be, hi


def _add(acc: dict, key, vals) -> None:
    cur = acc.setdefault(key, [0, 0, 0])
    for i in range(3):
        cur[i] += vals[i]


def _dead_before(r: Report, reports: list[Report]) -> tuple[int, int, int]:
    """The dead told before ``r`` in its sentence when ``r`` names other people hit ("deputies found
    one man dead and two women who had also been shot"): the hit then number both.
    Not when ``r`` points back ("he", "both", "the victims") or takes a part ("one of them")."""
    text = (r.count.text or "").lower().split()
    if not text or text[0] in _POINTS_BACK or "count:pronoun" in r.evidence.rules \
            or "count:they-antecedent" in r.evidence.rules or " of them" in r.evidence.sentence.lower():
        return 0, 0, 0
    dead = [x for x in reports if x.outcome == "killed" and x.evidence.end <= r.evidence.start
            and not any(k in x.evidence.rules for k in _NOT_PEOPLE_TOLD)]
    return tuple(sum(_contrib(x)[i] for x in dead) for i in range(3))  # type: ignore[return-value]


def _cluster_tally(cl: _Cluster) -> None:
    cl.tally, cl.soft = {}, {}
    states: dict[str, list[int]] = {}
    updates = {r.outcome: r for r in cl.reports if "count:update" in r.evidence.rules and r.count.best is not None}
    wholes = [r for r in cl.reports if WHOLE in r.evidence.rules]
    restating = [r for r in cl.reports if restates_in_sentence(r, cl.reports)]
    for r in cl.reports:
        if r in restating or r in wholes:
            continue
        if r.outcome in updates:
            if r is updates[r.outcome]:
                _add(cl.tally, (r.victims.group, r.outcome), _contrib(r))
            continue  # "two more died, raising the toll to nine": nine replaces
        if r.outcome not in CASUALTY_OUTCOMES and r.count.best is None:
            continue
        vals = _contrib(r)
        if "outcome:hit-unspecified" in r.evidence.rules:
            if not describes_state(r):
                vals = [a + b for a, b in zip(vals, _dead_before(r, [x for x in cl.reports if x not in restating]))]
            _add(states if describes_state(r) else cl.soft, r.victims.group, vals)
        else:
            _add(cl.tally, (r.victims.group, r.outcome), vals)
    for r in wholes:  # "X was killed along with Y in a double homicide": two, not four
        have = [sum(v[i] for (g, o), v in cl.tally.items() if o == r.outcome) for i in range(3)]
        _add(cl.tally, (r.victims.group, r.outcome), [max(0, x - h) for x, h in zip(_contrib(r), have)])
    # "a person shot … found a man with a gunshot wound": the wound, the condition and the
    # trip to hospital describe the people hit; they do not add to them
    for g, vals in states.items():
        cur = cl.soft.get(g)
        total = [sum(v[i] for v in cl.soft.values()) for i in range(3)]
        if cur is None and any(total):
            continue
        cl.soft[g] = list(vals) if cur is None else [max(cur[i], vals[i]) for i in range(3)]


# a death named as an event ("investigating a homicide after a victim was shot") or by a pronoun
_NOT_PEOPLE_TOLD = ("outcome:hit-unspecified", "count:one-death", "count:multiple-death", "count:pronoun")
_POINTS_BACK = ("he", "she", "him", "her", "the", "both", "all", "they", "them", "that", "this", "those")
_WEAK_PLACE = ("place:article", "place:title", "place:outlet", "place:dateline", "place:none")


def _weak_place(r: Report) -> bool:
    """A place the report only borrows from the whole article (main place, headline, outlet)."""
    return any(x in r.evidence.rules for x in _WEAK_PLACE)


_LATER_STEPS = ("detained", "freed")


def _later_steps(cl: _Cluster) -> set[str]:
    """Ids of the arrests and releases ``cl`` tells beside a casualty ("police arrested a man
    Wednesday for the fatal shooting of …"): their day is the later step's, not the event's."""
    if not any(r.outcome in CASUALTY_OUTCOMES for r in cl.reports):
        return set()
    return {r.id for r in cl.reports if r.outcome in _LATER_STEPS}


def _compatible(a: _Cluster, b: _Cluster) -> bool:
    steps = _later_steps(a) | _later_steps(b)
    for ra in a.reports:
        for rb in b.reports:
            if not (compatible_place(ra, rb) and compatible_cause(ra.cause, rb.cause)):
                return False
            if not (compatible_date(ra, rb) or step_after(ra, rb, steps) or step_after(rb, ra, steps)):
                return False
    ga = {g for g, _ in a.tally} - {"unknown"}
    gb = {g for g, _ in b.tally} - {"unknown"}
    # a restatement speaks of the same victims: at least one group in common, or an unknown one
    return not ga or not gb or bool(ga & gb)


def _unify_unknown(target: dict, incoming: dict) -> dict:
    """Map (unknown, o) to the one specific group the other side has for o."""
    out: dict = {}
    for (g, o), v in incoming.items():
        if g == "unknown":
            groups = {tg for tg, to in target if to == o and tg != "unknown"}
            if len(groups) == 1:
                g = groups.pop()
        _add(out, (g, o), v)
    return out


def _fold_unknown(vague: dict, known: dict, outcome: str) -> bool:
    """One side counts only unknown victims of ``outcome``, the other names groups: "Two killed"
    over "A man and a woman were killed" is the same two. Puts the named groups and whatever
    the vague figure exceeds them by into ``vague``; False when the rule does not apply."""
    groups_v = {g for g, o in vague if o == outcome}
    groups_k = {g for g, o in known if o == outcome}
    if groups_v != {"unknown"} or not groups_k - {"unknown"}:
        return False
    total = [sum(v[i] for (g, o), v in known.items() if o == outcome) for i in range(3)]
    rest = [max(0, vague[("unknown", outcome)][i] - total[i]) for i in range(3)]
    del vague[("unknown", outcome)]
    for (g, o), v in known.items():
        if o == outcome:
            vague[(g, o)] = list(v)
    if any(rest):
        _add(vague, ("unknown", outcome), rest)
    return True


def _merge_restatement(into: _Cluster, other: _Cluster, update: bool) -> None:
    incoming = {k: list(v) for k, v in other.tally.items()}
    if not update:
        for o in {o for _, o in incoming} & {o for _, o in into.tally}:
            folded = _fold_unknown(into.tally, incoming, o)
            if not folded:
                mine = {k: v for k, v in into.tally.items() if k[1] == o}
                theirs = {k: list(v) for k, v in incoming.items() if k[1] == o}
                folded = _fold_unknown(theirs, mine, o)
                if folded:
                    into.tally = {k: v for k, v in into.tally.items() if k[1] != o} | theirs
            if folded:
                incoming = {k: v for k, v in incoming.items() if k[1] != o}
    incoming = _unify_unknown(into.tally, incoming)
    into.tally = _unify_unknown(incoming, into.tally)
    for key, vals in incoming.items():
        cur = into.tally.get(key)
        if cur is None or update:
            into.tally[key] = list(vals)
        else:
            into.tally[key] = [max(cur[i], vals[i]) for i in range(3)]
    known = {g for g in into.soft if g != "unknown"} | {g for g, _ in into.tally if g != "unknown"}
    # the people hit, told again: the larger telling stands ("the woman … and the man were shot"
    # then "Both were taken to hospital" is two, whatever groups each sentence names)
    mine, theirs = _soft_total(into.soft), _soft_total(other.soft)
    if theirs[1] > mine[1] or (theirs[1] == mine[1] and theirs[2] > mine[2]):
        into.soft = {g: list(v) for g, v in other.soft.items()}
    if set(into.soft) == {"unknown"} and len(known) == 1:
        into.soft = {next(iter(known)): into.soft["unknown"]}  # "the victim" of the soldiers named before
    into.reports.extend(other.reports)


def _soft_total(soft: dict[str, list[int]]) -> list[int]:
    return [sum(v[i] for v in soft.values()) for i in range(3)]


def _merge_additive(into: _Cluster, other: _Cluster) -> None:
    for key, vals in other.tally.items():
        _add(into.tally, key, vals)
    for g, vals in other.soft.items():
        _add(into.soft, g, vals)
    into.reports.extend(other.reports)


def _finish_tally(cl: _Cluster) -> dict[tuple[str, str], list[int]]:
    """Fold "was shot" counts in: the hit who did not die are the wounded."""
    tally = {k: list(v) for k, v in cl.tally.items()}
    if cl.soft:
        soft = [sum(v[i] for v in cl.soft.values()) for i in range(3)]
        killed = [sum(v[i] for (g, o), v in tally.items() if o == "killed") for i in range(3)]
        wounded = [sum(v[i] for (g, o), v in tally.items() if o == "wounded") for i in range(3)]
        extra = [max(0, soft[i] - killed[i] - wounded[i]) for i in range(3)]
        if any(extra):
            group = max(cl.soft, key=lambda g: cl.soft[g][1])
            _add(tally, (group, "wounded"), extra)
    return tally


def _aggregates(reports: list[Report]) -> list[Report]:
    return [r for r in reports if r.scope == "aggregate" and r.outcome in CASUALTY_OUTCOMES]


def _is_heading(r: Report, reports: list[Report]) -> bool:
    """An aggregate that has incident reports after it: a round-up's stated total."""
    if r.scope != "aggregate" or r.outcome not in CASUALTY_OUTCOMES or "scope:list-heading" not in r.evidence.rules:
        return False
    return any(x.scope == "incident" and x.evidence.sentence_start > r.evidence.sentence_end for x in reports)


def _heading_key(r: Report) -> str:
    return f"sentence@{r.evidence.sentence_start}"


def _clusters(reports: list[Report]) -> list[_Cluster]:
    headings = [r for r in reports if _is_heading(r, reports)]
    by_sentence: dict[int, _Cluster] = {}
    order: list[_Cluster] = []
    for r in reports:
        if r.scope != "incident" or _PAST in r.evidence.rules:
            continue
        cl = by_sentence.get(r.evidence.sentence_start)
        if cl is None:
            heading = next((h for h in reversed(headings) if h.evidence.sentence_end <= r.evidence.sentence_start), None)
            cl = _Cluster([], _heading_key(heading) if heading else None)
            by_sentence[r.evidence.sentence_start] = cl
            order.append(cl)
        cl.reports.append(r)
    for cl in order:
        _cluster_tally(cl)
    return order


def _group(clusters: list[_Cluster]) -> list[_Cluster]:
    incidents: list[_Cluster] = []
    for cl in clusters:
        additive = is_additive(cl.reports[0]) and not any("count:update" in r.evidence.rules for r in cl.reports)
        if cl.itemised_under:
            prev = incidents[-1] if incidents and incidents[-1].itemised_under == cl.itemised_under else None
            if prev is not None and any("ellipsis-previous" in " ".join(r.evidence.rules) for r in cl.reports):
                _merge_additive(prev, cl)
            else:
                incidents.append(cl)
            continue
        target = next((inc for inc in incidents if not inc.itemised_under and _compatible(inc, cl)), None)
        if target is None:
            incidents.append(cl)
        elif additive:
            _merge_additive(target, cl)
        else:
            update = any("count:update" in r.evidence.rules for r in cl.reports)
            _merge_restatement(target, cl, update)
    return incidents


def _incident(article: Article, n: int, cl: _Cluster) -> Incident:
    tally = _finish_tally(cl)
    placed = [r for r in cl.reports if r.place.name or r.place.is_known]
    precise = sorted(placed, key=lambda r: (_weak_place(r), not r.place.is_known))
    # a day the text states beats the publication day (which only says "on or before")
    dated = sorted((r for r in cl.reports if r.date.start or r.date.text),
                   key=lambda r: (from_publication(r), r.outcome not in CASUALTY_OUTCOMES))  # not an arrest's day
    return Incident(
        id=f"{article.id}/{n}",
        place=precise[0].place if precise else cl.reports[0].place,
        date=dated[0].date if dated else cl.reports[0].date,
        cause=next((r.cause for r in cl.reports if r.cause), None),
        perpetrator=perpetrator_of(cl.reports),
        victims=tuple(VictimTally(g, o, *v) for (g, o), v in sorted(tally.items())),
        reports=tuple(r.id for r in cl.reports),
    )


def _range(vals: list[list[int]]) -> dict[str, int]:
    return {k: sum(v[i] for v in vals) for i, k in enumerate(("low", "best", "high"))}


def _checks(reports: list[Report], incidents: list[tuple[Incident, _Cluster]]) -> list[Check]:
    checks: list[Check] = []
    for agg in _aggregates(reports):
        if not _is_heading(agg, reports):
            continue
        items = [(inc, cl) for inc, cl in incidents if cl.itemised_under == _heading_key(agg)]
        if not items:
            continue
        o = agg.outcome
        item_vals = [[v.low or 0, v.best or 0, v.high or 0] for inc, _ in items for v in inc.victims if v.outcome == o]
        itemised = _range(item_vals)
        stated = {"low": agg.count.low, "best": agg.count.best, "high": agg.count.high}
        sb = agg.count.best or 0
        ok = itemised["low"] <= sb <= itemised["high"] or itemised["best"] == sb
        status = "match" if ok else "mismatch"
        msg = (f"stated {o} {agg.count.text or sb} ({sb}) "
               f"{'matches' if ok else 'does not match'} the itemised incidents "
               f"({itemised['best']}, range {itemised['low']}-{itemised['high']})")
        checks.append(Check("aggregate", status, msg, (agg.id,) + tuple(inc.id for inc, _ in items),
                            {o: stated}, {o: itemised}))
    return checks


def summarise_article(article: Article, reports: list[Report]) -> ArticleResult:
    """Group an article's reports into incidents, compute its totals and checks.

    Aggregate and cumulative reports, and earlier events named only to compare
    (rule ``scope:past-reference``), join no incident and never add to totals;
    a round-up's stated total is compared with the incidents it lists.
    """
    reports = sorted(reports, key=lambda r: (r.evidence.sentence_start, r.evidence.start))
    groups = _group(_clusters(reports))
    pairs: list[tuple[Incident, _Cluster]] = []
    assigned: dict[str, str] = {}
    for n, cl in enumerate(groups):
        inc = _incident(article, n, cl)
        pairs.append((inc, cl))
        for r in cl.reports:
            assigned[r.id] = inc.id
    totals = empty_totals()
    for inc, _ in pairs:
        for o in CASUALTY_OUTCOMES:
            lo, be, hi = inc.tally(o)
            totals[o]["low"] += lo
            totals[o]["best"] += be
            totals[o]["high"] += hi
    out_reports = tuple(replace(r, incident=assigned.get(r.id)) for r in reports)
    return ArticleResult(article, out_reports, tuple(i for i, _ in pairs), totals, tuple(_checks(reports, pairs)))
