"""Throughput and memory of casualty extraction.

Measures what ``deathtoll extract`` does per article (``Extractor.extract_many``
+ ``summarise_article``) over a corpus built in memory by cycling and lightly
varying the dev texts in ``../shared/data`` (gvdb_dev.jsonl, gva_dev.jsonl;
nothing is written to disk), next to a bare ``nlp.pipe`` full parse of the
same texts with the same model in the same run. The pre-filter should make
extraction at least 1.5x faster than the full parse.

``--stream N`` instead streams N generated articles through extraction (never
holding the corpus) and reports the peak resident memory (target < 600 MB).

Examples:
    python bench/throughput.py --n 1000
    python bench/throughput.py --stream 50000
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import sys
import time
from pathlib import Path
from typing import Iterator

from deathtoll.extract import Extractor
from deathtoll.link.within import summarise_article
from deathtoll.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SOURCES = ("gvdb_dev.jsonl", "gva_dev.jsonl")
TARGET_RATIO = 1.5
TARGET_RSS_MB = 600
_NUMBER = re.compile(r"\b\d{1,3}\b")


def load_texts(data: Path) -> list[str]:
    """The article texts of the dev files, in file order."""
    texts: list[str] = []
    for name in SOURCES:
        path = data / name
        if not path.exists():
            raise SystemExit(f"{path}: not found (the bench reads the dev data in place)")
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line).get("text") or ""
                    if text.strip():
                        texts.append(text)
    return texts


def vary(text: str, i: int) -> str:
    """A light, deterministic variant of a text: paragraphs rotated, small numbers shifted."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    k = i % len(paras) if paras else 0
    paras = paras[k:] + paras[:k]
    shift = i % 7
    return _NUMBER.sub(lambda m: str(int(m.group(0)) + shift), "\n\n".join(paras))


def corpus(texts: list[str], n: int) -> Iterator[Article]:
    """``n`` articles cycling over ``texts``; each pass varies them differently."""
    for i, text in zip(range(n), itertools.cycle(texts)):
        yield Article(id=f"b{i}", text=vary(text, i // len(texts)) if i >= len(texts) else text)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss is KB on Linux)."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def run_extraction(extractor: Extractor, articles: list[Article] | Iterator[Article]) -> tuple[int, int, int, float, float]:
    """Articles, bytes and reports processed, and the wall and CPU seconds taken."""
    n = size = reports = 0
    start, cpu = time.perf_counter(), time.process_time()
    source, feed = itertools.tee(articles)
    for art, found in zip(source, extractor.extract_many(feed)):
        result = summarise_article(art, found)
        n += 1
        size += len(art.text.encode("utf-8"))
        reports += len(result.reports)
    return n, size, reports, time.perf_counter() - start, time.process_time() - cpu


def run_full_parse(extractor: Extractor, texts: list[str], batch_size: int) -> tuple[int, int, float, float]:
    """A bare full parse of every text with the same model (the component switched off)."""
    nlp = extractor.nlp
    size = sum(len(t.encode("utf-8")) for t in texts)
    start, cpu = time.perf_counter(), time.process_time()
    with nlp.select_pipes(disable=["deathtoll_casualties"]):
        n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))
    return n, size, time.perf_counter() - start, time.process_time() - cpu


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def throughput(extractor: Extractor, texts: list[str], n: int, batch_size: int) -> None:
    articles = list(corpus(texts, n))
    # warm up both paths on a few articles so model loading and first-call costs are not timed
    run_extraction(extractor, articles[:20])
    run_full_parse(extractor, [a.text for a in articles[:20]], batch_size)
    en, esize, reports, esec, ecpu = run_extraction(extractor, articles)
    pn, psize, psec, pcpu = run_full_parse(extractor, [a.text for a in articles], batch_size)
    e_rate, p_rate = en / esec, pn / psec
    ratio, cpu_ratio = e_rate / p_rate, (en / ecpu) / (pn / pcpu)
    print(table([
        ("run", "articles", "MB", "seconds", "CPU s", "articles/s", "MB/s"),
        ("extract + summarise", str(en), f"{esize / 1e6:.1f}", f"{esec:.1f}", f"{ecpu:.1f}", f"{e_rate:.1f}",
         f"{esize / 1e6 / esec:.3f}"),
        ("nlp.pipe full parse", str(pn), f"{psize / 1e6:.1f}", f"{psec:.1f}", f"{pcpu:.1f}", f"{p_rate:.1f}",
         f"{psize / 1e6 / psec:.3f}"),
    ]))
    # on a shared machine the wall clock of the two runs sees different loads; the CPU time each
    # run spent is what the code costs, so the verdict is on the CPU-time ratio
    verdict = "meets" if cpu_ratio >= TARGET_RATIO else "BELOW"
    print(f"\nratio extraction / full parse: {cpu_ratio:.2f}x by CPU time ({verdict} the {TARGET_RATIO}x target), "
          f"{ratio:.2f}x by wall clock; {reports} reports; peak RSS {peak_rss_mb():.0f} MB")


def stream(extractor: Extractor, texts: list[str], n: int) -> None:
    before = peak_rss_mb()
    en, esize, reports, esec, _ = run_extraction(extractor, corpus(texts, n))
    peak = peak_rss_mb()
    verdict = "meets" if peak < TARGET_RSS_MB else "ABOVE"
    print(table([
        ("stream", "articles", "MB", "seconds", "articles/s", "MB/s", "peak RSS MB"),
        ("extract + summarise", str(en), f"{esize / 1e6:.1f}", f"{esec:.1f}", f"{en / esec:.1f}",
         f"{esize / 1e6 / esec:.3f}", f"{peak:.0f}"),
    ]))
    print(f"\npeak RSS {peak:.0f} MB ({verdict} the {TARGET_RSS_MB} MB target; {before:.0f} MB after loading); "
          f"{reports} reports")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="articles in the in-memory corpus (default 10000)")
    ap.add_argument("--stream", type=int, metavar="N", help="stream N articles through extraction and report peak RSS")
    ap.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size of the full-parse reference")
    ap.add_argument("--data", type=Path, default=DATA, help=f"folder of the dev files (default {DATA})")
    args = ap.parse_args(argv)
    texts = load_texts(args.data)
    extractor = Extractor()
    print(f"{len(texts)} source texts from {', '.join(SOURCES)}; model {extractor.nlp.meta.get('lang')}_"
          f"{extractor.nlp.meta.get('name')} {extractor.nlp.meta.get('version')}\n")
    if args.stream:
        stream(extractor, texts, args.stream)
    else:
        throughput(extractor, texts, args.n, args.batch_size)


if __name__ == "__main__":
    main()
