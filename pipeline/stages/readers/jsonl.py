"""JSON Lines dumps (`.jsonl`, `.jsonl.gz`): one page per line, a JSON object with `html` or
`text` (the page; `html` is read when both are given, for its markup) and optionally `url`,
`title`, `published`, `fetched_at` and `id`; other keys are ignored.

A line is named by its number ("dump.jsonl#L12"). A line that is no JSON object, has no page or
a value of the wrong type is a reject (`bad_line`) with its number; blank lines are skipped; an
empty page ("text": "") is an empty document, as an empty file is. A `published` or
`fetched_at` that is no date is left out (the page's own date is used). A damaged `.gz` keeps
the lines before the damage and rejects the rest in one row. A dump with no line at all, or one
that is no JSON Lines (an image, an archive, UTF-16 text), is one reject for the whole file.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any

from pipeline.stages.dates import declared_date
from pipeline.stages.decode import BOMS, MAGIC
from pipeline.stages.readers import Page, RecordFields, Skipped, parse_timestamp, stalled
from pipeline.stages.readers.deadline import ReadTimedOut
from pipeline.stages.reject import Reject

TEXT_FIELDS = ("url", "title", "published", "fetched_at")
LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# The byte order marks of UTF-16 and UTF-32: text, but not the UTF-8 that JSON Lines are.
WIDE_BOMS = tuple(bom for bom, encoding in BOMS if encoding != "utf-8")
CHUNK = 1 << 20


def read_jsonl(path: str, handle: IO[bytes], limit: int) -> Iterator[Page | Reject | Skipped]:
    """Every line of the dump at `path` (relative, as the run names it), from `handle`."""
    stream: gzip.GzipFile | IO[bytes] = (
        gzip.GzipFile(fileobj=handle) if path.lower().endswith(".gz") else handle
    )
    number = 0
    all_blank = True
    try:
        while line := stream.readline(limit + 1):
            number += 1
            if number == 1 and (what := _not_json_lines(line)):
                yield Reject(path, "binary", f"The file is {what}, not JSON Lines.")
                return
            if len(line) > limit and not line.endswith(b"\n"):
                all_blank = False
                size = len(line) + _skip_rest_of_line(stream)
                detail = f"Line {number} has {size:,} bytes, over the limit of {limit:,}; raise max_file_bytes to accept it."
                yield Reject(f"{path}#L{number}", "too_large", detail, size, source_file=path)
            elif not line.strip():
                yield Skipped("blank line")
            else:
                all_blank = False
                yield _page(path, number, line)
    except ReadTimedOut as error:  # a hung mount: what was read stays read
        yield stalled(path, f"#L{number + 1}" if number else "", f"lines 1 to {number:,}", error)
        return
    except (OSError, EOFError, zlib.error) as error:  # a damaged or truncated .gz
        if number:
            detail = (
                f"The file is damaged after line {number:,} ({type(error).__name__}: {error}): "
                "the lines before it were read, the rest could not be."
            )
            yield Reject(f"{path}#L{number + 1}", "damaged_archive", detail, source_file=path)
        elif isinstance(error, gzip.BadGzipFile):
            detail = (
                f"The file is named .gz but is not gzip-compressed ({error}): rename it to read it."
            )
            yield Reject(path, "damaged_archive", detail)
        else:
            detail = f"The file could not be read at all ({type(error).__name__}: {error})."
            yield Reject(path, "damaged_archive", detail)
        return
    if all_blank:
        yield Reject(
            path, "no_pages", f"The dump holds no line to read as a page ({_lines(number)})."
        )


def _lines(number: int) -> str:
    if number == 0:
        return "it is empty"
    return "1 blank line" if number == 1 else f"{number:,} blank lines"


def _not_json_lines(line: bytes) -> str | None:
    """What the file is instead, judged by its first line: JSON Lines are UTF-8 text (RFC 8259),
    so a known binary format's signature, a UTF-16 or UTF-32 byte order mark or a NUL byte
    (which UTF-8 JSON never holds: control characters in strings are escaped) rules it out.
    Read line by line, such a file gave a reject per stretch of bytes between two 0x0A."""
    for magic, description in MAGIC:
        # A signature may hold a newline (PNG's does) and run on past the first line.
        if line.startswith(magic) or (line.endswith(b"\n") and magic.startswith(line)):
            return description
    if line.startswith(WIDE_BOMS) or b"\x00" in line:
        return "UTF-16 or UTF-32 text (JSON Lines must be UTF-8: convert it, e.g. iconv -t UTF-8)"
    return None


def _skip_rest_of_line(stream: gzip.GzipFile | IO[bytes]) -> int:
    skipped = 0
    while chunk := stream.readline(CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _page(path: str, number: int, line: bytes) -> Page | Reject:
    member = f"{path}#L{number}"
    try:
        value = json.loads(line)
    except (ValueError, RecursionError) as error:
        return _bad(member, number, f"is not valid JSON ({error})", len(line), path)
    if not isinstance(value, dict):
        return _bad(
            member, number, f"is a JSON {type(value).__name__}, not an object", len(line), path
        )
    problem = _type_problem(value)
    if problem:
        return _bad(member, number, problem, len(line), path)
    html = value.get("html")
    if html is None and value.get("text") is None:
        return _bad(member, number, "has no page: neither 'html' nor 'text'", len(line), path)
    page = html or value.get("text") or ""  # "" is an empty page, read as an empty file is
    record_id = value.get("id")
    fields = RecordFields(
        url=value.get("url") or None,
        title=(value.get("title") or "").strip() or None,
        published=_date(value.get("published")),
        fetched_at=parse_timestamp(value.get("fetched_at") or ""),
        record_id=None if record_id is None else str(record_id),
    )
    # JSON strings are text: whatever charset the page's markup or a `charset` key names, it
    # described bytes the scraper has already decoded. These bytes are UTF-8, and say so.
    return Page(member, _utf8(page), bool(html), fields, "utf-8")


def _utf8(page: str) -> bytes:
    """A lone surrogate ("\\ud83d": half an emoji, cut by the scraper) is no character: U+FFFD
    stands in for it, and the bytes stay UTF-8 (encoded as they were, decoding read them as a
    legacy code page: "í ½")."""
    try:
        return page.encode("utf-8")
    except UnicodeEncodeError:
        return LONE_SURROGATE_RE.sub("\ufffd", page).encode("utf-8")


def _type_problem(value: dict[str, Any]) -> str | None:
    for key in ("html", "text", *TEXT_FIELDS):
        if value.get(key) is not None and not isinstance(value[key], str):
            return f"has a {type(value[key]).__name__} as '{key}', not a string"
    record_id = value.get("id")
    if record_id is not None and (
        isinstance(record_id, bool) or not isinstance(record_id, str | int)
    ):
        return f"has a {type(record_id).__name__} as 'id', not a string or a number"
    return None


def _date(value: str | None) -> date | None:
    """The calendar date as written ("2019-05-21T23:30:00+02:00" is the 21st, wherever read)."""
    try:
        return declared_date(datetime.fromisoformat((value or "").strip()).date())
    except ValueError:
        return None


def _bad(member: str, number: int, problem: str, n_bytes: int, path: str) -> Reject:
    return Reject(member, "bad_line", f"Line {number} {problem}."[:1000], n_bytes, source_file=path)
