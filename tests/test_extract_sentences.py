"""Cheap sentence splitting and the trigger pre-filter (no spaCy).

``split_sentences`` must keep exact character offsets into the article text
(evidence spans depend on them) and number paragraphs; ``candidates`` keeps
only the sentences that can hold a casualty statement, so that only those are
parsed.
"""

from __future__ import annotations

import pytest

from deathtoll.extract.lexicon import load_lexicon
from deathtoll.extract.sentences import candidates, split_sentences, trigger_pattern

LEX = load_lexicon()


@pytest.mark.parametrize(
    "text,expected",
    [
        # two plain sentences
        ("Gunmen attacked a bus. Four people were killed.", ["Gunmen attacked a bus.", "Four people were killed."]),
        # "U.S." and "U.N." are not sentence ends
        ("The U.S. military said two soldiers died. The U.N. agreed.",
         ["The U.S. military said two soldiers died.", "The U.N. agreed."]),
        # "Mr." and "p.m." inside a sentence
        ("Mr. Smith was shot at 9 p.m. on Friday. He died later.",
         ["Mr. Smith was shot at 9 p.m. on Friday.", "He died later."]),
        # military ranks and "I.E.D."
        ("Lt. Col. Ahmed said the I.E.D. killed two. Sgt. Jones was hurt.",
         ["Lt. Col. Ahmed said the I.E.D. killed two.", "Sgt. Jones was hurt."]),
        # "Gen." and "No." before a number
        ("Gen. Mahdi said 30 fighters died. No. 3 Squad arrived.", ["Gen. Mahdi said 30 fighters died.", "No. 3 Squad arrived."]),
        # a line break ends a sentence (a title line)
        ("Blast in the capital\nNine people died.", ["Blast in the capital", "Nine people died."]),
        # a colon at the end of a line ends a round-up heading
        ("Casualties:\nFour dead.", ["Casualties:", "Four dead."]),
        # question and exclamation marks
        ("Is this a question? Yes! It is.", ["Is this a question?", "Yes!", "It is."]),
        # a sentence starting with a digit
        ("The raid ended. 12 fighters were killed.", ["The raid ended.", "12 fighters were killed."]),
        # a decimal number is not a sentence end
        ("The toll is 4.5 percent higher. Officials agreed.", ["The toll is 4.5 percent higher.", "Officials agreed."]),
        # a dateline in parentheses stays with its sentence
        ("(Reuters) - Three soldiers were killed on Monday.", ["(Reuters) - Three soldiers were killed on Monday."]),
        # leading and trailing blanks are not part of a sentence
        ("   Leading spaces. And trailing.   ", ["Leading spaces.", "And trailing."]),
        # a clock time ends a sentence when a new sentence follows it
        ("The call came at 12:45 a.m. About an hour later a man was arrested.",
         ["The call came at 12:45 a.m.", "About an hour later a man was arrested."]),
        # but not when a day or a time zone follows it
        ("Shots rang out at 3 a.m. Sunday near the bar.", ["Shots rang out at 3 a.m. Sunday near the bar."]),
        ("He died at 10 p.m. EST on Friday.", ["He died at 10 p.m. EST on Friday."]),
        # a scraped page with no space after a period still ends the sentence
        ("They found a victim with a gunshot wound.That person was taken away.",
         ["They found a victim with a gunshot wound.", "That person was taken away."]),
        # but a town written "St.Louis" is one word
        ("He lives in St.Louis now.", ["He lives in St.Louis now."]),
        # nothing in, nothing out
        ("", []),
        # blank lines only
        ("\n\n  \n", []),
        # a closing quotation mark belongs to the sentence it closes
        pytest.param('He said: "Three men were killed." Police arrived.', ['He said: "Three men were killed."', "Police arrived."]),
    ],
)
def test_split_sentences(text, expected):
    sents = split_sentences(text)
    assert [s.text for s in sents] == expected
    for s in sents:
        assert text[s.start:s.end] == s.text  # offsets are exact


@pytest.mark.parametrize(
    "text,paragraphs",
    [
        # a title, then two paragraphs
        ("Title line\n\nFirst one. Second one.\n\nThird one.", [0, 1, 1, 2]),
        # single line breaks also start a paragraph
        ("One.\nTwo.\nThree.", [0, 1, 2]),
        # several blank lines count once
        ("One.\n\n\n\nTwo.", [0, 1]),
        # Windows line ends
        ("One.\r\n\r\nTwo. Three.", [0, 1, 1]),
    ],
)
def test_paragraph_numbers(text, paragraphs):
    sents = split_sentences(text)
    assert [s.paragraph for s in sents] == paragraphs
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_offsets_survive_a_long_article(tmp_path):
    # a real file with mixed paragraphs: every sentence slices back out of the text read from disk
    body = "\n\n".join(
        f"In town {i}, {i} people were killed. Police said the U.S. team arrived at {i} p.m. on Monday. Nobody else was hurt."
        for i in range(1, 60)
    )
    path = tmp_path / "article.txt"
    path.write_text("Round-up\n\n" + body, encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    sents = split_sentences(text)
    assert len(sents) == 1 + 59 * 3
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert [s.start for s in sents] == sorted(s.start for s in sents)
    assert sents[-1].paragraph == 59


@pytest.mark.parametrize(
    "text,kept",
    [
        ("A bomb kills nine.", True),  # "kills"
        ("Gunmen opened fire, wounding four.", True),  # "wounding"
        ("There were no injuries.", True),  # "injuries"
        ("Casualties were light.", True),  # "casualties"
        ("Two were hospitalised.", True),  # British spelling
        ("Ten were hospitalized.", True),  # American spelling
        ("Rebels abducted a priest.", True),  # "abducted"
        ("Thousands fled.", True),  # "fled"
        ("Six bodies were recovered.", True),  # "bodies"
        ("The toll climbed.", True),  # "toll"
        ("Four people lost their lives.", True),  # "lives"
        ("He succumbed to his wounds.", True),  # "succumbed"
        ("Police arrested a man.", True),  # "arrested"
        ("He was shot.", True),  # "shot"
        ("They were beheaded.", True),  # "beheaded"
        ("Villagers were massacred.", True),  # "massacred"
        ("The missing girl was found.", True),  # "missing"
        ("Hostages were freed.", True),  # "freed"
        ("Residents were evacuated.", True),  # "evacuated"
        ("Medics treated the wounded.", True),  # "treated", "wounded"
        ("He dies.", True),  # "dies"
        ("A fatal crash.", True),  # "fatal"
        ("The victim of a deadly attack.", True),  # "deadly"
        ("Read: Two hurt in crash Watch: Man shot on Elm Street", False),  # a list of links to other stories
        ("Read more about the man who was shot on Elm Street.", True),  # one "Read" is no list of links
        ("Prices rose sharply.", False),  # no casualty word
        ("The minister visited the city.", False),  # no casualty word
        ("The skills of the team.", False),  # "skills" does not start with "kill"
        ("Skilled workers.", False),  # "skilled" does not start with "kill"
    ],
)
def test_candidates(text, kept):
    sents = split_sentences(text)
    assert (candidates(sents, LEX) == sents) is kept


def test_candidates_keep_order_and_offsets():
    text = "The minister visited. Two were killed. Prices rose. Four were wounded."
    sents = split_sentences(text)
    kept = candidates(sents, LEX)
    assert [s.text for s in kept] == ["Two were killed.", "Four were wounded."]
    assert all(text[s.start:s.end] == s.text for s in kept)


def test_every_outcome_word_passes_the_prefilter():
    # a word added to outcomes.tsv must reach the parser: the pre-filter is built from the lexicon
    pat = trigger_pattern(LEX)
    missing = [w for w in LEX.outcomes if not pat.search(w)]
    assert missing == []


@pytest.mark.parametrize("text, title, first", [
    # a headline the text does not repeat is read first, at negative offsets ("headline\n\ntext")
    ("Sign in to comment.\n\nThanks for registering!", "Two hurt in Elm Street shooting | WXYZ",
     ("Two hurt in Elm Street shooting", -33, -2, 0)),
    # a text that starts with its headline is not given it twice
    ("Two hurt in Elm Street shooting. Police said the men were shot at noon.", "Two hurt in Elm Street shooting",
     ("Two hurt in Elm Street shooting", 0, 31, 0)),
    # nor one that repeats it a little further on, in other case and spacing
    ("Posted 9 a.m.\nTWO HURT IN  ELM STREET SHOOTING\nPolice said the men were shot.", "Two hurt in Elm Street shooting",
     ("Posted 9 a.m.", 0, 13, 0)),
    # no title, nothing to read
    ("Police said the men were shot.", None, ("Police said the men were shot.", 0, 30, 0)),
    # a headline's clauses joined by a semicolon are read one by one
    ("Sign in.", "Boy shot at fair dies; man held", ("Boy shot at fair dies", -33, -12, 0)),
])
def test_headline_before_the_text(text, title, first):
    s = split_sentences(text, title)[0]
    assert (s.text, s.start, s.end, s.paragraph) == first
