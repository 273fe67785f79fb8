"""Web archives (`.warc`, `.warc.gz`, read with warcio): one page per HTML or text `response`.

A record is named by its WARC-Record-ID ("crawl.warc.gz#urn:uuid:…"), or by its byte offset
("crawl.warc.gz#@4096") when it has none or repeats one. Requests, metadata, revisits, redirects,
error pages and images are counted as skipped. A damaged archive (truncated, or bytes that are
no WARC record) keeps every whole record before the damage; the rest is one reject named by the
offset where the damage starts.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from pipeline.stages.readers import (
    Page,
    RecordFields,
    Skipped,
    opens_like_html,
    parse_timestamp,
    stalled,
)
from pipeline.stages.readers.deadline import ReadTimedOut
from pipeline.stages.reject import Reject

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
DAMAGED = "damaged_archive"
# The charset parameter of a Content-Type ("text/html; charset=windows-1251").
CHARSET_RE = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    # warcio writes a warning to stderr when a record is not followed by the blank lines that
    # end it (its Content-Length is wrong); the reader sees it in err_count and says so in a
    # reject instead of on the run's terminal.
    INC_RECORD = ""


def read_warc(path: str, handle: IO[bytes], limit: int) -> Iterator[Page | Reject | Skipped]:
    """Every record of the archive at `path` (relative, as the run names it), from `handle`."""
    records = _QuietArchiveIterator(handle)
    skipped: Counter[str] = Counter()
    names: set[str] = set()
    end = 0  # where the last whole record ends: the damage, if any, starts there
    n_pages = 0
    try:
        for record in records:
            errors = records.err_count
            body = record.content_stream().read(limit + 1)
            whole = len(body) > limit or record.raw_stream.limit == 0
            offset, length = records.get_record_offset(), records.get_record_length()
            if not whole or records.err_count > errors:
                yield _damaged(path, offset, "a record is cut short or longer than it says")
                return
            end = offset + length
            item = _page(path, record, body, offset, names, limit)
            if isinstance(item, Skipped):
                skipped[item.what] += 1
            else:
                n_pages += 1
            yield item
    except ReadTimedOut as error:  # a hung mount: what was read stays read
        yield stalled(path, f"#@{end}" if end else "", f"the records before byte {end:,}", error)
        return
    except Exception as error:  # warcio and zlib fail in many ways on damaged bytes
        if NOT_PER_RECORD_GZIP in str(error):
            yield _compressed_whole(path, n_pages)
        else:
            what = f"{type(error).__name__}: {str(error)[:200]}"
            yield _damaged(path, end, what, whole_file=not end)
        return
    # A gzip member cut short ends the iteration quietly: the bytes not parsed tell it.
    if records.offset < _size(handle):
        yield _damaged(path, records.offset, "it ends inside a record", whole_file=not end)
        return
    if not n_pages:
        yield Reject(path, "no_pages", _nothing_read(skipped))


def _page(
    path: str, record: Any, body: bytes, offset: int, names: set[str], limit: int
) -> Page | Reject | Skipped:
    if record.rec_type in ("resource", "conversion"):
        # A page archived as it is, without HTTP (Webrecorder, wget), or its text as another
        # tool extracted it (Common Crawl's WET files: text/plain)
        content_type = record.rec_headers.get_header("Content-Type") or ""
    elif record.rec_type == "response":
        http = record.http_headers
        status = http.get_statuscode() if http is not None else ""
        if not status.startswith("2"):
            return Skipped("redirect or error response")
        content_type = http.get_header("Content-Type") or ""
    else:
        return Skipped(f"{record.rec_type} record")
    media = content_type.split(";")[0].strip().lower()
    if not media and opens_like_html(body):
        media = HTML_TYPES[0]  # no type said: what the bytes open with, as browsers sniff
    if media not in HTML_TYPES + TEXT_TYPES:
        return Skipped(f"non-HTML {record.rec_type}")
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<> ")
    name = record_id if record_id and record_id not in names else f"@{offset}"
    names.add(name)
    member = f"{path}#{name}"
    if len(body) > limit:
        detail = f"The record's page is over the limit of {limit:,} bytes; raise max_file_bytes to accept it."
        return Reject(member, "too_large", detail, len(body), source_file=path)
    fields = RecordFields(
        url=headers.get_header("WARC-Target-URI") or None,
        fetched_at=parse_timestamp(headers.get_header("WARC-Date") or ""),
        record_id=record_id or None,
    )
    charset = CHARSET_RE.search(content_type)
    return Page(member, body, media in HTML_TYPES, fields, charset[1] if charset else None)


def _size(handle: IO[bytes]) -> int:
    try:
        return os.fstat(handle.fileno()).st_size
    except (OSError, ValueError):  # not a file (the tests' BytesIO): its end tells
        return handle.seek(0, io.SEEK_END)


# What warcio says of a .warc.gz compressed whole (gzip file.warc) after its first record.
NOT_PER_RECORD_GZIP = "non-chunked gzip file detected"


def _damaged(path: str, offset: int, what: str, whole_file: bool = False) -> Reject:
    if whole_file:  # not even the first record could be read: the file is the reject
        detail = f"Not a readable web archive ({what}): no record could be read."
        return Reject(path, DAMAGED, detail)
    detail = (
        f"The archive is damaged at byte {offset:,} ({what}): the records before it were read, "
        "the rest could not be."
    )
    return Reject(f"{path}#@{offset}", DAMAGED, detail, source_file=path)


def _compressed_whole(path: str, n_pages: int) -> Reject:
    """The rest of a .warc.gz compressed whole: warcio reads its first record only. Byte offsets
    inside one gzip stream name nothing, so the rest is "#rest"."""
    detail = (
        "The archive is compressed as one gzip stream, not a gzip member per record as crawlers "
        f"write them: only its first record could be read ({n_pages} page). "
        "`warcio recompress` rewrites it readable."
    )
    if not n_pages:
        return Reject(path, DAMAGED, detail)
    return Reject(f"{path}#rest", DAMAGED, detail, source_file=path)


def _nothing_read(skipped: Counter[str]) -> str:
    counts = ", ".join(f"{n} {what}" for what, n in sorted(skipped.items())) or "no records"
    return f"The archive holds no HTML or text response to read as a page ({counts})."
