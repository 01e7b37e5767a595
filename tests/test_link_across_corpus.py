"""Linking measured on corpora: the synthetic multi-outlet corpus and, when present, the GVA dev data."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from deathtoll.errors import InputError
from deathtoll.link.across import link_incidents
from deathtoll.link.annotated import (article_pairs, gold_pairs, groups_to_pairs, incident_pairs, pair_scores,
                                      read_annotated)
from deathtoll.link.checks_store import store_checks
from deathtoll.link.items import LinkItem, items_from_result
from deathtoll.model import Count, DateRange, Evidence, Incident, Place, Report, Victims

CORPUS = Path(__file__).parent / "fixtures" / "multi_outlet" / "corpus.yaml"
GVA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gva_dev.jsonl"


@pytest.fixture(scope="module")
def corpus():
    return read_annotated(CORPUS)


@pytest.fixture(scope="module")
def items(corpus):
    return [it for a in corpus for it in items_from_result(a.result)]


@pytest.fixture(scope="module")
def events(corpus):
    return {inc: ev for a in corpus for inc, ev in a.events.items()}


def test_every_event_of_the_corpus_becomes_exactly_one_incident(items, events):
    result = link_incidents(items)
    scores = pair_scores(incident_pairs(result), gold_pairs(events))
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0, scores
    assert len(result.incidents) == len(set(events.values()))


@pytest.mark.parametrize("event, sources, status, killed", [
    ("market-bomb", 3, "corroborated", (10, 12, 14)),  # three outlets, overlapping figures
    ("karrada-bomb", 2, "corroborated", (7, 9, 9)),  # the toll rose to 9 in a follow-up
    ("kirkuk-ied", 1, "single-source", (3, 3, 3)),  # a wire story, a copy and a reprint
    ("tikrit-strike", 2, "conflicting", (4, 15, 15)),  # 4 against 15 on the same day
    ("zanjili-sniper", 3, "corroborated", (1, 1, 1)),  # told at neighbourhood and province level
])
def test_reconciled_corpus_events(items, events, event, sources, status, killed):
    result = link_incidents(items)
    members = [inc for inc, ev in events.items() if ev == event]
    inc = result.incident(members[0])
    assert set(result.members[inc.id]) == set(members)
    assert (inc.sources, inc.status, inc.tally("killed")) == (sources, status, killed)


def test_round_up_totals_are_checked_against_the_linked_incidents(corpus, items):
    result = link_incidents(items)
    reports = [r for a in corpus for r in a.result.reports]
    checks = {c.reports[0].split("#")[0]: c for c in store_checks(result.incidents, reports) if c.kind == "aggregate"}
    assert set(checks) == {"im-501", "im-601"}
    assert checks["im-501"].status == "mismatch"  # 23 stated, 6 + 9 + 2 + 4 = 21 itemised
    assert checks["im-501"].itemised == {"killed": 21}
    assert checks["im-601"].status == "match"  # at least 8 stated; 3 + 5, and 2 more in eastern Mosul makes 10
    assert checks["im-601"].itemised == {"killed": 10}


def test_linking_the_corpus_in_two_batches_gives_the_one_batch_result(items):
    cut = date(2017, 3, 12)
    first = [it for it in items if it.published < cut]
    second = [it for it in items if it.published >= cut]
    early = link_incidents(first)
    stored = [replace(it, linked=early.assignments[it.id]) for it in first]
    later = link_incidents(second, existing=stored)
    whole = link_incidents(items)
    assert {frozenset(m) for m in later.members.values()} == {frozenset(m) for m in whole.members.values()}
    assert {inc.id for inc in later.incidents} == {inc.id for inc in whole.incidents}


def test_article_level_pairs_count_articles_sharing_any_incident(corpus, items):
    result = link_incidents(items)
    by_event: dict[str, set[str]] = {}
    for a in corpus:
        for ev in a.events.values():
            by_event.setdefault(ev, set()).add(a.article.id)
    scores = pair_scores(article_pairs(result, items), groups_to_pairs(by_event.values()))
    assert (scores["precision"], scores["recall"]) == (1.0, 1.0)
    assert ("bh-201", "sc-201") in article_pairs(result, items)  # bh-201's second incident


@pytest.mark.parametrize("bad, message", [
    ("articles:\n- id: x\n  text: A short text.\n  incidents:\n  - reports:\n    - {sentence: Not there.}\n",
     "report sentence not found in the text of x"),  # the evidence must come from the article
    ("articles:\n- id: x\n  text: Two died.\n  incidents:\n  - reports:\n    - {sentence: Two died., place: atlantis}\n",
     "unknown place 'atlantis' in x"),  # places must be declared
    ("articles: [\n", "cannot read annotated corpus"),  # broken YAML
])
def test_annotated_corpus_errors_name_the_file(tmp_path, bad, message):
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_annotated(path)
    assert str(err.value).startswith(str(path))


def _gva_item(row: dict) -> LinkItem:
    """One article incident from the GVA gold fields: the day, the city at the gold point, the counts, the lead."""
    aid = row["doc_id"]
    gold = row["gold"]
    day = datetime.strptime(gold["date"], "%B %d, %Y").date()
    place = Place(gold["city_or_county"], None, round(gold["lat"], 1), round(gold["lon"], 1), gold["state"], "US",
                  "town")
    lead = " ".join([row.get("title") or ""] + [p for p in row["text"].split("\n") if len(p) > 40][:2])
    reports = tuple(
        Report(f"{aid}#{k}", outcome, Count.exact(n), Victims("unknown"), Evidence(lead, 0, 0, 0, len(lead)),
               cause="gunfire", place=place, date=DateRange(day, day, "day"), incident=f"{aid}/0")
        for k, (outcome, n) in enumerate((("killed", gold["killed"]), ("wounded", gold["injured"]))))
    inc = Incident(f"{aid}/0", place, DateRange(day, day, "day"), "gunfire", reports=tuple(r.id for r in reports))
    return LinkItem(inc, reports, row["url"].split("/")[7] if row["url"].count("/") > 7 else row["url"],
                    date.fromisoformat(row["published"]), title=row.get("title"))


@pytest.mark.slow
def test_gva_dev_linking_from_gold_fields_meets_the_floor():
    if not GVA.exists():
        pytest.skip(f"{GVA} not present")
    rows = [json.loads(line) for line in GVA.open(encoding="utf-8")]
    rows = list({r["doc_id"]: r for r in rows}.values())
    items = [_gva_item(r) for r in rows if r["gold"].get("lat") is not None]
    result = link_incidents(items)
    gold: dict[str, list[str]] = {}
    for r in rows:
        gold.setdefault(r["incident_id"], []).append(r["doc_id"])
    scores = pair_scores(article_pairs(result, items), groups_to_pairs(gold.values()))
    assert scores["precision"] >= 0.95 and scores["recall"] >= 0.85, scores
