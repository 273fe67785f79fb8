"""The Parquet copy of the tables, WAREHOUSE/parquet/<table>/part-0.parquet, swapped in whole.

`WAREHOUSE/parquet` is a symbolic link to a complete export, `WAREHOUSE/.exports/<version>/`. A
new export is written beside the current one, then the link is replaced in one rename: a reader
of `read_parquet('WAREHOUSE/parquet/<table>/**/*.parquet')` sees the old copy or the new one,
never a missing or half-written folder, whatever moment a run is killed at. The export before
the current one is kept until the next, for readers that were in the middle of it.

An export is rewritten when the tables' content changed since it was written, and also when its
files no longer are the files it wrote (one overwritten, deleted or added by someone else): its
marker lists each file with its size and modification time.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import shutil
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipeline.settings import fault_point
from pipeline.warehouse.schemas import TABLES

EXPORT_MARKER = "_EXPORTED"
VERSIONS = ".exports"
# Parquet row groups are cut by size: a row group of 122,880 whole documents (DuckDB's default
# row count) is over a gigabyte of text to buffer.
EXPORT_OPTIONS = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE_BYTES '64MB'"


def content_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """Changes whenever a row of documents, blocks or rejects does (blocks change with their document)."""
    row = con.execute(
        """SELECT (SELECT count(*) || ':' || coalesce(sum(hash(doc_id, path, run_id, gone_at)), 0) FROM documents)
               || '/' || (SELECT count(*) || ':' || coalesce(sum(hash(path, reason, detail)), 0) FROM rejects)"""
    ).fetchall()
    return str(row[0][0])


def export_parquet(con: duckdb.DuckDBPyConnection, parquet_dir: Path) -> bool:
    """Write the tables as Parquet unless the current export is intact and of the same content;
    True if written."""
    fingerprint = content_fingerprint(con)
    if _intact(parquet_dir, fingerprint):
        return False
    versions = parquet_dir.parent / VERSIONS
    version = versions / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    for table in TABLES:
        (version / table).mkdir(parents=True)
        target = (version / table / "part-0.parquet").as_posix().replace("'", "''")
        con.execute(f"COPY {table} TO '{target}' ({EXPORT_OPTIONS})")
        fault_point("export")
    marker = {"fingerprint": fingerprint, "files": _files(version)}
    (version / EXPORT_MARKER).write_text(json.dumps(marker), encoding="utf-8")
    _point(parquet_dir, version)
    _remove_old_versions(versions, keep=version)
    return True


def _intact(parquet_dir: Path, fingerprint: str) -> bool:
    try:
        marker = json.loads((parquet_dir / EXPORT_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(marker, dict) or marker.get("fingerprint") != fingerprint:
        return False
    try:
        return bool(marker.get("files") == _files(parquet_dir))
    except OSError:
        return False


def _files(folder: Path) -> dict[str, list[int]]:
    """Every Parquet file a reader's glob would find, with its size and modification time."""
    found: dict[str, list[int]] = {}
    for path in sorted(folder.resolve().rglob("*.parquet")):
        stat = path.stat()
        found[path.relative_to(folder.resolve()).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return found


def _point(link: Path, version: Path) -> None:
    """Make `link` a symbolic link to `version` in one step: os.replace of a new link."""
    staged = link.with_name(f".{link.name}-link-{uuid.uuid4().hex[:8]}")
    os.symlink(os.path.relpath(version, link.parent), staged)
    if link.is_symlink() or not link.exists():
        os.replace(staged, link)
        return
    # A real folder: an export made before exports were versioned, a copied warehouse whose link
    # was copied as a folder, or a folder of the user's own that happens to be there (no export
    # marker): that one is moved aside beside it, never deleted. Swapped with the link in one
    # step where the system can, so that readers always find the path.
    ours = (link / EXPORT_MARKER).is_file()
    aside = (
        link.parent / VERSIONS / f"replaced-{uuid.uuid4().hex[:8]}"
        if ours
        else link.with_name(f"{link.name}.kept-{datetime.now(UTC):%Y%m%dT%H%M%S}")
    )
    if _exchange(staged, link):
        staged.rename(aside)  # now the old folder
    else:
        link.rename(aside)
        os.replace(staged, link)
    if ours:
        shutil.rmtree(aside, ignore_errors=True)
    else:
        logging.getLogger(__name__).warning(
            "%s was a folder this package did not write: moved to %s", link, aside
        )


def _exchange(first: Path, second: Path) -> bool:
    """Linux's renameat2(RENAME_EXCHANGE): swap two paths atomically. False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return bool(result == 0)


def _remove_old_versions(versions: Path, keep: Path) -> None:
    """Keep the new export and the newest complete one before it (readers may be in it)."""
    complete = sorted(
        (v for v in versions.iterdir() if v != keep and (v / EXPORT_MARKER).is_file()),
        key=lambda v: v.stat().st_mtime_ns,
    )
    previous = complete[-1:] if complete else []
    for version in versions.iterdir():
        if version != keep and version not in previous:
            shutil.rmtree(version, ignore_errors=True)
    for leftover in versions.parent.glob(".*-link-*"):
        if leftover.is_symlink():
            leftover.unlink(missing_ok=True)
