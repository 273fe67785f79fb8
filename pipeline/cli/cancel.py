"""Ctrl-C while DuckDB works: the statement is cancelled at once, not when it would have ended.

Python runs signal handlers only when the main thread executes bytecode, and a DuckDB statement
holds it in C for as long as it runs (a sort of a large corpus: minutes). So during a statement the
signal also reaches a watcher thread, through a wakeup socket, and the watcher calls `interrupt()`
on the connections; the main thread then gets an error that `cancelled_by` recognises.
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

import duckdb

from pipeline.cli.exit_codes import ExitCode

# DuckDB forgets an interrupt that comes before a statement's execution begins (between binding
# and the first fetch): the watcher asks again at this interval until the work is over.
INTERRUPT_REPEAT_SECONDS = 0.05


class CancelOnInterrupt:
    """`with CancelOnInterrupt(connections) as cancel:` then `with cancel.running():` around the
    work that Ctrl-C must stop. The wakeup socket is installed per `running()`, because
    prompt_toolkit's event loop installs its own while it prompts."""

    def __init__(self, connections: Sequence[duckdb.DuckDBPyConnection]) -> None:
        self.connections = list(connections)
        self.busy = False
        self.interrupted = False  # Ctrl-C came during the work (see cancelled_by)

    def __enter__(self) -> CancelOnInterrupt:
        self.receiver, self.sender = socket.socketpair()
        self.sender.setblocking(False)
        self.watcher = threading.Thread(target=self._watch, name="cancel-query", daemon=True)
        self.watcher.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.sender.close()  # the watcher's recv returns b"" and it ends
        self.watcher.join()
        self.receiver.close()

    @contextmanager
    def running(self) -> Iterator[None]:
        previous_handler = signal.signal(signal.SIGINT, self._in_main_thread)
        previous_fd = signal.set_wakeup_fd(self.sender.fileno(), warn_on_full_buffer=False)
        self.interrupted = False
        self.busy = True
        try:
            yield
        finally:
            self.busy = False
            signal.set_wakeup_fd(previous_fd)
            signal.signal(signal.SIGINT, previous_handler)

    def cancelled_by(self, error: BaseException) -> bool:
        """Whether `error` is how the work ended because of Ctrl-C: a KeyboardInterrupt, or any
        error after one (DuckDB raises InterruptException, or RuntimeError("Query interrupted")
        when it finds Python's KeyboardInterrupt pending, or another error when a statement was
        cut off while being prepared)."""
        return isinstance(error, KeyboardInterrupt) or self.interrupted

    def _in_main_thread(self, signum: int, frame: FrameType | None) -> None:
        self.interrupted = True
        raise KeyboardInterrupt

    def _watch(self) -> None:
        while data := self.receiver.recv(64):
            while signal.SIGINT in data and self.busy:
                self.interrupted = True
                for connection in self.connections:
                    connection.interrupt()
                time.sleep(INTERRUPT_REPEAT_SECONDS)


def run_cancellable(
    connections: Sequence[duckdb.DuckDBPyConnection],
    work: Callable[[], int | None],
    cancelled: str,
) -> int:
    """Run `work` (its exit status; OK when it returns None). Ctrl-C cancels the queries of
    `connections` at once, not when they would have ended, prints `cancelled` and gives 130."""
    with CancelOnInterrupt(connections) as cancel, cancel.running():
        try:
            status = work()
        except (KeyboardInterrupt, duckdb.Error, RuntimeError) as error:
            if not cancel.cancelled_by(error):
                raise
            print(cancelled, file=sys.stderr)
            return ExitCode.INTERRUPTED
    return ExitCode.OK if status is None else status
