"""Local worker processes for the CPU-bound batch work, shared by the run's batch tasks.

Prefect's own ProcessPoolTaskRunner runs a whole task engine in every worker (Prefect imported,
API calls per task): measured here it made the process stage slower than one thread. Instead the
batch tasks run on Prefect's thread runner and hand their pure work to this pool, whose workers
only import the pipeline. They fork from a forkserver that has imported it once, so they start in
a fraction of a second and never inherit Prefect's threads.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# The modules workers need, imported once in the forkserver rather than in every worker.
PRELOAD = ["pipeline.orchestration.batch"]

_pool: ProcessPoolExecutor | None = None


@contextmanager
def local_workers(n_workers: int) -> Iterator[None]:
    """While open, `in_worker` runs functions in `n_workers` processes (none when fewer than 2)."""
    global _pool
    if n_workers < 2:
        yield
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    with ProcessPoolExecutor(max_workers=n_workers, mp_context=context) as pool:
        _pool = pool
        try:
            yield
        finally:
            _pool = None


def in_worker(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`function(*args)` in a worker process when the pool is open, here otherwise."""
    if _pool is None:
        return function(*args, **kwargs)
    return _pool.submit(function, *args, **kwargs).result()
