"""Give each report the place and the date of its own words, else of its context.

Order of search, recorded in ``evidence.rules``:

- place: the report's clause (``place:clause``), its sentence's "In X," lead or
  other place (``place:sentence``), the nearest place before it in its
  paragraph (``place:paragraph``), the dateline (``place:dateline``), the
  paragraph before a one-sentence paragraph that names no place
  (``place:previous``), the article's most mentioned place
  (``place:article``); else ``place:none``.
  ``place:anchor`` is added when a neighbourhood took its city's point and
  ``place:unresolved`` when the name is not in the gazetteer.
- date: the nearest expression in the clause, then the sentence, then the
  paragraph (``date:paragraph`` added); else the publication day
  (``date:published``); else ``date:none``. The expression's kind is the rule:
  ``date:explicit``, ``date:weekday``, ``date:relative``, ``date:since``,
  ``date:period``; ``date:unresolved`` is added when it has no publication date
  to resolve against; ``date:night`` when a night was widened to both its days
  ("early Sunday"). Dates of a statement ("police said Thursday"), of a death
  ("died Monday") or of the page ("Posted: …") are skipped (see
  :func:`deathtoll.resolve.date_roles.date_role`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from deathtoll.model import Article, DateRange, Place, Report
from deathtoll.resolve.date_roles import date_words
from deathtoll.resolve.dates import DateMention, find_dates
from deathtoll.resolve.gazetteer import distance_km
from deathtoll.resolve.mentions import Mention, PlaceWords, load_words
from deathtoll.resolve.places import Located, main_place
from deathtoll.resolve.text import Span, TextIndex

__all__ = ["attach_places", "attach_dates", "report_spans"]

_WORDS = re.compile(r"[a-z]+")
#: levels that place a whole article: a name the index lacks may lie in their town
_ANCHOR_LEVELS = ("place:dateline", "place:title", "place:outlet")
_RANK = {"exact": 0, "neighbourhood": 0, "town": 0, "district": 1, "unknown": 1, "province": 2, "country": 3}


def report_spans(r: Report, index: TextIndex) -> tuple[int, Span, Span, Span]:
    """(count position, clause, sentence, paragraph) of a report in its article."""
    n = len(index.text)
    ev = r.evidence
    if ev.sentence_start < 0 and ev.sentence_end <= 0:
        # read from a headline the text lacks: the headline stands before the text at negative
        # offsets, where the headline's own place mentions are (see ``places.locate``)
        head = (ev.sentence_start, ev.sentence_end)
        return ev.start, head, head, head
    pos = min(max(ev.start, 0), max(n - 1, 0))
    if 0 <= ev.sentence_start <= pos <= ev.sentence_end <= n and ev.sentence_end > ev.sentence_start:
        sent = (ev.sentence_start, ev.sentence_end)
    else:
        sent = index.sentence_of(pos)
    return pos, index.clause_of(pos, sent), sent, index.paragraph_of(pos)


def _with_rules(r: Report, *rules: str) -> tuple[str, ...]:
    return tuple(r.evidence.rules) + tuple(x for x in rules if x not in r.evidence.rules)


def _usable(loc: Located) -> bool:
    """Places a report can take: not a qualifier ("…, Iraq"), not the outlet, and
    not a country or province written without a cue ("a North Carolina woman")."""
    m = loc.mention
    if m.extra.get("qualifies") is not None or m.extra.get("outlet"):
        return False
    return not (m.cue in (None, "attributive") and m.kind is None and loc.place.precision in ("province", "country"))


def _care(loc: Located, index: TextIndex, care_verbs: frozenset[str]) -> bool:
    """A hospital the wounded were taken to ("taken to Mercy Hospital", "went to a
    hospital in Erie"): no place of the incident."""
    m = loc.mention
    if not m.extra.get("care") or m.start < 0:
        return False
    if m.cue == "to":
        return True
    s, e = index.sentence_of(m.start)
    return any(w in care_verbs for w in _WORDS.findall(index.text[s:e].lower()))


def _late(loc: Located) -> bool:
    """Where a person is from ("a Crown Point man") or went to or came from abroad
    ("extradited from Mexico", role ``away``): tried after the dateline and headline."""
    return loc.mention.extra.get("role") in ("origin", "away")


def _chain(r: Report, usable: list[Located], index: TextIndex, dateline: Located | None,
           main: Located | None, outlet: Located | None = None) -> list[tuple[Located, str]]:
    """Every place the report could take, in the order they are tried."""
    pos, clause, sent, para = report_spans(r, index)
    out: list[tuple[Located, str]] = []
    late: list[tuple[Located, str]] = []
    # a dateline belongs to every clause of its sentence ("MARION — A man, shot by deputies …")
    in_clause = [loc for loc in usable if clause[0] <= loc.mention.start < clause[1]
                 or loc.mention.cue == "dateline" and sent[0] <= loc.mention.start < sent[1]]
    in_sent = [loc for loc in usable if sent[0] <= loc.mention.start < sent[1] and loc not in in_clause]
    for group, rule in ((in_clause, "place:clause"), (in_sent, "place:sentence")):
        # in its own clause a report's specific place beats the "In X," / dateline context;
        # from the rest of the sentence only that context applies
        def context(loc: Located) -> bool:
            return loc.mention.lead or loc.mention.cue == "dateline"

        # an agency's jurisdiction ("the Oneida County Sheriff") yields to the dateline
        ordered = sorted(group, key=lambda loc: (loc.mention.extra.get("role") == "agency" if rule == "place:clause"
                                                 else False,
                                                 context(loc) if rule == "place:clause" else not context(loc),
                                                 loc.mention.kind == "street",
                                                 _RANK.get(loc.place.precision, 1), abs(loc.mention.start - pos)))
        out.extend((loc, rule) for loc in ordered if not _late(loc))
        late.extend((loc, rule) for loc in ordered if _late(loc))
    titled = [loc for loc in usable if loc.mention.extra.get("title") and not _late(loc)]
    titled.sort(key=lambda loc: (loc.mention.cue in (None, "attributive"), _RANK.get(loc.place.precision, 1)))
    # a town the headline names as the incident's ("shot at Ashby party", "the Ashby
    # shooting") comes before the body's other towns when the report's own sentence names
    # none, if the body names a place of its state (else it may be a far namesake)
    body_states = {loc.place.admin1 for loc in usable if loc.mention.start >= 0 and loc.place.admin1}
    out.extend((loc, "place:title") for loc in titled if _headline_town(loc)
               and (not body_states or loc.place.admin1 in body_states))
    before = [loc for loc in usable if para[0] <= loc.mention.start < sent[0]]
    # the paragraph's "In X," lead first, then the nearest place before the sentence
    before.sort(key=lambda loc: (not loc.mention.lead, _RANK.get(loc.place.precision, 1) >= 3, -loc.mention.start))
    out.extend((loc, "place:paragraph") for loc in before if not _late(loc))
    late.extend((loc, "place:paragraph") for loc in before if _late(loc))
    if dateline is not None:
        out.append((dateline, "place:dateline"))
    out.extend((loc, "place:previous") for loc in _previous_paragraph(pos, para, usable, index))
    # a headline's town first; its state or country ("… arrested in Maryland") only after the
    # article's own main place
    out.extend((loc, "place:title") for loc in titled if _RANK.get(loc.place.precision, 1) < 2)
    out.extend(late)
    if main is not None:
        out.append((main, "place:article"))
    out.extend((loc, "place:title") for loc in titled if _RANK.get(loc.place.precision, 1) >= 2)
    if outlet is not None:
        out.append((outlet, "place:outlet"))
    return out


def _headline_town(loc: Located) -> bool:
    """A town of the headline written as where it happened: after a cue ("in Ashby", "at
    Ashby party") or before an incident word ("Ashby shooting"); not an agency's or a
    hospital's town, nor one the index lacks."""
    m = loc.mention
    cued = m.cue not in (None, "attributive", "of", "to", "outlet") or m.extra.get("role") == "event"
    return cued and m.extra.get("role") != "agency" and loc.how == "gazetteer" \
        and loc.place.precision in ("town", "neighbourhood") and loc.place.lat is not None


def _venue(m: Mention) -> bool:
    """A name the index lacks that is no town of its own: a street, building, school,
    neighbourhood or venue ("at Ashby Soundstage", "Ashby Gateway apartment"). Not a
    site outside towns (a camp, a dam, a checkpoint: ``facility``), a district, nor a
    lone word after "in", which may be a town elsewhere ("in Ashby")."""
    if m.kind in ("street", "building", "local") or m.extra.get("building"):
        return True
    return m.kind is None and (m.tokens >= 2 or m.cue not in (None, "in", "from", "of", "to", "attributive",
                                                               "dateline", "outlet"))


def _previous_paragraph(pos: int, para: Span, usable: list[Located], index: TextIndex) -> list[Located]:
    """A paragraph of one sentence that names no place carries on the one before it
    ("… escape from the area around Tabqa dam." / "In response, an airstrike killed at
    least 70 of them."): that paragraph's towns and districts, in their order (its
    first place is what it is about; later ones describe it)."""
    if any(para[0] <= loc.mention.start < para[1] for loc in usable):
        return []
    if sum(1 for s, _ in index.sentences if para[0] <= s < para[1]) != 1:
        return []
    k = index.paragraph_index(pos)
    if k == 0 or para not in index.paragraphs:
        return []
    ps, pe = index.paragraphs[k - 1]
    prev = [loc for loc in usable if ps <= loc.mention.start < pe and not _late(loc)
            and _RANK.get(loc.place.precision, 1) < 2 and loc.place.lat is not None]
    return sorted(prev, key=lambda loc: loc.mention.start)


def _inside(fine: Located, coarse: Located) -> bool:
    """A town-level place lies in a district (within 60 km, same province) or in a province."""
    a, b = fine.place, coarse.place
    if a.lat is None or b.lat is None or a.country != b.country or a.admin1 != b.admin1:
        return False
    return b.precision == "province" or distance_km((a.lat, a.lon), (b.lat, b.lon)) <= 60


def _town_of_article_in(county: Located, usable: list[Located]) -> Located | None:
    """The town the article names most (then first) inside a county ("in Bartow County"
    in a story that names Euharlee elsewhere): where in the county it happened. Towns
    named as someone's home ("a Cartersville man") do not count."""
    towns = [loc for loc in usable if loc.how == "gazetteer" and loc.place.precision == "town"
             and not _late(loc) and loc.mention.extra.get("role") != "agency" and _inside(loc, county)]
    if not towns:
        return None
    counts: dict[str | None, int] = {}
    for loc in towns:
        counts[loc.key] = counts.get(loc.key, 0) + 1
    return max(towns, key=lambda loc: (counts[loc.key], -towns.index(loc)))


def _group_place(chosen: Located, usable: list[Located], text: str) -> Place:
    """"In Jawsaq and Tayaran": when every member of a coordinated group resolved to the
    same entry, the place is named by the whole group as written."""
    g = chosen.mention.group
    if g is None:
        return chosen.place
    members = sorted((loc for loc in usable if loc.mention.group == g), key=lambda loc: loc.mention.start)
    if len(members) < 2 or len({loc.key for loc in members}) != 1 or chosen.key is None:
        return chosen.place
    first, last = members[0].mention, members[-1].mention
    return replace(chosen.place, name=text[first.start:last.start + len(last.written)])


def attach_places(reports: list[Report], located: list[Located], index: TextIndex,
                  words: PlaceWords | None = None) -> list[Report]:
    """Set each report's place from the located mentions of its article.

    The first place of the report's chain (clause, sentence, paragraph,
    dateline, article) wins, with two refinements: a named place the
    gazetteer lacks keeps its name but takes the point of the next place of
    the chain that has one (``place:unresolved``); a district ("Jefferson
    County") gives way to a town of the chain inside it (``place:refined``).

    Args:
        reports: The article's reports.
        located: :func:`deathtoll.resolve.places.locate` output for its text.
        index: The article's text index.
        words: Place word lists (the packaged ones when not given).

    Returns:
        New reports with ``place`` set and the deciding rules appended.
    """
    care_verbs = (words or load_words()).lists.get("care_verbs", frozenset())
    usable = [loc for loc in located if _usable(loc) and not _care(loc, index, care_verbs)]
    dateline = next((loc for loc in usable if loc.mention.cue == "dateline"), None)
    outlet = next((loc for loc in located if loc.mention.extra.get("outlet")), None)
    main = main_place(located)
    out = []
    for r in reports:
        if r.place.is_known:
            out.append(r)
            continue
        chain = _chain(r, usable, index, dateline, main, outlet)
        if not chain:
            out.append(r.with_(evidence=replace(r.evidence, rules=_with_rules(r, "place:none"))))
            continue
        chosen, rule = chain[0]
        rules = [rule]
        place = _group_place(chosen, usable, index.text)
        if chosen.how == "anchor":
            rules.append("place:anchor")
        if chosen.how == "unresolved":
            rules.append("place:unresolved")
            # an address or building lies in the article's town; another unknown name only
            # in a place its own sentence or paragraph names ("In Baghdad, … in Nahrawan")
            kind = chosen.mention.kind
            near_levels = ("place:clause", "place:sentence", "place:paragraph")
            # an unknown dateline town ("COLTON, Ore.") lies in a place of its state
            dl_state = chosen.place.admin1 if chosen.mention.cue == "dateline" else None
            group = chosen.mention.group
            nxt = next(((loc, ru) for loc, ru in chain[1:] if loc.place.lat is not None
                        and (group is None or loc.mention.group != group)  # "near Beale and Fond du Lac"
                        and (ru in near_levels or ru in _ANCHOR_LEVELS
                             or kind in ("street", "building", "local")
                             or chosen.mention.extra.get("building")
                             # a venue lies in the article's own town ("at Ashby Soundstage")
                             or ru == "place:article" and _venue(chosen.mention)
                             or dl_state and loc.place.admin1 == dl_state)), None)
            if nxt is not None:
                loc, ru = nxt
                if loc.place.precision in ("district", "province"):
                    # "shot in Green Meadows, the county coroner of Los Angeles County said":
                    # the article's own town inside that county is the closer point
                    finer = next((a for a, ra in chain if ra in _ANCHOR_LEVELS and a.how == "gazetteer"
                                  and a.place.precision == "town" and _inside(a, loc)), None)
                    if finer is not None:
                        loc, ru = finer, "place:refined"
                prec = "town" if kind in ("street", "building", "facility", "local") and loc.place.precision in ("town", "neighbourhood") else "district"
                place = Place(name=place.name, geonames_id=loc.place.geonames_id, lat=loc.place.lat,
                              lon=loc.place.lon, admin1=loc.place.admin1, country=loc.place.country, precision=prec)
                rules.append(ru)
        elif place.precision in ("district", "province") and not chosen.mention.coarse:
            # a town of the chain, else one named later in the paragraph, inside the district
            para = index.paragraph_of(max(r.evidence.start, 0))
            later = [(loc, "") for loc in usable if chosen.mention.end <= loc.mention.start < para[1]
                     and not _late(loc)]
            finer = next((loc for loc, _ in chain[1:] + later if loc.place.precision in ("town", "neighbourhood")
                          and loc.how == "gazetteer" and _inside(loc, chosen)), None)
            if finer is None and place.precision == "district":
                finer = _town_of_article_in(chosen, usable)
            if finer is not None:
                place = finer.place
                rules.append("place:refined")
        out.append(r.with_(place=place, evidence=replace(r.evidence, rules=_with_rules(r, *rules))))
    return out


def _nearest(ds: list[DateMention], span: Span, pos: int) -> DateMention | None:
    inside = [d for d in ds if span[0] <= d.start < span[1]]
    return min(inside, key=lambda d: abs(d.start - pos)) if inside else None


def attach_dates(article: Article, reports: list[Report], index: TextIndex,
                 found: list[DateMention] | None = None) -> list[Report]:
    """Set each report's date from the expressions around it (see module docstring).

    Only expressions that date an event count ("police said Thursday" dates the
    statement, "died Monday" a death, "Posted: Monday, …" the page; see
    :func:`deathtoll.resolve.date_roles.date_role`); for a detention or a release
    (``own_day_outcomes`` in ``data/date_words.yaml``) a statement's day counts too
    ("arrested Tuesday").

    Args:
        article: The article (its ``published`` date anchors relative words).
        reports: Its reports.
        index: Its text index.
        found: Date expressions already found in the text (found here if None).
    """
    published: date | None = article.published
    found = found if found is not None else find_dates(article.text, published)
    events = [d for d in found if d.role == "event"]
    dated = [d for d in found if d.role != "stamp"]
    own_day = date_words()["own_day_outcomes"]
    out = []
    for r in reports:
        if r.date.start is not None or r.date.text:
            out.append(r)
            continue
        ds = dated if r.outcome in own_day else events
        pos, clause, sent, para = report_spans(r, index)
        rules: list[str] = []
        d = _nearest(ds, clause, pos) or _nearest(ds, sent, pos)
        if d is None:
            before = [x for x in ds if para[0] <= x.start < sent[0]]
            d = before[-1] if before else None
            if d is not None:
                rules.append("date:paragraph")
        if d is not None:
            rng = d.range
            rules.insert(0, d.rule)
            if d.night:
                rules.append("date:night")
            if rng.start is None and rng.end is None:
                rules.append("date:unresolved")
        elif published is not None:
            rng = DateRange(published, published, "day", None)
            rules.append("date:published")
        else:
            rng = DateRange()
            rules.append("date:none")
        out.append(r.with_(date=rng, evidence=replace(r.evidence, rules=_with_rules(r, *rules))))
    return out
