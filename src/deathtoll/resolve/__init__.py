"""Places and dates (being written by a helper)."""
from __future__ import annotations

from deathtoll.model import Article, Report
from deathtoll.options import Options


def resolve(article: Article, reports: list[Report], options: Options | None = None) -> list[Report]:
    """Fill place and date of each report."""
    return list(reports)
