"""Score deathtoll's per-article totals against a gold file of killed/wounded counts.

``evaluate(path, ...)`` reads a JSONL file with one annotated article per line,
runs extraction on each text, and compares the article's ``totals`` with the
gold figures: exact match overall, on gold > 0, the false-positive rate on
gold = 0, and within ±20%. The errors (text, gold, predicted, evidence) can be
written to a JSONL file for study.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from deathtoll.errors import InputError
from deathtoll.model import Article, ArticleResult
from deathtoll.options import Options

OUTCOMES = ("killed", "wounded")


@dataclass
class OutcomeScore:
    n: int = 0
    exact: int = 0
    positive: int = 0
    positive_exact: int = 0
    zero: int = 0
    zero_false_positive: int = 0
    within20: int = 0

    def add(self, gold: int, pred: int) -> None:
        self.n += 1
        self.exact += gold == pred
        self.within20 += abs(pred - gold) <= 0.2 * gold if gold else pred == 0
        if gold > 0:
            self.positive += 1
            self.positive_exact += gold == pred
        else:
            self.zero += 1
            self.zero_false_positive += pred > 0

    def to_dict(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "n": self.n,
            "exact": ratio(self.exact, self.n),
            "exact_on_gold_positive": ratio(self.positive_exact, self.positive),
            "false_positive_rate_on_gold_zero": ratio(self.zero_false_positive, self.zero),
            "within_20_percent": ratio(self.within20, self.n),
        }


@dataclass
class Evaluation:
    scores: dict[str, OutcomeScore] = field(default_factory=lambda: {o: OutcomeScore() for o in OUTCOMES})
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {o: s.to_dict() for o, s in self.scores.items()} | {"errors": len(self.errors), "skipped": len(self.skipped)}


def _gold_rows(path: Path, text_field: str, fields: dict[str, str], id_field: str | None) -> Iterator[tuple[Article, dict[str, int]] | InputError]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(str(path), f"invalid JSON: {exc.msg}", line=n)
                continue
            text = row.get(text_field)
            if not isinstance(text, str) or not text.strip():
                yield InputError(str(path), f"no text in field {text_field!r}", line=n)
                continue
            gold: dict[str, int] = {}
            try:
                for outcome, fname in fields.items():
                    gold[outcome] = int(_dig(row, fname))
            except (KeyError, TypeError, ValueError):
                yield InputError(str(path), f"missing or non-integer gold field {fname!r}", line=n)
                continue
            aid = str(row.get(id_field) if id_field and row.get(id_field) is not None else f"{path.name}:{n}")
            yield Article(id=aid, text=text, title=row.get("title"), origin=f"{path}:{n}"), gold


def _dig(row: dict, dotted: str) -> Any:
    cur: Any = row
    for part in dotted.split("."):
        cur = cur[part]
    return cur


def evaluate(
    path: str | Path,
    *,
    text_field: str = "text",
    killed_field: str = "killed",
    wounded_field: str = "wounded",
    id_field: str | None = None,
    options: Options | None = None,
    process: Callable[[Article], ArticleResult] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Evaluation:
    """Run extraction over a gold JSONL file and score the per-article totals.

    Field names may be dotted paths (``gold.killed``). ``process`` defaults to the
    full pipeline's per-article step.
    """
    from deathtoll.pipeline import Pipeline

    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    if process is None:
        process = Pipeline(options or Options()).process
    ev = Evaluation()
    fields = {"killed": killed_field, "wounded": wounded_field}
    for i, item in enumerate(_gold_rows(path, text_field, fields, id_field), 1):
        if isinstance(item, InputError):
            ev.skipped.append(str(item))
            continue
        article, gold = item
        result = process(article)
        pred = {o: result.totals[o]["best"] for o in OUTCOMES}
        for o in OUTCOMES:
            ev.scores[o].add(gold[o], pred[o])
        if pred != gold:
            ev.errors.append({
                "id": article.id,
                "gold": gold,
                "predicted": pred,
                "text": article.text,
                "reports": [
                    {"outcome": r.outcome, "count": r.count.to_dict(), "scope": r.scope, "certainty": r.certainty,
                     "incident": r.incident, "sentence": r.evidence.sentence, "rules": list(r.evidence.rules)}
                    for r in result.reports
                ],
            })
        if on_progress:
            on_progress(i)
    return ev


def write_errors(ev: Evaluation, path: str | Path) -> None:
    """Write each mis-scored article, with its reports and their evidence, as JSONL."""
    with open(path, "w", encoding="utf-8") as fh:
        for e in ev.errors:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
