"""The dateline of an article ("MOSUL, Iraq —", "DETROIT (WXYZ) -"): the place the
whole report is filed from."""

from __future__ import annotations

import re

from deathtoll.resolve.mention import Mention
from deathtoll.resolve.text import TextIndex
from deathtoll.resolve.words import PlaceWords

__all__ = ["find_dateline"]

#: a dateline can open one of the first paragraphs (later ones only with a state)
_DATELINE_LATE = 5
_DATELINE = re.compile(
    r"^\s*\(?(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}?)(?:,\s*(?P<qual>[A-Z][A-Za-z.'’\- ]{1,30}?))?\)?\s*"
    r"(?:\([^)\n]{1,40}\)\s*)?(?:--|[-—–:|])",
    re.M,
)


def find_dateline(text: str, index: TextIndex, words: PlaceWords, body_start: int = 0) -> tuple[Mention, int] | None:
    """A dateline at the head of the first or second paragraph ("MOSUL, Iraq —",
    "DETROIT (WXYZ) -", "(Cincinnati, OH)--"), or of the third to fifth when it is in
    capitals with a US state ("FOREST, Miss. (WJTV) –", after captions), with where
    it ends."""
    for n, (ps, _pe) in enumerate([p for p in index.paragraphs if p[0] >= body_start][:_DATELINE_LATE]):
        m = _DATELINE.match(text, ps)
        if not m:
            continue
        place = m.group("place").strip()
        qual = (m.group("qual") or "").strip() or None
        state_qual = bool(qual) and words.state_code(qual) is not None
        if n >= 2 and not (state_qual and place.isupper()):
            continue  # after captions and updates only "FOREST, Miss. (WJTV) –" is surely one
        if text[m.start("place") - 1:m.start("place")] == "(" and not qual:
            continue  # "(CNN) -", "(STMW) —": the agency, not the place
        letters = [c for c in place if c.isalpha()]
        caps = bool(letters) and all(c.isupper() for c in letters)
        if len(letters) < 3 or len(place.split()) > 4 or not (caps or qual):
            continue
        if not state_qual and any(words.is_stop(w.title()) or words.is_stop(w) for w in place.split()):
            continue  # "NEWPORT NEWS, Va. —" is a place for all its "News"
        if state_qual and words.is_stop(place.split()[0].title()):
            continue
        if qual and not state_qual and any(words.is_stop(w) for w in qual.split()):
            continue  # ", Miss." is Mississippi, not a title
        start = m.start("place")
        parts = place.split()
        kind = words.kind_of(parts[-1]) if len(parts) > 1 else None
        name = " ".join(parts[:-1]) if kind else place
        return Mention(start=start, end=start + len(place), name=name, written=place, cue="dateline",
                       qualifier=qual, kind=kind, kind_in_name=bool(kind), tokens=len(parts)), m.end()
    return None
