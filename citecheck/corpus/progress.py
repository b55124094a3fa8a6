"""How a long corpus run is going, on a terminal: documents done of the total (when the input
tells it ahead: files and titles, not a dump), failed, their rate and the time left, and their
links by status, redrawn by rich; nothing when stderr is not a terminal (CI logs get the summary
line alone)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


class CorpusProgress:
    """``document(row)`` as each document's index row comes in; ``close()`` at the end."""

    def __init__(
        self, enabled: bool | None = None, total: int | None = None, console: Console | None = None
    ) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total = total
        self._console = console  # stderr's by default
        self.documents = 0
        self.failed = 0
        self.links: Counter[str] = Counter()
        self._started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def document(self, row: dict[str, Any]) -> None:
        self.documents += 1
        if row.get("error") is not None:
            self.failed += 1
        for counts in (row.get("hosts") or {}).values():
            self.links.update(counts)
        if not self.enabled:
            return
        if self._progress is None:
            self._start()
        assert self._progress is not None and self._task is not None
        rate = self.documents / max(time.monotonic() - self._started, 1e-9)
        self._progress.update(
            self._task, completed=self.documents, status=self.status(), rate=f"{rate:.1f}/s"
        )

    def status(self) -> str:
        """Failed documents and links by status: "1 failed · alive 120 · dead 3"."""
        parts = [f"{self.failed} failed"] if self.failed else []
        parts += [f"{status} {n}" for status, n in sorted(self.links.items())]
        return " · ".join(parts)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[ProgressColumn | str] = [SpinnerColumn()]
        if self.total is None:
            columns.append(TextColumn("{task.completed} documents"))
        else:
            columns += [BarColumn(), MofNCompleteColumn(), TextColumn("documents")]
        columns += [
            TextColumn("[progress.data.speed]{task.fields[rate]}"),
            TimeElapsedColumn(),
        ]
        if self.total is not None:
            columns += [TextColumn("left"), TimeRemainingColumn()]
        columns.append(TextColumn("{task.fields[status]}"))
        console = self._console or Console(stderr=True)
        self._progress = Progress(*columns, console=console, transient=True)
        self._task = self._progress.add_task("audit", total=self.total, status="", rate="")
        self._progress.start()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
