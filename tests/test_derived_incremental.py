"""Derived tables (recurring-line counts and roles, the search index, syndication) moved run by run
must equal the same tables built in one go on the final input."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse.load import refresh_derived_tables
from pipeline.warehouse.temp_tables import TEMP_TABLES
from tests.devtools.bench.corpus import generate_corpus

from .conftest import run_cli

pytestmark = pytest.mark.slow  # real runs, servers or clusters: `make test`, not `make test-fast`

QUERIES = {
    "line_counts": "SELECT line_hash, n_documents FROM line_counts",
    "roles": "SELECT b.path, b.seq, b.role FROM blocks AS b JOIN documents AS d USING (doc_id, path) "
    "WHERE d.gone_at IS NULL",
    "search_units": "SELECT unit_id, doc_id, path, role, seq, text, n_tokens FROM search_units",
    "search_postings": "SELECT term, unit_id, tf FROM search_postings",
    "search_terms": "SELECT term, df, round(idf, 9) FROM search_terms",
    "syndication": "SELECT cluster_id, path, round(similarity, 9) FROM syndication",
    "hits": "SELECT path, seq, round(score, 9) FROM search_corpus('story comment europe')",
}


# What each derived table must hold, by its definition, computed directly from the base tables.
DEFINITIONS = {
    # The postings are each unit's current text read by the query tokenizer: relabelled lines
    # and refreshed documents must leave no stale words behind.
    "search_postings": (
        "SELECT term, unit_id, tf FROM search_postings",
        "SELECT term, unit_id, count(*) FROM "
        "(SELECT unit_id, unnest(search_tokens(text)) AS term FROM search_units) GROUP BY ALL",
    ),
    "search_terms": (
        "SELECT term, df FROM search_terms",
        "SELECT term, count(*) FROM search_postings GROUP BY term",
    ),
    "n_tokens": (
        "SELECT unit_id, n_tokens FROM search_units WHERE n_tokens > 0",
        "SELECT unit_id, sum(tf) FROM search_postings GROUP BY unit_id",
    ),
    "line_counts": (
        "SELECT line_hash, n_documents FROM line_counts",
        "SELECT b.line_hash, count(DISTINCT b.path) FROM blocks AS b "
        "JOIN documents AS d USING (doc_id, path) WHERE d.gone_at IS NULL AND b.line_hash IS NOT NULL "
        "GROUP BY b.line_hash",
    ),
    "units": (
        "SELECT doc_id, path, seq, text FROM search_units",
        "SELECT doc_id, path, NULL, concat_ws(chr(10) || chr(10), title, body) FROM articles "
        "UNION ALL SELECT doc_id, path, seq, text FROM comments",
    ),
}


def check_definitions(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        for name, (stored, defined) in DEFINITIONS.items():
            have = sorted(con.execute(stored).fetchall(), key=repr)
            want = sorted(con.execute(defined).fetchall(), key=repr)
            assert have == want, name


def _tables(warehouse: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        return {
            name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in QUERIES.items()
        }


def _run(input_dir: Path, warehouse: Path) -> None:
    result = run_cli("run", "--input", str(input_dir), "--warehouse", str(warehouse), "--quiet")
    assert result.returncode == 0, result.stderr


def test_incremental_derived_tables_equal_a_full_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 60, seed=3)
    files = sorted(p for p in corpus.rglob("*.txt"))
    (tmp_path / "extra").mkdir()
    for path in files[40:]:  # held back, to arrive in the second run
        shutil.move(path, tmp_path / "extra" / path.name)
    warehouse = tmp_path / "incremental"
    _run(corpus, warehouse)

    for path in files[:5]:  # five leave, three change, twenty arrive
        path.unlink()
    for path in files[5:8]:
        path.write_text(path.read_text(encoding="utf-8", errors="replace") + "\nUpdated.\n")
    for path in files[40:]:
        shutil.move(tmp_path / "extra" / path.name, path)
    _run(corpus, warehouse)

    _run(corpus, tmp_path / "full")
    check_definitions(warehouse)
    check_definitions(tmp_path / "full")
    incremental, full = _tables(warehouse), _tables(tmp_path / "full")
    assert incremental["line_counts"] and incremental["search_postings"]
    for name in QUERIES:
        assert incremental[name] == full[name], name


def test_search_index_built_in_chunks_equals_one_pass(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 30, seed=4)
    _run(corpus, tmp_path / "one-pass")
    chunked = tmp_path / "chunked"
    shutil.copytree(tmp_path / "one-pass", chunked)
    with duckdb.connect(str(chunked / "corpus.duckdb")) as con:
        con.execute("DROP TABLE derived_state")  # forces the full rebuild
        TEMP_TABLES["retired"].create(con)
        TEMP_TABLES["retired_lines"].create(con)
        assert refresh_derived_tables(con, search_chunk_documents=7) == "rebuilt"
        # The temp tables the refresh made have the columns temp_tables.py declares.
        made = con.execute(
            "SELECT table_name, list(column_name || ' ' || data_type ORDER BY column_index) "
            "FROM duckdb_columns() WHERE database_name = 'temp' GROUP BY table_name"
        ).fetchall()
        declared = [(name, list(columns)) for name, columns in made if name in TEMP_TABLES]
        assert {name for name, _ in declared} >= {
            "arrived",
            "relabelled",
            "search_refresh",
            "df_delta",
        }
        for name, columns in declared:
            assert columns == [f"{c} {t}" for c, t in TEMP_TABLES[name].columns.items()], name
    check_definitions(chunked)
    assert _tables(chunked) == _tables(tmp_path / "one-pass")
