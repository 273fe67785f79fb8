"""`python -m pipeline run` in a fresh process, checked against ../shared/CONTRACT.md; its progress
and summary."""

from __future__ import annotations

import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pipeline.orchestration import progress
from pipeline.orchestration.progress import ProgressBar
from pipeline.orchestration.summary import RunReport
from pipeline.stages.roles import ARTICLE_ROLES, KINDS, ROLES
from pipeline.warehouse.check import check_warehouse

from .conftest import SEEDS, run_cli

CONTRACT_COLUMNS = {
    "blocks": {
        "doc_id": "VARCHAR",
        "path": "VARCHAR",
        "seq": "INTEGER",
        "line_start": "INTEGER",
        "line_end": "INTEGER",
        "role": "VARCHAR",
        "text": "VARCHAR",
    },
    "documents": {
        "doc_id": "VARCHAR",
        "path": "VARCHAR",
        "kind": "VARCHAR",
        "title": "VARCHAR",
        "authors": "VARCHAR[]",
        "published": "DATE",
        "outlet": "VARCHAR",
        "language": "VARCHAR",
        "encoding": "VARCHAR",
        "fixes": "VARCHAR[]",
        "n_lines": "INTEGER",
        "n_chars": "INTEGER",
        "text": "VARCHAR",
    },
    "rejects": {"path": "VARCHAR", "reason": "VARCHAR", "detail": "VARCHAR", "n_bytes": "BIGINT"},
    "articles": {
        "doc_id": "VARCHAR",
        "path": "VARCHAR",
        "title": "VARCHAR",
        "authors": "VARCHAR[]",
        "published": "DATE",
        "outlet": "VARCHAR",
        "body": "VARCHAR",
        "n_words": "INTEGER",
    },
    "comments": {"doc_id": "VARCHAR", "path": "VARCHAR", "seq": "INTEGER", "text": "VARCHAR"},
}


@pytest.mark.parametrize("table", sorted(CONTRACT_COLUMNS))
def test_tables_have_the_contract_columns(seeds_warehouse: Path, table: str) -> None:
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        columns = dict(
            con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {table})").fetchall()
        )
    for name, kind in CONTRACT_COLUMNS[table].items():
        assert columns.get(name) == kind, (table, name, columns.get(name))


def test_seeds_become_documents_blocks_and_views(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(5,)]
        assert con.execute("SELECT count(*) FROM rejects").fetchall() == [(0,)]
        roles = dict(con.execute("SELECT role, count(*) FROM blocks GROUP BY role").fetchall())
        assert set(roles) == set(ROLES)
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(4,)]
        ids = con.execute("SELECT doc_id FROM documents").fetchall()
        assert all(len(doc_id) == 64 for (doc_id,) in ids)
        n_comments = con.execute("SELECT count(*) FROM comments").fetchall()[0][0]
        assert 10 <= n_comments < 35  # 35 comment lines, bullet lists joined to their comment


def test_blocks_trace_back_to_the_source_lines(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT path, line_start, text FROM blocks").fetchall()
    sources = {
        p.name: p.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
        for p in SEEDS.iterdir()
    }
    for path, line, text in rows:
        assert sources[path][line - 1].strip().replace("\u00a0", " ").strip() == text


@pytest.mark.parametrize("table", ["documents", "blocks", "rejects"])
def test_parquet_is_readable_with_the_contract_glob(seeds_warehouse: Path, table: str) -> None:
    glob = f"{seeds_warehouse}/parquet/{table}/**/*.parquet"
    with duckdb.connect() as con:
        parquet = con.execute(
            f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)"
        ).fetchall()
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:
        assert parquet == con.execute(f"SELECT count(*) FROM {table}").fetchall()


def test_check_catches_a_missing_block_and_a_lost_file(
    seeds_warehouse: Path, tmp_path: Path
) -> None:
    database = tmp_path / "tampered.duckdb"
    database.write_bytes((seeds_warehouse / "corpus.duckdb").read_bytes())
    with duckdb.connect(str(database)) as con:
        con.execute("DELETE FROM blocks WHERE path = '000_bb1c8af43b093329.txt' AND seq = 3")
    paths = [p.name for p in SEEDS.iterdir()] + ["lost.txt"]
    problems = check_warehouse(database, paths)
    assert any("blocks_cover_lines" in p and "000_bb1c8af43b093329.txt" in p for p in problems)
    assert any("inputs_accounted" in p and "lost.txt" in p for p in problems)
    assert (
        check_warehouse(seeds_warehouse / "corpus.duckdb", [p.name for p in SEEDS.iterdir()]) == []
    )


def test_a_run_rereads_only_the_text_no_passing_run_has_checked(
    seeds_warehouse: Path, tmp_path: Path
) -> None:
    """The documents of a completed run were checked by it; those of a run whose check failed
    (or never ran) are read again by the next run's check."""
    database = tmp_path / "tampered.duckdb"
    database.write_bytes((seeds_warehouse / "corpus.duckdb").read_bytes())
    with duckdb.connect(str(database)) as con:
        con.execute("DELETE FROM blocks WHERE path = '000_bb1c8af43b093329.txt' AND seq = 3")
    paths = [p.name for p in SEEDS.iterdir()]
    assert check_warehouse(database, paths, only_unchecked=True) == []
    with duckdb.connect(str(database)) as con:
        con.execute("UPDATE runs SET status = 'check_failed'")
    problems = check_warehouse(database, paths, only_unchecked=True)
    assert problems == [
        "blocks_cover_lines: 000_bb1c8af43b093329.txt: blocks do not match the non-blank lines"
    ]


def test_missing_input_folder_fails_with_a_message(tmp_path: Path) -> None:
    result = run_cli("run", "--input", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_the_sql_knows_the_contract_roles_and_kinds_from_python(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse / "corpus.duckdb"), read_only=True) as con:

        def accepted(macro: str, values: tuple[str, ...]) -> list[str]:
            query = f"SELECT list(v ORDER BY v) FROM unnest(?) AS t(v) WHERE {macro}(v)"
            return list(con.execute(query, [[*values, "sidebar", "Body", ""]]).fetchall()[0][0])

        assert accepted("is_role", ROLES) == sorted(ROLES)
        assert accepted("is_article_role", ROLES) == sorted(ARTICLE_ROLES)
        assert accepted("is_kind", KINDS) == sorted(KINDS)


def test_the_roles_check_catches_a_role_or_kind_the_contract_does_not_name(
    seeds_warehouse: Path, tmp_path: Path
) -> None:
    database = tmp_path / "tampered.duckdb"
    database.write_bytes((seeds_warehouse / "corpus.duckdb").read_bytes())
    path = "000_bb1c8af43b093329.txt"
    with duckdb.connect(str(database)) as con:
        con.execute("UPDATE blocks SET role = 'sidebar' WHERE path = ? AND seq = 3", [path])
        con.execute("UPDATE documents SET kind = 'blog' WHERE path = ?", [path])
    problems = check_warehouse(database, [p.name for p in SEEDS.iterdir()])
    # The check's rows come in no set order: compare them as a set.
    assert sorted(p for p in problems if p.startswith("roles_valid")) == sorted(
        [f"roles_valid: {path}: invalid role: sidebar", f"roles_valid: {path}: invalid kind: blog"]
    )


def test_quiet_run_prints_nothing_on_stdout(tmp_path: Path) -> None:
    result = run_cli("run", "--input", str(SEEDS), "--warehouse", str(tmp_path / "w"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "Progress" not in result.stderr
    with duckdb.connect(str(tmp_path / "w" / "corpus.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(5,)]


def test_progress_lines_as_batches_complete_then_the_summary(tmp_path: Path) -> None:
    warehouse = str(tmp_path / "w")
    result = run_cli("run", "--input", str(SEEDS), "--warehouse", warehouse, "--batch-size", "2")
    assert result.returncode == 0, result.stderr
    progress = [line for line in result.stderr.splitlines() if line.startswith("Progress: ")]
    assert 1 <= len(progress) <= 3  # three batches; stderr is not a terminal: plain lines
    assert "5/5 files (100%)" in progress[-1] and "docs/s" in progress[-1]
    assert "MB/s" in progress[-1]
    assert "Progress" not in result.stdout  # stdout is the summary only
    assert result.stdout.startswith("Processed 5 documents")


def test_progress_without_a_terminal_prints_at_most_ten_lines() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, interactive=False)
    with progress.listening(bar):
        progress.started(1000, 10_000_000)
        for _ in range(1000):
            progress.advanced(1, 10_000)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("Progress: 100/1000 files (10%)")
    assert lines[-1].startswith("Progress: 1000/1000 files (100%), 10.00/10.00 MB")


def test_progress_on_a_terminal_redraws_one_line() -> None:
    stream = io.StringIO()
    now = [0.0]
    bar = ProgressBar(stream, interactive=True, clock=lambda: now[0])
    with progress.listening(bar):
        progress.started(4, 4_000_000)
        for _ in range(4):
            now[0] += 1.0  # a file and a megabyte a second
            progress.advanced(1, 1_000_000)
    text = stream.getvalue()
    assert text.count("\r") == 5 and text.endswith("\n") and text.count("\n") == 1
    assert "4/4 files (100%)" in text and "1.0 docs/s" in text and "1.00 MB/s" in text
    assert progress.advanced(1, 1) is None  # no listener once the run is over: nothing drawn
    assert stream.getvalue() == text


def test_nothing_to_process_draws_nothing() -> None:
    stream = io.StringIO()
    with progress.listening(ProgressBar(stream, interactive=True)):
        progress.started(0, 0)
    assert stream.getvalue() == ""


def test_run_summary_artifact_has_counts_shares_rejects_and_timings() -> None:
    report = RunReport(
        n_documents=2,
        n_rejects=1,
        kinds=Counter({"article": 1, "comments": 1}),
        roles=Counter({"body": 3, "boilerplate": 1}),
        role_chars=Counter({"body": 300, "boilerplate": 100}),
        reject_reasons=Counter({"binary": 1}),
        seconds={"discover": 0.1, "process": 1.5},
    )
    markdown = report.to_markdown()
    assert "**Boilerplate share**: 25.0% of blocks, 25.0% of characters." in markdown
    assert "| article | 1 |" in markdown and "| comments | 1 |" in markdown
    assert "| boilerplate | 1 | 25.0% | 100 | 25.0% |" in markdown
    assert "| binary | 1 |" in markdown
    assert "| process | 1.50 |" in markdown
    assert "| (none) | 0 |" in RunReport().to_markdown()


def test_an_interrupt_after_the_run_completed_says_that_nothing_was_lost() -> None:
    script = (
        "import signal\n"
        "from pipeline.cli.interrupts import _exit, mark_run_completed\n"
        "mark_run_completed()\n"
        "_exit(signal.SIGINT, lambda: None, False)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 130
    assert result.stderr == "interrupted after the run completed: its results are saved\n"
