"""`pipeline show PATH`: one page as the pipeline read it, line by line with each line's role,
under the metadata it found. The first thing to run when a page looks wrong.

Coloured on a terminal; plain when the output is not a terminal or NO_COLOR is set (no-color.org).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import duckdb

from pipeline.cli.cancel import run_cancellable
from pipeline.cli.exit_codes import ExitCode
from pipeline.cli.export import comment_header
from pipeline.cli.interrupts import MESSAGES
from pipeline.cli.query import reporting_errors
from pipeline.stages.paths import readable_path
from pipeline.stages.roles import ROLES
from pipeline.warehouse.readonly import open_read_only

# SGR codes per role: the article stands out, what is not the article fades.
ROLE_STYLES = {
    "title": "1;33",
    "meta": "36",
    "heading": "1;34",
    "body": "",
    "comment": "32",
    "boilerplate": "2",
}
COMMENT_HEADER_STYLE = "1;32"
LABEL_STYLE = "2"
ROLE_WIDTH = max(len(role) for role in ROLES)
CLOSE_MATCHES = 5
# Control characters would drive the terminal: shown as \xNN instead (tab stays).
CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
METADATA = ("title", "authors", "published", "outlet", "language", "kind", "format", "url")


def add_show_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = commands.add_parser(
        "show",
        help="print one page's lines with their roles, under its metadata",
        description=__doc__,
    )
    show.add_argument(
        "path",
        help="the document's path as stored (documents.path), a path under the input folder, "
        "or the end of one",
    )
    show.add_argument(
        "--role",
        action="append",
        choices=ROLES,
        help="only lines with this role (repeat for several)",
    )
    show.add_argument("--warehouse", default="warehouse", type=Path, help="folder of corpus.duckdb")


def run_show(args: argparse.Namespace) -> int:
    return reporting_errors("show", lambda: _show(args))


def _show(args: argparse.Namespace) -> int:
    with open_read_only(args.warehouse) as con:
        return run_cancellable([con], lambda: _show_page(con, args), MESSAGES["show"])


def _show_page(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    # A file name whose bytes are not UTF-8 reaches argv as lone surrogates; it is stored with
    # \xNN escapes (stages/paths.py), and found by that name.
    wanted = readable_path(args.path)[0]
    found = find_document(con, wanted)
    if isinstance(found, NotFound):
        print(found.message(wanted, args.warehouse), file=sys.stderr)
        return ExitCode.FAILED
    page = read_page(con, found, args.role)
    style = Style(enabled=sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    write_page(page, sys.stdout, style)
    return ExitCode.OK


@dataclass(frozen=True)
class NotFound:
    """No single document matches: the candidates to offer instead."""

    ambiguous: list[str]
    close: list[str]

    def message(self, asked: str, warehouse: Path) -> str:
        if self.ambiguous:
            listed = self.ambiguous
            intro = f"error: {len(listed)} documents end with {asked!r}; give more of the path:"
        else:
            listed = self.close
            intro = f"error: no document {asked!r} in {warehouse}."
            intro += " Close matches:" if listed else " The warehouse has no documents."
        return "\n".join([intro, *(f"  {path}" for path in listed)])


def find_document(con: duckdb.DuckDBPyConnection, asked: str) -> str | NotFound:
    """The stored path the user means: as stored; as a file under a run's input folder (a path
    typed with the folder, or absolute); or the only stored path that ends with it."""
    candidates = [asked.removeprefix("./")]
    if Path(asked).exists():
        here = Path(asked).resolve()
        for (input_dir,) in con.execute(
            "SELECT DISTINCT input_dir FROM runs ORDER BY ALL"
        ).fetchall():
            if here.is_relative_to(input_dir):
                candidates.append(here.relative_to(input_dir).as_posix())
    for candidate in candidates:
        if con.execute("SELECT 1 FROM documents WHERE path = ?", [candidate]).fetchall():
            return candidate
    tail = "/" + candidates[-1].lstrip("/")
    endings = [
        row[0]
        for row in con.execute(
            "SELECT path FROM documents WHERE suffix(path, ?) ORDER BY path LIMIT ?",
            [tail, CLOSE_MATCHES + 1],
        ).fetchall()
    ]
    if len(endings) == 1:
        return str(endings[0])
    close = con.execute(
        """SELECT path FROM documents
           ORDER BY greatest(jaro_winkler_similarity(lower(path), lower($asked)),
                             jaro_winkler_similarity(lower(parse_filename(path)),
                                                     lower(parse_filename($asked)))) DESC, path
           LIMIT $n""",
        {"asked": asked, "n": CLOSE_MATCHES},
    ).fetchall()
    return NotFound(ambiguous=endings, close=[row[0] for row in close])


@dataclass(frozen=True)
class Page:
    document: dict[str, Any]
    # (line_start, role, page_role, text, comment) with the comment's row on its first line.
    lines: list[tuple[int, str, str, str, dict[str, Any] | None]]


def read_page(con: duckdb.DuckDBPyConnection, path: str, roles: list[str] | None) -> Page:
    documents = con.sql("SELECT * FROM documents WHERE path = ?", params=[path])
    document = dict(zip(documents.columns, documents.fetchall()[0], strict=True))
    rows = con.execute(
        """SELECT b.line_start, b.role, b.page_role, b.text,
                  CASE WHEN b.line_start = c.line_start THEN
                      {'number': c.number, 'author': c.author, 'posted': c.posted,
                       'posted_at': c.posted_at, 'depth': c.depth}
                  END AS comment
           FROM blocks AS b
           LEFT JOIN (
               SELECT *, row_number() OVER (ORDER BY seq) AS number
               FROM thread_comments WHERE path = $path
           ) AS c
             ON c.doc_id = b.doc_id AND b.line_start BETWEEN c.line_start AND c.line_end
           WHERE b.path = $path AND ($roles IS NULL OR list_contains($roles, b.role))
           ORDER BY b.seq""",
        {"path": path, "roles": roles},
    ).fetchall()
    return Page(document, rows)


@dataclass(frozen=True)
class Style:
    enabled: bool

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled and code else text


def write_page(page: Page, out: TextIO, style: Style) -> None:
    document = page.document
    out.write(style(document["path"], "1") + "\n")
    for key in METADATA:
        value = _shown(document.get(key))
        if value or key in ("title", "authors", "published", "outlet"):
            out.write(f"  {style(f'{key:<10}', LABEL_STYLE)} {value or '-'}\n")
    if document["gone_at"] is not None:
        out.write(f"  gone since {document['gone_at']:%Y-%m-%d %H:%M} (not in the last input)\n")
    out.write("\n")
    for line_start, role, page_role, text, comment in page.lines:
        if comment is not None:
            indent = "  " * comment["depth"]
            header = f"{indent}── {comment_header(comment['number'], comment)}"
            out.write(f"{'':>5}  {style(header, COMMENT_HEADER_STYLE)}\n")
        shown_role = style(f"{role:<{ROLE_WIDTH}}", ROLE_STYLES[role])
        note = ""
        if page_role != role:  # relabelled because the line recurs across the corpus
            note = style(f"  [recurring; this page alone: {page_role}]", LABEL_STYLE)
        body = style(_printable(text), ROLE_STYLES[role])
        out.write(f"{line_start:>5}  {shown_role}  {body}{note}\n")
    if not page.lines:
        out.write("(no lines with these roles)\n")


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return _printable(str(value)) if value is not None else ""


def _printable(text: str) -> str:
    return CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
