"""Resolve stage: the place and the date of every report.

``resolve(article, reports, options)`` returns the reports with ``place``
(:class:`~deathtoll.model.Place`) and ``date`` (:class:`~deathtoll.model.DateRange`)
filled, and the names of the rules that decided them appended to
``evidence.rules``. It works on the article text with a local gazetteer
(:class:`Gazetteer`, an SQLite file compiled on first use) and regular
expressions; no parser and no network.

Example:
    >>> from deathtoll.resolve import resolve
    >>> reports = resolve(article, reports)           # doctest: +SKIP
    >>> reports[0].place.name, reports[0].date.precision  # doctest: +SKIP
    ('Kirkokli district', 'day')
"""

from __future__ import annotations

from deathtoll.model import Article, Report
from deathtoll.options import Options
from deathtoll.resolve.attach import attach_dates, attach_places
from deathtoll.resolve.cities import city_of
from deathtoll.resolve.dates import DateMention, find_dates
from deathtoll.resolve.gazetteer import Candidate, Gazetteer, default_path, open_gazetteer
from deathtoll.resolve.mentions import load_words
from deathtoll.resolve.places import Located, locate
from deathtoll.resolve.text import TextIndex
from deathtoll.resolve.title import outlet_of
from deathtoll.resolve.userdata import LoadResult, add_csv, add_geonames

__all__ = [
    "resolve",
    "resolve_places",
    "resolve_dates",
    "locate_places",
    "find_dates",
    "Gazetteer",
    "Candidate",
    "Located",
    "DateMention",
    "LoadResult",
    "add_geonames",
    "add_csv",
    "open_gazetteer",
    "default_path",
    "city_of",
]


def _words(options: Options | None):
    extra = (options.extra if options else None) or {}
    return load_words(extra.get("place_words"), extra.get("place_stoplist"))


def _gazetteer(options: Options | None, gazetteer: Gazetteer | None) -> Gazetteer:
    if gazetteer is not None:
        return gazetteer
    return open_gazetteer(options.gazetteer if options and options.gazetteer else None)


def locate_places(article: Article, options: Options | None = None, *, gazetteer: Gazetteer | None = None) -> list[Located]:
    """Every place mention of an article and of its title, resolved (see
    :func:`deathtoll.resolve.places.locate`: a headline's mentions have negative offsets)."""
    return locate(article.text, _gazetteer(options, gazetteer), _words(options), title=article.title,
                  source=outlet_of(article))


def resolve_places(article: Article, reports: list[Report], options: Options | None = None, *,
                   gazetteer: Gazetteer | None = None) -> list[Report]:
    """Fill the ``place`` of each report from its clause, sentence, paragraph,
    the dateline, the headline, the article's main place or the outlet's town.

    Args:
        article: The article the reports come from.
        reports: Its reports (their evidence offsets point into ``article.text``).
        options: Run options (``gazetteer`` path, ``extra["place_words"]``,
            ``extra["place_stoplist"]``).
        gazetteer: An open gazetteer to use instead of the one ``options`` name.

    Returns:
        New reports; rules such as ``place:clause`` are appended to their evidence.

    Raises:
        GazetteerError: The gazetteer cannot be opened or compiled.
    """
    if not reports:
        return []
    index = TextIndex(article.text)
    located = locate(article.text, _gazetteer(options, gazetteer), _words(options), index, title=article.title,
                     source=outlet_of(article))
    return attach_places(list(reports), located, index, _words(options))


def resolve_dates(article: Article, reports: list[Report], options: Options | None = None) -> list[Report]:
    """Fill the ``date`` of each report against ``article.published``.

    Args:
        article: The article (``published`` anchors "Friday", "last week" …).
        reports: Its reports.
        options: Run options (unused today; kept for symmetry).

    Returns:
        New reports; rules such as ``date:weekday`` are appended to their evidence.
    """
    if not reports:
        return []
    return attach_dates(article, list(reports), TextIndex(article.text))


def resolve(article: Article, reports: list[Report], options: Options | None = None, *,
            gazetteer: Gazetteer | None = None) -> list[Report]:
    """Fill place and date of each report (the resolve stage of the pipeline).

    Args:
        article: The article the reports come from.
        reports: Its reports.
        options: Run options; ``resolve_places`` / ``resolve_dates`` switch the halves.
        gazetteer: An open gazetteer to use instead of the one ``options`` name.

    Returns:
        The reports with ``place`` and ``date`` set and the deciding rules in
        ``evidence.rules``.

    Raises:
        GazetteerError: The gazetteer cannot be opened or compiled.
    """
    out = list(reports)
    if not out:
        return out
    if options is None or options.resolve_places:
        out = resolve_places(article, out, options, gazetteer=gazetteer)
    if options is None or options.resolve_dates:
        out = resolve_dates(article, out, options)
    return out
