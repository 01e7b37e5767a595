"""A progress display for long runs: a Rich counter on stderr.

The total is unknown while articles stream in, so it shows a spinner, the
count, the rate and the elapsed time; it is removed when the run ends.
"""

from __future__ import annotations

import sys
import time
from typing import Any

__all__ = ["RunProgress"]


class RunProgress:
    """Use as a context manager and call :meth:`advance` once per article.

    Args:
        enabled: show it; None shows it only when stderr is a terminal.
    """

    def __init__(self, enabled: bool | None) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty()
        self._progress: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed} articles"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
        self._task: Any = None
        self._started = 0.0

    def __enter__(self) -> "RunProgress":
        if self._progress is not None:
            self._progress.start()
            self._task = self._progress.add_task("run", total=None, rate="")
            self._started = time.monotonic()
        return self

    def advance(self) -> None:
        """Count one more article."""
        if self._progress is None:
            return
        elapsed = time.monotonic() - self._started
        done = self._progress.tasks[0].completed + 1
        rate = f"{done / elapsed:.1f}/s" if elapsed > 0 else ""
        self._progress.update(self._task, advance=1, rate=rate)

    def __exit__(self, *exc: Any) -> None:
        if self._progress is not None:
            self._progress.stop()
