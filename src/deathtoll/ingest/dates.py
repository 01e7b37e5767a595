"""Publication dates from the strings input files carry.

A publication date is read from what the input says and never from the clock:
relative expressions ("yesterday", "2 hours ago") and dates without a month and
year are refused rather than completed with today's date.
"""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["LANGUAGES", "parse_published"]

_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": False,
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    # Only absolute dates: the relative-time and timestamp parsers read the clock.
    "PARSERS": ["custom-formats", "absolute-time"],
    # A date missing its year or month would be completed from today.
    "REQUIRE_PARTS": ["month", "year"],
}


# Languages tried for written-out dates. Letting dateparser guess among all of
# its languages costs seconds on first use; these cover most conflict news.
LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "ar", "tr", "fa", "ru", "uk")


def parse_published(value: object, language: str | None = None) -> date | None:
    """Read a publication date.

    Accepts ISO 8601 dates and datetimes (``2017-03-04``, ``2017-03-04T10:00:00Z``),
    RFC 822 dates as RSS writes them (``Sat, 04 Mar 2017 10:00:00 +0300``, read
    as the local calendar day, not shifted to UTC) and the common written forms
    (``4 March 2017``, ``March 4, 2017``, ``March 2017`` → the 1st).

    Args:
        value: a string, a ``date``/``datetime``, or None / "" for no date.
        language: the article's language (ISO 639-1), tried first for dates
            written out in words; then :data:`LANGUAGES`.

    Returns:
        The calendar date, or None when there is none.

    Raises:
        ValueError: the value is not a date this function can read.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a date string: {value!r}")
    s = value.strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("z", "Z")).date()
    except ValueError:
        pass
    if "," in s[:5]:  # "Sat, 04 Mar 2017 …": the RFC 822 form of RSS
        try:
            return parsedate_to_datetime(s).date()
        except (TypeError, ValueError, IndexError):
            pass
    import dateparser

    languages = list(dict.fromkeys(([language.lower()] if language else []) + list(LANGUAGES)))
    try:
        parsed = dateparser.parse(s, languages=languages, settings=_DATEPARSER_SETTINGS)
    except ValueError:  # a language dateparser does not know
        parsed = dateparser.parse(s, languages=list(LANGUAGES), settings=_DATEPARSER_SETTINGS)
    except (OverflowError, TypeError):
        parsed = None
    if parsed is None:
        raise ValueError(f"not a date: {value!r}")
    return parsed.date()
