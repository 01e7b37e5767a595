"""Ingest helpers: publication dates, text normalisation, encodings, feed sniffing, HTML fragments."""

from __future__ import annotations

from datetime import date

import pytest

from deathtoll.ingest.dates import parse_published
from deathtoll.ingest.decode import decode_bytes, detect_encoding, normalise_text
from deathtoll.ingest.feed import looks_like_feed
from deathtoll.ingest.webpage import fragment_to_text


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2017-03-04", date(2017, 3, 4)),  # ISO date
        ("2017-03-04T23:30:00+03:00", date(2017, 3, 4)),  # ISO datetime keeps its own calendar day
        ("2017-03-04T10:00:00Z", date(2017, 3, 4)),  # ISO with Z
        ("Sat, 04 Mar 2017 01:30:00 +0300", date(2017, 3, 4)),  # RFC 822 as in RSS, not shifted to UTC
        ("4 March 2017", date(2017, 3, 4)),  # day month year
        ("March 4, 2017", date(2017, 3, 4)),  # month day, year
        ("Nov. 23, 2016", date(2016, 11, 23)),  # abbreviated month
        ("March 2017", date(2017, 3, 1)),  # month only: the first
        ("", None),  # empty: no date
        (None, None),  # missing: no date
        (date(2016, 10, 17), date(2016, 10, 17)),  # already a date
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",  # relative: would need the clock
        "3 days ago",  # relative
        "March 4",  # no year: would be completed from today
        "10:30",  # a time alone
        "not a date",  # words
        20170304,  # a number is not a date string
    ],
)
def test_parse_published_refuses(value):
    with pytest.raises(ValueError):
        parse_published(value)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("a\r\nb\rc", "a\nb\nc"),  # every newline convention becomes \n
        ("line   \nnext\t\n", "line\nnext"),  # trailing spaces go
        ("p1\n\n\n\n\np2", "p1\n\np2"),  # blank-line runs shrink to one paragraph break
        ("p1\n \t \np2", "p1\n\np2"),  # a line of spaces is a blank line
        ("Cafe\u0301", "Caf\u00e9"),  # NFC
        ("  \n\n text \n\n", "text"),  # stripped at both ends
        ("a\u2029b", "a\n\nb"),  # Unicode paragraph separator
    ],
)
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    "data, expected",
    [
        ("Mosul".encode("utf-8"), "utf-8"),  # ASCII is UTF-8
        ("Sāmarrā".encode("utf-8"), "utf-8"),  # UTF-8
        ("\ufeffMosul".encode("utf-8"), "utf-8-sig"),  # UTF-8 with BOM
        ("Mosul".encode("utf-16"), "utf-16"),  # UTF-16 with BOM
    ],
)
def test_detect_encoding(data, expected):
    assert detect_encoding(data, complete=True) == expected


def test_detect_encoding_partial_sample_may_cut_a_character():
    sample = "Mossoul é".encode("utf-8")[:-1]  # the é cut in half at the end of a sample
    assert detect_encoding(sample, complete=False) == "utf-8"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"abc\x00def", "binary file"),  # a NUL without a UTF-16 mark
        (bytes((i * 97 + 31) % 255 + 1 for i in range(400)), "cannot decode: not text in any known encoding"),  # noise
    ],
)
def test_decode_refuses(data, reason):
    with pytest.raises(ValueError, match=reason):
        decode_bytes(data)


def test_decode_cp1252_punctuation():
    data = "\u201cSeven people were killed,\u201d the officer said \u2014 in Ramadi.".encode("cp1252")
    assert decode_bytes(data) == "\u201cSeven people were killed,\u201d the officer said \u2014 in Ramadi."


@pytest.mark.parametrize(
    "head, expected",
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0">', True),  # RSS with a declaration
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", True),  # Atom after a BOM
        (b"<!-- saved -->\n<?xml-stylesheet href='x'?><rdf:RDF xmlns:rdf='x'>", True),  # RDF after a comment and a PI
        (b"<!DOCTYPE html><html><body>", False),  # a web page
        (b"<rssfeed>", False),  # another element whose name starts like one
        (b"Title\n\nText about an <rss> feed", False),  # text that mentions a feed
    ],
)
def test_looks_like_feed(head, expected):
    assert looks_like_feed(head) is expected


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),  # paragraphs
        ("Line one<br>line two", "Line one\nline two"),  # a line break
        ("<p>Killed <b>two</b> &amp; wounded three</p>", "Killed two & wounded three"),  # inline tags and entities
        ("<div>Text<script>var x = 1;</script><style>p{}</style></div>", "Text"),  # no code
        ("<ul><li>Mosul: 3</li><li>Tikrit: 1</li></ul>", "Mosul: 3\n\nTikrit: 1"),  # list items
        ("plain words", "plain words"),  # no markup at all
    ],
)
def test_fragment_to_text(fragment, expected):
    assert fragment_to_text(fragment) == expected
