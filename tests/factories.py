"""Hand-built model objects for store, pipeline and CLI tests.

``synthetic_result`` is a toy reader of a fixed synthetic sentence shape
("4 civilians were killed and 2 were wounded in Eastford.") so that tests of
the store and the runner get reports, incidents and checks that depend on the
text, without depending on the real extractor. ``FakePipeline`` plugs it into
:class:`deathtoll.pipeline.Pipeline`.
"""

from __future__ import annotations

import json
import random
import re
import time
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from deathtoll.model import (
    Actor,
    Article,
    ArticleResult,
    Check,
    Count,
    DateRange,
    Evidence,
    Incident,
    Place,
    Report,
    Victims,
    VictimTally,
)
from deathtoll.pipeline import Pipeline

# Invented places: two with coordinates, one the toy gazetteer does not know.
PLACES = {
    "Eastford": Place("Eastford", 9000001, 35.5, 44.25, "Northern", "IQ", "town"),
    "Westbury": Place("Westbury", 9000002, 33.125, 44.5, "Central", "IQ", "town"),
    "Nowhereville": Place("Nowhereville", None, None, None, None, None, "unknown"),
}

GROUPS = {"civilians": "civilian", "soldiers": "security_forces", "fighters": "militants", "people": "unknown"}

_SENTENCE = re.compile(r"[^.]*\.")
_FIGURE = re.compile(
    r"(?P<n>\d+) (?P<who>civilians|soldiers|fighters|people) were killed"
    r"(?: and (?P<w>\d+) were wounded)? in (?P<place>[A-Z][a-z]+)(?: by (?P<cause>airstrike|shelling|gunfire))?")
_TOTAL = re.compile(r"[Ii]n all,? (?P<n>\d+) were killed")


def article(id: str = "a1", text: str | None = None, **fields: Any) -> Article:
    """An article with a synthetic text (one incident) unless ``text`` is given."""
    if text is None:
        text = "Clashes went on.\n\n3 civilians were killed and 1 were wounded in Eastford by shelling."
    fields.setdefault("title", f"Report {id}")
    fields.setdefault("source", "Example Wire")
    fields.setdefault("published", date(2017, 3, 4))
    return Article(id=id, text=text, **fields)


def synthetic_result(art: Article) -> ArticleResult:
    """Read ``art`` with the toy pattern: one incident per matching sentence."""
    reports: list[Report] = []
    incidents: list[Incident] = []
    checks: list[Check] = []
    day = DateRange(art.published, art.published, "day", "on the day") if art.published else DateRange()
    killed = {"low": 0, "best": 0, "high": 0}
    wounded = {"low": 0, "best": 0, "high": 0}
    for sm in _SENTENCE.finditer(art.text):
        sentence = sm.group().strip()
        s_start = sm.start() + (len(sm.group()) - len(sm.group().lstrip()))
        m = _FIGURE.search(sentence)
        if not m:
            continue
        inc_id = f"{art.id}/{len(incidents)}"
        place = PLACES.get(m["place"], Place(m["place"]))
        group = GROUPS[m["who"]]
        ids: list[str] = []
        for outcome, key in (("killed", "n"), ("wounded", "w")):
            if m[key] is None:
                continue
            n = int(m[key])
            rid = f"{art.id}#{len(reports)}"
            ev = Evidence(sentence, s_start + m.start(key), s_start + m.end(key), s_start,
                          s_start + len(sentence), ("toy_pattern", f"toy_{outcome}"))
            reports.append(Report(rid, outcome, Count.exact(n, m[key]), Victims(group, m["who"]), ev,
                                  cause=m["cause"], perpetrator=Actor("unknown_armed_group", "gunmen") if m["cause"] == "gunfire" else None,
                                  place=place, date=day, incident=inc_id))
            ids.append(rid)
            tally = killed if outcome == "killed" else wounded
            for k in tally:
                tally[k] += n
        victims = tuple(VictimTally(group, o.outcome, o.count.low, o.count.best, o.count.high)
                        for o in reports if o.id in ids)
        incidents.append(Incident(inc_id, place, day, m["cause"], None, victims, tuple(ids)))
    for tm in _TOTAL.finditer(art.text):
        stated = int(tm["n"])
        status = "match" if stated == killed["best"] else "mismatch"
        checks.append(Check("aggregate", status, f"stated {stated} killed, itemised {killed['best']}",
                            tuple(r.id for r in reports), {"killed": {"low": stated, "best": stated, "high": stated}},
                            {"killed": dict(killed)}))
    totals = {"killed": killed, "wounded": wounded}
    return ArticleResult(art, tuple(reports), tuple(incidents), totals, tuple(checks))


class FakePipeline(Pipeline):
    """The real runner with the toy reader in place of extract/resolve/link."""

    @property
    def nlp(self) -> Any:  # the toy reader needs no spaCy model
        return None

    def process(self, art: Article) -> ArticleResult:
        if "FAIL-ME" in art.text:
            raise ValueError("toy reader refuses this article")
        return synthetic_result(art)


class SlowPipeline(FakePipeline):
    """FakePipeline that takes ``options.extra['sleep']`` seconds per article."""

    def process(self, art: Article) -> ArticleResult:
        time.sleep(float(self.options.extra.get("sleep", 0.01)))
        return super().process(art)


_WORDS = [a + b for a in ("ka", "lo", "mi", "nu", "pe", "ra", "so", "ti", "vu", "ze", "bo", "da")
          for b in ("ran", "lit", "mox", "pel", "sud", "tav", "wen", "yor", "zig", "fum")]


def corpus(n: int, *, start: int = 0, tag: str = "") -> list[Article]:
    """``n`` distinct synthetic articles (different places, figures and filler)."""
    out = []
    places = list(PLACES)
    for i in range(start, start + n):
        place = places[i % len(places)]
        rng = random.Random(f"{i}{tag}")
        filler = " ".join(rng.choice(_WORDS) for _ in range(40))
        text = (f"Dispatch {i}{tag}: {filler}.\n\n"
                f"{i % 9 + 1} civilians were killed and {i % 4} were wounded in {place} by shelling.")
        out.append(article(f"art{i:05d}", text, title=f"Dispatch {i}{tag}",
                           published=date(2017, 1 + i % 12, 1 + i % 28)))
    return out


def write_jsonl(path: Path, articles: Iterable[Article]) -> Path:
    """Write articles as JSON Lines with the Article fields."""
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps({k: v for k, v in a.to_record().items() if v is not None}) + "\n")
    return path
