"""Duplicate articles: exact copies and syndicated near-copies, and what is not a copy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from deathtoll.ingest import Deduplicator, read_articles
from deathtoll.ingest.lsh import BandIndex, optimal_bands
from deathtoll.model import Article

REPO = Path(__file__).resolve().parents[1]

# An invented wire story, as the first outlet ran it.
WIRE = (
    "KIRKUK, Iraq — A car bomb exploded outside a police station in southern Kirkuk on Tuesday "
    "morning, killing six policemen and two civilians and wounding 17 people, a police colonel said.\n\n"
    "The explosives-packed car was parked near the main gate and blew up as officers were changing "
    "shifts, the colonel said, adding that the blast destroyed several shops across the street.\n\n"
    "Ambulances carried the wounded to Azadi hospital, where a doctor said four of them were in "
    "serious condition. Security forces sealed off the area and began searching nearby houses.\n\n"
    "No group immediately claimed responsibility, but the Islamic State has carried out similar "
    "attacks on police in the province since losing ground around Hawija.\n\n"
    "Kirkuk, a city of Kurds, Arabs and Turkmen, has been spared the worst of the fighting."
)


def syndicated(text: str) -> str:
    """What a second outlet runs: its own dateline, the same story, a rewritten last sentence."""
    body = text.split("—", 1)[1].strip()
    paragraphs = body.split("\n\n")[:-1]
    paragraphs.append("The province's governor called an emergency meeting of security chiefs on Tuesday afternoon.")
    return "KIRKUK, Iraq, Nov 8 (Demo Press) - " + "\n\n".join(paragraphs)


# Another story on the same topic: a different bombing in the same city.
OTHER_STORY = (
    "KIRKUK, Iraq — A roadside bomb struck a police patrol on the road to Daquq on Wednesday, killing "
    "two policemen and wounding three, officials said.\n\n"
    "The patrol was returning from a village where officers had been investigating the theft of "
    "livestock, a police spokesman said. The bomb had been buried in the gravel shoulder.\n\n"
    "Police said they suspected the same cell that attacked a station in the city a day earlier, and "
    "that two suspects had been detained for questioning.\n\n"
    "Kirkuk province has seen a string of attacks on police in recent weeks."
)

# An update with a new toll: new lead, background paragraphs reused.
UPDATE = (
    "KIRKUK, Iraq — The toll from Tuesday's car bombing outside a police station in southern Kirkuk "
    "rose to 11 on Wednesday after three of the wounded died in hospital, a health official said.\n\n"
    + "\n\n".join(WIRE.split("\n\n")[1:4])
)


def art(id_: str, text: str, title: str | None = None) -> Article:
    return Article(id=id_, text=text, title=title)


@pytest.mark.parametrize(
    "copy_text, expected",
    [
        # the same text: an exact copy
        (WIRE, "wire"),
        # exact after case, punctuation and spacing
        (WIRE.upper().replace(",", " ").replace("\n\n", "\n"), "wire"),
        # syndicated: new dateline, same body, rewritten last sentence
        (syndicated(WIRE), "wire"),
        # cut short after the third paragraph
        ("\n\n".join(WIRE.split("\n\n")[:3]), "wire"),
        # a different story on the same topic in the same city
        (OTHER_STORY, None),
        # an update with a new toll in a new lead is news, not a copy
        (UPDATE, None),
        # the same text with one figure changed in the lead
        (WIRE.replace("killing six policemen", "killing seven policemen"), None),
        # the same text with a figure changed after the lead: still a copy
        (WIRE.replace("four of them", "three of them"), "wire"),
    ],
)
def test_check(copy_text, expected):
    dedup = Deduplicator()
    assert dedup.check(art("wire", WIRE, "Car bomb kills eight at Kirkuk police station")) is None
    assert dedup.check(art("second", copy_text, "A different headline")) == expected


def test_copies_point_at_the_original_and_are_not_remembered():
    dedup = Deduplicator()
    dedup.check(art("wire", WIRE))
    assert dedup.check(art("copy1", syndicated(WIRE))) == "wire"
    assert dedup.check(art("copy2", WIRE)) == "wire"
    assert "copy1" not in dedup and len(dedup) == 1


def test_same_id_again_is_not_a_copy_of_itself():
    dedup = Deduplicator()
    assert dedup.check(art("wire", WIRE)) is None
    assert dedup.check(art("wire", WIRE)) is None


def test_seeding_with_add():
    dedup = Deduplicator()
    dedup.add("stored-1", WIRE)
    dedup.add("stored-2", OTHER_STORY)
    dedup.add("stored-1", "ignored: the id is known")
    assert len(dedup) == 2
    assert dedup.check(art("new", syndicated(WIRE))) == "stored-1"
    assert dedup.check(art("new2", OTHER_STORY)) == "stored-2"


def test_a_roundup_quoting_a_short_report_is_not_its_copy():
    short = WIRE.split("\n\n")[0]
    roundup = "At least 30 people were killed across Iraq today:\n\n" + short + "\n\n" + OTHER_STORY
    dedup = Deduplicator()
    dedup.check(art("short", short))
    assert dedup.check(art("roundup", roundup)) is None


def test_short_texts():
    dedup = Deduplicator()
    assert dedup.check(art("a", "Two killed in Mosul.")) is None
    assert dedup.check(art("b", "two killed in mosul")) == "a"
    assert dedup.check(art("c", "Three killed in Mosul.")) is None


def test_similarity_explains_the_decision():
    scores = Deduplicator().similarity(syndicated(WIRE), WIRE)
    assert set(scores) == {"jaccard", "containment", "lead", "lead_numbers_agree", "score"}
    assert scores["jaccard"] < 0.8 <= scores["score"]  # Jaccard alone would miss this copy
    assert Deduplicator().similarity(OTHER_STORY, WIRE)["score"] < 0.3


def test_threshold_is_checked():
    with pytest.raises(ValueError):
        Deduplicator(threshold=0)


def test_examples_have_no_duplicates():
    # Three outlets tell the same car bomb in their own words: none is a copy.
    articles = list(read_articles([REPO / "examples"]))
    dedup = Deduplicator()
    assert [a.id for a in articles if dedup.check(a)] == []


def test_text_without_words_is_never_a_copy():
    dedup = Deduplicator()
    assert dedup.check(art("dash", "— … —")) is None
    assert dedup.check(art("dash2", "— … —")) is None
    assert len(dedup) == 0


@pytest.mark.parametrize(
    "threshold",
    [
        0.4,  # the candidate threshold the deduplicator uses by default
        0.8,  # a strict one
    ],
)
def test_optimal_bands(threshold):
    bands, rows = optimal_bands(threshold, 128)
    assert bands * rows <= 128
    # the S-curve's midpoint sits near the threshold
    assert abs((1 / bands) ** (1 / rows) - threshold) < 0.15


def test_band_index():
    rng = np.random.default_rng(7)
    a = rng.integers(0, 2**32, 128, dtype=np.uint32)
    half = a.copy()
    half[:64] = rng.integers(0, 2**32, 64, dtype=np.uint32)  # the second half of the bands intact
    scattered = a.copy()
    scattered[::2] = rng.integers(0, 2**32, 64, dtype=np.uint32)  # as many changes, in every band
    other = rng.integers(0, 2**32, 128, dtype=np.uint32)  # unrelated
    index = BandIndex(0.4, 128)
    assert index.query(a) == set()  # empty index
    index.insert(0, a)
    index.insert(1, a)  # two rows in one bucket
    assert index.query(a) == {0, 1}
    assert index.query(half) == {0, 1}
    assert index.query(scattered) == set()
    assert index.query(other) == set()
