"""The TF-IDF weights built with array operations are the floats a row-by-row build gives, and
linking leaves the garbage collector as it found it."""

from __future__ import annotations

import gc
import math
from collections import Counter

import numpy as np
import pytest

from deathtoll.link.across import link_incidents
from deathtoll.link.similarity import LexicalSimilarity, content_tokens
from test_link_across_helpers import one

TEXTS = [
    "Seven people were killed when a car bomb exploded near the Bab al-Tob market in Mosul on Friday.",
    "A car bomb killed seven near a market in Mosul, police said.",
    "",  # no words at all: a row of zeros
    "the and of",  # only stop words: a row of zeros too
    "Mortar mortar mortar shells hit the bakery bakery in Tal Afar, killing three.",
    # more than eight and more than 128 distinct words: numpy sums such rows in blocks, not one by one
    " ".join(f"word{k} " * (1 + k % 3) for k in range(150)),
    "Gunmen shot dead 12 policemen at a checkpoint near Kirkuk; twelve others were wounded.",
]


def _row_by_row(texts):
    """The weights as a plain loop gives them: one numpy row at a time, as fit built them up to session 10."""
    vocab: dict[str, int] = {}
    bags = [Counter(vocab.setdefault(t, len(vocab)) for t in content_tokens(x)) for x in texts]
    df = np.zeros(len(vocab))
    for bag in bags:
        for t in bag:
            df[t] += 1
    idf = np.log((len(bags) + 1) / (1 + df)) + 1.0
    rows = []
    for bag in bags:
        toks = sorted(bag)
        w = np.array([(1.0 + math.log(bag[t])) * idf[t] for t in toks])
        rows.append((toks, (w / (float(np.sqrt((w * w).sum())) or 1.0)).tolist()))
    return rows


@pytest.mark.parametrize("texts", [TEXTS, TEXTS[::-1], TEXTS[:1], TEXTS * 3])
def test_tfidf_rows_are_the_row_by_row_floats(texts):
    matrix = LexicalSimilarity().fit(texts).matrix
    for n, (toks, weights) in enumerate(_row_by_row(texts)):
        row = matrix.getrow(n)
        assert row.indices.tolist() == toks
        assert row.data.tolist() == weights  # the same floats, not merely close ones


def test_linking_leaves_the_garbage_collector_as_it_was():
    items = [one("a1", "A car bomb killed seven in Mosul.", 7), one("a2", "Seven were killed by a car bomb in Mosul.", 7)]
    assert gc.isenabled()
    assert len(link_incidents(items).incidents) == 1
    assert gc.isenabled()
    gc.disable()
    try:
        assert len(link_incidents(items).incidents) == 1
        assert not gc.isenabled()
    finally:
        gc.enable()
