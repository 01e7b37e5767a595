"""deathtoll: turn conflict news into an auditable casualty database."""

from __future__ import annotations

__version__ = "0.1.0"

from deathtoll.errors import DeathtollError, InputError, StoreError
from deathtoll.model import Article, ArticleResult, Check, Count, Incident, Place, DateRange, Report, Victims
from deathtoll.options import Options


def __getattr__(name: str):
    """Stage functions are imported on first use, so ``import deathtoll`` stays cheap."""
    lazy = {
        "read_articles": ("deathtoll.ingest", "read_articles"),
        "extract_reports": ("deathtoll.extract", "extract_reports"),
        "resolve": ("deathtoll.resolve", "resolve"),
        "summarise_article": ("deathtoll.link", "summarise_article"),
        "open_store": ("deathtoll.store", "open_store"),
        "export": ("deathtoll.publish", "export"),
        "Pipeline": ("deathtoll.pipeline", "Pipeline"),
        "RunSummary": ("deathtoll.pipeline", "RunSummary"),
        "evaluate": ("deathtoll.evaluate", "evaluate"),
    }
    if name in lazy:
        import importlib

        module, attr = lazy[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'deathtoll' has no attribute {name!r}")

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
    "Pipeline",
    "RunSummary",
    "evaluate",
    "export",
    "extract_reports",
    "open_store",
    "read_articles",
    "resolve",
    "summarise_article",
    "Place",
    "Report",
    "StoreError",
    "Victims",
]
