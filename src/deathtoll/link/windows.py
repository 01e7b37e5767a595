"""The items of one blocking key whose date windows meet a window, read without a scan of the rest.

Blocking (:class:`~deathtoll.link.blocking.PlaceIndex`) files every item under
its keys (map cell, name, GeoNames id, admin1, country) with its date window
(its dates widened by their slack, or the days around its publication). A
key's items sorted by the start of their windows must be read from "the
window's start less the longest window filed under the key": one item dated
to a month there (a window of three months) made every day-dated item of the
key read three months of items to find the few days that meet its own.
:class:`WindowLists` groups each key's items by the length of their window,
so that a search reads, in each group, only the items whose window meets
the one searched.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Mapping, Sequence

__all__ = ["WindowLists"]


class WindowLists:
    """Per key, the items grouped by the length of their date window, each group sorted by its start.

    Args:
        index: per key, ``(window start, item)`` pairs.
        intervals: per item, its window ``(start, end)`` (None: not filed).
    """

    def __init__(self, index: Mapping[tuple, Sequence[tuple[int, int]]],
                 intervals: Sequence[tuple[int, int] | None]) -> None:
        self._groups: dict[tuple, list[tuple[int, list[int], list[int]]]] = {}
        for key, entries in index.items():
            by_width: dict[int, tuple[list[int], list[int]]] = {}
            for lo, j in sorted(entries):
                width = intervals[j][1] - lo  # type: ignore[index]
                starts, items = by_width.setdefault(width, ([], []))
                starts.append(lo)
                items.append(j)
            self._groups[key] = [(width, *by_width[width]) for width in sorted(by_width)]

    def meeting(self, key: tuple, lo: int, hi: int, floor: int | None = None) -> list[int]:
        """The items filed under ``key`` whose window meets ``lo..hi`` (and starts at ``floor`` or later).

        Grouped by the length of their window, then by its start.
        """
        out: list[int] = []
        for width, starts, items in self._groups.get(key, ()):
            first = lo - width if floor is None or floor < lo - width else floor
            out.extend(items[bisect_left(starts, first):bisect_right(starts, hi)])
        return out
