"""Readers of the inputs that hold many pages in one file: web archives and JSON Lines dumps.

A plain text or HTML file is one page (stages/process.py reads it whole). A reader walks an
archive or a dump as a stream, one record or line at a time, and yields for each one a Page (its
bytes and what the record says about it), a Reject (the record or line named in its path) or a
Skipped (a record that holds no page: a request, an image, a redirect; the run summary counts
them). One module per input form; `CONTAINER_FORMATS` says which file names each one reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from pipeline.stages.reject import Reject

# File-name endings of the inputs read by a reader here, and the `documents.format` they give.
# Common Crawl's WET files (".warc.wet.gz") are web archives of text: `conversion` records.
CONTAINER_FORMATS = {
    ".warc": "warc",
    ".warc.gz": "warc",
    ".wet": "warc",
    ".wet.gz": "warc",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".jl": "jsonl",  # Scrapy's name for JSON Lines
    ".jl.gz": "jsonl",
}


@dataclass(frozen=True)
class RecordFields:
    """What the archive's record or the dump's line says about its page; None where it is silent.
    These win over what is read off the page itself (stages/provenance.py)."""

    url: str | None = None
    title: str | None = None
    published: date | None = None
    fetched_at: datetime | None = None
    record_id: str | None = None


@dataclass(frozen=True)
class Page:
    """One page of an archive or dump: `path` is the file's path and the record's name after a
    `#` ("crawl.warc.gz#urn:uuid:…", "dump.jsonl#L12"), `raw` the page's bytes."""

    path: str
    raw: bytes
    html: bool
    record: RecordFields
    # The charset the page's delivery declared (a WARC response's HTTP Content-Type), or "utf-8"
    # for a dump's page, which JSON gave as text; a hint to decoding (stages/decode.py).
    charset: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A record that holds no page, by kind ("request record", "non-HTML response")."""

    what: str


HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# A page saved under another name ("page.txt") that opens as HTML does: a doctype or <html>,
# after a byte order mark, an XML declaration or comments. Read as text, its tags were its lines.
HTML_START_RE = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def opens_like_html(raw: bytes) -> bool:
    return bool(HTML_START_RE.match(raw[:4096]))


def looks_like_html(path: str, raw: bytes) -> bool:
    return path.lower().removesuffix(".gz").endswith(HTML_SUFFIXES) or opens_like_html(raw)


def container_format(path: str) -> str | None:
    """`warc` or `jsonl` for the file names a reader here reads, None for a single page."""
    lowered = path.lower()
    return next((form for end, form in CONTAINER_FORMATS.items() if lowered.endswith(end)), None)


def parse_timestamp(value: str) -> datetime | None:
    """An ISO 8601 time stamp ("2019-05-21T10:12:00Z", a bare date) in UTC; a time stamp without
    a zone is taken as UTC, as WARC and most scrapers write them. None when it is not one."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def stalled(path: str, member: str, read: str, error: OSError) -> Reject:
    """The rest of an archive or dump that stopped delivering bytes (readers/deadline.py):
    `member` names where it stopped ("#@4096", "#L13"; "" for the whole file), `read` what was
    read before ("the records before byte 4,096")."""
    if not member:
        detail = f"The file delivered no record ({error.strerror}; a hung or very slow mount?)."
    else:
        detail = (
            f"The file stopped delivering bytes ({error.strerror}; a hung or very slow mount?): "
            f"{read} were read, the rest was not."
        )
    detail += " Run again once the mount answers, or raise --read-timeout."
    return Reject(path + member, "read_timeout", detail, source_file=path if member else None)
