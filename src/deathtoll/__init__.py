"""deathtoll: turn conflict news into an auditable casualty database."""

from __future__ import annotations

__version__ = "0.1.0"

from deathtoll.errors import DeathtollError, InputError, StoreError
from deathtoll.model import Article, ArticleResult, Check, Count, Incident, Place, DateRange, Report, Victims
from deathtoll.options import Options

__all__ = [
    "__version__",
    "Article",
    "ArticleResult",
    "Check",
    "Count",
    "DateRange",
    "DeathtollError",
    "Incident",
    "InputError",
    "Options",
    "Place",
    "Report",
    "StoreError",
    "Victims",
]
