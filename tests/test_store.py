"""The SQLite store on real files: round trips, replacement, atomicity, queries."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from deathtoll.errors import StoreError
from deathtoll.model import Incident
from deathtoll.store import open_store
from deathtoll.store.migrations import MIGRATIONS

from factories import article, synthetic_result

TWO_INCIDENTS = ("Night fell.\n\n4 civilians were killed and 2 were wounded in Eastford by airstrike. "
                 "Later 3 soldiers were killed in Westbury by gunfire. In all, 7 were killed.")
ONE_INCIDENT = "Night fell.\n\n5 fighters were killed in Nowhereville."


@pytest.fixture
def db(tmp_path):
    store = open_store(tmp_path / "t.db")
    yield store
    store.close()


def test_new_database_records_its_migrations(tmp_path):
    path = tmp_path / "m.db"
    with open_store(path) as store:
        first = store.migrations()
    assert [name for name, _ in first] == [name for name, _ in MIGRATIONS]
    assert all(applied for _, applied in first)
    with open_store(f"sqlite:///{path}") as store:  # reopening applies nothing again
        assert store.migrations() == first
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO migrations VALUES ('9999_future', '2030-01-01')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match=r"newer deathtoll \(migrations 9999_future\)"):
        open_store(path)


@pytest.mark.parametrize("target, message", [
    # a PostgreSQL URL: the backend is planned, not built
    ("postgresql://user:secret@host/db", "PostgreSQL backend is not built yet"),
    # an unknown scheme
    ("mysql://host/db", "unsupported database URL: mysql://"),
    # an empty sqlite URL
    ("sqlite:///", "empty database path"),
])
def test_open_store_refuses_urls(target, message):
    with pytest.raises(StoreError, match=message) as info:
        open_store(target)
    assert "secret" not in str(info.value)


def test_open_store_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not tables\n" * 200)
    with pytest.raises(StoreError, match="not a deathtoll database"):
        open_store(path)


def test_open_store_refuses_a_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "x.db")


def test_round_trip_keeps_every_field(db):
    res = synthetic_result(article("a1", TWO_INCIDENTS, url="https://example.org/a1", author="R. Writer"))
    assert len(res.reports) == 3 and len(res.incidents) == 2 and len(res.checks) == 1
    db.save_batch(None, [res], [])
    back = db.article("a1")
    assert back.to_dict() == res.to_dict()
    assert back.article == res.article  # text, author, url, published, language
    assert back.reports == res.reports
    assert back.incidents == res.incidents


def test_saving_the_same_batch_twice_adds_nothing(db):
    batch = [synthetic_result(article("a1", TWO_INCIDENTS)), synthetic_result(article("a2", ONE_INCIDENT))]
    db.save_batch(None, batch, [])
    before = db.counts()
    db.save_batch(None, batch, [])
    assert db.counts() == before
    assert before["articles"] == 2 and before["reports"] == 4 and before["incidents"] == 3


def test_changed_article_replaces_only_its_own_rows(db):
    db.save_batch(None, [synthetic_result(article("a1", TWO_INCIDENTS)),
                         synthetic_result(article("a2", ONE_INCIDENT))], [])
    a2_before = db.article("a2")
    changed = synthetic_result(article("a1", "Update.\n\n9 people were killed in Westbury."))
    db.save_batch(None, [changed], [])
    counts = db.counts()
    assert counts["articles"] == 2
    assert counts["reports"] == 2  # a1: 1 (was 3), a2: 1
    assert counts["incidents"] == 2
    assert counts["checks"] == 0  # a1's aggregate check went with its old text
    assert db.article("a1").to_dict() == changed.to_dict()
    assert db.article("a2") == a2_before
    assert db.incident("a1/1") is None


def test_copies_are_stored_without_reports(db):
    original = article("a1", TWO_INCIDENTS)
    copy = replace(article("c1", TWO_INCIDENTS + " Wire copy.", source="Other Daily"), copy_of="a1")
    db.save_batch(None, [synthetic_result(original)], [copy])
    got = db.article("c1")
    assert got.article.copy_of == "a1" and got.reports == () and got.incidents == ()
    assert [aid for aid, _ in db.iter_article_texts()] == ["a1"]


def test_a_failing_batch_stores_nothing(db):
    good = synthetic_result(article("a1", TWO_INCIDENTS))
    bad = synthetic_result(article("a2", ONE_INCIDENT))
    broken = replace(bad, incidents=(replace(bad.incidents[0], reports=("a2#0", "zz#9")),))
    with pytest.raises(StoreError, match="incident a2/0 lists unknown report zz#9"):
        db.save_batch(None, [good, broken], [])
    assert db.counts()["articles"] == 0 and db.counts()["reports"] == 0
    db.save_batch(None, [good], [])  # the store is still usable
    assert db.counts()["articles"] == 1


def test_duplicate_report_ids_are_refused(db):
    res = synthetic_result(article("a1", TWO_INCIDENTS))
    doubled = replace(res, reports=res.reports + res.reports[:1])
    with pytest.raises(StoreError, match="report id a1#0 is used twice"):
        db.save_batch(None, [doubled], [])


def test_runs_are_recorded(db, tmp_path):
    run = db.start_run({"workers": 1, "batch_size": 5})
    db.finish_run(run, {"articles_read": 3})
    con = sqlite3.connect(tmp_path / "t.db")
    started, finished, options, summary = con.execute(
        "SELECT started, finished, options, summary FROM runs WHERE id = ?", (run,)).fetchone()
    con.close()
    assert started <= finished and '"batch_size":5' in options and '"articles_read":3' in summary


def _filled(db):
    texts = {
        "a1": ("4 civilians were killed in Eastford by airstrike.", date(2017, 1, 10)),
        "a2": ("6 soldiers were killed and 2 were wounded in Westbury by shelling.", date(2017, 2, 20)),
        "a3": ("5 fighters were killed in Nowhereville.", date(2017, 3, 30)),
        "a4": ("2 people were killed in Eastford by gunfire.", None),
    }
    db.save_batch(None, [synthetic_result(article(k, t, published=d)) for k, (t, d) in texts.items()], [])


@pytest.mark.parametrize("filters, expected", [
    # no filter: dated incidents first, by date, then undated
    ({}, ["a1/0", "a2/0", "a3/0", "a4/0"]),
    # since: date range must end on or after it; undated left out
    ({"since": date(2017, 2, 1)}, ["a2/0", "a3/0"]),
    # until: date range must start on or before it
    ({"until": date(2017, 2, 20)}, ["a1/0", "a2/0"]),
    # both bounds
    ({"since": date(2017, 2, 1), "until": date(2017, 2, 28)}, ["a2/0"]),
    # place: case-insensitive substring of the place name
    ({"place": "eastf"}, ["a1/0", "a4/0"]),
    # place: first-level admin name
    ({"place": "central"}, ["a2/0"]),
    # place: exact country code matches every placed incident
    ({"place": "iq"}, ["a1/0", "a2/0", "a4/0"]),
    # place: LIKE wildcards are taken literally
    ({"place": "%"}, []),
    # victim group
    ({"group": "security_forces"}, ["a2/0"]),
    # outcome
    ({"outcome": "wounded"}, ["a2/0"]),
    # group and outcome must hold on the same tally
    ({"group": "civilian", "outcome": "wounded"}, []),
    # limit keeps the earliest
    ({"limit": 2}, ["a1/0", "a2/0"]),
])
def test_incident_filters(db, filters, expected):
    _filled(db)
    assert [i.id for i in db.incidents(**filters)] == expected


def test_incident_and_its_sourced_reports(db):
    _filled(db)
    inc = db.incident("a2/0")
    assert isinstance(inc, Incident)
    assert inc.reports == ("a2#0", "a2#1")
    assert inc.tally("killed") == (6, 6, 6) and inc.tally("wounded") == (2, 2, 2)
    sourced = db.reports_for("a2/0")
    assert [s.report.id for s in sourced] == ["a2#0", "a2#1"]
    assert sourced[0].article.source == "Example Wire"
    assert sourced[0].article.published == date(2017, 2, 20)
    assert sourced[0].report.incident == "a2/0"
    assert sourced[0].report.evidence.sentence.startswith("6 soldiers")
    assert db.incident("zz/0") is None and db.reports_for("zz/0") == []


def test_checks_keep_their_article(db):
    db.save_batch(None, [synthetic_result(article("a1", TWO_INCIDENTS)),
                         synthetic_result(article("a2", ONE_INCIDENT + " In all, 9 were killed."))], [])
    found = db.checks()
    assert [(c.article_id, c.check.status) for c in found] == [("a1", "match"), ("a2", "mismatch")]
    assert found[1].check.stated == {"killed": {"low": 9, "best": 9, "high": 9}}
    assert found[1].check.itemised == {"killed": {"low": 5, "best": 5, "high": 5}}
    assert [c.article_id for c in db.checks(article_id="a2")] == ["a2"]


def test_unknown_article_is_none(db):
    assert db.article("nope") is None and db.stored_hash("nope") is None


def test_stored_link_items_carry_the_lead_the_fresh_ones_do(db):
    # an incremental run reads the article's opening from the store: the same as a fresh run
    from deathtoll.link.items import items_from_result

    res = synthetic_result(article("a1", TWO_INCIDENTS))
    db.save_batch(None, [res], [])
    fresh = {it.incident.id: it.lead for it in items_from_result(res)}
    stored = {it.incident.id: it.lead for it in db.link_items()}
    assert stored == fresh and any(fresh.values())
