"""The warehouse tables' Arrow schemas: the single source of truth for writers, loaders and tests."""

from __future__ import annotations

import pyarrow as pa

ROLES = ("title", "meta", "heading", "body", "comment", "boilerplate")
KINDS = ("article", "comments", "article_with_comments", "empty")

DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("authors", pa.list_(pa.string()), nullable=False),
        pa.field("published", pa.date32()),
        pa.field("outlet", pa.string()),
        pa.field("language", pa.string()),
        pa.field("encoding", pa.string(), nullable=False),
        pa.field("fixes", pa.list_(pa.string()), nullable=False),
        pa.field("n_lines", pa.int32(), nullable=False),
        pa.field("n_chars", pa.int32(), nullable=False),
        pa.field("text", pa.string(), nullable=False),
        pa.field("format", pa.string(), nullable=False),
        pa.field("n_bytes", pa.int64(), nullable=False),
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
    ]
)

REJECTS = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string(), nullable=False),
        pa.field("n_bytes", pa.int64()),
    ]
)

TABLES: dict[str, pa.Schema] = {"documents": DOCUMENTS, "blocks": BLOCKS, "rejects": REJECTS}
