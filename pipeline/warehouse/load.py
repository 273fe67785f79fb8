"""Stage 5: merge a run's Parquet parts into DuckDB in one transaction, then export the tables.

DuckDB is where runs meet: each run adds only what changed, so a rerun is cheap, and a run killed
at any moment leaves the database as the previous run committed it (DuckDB rolls back an open
transaction on reopen). The Parquet copies are exported from DuckDB whenever their content
changed, into a temporary folder that is swapped in whole.

The statements here and the SQL files of sql/load/ pass rows through temp tables, declared (with
their columns, writers and readers) in temp_tables.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline import __version__
from pipeline.settings import DUCKDB_CONFIG, SEARCH_CHUNK_DOCUMENTS, fault_point
from pipeline.warehouse import read_sql, sql_scripts, table_exists
from pipeline.warehouse.changes import ChangePlan, KnownFile
from pipeline.warehouse.layout import copy_runs_history
from pipeline.warehouse.lock import WarehouseBusy, duckdb_lock_holder
from pipeline.warehouse.macros import MACROS, define_macros
from pipeline.warehouse.schemas import PER_DOCUMENT_TABLES, TABLES, WAREHOUSE_TABLES
from pipeline.warehouse.syndication import build_syndication_table
from pipeline.warehouse.temp_tables import TEMP_TABLES


@dataclass(frozen=True)
class MergeCounts:
    new: int
    changed: int
    unchanged: int
    gone: int
    rejected: int
    documents: int  # current (not gone): with `rejected`, they add up to the inputs
    # Records and lines of web archives and dumps among documents and rejects, and the files
    # they came from: inputs = files - containers + members = documents + rejected.
    members: int = 0
    containers: int = 0


def connect_for_writing(database: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(database), config=DUCKDB_CONFIG)
    except duckdb.IOException as error:
        who = duckdb_lock_holder(error)
        if who is None:
            raise  # a missing folder, no permission, a full disk: not another process's doing
        raise WarehouseBusy(
            f"{database} is open in {who} (a DuckDB shell, a notebook or another run). A run needs "
            "it to itself for a moment: close that connection and run again."
        ) from error


def layout_key() -> str:
    """Changes with the table layout or the package version: either means the rows on disk were
    made by other code, so the warehouse is rebuilt rather than half-migrated."""
    schemas = ";".join(f"{name}:{schema}" for name, schema in WAREHOUSE_TABLES.items())
    return f"{__version__}/{hashlib.sha256(schemas.encode()).hexdigest()[:16]}"


def ensure_schema(con: duckdb.DuckDBPyConnection) -> bool:
    """Create the tables; returns True when an older warehouse had to be dropped for a rebuild.

    The rebuild keeps the history of runs: their rows are what no rerun can recompute."""
    key = layout_key()
    current = (
        con.execute("SELECT key FROM warehouse_layout").fetchall()
        if table_exists(con, "warehouse_layout")
        else []
    )
    if current == [(key,)]:
        return False
    rebuilt = bool(current) or any(table_exists(con, table) for table in WAREHOUSE_TABLES)
    con.execute("BEGIN TRANSACTION")  # killed half-way, the older warehouse is still whole
    if table_exists(con, "runs"):
        con.execute("CREATE OR REPLACE TEMP TABLE runs_before AS SELECT * FROM main.runs")
    con.execute("DROP TABLE IF EXISTS derived_state")  # derived tables are rebuilt with the rest
    for table in WAREHOUSE_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
        con.register("empty_table", WAREHOUSE_TABLES[table].empty_table())
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM empty_table")
        con.unregister("empty_table")
    if rebuilt and table_exists(con, "runs_before", "LOCAL TEMPORARY"):
        copy_runs_history(con)
    # Empty derived tables, so that views and macros over them exist before the first load.
    con.execute(read_sql("load", "derived_tables.sql"))
    con.execute("CREATE OR REPLACE TABLE warehouse_layout AS SELECT ? AS key", [key])
    con.execute("COMMIT")
    return rebuilt


def known_files(con: duckdb.DuckDBPyConnection) -> list[KnownFile]:
    rows = con.execute("SELECT path, n_bytes, mtime_ns, doc_id FROM files").fetchall()
    return [KnownFile(*row) for row in rows]


def _staged(con: duckdb.DuckDBPyConnection, staging: Path, table: str) -> None:
    """Expose the run's Parquet parts of `table` as temp view staged_<table>.

    A view, not a copy: rows go from Parquet straight into the warehouse tables, so a large run
    is never held twice (a 100,000-page run is about 2 GB of text)."""
    if any((staging / table).glob("*.parquet")):
        parts = (staging / table / "*.parquet").as_posix().replace("'", "''")
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW staged_{table} AS SELECT * FROM read_parquet('{parts}')"
        )
    else:
        con.register("empty_table", TABLES[table].empty_table())
        con.execute(f"CREATE OR REPLACE TEMP TABLE staged_{table} AS SELECT * FROM empty_table")
        con.unregister("empty_table")


def merge_run(
    con: duckdb.DuckDBPyConnection, staging: Path, plan: ChangePlan, now: datetime
) -> MergeCounts:
    """Replace what changed, mark what disappeared, keep the rest untouched: one transaction."""
    processed = pa.table(
        {
            "path": [s.path for s in plan.to_process],
            "n_bytes": pa.array([s.n_bytes for s in plan.to_process], pa.int64()),
            "mtime_ns": pa.array([s.mtime_ns for s in plan.to_process], pa.int64()),
        }
    )
    con.execute("BEGIN TRANSACTION")
    for table in TABLES:
        _staged(con, staging, table)
    con.register("processed", processed)
    con.register("unchanged", pa.table({"path": pa.array(sorted(plan.unchanged), pa.string())}))
    con.register("gone", pa.table({"path": pa.array(sorted(plan.gone), pa.string())}))
    # Touched but identical content (same hash): keep the old rows, so nothing changes.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE touched AS
           SELECT n.path FROM staged_documents AS n
           JOIN documents AS d ON d.path = n.path AND d.doc_id = n.doc_id AND d.gone_at IS NULL"""
    )
    for table in TABLES:
        keep = (
            "WHERE path NOT IN (SELECT path FROM touched)" if table in PER_DOCUMENT_TABLES else ""
        )
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW new_{table} AS SELECT * FROM staged_{table} {keep}"
        )
    # Materialized once: the new_ views read the staged Parquet each time they are queried.
    # A file read again also drops the records or lines its new reading no longer has.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE replaced AS
           SELECT path FROM new_documents UNION ALL SELECT path FROM new_rejects
           UNION ALL
           SELECT path FROM documents
           WHERE source_file IN (SELECT path FROM processed)
             AND path NOT IN (SELECT path FROM staged_documents)
             AND path NOT IN (SELECT path FROM staged_rejects)"""
    )
    # Files read again whose every document was found as it was, with no reject before or now.
    con.execute(
        """CREATE OR REPLACE TEMP TABLE touched_files AS
           SELECT source_file FROM staged_documents
           EXCEPT SELECT source_file FROM new_documents
           EXCEPT SELECT source_file FROM staged_rejects
           EXCEPT SELECT source_file FROM rejects
           EXCEPT SELECT source_file FROM documents WHERE path IN (SELECT path FROM replaced)"""
    )
    _capture_retired(con)
    for table in PER_DOCUMENT_TABLES:
        con.execute(f"DELETE FROM {table} WHERE path IN (SELECT path FROM replaced)")
    con.execute("DELETE FROM rejects WHERE source_file NOT IN (SELECT path FROM unchanged)")
    fault_point("merge")
    for table in TABLES:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM new_{table}")
    gone_files = con.execute(
        "UPDATE documents SET gone_at = ? WHERE gone_at IS NULL "
        "AND source_file IN (SELECT path FROM gone) RETURNING source_file",
        [now],
    ).fetchall()
    con.execute(
        "DELETE FROM files WHERE path IN (SELECT path FROM processed UNION ALL SELECT path FROM gone)"
    )
    # A file that did not deliver its bytes in time (a hung mount) is read again by the next
    # run: no modification time matches -1.
    con.execute(
        """INSERT INTO files (path, n_bytes, mtime_ns, doc_id)
           SELECT p.path, p.n_bytes,
                  CASE WHEN p.path IN (SELECT source_file FROM staged_rejects
                                       WHERE reason = 'read_timeout')
                       THEN -1 ELSE p.mtime_ns END,
                  min(d.doc_id)
           FROM processed AS p
           LEFT JOIN documents AS d ON d.source_file = p.path AND d.gone_at IS NULL
           GROUP BY ALL"""
    )
    con.execute("CREATE OR REPLACE TEMP TABLE arrived AS SELECT doc_id, path FROM new_documents")
    refresh_derived_tables(con)
    rejected = con.execute("SELECT count(*) FROM rejects").fetchall()[0][0]
    documents = con.execute("SELECT count(*) FROM documents WHERE gone_at IS NULL").fetchall()[0][0]
    touched = con.execute("SELECT count(*) FROM touched_files").fetchall()[0][0]
    members, containers = con.execute(
        """SELECT count(*), count(DISTINCT source_file) FROM (
               SELECT path, source_file FROM documents WHERE gone_at IS NULL
               UNION ALL SELECT path, source_file FROM rejects)
           WHERE path <> source_file"""
    ).fetchall()[0]
    con.execute("COMMIT")
    for name in ("processed", "unchanged", "gone"):
        con.unregister(name)
    return MergeCounts(
        new=len(plan.new),
        # Read again and found different (or rejected before, whose content is not kept): with
        # new and unchanged, every listed file is counted once.
        changed=len(plan.to_process) - len(plan.new) - touched,
        unchanged=len(plan.unchanged) + touched,
        gone=len({file for (file,) in gone_files}),
        rejected=rejected,
        documents=documents,
        members=members,
        containers=containers,
    )


def _capture_retired(con: duckdb.DuckDBPyConnection) -> None:
    """Documents about to leave (replaced, or gone from the input) and their lines, before their
    rows are deleted: the derived tables move by them."""
    con.execute(
        """CREATE OR REPLACE TEMP TABLE retired AS
           SELECT doc_id, path FROM documents
           WHERE gone_at IS NULL
             AND (path IN (SELECT path FROM replaced) OR source_file IN (SELECT path FROM gone))"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE retired_lines AS
           SELECT b.line_hash, count(DISTINCT b.path) AS n FROM blocks AS b
           JOIN retired AS r ON r.doc_id = b.doc_id AND r.path = b.path
           WHERE b.line_hash IS NOT NULL
           GROUP BY b.line_hash"""
    )


def refresh_derived_tables(
    con: duckdb.DuckDBPyConnection, search_chunk_documents: int = SEARCH_CHUNK_DOCUMENTS
) -> str:
    """Recurring lines, views, search index, syndication, moved by the documents that arrived
    (temp table `arrived`) and left (`retired`, `retired_lines`) in this run. Rebuilt in full
    when the SQL that derives them changed or they do not exist yet. Returns what was done."""
    scripts = [*sql_scripts("load"), *sql_scripts()]
    sql = b"".join(path.read_bytes() for path in scripts) + MACROS.encode()
    code = hashlib.sha256(sql).hexdigest()[:16]
    current = (
        con.execute("SELECT key FROM derived_state").fetchall()
        if table_exists(con, "derived_state")
        else []
    )
    full = current != [(code,)]
    if full:
        con.execute(read_sql("load", "derived_tables.sql"))
        con.execute(
            "CREATE OR REPLACE TEMP TABLE arrived AS "
            "SELECT doc_id, path FROM documents WHERE gone_at IS NULL"
        )
        con.execute("DELETE FROM retired")
        con.execute("DELETE FROM retired_lines")
    moved = con.execute(
        "SELECT (SELECT count(*) FROM arrived) + (SELECT count(*) FROM retired)"
    ).fetchall()[0][0]
    if not full and not moved:
        return "unchanged"
    define_macros(con)
    con.execute(read_sql("load", "recurring_lines.sql"))
    apply_sql(con)
    _refresh_search_index(con, search_chunk_documents)
    build_syndication_table(con)
    con.execute("CREATE OR REPLACE TABLE derived_state AS SELECT ? AS key", [code])
    return "rebuilt" if full else "updated"


def _refresh_search_index(con: duckdb.DuckDBPyConnection, chunk_documents: int) -> None:
    """Re-index the documents that left, arrived or were relabelled, a chunk at a time."""
    con.execute(
        """CREATE OR REPLACE TEMP TABLE search_refresh_all AS
           SELECT doc_id, path FROM retired
           UNION SELECT doc_id, path FROM arrived
           UNION SELECT doc_id, path FROM relabelled"""
    )
    TEMP_TABLES["df_delta"].create(con)
    n_documents = con.execute("SELECT count(*) FROM search_refresh_all").fetchall()[0][0]
    chunks = max(1, -(-n_documents // chunk_documents))
    script = read_sql("load", "search_index.sql")
    for chunk in range(chunks):
        con.execute(
            "CREATE OR REPLACE TEMP TABLE search_refresh AS SELECT doc_id, path "
            "FROM search_refresh_all WHERE hash(path) % ? = ?",
            [chunks, chunk],
        )
        con.execute(script)
    con.execute(read_sql("load", "search_terms.sql"))


def apply_sql(con: duckdb.DuckDBPyConnection) -> None:
    define_macros(con)
    for script in sql_scripts():
        con.execute(script.read_text(encoding="utf-8"))
