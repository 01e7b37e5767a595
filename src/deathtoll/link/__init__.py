"""Linking: reports into incidents within an article, and incidents across articles."""

from __future__ import annotations

from deathtoll.link.within import summarise_article

__all__ = ["summarise_article"]
