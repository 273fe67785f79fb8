"""Build the same warehouses with two checkouts of the project and compare them row for row.

A refactoring must not change what a run produces. This script runs `python -m pipeline run` of
each checkout on the same inputs (the seeds, and a synthetic corpus from tests.devtools.bench), then
compares every table and view of the two `corpus.duckdb` files and every table of their Parquet
export, as multisets of rows (row order is not part of the contract). Each input is built twice:
once from scratch, then again, incrementally, after some files were removed, edited and copied
(the copies are republished articles, for the syndication table). Columns that differ from
run to run by design are left out: run ids and timestamps. `derived_state` is left out too: its
key is a hash of the package's SQL text, which a refactoring may change without changing a row.

    python -m tests.devtools.compare_warehouses BEFORE AFTER [--pages 300] [--workdir DIR]

BEFORE and AFTER are checkout folders or git revisions (a revision is checked out with
`git worktree add --detach` under the work folder). Each checkout runs with the interpreter of
this one's virtualenv, with its own folder first on the import path. Exit status 0 when every
relation is identical.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.settings import DATABASE_NAME
from tests.devtools.bench.corpus import generate_corpus

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT_ROOT / "seeds"
IGNORED_COLUMNS = {"run_id", "flow_run_id"}
# A hash of the SQL text that built the derived tables: rebuilds them when the SQL changes.
IGNORED_RELATIONS = {"derived_state"}


@dataclass(frozen=True)
class Comparison:
    relation: str
    rows_before: int | None
    rows_after: int | None
    problem: str  # empty when identical

    def line(self) -> str:
        counts = f"{_count(self.rows_before)} / {_count(self.rows_after)}"
        return f"  {self.relation:<32} {counts:>21}  {self.problem or 'identical'}"


def _count(rows: int | None) -> str:
    return "-" if rows is None else f"{rows:,}"


def checkout(spec: str, workdir: Path, name: str) -> Path:
    """A folder as it is, or a git revision checked out (detached) under `workdir`."""
    if Path(spec).is_dir():
        return Path(spec).resolve()
    target = workdir / f"checkout-{name}"
    if not target.exists():
        subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "worktree", "add", "--detach", str(target), spec],
            check=True,
            capture_output=True,
        )
    return target


def build(code: Path, inputs: Path, warehouse: Path) -> float:
    """Run the checkout's pipeline on `inputs`; returns the seconds it took."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    env.pop("PREFECT_API_URL", None)  # each run on its own temporary server
    started = time.perf_counter()
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pipeline", "run"),
            "--input",
            str(inputs),
            "--warehouse",
            str(warehouse),
        ],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"{code}: the run failed ({result.returncode}):\n{result.stderr[-3000:]}")
    imported = subprocess.run(
        [sys.executable, "-c", "import pipeline; print(pipeline.__file__)"],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(imported).is_relative_to(code):
        raise SystemExit(f"{code}: the run imported another checkout's package ({imported})")
    return time.perf_counter() - started


def prepare(inputs: Path, folder: Path) -> None:
    """A copy of `inputs` to build from, with a few republished copies of its pages (other title,
    same text), which the synthetic corpus lacks."""
    shutil.copytree(inputs, folder)
    pages = sorted(p for p in folder.rglob("*") if p.is_file())
    for page in pages[::25]:
        copy = folder / "republished" / page.relative_to(folder)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(b"Republished: " + page.read_bytes())


def change(folder: Path) -> str:
    """Remove, edit and add files, as between two runs; says what it did."""
    pages = sorted(p for p in folder.rglob("*") if p.is_file())
    removed, edited = pages[1::15], pages[2::10]
    for page in removed:
        page.unlink()
    for page in edited:
        if page.exists():
            page.write_bytes(page.read_bytes() + b"\n\nShare this article\n")
    for page in pages[::40]:
        if page.exists():
            (page.parent / f"again-{page.name}").write_bytes(page.read_bytes())
    return f"{len(removed)} removed, {len(edited)} edited, {len(pages[::40])} copied"


def dump(warehouse: Path, out: Path) -> dict[str, int]:
    """Every table and view of the database, and every table of the Parquet export, as Parquet
    files under `out` without the ignored columns; returns their row counts."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    counts: dict[str, int] = {}
    with duckdb.connect(str(warehouse / DATABASE_NAME), read_only=True) as con:
        relations = con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY 1"
        ).fetchall()
        sources = {name: f'"{name}"' for (name,) in relations if name not in IGNORED_RELATIONS}
        for table in sorted(p.name for p in (warehouse / "parquet").iterdir() if p.is_dir()):
            files = (warehouse / "parquet" / table / "**" / "*.parquet").as_posix()
            sources[f"parquet/{table}"] = f"read_parquet('{files}', hive_partitioning = true)"
        for name, source in sources.items():
            columns = [
                f'"{column}"'
                for column, kind, *_ in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
                if column not in IGNORED_COLUMNS and not kind.startswith("TIMESTAMP")
            ]
            target = (out / f"{name.replace('/', '__')}.parquet").as_posix()
            con.execute(f"COPY (SELECT {', '.join(columns)} FROM {source}) TO '{target}'")
            counts[name] = con.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0]
    return counts


def compare(before: Path, after: Path) -> list[Comparison]:
    """Relation by relation: same columns, and the same rows as many times each."""
    counts_before, counts_after = (
        dump(before, before.parent / "dump-before"),
        dump(after, after.parent / "dump-after"),
    )
    results: list[Comparison] = []
    con = duckdb.connect()
    for name in sorted(counts_before.keys() | counts_after.keys()):
        rows_before, rows_after = counts_before.get(name), counts_after.get(name)
        if rows_before is None or rows_after is None:
            side = "before" if rows_after is None else "after"
            results.append(Comparison(name, rows_before, rows_after, f"only {side}"))
            continue
        file = f"{name.replace('/', '__')}.parquet"
        a = f"read_parquet('{(before.parent / 'dump-before' / file).as_posix()}')"
        b = f"read_parquet('{(after.parent / 'dump-after' / file).as_posix()}')"
        columns_a = con.execute(f"DESCRIBE SELECT * FROM {a}").fetchall()
        columns_b = con.execute(f"DESCRIBE SELECT * FROM {b}").fetchall()
        if columns_a != columns_b:
            only = {c[0] for c in columns_a} ^ {c[0] for c in columns_b}
            detail = f"columns differ: {sorted(only)}" if only else "column types or order differ"
            results.append(Comparison(name, rows_before, rows_after, detail))
            continue
        missing = con.execute(f"SELECT count(*) FROM (FROM {a} EXCEPT ALL FROM {b})").fetchall()[0][
            0
        ]
        extra = con.execute(f"SELECT count(*) FROM (FROM {b} EXCEPT ALL FROM {a})").fetchall()[0][0]
        problem = f"{missing} rows only before, {extra} only after" if missing or extra else ""
        results.append(Comparison(name, rows_before, rows_after, problem))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("before", help="checkout folder or git revision")
    parser.add_argument("after", help="checkout folder or git revision")
    parser.add_argument("--pages", type=int, default=300, help="pages of the synthetic corpus")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/compare-warehouses"))
    args = parser.parse_args(argv)
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    code = {
        "before": checkout(args.before, workdir, "before"),
        "after": checkout(args.after, workdir, "after"),
    }
    corpus = workdir / f"corpus-{args.pages}"
    if not corpus.exists():
        generate_corpus(corpus, args.pages)
    identical = True
    for label, inputs in (("seeds", SEEDS), (f"corpus of {args.pages} pages", corpus)):
        root = workdir / label.split()[0]
        shutil.rmtree(root, ignore_errors=True)
        prepare(inputs, root / "input")
        for build_name in ("first run", "second run"):
            if build_name == "second run":
                build_name += f" ({change(root / 'input')})"
            seconds = {
                side: build(path, root / "input", root / side / "w") for side, path in code.items()
            }
            print(
                f"{label}, {build_name}: {inputs}\n  runs took {seconds['before']:.1f} s (before, "
                f"{code['before']}) and {seconds['after']:.1f} s (after, {code['after']})"
            )
            print(f"  {'relation':<32} {'rows before / after':>21}  result")
            for result in compare(root / "before" / "w", root / "after" / "w"):
                print(result.line())
                identical &= not result.problem
    print("IDENTICAL" if identical else "DIFFERENT")
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
