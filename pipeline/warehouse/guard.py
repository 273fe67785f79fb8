"""No silent wipe: a run that would empty the warehouse by mistake stops before it changes anything.

An unmounted drive, a typo in --input or a half-synced folder look like "every file was deleted"
to an incremental run, which would mark the documents gone and drop them from `articles`. Two
signs are refused unless the user says the change is meant (`--allow-gone`): an input folder
other than the one of the last run that loaded, and more than half of the current documents
about to be marked gone.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb

from pipeline.warehouse.changes import KnownFile

# Runs whose load committed: their input folder is the one the warehouse reflects.
LOADED_STATUSES = ("loaded", "completed", "check_failed")


class WipeRefused(RuntimeError):
    """The run would replace or drop most of the warehouse; the message says why, in one sentence."""


def last_input_dir(con: duckdb.DuckDBPyConnection) -> str | None:
    """The input folder of the last run that loaded, or None for a new (or foreign) warehouse."""
    try:
        rows = con.execute(
            "SELECT input_dir FROM runs WHERE status IN ? ORDER BY started DESC LIMIT 1",
            [list(LOADED_STATUSES)],
        ).fetchall()
    except duckdb.Error:  # no runs table yet, or one of another layout
        return None
    return str(rows[0][0]) if rows and rows[0][0] is not None else None


def known_before(con: duckdb.DuckDBPyConnection) -> list[KnownFile]:
    """What the last run saw, read before anything is changed (an old layout reads as empty)."""
    try:
        rows = con.execute("SELECT path, n_bytes, mtime_ns, doc_id FROM files").fetchall()
    except duckdb.Error:
        return []
    return [KnownFile(*row) for row in rows]


def refuse_wipe(
    input_dir: Path,
    previous_input: str | None,
    known: Iterable[KnownFile],
    gone: Iterable[str],
    warehouse: Path,
) -> None:
    """Raise WipeRefused when the run looks like a mistake (see the module's docstring)."""
    here = str(input_dir.resolve())
    if previous_input is not None and previous_input != here:
        raise WipeRefused(
            f"the warehouse {warehouse} was built from {previous_input}, not {here}: nothing was "
            "changed; run on the same folder, or pass --allow-gone to build it from this one "
            "(documents missing here are marked gone)"
        )
    documents = {file.path for file in known if file.doc_id is not None}
    leaving = documents.intersection(gone)
    if documents and len(leaving) * 2 > len(documents):
        raise WipeRefused(
            f"{len(leaving):,} of the {len(documents):,} documents of {warehouse} are missing "
            f"from {here}: nothing was changed; check that the folder is complete (a drive not "
            "mounted, a sync not finished), or pass --allow-gone to mark them gone"
        )
