"""What an article's title says about where it happened.

A news title is a headline, often followed by the outlet after a separator:
"Man shot in Frankford | 6abc.com", "Two Wounded In Riverdale Shooting « CBS
Chicago", "… - Chicago Tribune". The headline is read for places like the
text (it becomes a paragraph of its own, see :func:`deathtoll.resolve.places.locate`);
the outlet is no place of the incident but a hint of the article's region: a
large city or a first-level division written in it ("CBS Chicago",
"Colorado Springs Gazette", "Lima, OH News") or inside its web address
("abc7chicago.com", "NBCMontana.com").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from deathtoll.resolve.normalize import fold

if TYPE_CHECKING:
    from deathtoll.model import Article
    from deathtoll.resolve.gazetteer import Candidate, Gazetteer
    from deathtoll.resolve.mentions import PlaceWords

__all__ = ["split_title", "outlet_hints", "outlet_of", "source_hints"]

_SEPARATORS = re.compile(r"\s+(?:\||«|»|::|—|–|-{1,2})\s+|\s*\|\s*|:\s+(?=[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3}\s*$)")
_DOMAIN = re.compile(r"\b([A-Za-z0-9][A-Za-z0-9-]{2,40})\.(?:com|net|org|tv|us|co)\b")
_URL_HOST = re.compile(r"https?://([A-Za-z0-9.-]+)")
_LABEL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+|[a-z0-9]{8,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
#: A city named in an outlet must be at least this large to count ("CBS Chicago").
_OUTLET_CITY_POPULATION = 20_000
_DOMAIN_CITY_POPULATION = 300_000
#: A town inside a web address label counts from this size in the article's country.
_LABEL_CITY_POPULATION = 100_000
#: a namesake this many times smaller elsewhere does not make a label ambiguous
_DWARFED = 10
_SKIP_LABELS = frozenset({"www", "m", "mobile", "amp", "web", "news", "com", "net", "org", "tv", "us", "co"})


def split_title(title: str | None) -> tuple[str, str]:
    """``(headline, outlet)`` of a title; the outlet is ``""`` when there is none."""
    t = " ".join((title or "").split())
    if not t:
        return "", ""
    parts = _SEPARATORS.split(t, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0].strip(), parts[1].strip()
    return t, ""


def outlet_of(article: Article) -> str | None:
    """What names an article's outlet: its ``source``, else the host of its ``url``
    (the archived page's own host for a web.archive.org address)."""
    if article.source:
        return article.source
    hosts = _URL_HOST.findall(article.url or "")
    hosts = [h for h in hosts if "archive.org" not in h]
    return hosts[-1] if hosts else None


def _good(c: Candidate, country: str | None, min_pop: int) -> bool:
    if not c.exact or (country and c.country != country):
        return False
    if c.feature == "ADM1":
        return True
    return c.precision == "town" and c.population >= min_pop


def _best(gz: Gazetteer, name: str, country: str | None, min_pop: int,
          states: Sequence[Candidate] = ()) -> Candidate | None:
    """The entry an outlet's name stands for; a town of a state the outlet also
    names ("Lima, OH") before any other."""
    good = [c for c in gz.lookup(name, country=country, limit=10) if _good(c, country, min_pop)]
    for s in states:
        for c in good:
            if c.country == s.country and c.admin1 == s.admin1:
                return c
    return good[0] if good else None


def outlet_hints(outlet: str, gz: Gazetteer, words: PlaceWords, country: str | None = None) -> list[Candidate]:
    """Large cities and first-level divisions an outlet string names.

    Args:
        outlet: The part of a title after the headline ("CBS Chicago").
        gz: The gazetteer.
        words: Place word lists (their stoplist skips "News", "Weather" …).
        country: Only entries of this country count, when given.

    Returns:
        Gazetteer entries, in the order written, without repeats.
    """
    out: list[Candidate] = []
    seen: set[str] = set()

    def add(c: Candidate | None) -> None:
        if c is not None and c.key not in seen:
            seen.add(c.key)
            out.append(c)

    segments = re.split(r"[|,:;()\[\]«»?!]|\s[-–—]\s|-(?=[A-Z])", outlet)
    states = [c for c in (_state(seg, gz, words) for seg in segments) if c is not None]
    for seg in segments:
        toks = [t.strip(".'’-") for t in _WORD.findall(seg) if "." not in t.strip(".") or len(t) <= 4]
        caps = [t for t in toks if t[:1].isupper() and not t.isupper() or t.upper() in words.us_states.values()]
        # windows of one to three capitalised words, longest first
        used: set[int] = set()
        for size in (3, 2, 1):
            for i in range(len(toks) - size + 1):
                win = toks[i:i + size]
                if any(j in used for j in range(i, i + size)) or not all(w in caps for w in win):
                    continue
                if size == 1 and (words.is_stop(win[0]) or words.has("direction_prefixes", win[0])) \
                        or words.has("org_suffixes", win[-1]):
                    continue  # "News"; "South" of "South Georgia News" is no province of Lebanon
                name = " ".join(win)
                if len(win) == 1 and len(name) == 2:
                    abbrev = gz.admin1_name("US", name.upper())
                    if abbrev:
                        add(_best(gz, abbrev, "US", _OUTLET_CITY_POPULATION))
                        used.add(i)
                    continue
                c = _best(gz, name, country, _OUTLET_CITY_POPULATION, states)
                if c is not None:
                    add(c)
                    used.update(range(i, i + size))
    labels = [m.group(1) for m in _DOMAIN.finditer(outlet)]
    # "tribunedigital-baltimoresun": a web address written without its ending
    labels += [part for tok in outlet.split() if _LABEL.fullmatch(tok) for part in tok.split("-")]
    # "Chicagoist", "NBCMontana": a long word of the outlet's name that is no place itself
    labels += [tok for tok in re.findall(r"[A-Za-z]{8,}", outlet) if not out or tok not in {c.name for c in out}]
    for label in labels:
        add(_domain_hint(label, gz, country))
    return out


def source_hints(source: str, gz: Gazetteer, words: PlaceWords, country: str | None = None) -> list[Candidate]:
    """Large cities and first-level divisions an article's source names.

    A source is an outlet's name ("CBS Boston", read like a title's outlet) or
    a web address ("boston.cbslocal.com", "wfla.com"): see :func:`_label_place`.

    Args:
        source: ``Article.source`` (or the host of its url).
        gz: The gazetteer.
        words: Place word lists.
        country: The article's country so far, if any.

    Returns:
        Gazetteer entries, without repeats.
    """
    if "." not in source or " " in source.strip():
        return outlet_hints(source, gz, words, country) or ([] if country else outlet_hints(source, gz, words))
    out: list[Candidate] = []
    names = gz.large_place_names(_OUTLET_CITY_POPULATION)
    for label in source.lower().split("."):
        if label in _SKIP_LABELS or len(label) < 4:
            continue
        c = _label_place(label, names, gz, country)
        if c is not None and c.key not in {o.key for o in out}:
            out.append(c)
    return out


def _label_place(label: str, names: dict[str, tuple[int, ...]], gz: Gazetteer, country: str | None) -> Candidate | None:
    """The longest name of a town of 20,000+ people or a division inside a web address
    label ("localmemphis"; "sanangelolive" is San Angelo, not San Ángel), taken when
    it is the whole label, a division, a town of 100,000+ people in ``country`` or
    one of 300,000+ people (a name only one country has)."""
    low = fold(label).replace(" ", "")
    for size in range(min(len(low), 20), 5, -1):
        for i in range(len(low) - size + 1):
            cands = [c for c in (gz.get(g) for g in names.get(low[i:i + size], ())) if c is not None]
            if not cands:
                continue
            whole = size == len(low)
            key = lambda c: (c.feature == "ADM1", c.population)  # noqa: E731
            top = max(cands, key=key)
            home = [c for c in cands if country and c.country == country]
            if home and max(home, key=key).population * _DWARFED >= top.population:
                best = max(home, key=key)
                return best if whole or best.feature == "ADM1" or best.population >= _LABEL_CITY_POPULATION else None
            # a name of one country, or far larger there than anywhere else ("boston")
            if any(c.country != top.country and c.population * _DWARFED >= top.population for c in cands):
                return None
            return top if whole or top.feature == "ADM1" or top.population >= _DOMAIN_CITY_POPULATION else None
    return None


def _state(segment: str, gz: Gazetteer, words: PlaceWords) -> Candidate | None:
    """The US state a segment of an outlet string starts with ("OH News", "Texas")."""
    toks = segment.split()
    if not toks:
        return None
    first = toks[0].strip(".")
    name = gz.admin1_name("US", first) if len(first) == 2 and first.isupper() else None
    abbrev = words.state_code(first)
    name = name or (gz.admin1_name("US", abbrev) if abbrev else None) or first
    for c in gz.lookup(name, division=True, country="US", limit=5):
        if c.exact and c.feature == "ADM1":
            return c
    return None


def _domain_hint(label: str, gz: Gazetteer, country: str | None) -> Candidate | None:
    """The longest large city or division spelled inside a web address label."""
    low = fold(label).replace(" ", "")
    names = gz.large_place_names(_DOMAIN_CITY_POPULATION)
    for size in range(min(len(low), 20), 5, -1):
        for i in range(len(low) - size + 1):
            ids = names.get(low[i:i + size])
            if not ids:
                continue
            cands = [c for c in (gz.get(g) for g in ids) if c is not None and (not country or c.country == country)]
            # a spelling several countries share says nothing without the article's country
            if cands and len({c.country for c in cands}) == 1:
                return max(cands, key=lambda c: (c.feature == "ADM1", c.population))
    return None
