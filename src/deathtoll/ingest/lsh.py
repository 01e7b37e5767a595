"""A compact LSH index over MinHash signatures (banding), for duplicate detection.

datasketch's ``MinHashLSH`` keeps a Python set per bucket and a copy of every
key's band hashes: about 12 KiB per remembered article (measured on the dev
data), too much to seed a deduplicator with a large store; with this index the
whole deduplicator needs about 4 KiB. This index keeps, per band, one dict entry
whose value is a row number (or a list of them when several articles share the
bucket), and the signatures themselves in one NumPy array owned by the caller.
The banding parameters are chosen the way datasketch chooses them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

import numpy as np

__all__ = ["BandIndex", "optimal_bands"]


@lru_cache(maxsize=32)
def optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band that minimise false positives plus false negatives.

    For ``b`` bands of ``r`` rows, a pair with Jaccard ``s`` becomes a candidate
    with probability ``1 - (1 - s**r)**b``. The false-positive area (below the
    threshold) and false-negative area (above it) are weighed equally.
    """
    xs = np.linspace(0.0, 1.0, 401)
    dx = xs[1] - xs[0]
    below, above = xs <= threshold, xs >= threshold
    best, best_err = (1, num_perm), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            p = 1.0 - (1.0 - xs**r) ** b
            err = float(np.sum(p[below]) + np.sum(1.0 - p[above])) * dx
            if err < best_err:
                best, best_err = (b, r), err
    return best


class BandIndex:
    """Rows of MinHash signatures hashed band by band into buckets.

    Args:
        threshold: the Jaccard similarity around which pairs should become
            candidates.
        num_perm: the signature length.
    """

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands, self.rows = optimal_bands(round(threshold, 3), num_perm)
        self._buckets: dict[int, int | list[int]] = {}

    def _keys(self, signature: np.ndarray) -> Iterator[int]:
        raw = np.ascontiguousarray(signature[: self.bands * self.rows], dtype=np.uint32).tobytes()
        step = self.rows * 4
        for band in range(self.bands):
            yield hash((band, raw[band * step:(band + 1) * step]))

    def insert(self, row: int, signature: np.ndarray) -> None:
        """Put row ``row`` with this signature into its buckets."""
        buckets = self._buckets
        for key in self._keys(signature):
            held = buckets.get(key)
            if held is None:
                buckets[key] = row
            elif isinstance(held, list):
                held.append(row)
            else:
                buckets[key] = [held, row]

    def query(self, signature: np.ndarray) -> set[int]:
        """Rows sharing at least one bucket with this signature."""
        found: set[int] = set()
        buckets = self._buckets
        for key in self._keys(signature):
            held = buckets.get(key)
            if held is None:
                continue
            if isinstance(held, list):
                found.update(held)
            else:
                found.add(held)
        return found
