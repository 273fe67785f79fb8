"""The reference floor the pipeline is measured against: what the hardware does with no repair and
no classification. Walk, read, hash, decode, split lines, write the same blocks as Parquet with
pyarrow, load them into DuckDB, on all cores. `--ftfy` adds ftfy.fix_text on every document with
its defaults: the naive way to repair a corpus.

    python -m tests.devtools.bench.floor INPUT OUTPUT [--ftfy] [--workers N]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb
import ftfy
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.warehouse.schemas import BLOCKS

BATCH_SIZE = 256
# The contract's columns of `blocks` (pipeline/schemas.py), without the pipeline's extras.
FLOOR_BLOCKS = pa.schema(
    [
        BLOCKS.field(name)
        for name in ("doc_id", "path", "seq", "line_start", "line_end", "role", "text")
    ]
)

# One batch's work: (relative paths, input root) -> its rows, by table name.
BatchWork = Callable[[list[str], str], dict[str, pa.Table]]


def read_page(root: str, path: str) -> tuple[str, str]:
    """(doc_id, text): the file's sha256 and its text, UTF-8 or else cp1252, CRLF as LF."""
    raw = (Path(root) / path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return hashlib.sha256(raw).hexdigest(), text.replace("\r\n", "\n")


def floor_batch(paths: list[str], root: str, repair: bool) -> dict[str, pa.Table]:
    """One batch: the same per-document work as the pipeline minus repair and classification."""
    columns: dict[str, list[object]] = {name: [] for name in FLOOR_BLOCKS.names}
    for path in paths:
        doc_id, text = read_page(root, path)
        if repair:
            text = ftfy.fix_text(text)
        seq = 0
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                for name, value in zip(
                    FLOOR_BLOCKS.names,
                    (doc_id, path, seq, number, number, "body", line.strip()),
                    strict=True,
                ):
                    columns[name].append(value)
                seq += 1
    return {"blocks": pa.table(columns, schema=FLOOR_BLOCKS)}


def _write_batch(work: BatchWork, paths: list[str], root: str, out: str, part: int) -> int:
    for table, rows in work(paths, root).items():
        pq.write_table(rows, Path(out) / table / f"part-{part:06d}.parquet", compression="zstd")
    return len(paths)


def run_batches(
    input_dir: Path, output: Path, work: BatchWork, tables: Sequence[str], workers: int
) -> int:
    """Every file of `input_dir` through `work` in batches on `workers` processes, each batch's
    tables written as Parquet parts, then each table loaded into one DuckDB file."""
    shutil.rmtree(output, ignore_errors=True)
    for table in tables:
        (output / table).mkdir(parents=True)
    paths = sorted(p.relative_to(input_dir).as_posix() for p in input_dir.rglob("*") if p.is_file())
    batches = [paths[i : i + BATCH_SIZE] for i in range(0, len(paths), BATCH_SIZE)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_write_batch, work, batch, str(input_dir), str(output), n)
            for n, batch in enumerate(batches)
        ]
        done = sum(f.result() for f in futures)
    with duckdb.connect(str(output / "floor.duckdb")) as con:
        for table in tables:
            con.execute(
                f"CREATE TABLE {table} AS SELECT * FROM read_parquet(?)",
                [(output / table / "*.parquet").as_posix()],
            )
    return done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.devtools.bench.floor", description=__doc__
    )
    parser.add_argument("input", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--ftfy", action="store_true", help="ftfy.fix_text on every document")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    work = functools.partial(floor_batch, repair=args.ftfy)
    print(run_batches(args.input, args.output, work, ["blocks"], args.workers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
