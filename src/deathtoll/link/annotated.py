"""Hand-annotated linking corpora, and pairwise scores of a linking against them.

A corpus is one YAML file: a table of places, then articles, each with its
text and its incidents as an analyst reads them, every incident carrying a
gold ``event`` label shared by all articles that tell the same event::

    places:
      mosul: {name: Mosul, geonames_id: 99072, lat: 36.34, lon: 43.12,
              admin1: Nineveh, country: IQ, precision: town}
    articles:
      - id: tw-01
        source: Tigris Wire
        published: 2017-03-04
        title: Car bomb hits market
        text: |
          A car bomb killed 12 shoppers in a Mosul market on Saturday.
        incidents:
          - event: market-bomb
            reports:
              - {sentence: "A car bomb killed 12 shoppers in a Mosul market on Saturday.",
                 count: "12", n: 12, outcome: killed, group: civilian, cause: vbied,
                 place: mosul, date: 2017-03-04}
        aggregates: []        # round-up totals (scope aggregate), same fields

:func:`read_annotated` turns it into model objects (each report's evidence
offsets found in the text), so linking can be measured without the extractor;
:func:`pair_scores` gives pairwise precision, recall and F1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from deathtoll.errors import InputError
from deathtoll.link.figures import figures_of
from deathtoll.link.items import LinkItem, LinkResult
from deathtoll.model import (Actor, Article, ArticleResult, Count, DateRange, Evidence, Incident, Place, Report,
                             Victims, VictimTally)

__all__ = ["AnnotatedArticle", "read_annotated", "pair_scores", "article_pairs", "incident_pairs", "gold_pairs", "groups_to_pairs"]


@dataclass(frozen=True)
class AnnotatedArticle:
    """One annotated article: its result as an analyst reads it and the gold event of each incident."""

    result: ArticleResult
    events: dict[str, str] = field(default_factory=dict)

    @property
    def article(self) -> Article:
        return self.result.article

    def __hash__(self) -> int:
        return hash(self.result.article.id)


def _date_range(raw: Any, where: str) -> DateRange:
    if raw is None:
        return DateRange()
    if isinstance(raw, date):
        return DateRange(raw, raw, "day")
    if isinstance(raw, Mapping):
        return DateRange.from_dict({k: (v.isoformat() if isinstance(v, date) else v) for k, v in raw.items()})
    raise InputError(where, f"bad date {raw!r}")


def _report(raw: Mapping[str, Any], art: Article, seq: int, places: Mapping[str, Place], where: str,
            incident: str | None, scope: str) -> Report:
    sentence = raw.get("sentence") or ""
    s_start = art.text.find(sentence)
    if not sentence or s_start < 0:
        raise InputError(where, f"report sentence not found in the text of {art.id}: {sentence[:40]!r}")
    count_text = str(raw.get("count", ""))
    c_start = sentence.find(count_text) if count_text else -1
    c_start = s_start + (c_start if c_start >= 0 else 0)
    n = raw.get("n")
    low, best, high = raw.get("low", n), raw.get("best", n), raw.get("high", n)
    place_key = raw.get("place")
    if place_key is not None and place_key not in places:
        raise InputError(where, f"unknown place {place_key!r} in {art.id}")
    perp = raw.get("perpetrator")
    return Report(
        id=f"{art.id}#{seq}",
        outcome=raw.get("outcome", "killed"),
        count=Count(low, best, high, count_text or None),
        victims=Victims(raw.get("group", "unknown"), raw.get("detail")),
        evidence=Evidence(sentence, c_start, c_start + len(count_text), s_start, s_start + len(sentence),
                          tuple(raw.get("rules") or ("annotated",))),
        scope=raw.get("scope", scope),
        certainty=raw.get("certainty", "reported"),
        cause=raw.get("cause"),
        perpetrator=Actor(perp, perp) if perp else None,
        attribution=raw.get("attribution"),
        place=places[place_key] if place_key else Place(),
        date=_date_range(raw.get("date"), where),
        incident=incident,
    )


def read_annotated(path: str | Path) -> list[AnnotatedArticle]:
    """Read an annotated corpus (see the module docstring).

    Raises:
        InputError: the file cannot be read, or a report's sentence is not in
            its article's text, or it names an unknown place.
    """
    where = str(path)
    try:
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise InputError(where, f"cannot read annotated corpus: {err}".splitlines()[0]) from None
    places = {key: Place.from_dict(val) for key, val in (doc.get("places") or {}).items()}
    out: list[AnnotatedArticle] = []
    for raw in doc.get("articles") or ():
        pub = raw.get("published")
        art = Article(id=str(raw["id"]), text=raw.get("text") or "", title=raw.get("title"),
                      published=pub if isinstance(pub, date) else (date.fromisoformat(pub) if pub else None),
                      source=raw.get("source"), copy_of=raw.get("copy_of"))
        reports: list[Report] = []
        incidents: list[Incident] = []
        events: dict[str, str] = {}
        for n, inc_raw in enumerate(raw.get("incidents") or ()):
            inc_id = f"{art.id}/{n}"
            mine = [_report(r, art, len(reports) + k, places, where, inc_id, "incident")
                    for k, r in enumerate(inc_raw.get("reports") or ())]
            reports.extend(mine)
            figs = figures_of(mine)
            victims = tuple(VictimTally(g, o, f[0], f[1], f[2]) for (g, o), f in sorted(figs.items()))
            first = mine[0] if mine else None
            incidents.append(Incident(inc_id, first.place if first else Place(), first.date if first else DateRange(),
                                      next((r.cause for r in mine if r.cause), None),
                                      next((r.perpetrator for r in mine if r.perpetrator), None),
                                      victims, tuple(r.id for r in mine)))
            events[inc_id] = str(inc_raw.get("event", inc_id))
        for r in raw.get("aggregates") or ():
            reports.append(_report(r, art, len(reports), places, where, None, "aggregate"))
        out.append(AnnotatedArticle(ArticleResult(art, tuple(reports), tuple(incidents)), events))
    return out


def pair_scores(predicted: Iterable[tuple[str, str]], gold: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of predicted links against gold links.

    Pairs are unordered; both sets are normalised to (smaller, larger).
    """
    pred = {tuple(sorted(p)) for p in predicted}
    true = {tuple(sorted(p)) for p in gold}
    tp = len(pred & true)
    precision = tp / len(pred) if pred else 1.0
    recall = tp / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": len(pred - true),
            "fn": len(true - pred), "predicted": len(pred), "gold": len(true)}


def groups_to_pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    """Every pair (sorted) of keys that share a group."""
    out: set[tuple[str, str]] = set()
    for g in groups:
        out.update(combinations(sorted(set(g)), 2))
    return out


def article_pairs(result: LinkResult, items: Iterable[LinkItem]) -> set[tuple[str, str]]:
    """Article pairs the linking joined: two articles are linked when any of
    their incidents share a linked incident."""
    article_of = {it.incident.id: it.article_id for it in items}
    return groups_to_pairs([article_of[m] for m in members if m in article_of] for members in result.members.values())


def incident_pairs(result: LinkResult) -> set[tuple[str, str]]:
    """Article-incident pairs the linking joined."""
    return groups_to_pairs(result.members.values())


def gold_pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
    """Pairs of keys (article or incident ids) that share a gold label."""
    groups: dict[str, list[str]] = {}
    for key, label in labels.items():
        groups.setdefault(label, []).append(key)
    return groups_to_pairs(groups.values())
