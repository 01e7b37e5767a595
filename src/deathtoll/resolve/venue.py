"""Venues named after a town of their article ("Ashby Soundstage" in Ashby)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deathtoll.resolve.normalize import fold

if TYPE_CHECKING:
    from deathtoll.resolve.mentions import Mention
    from deathtoll.resolve.places import Located

__all__ = ["named_after"]


def named_after(m: Mention, towns: list[Located]) -> Located | None:
    """A town or county of the article whose name opens a longer name the index lacks
    ("Ashby Soundstage", "Ashby Valley State" with "Ashby County", "North Ashby
    Cook-Out" is not): the venue lies in it. A street is named after towns anywhere
    ("Ashby Road"), so it never counts.

    Args:
        m: The unknown name.
        towns: The towns and counties the article's places resolved to.

    Returns:
        The place it opens with, or None.
    """
    if m.kind == "street":
        return None
    name = fold(m.written)
    for loc in towns:
        if loc.mention is m or loc.mention.start == m.start:
            continue
        if loc.place.precision == "district" and loc.mention.kind != "district":
            continue
        base = fold(loc.mention.name)  # a county's name without its kind word: "Ashby County" names "Ashby …"
        if base and name.startswith(base + " "):
            return loc
    return None

