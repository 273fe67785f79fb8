"""What an incremental run must do: compare the folder with what the last run saw."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.stages.discover import SourceFile


@dataclass(frozen=True)
class KnownFile:
    """A row of the `files` table: an input as the previous run left it."""

    path: str
    n_bytes: int
    mtime_ns: int
    doc_id: str | None


@dataclass(frozen=True)
class ChangePlan:
    to_process: list[SourceFile]
    new: frozenset[str]
    unchanged: frozenset[str]
    gone: frozenset[str]
    # Known files inside folders that could not be listed this run: kept as they were (and
    # counted in `unchanged`), never marked gone.
    kept: frozenset[str] = frozenset()


def plan_changes(
    sources: Iterable[SourceFile],
    known: Iterable[KnownFile],
    unlistable_folders: Iterable[str] = (),
) -> ChangePlan:
    """Same size and modification time: unchanged, not even read. Anything else is processed;
    the content hash then tells a real change from a touch (see load.merge_run). What the last
    run saw inside `unlistable_folders` is kept as it was."""
    previous = {file.path: file for file in known}
    to_process: list[SourceFile] = []
    unchanged: set[str] = set()
    seen: set[str] = set()
    prefixes = tuple(f"{folder}/" for folder in unlistable_folders)
    for source in sources:
        seen.add(source.path)
        before = previous.get(source.path)
        if before and (before.n_bytes, before.mtime_ns) == (source.n_bytes, source.mtime_ns):
            unchanged.add(source.path)
        else:
            to_process.append(source)
    missing = set(previous) - seen
    kept = {path for path in missing if prefixes and path.startswith(prefixes)}
    return ChangePlan(
        to_process=to_process,
        new=frozenset(s.path for s in to_process if s.path not in previous),
        unchanged=frozenset(unchanged | kept),
        gone=frozenset(missing - kept),
        kept=frozenset(kept),
    )
