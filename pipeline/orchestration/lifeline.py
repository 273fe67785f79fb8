"""Helper processes die with the run that started them, whatever ends it (kill -9 included).

A run starts a Prefect server, a forkserver and its worker processes, and perhaps a Dask cluster.
When the run exits normally it stops them; when it is killed it cannot, so each helper watches
the run instead: on Linux the kernel sends a child SIGKILL when its parent dies (prctl
PR_SET_PDEATHSIG), and a daemon thread waits for the run's process to end (a pidfd on Linux,
polling elsewhere) and exits. Worker processes need the thread: their parent is the forkserver,
which stays alive as long as any of them does.

Importing this module must stay cheap: the Prefect server's process imports it first.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def die_with(run: int) -> None:
    """Make this process exit as soon as process `run` (the run that needs it) has ended.

    If `run` is this process's parent, the kernel kills it too (Linux): PDEATHSIG fires when
    the thread that forked this process ends, which for the run's server is the main thread.
    """
    if sys.platform.startswith("linux") and os.getppid() == run:
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the thread below still works
    try:
        handle = os.pidfd_open(run)
    except (AttributeError, OSError):  # not Linux 5.3+, or the run has already ended
        handle = None
        if not _alive(run):
            os._exit(1)
    threading.Thread(target=_watch, args=(run, handle), name="lifeline", daemon=True).start()


def _watch(run: int, handle: int | None) -> None:
    if handle is not None:
        select.select([handle], [], [])  # readable once the process has ended
    else:
        while _alive(run):
            time.sleep(POLL_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_initializer(run: int) -> None:
    """For the run's worker processes: Ctrl-C is the run's to handle (a terminal sends it to the
    whole process group), and a worker never outlives the run."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with(run)
