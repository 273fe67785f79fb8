"""The warehouse tables' Arrow schemas: the single source of truth for writers, loaders and tests."""

from __future__ import annotations

import pyarrow as pa

# The values of blocks.role and documents.kind are defined in pipeline/stages/roles.py; the SQL
# reads them through the macros of pipeline/warehouse/macros.py.

DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
        # The file name's raw bytes where they are not UTF-8; `path` then shows them as \xNN.
        pa.field("path_bytes", pa.binary()),
        # The input file the document came from: `path` itself, or the web archive or JSON Lines
        # dump whose record or line it is (then `path` is "crawl.warc.gz#<record id>" or
        # "dump.jsonl#L<line>"). Reruns replace and retire documents file by file.
        pa.field("source_file", pa.string(), nullable=False),
        # The page's address: the archive's WARC-Target-URI, the dump's `url`, or the HTML page's
        # canonical link or og:url; NULL for a plain text file.
        pa.field("url", pa.string()),
        # The archive's WARC-Record-ID, or the dump line's `id`.
        pa.field("record_id", pa.string()),
        # When the page was fetched: the archive's WARC-Date or the dump's `fetched_at` (UTC).
        pa.field("fetched_at", pa.timestamp("us", tz="UTC")),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("authors", pa.list_(pa.string()), nullable=False),
        pa.field("published", pa.date32()),
        pa.field("outlet", pa.string()),
        pa.field("language", pa.string()),
        # Where title, authors, published, outlet, language and url came from, for those that
        # have a value: record, declared, page, path or url-host (pipeline/stages/provenance.py).
        pa.field("metadata_sources", pa.map_(pa.string(), pa.string()), nullable=False),
        pa.field("encoding", pa.string(), nullable=False),
        pa.field("fixes", pa.list_(pa.string()), nullable=False),
        pa.field("n_lines", pa.int32(), nullable=False),
        pa.field("n_chars", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("format", pa.string(), nullable=False),
        pa.field("n_bytes", pa.int64(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
        # MinHash signature of the article text (pipeline/syndication.py); NULL under 50 words.
        pa.field("minhash", pa.list_(pa.uint64())),
        # Set when the input file disappeared: the row stays for the record, hidden from views.
        pa.field("gone_at", pa.timestamp("us", tz="UTC")),
    ]
)

BLOCKS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
        pa.field("seq", pa.int32(), nullable=False),
        pa.field("line_start", pa.int32(), nullable=False),
        pa.field("line_end", pa.int32(), nullable=False),
        pa.field("role", pa.string(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("comment_id", pa.int32()),
        # The role the page's own structure gave; `role` may differ when the line recurs across
        # the corpus (warehouse/sql/load/recurring_lines.sql).
        pa.field("page_role", pa.string(), nullable=False),
        pa.field("line_hash", pa.uint64()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

# One row per reader comment; the `comments` view shows those of documents still in the input.
THREAD_COMMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
        pa.field("seq", pa.int32(), nullable=False),
        pa.field("line_start", pa.int32(), nullable=False),
        pa.field("line_end", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("author", pa.string()),
        pa.field("posted", pa.date32()),
        # The date with its time of day, where the comment's header shows one (local to the page).
        pa.field("posted_at", pa.timestamp("us")),
        # 0 for a comment on the article, 1 for a reply to it…; parent_seq is the `seq` of the
        # comment it answers, where the page's markup nests replies.
        pa.field("depth", pa.int32(), nullable=False),
        pa.field("parent_seq", pa.int32()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string(), nullable=False),
        pa.field("n_bytes", pa.int64()),
        pa.field("path_bytes", pa.binary()),
        # The input file of a rejected record or line (see documents.source_file).
        pa.field("source_file", pa.string(), nullable=False),
    ]
)

# What the last run saw of each input file: the cheap size+mtime pre-check for incremental runs.
FILES = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("n_bytes", pa.int64(), nullable=False),
        pa.field("mtime_ns", pa.int64(), nullable=False),
        pa.field("doc_id", pa.string()),
        # The SHA-256 of the file's whole content as last read; NULL when it was not read whole.
        # A file whose size or time changed but whose hash did not was only touched.
        pa.field("sha256", pa.string()),
    ]
)

RUNS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("flow_run_id", pa.string()),
        pa.field("started", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("finished", pa.timestamp("us", tz="UTC")),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("input_dir", pa.string(), nullable=False),
        pa.field("n_new", pa.int64()),
        pa.field("n_changed", pa.int64()),
        pa.field("n_unchanged", pa.int64()),
        pa.field("n_gone", pa.int64()),
        pa.field("n_rejected", pa.int64()),
        # Files --include/--exclude left out: no inputs, not read (set when the run starts).
        pa.field("n_not_included", pa.int64()),
        pa.field("status", pa.string(), nullable=False),
    ]
)

# Clusters of republished articles (pipeline/warehouse/syndication.py).
SYNDICATION = pa.schema(
    [
        pa.field("cluster_id", pa.int32(), nullable=False),
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
        pa.field("outlet", pa.string()),
        pa.field("similarity", pa.float64(), nullable=False),
    ]
)

# Tables written as Parquet parts by the batch tasks, then merged into DuckDB.
TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "blocks": BLOCKS,
    "thread_comments": THREAD_COMMENTS,
    "rejects": REJECTS,
}
# Tables whose rows belong to one document and are replaced with it.
PER_DOCUMENT_TABLES = ("documents", "blocks", "thread_comments")
# Every table of the warehouse, exported as Parquet after each run that changed something.
WAREHOUSE_TABLES: dict[str, pa.Schema] = {**TABLES, "files": FILES, "runs": RUNS}
