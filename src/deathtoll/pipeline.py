"""The Pipeline: ingest → extract → resolve → link → store, streaming.

``Pipeline.process`` reads one article; ``Pipeline.extract`` streams results
without a database; ``Pipeline.run`` streams a corpus into a store in batches,
one transaction each, skipping articles already stored with the same content
and storing near-duplicate copies without extracting them again. Nothing here
prints to stdout; the optional progress display goes to stderr.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from deathtoll.errors import ConfigError, DeathtollError, InputError
from deathtoll.model import Article, ArticleResult
from deathtoll.options import Options
from deathtoll.publish.progress import RunProgress

__all__ = ["Pipeline", "RunSummary"]

ErrorHandler = Callable[[DeathtollError], None]

#: Seed duplicate detection with the stored articles only up to this many
#: (``Options.extra["dedup_seed_limit"]`` overrides it); above it only the
#: articles read in the run are compared.
DEDUP_SEED_LIMIT = 20_000

_UNLOADED = object()


@dataclass
class RunSummary:
    """What a run did. ``skipped`` holds ``(where, reason)`` for every input that failed.

    - ``articles_read``: articles the readers produced (copies and unchanged included).
    - ``copies``: near-duplicates of an earlier article, stored with ``copy_of``
      (an id read twice with the same content counts here and is stored once).
    - ``unchanged``: already stored with the same content; not extracted again.
    - ``extracted``: articles read out (and stored, when there is a store).
    - ``failed``: inputs that could not be read or read out (``len(skipped)``).
    - ``incidents``: article-level incidents read out in this run;
      ``linked``: cross-article incidents in the store after linking (None without a store).
    """

    articles_read: int = 0
    copies: int = 0
    unchanged: int = 0
    extracted: int = 0
    reports: int = 0
    incidents: int = 0
    checks: int = 0
    failed: int = 0
    linked: int | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)
    run_id: int | None = None
    seconds: float = 0.0

    def add_error(self, err: DeathtollError) -> None:
        """Count one failed input."""
        if isinstance(err, InputError):
            where = f"{err.path}:{err.line}" if err.line is not None else err.path
            self.skipped.append((where, err.reason))
        else:
            self.skipped.append(("", str(err)))
        self.failed += 1

    @property
    def status(self) -> str:
        """``ok``; ``partial`` when some inputs failed; ``failed`` when no article
        could be read or read out (every input failed, or there was none)."""
        if self.extracted + self.unchanged + self.copies == 0:
            return "failed"
        return "partial" if self.failed else "ok"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as stored in the ``runs`` table."""
        d = dataclasses.asdict(self)
        d["skipped"] = [{"where": w, "reason": r} for w, r in self.skipped]
        d["seconds"] = round(self.seconds, 3)
        d["status"] = self.status
        return d


@dataclass(frozen=True)
class _Failure:
    """An article that could not be read out (picklable, unlike InputError).

    ``fatal``: the setup is broken (no spaCy model, bad lexicon), not the
    article; the run stops with a ConfigError.
    """

    where: str
    reason: str
    fatal: bool = False

    def error(self) -> InputError:
        return InputError(self.where, self.reason)


Outcome = ArticleResult | _Failure | None


class Pipeline:
    """Configured stages over the one :class:`Options` object.

    Args:
        options: settings for every stage; defaults to ``Options()``.
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self._nlp: Any = _UNLOADED

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline, loaded on first use and then kept."""
        if self._nlp is _UNLOADED:
            from deathtoll.extract import load_nlp

            self._nlp = load_nlp(self.options)
        return self._nlp

    def process(self, article: Article) -> ArticleResult:
        """Read one article out: extract, resolve places and dates, summarise.

        Raises:
            DeathtollError: a stage refused the article.
        """
        from deathtoll.extract import extract_reports
        from deathtoll.link import summarise_article
        from deathtoll.resolve import resolve

        reports = extract_reports(article, self.nlp, self.options)
        reports = resolve(article, reports, self.options)
        return summarise_article(article, reports)

    def _safe_process(self, article: Article) -> ArticleResult | _Failure:
        where = article.origin or article.id
        try:
            return self.process(article)
        except ConfigError:
            raise
        except DeathtollError as e:
            return _Failure(where, str(e))
        except Exception as e:  # a bug on one article must not lose the run; it is reported
            return _Failure(where, f"internal error: {type(e).__name__}: {e}")

    # -- streaming without a store -----------------------------------------
    def extract(
        self,
        paths: Sequence[str | Path],
        *,
        on_error: ErrorHandler | None = None,
        stdin: Any = None,
    ) -> Iterator[ArticleResult]:
        """Results of every article under ``paths``, in input order, no database.

        Unreadable inputs and articles that fail go to ``on_error`` (raised
        when it is None).
        """
        from deathtoll.ingest import read_articles

        handler = on_error or _raise
        items = ((a, "process") for a in read_articles(paths, on_error=handler, stdin=stdin))
        for _, _, outcome in self._outcomes(items):
            if isinstance(outcome, _Failure):
                handler(outcome.error())
            elif outcome is not None:
                yield outcome

    # -- runs into a store ---------------------------------------------------
    def run(
        self,
        paths: Sequence[str | Path],
        *,
        store: Any = None,
        on_error: ErrorHandler | None = None,
        progress: bool | None = None,
        stdin: Any = None,
    ) -> RunSummary:
        """Read, extract and store every article under ``paths``.

        Args:
            paths: files or folders of articles (``-`` reads ``stdin``).
            store: an open :class:`~deathtoll.store.Store`; None runs without storing.
            on_error: also called with each input error (they are always
                collected into the summary).
            progress: show a progress display on stderr; None shows it when
                stderr is a terminal.
            stdin: the stream ``-`` stands for.

        Returns:
            The run's summary (also stored in the ``runs`` table).
        """
        from deathtoll.ingest import read_articles

        summary = RunSummary()
        collect = _collector(summary, on_error)
        articles = read_articles(paths, on_error=collect, stdin=stdin)
        return self._run(articles, store, summary, collect, progress)

    def run_articles(
        self,
        articles: Iterable[Article],
        *,
        store: Any = None,
        on_error: ErrorHandler | None = None,
        progress: bool | None = None,
    ) -> RunSummary:
        """Like :meth:`run`, over articles already read (any iterable, consumed lazily)."""
        summary = RunSummary()
        return self._run(articles, store, summary, _collector(summary, on_error), progress)

    def _run(self, articles: Iterable[Article], store: Any, summary: RunSummary,
             collect: ErrorHandler, progress: bool | None) -> RunSummary:
        started = time.monotonic()
        if store is not None:
            summary.run_id = store.start_run(_options_dict(self.options))
        batch_size = max(1, self.options.batch_size)
        results: list[ArticleResult] = []
        copies: list[Article] = []
        stored: set[str] = set()
        try:
            with RunProgress(progress) as bar:
                items = _Classifier(self.options, store, summary, collect).classify(articles)
                for article, kind, outcome in self._outcomes(items):
                    if kind == "copy":
                        copies.append(article)
                    elif isinstance(outcome, _Failure):
                        collect(outcome.error())
                    elif isinstance(outcome, ArticleResult):
                        summary.extracted += 1
                        summary.reports += len(outcome.reports)
                        summary.incidents += len(outcome.incidents)
                        summary.checks += len(outcome.checks)
                        results.append(outcome)
                    if store is not None and len(results) + len(copies) >= batch_size:
                        store.save_batch(summary.run_id, results, copies)
                        stored.update(r.article.id for r in results)
                        stored.update(a.id for a in copies)
                        results, copies = [], []
                    bar.advance()
                if store is not None and (results or copies):
                    store.save_batch(summary.run_id, results, copies)
                    stored.update(r.article.id for r in results)
                    stored.update(a.id for a in copies)
            if store is not None and (stored or not store.has_links()):
                from deathtoll.store.linking import relink

                summary.linked = len(relink(store, stored, self.options).incidents)
        except BaseException as e:
            summary.seconds = time.monotonic() - started
            if store is not None and summary.run_id is not None:
                _finish_quietly(store, summary, f"{type(e).__name__}: {e}")
            raise
        summary.seconds = time.monotonic() - started
        if store is not None:
            store.finish_run(summary.run_id, summary.to_dict())
        return summary

    def _outcomes(self, items: Iterable[tuple[Article, str]]) -> Iterator[tuple[Article, str, Outcome]]:
        """``(article, kind, outcome)`` in input order; only ``process`` items are read out."""
        workers = max(1, self.options.workers)
        if workers == 1:
            for article, kind in items:
                yield article, kind, (self._safe_process(article) if kind == "process" else None)
            return
        chunk = max(1, min(16, self.options.batch_size // workers))
        window = chunk * workers * 4
        ctx = multiprocessing.get_context()
        with ctx.Pool(workers, initializer=_init_worker, initargs=(type(self), self.options)) as pool:
            pending: deque[tuple[list[tuple[Article, str]], Any]] = deque()
            for block in _blocks(items, window):
                todo = [a for a, kind in block if kind == "process"]
                pending.append((block, pool.map_async(_work, todo, chunksize=chunk)))
                if len(pending) > 1:
                    yield from _drain(*pending.popleft())
            while pending:
                yield from _drain(*pending.popleft())


class _Classifier:
    """Decides, in input order, what happens to each article of a run."""

    def __init__(self, options: Options, store: Any, summary: RunSummary, collect: ErrorHandler) -> None:
        from deathtoll.ingest.dedup import Deduplicator

        self.store = store
        self.summary = summary
        self.collect = collect
        self.seen: dict[str, tuple[str, str]] = {}
        try:
            self.dedup = Deduplicator(options.near_duplicate_threshold)
        except ValueError as e:
            raise ConfigError(f"near_duplicate_threshold: {e}") from None
        self.seeded = False
        limit = int(options.extra.get("dedup_seed_limit", DEDUP_SEED_LIMIT))
        if store is not None and store.counts()["articles"] <= limit:
            for article_id, text in store.iter_article_texts():
                self.dedup.add(article_id, text)
            self.seeded = True

    def classify(self, articles: Iterable[Article]) -> Iterator[tuple[Article, str]]:
        """Yield ``(article, kind)``: kind ``process``, ``copy`` (article has
        ``copy_of`` set) or ``skip`` (unchanged, a repeat, or refused)."""
        s = self.summary
        for article in articles:
            s.articles_read += 1
            digest = article.content_hash
            where = article.origin or article.id
            if article.id in self.seen:
                first_digest, first_where = self.seen[article.id]
                if first_digest == digest:
                    s.copies += 1
                else:
                    self.collect(InputError(where, f"article id {article.id!r} was already read from {first_where}"))
                yield article, "skip"
                continue
            self.seen[article.id] = (digest, where)
            if self.store is not None and self.store.stored_hash(article.id) == digest:
                s.unchanged += 1
                if not self.seeded:
                    self.dedup.add(article.id, article.text)
                yield article, "skip"
                continue
            original = self.dedup.check(article)
            if original is not None and original != article.id:
                s.copies += 1
                yield dataclasses.replace(article, copy_of=original), "copy"
                continue
            yield article, "process"


def _blocks(items: Iterable[tuple[Article, str]], size: int) -> Iterator[list[tuple[Article, str]]]:
    block: list[tuple[Article, str]] = []
    for item in items:
        block.append(item)
        if len(block) >= size:
            yield block
            block = []
    if block:
        yield block


def _drain(block: list[tuple[Article, str]], pending: Any) -> Iterator[tuple[Article, str, Outcome]]:
    done = iter(pending.get())
    for article, kind in block:
        outcome = next(done) if kind == "process" else None
        if isinstance(outcome, _Failure) and outcome.fatal:
            raise ConfigError(outcome.reason)
        yield article, kind, outcome


# -- worker processes -----------------------------------------------------------
_WORKER: Pipeline | None = None
_WORKER_ERROR: str | None = None


def _init_worker(cls: type[Pipeline], options: Options) -> None:
    """Build the worker's pipeline and load its spaCy model once.

    A failure is kept and reported with the first article: an initializer
    that raises would make the pool start new workers forever.
    """
    global _WORKER, _WORKER_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    try:
        _WORKER = cls(options)
        _WORKER.nlp
    except Exception as e:
        _WORKER_ERROR = str(e) if isinstance(e, DeathtollError) else f"{type(e).__name__}: {e}"


def _work(article: Article) -> ArticleResult | _Failure:
    where = article.origin or article.id
    if _WORKER_ERROR is not None or _WORKER is None:
        return _Failure(where, _WORKER_ERROR or "worker not initialised", fatal=True)
    try:
        return _WORKER._safe_process(article)
    except ConfigError as e:
        return _Failure(where, str(e), fatal=True)


# -- helpers ------------------------------------------------------------------------
def _raise(err: DeathtollError) -> None:
    raise err


def _collector(summary: RunSummary, on_error: ErrorHandler | None) -> ErrorHandler:
    def collect(err: DeathtollError) -> None:
        summary.add_error(err)
        if on_error is not None:
            on_error(err)

    return collect


def _options_dict(options: Options) -> dict[str, Any]:
    d = dataclasses.asdict(options)
    d["lexicon_dirs"] = [str(p) for p in options.lexicon_dirs]
    d["gazetteer"] = str(options.gazetteer) if options.gazetteer else None
    return d


def _finish_quietly(store: Any, summary: RunSummary, reason: str) -> None:
    try:
        store.finish_run(summary.run_id, {**summary.to_dict(), "aborted": reason})
    except Exception:  # the original error matters more than this record
        pass
