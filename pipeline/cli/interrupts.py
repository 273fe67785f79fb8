"""Ctrl-C (SIGINT) and SIGTERM end a run within a second, at any stage, with one line.

The warehouse is safe against a run killed at any moment (README: Reruns), so an interrupted run
does not unwind: it says so, kills its helper processes and exits (130 for SIGINT, 143 for
SIGTERM). Unwinding would go through Prefect's crash handling, which reports to the API and
prints pages of logs, and through DuckDB statements that can run for a minute.

Python runs signal handlers in the main thread only between bytecodes, so a main thread inside a
long DuckDB statement would delay them. The C-level handler writes the signal number to a wakeup
socket at once, though: a watcher thread reads it and exits the process from there.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType

from pipeline.cli.exit_codes import ExitCode

MESSAGE = "interrupted; the warehouse is as the last completed run left it; run again to finish"
# Ctrl-C after the run committed and exported, while Prefect shuts down: nothing was lost.
AFTER_COMPLETION = "interrupted after the run completed: its results are saved"
EXIT_CODES = {signal.SIGINT: ExitCode.INTERRUPTED, signal.SIGTERM: ExitCode.TERMINATED}
# What each command says when Ctrl-C stops it: the read-only ones changed nothing anywhere.
MESSAGES = {
    "run": MESSAGE,
    "serve": "interrupted; no run was started",
    "sql": "query cancelled",
    "search": "search cancelled",
    "show": "interrupted; nothing was shown",
    "export": "interrupted; nothing was written",
    "report": "interrupted; no report was written",
}


def message_for(argv: Sequence[str]) -> str:
    """The line for the command `argv` names (its first word: the commands take no option
    before it); a bare "interrupted" for anything else (`--help`, a typo)."""
    return MESSAGES.get(argv[0] if argv else "", "interrupted")


_exiting = threading.Lock()
_run_completed = threading.Event()


def mark_run_completed() -> None:
    """The run committed and exported: an interrupt from now on loses nothing, and says so."""
    _run_completed.set()


def exit_quietly_on_signals(message: str) -> None:
    """Until a command takes over (or gives the defaults back, restore_default_signals), SIGINT
    and SIGTERM end the process with `message` (the command's, message_for): nothing has
    started yet."""

    def handler(signum: int, frame: FrameType | None) -> None:
        _exit(signum, lambda: None, debug=False, message=message)

    for signum in EXIT_CODES:
        signal.signal(signum, handler)


def restore_default_signals() -> None:
    """For the commands that only read: Ctrl-C raises KeyboardInterrupt, SIGTERM terminates."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def exit_at_once_on_signals(before_exit: Callable[[], None], debug: bool = False) -> None:
    """From now on SIGINT and SIGTERM print MESSAGE, call `before_exit` and end the process.

    Call from the main thread, before any other thread or helper process is started."""
    receiver, sender = socket.socketpair()
    sender.setblocking(False)

    def handler(signum: int, frame: FrameType | None) -> None:
        _exit(signum, before_exit, debug)  # the main thread got there first: fine too

    for signum in EXIT_CODES:
        signal.signal(signum, handler)
    signal.set_wakeup_fd(sender.fileno(), warn_on_full_buffer=False)
    threading.Thread(
        target=_watch, args=(receiver, sender, before_exit, debug), name="interrupts", daemon=True
    ).start()


def _watch(
    receiver: socket.socket, sender: socket.socket, before_exit: Callable[[], None], debug: bool
) -> None:
    # `sender` is passed only to keep it open for the life of the process.
    while True:
        data = receiver.recv(64)
        for signum in data:
            if signum in EXIT_CODES:
                _exit(signum, before_exit, debug)


def _exit(
    signum: int, before_exit: Callable[[], None], debug: bool, message: str = MESSAGE
) -> None:
    if not _exiting.acquire(blocking=False):
        return  # the other thread is already ending the process
    try:
        if debug:
            faulthandler.dump_traceback(all_threads=True)
        prefix = "\n" if sys.stderr is not None and sys.stderr.isatty() else ""
        if message == MESSAGE and _run_completed.is_set():
            message = AFTER_COMPLETION
        os.write(2, f"{prefix}{message}\n".encode())
        before_exit()
    finally:
        os._exit(EXIT_CODES[signal.Signals(signum)])
