"""Shared helpers for the resolve tests (no tests here): one gazetteer per test session."""

from __future__ import annotations

from pathlib import Path

from deathtoll.model import Article, Count, Evidence, Report, Victims
from deathtoll.resolve.gazetteer import Gazetteer
from deathtoll.resolve.text import TextIndex

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_GAZETTEERS: dict[str, Gazetteer] = {}


def session_gazetteer(tmp_path_factory) -> Gazetteer:
    """The whole-world embedded gazetteer, compiled once per session at the default place,
    which conftest points at a session folder (``DEATHTOLL_HOME``): the CLI and pipeline
    tests then use the same index instead of compiling their own."""
    from deathtoll.resolve.gazetteer import default_path

    key = str(tmp_path_factory.getbasetemp())
    if key not in _GAZETTEERS:
        _GAZETTEERS[key] = Gazetteer(default_path())
    return _GAZETTEERS[key]


def report_at(text: str, needle: str, *, after: int = 0, rid: str = "a#0", outcome: str = "killed") -> Report:
    """A hand-made report whose count is the first ``needle`` at or after ``after``,
    with the sentence around it as its evidence."""
    pos = text.find(needle, after)
    assert pos >= 0, f"{needle!r} not in text"
    s, e = TextIndex(text).sentence_of(pos)
    ev = Evidence(text[s:e], pos, pos + len(needle), s, e, ("test",))
    return Report(id=rid, outcome=outcome, count=Count.exact(1, needle), victims=Victims("civilian", "civilians"), evidence=ev)


def article(text: str, published=None, aid: str = "a") -> Article:
    """An article with ``text`` and an optional publication date."""
    return Article(id=aid, text=text, published=published)


def place_of(gz: Gazetteer, text: str, needle: str, title: str | None = None, source: str | None = None):
    """The place (and the rules that decided it) of a report on ``needle`` in an article of ``text``."""
    from deathtoll.model import Article
    from deathtoll.resolve import resolve_places

    art = Article(id="p", text=text, title=title, source=source)
    got = resolve_places(art, [report_at(text, needle)], gazetteer=gz)[0]
    return got.place, got.evidence.rules
