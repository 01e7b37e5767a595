"""Golden tests over the five seed reports (read in place from ``../shared/seeds``).

``tests/golden/seed_NNN.json`` holds the expected *facts* of seed NNN, taken
from ``seeds/EXPECTED.md`` (never its sentences): the article totals, the
aggregate checks, the reports a careful analyst reads out as (outcome, best
count, victim group, scope) plus cause / certainty / perpetrator where the
annotation gives them, and figures that must not be read. Where the extractor
differs today, the golden item carries ``"xfail"`` (for the figure) or
``"xfail_context"`` (for cause, certainty, …): the test is a strict xfail, so a
fix turns it red and the entry must go.

``tests/golden/seed_NNN.actual.json`` is a snapshot of the whole current output
(ids, outcomes, counts, groups, scopes, certainties, causes, rules, offsets;
no article words beyond the count as written). ``pytest --regen-golden``
rewrites it, so that a change of behaviour shows up in the diff for review.

Seeds are read the way ``deathtoll extract`` reads a ``.txt`` file (the first
line is the title, not part of the text) and processed by the extractor and
``summarise_article``; the article id is the seed number.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from deathtoll.link.within import summarise_article
from deathtoll.model import ArticleResult, Report

GOLDEN = Path(__file__).parent / "golden"
SEEDS = sorted(p for p in GOLDEN.glob("seed_*.json") if not p.name.endswith(".actual.json"))
_CACHE: dict[str, ArticleResult] = {}


def _golden(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _seed_of(path: Path) -> str:
    return path.stem.split("_", 1)[1]


@pytest.fixture
def result(request, extractor, shared) -> Any:
    """A function seed number -> ArticleResult, computed once per session."""
    from deathtoll.ingest import read_articles

    def get(seed: str) -> ArticleResult:
        if seed not in _CACHE:
            files = sorted((shared / "seeds").glob(f"{seed}_*.txt"))
            if not files:
                pytest.skip(f"seed {seed} is absent from {shared / 'seeds'}")
            art = replace(next(iter(read_articles([files[0]]))), id=seed)
            _CACHE[seed] = summarise_article(art, extractor.extract(art))
        return _CACHE[seed]

    return get


def _in(value: Any, spec: Any) -> bool:
    if spec is None:
        return True
    return value in spec if isinstance(spec, list) else value == spec


def _matches(r: Report, item: dict[str, Any], scope: str | None = "incident") -> bool:
    """Does report ``r`` have the golden item's fields? ``scope`` is the default when
    the item names none (a null scope in the item means any)."""
    return (
        _in(r.outcome, item.get("outcome"))
        and ("best" not in item or _in(r.count.best, item["best"]))
        and _in(r.victims.group, item.get("group"))
        and _in(r.scope, item.get("scope", scope))
        and (not item.get("counted") or (r.count.best or 0) > 0)
    )


def _context_ok(r: Report, item: dict[str, Any]) -> bool:
    perp = r.perpetrator.name if r.perpetrator else None
    if "attribution" in item and item["attribution"].lower() not in (r.attribution or "").lower():
        return False
    return all(_in(v, item[k]) for k, v in (("cause", r.cause), ("certainty", r.certainty), ("perpetrator", perp))
               if k in item)


def _key(item: dict[str, Any]) -> str:
    return json.dumps({k: item.get(k) for k in ("outcome", "best", "group", "scope")}, sort_keys=True)


def _params(kind: str) -> list:
    out = []
    for path in SEEDS:
        gold, seed = _golden(path), _seed_of(path)
        if kind in ("reports", "context"):
            for i, item in enumerate(gold["reports"]):
                if item.get("optional") or (kind == "context" and not {"cause", "certainty", "perpetrator", "attribution"} & set(item)):
                    continue
                reason = item.get("xfail" if kind == "reports" else "xfail_context")
                same = sum(1 for prev in gold["reports"][: i + 1] if _key(prev) == _key(item) and not prev.get("optional"))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                out.append(pytest.param(seed, item, same, marks=marks,
                                        id=f"{seed}-{i}-{item['outcome']}-{item['best']}"))
        elif kind == "absent":
            for i, item in enumerate(gold.get("absent", [])):
                marks = [pytest.mark.xfail(strict=True, reason=item["xfail"])] if item.get("xfail") else []
                out.append(pytest.param(seed, item, marks=marks, id=f"{seed}-{i}"))
        elif kind == "totals":
            for outcome, want in gold["totals"].items():
                reason = gold.get("totals_xfail", {}).get(outcome)
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                out.append(pytest.param(seed, outcome, want, marks=marks, id=f"{seed}-{outcome}"))
        else:
            reason = gold.get(f"{kind}_xfail")
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(seed, gold, marks=marks, id=seed))
    return out


def test_golden_files_are_present():
    # one golden file per seed; the seeds are read in place and never copied
    assert [_seed_of(p) for p in SEEDS] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("seed,outcome,want", _params("totals"))
def test_totals(result, seed, outcome, want):
    got = result(seed).totals[outcome]
    for k, v in want.items():
        assert _in(got[k], v), f"{outcome} {k}: got {got[k]}, want {v} (totals {got})"


@pytest.mark.parametrize("seed,gold", _params("checks"))
def test_checks(result, seed, gold):
    checks = [c for c in result(seed).checks if c.kind == "aggregate"]
    got = {}
    for c in checks:
        (o, stated), = c.stated.items()
        got[o] = {"outcome": o, "status": c.status, "stated": stated["best"], "itemised": c.itemised[o]["best"]}
    for want in gold["checks"]:
        assert got.get(want["outcome"]) == want
    if gold["checks_exact"]:
        assert len(checks) == len(gold["checks"]), got


@pytest.mark.parametrize("seed,item,nth", _params("reports"))
def test_report_is_read(result, seed, item, nth):
    # the nth golden item with these fields needs at least n matching reports
    res = result(seed)
    found = [r for r in res.reports if _matches(r, item)]
    assert len(found) >= nth, [(r.outcome, r.count.best, r.victims.group, r.scope) for r in res.reports
                               if r.outcome == item["outcome"]]


@pytest.mark.parametrize("seed,item,nth", _params("context"))
def test_report_context(result, seed, item, nth):
    found = [r for r in result(seed).reports if _matches(r, item)]
    if not found:
        pytest.skip("the figure itself is not read (see test_report_is_read)")
    assert any(_context_ok(r, item) for r in found), \
        [(r.cause, r.certainty, r.perpetrator.name if r.perpetrator else None, r.attribution) for r in found]


@pytest.mark.parametrize("seed,item", _params("absent"))
def test_figure_is_not_read(result, seed, item):
    bad = [r for r in result(seed).reports if _matches(r, item, scope=None)]
    assert bad == [], [(r.id, r.outcome, r.count.best, r.scope) for r in bad]


@pytest.mark.parametrize("seed,gold", _params("extras"))
def test_no_unexpected_casualty_report(result, seed, gold):
    # every incident-scope killed/wounded figure is one of the golden items (each used once)
    pool = [dict(item) for item in gold["reports"]]
    extra = []
    for r in result(seed).reports:
        if r.scope != "incident" or r.outcome not in ("killed", "wounded") or r.count.best is None:
            continue
        hit = next((i for i, item in enumerate(pool) if _matches(r, item)), None)
        if hit is None:
            extra.append((r.id, r.outcome, r.count.best, r.victims.group))
        else:
            pool.pop(hit)
    assert extra == []


# -- snapshot of the whole output --------------------------------------------------------------


def snapshot(res: ArticleResult) -> dict[str, Any]:
    """The result without the article's words: no title, no evidence sentence, no
    attribution or actor text (the count as written is kept); place and date are
    left out because this test does not run the resolve stage."""
    d = res.to_dict()
    d["article"] = {"id": d["article"]["id"]}
    for r in d["reports"]:
        r["evidence"].pop("sentence")
        for k in ("attribution", "place", "date"):
            r.pop(k)
        if r["perpetrator"]:
            r["perpetrator"].pop("text")
    for inc in d["incidents"]:
        inc.pop("place")
        inc.pop("date")
        if inc["perpetrator"]:
            inc["perpetrator"].pop("text")
    return d


def _dumps(d: dict[str, Any]) -> str:
    """JSON with one report, incident or check per line: small, readable diffs."""
    lines = ["{"]
    keys = list(d)
    for n, k in enumerate(keys):
        end = "," if n < len(keys) - 1 else ""
        v = d[k]
        if isinstance(v, list) and v:
            items = [json.dumps(x, ensure_ascii=False) for x in v]
            lines.append(f' "{k}": [')
            lines.extend(f"  {x}," for x in items[:-1])
            lines.append(f"  {items[-1]}")
            lines.append(f" ]{end}")
        else:
            lines.append(f' "{k}": {json.dumps(v, ensure_ascii=False)}{end}')
    lines.append("}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", [_seed_of(p) for p in SEEDS])
def test_snapshot(result, regen_golden, seed):
    path = GOLDEN / f"seed_{seed}.actual.json"
    current = snapshot(result(seed))
    if regen_golden:
        path.write_text(_dumps(current), encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run `pytest tests/test_seeds.py --regen-golden` and review the diff")
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert current == stored, (f"seed {seed}: output differs from {path.name}; if the change is intended, "
                               f"run `pytest tests/test_seeds.py --regen-golden` and review the diff")


def test_snapshot_holds_no_article_sentence(shared):
    # the snapshots must not copy seed sentences: no run of 9 words shared with a seed
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    runs = set()
    for t in texts:
        words = t.lower().split()
        runs.update(" ".join(words[i:i + 9]) for i in range(len(words) - 8))
    for path in GOLDEN.glob("*.json"):
        words = path.read_text(encoding="utf-8").lower().split()
        assert not any(" ".join(words[i:i + 9]) in runs for i in range(len(words) - 8)), path.name
