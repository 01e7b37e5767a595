"""Record readers: JSON Lines and CSV/TSV, their field aliases and their per-line errors."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from deathtoll.errors import InputError
from deathtoll.ingest import read_articles
from deathtoll.ingest.decode import SAMPLE_BYTES

BODY = "A roadside bomb hit a minibus near Samarra on Tuesday, killing four passengers, police said."


def read(*paths):
    """All articles and errors of one call."""
    errors: list[InputError] = []
    articles = list(read_articles([str(p) for p in paths], on_error=errors.append))
    return articles, errors


# --- JSON Lines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "record, field, expected",
    [
        # canonical field names
        ({"id": "a1", "text": "t", "published": "2017-03-04"}, "published", date(2017, 3, 4)),
        # article_id, the name the GVDB dev data uses
        ({"article_id": 77, "text": "t"}, "id", "77"),
        # doc_id, the name the GVA dev data uses
        ({"doc_id": "d9", "text": "t"}, "id", "d9"),
        # date for published, written out in words
        ({"text": "t", "date": "March 5, 2017"}, "published", date(2017, 3, 5)),
        # body for text
        ({"body": "the body", "title": "x"}, "text", "the body"),
        # content for text
        ({"content": "the content"}, "text", "the content"),
        # link for url
        ({"text": "t", "link": "https://e.example.org/x"}, "url", "https://e.example.org/x"),
        # a source given as an object, as news APIs write it
        ({"text": "t", "source": {"id": "dw", "name": "Demo Wire"}}, "source", "Demo Wire"),
        # keys in another case
        ({"Text": "t", "Title": "Head"}, "title", "Head"),
    ],
)
def test_jsonl_fields_and_aliases(tmp_path, record, field, expected):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps(record) + "\n")
    (art,), errors = read(p)
    assert errors == []
    assert getattr(art, field) == expected


def test_jsonl_all_fields(tmp_path):
    rec = {"id": "x", "title": "T", "text": BODY, "published": "2017-03-04T22:00:00Z", "source": "S",
           "url": "https://s.example.org/x", "language": "en", "author": "A"}
    p = tmp_path / "a.ndjson"
    p.write_text(json.dumps(rec) + "\n")
    (art,), _ = read(p)
    assert art.to_record() | {"origin": None} == {**rec, "published": "2017-03-04", "origin": None, "copy_of": None}
    assert art.origin == f"{p}:1"


def test_jsonl_malformed_line_in_the_middle(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "one", "text": "first"}), '{"id": "two", "text": ', "",
             json.dumps({"id": "three", "text": "third"})]
    p.write_text("\n".join(lines) + "\n")
    articles, errors = read(p)
    assert [a.id for a in articles] == ["one", "three"]
    assert [(e.path, e.line) for e in errors] == [(str(p), 2)]
    assert str(errors[0]).startswith(f"{p}:2: invalid JSON: ")


@pytest.mark.parametrize(
    "line, reason",
    [
        # no text field at all
        ({"id": "x", "title": "only a title"}, "empty article text"),
        # a text of whitespace only
        ({"id": "x", "text": "  \n\t "}, "empty article text"),
        # a date that cannot be read names its field
        ({"id": "x", "text": "t", "date": "the day after"}, "invalid date in 'date': 'the day after'"),
        # a relative date would need the clock
        ({"id": "x", "text": "t", "published": "yesterday"}, "invalid date in 'published': 'yesterday'"),
        # a JSON value that is not an object
        (["id", "text"], "expected a JSON object, got list"),
    ],
)
def test_jsonl_bad_records(tmp_path, line, reason):
    p = tmp_path / "bad.jsonl"
    p.write_text(json.dumps({"id": "ok", "text": "fine"}) + "\n" + json.dumps(line) + "\n")
    articles, errors = read(p)
    assert [a.id for a in articles] == ["ok"]
    assert [str(e) for e in errors] == [f"{p}:2: {reason}"]


def test_jsonl_undecodable_line_after_the_sample_is_skipped(tmp_path):
    # The encoding is chosen from the first SAMPLE_BYTES (UTF-8 here); a later
    # line that is not UTF-8 is reported alone.
    p = tmp_path / "mixed.jsonl"
    filler = [json.dumps({"id": f"f{i}", "text": "Mosul " * 20}).encode() for i in range(SAMPLE_BYTES // 100 + 1)]
    bad = b'{"id": "b", "text": "caf\xe9"}'
    last = json.dumps({"id": "last", "text": "Kirkuk"}).encode()
    p.write_bytes(b"\n".join(filler + [bad, last]) + b"\n")
    articles, errors = read(p)
    assert len(articles) == len(filler) + 1 and articles[-1].id == "last"
    assert [(e.line, e.reason) for e in errors] == [(len(filler) + 1, "cannot decode line as utf-8")]


# --- CSV / TSV --------------------------------------------------------------------------------


def test_csv_rows(tmp_path):
    p = tmp_path / "a.csv"
    with p.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "text", "date", "source"])
        w.writerow(["r1", "One", "First para.\n\nSecond, with a comma.", "2017-06-01", "Demo"])
        w.writerow(["r2", "Two", "Another text", "", "Demo"])
    (a, b), errors = read(p)
    assert errors == []
    assert (a.id, a.title, a.text, a.published, a.source) == ("r1", "One", "First para.\n\nSecond, with a comma.", date(2017, 6, 1), "Demo")
    assert b.published is None
    assert (a.origin, b.origin) == (f"{p}:2", f"{p}:5")  # r1 spans lines 2-4


def test_tsv_rows(tmp_path):
    p = tmp_path / "a.tsv"
    p.write_text("doc_id\tbody\tpublished\nt1\tA bomb in Ramadi killed one.\t2016-12-01\n")
    (art,), errors = read(p)
    assert errors == [] and (art.id, art.text, art.published) == ("t1", "A bomb in Ramadi killed one.", date(2016, 12, 1))


def test_csv_bad_rows_are_reported_with_line_numbers(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text(
        "id,text,published\n"
        "a,good one,2017-01-01\n"
        "b,too,many,fields\n"
        "c,,2017-01-01\n"
        "d,bad date,31/31/2017\n"
        "e,good two,\n"
    )
    articles, errors = read(p)
    assert [a.id for a in articles] == ["a", "e"]
    assert [str(e) for e in errors] == [
        f"{p}:3: row has 4 fields, header has 3",
        f"{p}:4: empty article text",
        f"{p}:5: invalid date in 'published': '31/31/2017'",
    ]


def test_csv_without_text_column(tmp_path):
    p = tmp_path / "notext.csv"
    p.write_text("id,title\n1,x\n")
    articles, errors = read(p)
    assert articles == [] and errors[0].line == 1 and errors[0].reason.startswith("no text column")
