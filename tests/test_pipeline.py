"""The runner: batches, re-runs, copies, failures, workers, streaming without a store."""

from __future__ import annotations

from dataclasses import replace

import pytest

import deathtoll.extract
from deathtoll.errors import ConfigError, InputError
from deathtoll.model import ArticleResult
from deathtoll.options import Options
from deathtoll.pipeline import Pipeline, RunSummary
from deathtoll.store import open_store

from factories import FakePipeline, article, corpus, synthetic_result, write_jsonl


class RecordingStore:
    """A real store that remembers the size of every batch it was given."""

    def __init__(self, store):
        self._store = store
        self.batches: list[tuple[int, int]] = []

    def save_batch(self, run_id, results, copies):
        self.batches.append((len(results), len(copies)))
        self._store.save_batch(run_id, results, copies)

    def __getattr__(self, name):
        return getattr(self._store, name)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "run.db")
    yield s
    s.close()


def _run(store, articles, **options):
    return FakePipeline(Options(**options)).run_articles(articles, store=store, progress=False)


def test_run_stores_everything_in_batches(store):
    rec = RecordingStore(store)
    summary = _run(rec, corpus(30), batch_size=7)
    assert rec.batches == [(7, 0), (7, 0), (7, 0), (7, 0), (2, 0)]
    assert (summary.articles_read, summary.extracted, summary.reports, summary.incidents) == (30, 30, 60, 30)
    assert summary.status == "ok" and summary.failed == 0
    counts = store.counts()
    # 30 article incidents, and one linked incident each (the toy articles tell different events)
    assert (counts["articles"], counts["reports"], counts["incidents"], counts["incident_members"]) == (30, 60, 60, 30)


def test_rerun_adds_nothing_and_extracts_nothing(store, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", corpus(12))
    pipe = FakePipeline(Options(batch_size=5))
    first = pipe.run([path], store=store, progress=False)
    before = store.counts()
    second = pipe.run([path], store=store, progress=False)
    after = store.counts()
    assert first.extracted == 12
    assert (second.unchanged, second.extracted, second.articles_read) == (12, 0, 12)
    assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in before.items() if k != "runs"}
    assert after["runs"] == before["runs"] + 1


def test_changed_article_is_read_again(store):
    arts = corpus(5)
    _run(store, arts)
    edited = replace(arts[2], text=arts[2].text.replace("civilians were killed", "soldiers were killed"))
    summary = _run(store, arts[:2] + [edited] + arts[3:])
    assert (summary.unchanged, summary.extracted) == (4, 1)
    assert store.article(arts[2].id).reports[0].victims.group == "security_forces"
    assert store.counts()["articles"] == 5


def test_near_copy_is_stored_as_copy_without_reports(store):
    original = corpus(1)[0]
    wire = replace(original, id="wire1", title="Another headline", source="Other Daily",
                   text=original.text + " Reporting by staff.")
    summary = _run(store, [original, wire])
    assert (summary.extracted, summary.copies) == (1, 1)
    got = store.article("wire1")
    assert got.article.copy_of == original.id and got.reports == ()
    again = _run(store, [original, wire])
    assert (again.unchanged, again.copies, again.extracted) == (2, 0, 0)


@pytest.mark.parametrize("seed_limit", [
    20_000,  # small store: duplicate detection is seeded with the stored texts
    0,       # seeding skipped: unchanged articles read in the run still count
])
def test_copy_of_an_article_stored_by_an_earlier_run(store, seed_limit):
    original = corpus(1)[0]
    _run(store, [original])
    wire = replace(original, id="wire1", text=original.text + " More later.")
    summary = _run(store, [original, wire], extra={"dedup_seed_limit": seed_limit})
    assert (summary.unchanged, summary.copies) == (1, 1)
    assert store.article("wire1").article.copy_of == original.id


def test_copy_of_a_stored_article_found_by_seeding_alone(store):
    original = corpus(1)[0]
    _run(store, [original])
    wire = replace(original, id="wire1", text=original.text + " More later.")
    assert _run(store, [wire]).copies == 1


def test_repeated_id_same_content_is_counted_once(store):
    a = corpus(1)[0]
    summary = _run(store, [a, a])
    assert (summary.extracted, summary.copies, summary.failed) == (1, 1, 0)
    assert store.counts()["articles"] == 1


def test_repeated_id_other_content_is_refused(store):
    a = replace(corpus(1)[0], origin="f.jsonl:1")
    b = replace(corpus(2)[1], id=a.id, origin="f.jsonl:2")
    summary = _run(store, [a, b])
    assert summary.skipped == [("f.jsonl:2", f"article id '{a.id}' was already read from f.jsonl:1")]
    assert summary.status == "partial"
    assert store.article(a.id).article.text == a.text


def test_malformed_line_is_skipped_and_named(store, tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", corpus(3))
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:1] + ['{"id": "x", "text": '] + lines[1:]) + "\n")
    errors: list[InputError] = []
    summary = FakePipeline(Options()).run([path], store=store, on_error=errors.append, progress=False)
    assert [(e.path, e.line) for e in errors] == [(str(path), 2)]
    assert summary.skipped[0][0] == f"{path}:2"
    assert (summary.extracted, summary.failed, summary.status) == (3, 1, "partial")
    assert store.counts()["articles"] == 3


def test_an_article_that_breaks_the_reader_is_reported(store):
    arts = corpus(3)
    arts[1] = replace(arts[1], text=arts[1].text + " FAIL-ME", origin="in.jsonl:2")
    summary = _run(store, arts)
    assert summary.skipped == [("in.jsonl:2", "internal error: ValueError: toy reader refuses this article")]
    assert summary.extracted == 2 and store.stored_hash(arts[1].id) is None


@pytest.mark.parametrize("make_paths", [
    lambda tmp: [tmp / "missing.jsonl"],  # a missing file
    lambda tmp: [tmp],                    # a folder with no articles
])
def test_nothing_to_read_is_a_failed_run(store, tmp_path, make_paths):
    summary = FakePipeline(Options()).run(make_paths(tmp_path), store=store, progress=False)
    assert summary.status == "failed" and summary.articles_read == 0


def test_two_workers_store_the_same_rows_as_one(tmp_path):
    arts = corpus(41)
    arts[5] = replace(arts[5], text=arts[5].text + " FAIL-ME")
    arts.append(replace(arts[3], id="wire3", text=arts[3].text + " Wire."))
    dumps = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as s:
            summary = _run(s, arts, workers=workers, batch_size=6)
            ids = [aid for aid, _ in s.iter_article_texts()]
            dumps.append((summary.extracted, summary.copies, summary.failed, s.counts(), ids,
                          [s.article(a.id) for a in arts]))
    assert dumps[0] == dumps[1]
    assert dumps[0][:3] == (40, 1, 1)


def test_summary_to_dict():
    s = RunSummary(articles_read=2, extracted=1)
    s.add_error(InputError("f.jsonl", "invalid JSON", line=4))
    d = s.to_dict()
    assert d["skipped"] == [{"where": "f.jsonl:4", "reason": "invalid JSON"}]
    assert (d["failed"], d["status"]) == (1, "partial")


def test_progress_goes_to_stderr_only(store, capsys):
    FakePipeline(Options()).run_articles(corpus(3), store=store, progress=True)
    out, _ = capsys.readouterr()
    assert out == ""


def test_process_loads_the_model_once(monkeypatch):
    calls, sentinel = [], object()
    monkeypatch.setattr(deathtoll.extract, "load_nlp", lambda options=None: calls.append(1) or sentinel)

    def fake_extract(art, nlp, options):
        assert nlp is sentinel
        return []

    monkeypatch.setattr(deathtoll.extract, "extract_reports", fake_extract)
    pipe = Pipeline(Options())
    results = [pipe.process(article(f"p{i}")) for i in range(3)]
    assert len(calls) == 1
    assert all(isinstance(r, ArticleResult) for r in results)
    assert [r.article.id for r in results] == ["p0", "p1", "p2"]


def test_extract_streams_in_order_without_a_store(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", corpus(4))
    results = list(FakePipeline(Options()).extract([path]))
    assert [r.article.id for r in results] == [a.id for a in corpus(4)]
    assert results[0].to_dict() == synthetic_result(results[0].article).to_dict()


def test_extract_raises_without_error_handler(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(FakePipeline(Options()).extract([tmp_path / "gone.txt"]))


@pytest.mark.parametrize("workers", [
    1,  # in the main process
    2,  # in worker processes: reported back, not respawned forever
])
def test_a_broken_setup_stops_the_run(store, monkeypatch, workers):
    def no_model(options=None):
        raise ConfigError("spaCy model 'xx' is not installed")

    monkeypatch.setattr(deathtoll.extract, "load_nlp", no_model)
    with pytest.raises(ConfigError, match="spaCy model 'xx' is not installed"):
        Pipeline(Options(workers=workers)).run_articles(corpus(3), store=store, progress=False)
    assert store.counts()["articles"] == 0
