"""Manual decisions: a reviewer's merge and split, kept and re-applied forever.

A decision names reports, not only incident ids, so it still means the same
thing after later runs have renamed or regrown incidents:

- ``merge(A, B)`` records every report of A and B; re-applied, it puts all
  the incidents holding any of them into one.
- ``split(A, report_ids)`` records the reports to take out of A; re-applied,
  it takes them out of whatever incident automatic linking put them in and
  makes them one incident of their own.

Decisions are applied after automatic linking, in the order they were made
(``created``), so a later decision can undo an earlier one but a later run
never does. The store persists them as ``ManualDecision.to_dict()`` records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

from deathtoll.errors import DeathtollError
from deathtoll.model import Incident

__all__ = ["ManualDecision", "ManualDecisions", "ManualDecisionError", "merge_decision", "split_decision"]

KINDS = ("merge", "split")


class ManualDecisionError(DeathtollError):
    """A manual decision is malformed or names reports its incident does not have."""


@dataclass(frozen=True)
class ManualDecision:
    """One reviewer decision.

    Attributes:
        kind: ``"merge"`` or ``"split"``.
        incident_ids: the incidents named when the decision was made (for
            people; re-application goes by ``report_ids``).
        report_ids: merge: every report of the merged incidents; split: the
            reports taken out.
        created: when the decision was made (ISO 8601 text); decisions are
            applied in this order.
    """

    kind: str
    incident_ids: tuple[str, ...]
    report_ids: tuple[str, ...]
    created: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ManualDecisionError(f"unknown manual decision {self.kind!r} (expected merge or split)")
        if not self.report_ids:
            raise ManualDecisionError(f"a {self.kind} decision needs at least one report")
        object.__setattr__(self, "incident_ids", tuple(self.incident_ids))
        object.__setattr__(self, "report_ids", tuple(sorted(set(self.report_ids))))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "incident_ids": list(self.incident_ids), "report_ids": list(self.report_ids),
                "created": self.created}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ManualDecision":
        try:
            return cls(d["kind"], tuple(d.get("incident_ids") or ()), tuple(d.get("report_ids") or ()),
                       str(d["created"]))
        except KeyError as err:
            raise ManualDecisionError(f"manual decision without {err.args[0]!r}") from None


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def merge_decision(incidents: Iterable[Incident], created: str | None = None) -> ManualDecision:
    """A decision that the given incidents are one event.

    Raises:
        ManualDecisionError: fewer than two incidents, or none has reports.
    """
    incs = list(incidents)
    if len(incs) < 2:
        raise ManualDecisionError("a merge needs at least two incidents")
    reports = tuple(r for inc in incs for r in inc.reports)
    return ManualDecision("merge", tuple(inc.id for inc in incs), reports, created or _now())


def split_decision(incident: Incident, report_ids: Iterable[str], created: str | None = None) -> ManualDecision:
    """A decision that ``report_ids`` are a different event from the rest of ``incident``.

    Raises:
        ManualDecisionError: a report is not in the incident, or the split
            would take out all of it or nothing.
    """
    wanted = tuple(dict.fromkeys(report_ids))
    missing = [r for r in wanted if r not in incident.reports]
    if missing:
        raise ManualDecisionError(f"report {missing[0]} is not in incident {incident.id}")
    if not wanted or len(set(wanted)) == len(set(incident.reports)):
        raise ManualDecisionError(f"a split of {incident.id} must leave reports on both sides")
    return ManualDecision("split", (incident.id,), wanted, created or _now())


class ManualDecisions:
    """The decisions of a database, kept in the order they apply."""

    def __init__(self, decisions: Iterable[ManualDecision] = ()) -> None:
        self._items: list[ManualDecision] = []
        for d in decisions:
            self.add(d)

    def add(self, decision: ManualDecision) -> ManualDecision:
        """Record a decision (a repeat of one already held is ignored)."""
        if decision not in self._items:
            self._items.append(decision)
            self._items.sort(key=lambda d: (d.created, d.kind, d.report_ids))
        return decision

    def merge(self, *incidents: Incident, created: str | None = None) -> ManualDecision:
        """Record that ``incidents`` are one event (see :func:`merge_decision`)."""
        return self.add(merge_decision(incidents, created))

    def split(self, incident: Incident, report_ids: Iterable[str], created: str | None = None) -> ManualDecision:
        """Record that ``report_ids`` leave ``incident`` (see :func:`split_decision`)."""
        return self.add(split_decision(incident, report_ids, created))

    def __iter__(self) -> Iterator[ManualDecision]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def split_reports(self) -> set[str]:
        """Every report some split takes out."""
        return {r for d in self._items if d.kind == "split" for r in d.report_ids}

    def to_records(self) -> list[dict[str, Any]]:
        return [d.to_dict() for d in self._items]

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> "ManualDecisions":
        return cls(ManualDecision.from_dict(r) for r in records)


def apply_decisions(clusters: list[set[str]], decisions: Iterable[ManualDecision]) -> tuple[list[set[str]], set[int]]:
    """Apply decisions, in order, to clusters of report ids (or item keys).

    Returns the new clusters (empty ones dropped) and the positions of those
    a decision shaped. Reports a decision names but no cluster holds (their
    article was deleted) are ignored.
    """
    clusters = [set(c) for c in clusters]
    where: dict[str, int] = {}
    for n, c in enumerate(clusters):
        for key in c:
            where[key] = n
    touched: set[int] = set()
    for d in decisions:
        present = [r for r in d.report_ids if r in where]
        if not present:
            continue
        if d.kind == "merge":
            targets = sorted({where[r] for r in present})
            keep = targets[0]
            for n in targets[1:]:
                for key in clusters[n]:
                    where[key] = keep
                clusters[keep] |= clusters[n]
                clusters[n] = set()
                touched.discard(n)
            touched.add(keep)
        else:
            for r in present:
                clusters[where[r]].discard(r)
                touched.add(where[r])
            new = len(clusters)
            clusters.append(set(present))
            for r in present:
                where[r] = new
            touched.add(new)
    out: list[set[str]] = []
    shaped: set[int] = set()
    for n, c in enumerate(clusters):
        if c:
            if n in touched:
                shaped.add(len(out))
            out.append(c)
    return out, shaped
