"""Readable Rich views of runs, incidents and articles, for the CLI.

Each function returns a renderable; printing is the caller's business.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from deathtoll.model import ArticleResult, Count, DateRange, Incident, Place, Report

__all__ = ["summary_table", "incidents_table", "incident_view", "article_view",
           "figure", "place_label", "date_label"]


def figure(low: int | None, best: int | None, high: int | None) -> str:
    """``7`` when the three agree, else ``low–best–high`` (``?`` for unknown)."""
    if low == best == high:
        return "?" if best is None else str(best)
    return "–".join("?" if v is None else str(v) for v in (low, best, high))


def _count(c: Count) -> str:
    shown = figure(c.low, c.best, c.high)
    return f"{shown} ({c.text})" if c.text and c.text != shown else shown


def place_label(place: Place) -> str:
    """``name, admin1, CC`` with the parts that are known."""
    parts = [x for x in (place.name, place.admin1, place.country) if x]
    return ", ".join(dict.fromkeys(parts))


def date_label(d: DateRange) -> str:
    """``2017-03-04``, ``2017-03-01..2017-03-07``, or the words as written in quotes."""
    if d.start and d.end and d.end != d.start:
        return f"{d.start.isoformat()}..{d.end.isoformat()}"
    if d.start:
        return d.start.isoformat()
    return f'"{d.text}"' if d.text else ""


def summary_table(summary: Any) -> Table:
    """The counts of a :class:`~deathtoll.pipeline.RunSummary`."""
    table = Table(show_header=False, box=None, pad_edge=False, title="run summary", title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows = [("articles read", summary.articles_read), ("copies", summary.copies),
            ("unchanged", summary.unchanged), ("extracted", summary.extracted),
            ("skipped", len(summary.skipped)), ("reports", summary.reports),
            ("incidents", summary.incidents), ("checks", summary.checks)]
    if getattr(summary, "linked", None) is not None:
        rows.append(("linked incidents", summary.linked))
    for label, value in rows:
        table.add_row(label, str(value))
    table.add_row("seconds", f"{summary.seconds:.1f}")
    return table


def incidents_table(incidents: Iterable[Incident]) -> Table:
    """One row per incident: id, date, place, cause, killed, wounded, sources, status."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("place", overflow="ellipsis", no_wrap=True, min_width=12)
    table.add_column("cause", no_wrap=True, min_width=6)
    table.add_column("killed", justify="right", no_wrap=True)
    table.add_column("wounded", justify="right", no_wrap=True)
    table.add_column("src", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for inc in incidents:
        table.add_row(inc.id, date_label(inc.date), place_label(inc.place), inc.cause or "",
                      figure(*inc.tally("killed")), figure(*inc.tally("wounded")),
                      str(inc.sources), inc.status)
    return table


def _quote(report: Report) -> Text:
    """The evidence sentence, quoted, with the count's words highlighted."""
    ev = report.evidence
    text = Text("“" + ev.sentence + "”", style="italic")
    lo, hi = ev.start - ev.sentence_start, ev.end - ev.sentence_start
    if 0 <= lo < hi <= len(ev.sentence):
        text.stylize("bold underline", lo + 1, hi + 1)
    return text


def _report_block(report: Report, article: Any = None) -> Group:
    """A report in three lines: who says it, what it says, the sentence it comes from."""
    head = Text(report.id, style="bold")
    if article is not None:
        outlet = article.source or _short(article.title) or article.id
        head.append(f"  {outlet}")
        if article.published:
            head.append(f"  {article.published.isoformat()}")
    victims = report.victims.group + (f" ({report.victims.detail})" if report.victims.detail else "")
    what = [f"{report.outcome} {_count(report.count)}", victims, f"{report.scope}/{report.certainty}"]
    what += [x for x in (report.cause, report.perpetrator.name if report.perpetrator else None,
                         place_label(report.place), date_label(report.date)) if x]
    if report.attribution:
        what.append(f"according to {report.attribution}")
    return Group(head, Padding(Group(Text(" · ".join(what)), _quote(report)), (0, 0, 0, 2)))


def _short(text: str | None, width: int = 60) -> str | None:
    if not text or len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def incident_view(incident: Incident, sourced: Sequence[Any]) -> RenderableType:
    """An incident's figures and every report with outlet, date, figure and quote.

    Args:
        incident: the incident.
        sourced: its :class:`~deathtoll.store.SourcedReport` list.
    """
    head = Table(show_header=False, box=None, title=f"incident {incident.id}", title_justify="left",
                 title_style="bold")
    head.add_column(style="bold")
    head.add_column()
    head.add_row("date", date_label(incident.date) or "unknown")
    head.add_row("place", place_label(incident.place) or "unknown")
    head.add_row("cause", incident.cause or "")
    head.add_row("perpetrator", incident.perpetrator.name if incident.perpetrator else "")
    for v in incident.victims:
        head.add_row(f"{v.outcome} ({v.group})", figure(v.low, v.best, v.high))
    head.add_row("sources", f"{incident.sources} ({incident.status})")
    parts: list[RenderableType] = [head, Text(f"{len(sourced)} reports", style="bold")]
    parts += [_report_block(s.report, s.article) for s in sourced]
    return Group(*parts)


def article_view(result: ArticleResult) -> RenderableType:
    """An article's reports with their evidence, its totals and checks."""
    art = result.article
    title = Text(art.title or "(no title)", style="bold")
    meta = " · ".join(x for x in (art.id, art.source, art.published.isoformat() if art.published else None,
                                  art.url) if x)
    parts: list[RenderableType] = [title, Text(meta, style="dim")]
    if art.copy_of:
        parts.append(Text(f"copy of {art.copy_of}: not read again"))
    parts += [_report_block(r) for r in result.reports]
    if not result.reports and not art.copy_of:
        parts.append(Text("no casualty reports found"))
    totals = "  ".join(f"{k}: {figure(v.get('low'), v.get('best'), v.get('high'))}"
                       for k, v in result.totals.items())
    parts.append(Text(f"totals  {totals}  ·  incidents: {len(result.incidents)}"))
    for check in result.checks:
        parts.append(Text(f"check {check.kind} [{check.status}]: {check.message}"))
    return Group(*parts)


def checks_view(found: Iterable[Any], store: Any) -> Table:
    """One row per stored check: kind, status, message, and the evidence sentence of its first report."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("kind", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("finding")
    table.add_column("evidence", style="italic")
    for stored in found:
        c = stored.check
        quote = ""
        if c.reports:
            rep = store.report(c.reports[0]) if hasattr(store, "report") else None
            quote = f"“{rep.evidence.sentence}”" if rep is not None else c.reports[0]
        table.add_row(c.kind, c.status, c.message, quote)
    return table
