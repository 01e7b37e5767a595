"""Reading counts as written: ``word_value`` for one number, ``parse_count`` for a
whole count phrase with its qualifier ("at least seven", "between 10 and 15",
"dozens"). No spaCy here: these are plain functions.

The qualifier rules follow DESIGN.md: "at least N" gives low = best = N; "more
than N" gives N+1; "nearly / about / some N" widen the range around N; "N to M"
gives low N and high M; vague words take their range from ``vague.tsv``.
"""

from __future__ import annotations

import pytest

from deathtoll.extract.lexicon import load_lexicon
from deathtoll.extract.numbers import QUALIFIERS, parse_count, word_value
from deathtoll.extract.victims import age_of

VAGUE = load_lexicon().vague


@pytest.mark.parametrize(
    "word,value",
    [
        ("12", 12),  # plain digits
        ("1,500", 1500),  # a thousands separator
        ("630,000", 630000),  # two groups of digits
        ("1,500,000", 1500000),  # three groups
        ("1500.", 1500),  # a full stop at the end of a sentence
        ("seven", 7),  # a number word
        ("Fourteen", 14),  # capitalised
        ("twenty-three", 23),  # hyphenated compound
        ("twenty three", 23),  # unhyphenated compound
        ("a hundred", 100),  # "a" for one
        ("a hundred and five", 105),  # "and" inside a compound
        ("one hundred five", 105),  # without "and"
        ("three hundred", 300),  # hundreds
        ("ten thousand", 10000),  # thousands in words
        ("1.5 thousand", 1500),  # digits with a scale word
        ("2 million", 2000000),  # millions
        ("a dozen", 12),  # a dozen
        ("two dozen", 24),  # N dozen
        ("one", 1),  # one
        ("An", 1),  # an article is one
        ("another", 1),  # another is one
        ("both", 2),  # both is two
        ("no", 0),  # an explicit zero
        ("zero", 0),  # zero
        ("1,50", None),  # a broken separator is not a number
        ("first", None),  # an ordinal is not a count
        ("third", None),  # an ordinal is not a count
        ("1990s", None),  # a decade is not a count
        ("9-year-old", None),  # an age is not a count
        ("half", None),  # a fraction is not a count
        ("", None),  # nothing
    ],
)
def test_word_value(word, value):
    assert word_value(word) == value


# The cases the extractor gets wrong today (strict: remove the entry when fixed).
_XFAIL: dict[str, str] = {}


def _params(rows: list) -> list:
    out = []
    for row in rows:
        key = row if isinstance(row, str) else row[0]
        marks = [pytest.mark.xfail(strict=True, reason=_XFAIL[key])] if key in _XFAIL else []
        out.append(pytest.param(*((row,) if isinstance(row, str) else row), marks=marks, id=key))
    return out


COUNTS = _params(
    [
        ("seven", 7, 7, 7),  # an exact number
        ("1,500", 1500, 1500, 1500),  # an exact number with a separator
        ("at least seven", 7, 7, 7),  # "at least N": low = best = N
        ("no fewer than 12", 12, 12, 12),  # "no fewer than" is "at least"
        ("a minimum of 5", 5, 5, 5),  # "a minimum of" is "at least"
        ("more than 120", 121, 121, 121),  # "more than N": N+1
        ("more than 1,500", 1501, 1501, 1501),  # "more than" with a separator
        ("over 30", 31, 31, 31),  # "over" is "more than"
        ("upwards of 60", 61, 61, 61),  # "upwards of" is "more than"
        ("in excess of 200", 201, 201, 201),  # "in excess of" is "more than"
        ("nearly 200", 180, 200, 200),  # "nearly N": up to 10% below
        ("nearly 5", 4, 5, 5),  # "nearly" for a small number: one below
        ("almost 100", 90, 100, 100),  # "almost" is "nearly"
        ("close to 50", 45, 50, 50),  # "close to" is "nearly"
        ("just under 40", 36, 40, 40),  # "just under" is "nearly"
        ("about 40", 36, 40, 44),  # "about N": 10% either side
        ("about 4", 3, 4, 5),  # "about" for a small number: one either side
        ("around 120", 108, 120, 132),  # "around" is "about"
        ("approximately 1,000", 900, 1000, 1100),  # "approximately" is "about"
        ("roughly 630,000", 567000, 630000, 693000),  # "roughly" is "about"
        ("an estimated 250,000", 225000, 250000, 275000),  # "an estimated" is "about"
        ("some 300", 270, 300, 330),  # "some" is "about"
        ("some 5", 4, 5, 6),  # "some" for a small number
        ("about 50", 45, 50, 55),  # 10% of 50 is exactly 5
        ("about 200", 180, 200, 220),  # 10% of 200 is exactly 20
        ("some 450", 405, 450, 495),  # 10% of 450 is exactly 45
        ("up to 15", 1, 15, 15),  # "up to N": at least one, at most N
        ("as many as 40", 1, 40, 40),  # "as many as" is "up to"
        ("at most 9", 1, 9, 9),  # "at most" is "up to"
        ("fewer than 10", 9, 9, 9),  # "fewer than N": below N
        ("less than 5", 4, 4, 4),  # "less than" for a small number
        ("10 to 15", 10, 10, 15),  # a range: low N, high M, best conservative
        ("between 10 and 15", 10, 10, 15),  # "between N and M"
        ("Ten to 15", 10, 10, 15),  # a range mixing words and digits
        ("10-15", 10, 10, 15),  # a hyphenated range
        ("ten or twelve", 10, 10, 12),  # "N or M"
        ("5 or 6", 5, 5, 6),  # "N or M" in digits
        ("a further 18", 18, 18, 18),  # "a further N" is exact (and additive)
        ("another three", 3, 3, 3),  # "another N" is exact
        ("the three", 3, 3, 3),  # a definite count
        ("all 12", 12, 12, 12),  # "all N"
        ("twenty-three", 23, 23, 23),  # a compound number word
        ("a hundred and five", 105, 105, 105),  # a compound with "and"
        ("a", 1, 1, 1),  # an article is one
        ("dozens", 12, 24, 99),  # vague.tsv: dozens
        ("Dozens of", 12, 24, 99),  # a trailing "of" is dropped
        ("scores", 40, 40, 199),  # vague.tsv: scores
        ("hundreds of", 100, 200, 999),  # vague.tsv: hundreds
        ("thousands", 1000, 2000, 9999),  # vague.tsv: thousands
        ("tens of thousands", 10000, 20000, 99999),  # vague.tsv: tens of thousands
        ("several", 3, 3, 9),  # vague.tsv: several (ACLED: 3)
        ("a few", 3, 3, 5),  # vague.tsv: a few (ACLED: 3)
        ("several dozen", 24, 36, 99),  # vague.tsv: several dozen
        ("several hundred", 200, 300, 999),  # vague.tsv: several hundred
        ("a few hundred", 200, 300, 500),  # vague.tsv: a few hundred
        ("many", 3, 10, 99),  # vague.tsv: many
        ("numerous", 3, 10, 99),  # vague.tsv: numerous
        ("a couple of", 2, 2, 2),  # vague.tsv: a couple of
        ("both", 2, 2, 2),  # vague.tsv: both
        ("a handful of", 3, 3, 5),  # vague.tsv: a handful of
        ("a number of", 3, 3, 9),  # vague.tsv: a number of
        ("at least dozens", 12, 24, 99),  # "at least" keeps a vague range
        ("more than a dozen", 13, 13, 13),  # "more than" a vague exact word: N+1
    ]
)


@pytest.mark.parametrize("text,low,best,high", COUNTS)
def test_parse_count(text, low, best, high):
    c = parse_count(text, VAGUE)
    assert c is not None
    assert (c.low, c.best, c.high) == (low, best, high)
    assert c.text == text




@pytest.mark.parametrize(
    "text",
    [
        "banana",  # not a number
        "seven more",  # a count followed by "more" is read by the caller, not here
        "15 to 10",  # a range that runs backwards
        "the",  # a qualifier alone
        "at least",  # a qualifier alone
        "1.500",  # a European thousands separator is ambiguous: refused
    ],
)
def test_parse_count_refuses(text):
    assert parse_count(text, VAGUE) is None


@pytest.mark.parametrize("qualifier", sorted({q for q, _ in QUALIFIERS}))
@pytest.mark.parametrize("n", [1, 4, 10, 45, 200, 1500])
def test_every_qualifier_gives_an_ordered_range(qualifier, n):
    # whatever the qualifier, low <= best <= high and the range stays near N
    c = parse_count(f"{qualifier} {n}", VAGUE)
    assert c is not None, qualifier
    assert 0 <= c.low <= c.best <= c.high
    assert c.low <= n + 1 and c.high >= n - 1 and c.high <= n * 1.1 + 1


@pytest.mark.parametrize("phrase", _params(sorted(VAGUE)))
def test_every_vague_row_is_read(phrase):
    # each row of vague.tsv is read back as its own range (a row the reader cannot reach is dead data)
    c = parse_count(phrase, VAGUE)
    assert c is not None and (c.low, c.best, c.high) == VAGUE[phrase]


def test_vague_rows_are_ordered():
    for phrase, (lo, be, hi) in VAGUE.items():
        assert 0 <= lo <= be <= hi, phrase


def test_user_vague_table_overrides_the_packaged_one():
    # parse_count takes the vague table as an argument: a user's row wins
    mine = dict(VAGUE, dozens=(24, 30, 60))
    c = parse_count("dozens", mine)
    assert (c.low, c.best, c.high) == (24, 30, 60)
    assert parse_count("dozens") is None  # no table: vague words are not numbers


@pytest.mark.parametrize("word, age", [
    ("17-year-old", 17),  # digits
    ("twenty-one-year-olds", 21),  # a compound number word, plural
    ("9-years-old", 9),  # "years" as some outlets write it
    ("five-month-old", 0),  # months: under a year
    ("all-year-old", None),  # not a number
    ("year-old", None),  # no number at all
    ("17-year", None),  # not an age word
])
def test_age_words(word, age):
    # an age word is a person's age, never a casualty count
    assert age_of(word) == age
