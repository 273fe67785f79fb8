"""Every tunable of the pipeline, in one place."""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from pathlib import Path

# The warehouse's database file, inside the folder given as --warehouse.
DATABASE_NAME = "corpus.duckdb"

# DuckDB's memory is capped, and what does not fit spills to corpus.duckdb.tmp/: the whole run
# must fit in about 1.5 GB, the Prefect server and the Python process included, at any corpus
# size. Insertion order is not needed (readers sort), and keeping it costs memory.
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "memory_limit": "640MB",
    "preserve_insertion_order": False,
}
# `pipeline export` sorts the corpus's lines and comments by document within this much memory
# (spilling the rest to the system's temporary folder), whatever the corpus's size.
EXPORT_MEMORY_LIMIT = "1GB"
# The search index is rebuilt this many documents at a time: tokenizing 100,000 pages at once
# does not fit in the memory limit. At 100,000 pages, chunks of 5,000 took 64 s in all, of 10,000
# 74 s (they spill), of 2,500 75 s (per-chunk overhead).
SEARCH_CHUNK_DOCUMENTS = 5_000
# Corpus-level boilerplate (warehouse/sql/load/recurring_lines.sql): a body or heading line of at
# most RECURRING_LINE_CHARS characters found in at least RECURRING_LINE_DOCUMENTS current
# documents becomes boilerplate. Longer lines are prose even when syndicated, and are not counted.
RECURRING_LINE_CHARS = 200
RECURRING_LINE_DOCUMENTS = 5


# The files a run reads as inputs unless --include says otherwise: text, HTML, web archives and
# JSON Lines dumps. A pattern without "/" is matched against the file's name, one with "/"
# against its path in the input folder; case is ignored. Sidecars (index.tsv, page.meta.json)
# and anything else are left out, and counted in the run summary.
DEFAULT_INCLUDE = (
    "*.txt",
    "*.text",
    "*.md",
    "*.html",
    "*.htm",
    "*.xhtml",
    "*.warc",
    "*.warc.gz",
    "*.wet",
    "*.wet.gz",
    "*.jsonl",
    "*.jsonl.gz",
    "*.jl",
    "*.jl.gz",
    # Single pages saved gzip-compressed (wget --compression, an archive's extracted bodies).
    "*.html.gz",
    "*.htm.gz",
    "*.txt.gz",
    # A page a browser saved whole ("Webpage, single file"): its HTML part is read.
    "*.mht",
    "*.mhtml",
)


@dataclass(frozen=True)
class Settings:
    """Limits and sizes for one run. Defaults suit a laptop; all are CLI options."""

    # Files above this size are rejected rather than loaded whole into memory. Measured, whole runs
    # summed over every process: one 60 MB page peaks at 1.43-1.52 GB, two 30 MB pages labelled at
    # once by two workers at 1.35 GB, two 60 MB pages at once at over 1.75 GB (and their search
    # index overruns DuckDB's cap), against the 1.5 GB a run is meant to fit in. The largest of the
    # 160 real pages of the dev set is a 1 MB HTML file.
    max_file_bytes: int = 32 * 1024 * 1024
    # A "line" longer than this is not page text (minified JS, base64 blobs): reject, never truncate.
    max_line_chars: int = 1_000_000
    # A page of more lines than this is rejected (too_many_lines): each line costs about 0.7 KB
    # while it is labelled and written (measured: 500,000 short lines peak at 0.5 GB, 3 million at
    # 2.2 GB in the worker). Real pages stay far below: the longest of the dev set's has 14,256.
    max_lines: int = 500_000
    # A file that has not delivered its bytes after this many seconds is on a hung or very slow
    # mount: rejected (read_timeout), and the run goes on. A local 64 MB file reads in 0.1-0.6 s;
    # 60 s lets a file at max_file_bytes come at 0.6 MB/s.
    read_timeout_seconds: float = 60.0
    # Documents per Prefect task: large enough that task overhead (~10 ms) is noise.
    batch_size: int = 256
    # Local processes for the batch work (pipeline/orchestration/workers.py); 0 or 1: in the task
    # runner's own threads or Dask workers.
    worker_processes: int = 0
    # Which files of the input folder are inputs (stages/discover.py): globs, see DEFAULT_INCLUDE.
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    # Metadata from the folder layout, "{outlet}/{year}/{month}/*" (stages/path_pattern.py).
    path_pattern: str | None = None
    # Candidate legacy encodings for charset detection; restricting them avoids exotic wrong guesses.
    # Greek, Hebrew and Arabic pages came out as Cyrillic code pages without their own.
    legacy_encodings: tuple[str, ...] = (
        "cp1252",
        "cp1251",
        "koi8_r",
        "cp1250",
        "iso8859_2",
        "latin_1",
        "iso8859_15",
        "utf_16",
        "cp1253",
        "cp1255",
        "cp1256",
    )
    # Tried only when none of those fits: the Chinese, Japanese and Korean code pages, which
    # decode almost any bytes and so must not compete with the single-byte ones.
    multibyte_encodings: tuple[str, ...] = ("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")


def prefect_environment(prefect_home: Path | None = None) -> dict[str, str]:
    """Environment that keeps Prefect local, quiet and offline (see STACK.md).

    Values already set by the user win, so pointing at a real Prefect server still works. The
    run's temporary server keeps its state in `prefect_home`, by default the user's Prefect home
    (~/.prefect, where Prefect itself keeps it): one home for every warehouse is migrated once, so
    a first run on a new warehouse starts as fast as a later one (5-8 s faster than with a home
    of its own).
    """
    defaults = {
        "PREFECT_HOME": str(prefect_home or Path("~/.prefect").expanduser()),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
        "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
        "DO_NOT_TRACK": "1",
        # Runs log at INFO to the Prefect API (the UI shows each run's logs); each command sets
        # the terminal handler's level itself (`run`: CRITICAL, `serve`: WARNING).
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "DASK_LOGGING__DISTRIBUTED": "warning",
    }
    return {key: os.environ.get(key, value) for key, value in defaults.items()}


def apply_prefect_environment(prefect_home: Path | None = None) -> None:
    """Must run before `prefect` is imported: Prefect reads its settings at import time."""
    os.environ.update(prefect_environment(prefect_home))


FAULT_ENV = "PIPELINE_FAULT_AT"


def fault_point(name: str) -> None:
    """Crash-safety tests make the run kill itself (SIGKILL, no clean-up) at the point they name."""
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
