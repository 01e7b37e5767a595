"""The record of one place name as an article writes it (found by
:mod:`deathtoll.resolve.mentions`, resolved by :mod:`deathtoll.resolve.places`)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Mention"]


@dataclass(frozen=True)
class Mention:
    """One place name as written, with its surroundings.

    ``name`` is what is looked up; ``written`` is what the report shows (with
    a kind word such as "district" when the text has one). ``cue`` is the
    location word before it (``"dateline"`` for a dateline); ``coarse`` says
    the place is an area around the name ("west of", "region"); ``kind`` is
    ``local`` (neighbourhood), ``province``, ``district``, ``facility``,
    ``settlement`` or None; ``lead`` marks "In X, …" at a sentence start.
    """

    start: int
    end: int
    name: str
    written: str
    cue: str | None = None
    coarse: bool = False
    kind: str | None = None
    kind_in_name: bool = False
    qualifier: str | None = None
    lead: bool = False
    sentence_initial: bool = False
    person: bool = False
    group: int | None = None
    tokens: int = 1
    extra: dict = field(default_factory=dict, compare=False, hash=False)
