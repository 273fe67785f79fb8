"""What survives a change of the warehouse's table layout: the history of runs.

A new layout (a column added, a type changed, a new package version) rebuilds the warehouse from
the input folder (load.ensure_schema): documents, blocks and the rest are recomputed by the next
run. The `runs` rows are not: they record runs that happened, and the report's history and the
guard against a silent wipe (guard.py) read them. So they are copied into the new `runs` table.
"""

from __future__ import annotations

import duckdb

from pipeline.warehouse.schemas import RUNS


def copy_runs_history(con: duckdb.DuckDBPyConnection) -> int:
    """Copy the rows of temp table runs_before (the runs table of the older layout, saved by
    load.ensure_schema) into the new, empty `runs` table; returns how many. Columns both layouts have are copied, each cast to its new type
    (NULL where a value does not cast); a column only the new layout has stays NULL, one only
    the old layout had is left behind."""
    old_columns = {row[0] for row in con.execute("DESCRIBE runs_before").fetchall()}
    new_types = {
        column[0]: str(column[1])
        for column in con.execute("SELECT * FROM runs LIMIT 0").description
    }
    shared = [name for name in RUNS.names if name in old_columns and name in new_types]
    copied = 0
    if "run_id" in shared:  # else not a runs table this package wrote: nothing to carry over
        names = ", ".join(f'"{name}"' for name in shared)
        values = ", ".join(f'TRY_CAST("{name}" AS {new_types[name]})' for name in shared)
        (copied,) = con.execute(
            f"INSERT INTO runs ({names}) SELECT {values} FROM runs_before WHERE run_id IS NOT NULL"
        ).fetchall()[0]
    con.execute("DROP TABLE runs_before")
    return int(copied)
