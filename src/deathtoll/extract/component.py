"""The spaCy component ``deathtoll_casualties``.

Add it to any English pipeline with a parser::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("deathtoll_casualties")
    doc = nlp("Three soldiers were killed and seven were wounded.")
    [(s.label_, s._.casualty["count"]) for s in doc.spans["casualties"]]

``find(doc)`` is pure and returns :class:`~deathtoll.extract.rules.Finding`
objects; ``set_annotations`` writes them to ``doc.spans["casualties"]`` with the
details in the ``Span._.casualty`` extension.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from deathtoll.extract.lexicon import Lexicon, load_lexicon
from deathtoll.extract.rules import Finding, find_in_sentence
from deathtoll.extract.victims import age_of

SPAN_KEY = "casualties"

if not Span.has_extension("casualty"):
    Span.set_extension("casualty", default=None)
if not Doc.has_extension("casualty_findings"):
    Doc.set_extension("casualty_findings", default=None)


def keep_ages_whole(nlp: Language) -> None:
    """Make the tokenizer keep "17-year-old" and "six-month-olds" as one token.

    spaCy splits them at the hyphens, and the parser then often reads "old" as an
    adjective and the outcome word as its noun ("left a 17-year-old wounded"). As
    one token, the way the treebanks write them, they parse as the nouns they
    are. Idempotent; other words are tokenized as before.
    """
    tokenizer = nlp.tokenizer
    earlier = tokenizer.token_match
    if getattr(earlier, "keeps_ages", False):
        return

    def token_match(text: str):  # noqa: ANN202 - the tokenizer wants a match object or None
        if age_of(text) is not None:
            return True
        return earlier(text) if earlier is not None else None

    token_match.keeps_ages = True  # type: ignore[attr-defined]
    tokenizer.token_match = token_match


class CasualtyComponent:
    """Find casualty statements in a Doc and mark them as spans."""

    def __init__(self, nlp: Language, name: str, lexicon_dirs: Iterable[str] = ()) -> None:
        self.name = name
        keep_ages_whole(nlp)
        self.lexicon: Lexicon = load_lexicon(tuple(Path(d) for d in lexicon_dirs))

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Finding]:
        """Every casualty statement in ``doc``, sentence by sentence."""
        out: list[Finding] = []
        sents = doc.sents if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
        for sent in sents:
            out.extend(find_in_sentence(sent, self.lexicon))
        return out

    def set_annotations(self, doc: Doc, findings: list[Finding]) -> None:
        spans = []
        for f in findings:
            span = doc.char_span(f.victim.start, f.victim.end, label=f.outcome, alignment_mode="expand")
            if span is None:
                span = doc[f.trigger : f.trigger + 1]
                span = Span(doc, span.start, span.end, label=f.outcome)
            span._.casualty = {
                "outcome": f.outcome,
                "count": f.victim.count.to_dict() if f.victim.count else None,
                "victims": {"group": f.victim.group, "detail": f.victim.detail},
                "scope": f.scope,
                "certainty": f.certainty,
                "cause": f.cause,
                "perpetrator": f.perpetrator.to_dict() if f.perpetrator else None,
                "attribution": f.attribution,
                "rules": list(f.rules),
            }
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        doc._.casualty_findings = findings


@Language.factory("deathtoll_casualties", default_config={"lexicon_dirs": []},
                  requires=["token.dep", "token.lemma", "token.pos"])
def make_casualty_component(nlp: Language, name: str, lexicon_dirs: list[str]) -> CasualtyComponent:
    """Factory registered with spaCy (also exposed through the ``spacy_factories`` entry point)."""
    return CasualtyComponent(nlp, name, lexicon_dirs)
