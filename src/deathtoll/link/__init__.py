"""Linking: reports into incidents within an article, and incidents across articles."""

from __future__ import annotations

from deathtoll.link.across import link_incidents
from deathtoll.link.checks_store import store_checks
from deathtoll.link.explain import explain_pair
from deathtoll.link.export_codes import acled_row, ucdp_row
from deathtoll.link.items import LinkItem, LinkOptions, LinkResult, PairDecision, items_from_result, items_from_results
from deathtoll.link.manual import ManualDecision, ManualDecisions
from deathtoll.link.reconcile import reconcile
from deathtoll.link.within import summarise_article

__all__ = [
    "LinkItem",
    "LinkOptions",
    "LinkResult",
    "ManualDecision",
    "ManualDecisions",
    "PairDecision",
    "acled_row",
    "explain_pair",
    "items_from_result",
    "items_from_results",
    "link_incidents",
    "reconcile",
    "store_checks",
    "summarise_article",
    "ucdp_row",
]
