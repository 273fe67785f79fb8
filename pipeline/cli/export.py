"""`pipeline export`: the corpus's articles, with their metadata and reader comments, as files for
the next tool (topic models, annotation tools, LLM pipelines).

One record per document with an article or comments: `jsonl` and `parquet` write one file of
records, `markdown` and `txt` one file per document. Memory stays flat however large the corpus:
three queries (pipeline/warehouse/sql/export/) stream the documents, their article lines and their
comments, each sorted by document inside DuckDB's memory limit (spilling to disk beyond it), and
they are merged here one document at a time, in record batches.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby, islice
from pathlib import Path
from string import Template
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.cli.cancel import CancelOnInterrupt
from pipeline.cli.exit_codes import ExitCode
from pipeline.cli.interrupts import MESSAGES
from pipeline.cli.query import json_line, plural, reporting_errors
from pipeline.settings import EXPORT_MEMORY_LIMIT
from pipeline.warehouse import read_sql
from pipeline.warehouse.readonly import open_read_only

FORMATS = ("jsonl", "parquet", "markdown", "txt")
# Rows per batch fetched from DuckDB: a few MB of article text at a time.
BATCH_ROWS = 1_000
# One file name per document: the input path made safe, cut to this many bytes (file systems
# allow 255), then a digest of the whole path, which keeps two long paths apart.
NAME_BYTES = 120
DIGEST_CHARS = 12
UNSAFE_IN_NAMES = re.compile(r"[^\w.-]+")

WHERE_HELP = (
    "a SQL condition on the columns of `documents`, e.g. \"outlet = 'Reuters' AND published >= "
    "DATE '2019-01-01'\" or \"kind = 'article_with_comments'\""
)


def add_export_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="write every article with its metadata and comments as JSONL, Parquet, Markdown or text",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument(
        "--output", required=True, type=Path, help="a new or empty folder to write into"
    )
    export.add_argument("--where", help=WHERE_HELP)
    export.add_argument(
        "--warehouse", default="warehouse", type=Path, help="folder of corpus.duckdb"
    )


@dataclass
class Exported:
    documents: int = 0
    comments: int = 0


def run_export(args: argparse.Namespace) -> int:
    return reporting_errors("export", lambda: _export(args))


def _export(args: argparse.Namespace) -> int:
    output: Path = args.output
    if output.exists() and not (output.is_dir() and not any(output.iterdir())):
        print(
            f"error: {output} is not a new or empty folder: export into one, so that no file "
            "of another export is mistaken for part of this one",
            file=sys.stderr,
        )
        return ExitCode.CANNOT_START
    started = time.monotonic()
    with open_read_only(args.warehouse, memory_limit=EXPORT_MEMORY_LIMIT) as con:
        cursors = [con.cursor() for _ in STREAMS]  # one connection reads one result at a time
        with CancelOnInterrupt(cursors) as cancel, cancel.running():
            try:
                # Bound before anything is written: a --where that does not parse writes nothing.
                streams = Streams.open(cursors, args.where)
                output.mkdir(parents=True, exist_ok=True)
                exported = WRITERS[args.format](streams, output)
            except (KeyboardInterrupt, duckdb.Error, RuntimeError) as error:
                if not cancel.cancelled_by(error):
                    raise
                written = output.exists() and any(output.iterdir())
                print(
                    f"interrupted: {output} holds only part of the export; export again into an "
                    "empty folder"
                    if written
                    else MESSAGES["export"],
                    file=sys.stderr,
                )
                return ExitCode.INTERRUPTED
    print(
        f"Exported {plural(exported.documents, 'document')} "
        f"({plural(exported.comments, 'comment')}) as {args.format} to {output} "
        f"in {time.monotonic() - started:.1f} s"
    )
    return ExitCode.OK


STREAMS = ("documents.sql", "bodies.sql", "comments.sql")
Key = tuple[str, str]  # (path, doc_id): the order all three streams share


@dataclass
class Streams:
    """The three sorted streams of an export, each on its own cursor (one connection reads one
    result at a time)."""

    documents: pa.RecordBatchReader
    bodies: pa.RecordBatchReader
    comments: pa.RecordBatchReader

    @classmethod
    def open(cls, cursors: Sequence[duckdb.DuckDBPyConnection], where: str | None) -> Streams:
        """Runs the three sorts (the first batch of each waits for its sort)."""
        selected = Template(read_sql("export", "selected.sql")).substitute(where=where or "TRUE")
        readers = [
            cursor.sql(
                Template(read_sql("export", name)).substitute(selected=selected)
            ).fetch_record_batch(BATCH_ROWS)
            for cursor, name in zip(cursors, STREAMS, strict=True)
        ]
        return cls(*readers)

    def schema(self) -> pa.Schema:
        """The records' columns: the document's, then n_words, body and the list of comments."""
        comment = [f for f in self.comments.schema if f.name not in ("path", "doc_id")]
        return pa.schema(
            [
                *self.documents.schema,
                pa.field("n_words", pa.int64()),
                pa.field("body", pa.string()),
                pa.field("comments", pa.list_(pa.struct(comment))),
            ]
        )

    def records(self) -> Iterator[dict[str, Any]]:
        bodies = groupby(_rows(self.bodies), key=_key)
        comments = groupby(_rows(self.comments), key=_key)
        next_body, next_comments = next(bodies, None), next(comments, None)
        for record in _rows(self.documents):
            key = _key(record)
            record["n_words"] = record["body"] = None
            if next_body is not None and next_body[0] == key:
                lines = list(next_body[1])
                record["n_words"] = sum(line["n_words"] for line in lines)
                record["body"] = "\n\n".join(line["text"] for line in lines)
                next_body = next(bodies, None)
            record["comments"] = []
            if next_comments is not None and next_comments[0] == key:
                record["comments"] = [
                    {k: v for k, v in row.items() if k not in ("path", "doc_id")}
                    for row in next_comments[1]
                ]
                next_comments = next(comments, None)
            yield record


def _rows(reader: pa.RecordBatchReader) -> Iterator[dict[str, Any]]:
    for batch in reader:
        yield from batch.to_pylist()


def _key(row: dict[str, Any]) -> Key:
    return (row["path"], row["doc_id"])


def _count(exported: Exported, record: dict[str, Any]) -> None:
    exported.documents += 1
    exported.comments += len(record["comments"])


def _write_jsonl(streams: Streams, output: Path) -> Exported:
    exported = Exported()
    with (
        _replaced_at_the_end(output / "documents.jsonl") as part,
        part.open("w", encoding="utf-8") as out,
    ):
        for record in streams.records():
            out.write(json_line(record))
            out.write("\n")
            _count(exported, record)
    return exported


def _write_parquet(streams: Streams, output: Path) -> Exported:
    import pyarrow.parquet as pq

    exported = Exported()
    schema = streams.schema()
    with (
        _replaced_at_the_end(output / "documents.parquet") as part,
        pq.ParquetWriter(str(part), schema, compression="zstd") as writer,
    ):
        records = streams.records()
        while batch := list(islice(records, BATCH_ROWS)):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            for record in batch:
                _count(exported, record)
    return exported


@contextmanager
def _replaced_at_the_end(target: Path) -> Iterator[Path]:
    """Write `target` under a hidden name and rename it when complete: an interrupted export
    leaves no file that looks whole."""
    part = target.with_name(f".{target.name}.part")
    try:
        yield part
    except BaseException:
        with suppress(FileNotFoundError):
            part.unlink()
        raise
    os.replace(part, target)


def _write_files(
    render: Callable[[dict[str, Any]], str], suffix: str
) -> Callable[[Streams, Path], Exported]:
    def write(streams: Streams, output: Path) -> Exported:
        exported = Exported()
        for record in streams.records():
            # "x": never overwrite; two documents cannot have the same path, nor the same name.
            with (output / file_name(record["path"], suffix)).open("x", encoding="utf-8") as out:
                out.write(render(record))
            _count(exported, record)
        return exported

    return write


def file_name(path: str, suffix: str) -> str:
    """A name that is safe on any file system and unique to the document's path:
    `outlet/2019/05/Été 1.html` becomes `outlet_2019_05_Été_1-<digest>.md`."""
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    safe = UNSAFE_IN_NAMES.sub("_", stem).strip("._")
    safe = safe.encode()[:NAME_BYTES].decode(errors="ignore") or "document"
    digest = hashlib.sha256(path.encode()).hexdigest()[:DIGEST_CHARS]
    return f"{safe}-{digest}{suffix}"


def render_markdown(record: dict[str, Any]) -> str:
    """YAML front matter with the metadata (values written as JSON, which YAML reads), the title
    as a heading, the body, then each comment under its author and time."""
    metadata = {key: value for key, value in record.items() if key not in ("body", "comments")}
    lines = ["---"]
    lines += [
        f"{key}: {json.dumps(_plain(value), ensure_ascii=False)}" for key, value in metadata.items()
    ]
    lines += ["---", ""]
    if record["title"]:
        lines += [f"# {record['title']}", ""]
    if record["body"]:
        lines += [record["body"], ""]
    if record["comments"]:
        lines += [f"## Comments ({len(record['comments'])})", ""]
        for number, comment in enumerate(record["comments"], start=1):
            quote = "> " * comment["depth"]  # a reply is quoted once per level
            lines.append(f"{quote}**{comment_header(number, comment)}**")
            lines.append(quote.rstrip())
            lines += [f"{quote}{line}".rstrip() for line in comment["text"].splitlines()]
            lines.append("")
    return "\n".join(lines)


def render_text(record: dict[str, Any]) -> str:
    """The title, a few lines of metadata, the body, then the comments, each under a line with
    its author and time: plain text for tools that read nothing else."""
    header = {
        "Authors": ", ".join(record["authors"]) or None,
        "Published": _plain(record["published"]),
        "Outlet": record["outlet"],
        "Language": record["language"],
        "URL": record["url"],
        "Path": record["path"],
    }
    lines = [record["title"] or record["path"], ""]
    lines += [f"{key}: {value}" for key, value in header.items() if value]
    lines.append("")
    if record["body"]:
        lines += [record["body"], ""]
    for number, comment in enumerate(record["comments"], start=1):
        lines.append(f"--- {comment_header(number, comment)}")
        lines += [comment["text"], ""]
    return "\n".join(lines)


def comment_header(number: int, comment: dict[str, Any]) -> str:
    """`Comment 3 by Anna · 2019-05-21 10:12`: its place in the thread, then what the page shows."""
    header = f"Comment {number}"
    if comment["author"]:
        header += f" by {comment['author']}"
    posted = comment["posted_at"] or comment["posted"]
    if isinstance(posted, datetime):
        header += f" · {posted:%Y-%m-%d %H:%M}"
    elif posted is not None:
        header += f" · {posted.isoformat()}"
    return header


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


WRITERS: dict[str, Callable[[Streams, Path], Exported]] = {
    "jsonl": _write_jsonl,
    "parquet": _write_parquet,
    "markdown": _write_files(render_markdown, ".md"),
    "txt": _write_files(render_text, ".txt"),
}
