"""Which pairs of article incidents are worth comparing.

Two incidents are compared only when their dates and places allow them to be
one event:

- dates: the gap between the two date ranges is at most the larger slack of
  the two precisions (day ±1, week ±7, month ±31 by default); an undated
  incident is compared only at the same place, with a dated one whose date
  falls in the week before its publication, or with an undated one published
  within a few days of it;
- places: the same place (GeoNames id, or folded name within one admin1), a
  place inside the other (a neighbourhood and its town within ``inside_km``;
  a town and its province; anything and its country), or two places within
  ``near_km``. Incidents with no place are compared only with each other.

:func:`candidate_pairs` finds those pairs through an index keyed by map cell,
place name, admin1 and country, each list sorted by date, so a batch of
100,000 incidents is blocked in seconds and memory grows with the batch.

More ways in, through the same index: :func:`followup_pairs` (a follow-up
and earlier incidents at its place, see :mod:`.timing`), :func:`named_pairs`
(one's text names the other's town) and :func:`regional_pairs` (an unsure
place and the incidents of its admin1).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import Callable, Iterator, Sequence

from deathtoll.geo import distance_km
from deathtoll.link.features import Features, fold_name, name_grams
from deathtoll.link.items import LinkOptions
from deathtoll.link.timing import FOLLOWED as _FOLLOWED, date_gap, followup_days, followup_gap, followup_window
from deathtoll.link.windows import WindowLists
from deathtoll.model import Place

__all__ = ["place_relation", "dates_compatible", "candidate_pairs", "followup_pairs", "followup_gap", "followup_days",
           "nameable", "followup_window", "named_pairs", "regional_pairs", "in_one_region", "PlaceIndex",
           "haversine_km", "date_gap"]

_CELL = 0.25  # degrees; a cell is wider than inside_km and near_km
_TOWN = 2
_DISTRICT = 3
_PROVINCE = 4
_COUNTRY = 5


haversine_km = distance_km  # the name linking code and its tests use


def _resolved(p: Place) -> bool:
    """The resolver placed it (a precision or a point), so its country is not a guess."""
    return p.is_known or p.precision != "unknown"


def place_relation(a: Features, b: Features, opts: LinkOptions) -> str | None:
    """How the two places relate: ``same``, ``inside``, ``near``, ``unplaced`` or None (incompatible)."""
    pa, pb = a.place, b.place
    known_a, known_b = a.rank < 6 or bool(a.place_name), b.rank < 6 or bool(b.place_name)
    if not known_a and not known_b:
        return "unplaced" if (pa.country == pb.country or not pa.country or not pb.country) else None
    if not known_a or not known_b:
        return None
    if pa.country and pb.country and pa.country != pb.country and _resolved(pa) and _resolved(pb):
        return None
    if pa.geonames_id is not None and pa.geonames_id == pb.geonames_id:
        return "same"
    adm_a, adm_b = fold_name(pa.admin1), fold_name(pb.admin1)
    if a.place_name and a.place_name == b.place_name and (not adm_a or not adm_b or adm_a == adm_b):
        return "same"
    fine, coarse = (a, b) if a.rank <= b.rank else (b, a)
    if coarse.rank == _COUNTRY:
        return "inside" if fine.place.country and fine.place.country == coarse.place.country else None
    if coarse.rank == _PROVINCE:
        prov = coarse.place_name
        if fine.rank < _PROVINCE and (fold_name(fine.place.admin1) in (prov, fold_name(coarse.place.admin1))):
            return "inside"
        return None
    if a.has_coords and b.has_coords:
        d = 0.0 if pa.lat == pb.lat and pa.lon == pb.lon else haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)  # type: ignore
        if d <= 1.0 and a.rank == b.rank:
            return "same"
        if fine.rank < coarse.rank and coarse.rank in (_TOWN, _DISTRICT) and d <= opts.inside_km:
            return "inside"
        if d <= opts.near_km:
            return "near"
    return None


def dates_compatible(a: Features, b: Features, relation: str, opts: LinkOptions) -> bool:
    """Whether the dates allow one event, given how the places relate."""
    if a.date_known and b.date_known:
        if date_gap(a, b) <= max(a.slack, b.slack):
            return True
        return relation in _FOLLOWED and (followup_gap(a, b, opts) is not None
                                          or followup_gap(b, a, opts) is not None)
    if relation not in ("same", "inside"):
        return False
    if a.date_known or b.date_known:
        dated, undated = (a, b) if a.date_known else (b, a)
        if undated.published is None:
            return False
        lo, hi = undated.published - opts.undated_lag, undated.published + opts.day_window
        return dated.start <= hi and dated.end >= lo  # type: ignore[operator]
    if a.published is None or b.published is None:
        return False
    return abs(a.published - b.published) <= opts.published_window and relation == "same"


def _interval(f: Features, opts: LinkOptions) -> tuple[int, int] | None:
    if f.date_known:
        return f.start - f.slack, f.end + f.slack  # type: ignore[operator]
    if f.published is None:
        return None
    return f.published - opts.undated_lag, f.published + max(opts.published_window, opts.day_window)


def _symmetric(f: Features) -> bool:
    """A fine place with coordinates: found, and finding others, through map cells only."""
    return f.has_coords and f.rank <= _DISTRICT


def _keys(f: Features) -> tuple[list[tuple], list[tuple]]:
    """(keys the item is filed under, keys it looks in).

    Every item is filed under its name, GeoNames id, admin1 and country (and
    its map cell when it has one). An item with a fine place and coordinates
    looks only in the nine cells around it, so two such items find each
    other both ways; every other item (no coordinates, a province, a
    country, no place) looks by name, id, admin1 or country.
    """
    p = f.place
    country = p.country or ""
    if f.rank == 6 and not f.place_name:
        key = ("u", country)
        return [key], [key]
    put: list[tuple] = []
    look: list[tuple] = []
    if f.place_name:
        put.append(("n", f.place_name))
    if p.geonames_id is not None:
        put.append(("g", p.geonames_id))
    adm = fold_name(p.admin1)
    if adm:
        put.append(("a", country, adm))
    if country:
        put.append(("c", country))
    if _symmetric(f):
        cy, cx = math.floor(p.lat / _CELL), math.floor(p.lon / _CELL)  # type: ignore[operator]
        put.append(("x", cy, cx))
        look.extend(("x", cy + dy, cx + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))
        return put, look
    if f.place_name:
        look.append(("n", f.place_name))
    if p.geonames_id is not None:
        look.append(("g", p.geonames_id))
    if f.rank == _COUNTRY:
        look.append(("c", country))
    elif f.rank == _PROVINCE:
        look.extend(sorted({("a", country, f.place_name), ("a", country, adm)}))
    return put, look


class PlaceIndex:
    """Items filed by map cell, name, GeoNames id, admin1 and country, each list sorted by date."""

    def __init__(self, feats: Sequence[Features], opts: LinkOptions) -> None:
        self.feats = feats
        self.opts = opts
        self.index: dict[tuple, list[tuple[int, int]]] = {}
        self.spans: dict[tuple, int] = {}
        self.looks: list[list[tuple]] = []
        self.intervals: list[tuple[int, int] | None] = []
        self.symmetric = [_symmetric(f) for f in feats]
        for f in feats:
            iv = _interval(f, opts)
            self.intervals.append(iv)
            put, look = _keys(f)
            self.looks.append(look)
            if iv is None:
                continue
            for key in put:
                self.index.setdefault(key, []).append((iv[0], f.idx))
                self.spans[key] = max(self.spans.get(key, 0), iv[1] - iv[0])
        self._mixed: dict[tuple, bool] = {}
        self.los: dict[tuple, list[int]] = {}
        for key, entries in self.index.items():
            entries.sort()
            self.los[key] = [lo for lo, _ in entries]
        self.windows = WindowLists(self.index, self.intervals)  # what the searches read
        places: dict[tuple, int] = {}  # what place_relation reads of an item: its place (rank and name follow)
        self.place_ids = [places.setdefault((f.place, f.rank, f.place_name), len(places)) for f in feats]
        self._relations: dict[tuple[int, int], str | None] = {}

    def relation(self, a: Features, b: Features) -> str | None:
        """:func:`place_relation` of ``a`` and ``b``, remembered per pair of places."""
        key = (self.place_ids[a.idx], self.place_ids[b.idx])
        if key in self._relations:
            return self._relations[key]
        rel = self._relations[key] = place_relation(a, b, self.opts)
        return rel

    def pairs(self, fixed: Sequence[bool] = ()) -> Iterator[tuple[int, int, str]]:
        """What :func:`candidate_pairs` yields."""
        feats, opts, meeting, symmetric = self.feats, self.opts, self.windows.meeting, self.symmetric
        other_seen: set[tuple[int, int]] = set()
        for f in feats:
            iv = self.intervals[f.idx]
            if iv is None:
                continue
            done: set[int] = set()
            f_sym = symmetric[f.idx]
            for key in self.looks[f.idx]:
                for j in meeting(key, iv[0], iv[1]):
                    if f_sym and symmetric[j]:
                        if j <= f.idx:
                            continue
                    elif j == f.idx or j in done:
                        continue
                    else:
                        done.add(j)
                        pair = (f.idx, j) if f.idx < j else (j, f.idx)
                        if pair in other_seen:
                            continue
                        other_seen.add(pair)
                    a, b = (f, feats[j]) if f.idx < j else (feats[j], f)
                    if a.article == b.article or (fixed and fixed[a.idx] and fixed[b.idx]):
                        continue
                    gid = a.place.geonames_id
                    if gid is not None and gid == b.place.geonames_id:
                        relation: str | None = "same"  # the common case, without the full test
                    else:
                        relation = self.relation(a, b)
                    if relation is None:
                        continue
                    if a.date_known and b.date_known:
                        lo_end = a.end if a.end < b.end else b.end  # type: ignore[operator]
                        hi_start = a.start if a.start > b.start else b.start  # type: ignore[operator]
                        if hi_start - lo_end > (a.slack if a.slack > b.slack else b.slack):
                            continue
                    elif not dates_compatible(a, b, relation, opts):
                        continue
                    yield a.idx, b.idx, relation

    def followups(self, fixed: Sequence[bool] = ()) -> Iterator[tuple[int, int, str]]:
        """What :func:`followup_pairs` yields."""
        feats, opts = self.feats, self.opts
        for f in feats:
            if not f.bounded:
                continue
            lo, hi = f.end - followup_window(f, opts), f.start - f.slack - 1  # type: ignore[operator]
            keys = [k for k in self.looks[f.idx] if k[0] in ("n", "g", "x") and k in self.index]
            counts = [bisect_right(self.los[k], hi) - bisect_left(self.los[k], lo - self.spans[k]) for k in keys]
            # map cells hold each item once; a name and an id mostly hold the same items
            crowd = sum(counts) if self.symmetric[f.idx] else max(counts, default=0)
            if crowd > opts.followup_crowd:
                continue  # too many incidents here in that time to pick one by place
            done: set[int] = set()
            for key in keys:
                for j in self.windows.meeting(key, lo, hi):
                    if j in done:
                        continue
                    done.add(j)
                    g = feats[j]
                    if g.article == f.article or (fixed and fixed[f.idx] and fixed[j]):
                        continue
                    if not g.date_known or followup_gap(f, g, opts) is None:
                        continue
                    relation = self.relation(f, g)
                    if relation in _FOLLOWED:
                        yield f.idx, j, relation

    def regional(self, fixed: Sequence[bool] = ()) -> Iterator[tuple[int, int]]:
        """What :func:`regional_pairs` yields."""
        feats, opts = self.feats, self.opts
        for f in feats:
            if not (f.place_unsure and f.date_known and f.place.admin1):
                continue
            key = ("a", f.place.country or "", fold_name(f.place.admin1))
            lo, hi = f.start - f.slack, f.end + f.slack  # type: ignore[operator]
            for j in self.windows.meeting(key, lo, hi):
                g = feats[j]
                if g.article == f.article or not g.date_known or (fixed and fixed[f.idx] and fixed[g.idx]):
                    continue
                if g.place_unsure and g.idx < f.idx:
                    continue  # both unsure: found from the lower index only
                if in_one_region(f, g, opts, self.relation):
                    yield (f.idx, g.idx) if f.idx < g.idx else (g.idx, f.idx)

    def _homonyms(self, key: tuple) -> bool:
        """Items filed under this name lie in more than one place (GeoNames id, admin1, country)."""
        if key not in self._mixed:
            places = {(p.geonames_id, p.admin1, p.country) for p in (self.feats[j].place for _, j in self.index[key])}
            self._mixed[key] = len(places) > 1
        return self._mixed[key]

    def named(self, texts: Sequence[str],
              fixed: Sequence[bool] = ()) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """What :func:`named_pairs` returns."""
        feats, opts = self.feats, self.opts
        same_time: set[tuple[int, int]] = set()
        later: set[tuple[int, int]] = set()
        for f in feats:
            iv = self.intervals[f.idx]
            if iv is None or not f.date_known:
                continue
            back = f.end - followup_window(f, opts) if f.bounded else iv[0]  # type: ignore[operator]
            for gram in name_grams(texts[f.idx]):
                key = ("n", gram)
                if key not in self.index or (gram == f.place_name and not self._homonyms(key)):
                    continue  # its own place's name, which no other place bears
                keylos = self.los[key]
                floor = back - self.spans[key]
                if back < iv[0] and bisect_right(keylos, iv[0]) - bisect_left(keylos, floor) > opts.followup_crowd:
                    floor = iv[0] - self.spans[key]  # a crowded name: its own days only
                # of the items filed from `floor` on, those whose dates can meet these (or be followed up)
                for j in self.windows.meeting(key, min(back, iv[0]), iv[1], floor):
                    g = feats[j]
                    if g.article == f.article or (fixed and fixed[f.idx] and fixed[g.idx]) or not g.date_known:
                        continue
                    if not nameable(g):
                        continue  # a province, a country or an unresolved name: too loose a target
                    if g.place.geonames_id is not None and g.place.geonames_id == f.place.geonames_id:
                        continue  # one place: place blocking's pair
                    if self.relation(f, g) is not None:
                        continue
                    if date_gap(f, g) <= max(f.slack, g.slack):
                        same_time.add((f.idx, g.idx) if f.idx < g.idx else (g.idx, f.idx))
                    elif followup_gap(f, g, opts) is not None:
                        later.add((f.idx, g.idx))
        return sorted(same_time), sorted(later)


def nameable(f: Features) -> bool:
    """A place another text can point at by its name: a resolved town or finer place."""
    return f.rank <= _DISTRICT and (f.place.geonames_id is not None or f.has_coords)


def in_one_region(a: Features, b: Features, opts: LinkOptions,
                  relation: Callable[[Features, Features], str | None] | None = None) -> bool:
    """One admin1, one place unsure, dates meeting within their slack, and places that do not relate.

    ``relation`` stands for :func:`place_relation` (a :meth:`PlaceIndex.relation`: the same answers).
    """
    if not (a.place_unsure or b.place_unsure) or not (a.date_known and b.date_known):
        return False
    adm = fold_name(a.place.admin1)
    if not adm or adm != fold_name(b.place.admin1) or (a.place.country or "") != (b.place.country or ""):
        return False
    if date_gap(a, b) > max(a.slack, b.slack):
        return False
    return (relation(a, b) if relation else place_relation(a, b, opts)) is None


def regional_pairs(feats: Sequence[Features], opts: LinkOptions, *, fixed: Sequence[bool] = (),
                   index: PlaceIndex | None = None) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, in one admin1 whose places do not relate, one of them unsure, dates meeting.

    The resolver errs most where it says it is unsure (``Features.place_unsure``:
    no GeoNames id, a county or province, a place taken from the headline, the
    outlet or the article's most mentioned place): such an incident is also
    compared with the incidents of its admin1 (state, province) whose dates
    meet its own within their slack. Two places the resolver is sure of stay
    apart unless they relate.
    """
    return (index or PlaceIndex(feats, opts)).regional(fixed)


def named_pairs(feats: Sequence[Features], texts: Sequence[str], opts: LinkOptions, *, fixed: Sequence[bool] = (),
                index: PlaceIndex | None = None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pairs whose places do not relate but one's text names the other's place.

    Place resolution errs (a town put in another state or country, a street
    or a headline phrase taken for a place), so an incident is also
    compared with those at a town (or finer place, resolved) that its text
    (``texts``: title and evidence) names by a capitalised name, when their
    dates meet. Returns ``(same_time, later)``: pairs ``(i, j)``, ``i < j``,
    whose dates meet within their slack, and pairs ``(later, earlier)`` where
    the first is a follow-up of the second (see :func:`followup_gap`).
    """
    return (index or PlaceIndex(feats, opts)).named(texts, fixed)


def candidate_pairs(feats: Sequence[Features], opts: LinkOptions, *, fixed: Sequence[bool] = ()) -> Iterator[tuple[int, int, str]]:
    """Pairs ``(i, j, relation)`` with ``i < j`` whose dates and places allow one event.

    Pairs within one article, and pairs of two ``fixed`` items (already
    stored and linked in an earlier run), are left out. Two items with fine
    places and coordinates find each other through map cells both ways, so
    such a pair is taken from its lower index; pairs with any other item are
    few and kept in a set.
    """
    return PlaceIndex(feats, opts).pairs(fixed)


def followup_pairs(feats: Sequence[Features], opts: LinkOptions, *, fixed: Sequence[bool] = (),
                   index: PlaceIndex | None = None) -> Iterator[tuple[int, int, str]]:
    """Pairs ``(later, earlier, relation)``: a publication-dated incident and an earlier one it may follow up.

    ``later`` is ``bounded`` (dated only by its publication day); ``earlier``
    is dated (or bounded too) up to ``LinkOptions.followup_window`` days
    before, at the same place or one inside the other, and too early for
    :func:`candidate_pairs`. A follow-up at a place holding more than
    ``followup_crowd`` incidents in that time is left out: its place cannot
    single out one of them.
    """
    return (index or PlaceIndex(feats, opts)).followups(fixed)
