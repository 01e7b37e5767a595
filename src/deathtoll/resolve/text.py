"""Where a report sits in its article: clause, sentence and paragraph spans.

Paragraphs are separated by blank lines. Sentences are found with a light
regex (the extractor's own sentence offsets are used when a report carries
them). A clause is the part of a sentence between semicolons, dashes and
", and" / ", while" / ", but" joints.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

__all__ = ["TextIndex", "Span"]

Span = tuple[int, int]

_PARA_BREAK = re.compile(r"\n[ \t\r]*\n\s*")
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_ABBREV_END = re.compile(r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Mt|Ft|Gen|Col|Lt|Sgt|Capt|Maj|Brig|Gov|Sen|Rep|"
                         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Jr|Sr|Inc|Co|Corp|vs|"
                         r"Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|"
                         r"Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|Wis|Wyo)\.)\s*$")
_CLAUSE_BREAK = re.compile(r";|\s[—–]\s|\s--\s|,\s+(?:and|while|but|whereas|although|though)\s")


@dataclass
class TextIndex:
    """Paragraph and sentence boundaries of one article text, computed once."""

    text: str

    @cached_property
    def paragraphs(self) -> list[Span]:
        """(start, end) of every paragraph with text."""
        spans = []
        pos = 0
        for m in _PARA_BREAK.finditer(self.text):
            if self.text[pos:m.start()].strip():
                spans.append((pos, m.start()))
            pos = m.end()
        if self.text[pos:].strip():
            spans.append((pos, len(self.text)))
        return spans

    @cached_property
    def _para_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    def paragraph_of(self, pos: int) -> Span:
        """The paragraph holding character ``pos`` (the whole text if none)."""
        i = bisect_right(self._para_starts, pos) - 1
        if i < 0:
            return (0, len(self.text))
        return self.paragraphs[i]

    def paragraph_index(self, pos: int) -> int:
        """Number of the paragraph holding ``pos`` (0-based)."""
        return max(0, bisect_right(self._para_starts, pos) - 1)

    @cached_property
    def sentences(self) -> list[Span]:
        """(start, end) of every sentence, never crossing a paragraph break."""
        out: list[Span] = []
        for ps, pe in self.paragraphs:
            start = ps
            for m in _SENT_END.finditer(self.text, ps, pe):
                if _ABBREV_END.search(self.text, max(start, m.start() - 8), m.start()) and "\n" not in m.group():
                    continue
                if self.text[start:m.start()].strip():
                    out.append((start, m.start()))
                start = m.end()
            if self.text[start:pe].strip():
                out.append((start, pe))
        return out

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [s[0] for s in self.sentences]

    def sentence_of(self, pos: int) -> Span:
        """The sentence holding character ``pos``."""
        i = bisect_right(self._sent_starts, pos) - 1
        if i < 0:
            return (0, min(len(self.text), 1))
        return self.sentences[i]

    def is_sentence_start(self, pos: int) -> bool:
        """True when only quotes or brackets stand between a sentence start and ``pos``."""
        s, _ = self.sentence_of(pos)
        return not self.text[s:pos].strip(" \t\"'“‘([")

    def clause_of(self, pos: int, sentence: Span | None = None) -> Span:
        """The clause of the sentence (given or found) that holds ``pos``."""
        s, e = sentence or self.sentence_of(pos)
        start, end = s, e
        for m in _CLAUSE_BREAK.finditer(self.text, s, e):
            if m.end() <= pos:
                start = m.end()
            elif m.start() >= pos:
                end = m.start()
                break
        return (start, end)
