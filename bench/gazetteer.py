"""Gazetteer benchmark: build and load times, lookup speed, and place accuracy on GVDB and GVA.

Run:  .venv/bin/python bench/gazetteer.py [--gazetteer PATH] [--skip-build] [--data ../shared/data/gvdb_dev.jsonl]
      .venv/bin/python bench/gazetteer.py --gva [--limit N] [--fresh] [--misses N] [--date-misses N]

- cold build: compiling the embedded GeoNames data into a fresh SQLite file;
- warm load: opening an already built file (what every run pays);
- resolutions per second: ``Gazetteer.resolve_name`` over the distinct names of
  the dev articles, against ``json.loads`` of the same rows as a reference;
- GVDB accuracy: for each article with a gold city, one hand-made report on the
  first sentence with a shooting word, run through ``resolve()``; a hit is a
  place whose name (as written or any spelling of its entry) is the gold city
  and whose admin1 is the gold state (when the gold has one);
- GVA main place (``--gva``, see :func:`gva_accuracy`): the full per-article
  pipeline over ``../shared/data/gva_dev.jsonl``; the place of each article's
  main incident against the gold city and state, and its date against the gold
  day (exact / range / bound / off, see :func:`gva_date_class`; ``--date-misses N``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from deathtoll.model import Article, ArticleResult, Count, Evidence, Incident, Place, Report, Victims
from deathtoll.options import Options
from deathtoll.resolve import Gazetteer, resolve
from deathtoll.resolve.cities import city_of
from deathtoll.resolve.gazetteer import distance_km
from deathtoll.resolve.normalize import fold
from deathtoll.resolve.text import TextIndex

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "gvdb_dev.jsonl"
_SHOOT = re.compile(r"\b(?:shot|shoot\w*|killed|kill\w*|dead|died|dies|fatal\w*|gunfire|gunshot\w*|wounded|slain|"
                    r"murder\w*|homicide)\b", re.I)


def _date(s: str | None) -> date | None:
    try:
        y, m, d = (int(x) for x in (s or "").split("-"))
        return date(y, m, d)
    except ValueError:
        return None


def gold_of(row: dict) -> tuple[str | None, tuple[str, str] | None]:
    """(gold city, (state code, state name)) of a GVDB row; None where unknown."""
    city = (row.get("city") or "").strip().splitlines()
    city_name = city[-1].strip() if city else None
    if city_name:
        # annotation glitches: a trailing period ("Sparta."), a run glued on the front
        # ("robberyBELPRE", "2016Chicago"), a soft hyphen inside ("Gar\xaddens")
        city_name = city_name.replace("\xad", "").rstrip(". ")
        joints = [m.start(1) for m in re.finditer(r"[a-z\d]([A-Z])", city_name)]
        if joints and (" " in city_name[: joints[-1]] or city_name[: joints[-1]].isdigit()):
            city_name = city_name[joints[-1]:]
    state = (row.get("state") or "").strip()
    m = re.fullmatch(r"([A-Z]{2}) - (.+)", state)
    return city_name or None, (m.group(1), m.group(2)) if m else None


def article_of(row: dict) -> Article:
    """The article of a GVDB row, its title taken off the front of the text."""
    text, title = row.get("text") or "", row.get("title") or ""
    if title and text.startswith(title):
        text = text[len(title):]
    return Article(id=str(row["article_id"]), text=text, title=title or None, published=_date(row.get("date")))


def first_report(article: Article) -> Report | None:
    """A hand-made report on the first sentence that has a shooting word, else on
    the lead sentence (an article about an arrest or a gun seizure)."""
    index = TextIndex(article.text)
    for s, e in index.sentences:
        m = _SHOOT.search(article.text, s, e)
        if m:
            ev = Evidence(article.text[s:e], m.start(), m.end(), s, e, ("bench",))
            return Report(id=f"{article.id}#0", outcome="killed", count=Count.exact(1), victims=Victims(), evidence=ev)
    if index.sentences:
        s, e = index.sentences[0]
        ev = Evidence(article.text[s:e], s, s + 1, s, e, ("bench",))
        return Report(id=f"{article.id}#0", outcome="killed", count=Count.exact(1), victims=Victims(), evidence=ev)
    return None


def is_hit(place, gold_city: str, gold_state: tuple[str, str] | None, gz: Gazetteer, lenient: bool = False) -> bool:
    """The place is the gold city (any spelling of its entry) in the gold state; with
    ``lenient``, a place within 15 km of the gold city also counts."""
    if place is None or place.precision in ("province", "country", "unknown"):
        return False
    names = {fold(place.name or "")}
    # the entry and the cities it lies in: "Rogers Park" counts for Chicago
    for c in city_of(place, gz):
        names.add(fold(c.name))
        names.update(fold(n) for n in gz.names_of(c))
    g = fold(gold_city)
    city_ok = g in names or any(n and (n == g or g.endswith(" " + n) or n.endswith(" city") and n[:-5] == g) for n in names)
    g2 = re.sub(r"\s+city$", "", g)
    city_ok = city_ok or g2 in names
    if not city_ok and lenient and place.lat is not None:
        # a neighbourhood of the gold city ("Rogers Park" for Chicago): within 15 km of a
        # larger town of the gold name in the same state
        for c in gz.lookup(gold_city, country="US", limit=10):
            if c.exact and c.point and c.admin1 == place.admin1 and c.precision == "town" \
                    and distance_km(c.point, (place.lat, place.lon)) <= 15:
                city_ok = True
                break
    if not gold_state:
        return city_ok
    state_ok = place.country == "US" and fold(place.admin1 or "") in (fold(gold_state[1]), fold(gold_state[0]))
    return city_ok and state_ok


def gvdb_accuracy(path: Path, gz: Gazetteer, misses: list | None = None) -> dict:
    """Share of GVDB dev articles whose main incident place is the gold city and state."""
    n = hits = n_state = hits_state = near = 0
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        city, state = gold_of(row)
        if not city:
            continue
        art = article_of(row)
        rep = first_report(art)
        place = resolve(art, [rep], gazetteer=gz)[0].place if rep else None
        ok = is_hit(place, city, state, gz)
        near += ok or is_hit(place, city, state, gz, lenient=True)
        n += 1
        hits += ok
        if state:
            n_state += 1
            hits_state += ok
        if not ok and misses is not None:
            misses.append((row["article_id"], city, state, place, rep.evidence.rules if rep else None))
    return {"articles": n, "hits": hits, "accuracy": round(hits / n, 4) if n else 0.0,
            "with_state": n_state, "hits_with_state": hits_state,
            "accuracy_with_state": round(hits_state / n_state, 4) if n_state else 0.0,
            "accuracy_in_gold_city": round(near / n, 4) if n else 0.0}


# -- GVA: the main incident's place through the full per-article pipeline ----------

GVA_DATA = ROOT.parent / "shared" / "data" / "gva_dev.jsonl"
#: Reports as the extractor gives them (no place, no date), keyed by article content and
#: extractor source: only the resolve and summarise stages run again when nothing else changed.
REPORTS_CACHE = ROOT / "bench" / "out" / "gva_reports.jsonl"


def gva_article(row: dict) -> Article:
    """The article of a GVA row, as ``bench/linking.py`` builds it (outlet from the url)."""
    m = re.search(r"https?://(?:web\.archive\.org/web/\d+/)?(?:https?://)?(?:www\.)?([^/:]+)", row.get("url") or "")
    return Article(row["doc_id"], row["text"], row.get("title"), _date(row.get("published")),
                   m.group(1) if m else None, row.get("url"))


def extractor_version() -> str:
    """A hash of the extract stage's source and lexicons: a changed extractor invalidates the cache."""
    h = hashlib.sha1()
    base = ROOT / "src" / "deathtoll" / "extract"
    for f in sorted(base.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".tsv", ".yaml", ".txt", ".json"):
            h.update(str(f.relative_to(base)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def gva_reports(articles: list[Article], cache: Path | None = REPORTS_CACHE, fresh: bool = False,
                reuse: bool = False) -> dict[str, list[Report]]:
    """Extracted reports (place and date unresolved) of each article, read from ``cache``
    where its article and extractor are unchanged, else extracted and appended to it.
    With ``reuse``, the last cached reports of an article count whatever extractor made
    them (to compare resolver changes on one fixed extraction)."""
    version = extractor_version()
    have: dict[str, list[Report]] = {}
    if cache is not None and cache.exists() and not fresh:
        for line in cache.read_text("utf-8").splitlines():
            d = json.loads(line)
            if reuse or d.get("version") == version:
                have[d["key"]] = [Report.from_dict(r) for r in d["reports"]]
    out: dict[str, list[Report]] = {}
    todo = [a for a in articles if a.content_hash not in have]
    if todo:
        from deathtoll.extract import extract_reports
        from deathtoll.pipeline import Pipeline

        pipe = Pipeline(Options())
        lines = []
        for a in todo:
            have[a.content_hash] = reps = extract_reports(a, pipe.nlp, pipe.options)
            lines.append(json.dumps({"key": a.content_hash, "version": version, "reports": [r.to_dict() for r in reps]}))
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            with cache.open("a" if not fresh else "w", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in lines))
    for a in articles:
        out[a.id] = have[a.content_hash]
    return out


def main_incident(result: ArticleResult) -> Incident | None:
    """The incident with the largest killed + wounded figure (best), else the first one."""
    if not result.incidents:
        return None
    size = {inc.id: inc.tally("killed")[1] + inc.tally("wounded")[1] for inc in result.incidents}
    return max(result.incidents, key=lambda inc: (size[inc.id], -result.incidents.index(inc)))


def gva_gold_names(gold: dict) -> tuple[list[str], tuple[str, str]]:
    """The names a GVA gold place accepts and its state: "Orlando (Pine Hills)" accepts
    either name; "Pike (county)" is "Pike County"."""
    raw = (gold.get("city_or_county") or "").strip()
    state = (gold.get("state") or "").strip()
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", raw)
    names = [raw]
    if m:
        names = [m.group(1) + " County"] if m.group(2).lower() == "county" else [m.group(1), m.group(2)]
    return [n for n in names if n], (state, state)


def gva_hit(place: Place | None, gold: dict, gz: Gazetteer) -> bool:
    """The place is one of the gold names in the gold state (see :func:`is_hit`)."""
    names, state = gva_gold_names(gold)
    return any(is_hit(place, n, state, gz) for n in names)


def gva_gold_date(gold: dict) -> date | None:
    """The gold incident day ("January 16, 2014"), or None."""
    try:
        return datetime.strptime((gold.get("date") or "").strip(), "%B %d, %Y").date()
    except ValueError:
        return None


def gva_date_class(inc: Incident | None, reports: list[Report], gold: date | None) -> str:
    """How the main incident's date stands to the gold day: ``exact`` (that one day),
    ``range`` (a longer range holding it), ``bound`` (only the publication day, which
    linking reads as "on or before": the gold day is not after it), ``off``, ``none``."""
    if inc is None or gold is None:
        return "none"
    d = inc.date
    if d.start is None:
        return "none"
    end = d.end or d.start
    if d.start == end == gold:
        return "exact"
    mine = [r for r in reports if r.id in inc.reports]
    from_pub = not d.text and any("date:published" in r.evidence.rules and r.date.start == d.start for r in mine)
    if from_pub:
        return "bound" if gold <= end else "off"
    return "range" if d.start <= gold <= end else "off"


def gva_accuracy(path: Path, gz: Gazetteer, misses: list | None = None, *, limit: int | None = None,
                 cache: Path | None = REPORTS_CACHE, fresh: bool = False, reuse: bool = False,
                 date_misses: list | None = None) -> dict:
    """Share of GVA dev articles whose main incident is placed in the gold city and state.

    Each article goes through extract (cached, see :func:`gva_reports`), ``resolve()``
    and ``summarise_article()``; the main incident is :func:`main_incident`. Misses
    are ``(doc_id, gold names, gold state, place, rules of the incident's first report,
    title)``. ``limit`` keeps every k-th article so that about ``limit`` remain.

    The main incident's date is counted too (:func:`gva_date_class`): ``date_exact``,
    ``date_range``, ``date_bound`` (publication day, gold day not after it),
    ``date_off``, ``date_none``; ``date_misses`` gets ``(doc_id, gold day, published,
    incident date, date rules of its reports, title)`` for each ``off``.
    """
    from deathtoll.link import summarise_article

    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    if limit and limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(k * step)] for k in range(limit)]
    arts = [gva_article(r) for r in rows]
    reps = gva_reports(arts, cache, fresh, reuse)
    n = hits = placed = none = near = 0
    dates = {k: 0 for k in ("exact", "range", "bound", "off", "none")}
    t = time.perf_counter()
    for row, art in zip(rows, arts):
        res = summarise_article(art, resolve(art, reps[art.id], gazetteer=gz))
        inc = main_incident(res)
        place = inc.place if inc is not None else None
        ok = gva_hit(place, row["gold"], gz)
        gold_day = gva_gold_date(row["gold"])
        dc = gva_date_class(inc, res.reports, gold_day)
        dates[dc] += 1
        if dc == "off" and date_misses is not None:
            rules = sorted({x for r in res.reports if r.id in inc.reports for x in r.evidence.rules if x.startswith("date:")})
            date_misses.append((art.id, str(gold_day), str(art.published), inc.date.to_dict(), rules, art.title))
        n += 1
        hits += ok
        none += inc is None
        placed += inc is not None
        if not ok and place is not None and place.lat is not None and row["gold"].get("lat") is not None:
            near += distance_km((place.lat, place.lon), (row["gold"]["lat"], row["gold"]["lon"])) <= 25
        if not ok and misses is not None:
            first = next((r for r in res.reports if inc is not None and r.id == inc.reports[0]), None)
            misses.append((art.id, gva_gold_names(row["gold"])[0], row["gold"].get("state"), place,
                           first.evidence.rules if first else None, art.title))
    dt = time.perf_counter() - t
    return {"articles": n, "hits": hits, "accuracy": round(hits / n, 4) if n else 0.0,
            "with_incident": placed, "accuracy_with_incident": round(hits / placed, 4) if placed else 0.0,
            "no_incident": none, "misses_within_25km_of_gold_point": near,
            **{f"date_{k}": v for k, v in dates.items()},
            "date_exact_or_range": round((dates["exact"] + dates["range"]) / n, 4) if n else 0.0,
            "date_consistent": round((dates["exact"] + dates["range"] + dates["bound"]) / n, 4) if n else 0.0,
            "resolve_and_summarise_articles_per_s": round(n / dt, 1) if dt else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gazetteer", type=Path, help="use (and build if needed) this index instead of a fresh one")
    ap.add_argument("--skip-build", action="store_true", help="do not time a cold build")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--misses", type=int, default=0, help="print this many misses")
    ap.add_argument("--date-misses", type=int, default=0, help="GVA: print this many main-incident dates that are off")
    ap.add_argument("--gva", action="store_true", help="only the GVA main-place accuracy (full pipeline)")
    ap.add_argument("--gva-data", type=Path, default=GVA_DATA)
    ap.add_argument("--limit", type=int, help="GVA: about this many articles, evenly spread")
    ap.add_argument("--fresh", action="store_true", help="GVA: extract again instead of reading bench/out/")
    ap.add_argument("--reuse", action="store_true", help="GVA: cached reports of any extractor version")
    ap.add_argument("--cache", type=Path, default=REPORTS_CACHE, help="GVA: where extracted reports are kept")
    args = ap.parse_args(argv)
    out: dict = {}
    if args.gva:
        if not args.gva_data.exists():
            print(f"no {args.gva_data}", file=sys.stderr)
            return 1
        gz = Gazetteer(args.gazetteer) if args.gazetteer else Gazetteer()
        misses: list = []
        dmisses: list = []
        t = time.perf_counter()
        out["gva"] = gva_accuracy(args.gva_data, gz, misses, limit=args.limit, cache=args.cache,
                                 fresh=args.fresh, reuse=args.reuse, date_misses=dmisses)
        out["gva_seconds"] = round(time.perf_counter() - t, 1)
        for m in misses[: args.misses]:
            print("MISS", m, file=sys.stderr)
        for m in dmisses[: args.date_misses]:
            print("DATE", m, file=sys.stderr)
        print(json.dumps(out, indent=2))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = args.gazetteer or Path(tmp) / "gazetteer.sqlite"
        if not args.skip_build or not path.exists():
            t = time.perf_counter()
            Gazetteer(path, build=False).build()
            out["cold_build_s"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        gz = Gazetteer(path)
        out["warm_load_s"] = round(time.perf_counter() - t, 4)
        if args.data.exists():
            rows = args.data.read_text("utf-8").splitlines()
            names = sorted({w for r in rows for w in re.findall(r"\b[A-Z][a-z]{3,}(?: [A-Z][a-z]+)?\b", json.loads(r)["text"])})
            t = time.perf_counter()
            for r in rows:
                json.loads(r)
            ref = time.perf_counter() - t
            fresh = Gazetteer(path)
            t = time.perf_counter()
            for nm in names:
                fresh.resolve_name(nm, country="US")
            dt = time.perf_counter() - t
            out["resolutions"] = len(names)
            out["resolutions_per_s"] = round(len(names) / dt)
            out["resolve_vs_json_parse_of_dev_set"] = round(dt / ref, 1)
            misses: list = []
            t = time.perf_counter()
            out["gvdb"] = gvdb_accuracy(args.data, gz, misses)
            out["gvdb_articles_per_s"] = round(out["gvdb"]["articles"] / (time.perf_counter() - t), 1)
            for m in misses[: args.misses]:
                print("MISS", m, file=sys.stderr)
        else:
            out["gvdb"] = f"skipped: {args.data} not found"
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
