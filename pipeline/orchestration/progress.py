"""Progress of a run, as batches complete: files done out of the total, and throughput.

The flow announces progress through `started` and `advanced`; whoever started the run (the CLI)
decides how to show it by installing a listener with `listening`. The flow's parameters must stay
JSON-serializable for deployments, so the listener cannot be a parameter: it is process-wide
state, and a served or remote run, which has no listener, shows nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol, TextIO


class ProgressListener(Protocol):
    def start(self, total_files: int, total_bytes: int) -> None: ...

    def advance(self, n_files: int, n_bytes: int) -> None: ...

    def finish(self) -> None: ...


_listener: ProgressListener | None = None


@contextmanager
def listening(listener: ProgressListener) -> Iterator[None]:
    """Route the progress of runs started in this process to `listener` while the block runs."""
    global _listener
    previous, _listener = _listener, listener
    try:
        yield
    finally:
        listener.finish()
        _listener = previous


def started(total_files: int, total_bytes: int) -> None:
    if _listener is not None:
        _listener.start(total_files, total_bytes)


def advanced(n_files: int, n_bytes: int) -> None:
    if _listener is not None:
        _listener.advance(n_files, n_bytes)


@dataclass
class ProgressBar:
    """Draws progress on `stream`: a bar redrawn in place on a terminal, and otherwise (CI logs,
    files) one plain line each time another tenth of the files is done, so at most ten lines."""

    stream: TextIO
    interactive: bool
    width: int = 24
    clock: Callable[[], float] = time.monotonic
    total_files: int = 0
    total_bytes: int = 0
    done_files: int = 0
    done_bytes: int = 0
    _started_at: float = 0.0
    _tenths_shown: int = 0
    _drawn: bool = field(default=False, repr=False)

    def start(self, total_files: int, total_bytes: int) -> None:
        self.total_files, self.total_bytes = total_files, total_bytes
        self.done_files = self.done_bytes = self._tenths_shown = 0
        self._started_at = self.clock()
        if self.interactive and total_files:  # the first batch can take a while: show the bar now
            self._draw(f"\r{self.line()}\x1b[K")

    def advance(self, n_files: int, n_bytes: int) -> None:
        self.done_files += n_files
        self.done_bytes += n_bytes
        if self.total_files == 0:
            return
        if self.interactive:
            self._draw(f"\r{self.line()}\x1b[K")  # clear what a longer line left
            return
        tenths = self.done_files * 10 // self.total_files
        if tenths > self._tenths_shown:
            self._tenths_shown = tenths
            self._draw(f"{self.line()}\n")

    def finish(self) -> None:
        # End the bar's line so the summary that follows starts on its own line.
        if self.interactive and self._drawn:
            self._draw("\n")
        self._drawn = False

    def line(self) -> str:
        elapsed = max(self.clock() - self._started_at, 1e-6)
        share = self.done_files / self.total_files if self.total_files else 1.0
        text = (
            f"{self.done_files}/{self.total_files} files ({share:.0%}), "
            f"{self.done_bytes / 1e6:.2f}/{self.total_bytes / 1e6:.2f} MB, "
            f"{self.done_files / elapsed:.1f} docs/s, {self.done_bytes / 1e6 / elapsed:.2f} MB/s, "
            f"{elapsed:.1f} s"
        )
        if not self.interactive:
            return f"Progress: {text}"
        filled = round(share * self.width)
        return f"[{'#' * filled}{'.' * (self.width - filled)}] {text}"

    def _draw(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
        self._drawn = True
