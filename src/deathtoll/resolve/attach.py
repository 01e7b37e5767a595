"""Give each report the place and the date of its own words, else of its context.

Order of search, recorded in ``evidence.rules``:

- place: the report's clause (``place:clause``), its sentence's "In X," lead or
  other place (``place:sentence``), the nearest place before it in its
  paragraph (``place:paragraph``), the dateline (``place:dateline``), the
  article's most mentioned place (``place:article``); else ``place:none``.
  ``place:anchor`` is added when a neighbourhood took its city's point and
  ``place:unresolved`` when the name is not in the gazetteer.
- date: the nearest expression in the clause, then the sentence, then the
  paragraph (``date:paragraph`` added); else the publication day
  (``date:published``); else ``date:none``. The expression's kind is the rule:
  ``date:explicit``, ``date:weekday``, ``date:relative``, ``date:since``,
  ``date:period``; ``date:unresolved`` is added when it has no publication date
  to resolve against.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from deathtoll.model import Article, DateRange, Report
from deathtoll.resolve.dates import DateMention, find_dates
from deathtoll.resolve.places import Located, main_place
from deathtoll.resolve.text import Span, TextIndex

__all__ = ["attach_places", "attach_dates", "report_spans"]

_RANK = {"exact": 0, "neighbourhood": 0, "town": 0, "district": 1, "unknown": 1, "province": 2, "country": 3}


def report_spans(r: Report, index: TextIndex) -> tuple[int, Span, Span, Span]:
    """(count position, clause, sentence, paragraph) of a report in its article."""
    n = len(index.text)
    ev = r.evidence
    pos = min(max(ev.start, 0), max(n - 1, 0))
    if 0 <= ev.sentence_start <= pos <= ev.sentence_end <= n and ev.sentence_end > ev.sentence_start:
        sent = (ev.sentence_start, ev.sentence_end)
    else:
        sent = index.sentence_of(pos)
    return pos, index.clause_of(pos, sent), sent, index.paragraph_of(pos)


def _pick(cands: list[Located], pos: int) -> Located | None:
    if not cands:
        return None
    return min(cands, key=lambda loc: (_RANK.get(loc.place.precision, 1), abs(loc.mention.start - pos)))


def _with_rules(r: Report, *rules: str) -> tuple[str, ...]:
    return tuple(r.evidence.rules) + tuple(x for x in rules if x not in r.evidence.rules)


def attach_places(reports: list[Report], located: list[Located], index: TextIndex) -> list[Report]:
    """Set each report's place from the located mentions of its article.

    Args:
        reports: The article's reports.
        located: :func:`deathtoll.resolve.places.locate` output for its text.
        index: The article's text index.

    Returns:
        New reports with ``place`` set and the deciding rules appended.
    """
    usable = [loc for loc in located if loc.mention.extra.get("qualifies") is None]
    dateline = next((loc for loc in usable if loc.mention.cue == "dateline"), None)
    main = main_place(located)
    out = []
    for r in reports:
        if r.place.is_known:
            out.append(r)
            continue
        pos, clause, sent, para = report_spans(r, index)
        chosen, rule = None, "place:none"
        in_clause = [loc for loc in usable if clause[0] <= loc.mention.start < clause[1]]
        in_sent = [loc for loc in usable if sent[0] <= loc.mention.start < sent[1]]
        if in_clause:
            chosen, rule = _pick(in_clause, pos), "place:clause"
        elif in_sent:
            leads = [loc for loc in in_sent if loc.mention.lead]
            chosen, rule = _pick(leads or in_sent, pos), "place:sentence"
        else:
            before = [loc for loc in usable if para[0] <= loc.mention.start < sent[0]]
            if before:
                fine = [loc for loc in before if _RANK.get(loc.place.precision, 1) < 3]
                chosen, rule = (fine or before)[-1], "place:paragraph"
            elif dateline is not None:
                chosen, rule = dateline, "place:dateline"
            elif main is not None:
                chosen, rule = main, "place:article"
        if chosen is None:
            out.append(r.with_(evidence=replace(r.evidence, rules=_with_rules(r, rule))))
            continue
        extra = {"anchor": "place:anchor", "unresolved": "place:unresolved"}.get(chosen.how)
        rules = _with_rules(r, rule, *(x for x in (extra,) if x))
        out.append(r.with_(place=chosen.place, evidence=replace(r.evidence, rules=rules)))
    return out


def _nearest(ds: list[DateMention], span: Span, pos: int) -> DateMention | None:
    inside = [d for d in ds if span[0] <= d.start < span[1]]
    return min(inside, key=lambda d: abs(d.start - pos)) if inside else None


def attach_dates(article: Article, reports: list[Report], index: TextIndex,
                 found: list[DateMention] | None = None) -> list[Report]:
    """Set each report's date from the expressions around it (see module docstring).

    Args:
        article: The article (its ``published`` date anchors relative words).
        reports: Its reports.
        index: Its text index.
        found: Date expressions already found in the text (found here if None).
    """
    published: date | None = article.published
    ds = found if found is not None else find_dates(article.text, published)
    out = []
    for r in reports:
        if r.date.start is not None or r.date.text:
            out.append(r)
            continue
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
