"""Corpus-level boilerplate: a short line recurring in many documents becomes boilerplate in the
warehouse, long prose never does, and the knowledge follows the corpus across incremental runs."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipeline.stages.roles import ARTICLE_ROLES

from .conftest import SEEDS, run_cli
from .test_derived_incremental import check_definitions

pytestmark = pytest.mark.slow  # real runs, servers or clusters: `make test`, not `make test-fast`

PROMO = "Support independent journalism today"
SHARED_PROSE = (
    "The foreign ministers met for three hours behind closed doors, and neither side would "
    "say afterwards whether the sanctions, the arms talks or the fate of the consulates had "
    "taken most of the time they had."
)


def _write_corpus(input_dir: Path, n_docs: int) -> None:
    """n documents of different text, each with the same promo line and one shared long paragraph."""
    input_dir.mkdir(parents=True, exist_ok=True)
    pages = sorted(SEEDS.glob("*.txt"))
    for i in range(n_docs):
        lines = pages[i % 2].read_text(encoding="utf-8").split("\n")
        # After the third paragraph: inside the article, where the page alone reads it as body.
        lines[5:5] = [
            "",
            f"Paragraph {i} of the series adds its own sentence here.",
            "",
            PROMO,
            "",
            SHARED_PROSE,
            "",
        ]
        (input_dir / f"page-{i}.txt").write_text("\n".join(lines), encoding="utf-8")


def _roles(warehouse: Path, text: str) -> set[tuple[str, str]]:
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        rows = con.execute(
            "SELECT DISTINCT b.page_role, b.role FROM blocks AS b JOIN documents AS d USING (doc_id, path) "
            "WHERE d.gone_at IS NULL AND b.text = ?",
            [text],
        ).fetchall()
    return set(rows)


def test_recurring_short_line_is_boilerplate_until_it_stops_recurring(tmp_path: Path) -> None:
    input_dir, warehouse = tmp_path / "input", tmp_path / "warehouse"
    _write_corpus(input_dir, 6)
    assert run_cli("run", "--input", str(input_dir), "--warehouse", str(warehouse)).returncode == 0

    promo = _roles(warehouse, PROMO)
    assert {page_role for page_role, _ in promo} <= set(ARTICLE_ROLES)  # the page alone: article
    assert {role for _, role in promo} == {"boilerplate"}  # the corpus: a template line
    assert {role for _, role in _roles(warehouse, SHARED_PROSE)} == {"body"}  # long prose stays
    with duckdb.connect(str(warehouse / "corpus.duckdb"), read_only=True) as con:
        counted = con.execute(
            "SELECT n_documents FROM line_counts WHERE example = ?", [PROMO]
        ).fetchall()
    assert counted == [(6,)]
    check_definitions(warehouse)  # the search index lost the relabelled line's words

    for i in range(3, 6):  # three documents go: the line now recurs in 3 and is the page's again
        (input_dir / f"page-{i}.txt").unlink()
    assert run_cli("run", "--input", str(input_dir), "--warehouse", str(warehouse)).returncode == 0
    assert {role for _, role in _roles(warehouse, PROMO)} <= set(ARTICLE_ROLES)
    check_definitions(warehouse)
