"""The inputs and outputs of cross-article linking.

A :class:`LinkItem` is one article-level incident (what ``summarise_article``
makes) with its reports and the facts about its article that linking and
reconciliation need: the outlet, the publication date and, for a syndicated
copy, the id of the original. :func:`link_incidents` turns many of them into a
:class:`LinkResult`: cross-article incidents, the pair decisions behind them
and where every article incident went.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Iterable, Mapping

from deathtoll.errors import ConfigError
from deathtoll.link.cues import lead_of
from deathtoll.model import ArticleResult, Incident, Report

__all__ = ["LinkItem", "LinkOptions", "LinkResult", "PairDecision", "items_from_result", "items_from_results"]


@dataclass(frozen=True)
class LinkItem:
    """One article-level incident with its evidence and its article's facts.

    Attributes:
        incident: the article-level incident (id ``"<article id>/<n>"``).
        reports: its reports (only scope ``incident`` ones count in figures).
        source: the outlet that published the article (None: unknown).
        published: the article's publication date.
        copy_of: for a syndicated copy, the id of the original article.
        article_id: the article's id; derived from the incident id when empty.
        linked: for an item already stored, the id of the cross-article
            incident it belongs to (incremental runs); None for new items.
        title: the article's title, used as extra text for similarity.
        lead: the opening of the article's story (see :func:`~deathtoll.link.cues.lead_of`),
            read only for the rare names it holds.
    """

    incident: Incident
    reports: tuple[Report, ...] = ()
    source: str | None = None
    published: date | None = None
    copy_of: str | None = None
    article_id: str = ""
    linked: str | None = None
    title: str | None = None
    lead: str | None = None

    def __post_init__(self) -> None:
        if not self.article_id:
            derived = self.incident.id.rsplit("/", 1)[0] if "/" in self.incident.id else ""
            if not derived and self.reports:
                derived = self.reports[0].article_id
            object.__setattr__(self, "article_id", derived or self.incident.id)
        object.__setattr__(self, "reports", tuple(self.reports))

    @property
    def id(self) -> str:
        """The article-level incident id."""
        return self.incident.id


@dataclass(frozen=True)
class LinkOptions:
    """Settings of cross-article linking; every threshold lives here.

    Attributes:
        similarity: ``"lexical"`` (TF-IDF cosine, the default), ``"embedding"``
            (the MiniLM sentence model, extra ``[embeddings]``) or ``"both"``
            (the mean of the two).
        threshold: a pair is linked when its score reaches this.
        day_window / week_window / month_window: days of slack around a date
            of that precision; a pair uses the larger of its two windows.
        published_window: days between publication dates within which two
            undated incidents at one place may be compared.
        undated_lag: days before publication an undated incident may have
            happened, when compared with a dated one.
        near_km: two places closer than this are "near" each other (a city and
            its suburbs: 20 km; at 10 km, St. Paul and Minneapolis, Fort
            Lauderdale and Cooper City were never compared).
        inside_km: a finer place within this distance of a town or district
            is taken to be inside it.
        far_km: two precise places farther apart than this never link.
        spot_km: two neighbourhood-level (or finer) places farther apart than
            this are different spots: strong evidence of two events.
        max_day_spread: a cluster's day-precision dates may not spread wider.
        copy_similarity: a copy's incident joins the original's most similar
            incident when their text similarity reaches this.
        wire_similarity: items of different outlets whose evidence is this
            similar are copies of one wire story (one source).
        mention_similarity: two incidents whose places do not relate are
            still compared when their texts are at least this alike and one
            names the other's place (or both lie in one admin1): resolvers err.
        followup_window: days before its publication an incident dated only
            by its publication day (a follow-up: an arrest, a trial, a
            funeral) may have happened, when compared with an earlier one.
        bounded_window: the same for an incident dated only by its
            publication that has no follow-up's words.
        court_window: the same for a follow-up of the court stage (a trial,
            a plea, a verdict, a sentence), which often comes more than a
            year after the event.
        followup_crowd: a follow-up is compared by place only when its place
            holds at most this many incidents in that window.
        explain: which pair decisions the result keeps: ``"linked"`` (the
            accepted pairs, the default: every link explained), ``"near"``
            (also those that came within 0.3 of the threshold) or ``"all"``.
            Any other pair is explained on demand by :func:`explain_pair`.
    """

    similarity: str = "lexical"
    threshold: float = 0.28
    day_window: int = 1
    week_window: int = 7
    month_window: int = 31
    published_window: int = 3
    undated_lag: int = 7
    near_km: float = 20.0
    inside_km: float = 15.0
    far_km: float = 25.0
    spot_km: float = 3.0
    max_day_spread: int = 3
    copy_similarity: float = 0.3
    wire_similarity: float = 0.9
    mention_similarity: float = 0.35
    followup_window: int = 365
    court_window: int = 730
    bounded_window: int = 31
    followup_crowd: int = 30
    explain: str = "linked"

    def __post_init__(self) -> None:
        if self.similarity not in ("lexical", "embedding", "both"):
            raise ConfigError(f"link similarity must be lexical, embedding or both, not {self.similarity!r}")
        if self.explain not in ("near", "all", "linked"):
            raise ConfigError(f"link explain must be near, all or linked, not {self.explain!r}")

    @classmethod
    def from_options(cls, options: Any) -> "LinkOptions":
        """Read ``options.extra["link"]`` (a dict of these fields) from the run options.

        Accepts a :class:`LinkOptions` (returned as is), ``None`` (defaults), a
        mapping of fields, or a :class:`deathtoll.options.Options`.

        Raises:
            ConfigError: an unknown field name.
        """
        if options is None:
            return cls()
        if isinstance(options, cls):
            return options
        raw = options if isinstance(options, Mapping) else (getattr(options, "extra", None) or {}).get("link", {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ConfigError(f"unknown link option {unknown[0]!r}")
        return cls(**dict(raw))


@dataclass(frozen=True)
class PairDecision:
    """Why two article incidents were, or were not, linked.

    ``score`` is the evidence for "same event"; ``reasons`` name what added or
    took away from it (``"text 0.61"``, ``"same day"``, ``"cause differs"``).
    ``accepted`` is the pair test; ``merged`` says whether the union went
    through (a guard may refuse an accepted pair).
    """

    a: str
    b: str
    score: float
    accepted: bool
    reasons: tuple[str, ...] = ()
    merged: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": round(self.score, 4), "accepted": self.accepted,
                "merged": self.merged, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class LinkResult:
    """What cross-article linking produced.

    Attributes:
        incidents: the cross-article incidents, sorted by id, each with its
            reconciled victims, number of sources and status.
        members: linked incident id -> the article incident ids in it.
        assignments: article incident id -> linked incident id.
        origin: linked incident id -> ``"linked"`` or ``"manual"`` (shaped by a
            manual decision).
        replaced: an id of a stored linked incident that was absorbed into
            another -> the id that absorbed it.
        pairs: every compared pair with its score and reasons.
    """

    incidents: tuple[Incident, ...] = ()
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    assignments: dict[str, str] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)
    replaced: dict[str, str] = field(default_factory=dict)
    pairs: tuple[PairDecision, ...] = ()

    def __hash__(self) -> int:
        return hash(self.incidents)

    def incident(self, incident_id: str) -> Incident | None:
        """The linked incident with this id (or holding this article incident)."""
        target = self.assignments.get(incident_id, incident_id)
        for inc in self.incidents:
            if inc.id == target:
                return inc
        return None


def items_from_result(result: ArticleResult) -> list[LinkItem]:
    """The link items of one article: its incidents with their reports.

    Reports that name no incident of the article (``report.incident`` empty or
    unknown) and have scope ``incident`` each become an item of their own, so
    nothing is lost while within-article grouping is incomplete. Aggregate and
    cumulative reports are not linked (they are checked against incidents).
    """
    art = result.article
    lead = lead_of(art.text)
    by_incident: dict[str, list[Report]] = {inc.id: [] for inc in result.incidents}
    loose: list[Report] = []
    for rep in result.reports:
        if rep.incident in by_incident:
            by_incident[rep.incident].append(rep)
        elif rep.scope == "incident":
            loose.append(rep)
    for inc in result.incidents:
        wanted = set(inc.reports)
        if wanted and not by_incident[inc.id]:
            by_incident[inc.id] = [r for r in result.reports if r.id in wanted]
    items = [
        LinkItem(inc, tuple(by_incident[inc.id]), art.source, art.published, art.copy_of, art.id, title=art.title,
                 lead=lead)
        for inc in result.incidents
    ]
    for rep in loose:
        inc = Incident(f"{art.id}/{rep.id.rsplit('#', 1)[-1]}r", rep.place, rep.date, rep.cause, rep.perpetrator,
                       reports=(rep.id,))
        items.append(LinkItem(inc, (rep,), art.source, art.published, art.copy_of, art.id, title=art.title,
                              lead=lead))
    return items


def items_from_results(results: Iterable[ArticleResult]) -> list[LinkItem]:
    """:func:`items_from_result` over many articles, in order."""
    out: list[LinkItem] = []
    for res in results:
        out.extend(items_from_result(res))
    return out
