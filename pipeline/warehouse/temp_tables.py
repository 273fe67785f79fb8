"""The temp tables that carry data between the warehouse's Python and its SQL, declared in one place.

A load or a check is a sequence of statements, some in Python (load.py, check.py), some in the SQL
files under sql/, that hand rows to one another through temp tables (or Arrow tables registered
under a name, which SQL reads the same way). Each is declared here with its columns, the files
that write it and the files that read it (paths relative to pipeline/warehouse/); each SQL file
names the ones it uses in its header comment. tests/test_temp_tables.py holds both to it.

Not declared: a SQL file's own scratch tables (created and read in that file alone), and the
views `staged_<table>` and `new_<table>` of load.py, one per table of schemas.TABLES with its
columns: the run's Parquet parts, and those of them that changed.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class TempTable:
    name: str
    columns: dict[str, str]  # name: DuckDB type
    written_by: tuple[str, ...]
    read_by: tuple[str, ...]
    holds: str

    def create(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create it empty (for the tables a reader needs even when no writer ran)."""
        columns = ", ".join(f"{name} {kind}" for name, kind in self.columns.items())
        con.execute(f"CREATE OR REPLACE TEMP TABLE {self.name} ({columns})")


DOCUMENT_KEY = {"doc_id": "VARCHAR", "path": "VARCHAR"}
PATH = {"path": "VARCHAR"}
LOAD = "load.py"
RECURRING_LINES = "sql/load/recurring_lines.sql"

TEMP_TABLES: dict[str, TempTable] = {
    table.name: table
    for table in (
        # The load (load.merge_run), in one transaction.
        TempTable(
            "processed",
            {"path": "VARCHAR", "n_bytes": "BIGINT", "mtime_ns": "BIGINT"},
            (LOAD,),
            (LOAD,),
            "the input files this run read (new, or changed in size or mtime), as they were seen",
        ),
        TempTable(
            "unchanged", PATH, (LOAD,), (LOAD,), "input files not read again: kept as they are"
        ),
        TempTable("gone", PATH, (LOAD,), (LOAD,), "files of the last run no longer in the input"),
        TempTable(
            "touched", PATH, (LOAD,), (LOAD,), "documents read again whose content had not changed"
        ),
        TempTable(
            "touched_files",
            {"source_file": "VARCHAR"},
            (LOAD,),
            (LOAD,),
            "files read again whose every document was found unchanged (counted as unchanged)",
        ),
        TempTable(
            "replaced",
            PATH,
            (LOAD,),
            (LOAD,),
            "inputs (files, records, lines) whose rows this run replaces, first adds or drops",
        ),
        TempTable(
            "retired",
            DOCUMENT_KEY,
            (LOAD,),
            (LOAD,),
            "documents leaving the warehouse (replaced or gone), captured before their rows go",
        ),
        TempTable(
            "retired_lines",
            {"line_hash": "UBIGINT", "n": "BIGINT"},
            (LOAD,),
            (RECURRING_LINES,),
            "the recurring-line keys of the retired documents, with how many documents had each",
        ),
        TempTable(
            "arrived",
            DOCUMENT_KEY,
            (LOAD,),
            (LOAD, RECURRING_LINES),
            "documents new in the warehouse in this run (all current ones on a full rebuild)",
        ),
        TempTable(
            "relabelled",
            DOCUMENT_KEY,
            (RECURRING_LINES,),
            (LOAD,),
            "documents already there whose lines changed role as lines started or stopped recurring",
        ),
        TempTable(
            "search_refresh_all",
            DOCUMENT_KEY,
            (LOAD,),
            (LOAD,),
            "documents whose search units are rebuilt: retired, arrived and relabelled",
        ),
        TempTable(
            "search_refresh",
            DOCUMENT_KEY,
            (LOAD,),
            ("sql/load/search_index.sql",),
            "one chunk of search_refresh_all, re-indexed by one execution of search_index.sql",
        ),
        TempTable(
            "df_delta",
            {"term": "VARCHAR", "n": "BIGINT"},
            (LOAD, "sql/load/search_index.sql"),
            ("sql/load/search_terms.sql",),
            "document frequencies removed (negative) and added by each chunk; load.py creates it",
        ),
        # A rebuild for a new table layout (load.ensure_schema), in one transaction.
        TempTable(
            "runs_before",
            {"run_id": "VARCHAR"},
            (LOAD,),
            ("layout.py",),
            "the runs rows of the older layout, with its columns, copied into the new runs table",
        ),
        # The check (check.check_warehouse), on a read-only connection.
        TempTable(
            "inputs",
            PATH,
            ("check.py",),
            ("sql/checks/inputs_accounted.sql",),
            "every input the run discovered",
        ),
        TempTable(
            "checked_runs",
            {"run_id": "VARCHAR"},
            ("check.py",),
            ("sql/checks/blocks_cover_lines.sql",),
            "the runs whose documents the check reads (all, or those no passing check has read)",
        ),
    )
}
