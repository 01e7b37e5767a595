"""When two incidents' dates allow one event: the gap between them, and follow-ups.

A follow-up is an incident dated only by its publication day (or by a day
of its own news: the arrest, the death; or by a year) that may tell of an
event some time before: :func:`followup_gap` says how long before, when it
may.
"""

from __future__ import annotations

from deathtoll.link.features import Features
from deathtoll.link.items import LinkOptions

__all__ = ["date_gap", "followup_window", "followup_gap", "followup_days", "FOLLOWED"]

#: Place relations at which a follow-up is compared with an earlier event: one place, one inside the
#: other, or two places within ``near_km`` (the arrest story names the quarter, the event's the town).
FOLLOWED = ("same", "inside", "near")


def date_gap(a: Features, b: Features) -> int:
    """Days between two known date ranges (0 when they overlap)."""
    gap = (a.start if a.start > b.start else b.start) - (a.end if a.end < b.end else b.end)  # type: ignore[operator]
    return gap if gap > 0 else 0


def followup_window(f: Features, opts: LinkOptions) -> int:
    """Days before its publication the event of a publication-dated incident may lie.

    A follow-up's words (an arrest, a funeral, a victim named) allow
    ``followup_window``, the court stage's (a trial, a plea, a sentence)
    ``court_window``; without them, ``bounded_window`` (a story told weeks
    later in other words: a victim's family speaks, a copy archived late).
    A year the incident states ("last year") reaches back to its first day
    (``Features.reach``): the window blocking searches.
    """
    base = _window(f, opts)
    return base if base >= f.reach[1] else f.reach[1]


def _window(f: Features, opts: LinkOptions) -> int:
    """Days before publication its words let a publication-dated incident's event lie."""
    return opts.court_window if f.court else opts.followup_window if f.follow_up else opts.bounded_window


def followup_gap(later: Features, earlier: Features, opts: LinkOptions) -> int | None:
    """Days from ``earlier``'s event to ``later``'s publication when ``later`` may be its follow-up.

    ``later`` must have only its publication day as a date (``bounded``): it
    may tell of an event some time before (see :func:`followup_window`), or
    in the year it states (``Features.reach``).
    None when the dates already meet (within the slack of their
    precisions), when ``earlier`` happened after that day, or too long before.
    """
    if not (later.bounded and later.date_known and earlier.date_known):
        return None
    gap = later.end - earlier.end  # type: ignore[operator]
    if earlier.start > later.end or date_gap(later, earlier) <= max(later.slack, earlier.slack):  # type: ignore
        return None
    last, first = later.reach
    in_year = first > 0 and last <= gap + earlier.slack and gap - earlier.slack <= first
    return gap if gap <= _window(later, opts) or in_year else None


def followup_days(a: Features, b: Features, opts: LinkOptions) -> int | None:
    """Days from one's event to the other's publication when either is a follow-up of the other."""
    gap = followup_gap(a, b, opts) if a.bounded else None
    if gap is None and b.bounded:
        gap = followup_gap(b, a, opts)
    return gap
