"""Commands `sql` and `search`: read-only queries on a built warehouse.

They open `WAREHOUSE/corpus.duckdb` read-only, so they can run beside notebooks and shells, and
they never import Prefect (seconds of start-up for nothing).
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import math
import os
import shutil
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import duckdb

from pipeline.cli.cancel import run_cancellable
from pipeline.cli.exit_codes import ExitCode
from pipeline.cli.interrupts import MESSAGES
from pipeline.cli.sql_prompt import run_prompt
from pipeline.report.html import __doc__ as html_doc
from pipeline.report.html import write_report_from
from pipeline.warehouse.lock import WarehouseBusy
from pipeline.warehouse.readonly import WarehouseMissing, open_read_only
from pipeline.warehouse.search import format_hits, search

FORMATS = ("table", "csv", "json", "parquet")
# Rows fetched at a time for --format csv and json (each row is a Python tuple while written).
TEXT_BATCH_ROWS = 10_000


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def add_query_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sql = commands.add_parser(
        "sql", help="run SQL on the warehouse and print the result", description=__doc__
    )
    sql.add_argument("query", nargs="?", help="SQL statement(s); the last one's result is shown")
    sql.add_argument("--warehouse", default="warehouse", type=Path, help="folder of corpus.duckdb")
    sql.add_argument(
        "--format", choices=FORMATS, default="table", help="csv and json are for pipes"
    )
    sql.add_argument(
        "--output", type=Path, help="write the result to this file (required for parquet)"
    )
    sql.add_argument(
        "--max-rows",
        type=at_least_one,
        default=40,
        help="rows a table shows (first and last half)",
    )
    sql.add_argument(
        "--interactive", action="store_true", help="a SQL prompt: statements end with ';'"
    )
    find = commands.add_parser("search", help="full-text search, ranked by BM25")
    find.add_argument("query", help="words to look for (case and accents are ignored)")
    find.add_argument("--warehouse", default="warehouse", type=Path, help="folder of corpus.duckdb")
    find.add_argument("--limit", type=at_least_one, default=10, help="number of hits shown")
    report = commands.add_parser(
        "report", help="write an HTML report of the warehouse, with charts", description=html_doc
    )
    report.add_argument(
        "--warehouse", default="warehouse", type=Path, help="folder of corpus.duckdb"
    )
    report.add_argument("--output", required=True, type=Path, help="HTML file to write")


def at_least_one(text: str) -> int:
    """A count given on the command line: a whole number from 1 to a billion."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 10**9:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and 1,000,000,000")
    return value


def reporting_errors(name: str, command: Callable[[], int]) -> int:
    """Run the read-only command `name`; a warehouse that cannot be opened, a failing query or
    Ctrl-C becomes one line and the exit status shared with `run`."""
    try:
        # Ctrl-C outside a cancellable query (while the warehouse opens, say) may still reach
        # DuckDB first, which then raises its own error: run_cancellable sees it as the interrupt.
        return run_cancellable([], command, MESSAGES[name])
    except KeyboardInterrupt:  # before run_cancellable took over Ctrl-C
        print(MESSAGES[name], file=sys.stderr)
        return ExitCode.INTERRUPTED
    except WarehouseMissing as missing:
        print(f"error: {missing}", file=sys.stderr)
        return ExitCode.CANNOT_START
    except WarehouseBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        return ExitCode.BUSY
    except duckdb.Error as error:
        print(f"error: {error}", file=sys.stderr)
        return ExitCode.FAILED
    except BrokenPipeError:
        # The reader left (`| head`, a pager quit): not an error. Python's own flush of stdout at
        # exit would fail the same way, so stdout goes nowhere from here on.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except OSError as error:  # an --output that is a folder, in a missing folder, not writable
        where = f"{os.fsdecode(error.filename)}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return ExitCode.CANNOT_START


def run_query_command(args: argparse.Namespace) -> int:
    return reporting_errors(args.command, lambda: _query(args))


def _query(args: argparse.Namespace) -> int:
    if args.command == "report":
        with open_read_only(args.warehouse) as con:
            return run_cancellable([con], lambda: _report(con, args), MESSAGES["report"])
    if args.command == "search":
        with open_read_only(args.warehouse) as con:
            return run_cancellable(
                [con],
                lambda: print(format_hits(args.query, search(con, args.query, args.limit))),
                MESSAGES["search"],
            )
    problem = _sql_usage_problem(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return ExitCode.CANNOT_START
    with open_read_only(args.warehouse, any_database=True) as con:
        if args.interactive:
            run_prompt(con, lambda result: write_result(con, result, "table", None, args.max_rows))
            return ExitCode.OK
        return run_cancellable([con], lambda: _run_sql(con, args), MESSAGES["sql"])


def _report(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> None:
    summary = write_report_from(con, args.warehouse, args.output)
    print(
        f"Report: {args.output} ({plural(summary.documents, 'document')}, "
        f"{plural(summary.outlets, 'outlet')}, {plural(summary.blocks, 'block')}, "
        f"{plural(summary.rejects, 'reject')})"
    )


def _run_sql(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> None:
    result = con.sql(args.query)
    if result is not None:
        write_result(con, result, args.format, args.output, args.max_rows)


def _sql_usage_problem(args: argparse.Namespace) -> str | None:
    if args.interactive == bool(args.query):
        return "give a query, or --interactive for a prompt (not both)"
    if args.format == "parquet" and args.output is None:
        return "--format parquet needs --output FILE"
    if args.output is not None and args.format == "table":
        return "--output needs --format csv, json or parquet"
    return None


def write_result(
    con: duckdb.DuckDBPyConnection,
    result: duckdb.DuckDBPyRelation,
    fmt: str,
    output: Path | None,
    max_rows: int,
) -> None:
    if fmt == "table":
        result.show(max_width=shutil.get_terminal_size().columns, max_rows=max_rows)
    elif fmt == "parquet":
        assert output is not None
        _write_parquet(result, output)
    elif output is None:
        _write_text(con, result, fmt, sys.stdout)
    else:
        with output.open("w", encoding="utf-8", newline="") as out:
            _write_text(con, result, fmt, out)


def _write_parquet(result: duckdb.DuckDBPyRelation, output: Path) -> None:
    """Written by pyarrow, batch by batch: the connection itself cannot write files (readonly.py)."""
    import pyarrow.parquet as pq

    reader = result.fetch_record_batch()
    with pq.ParquetWriter(str(output), reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)


def _write_text(
    con: duckdb.DuckDBPyConnection, result: duckdb.DuckDBPyRelation, fmt: str, out: TextIO
) -> None:
    """Streamed, TEXT_BATCH_ROWS rows at a time: a result of any size in bounded memory, and
    the first rows reach a pipe (`| head`) before the query has ended. A relation keeps no
    result to fetch from in parts, a cursor does: the relation's statement runs on one."""
    columns = result.columns
    cursor = con.execute(result.sql_query())
    writer = csv.writer(out)
    if fmt == "csv":
        writer.writerow(columns)
    while rows := cursor.fetchmany(TEXT_BATCH_ROWS):
        if fmt == "csv":
            writer.writerows([_csv_cell(value) for value in row] for row in rows)
        else:  # JSON Lines: one object per row, the friendliest shape for jq and streaming readers
            out.writelines(json_line(dict(zip(columns, row, strict=True))) + "\n" for row in rows)


def json_line(record: dict[str, Any]) -> str:
    """One JSON object on one line, letters as they are (`März`, not `M\\u00e4rz`); strict
    JSON: NaN and infinities, which JSON has not, are null."""
    try:
        return json.dumps(record, default=_json_default, ensure_ascii=False, allow_nan=False)
    except ValueError:  # a NaN or an infinity somewhere: rare, so looked for only then
        return json.dumps(_finite(record), default=_json_default, ensure_ascii=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, timedelta):  # an INTERVAL, as ISO 8601 ("P1DT30S")
        return f"P{value.days}DT{value.seconds + value.microseconds / 1e6:g}S"
    if isinstance(value, bytes):  # a BLOB
        return base64.b64encode(value).decode("ascii")
    return str(value)


def _csv_cell(value: Any) -> Any:
    # Lists and structs as JSON, which any CSV consumer can parse back; NULL as an empty cell.
    if isinstance(value, list | dict):
        return json.dumps(value, default=_json_default, ensure_ascii=False)
    return value
