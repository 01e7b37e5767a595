"""Readers: every input format, folders, stdin, and the ids they give."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from deathtoll.errors import InputError
from deathtoll.ingest import KNOWN_EXTENSIONS, read_articles
from deathtoll.model import article_id_for

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

BODY = (
    "A roadside bomb hit a minibus on the road between Tikrit and Samarra on Tuesday, killing four "
    "passengers and wounding six, a police officer said.\n\n"
    "The minibus was carrying labourers to a construction site, the officer said."
)


def read(*paths, **kw):
    """All articles and errors of one call."""
    errors: list[InputError] = []
    articles = list(read_articles([str(p) for p in paths], on_error=errors.append, **kw))
    return articles, errors


# --- plain text -------------------------------------------------------------------------------


def test_txt_title_and_paragraphs(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(("\n\n  Bomb hits minibus near Tikrit  \r\n\r\n" + BODY.replace("\n", "\r\n") + "   \r\n\r\n\r\n").encode())
    (art,), errors = read(p)
    assert errors == []
    assert art.title == "Bomb hits minibus near Tikrit"
    assert art.text == BODY  # CRLF unified, trailing spaces gone, the paragraph break kept
    assert art.id == article_id_for(None, None, BODY)
    assert (art.published, art.source, art.url, art.origin) == (None, None, None, str(p))


def test_txt_single_line_is_text_not_title(tmp_path):
    p = tmp_path / "one.txt"
    p.write_text("Gunmen killed two farmers near Baiji on Monday, police said.\n")
    (art,), _ = read(p)
    assert art.title is None
    assert art.text == "Gunmen killed two farmers near Baiji on Monday, police said."


def test_txt_unicode_nfc_and_blank_runs(tmp_path):
    p = tmp_path / "nfc.txt"
    p.write_text("Title\n\nCafe\u0301 bombed in Kirkuk.\n\n\n\n\nSecond paragraph.\t \n", encoding="utf-8")
    (art,), _ = read(p)
    assert art.text == "Caf\u00e9 bombed in Kirkuk.\n\nSecond paragraph."


@pytest.mark.parametrize(
    "encoding",
    [
        "utf-8-sig",  # UTF-8 with a byte-order mark
        "utf-16",  # UTF-16 with its byte-order mark
    ],
)
def test_txt_unicode_with_bom(tmp_path, encoding):
    p = tmp_path / "bom.txt"
    p.write_bytes("Blast in Samarra\n\nTwo people were killed in Sāmarrā’s market.".encode(encoding))
    (art,), errors = read(p)
    assert errors == []
    assert art.title == "Blast in Samarra"
    assert art.text == "Two people were killed in Sāmarrā’s market."


def test_latin1_file_is_decoded_by_detection(tmp_path):
    text = (
        "Attaque à Mossoul\n\nUne voiture piégée a explosé près du café de la rue principale à Mossoul, "
        "tuant sept civils, a déclaré un responsable. Les blessés ont été évacués vers l'hôpital général."
    )
    p = tmp_path / "latin1.txt"
    p.write_bytes(text.encode("latin-1"))
    (art,), errors = read(p)
    assert errors == []
    assert art.title == "Attaque à Mossoul"
    assert "près du café" in art.text and "évacués vers l'hôpital" in art.text


# --- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head>
<title>Mortar kills three in Tikrit | Demo Gazette</title>
<meta property="og:title" content="Mortar kills three in Tikrit">
<meta property="og:site_name" content="Demo Gazette">
<meta name="author" content="Test Writer">
<meta property="article:published_time" content="2017-02-09T08:00:00+03:00">
<link rel="canonical" href="https://gazette.example.org/2017/02/09/tikrit-mortar">
<script>var tracking = {page: "article"}; function go() { return tracking; }</script>
</head><body>
<nav><ul><li><a href="/">Front page</a></li><li><a href="/world">World news</a></li></ul></nav>
<article><h1>Mortar kills three in Tikrit</h1>
<p>Mortar rounds struck a street market in Tikrit on Thursday morning, killing three civilians and wounding nine, a hospital official said.</p>
<p>Police said the rounds were fired from farmland east of the river where militants still hide.</p>
</article>
<footer><p>Copyright Demo Gazette. All rights reserved worldwide.</p></footer>
<script>document.title = "changed by script";</script>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(PAGE)
    (art,), errors = read(p)
    assert errors == []
    assert art.title == "Mortar kills three in Tikrit"
    assert art.published == date(2017, 2, 9)
    assert art.author == "Test Writer"
    assert art.source == "Demo Gazette"
    assert art.url == "https://gazette.example.org/2017/02/09/tikrit-mortar"
    assert art.text.startswith("Mortar rounds struck a street market in Tikrit")  # the title is not repeated
    assert "\n\nPolice said the rounds" in art.text  # one paragraph per block
    for furniture in ("Front page", "tracking", "Copyright", "changed by script"):
        assert furniture not in art.text
    assert art.id == article_id_for("Demo Gazette", art.url, art.text)


def test_html_without_date_has_no_date(tmp_path):
    p = tmp_path / "nodate.htm"
    p.write_text(
        "<html><head><title>Blast in Kirkuk</title></head><body><article><p>A bomb exploded near a bus "
        "station in Kirkuk, killing three people and wounding ten, police said.</p></article></body></html>"
    )
    (art,), _ = read(p)
    assert art.published is None  # never taken from the clock
    assert art.title == "Blast in Kirkuk"


# --- feeds ------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Demo Wire</title><link>https://wire.example.org/</link>
<description>test</description>
<item><title>Bomb kills two in Baiji</title><link>https://wire.example.org/1</link>
<guid isPermaLink="false">demo-guid-1</guid><pubDate>Tue, 04 Apr 2017 01:30:00 +0300</pubDate>
<description>&lt;p&gt;A bomb killed two &lt;b&gt;soldiers&lt;/b&gt; in Baiji.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Three more were hurt.&lt;/p&gt;</description></item>
<item><title>Clashes near Hawija</title><link>https://wire.example.org/2</link>
<pubDate>Wed, 05 Apr 2017 12:00:00 +0000</pubDate>
<description>Clashes near Hawija left five militants dead, officials said.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Demo Atom</title><id>urn:demo</id>
<updated>2017-05-02T10:00:00Z</updated>
<entry><title>Sniper kills boy in Mosul</title><id>urn:demo:1</id>
<link href="https://atom.example.org/1"/><published>2017-05-01T18:00:00+03:00</published>
<updated>2017-05-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;A sniper killed a boy in western Mosul on Monday, his family said.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items(tmp_path):
    p = tmp_path / "wire.rss"
    p.write_text(RSS)
    (a, b), errors = read(p)
    assert errors == []
    assert (a.id, a.title, a.url, a.source) == ("demo-guid-1", "Bomb kills two in Baiji", "https://wire.example.org/1", "Demo Wire")
    assert a.published == date(2017, 4, 4)  # the feed's own calendar day, not shifted to UTC
    assert a.text == "A bomb killed two soldiers in Baiji.\n\nThree more were hurt."  # tags gone, script dropped
    assert a.origin == f"{p}#1"
    assert b.id == article_id_for("Demo Wire", "https://wire.example.org/2", b.text)  # no guid: a hash
    assert b.published == date(2017, 4, 5)


def test_atom_entry(tmp_path):
    p = tmp_path / "demo.atom"
    p.write_text(ATOM)
    (art,), errors = read(p)
    assert errors == []
    assert (art.id, art.title, art.source, art.url) == ("urn:demo:1", "Sniper kills boy in Mosul", "Demo Atom", "https://atom.example.org/1")
    assert art.published == date(2017, 5, 1)
    assert art.text == "A sniper killed a boy in western Mosul on Monday, his family said."


def test_feed_recognised_by_content(tmp_path):
    p = tmp_path / "saved-feed.txt"
    p.write_text("\n<!-- saved from a browser -->\n" + RSS.split("\n", 1)[1])
    articles, errors = read(p)
    assert errors == [] and [a.id for a in articles][0] == "demo-guid-1"


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content, reason",
    [
        # bytes that are no text in any encoding (no NULs, so not "binary")
        ("junk.txt", bytes((i * 97 + 31) % 255 + 1 for i in range(400)), "cannot decode: not text in any known encoding"),
        # NUL bytes: a binary file
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        # only whitespace
        ("blank.txt", b" \n\n\t \r\n", "empty article"),
        # an empty file
        ("zero.txt", b"", "empty article"),
        # a page of scripts with no main text
        ("app.html", b"<html><head><script>var a = 1;</script></head><body><script>render()</script>"
                     b"<noscript>Please enable JavaScript.</noscript><div id='root'></div></body></html>",
         "no article text found"),
        # an unknown extension given explicitly
        ("notes.xyz", b"some text", "unsupported file type '.xyz'"),
        # a feed too broken to have any entry
        ("broken.xml", b"<rss version='2.0'><channel><title>x</title", None),
        # XML that is not a feed
        ("data.xml", b"<?xml version='1.0'?><inventory><item>1</item></inventory>", "not an RSS or Atom feed"),
        # a binary JSONL file
        ("dump.jsonl", b'{"a":\x00\x01\x02}', "binary file"),
    ],
)
def test_bad_inputs(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    articles, errors = read(p)
    assert articles == []
    assert len(errors) == 1 and errors[0].path == str(p)
    if reason is None:
        assert errors[0].reason.startswith("not a readable feed: ")
    else:
        assert errors[0].reason == reason


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    _, errors = read(missing)
    assert [str(e) for e in errors] == [f"{missing}: no such file or directory"]


def test_without_on_error_the_error_is_raised(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        list(read_articles([tmp_path / "nope.jsonl"]))
    p = tmp_path / "b.jsonl"
    p.write_text('{"text": "ok"}\nnot json\n')
    it = read_articles([p])
    assert next(it).text == "ok"
    with pytest.raises(InputError) as err:
        next(it)
    assert err.value.line == 2


def test_reading_goes_on_after_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("T\n\nfirst")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    (tmp_path / "c.txt").write_text("T\n\nthird")
    articles, errors = read(tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "missing.txt", tmp_path / "c.txt")
    assert [a.text for a in articles] == ["first", "third"]
    assert [e.reason for e in errors] == ["binary file", "no such file or directory"]


# --- folders, stdin, ids ----------------------------------------------------------------------


def test_directory_walk_order_and_filters(tmp_path):
    for rel in ["b.txt", "a/z.txt", "a/b.csv", "c.TXT", ".hidden.txt", ".git/x.txt", "notes.md", "img.png", "a/y.jsonl"]:
        f = tmp_path / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        if f.suffix == ".csv":
            f.write_text("text\nrow text\n")
        elif f.suffix == ".jsonl":
            f.write_text('{"text": "line text"}\n')
        else:
            f.write_text(f"Title\n\nText of {rel}")
    articles, errors = read(tmp_path)
    assert errors == []  # unknown extensions are skipped silently
    assert [Path(a.origin).relative_to(tmp_path).as_posix() for a in articles] == [
        "a/b.csv:2", "a/y.jsonl:1", "a/z.txt", "b.txt", "c.TXT",
    ]


@pytest.mark.parametrize(
    "content, expected_text, expected_id",
    [
        # plain text
        ("Head\n\nBody text here.\n", "Body text here.", None),
        # JSON Lines, recognised by the opening brace after blank lines
        ('\n  {"id": "s1", "text": "from stdin"}\n{"id": "s2", "text": "second"}\n', "from stdin", "s1"),
        # a feed
        (RSS, "A bomb killed two soldiers in Baiji.\n\nThree more were hurt.", "demo-guid-1"),
        # a web page
        (PAGE, None, None),
    ],
)
def test_stdin(content, expected_text, expected_id):
    articles, errors = read("-", stdin=io.StringIO(content))
    assert errors == [] and articles
    if expected_text:
        assert articles[0].text == expected_text
    else:
        assert articles[0].title == "Mortar kills three in Tikrit"
    if expected_id:
        assert articles[0].id == expected_id
    assert articles[0].origin.startswith("<stdin>")


def test_stdin_jsonl_errors_name_lines():
    _, errors = read("-", stdin=io.StringIO('{"text": "a"}\n{oops\n'))
    assert [str(e) for e in errors] == ["<stdin>:2: invalid JSON: Expecting property name enclosed in double quotes"]


def test_ids_are_stable(tmp_path):
    for d in ("one", "two"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "story.txt").write_text("Headline\n\n" + BODY)
        (tmp_path / d / "page.html").write_text(PAGE)
        (tmp_path / d / "feed.xml").write_text(RSS)
        (tmp_path / d / "rows.jsonl").write_text('{"text": "no id here", "url": "https://x.example.org"}\n')
    first, _ = read(tmp_path / "one")
    again, _ = read(tmp_path / "one")
    elsewhere, _ = read(tmp_path / "two")
    ids = [a.id for a in first]
    assert len(ids) == 5 and len(set(ids)) == 5
    assert ids == [a.id for a in again] == [a.id for a in elsewhere]  # the path is not part of the id


def test_known_extensions():
    assert {".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".ndjson", ".csv", ".tsv"} == KNOWN_EXTENSIONS


# --- the demo corpus and the seeds ------------------------------------------------------------


def test_examples_folder_reads_cleanly():
    articles, errors = read(REPO / "examples")
    assert errors == []
    assert len(articles) >= 15
    assert len({a.id for a in articles}) == len(articles)
    assert all(a.text.strip() for a in articles)
    kinds = {Path(a.origin.split("#")[0].rsplit(":", 1)[0]).suffix for a in articles}
    assert kinds == {".txt", ".html", ".xml", ".jsonl", ".csv"}
    dated = [a for a in articles if not a.origin.endswith(".txt")]
    assert all(a.published is not None for a in dated)
    assert "SYNTHETIC" in (REPO / "examples" / "README.md").read_text()


def test_seed_reports_read_cleanly():
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside the repository")
    articles, errors = read(seeds)
    assert errors == []
    assert len(articles) == len(list(seeds.glob("*.txt")))
    assert all(a.title and "\n\n" in a.text for a in articles)


def test_stdin_with_byte_order_mark():
    articles, errors = read("-", stdin=io.StringIO('\ufeff{"id": "b1", "text": "x"}\n'))
    assert errors == [] and [a.id for a in articles] == ["b1"]


def test_explicit_file_with_unknown_extension_that_is_a_feed(tmp_path):
    p = tmp_path / "latest.feed"
    p.write_text(RSS)
    articles, errors = read(p)
    assert errors == [] and len(articles) == 2


def test_reading_is_lazy(tmp_path):
    # Files are opened when reached and stdin lines are read when needed.
    (tmp_path / "a.txt").write_text("T\n\nfirst")
    it = read_articles([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert next(it).text == "first"
    (tmp_path / "b.txt").write_text("T\n\nsecond")  # written after the first article came out
    assert next(it).text == "second"

    consumed = []

    def lines():
        for i in range(1000):
            consumed.append(i)
            yield f'{{"id": "s{i}", "text": "line {i}"}}\n'

    first = next(read_articles(["-"], stdin=lines()))
    assert first.id == "s0" and len(consumed) < 5


def test_a_single_path_string(tmp_path):
    (tmp_path / "a.txt").write_text("T\n\nbody")
    assert [a.text for a in read_articles(str(tmp_path))] == ["body"]
