"""The word lists that find place names: ``data/place_words.yaml`` and
``data/stoplist.txt``, extended by the user's own files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from deathtoll.errors import ConfigError

__all__ = ["PlaceWords", "load_words"]

#: the word lists of place kinds, in the order they are tried
_KINDS = ("street_types", "local_types", "province_types", "district_types", "coarse_types",
          "facility_types", "building_types", "settlement_types")


@dataclass(frozen=True)
class PlaceWords:
    """The word lists of ``place_words.yaml`` plus the stoplist, as sets; ``aliases``
    maps a spelling as written ("D.C.") to the name looked up in its stead."""

    lists: dict[str, frozenset[str]]
    phrases: tuple[tuple[str, ...], ...]
    us_states: dict[str, str]
    stop_words: frozenset[str]
    stop_caps: frozenset[str]
    stop_names: frozenset[str]
    aliases: dict[str, str] = field(default_factory=dict)

    def has(self, kind: str, word: str) -> bool:
        return word.lower() in self.lists.get(kind, frozenset())

    def kind_of(self, word: str) -> str | None:
        """The kind of place a word names ("district", "street", "camp" …): ``street``,
        ``local``, ``province``, ``district``, ``coarse``, ``facility``, ``building``,
        ``settlement``, or None."""
        low = word.lower().rstrip(".,")
        for kind in _KINDS:
            if low in self.lists.get(kind, ()):
                return kind.split("_")[0]
        return None

    def state_code(self, written: str) -> str | None:
        """The postal code of a US state written as an AP or postal abbreviation ("Tenn.", "N.C"), if it is one."""
        return self.us_states.get(written.lower().rstrip("."))

    def alias(self, name: str) -> str | None:
        """The name to look up for ``name`` as written, if it is an alias (exact spelling)."""
        return self.aliases.get(name)

    def is_stop(self, word: str) -> bool:
        if word in self.stop_caps:
            return True
        return word.lower().rstrip(".") in self.stop_words


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: invalid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping of word lists")
    return data


@lru_cache(maxsize=8)
def load_words(extra_words: str | None = None, extra_stoplist: str | None = None) -> PlaceWords:
    """Load the packaged word lists, extended by the user's files if given.

    Args:
        extra_words: Path of a YAML file shaped like ``place_words.yaml``.
        extra_stoplist: Path of a text file shaped like ``stoplist.txt``.

    Raises:
        ConfigError: A file cannot be read or parsed.
    """
    pkg = resources.files("deathtoll.resolve").joinpath("data")
    data = _read_yaml(pkg.joinpath("place_words.yaml").read_text("utf-8"), "place_words.yaml")
    stop_text = pkg.joinpath("stoplist.txt").read_text("utf-8")
    try:
        if extra_words:
            for k, v in _read_yaml(Path(extra_words).read_text("utf-8"), extra_words).items():
                if isinstance(v, dict):
                    data[k] = {**data.get(k, {}), **v}
                else:
                    data[k] = [*data.get(k, []), *v]
        if extra_stoplist:
            stop_text += "\n" + Path(extra_stoplist).read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read place word file: {exc}") from exc
    lists = {k: frozenset(str(w).lower() for w in v) for k, v in data.items() if isinstance(v, list)}
    phrases = tuple(sorted((tuple(p.lower().split()) for p in data.get("coarse_cues", []) if " " in p),
                           key=len, reverse=True))
    us = {str(k).lower().rstrip("."): str(v) for k, v in (data.get("us_states") or {}).items()}
    aliases = {str(k): str(v) for k, v in (data.get("name_aliases") or {}).items()}
    words, caps, names = set(), set(), set()
    for line in stop_text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if " " in line or "-" in line and len(line.split("-")) > 2:
            names.add(line.lower())
        elif line.isupper() and len(line) <= 3:
            caps.add(line)
        else:
            words.add(line.lower().rstrip("."))
            if "." in line:
                names.add(line.lower())
    return PlaceWords(lists, phrases, us, frozenset(words), frozenset(caps), frozenset(names), aliases)
