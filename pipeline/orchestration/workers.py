"""Local worker processes for the CPU-bound batch work, shared by the run's batch tasks.

Prefect's own ProcessPoolTaskRunner runs a whole task engine in every worker (Prefect imported,
API calls per task): measured here it made the process stage slower than one thread. Instead the
batch tasks run on Prefect's thread runner and hand their pure work to this pool, whose workers
only import the pipeline. They fork from a forkserver that has imported it once, so they start in
a fraction of a second and never inherit Prefect's threads.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from pipeline.orchestration.lifeline import worker_initializer

P = ParamSpec("P")
R = TypeVar("R")

# The modules workers need, imported once in the forkserver rather than in every worker.
PRELOAD = ["pipeline.orchestration.batch"]

_pool: ProcessPoolExecutor | None = None
QUIET_TRACKER = "ignore::UserWarning:multiprocessing.resource_tracker"


@contextmanager
def local_workers(n_workers: int) -> Iterator[None]:
    """While open, `in_worker` runs functions in `n_workers` processes (none when fewer than 2)."""
    global _pool
    if n_workers < 2:
        yield
        return
    context = start_forkserver()
    # Workers ignore Ctrl-C (the run handles it) and exit when the run's process ends, however
    # it ends; the forkserver and the resource tracker follow them (lifeline.py).
    with ProcessPoolExecutor(
        max_workers=n_workers,
        mp_context=context,
        initializer=worker_initializer,
        initargs=(os.getpid(),),
    ) as pool:
        _pool = pool
        try:
            yield
        finally:
            _pool = None


def start_forkserver() -> multiprocessing.context.BaseContext:
    """The forkserver context, its server started (with the resource tracker) with SIGINT
    ignored, which they and the processes they fork keep: a Ctrl-C, which a terminal sends to
    every process of the group, is the run's alone to handle, even while a helper is still
    starting up (it would print a KeyboardInterrupt traceback). For the few milliseconds of the
    spawn, a Ctrl-C is lost: the second one stops the run. Local workers and the workers of a
    Dask LocalCluster fork from it."""
    quiet_resource_tracker()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    handler = signal.getsignal(signal.SIGINT)
    ignoring = threading.current_thread() is threading.main_thread()
    if ignoring:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if ignoring:
            signal.signal(signal.SIGINT, handler)
    return context


def quiet_resource_tracker() -> None:
    """The resource tracker that multiprocessing starts (for this pool, or for a Dask cluster)
    takes its warning options from this process's: when an interrupted run exits at once, it
    cleans the semaphores up without a "leaked semaphore objects" warning on the terminal."""
    if QUIET_TRACKER not in sys.warnoptions:
        sys.warnoptions.append(QUIET_TRACKER)


def in_worker(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`function(*args)` in a worker process when the pool is open, here otherwise."""
    if _pool is None:
        return function(*args, **kwargs)
    return _pool.submit(function, *args, **kwargs).result()
