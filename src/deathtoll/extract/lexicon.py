"""Load the extraction lexicons: packaged TSV files plus the user's own folders."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from deathtoll.errors import ConfigError

FILES = ("outcomes.tsv", "victims.tsv", "causes.tsv", "actors.tsv", "vague.tsv", "markers.tsv")


@dataclass(frozen=True)
class Lexicon:
    """Every lexicon, keyed by lower-case phrase."""

    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)  # word -> (outcome, kind)
    victims: dict[str, tuple[str, str]] = field(default_factory=dict)  # noun -> (group, detail)
    causes: dict[str, str] = field(default_factory=dict)
    actors: dict[str, str] = field(default_factory=dict)
    vague: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    markers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> phrases

    def __hash__(self) -> int:
        return id(self)

    def markers_of(self, kind: str) -> tuple[str, ...]:
        return self.markers.get(kind, ())


def _rows(path: str, lines: Iterable[str], ncols: int) -> Iterator[list[str]]:
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in next(csv.reader([line], delimiter="\t"))]
        if len(cols) < ncols:
            raise ConfigError(f"{path}:{n}: expected {ncols} tab-separated columns, found {len(cols)}")
        yield cols


def _merge(lex: dict, name: str, source: str, lines: Iterable[str]) -> None:
    if name == "outcomes.tsv":
        for word, outcome, kind in (r[:3] for r in _rows(source, lines, 3)):
            lex["outcomes"][word.lower()] = (outcome, kind)
    elif name == "victims.tsv":
        for noun, group, detail in (r[:3] for r in _rows(source, lines, 3)):
            lex["victims"][noun.lower()] = (group, detail)
    elif name == "causes.tsv":
        for phrase, cause in (r[:2] for r in _rows(source, lines, 2)):
            lex["causes"][phrase.lower()] = cause
    elif name == "actors.tsv":
        for alias, actor in (r[:2] for r in _rows(source, lines, 2)):
            lex["actors"][alias.lower()] = actor
    elif name == "vague.tsv":
        for phrase, lo, be, hi in (r[:4] for r in _rows(source, lines, 4)):
            try:
                lex["vague"][phrase.lower()] = (int(lo), int(be), int(hi))
            except ValueError as exc:
                raise ConfigError(f"{source}: bad number for {phrase!r}: {exc}") from None
    elif name == "markers.tsv":
        for kind, phrase in (r[:2] for r in _rows(source, lines, 2)):
            lex["markers"].setdefault(kind, []).append(phrase.lower())


@lru_cache(maxsize=8)
def load_lexicon(extra_dirs: tuple[Path, ...] = ()) -> Lexicon:
    """Read the packaged lexicons, then every same-named file in ``extra_dirs``.

    Later rows override earlier ones with the same key; marker phrases add up.
    """
    lex: dict = {"outcomes": {}, "victims": {}, "causes": {}, "actors": {}, "vague": {}, "markers": {}}
    pkg = resources.files("deathtoll.extract") / "lexicons"
    for name in FILES:
        _merge(lex, name, f"lexicons/{name}", (pkg / name).read_text(encoding="utf-8").splitlines())
    for d in extra_dirs:
        d = Path(d)
        if not d.is_dir():
            raise ConfigError(f"{d}: lexicon folder not found")
        for name in FILES:
            p = d / name
            if p.exists():
                _merge(lex, name, str(p), p.read_text(encoding="utf-8").splitlines())
    markers = {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in lex["markers"].items()}
    return Lexicon(lex["outcomes"], lex["victims"], lex["causes"], lex["actors"], lex["vague"], markers)
