"""Stage 4: a batch of results to Parquet, one part file per table, written atomically."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.process import Document
from pipeline.reject import Reject
from pipeline.schemas import BLOCKS, DOCUMENTS, REJECTS, THREAD_COMMENTS

DIGITS_RE = re.compile(r"\d+")


def document_rows(documents: Sequence[Document], run_id: str) -> list[dict[str, Any]]:
    rows = []
    for document in documents:
        row = {name: getattr(document, name, None) for name in DOCUMENTS.names}
        row["authors"] = list(document.authors)
        row["fixes"] = list(document.fixes)
        row["run_id"] = run_id
        rows.append(row)
    return rows


def line_hash(text: str) -> int:
    """The key under which recurring lines are counted (warehouse/load/recurring_lines.sql):
    lower-cased, spaces collapsed, digit runs read as 0, so "© 2019 X" and "© 2020 X" are one."""
    key = " ".join(DIGITS_RE.sub("0", text.casefold()).split())
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def block_rows(documents: Sequence[Document], run_id: str) -> list[dict[str, Any]]:
    return [
        {
            "doc_id": d.doc_id,
            "path": d.path,
            **asdict(block),
            "page_role": block.role,
            "line_hash": line_hash(block.text),
            "run_id": run_id,
        }
        for d in documents
        for block in d.blocks
    ]


def comment_rows(documents: Sequence[Document], run_id: str) -> list[dict[str, Any]]:
    return [
        {"doc_id": d.doc_id, "path": d.path, **asdict(comment), "run_id": run_id}
        for d in documents
        for comment in d.comments
    ]


def write_batch(
    documents: Sequence[Document],
    rejects: Sequence[Reject],
    parquet_dir: Path,
    part: str,
    run_id: str,
    write_empty: bool = False,
) -> None:
    """Write `part-<part>.parquet` under each table's folder; readers never see a partial file.

    `write_empty` writes tables with no rows too, so every table's glob finds at least one file.
    """
    tables = {
        "documents": pa.Table.from_pylist(document_rows(documents, run_id), schema=DOCUMENTS),
        "blocks": pa.Table.from_pylist(block_rows(documents, run_id), schema=BLOCKS),
        "thread_comments": pa.Table.from_pylist(
            comment_rows(documents, run_id), schema=THREAD_COMMENTS
        ),
        "rejects": pa.Table.from_pylist([asdict(r) for r in rejects], schema=REJECTS),
    }
    for name, table in tables.items():
        if table.num_rows or write_empty:
            write_table_atomically(table, parquet_dir / name / f"part-{part}.parquet")


def write_table_atomically(table: pa.Table, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, target)
