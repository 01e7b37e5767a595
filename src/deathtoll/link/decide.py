"""Is a candidate pair one event? An additive score with its reasons.

The score starts from the similarity of the two incidents' evidence
sentences and moves with what else they state:

=====================  ==========================================
names                  a rare proper name in both (not the place's own) +0.10 (+0.20 for a follow-up
                       more than ``undated_lag`` days later)
ages                   an age both give ("a 14-year-old", "boy, 14") +0.15, both give ages and none
                       is the same -0.10
candidates             each the other's only candidate at that place and time +0.10 (a follow-up: its
                       earlier candidates lie in one cluster, and it is at most ``undated_lag`` days later)
place                  same spot (neighbourhood or finer) +0.10, same town +0.05, near -0.05,
                       two spots more than ``spot_km`` apart -0.25, both unplaced -0.15,
                       opposite sides of one town ("east Mosul" / "west Mosul") -0.15,
                       places unrelated but one named in the other's text, or in one admin1 with
                       one of them unsure -0.05
date                   same day +0.10, a day apart (both to the day) +0.05, days apart -0.05,
                       undated -0.10; a follow-up published N days
                       after the other's event: -0.05 within ``undated_lag``, -0.25 within
                       ``month_window``, -0.30 beyond (-0.15 beyond ``undated_lag`` when one
                       tells the court stage: trials come months or years later)
cause                  same +0.05, different kind of weapon -0.25
perpetrator            same +0.05, different -0.25
figures                compatible totals +0.10, an update's rise +0.05, far apart -0.15; the same
                       count of three or more people (killed, wounded) at one place +0.10 more
victims                the named groups killed do not meet -0.10; one victim each, of another
                       sex or group -0.25 (and never joined)
outcomes               nothing in common (one counts killed, the other wounded) -0.05
=====================  ==========================================

A pair is linked when the score reaches ``LinkOptions.threshold``. The
reasons travel with the decision, so every link can be explained.
"""

from __future__ import annotations

from deathtoll.geo import distance_km as haversine_km
from deathtoll.link.features import Features
from deathtoll.link.items import LinkOptions
from deathtoll.link.timing import date_gap, followup_days

__all__ = ["score_pair", "figures_agree", "same_many", "guard_conflict", "victim_conflict", "FAR"]

FAR = "places too far apart"
#: people (killed plus wounded, counted alike by both) from whom an equal count is rare enough to witness
MANY = 3


def figures_agree(a: Features, b: Features) -> tuple[float, str | None]:
    """Score and reason from the two incidents' totals per outcome.

    Per outcome both give: the ranges overlap (an open "at least" range
    overlaps anything above it); an update's higher figure (a rise); a later
    article's higher figure; close (within 2, or half the larger); or far.
    """
    ta, tb = a.totals, b.totals
    if not ta or not tb:
        return 0.0, None
    shared = agree = rise = later = later_far = close = far = 0
    for outcome, (la, ba, ha, oa) in ta.items():
        t = tb.get(outcome)
        if t is None:
            continue
        shared += 1
        lb, bb, hb, ob = t
        if (la <= hb or ob) and (lb <= ha or oa):
            agree += 1
        elif (ba < bb and b.update) or (bb < ba and a.update):
            rise += 1
        else:
            near = abs(ba - bb) <= max(2, 0.5 * max(ba, bb))
            if (ba < bb and _later(b, a)) or (bb < ba and _later(a, b)):
                if near:
                    later += 1
                else:
                    later_far += 1
            elif near:
                close += 1
            else:
                far += 1
    if not shared:
        return -0.05, "no outcome in common"
    if far:
        return -0.15, "figures far apart"
    if later_far:
        return -0.10, "later figure much higher"
    if agree == shared:
        return 0.10, "figures agree"
    if close:
        return 0.0, "figures differ a little"
    if rise:
        return 0.05, "toll rose"
    return 0.0, "later figure higher"


def same_many(a: Features, b: Features) -> int:
    """The people both count alike, killed and wounded, when that is at least :data:`MANY` (else 0).

    An outcome counts when the two best figures are equal ("four killed" /
    "4 dead"). One person shot is told of many events on any day; four
    killed at one place is rarely two events.
    """
    alike = 0
    for outcome in ("killed", "wounded"):
        ta, tb = a.totals.get(outcome), b.totals.get(outcome)
        if ta is not None and tb is not None and ta[1] == tb[1]:
            alike += ta[1]
    return alike if alike >= MANY else 0


def victim_conflict(a: Features, b: Features) -> str | None:
    """Why the one victim of ``a`` cannot be the one victim of ``b`` (None: it may be).

    Only incidents that each count one person killed or wounded are read:
    victims of different sexes ("a woman" / "one man"), or of groups that
    do not meet (a child / a police officer), are two people.
    """
    if not (a.lone and b.lone):
        return None
    if len(a.sexes) == 1 and len(b.sexes) == 1 and a.sexes != b.sexes:
        return "victim's sex differs"
    if a.hurt_groups and b.hurt_groups and not a.hurt_groups & b.hurt_groups:
        return "victim's group differs"
    return None


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


def score_pair(a: Features, b: Features, relation: str, text: float, opts: LinkOptions,
               names: set[str] | frozenset[str] = frozenset(), *, alone: bool = False,
               explain: bool = True) -> tuple[float, tuple[str, ...]]:
    """The evidence that ``a`` and ``b`` are one event, and its reasons.

    ``text`` is the similarity of their evidence; ``names`` the rare proper
    names both texts hold (see :class:`~deathtoll.link.similarity.NameIndex`);
    ``alone`` says each is the other's only candidate (no other article
    tells of an incident at that place and time). With ``explain=False`` the
    reasons are left empty (the score is the same), which is faster.
    """
    score = text
    reasons: list[str] | None = [f"text {text:.2f}"] if explain else None
    follow = followup_days(a, b, opts)
    if alone and (follow is None or follow <= opts.undated_lag):
        score += 0.10
        reasons is None or reasons.append("only candidates")
    if names:
        names = set(names) - a.place_words - b.place_words
        if names:
            score += 0.10 if follow is None or follow <= opts.undated_lag else 0.20
            reasons is None or reasons.append("shared name " + ", ".join(sorted(names)[:3]))
    if relation == "same" and max(a.rank, b.rank) <= 1:
        score += 0.10
        reasons is None or reasons.append("same spot")
    elif relation == "same" and max(a.rank, b.rank) <= 2:
        score += 0.05
        reasons is None or reasons.append("same town")
    elif relation == "near" and max(a.rank, b.rank) <= 1 and _km(a, b) > opts.spot_km:
        score -= 0.25
        reasons is None or reasons.append("different spots")
    elif relation == "near":
        score -= 0.05
        reasons is None or reasons.append("nearby place")
    elif relation == "mentioned":
        score -= 0.05
        reasons is None or reasons.append("places differ, one named in the other text")
    elif relation == "region":
        score -= 0.05
        reasons is None or reasons.append("places differ within one region, one unsure")
    elif relation == "unplaced":
        score -= 0.15
        reasons is None or reasons.append("no place")
    elif reasons is not None:
        reasons.append(f"{relation} place")
    if a.directed and b.directed and _opposite_sides(a, b):
        score -= 0.15
        reasons is None or reasons.append("opposite sides of town")
    if follow is not None:
        cost = 0.05 if follow <= opts.undated_lag else 0.25 if follow <= opts.month_window else 0.30
        if (a.court or b.court) and follow > opts.undated_lag:
            cost = 0.15  # the court stage is told long after the event: the gap says less
        score -= cost
        reasons is None or reasons.append(f"follow-up {follow} days later")
    elif a.date_known and b.date_known:
        gap = date_gap(a, b)
        if gap == 0 and a.start == a.end and b.start == b.end:
            score += 0.10
            reasons is None or reasons.append("same day")
        elif 0 < gap <= opts.day_window and max(a.slack, b.slack) <= opts.day_window:
            score += 0.05
            reasons is None or reasons.append("a day apart")
        elif gap > 0:
            score -= 0.05
            reasons is None or reasons.append(f"{gap} day{'s' if gap > 1 else ''} apart")
    else:
        score -= 0.10
        reasons is None or reasons.append("undated")
    if a.cause and b.cause:
        if a.cause == b.cause:
            score += 0.05
            reasons is None or reasons.append("same cause")
        elif a.family != b.family:
            score -= 0.25
            reasons is None or reasons.append("cause differs")
    if a.perpetrator and b.perpetrator:
        if a.perpetrator == b.perpetrator:
            score += 0.05
            reasons is None or reasons.append("same perpetrator")
        else:
            score -= 0.25
            reasons is None or reasons.append("perpetrator differs")
    if a.totals and b.totals:
        delta, why = figures_agree(a, b)
        score += delta
        if why and reasons is not None:
            reasons.append(why)
        many = same_many(a, b) if relation in ("same", "inside") else 0
        if many:
            score += 0.10
            reasons is None or reasons.append(f"same count of {many}")
    same_age = a.told_ages & b.told_ages
    if same_age:
        score += 0.15
        reasons is None or reasons.append("same age " + ", ".join(str(n) for n in sorted(same_age)[:3]))
    elif a.ages and b.ages and not a.ages & b.ages:
        score -= 0.10
        reasons is None or reasons.append("ages differ")
    if a.killed_groups and b.killed_groups and not a.killed_groups & b.killed_groups:
        score -= 0.10
        reasons is None or reasons.append("victims differ")
    lone = victim_conflict(a, b)
    if lone:
        score -= 0.25
        reasons is None or reasons.append(lone)
    return score, tuple(reasons) if reasons is not None else ()


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
    lone = victim_conflict(a, b)
    if lone:
        return lone
    if a.date_known and b.date_known:
        if date_gap(a, b) > max(a.slack, b.slack, opts.max_day_spread) and \
                followup_days(a, b, opts) is None:
            return "dates too far apart"
    pa, pb = a.place, b.place
    if a.place_doubtful or b.place_doubtful:
        return None  # linked by text despite its place: the place is no witness
    if pa.country and pb.country and pa.country != pb.country and pa.is_known and pb.is_known:
        return "countries differ"
    if a.has_coords and b.has_coords and a.rank <= 2 and b.rank <= 2 and (pa.lat != pb.lat or pa.lon != pb.lon):
        if haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) > opts.far_km:  # type: ignore[arg-type]
            return FAR
    return None
