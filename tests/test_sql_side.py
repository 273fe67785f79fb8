"""Views and macros on the seeds warehouse, and the `sql` command in all its output formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from tests.conftest import run_cli

from .conftest import PROJECT_ROOT


def query(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_boilerplate_lines_count_documents_and_share(seeds_warehouse: Path) -> None:
    rows = query(
        seeds_warehouse,
        "SELECT line, n_documents, share FROM boilerplate_lines WHERE line = 'similar posts'",
    )
    assert rows == [("similar posts", 2, 0.4)]


def test_outlet_stats_add_up_to_the_corpus(seeds_warehouse: Path) -> None:
    stats = query(
        seeds_warehouse,
        """SELECT sum(documents), sum(articles), sum(comments), sum(words) FROM outlet_stats""",
    )
    totals = query(
        seeds_warehouse,
        """SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM articles),
                  (SELECT count(*) FROM comments), (SELECT sum(n_words) FROM articles)""",
    )
    assert stats == totals
    dated = query(
        seeds_warehouse,
        "SELECT first_published FROM outlet_stats WHERE outlet = 'New Eastern Outlook'",
    )
    assert str(dated[0][0]) == "2019-05-21"


def test_kwic_matches_whole_words_in_any_case(seeds_warehouse: Path) -> None:
    rows = query(seeds_warehouse, "SELECT before, keyword, after FROM kwic('russia', 20)")
    assert rows and {keyword for _, keyword, _ in rows} == {"Russia"}  # never "Russian"
    assert all(len(before) == 20 and len(after) <= 20 for before, _, after in rows)
    phrase = query(seeds_warehouse, "SELECT keyword FROM kwic('new detente', 10)")
    assert phrase and {row[0] for row in phrase} == {"New Detente"}
    # Terms are literal text, not regular expressions.
    assert {row[0] for row in query(seeds_warehouse, "SELECT keyword FROM kwic('(', 10)")} == {"("}


def test_mentions_count_by_outlet_and_month(seeds_warehouse: Path) -> None:
    rows = query(
        seeds_warehouse,
        "SELECT outlet, month, articles, articles_mentioning, mentions FROM mentions('Skripal')",
    )
    kwic = query(seeds_warehouse, "SELECT count(*) FROM kwic('Skripal', 5)")
    assert sum(int(str(row[4])) for row in rows) == kwic[0][0] != 0
    assert sum(int(str(row[2])) for row in rows) == 4  # every article is counted once
    assert ("New Eastern Outlook", "2019-05-01") in {(row[0], str(row[1])) for row in rows}


def sql(warehouse: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("sql", "--warehouse", str(warehouse), *args)


def test_sql_prints_a_table(seeds_warehouse: Path) -> None:
    result = sql(
        seeds_warehouse, "SELECT kind, count(*) AS n FROM documents GROUP BY kind ORDER BY kind"
    )
    assert result.returncode == 0, result.stderr
    header, types = result.stdout.splitlines()[1:3]
    assert header.split() == ["│", "kind", "│", "n", "│"]
    assert types.split() == ["│", "varchar", "│", "int64", "│"]
    assert "│ article  │     4 │" in result.stdout


def test_sql_csv_and_json_for_pipes(seeds_warehouse: Path) -> None:
    statement = "SELECT path, authors, published FROM documents ORDER BY path"
    as_csv = sql(seeds_warehouse, "--format", "csv", statement)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 5 and json.loads(rows[0]["authors"]) == ["Andrew Korybko"]
    as_json = sql(seeds_warehouse, "--format", "json", statement)
    records = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert records[4]["published"] == "2019-05-21" and records[0]["published"] is None


def test_sql_parquet_needs_an_output_file(seeds_warehouse: Path, tmp_path: Path) -> None:
    missing = sql(seeds_warehouse, "--format", "parquet", "SELECT 1")
    assert missing.returncode == 2 and "--output" in missing.stderr
    written = sql(
        seeds_warehouse,
        "--format",
        "parquet",
        "--output",
        str(tmp_path / "a.parquet"),
        "FROM articles",
    )
    assert written.returncode == 0, written.stderr
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 4


def test_sql_errors_and_missing_warehouse(seeds_warehouse: Path, tmp_path: Path) -> None:
    bad = sql(seeds_warehouse, "SELEC 1")
    assert bad.returncode == 1 and "syntax error" in bad.stderr
    write = sql(seeds_warehouse, "DELETE FROM documents")
    assert write.returncode == 1 and "read-only" in write.stderr
    absent = sql(tmp_path, "SELECT 1")
    assert absent.returncode == 2 and "no warehouse" in absent.stderr


def test_interactive_reads_statements_until_quit(seeds_warehouse: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "sql",
            "--interactive",
            "--warehouse",
            str(seeds_warehouse),
        ],
        input=".tables\nSELECT count(*) AS n\nFROM articles;\nSELEC;\nSELECT 42 AS answer;\n.quit\nSELECT 7;\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "search_postings" in result.stdout and "outlet_stats" in result.stdout
    assert "syntax error" in result.stdout and "42" in result.stdout and "│ 7" not in result.stdout


def test_query_commands_do_not_import_prefect(seeds_warehouse: Path) -> None:
    probe = (
        "import sys; from pipeline.cli.main import main; "
        f"status = main(['search', '--warehouse', {str(seeds_warehouse)!r}, 'China']); "
        f"status += main(['sql', '--warehouse', {str(seeds_warehouse)!r}, 'SELECT 1']); "
        "assert status == 0 and 'prefect' not in sys.modules, sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=PROJECT_ROOT, capture_output=True)
