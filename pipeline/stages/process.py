"""One input through the pure stages: read → decode → normalize → segment → metadata.

An input is a file, or a record or line of a web archive or JSON Lines dump (stages/readers/)."""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import math
import os
import queue
import threading
import weakref
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK
from typing import TypeVar, cast

from pipeline.settings import Settings
from pipeline.stages.comments import Comment, extract_comments
from pipeline.stages.decode import decode_bytes
from pipeline.stages.discover import SourceFile
from pipeline.stages.html import Declared, LineEvidence, parse_html
from pipeline.stages.language import detect_language
from pipeline.stages.metadata import Metadata, extract_metadata
from pipeline.stages.normalize import normalize_text
from pipeline.stages.provenance import page_sources, with_layout, with_record
from pipeline.stages.readers import Page, Skipped, container_format, looks_like_html
from pipeline.stages.readers.deadline import (
    DeadlineReader,
    HashingReader,
    PromptReader,
    ReadTimedOut,
)
from pipeline.stages.readers.jsonl import read_jsonl
from pipeline.stages.readers.mhtml import html_part, is_mhtml
from pipeline.stages.readers.warc import read_warc
from pipeline.stages.reject import Reject, RejectedInput
from pipeline.stages.roles import ARTICLE_ROLES
from pipeline.stages.segment import Block, classify_lines
from pipeline.stages.syndication import article_signature

Result = TypeVar("Result")
Value = TypeVar("Value")


@dataclass(frozen=True)
class Document:
    """An accepted input file: a row of `documents` plus its `blocks`."""

    doc_id: str
    path: str
    kind: str
    title: str | None
    authors: tuple[str, ...]
    published: date | None
    outlet: str | None
    language: str | None
    encoding: str
    fixes: tuple[str, ...]
    n_lines: int
    n_chars: int
    text: str
    format: str
    n_bytes: int
    blocks: tuple[Block, ...]
    comments: tuple[Comment, ...]
    minhash: list[int] | None
    path_bytes: bytes | None = None
    url: str | None = None
    fetched_at: datetime | None = None
    # The archive's WARC-Record-ID, or the dump line's `id`.
    record_id: str | None = None
    # The input file a record or line came from; None: `path` itself.
    source_file: str | None = None
    # (field, source) pairs: where title, authors, published, outlet, language and url came from
    # (stages/provenance.py).
    metadata_sources: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FileContent:
    """The SHA-256 of an input file's whole content as read now. `same`: it is the hash the
    last run recorded (SourceFile.known_sha256): a touched file, whose rows stay as they are,
    and nothing else is produced for it."""

    path: str
    sha256: str
    same: bool


READERS = {"warc": read_warc, "jsonl": read_jsonl}


@dataclass(frozen=True)
class Prepared:
    """A page decoded, normalized and its lines checked: the text detect_language reads, and
    what the stages after it need."""

    path: str
    doc_id: str  # the SHA-256 of its bytes
    n_bytes: int
    text: str
    n_lines: int
    input_format: str
    encoding: str
    fixes: tuple[str, ...]
    evidence: list[LineEvidence | None] | None
    declared: Declared

    def segmented(self, detected: str | None) -> Segmented:
        """Its lines labelled, its metadata and comments read; `detected` the language found in
        its text."""
        language = detected or self.declared.language
        blocks = classify_lines(self.text, language, self.evidence)
        metadata = extract_metadata(blocks, language, self.declared)
        markup = comment_markup(blocks, self.evidence)
        return Segmented(
            language=language,
            blocks=tuple(blocks),
            metadata=metadata,
            comments=tuple(extract_comments(blocks, language, markup)),
            article="\n\n".join(b.text for b in blocks if b.role in ARTICLE_ROLES),
        )

    def document(self, segmented: Segmented, minhash: list[int] | None) -> Document:
        metadata = segmented.metadata
        document = Document(
            doc_id=self.doc_id,
            path=self.path,
            kind=metadata.kind,
            title=metadata.title,
            authors=metadata.authors,
            published=metadata.published,
            outlet=metadata.outlet,
            language=segmented.language,
            encoding=self.encoding,
            fixes=self.fixes,
            n_lines=self.n_lines,
            n_chars=len(self.text),
            text=self.text,
            format=self.input_format,
            n_bytes=self.n_bytes,
            blocks=segmented.blocks,
            comments=segmented.comments,
            minhash=minhash,
            url=self.declared.url,
        )
        return page_sources(document, self.declared)


@dataclass(frozen=True)
class Segmented:
    """A page's stages from its language to its comments: all but its syndication signature."""

    language: str | None
    blocks: tuple[Block, ...]
    metadata: Metadata
    comments: tuple[Comment, ...]
    article: str  # its article's text, which the signature is computed from


@dataclass(frozen=True)
class Pending:
    """A page prepared, and the steps that place its document (its path's bytes, its record,
    the folder layout's metadata) once settle has built it."""

    prepared: Prepared
    reject: Callable[[str, str, int], Reject]
    steps: tuple[Callable[[Document], Document], ...] = ()

    def then(self, step: Callable[[Document], Document]) -> Pending:
        return replace(self, steps=(*self.steps, step))

    def run(self, work: Callable[[Prepared], Result]) -> Result | Reject:
        return _guarded(lambda: work(self.prepared), self.reject, self.prepared.n_bytes)

    def placed(self, document: Document) -> Document:
        for step in self.steps:
            document = step(document)
        return document


def settle(pages: Sequence[Pending]) -> list[Document | Reject]:
    """The pages' documents (or why not), in order. Each stage runs over all the pages in a row,
    rather than each page through all the stages: fastText's model and the signature's tables
    then stay in the processor's cache (measured on 2,000 benchmark pages: language 0.2 ms a
    page against 0.5, the signature 0.1 against 0.3, when segmentation ran between calls)."""
    languages = [page.run(lambda prepared: detect_language(prepared.text)) for page in pages]
    segmented = _each(pages, languages, Prepared.segmented)
    signed = _each(pages, segmented, lambda _, s: (s, article_signature(s.article)))
    documents = _each(pages, signed, lambda prepared, s: prepared.document(*s))
    return [
        built if isinstance(built, Reject) else page.placed(built)
        for page, built in zip(pages, documents, strict=True)
    ]


def _each(
    pages: Sequence[Pending],
    values: Sequence[Value | Reject],
    work: Callable[[Prepared, Value], Result],
) -> list[Result | Reject]:
    """`work(page, value)` for each page whose value is no Reject, one page after another."""
    return [
        value if isinstance(value, Reject) else page.run(_given(work, value))
        for page, value in zip(pages, values, strict=True)
    ]


def _given(work: Callable[[Prepared, Value], Result], value: Value) -> Callable[[Prepared], Result]:
    return lambda prepared: work(prepared, value)


def process_source(
    source: SourceFile, settings: Settings
) -> Iterator[Document | Reject | Skipped | FileContent]:
    """What read_inputs yields, each page finished at once."""
    for item in read_inputs(source, settings):
        yield settle([item])[0] if isinstance(item, Pending) else item


def read_inputs(
    source: SourceFile, settings: Settings
) -> Iterator[Pending | Reject | Skipped | FileContent]:
    """Every input the file holds: the file itself, or each record or line of an archive or
    dump, read as a stream (the size limit applies to each page, not to the archive), after
    the file's FileContent when it could be read; each page up to its language (settle
    finishes it). Never raises for bad input."""
    form = container_format(source.path)
    if form is None:
        raw = _read_source(source, settings)
        if isinstance(raw, Reject):
            yield raw
            return
        content = _content(source, hashlib.sha256(raw).hexdigest())
        yield content
        if content.same:
            return
        page = _gunzipped(source, raw, settings) if source.path.lower().endswith(".gz") else raw
        html, charset = None, None
        if not isinstance(page, Reject) and is_mhtml(source.path):
            part = html_part(page)
            if part is None:
                detail = "The MHTML file holds no HTML part: no page to read."
                page = source.reject("no_pages", detail, len(raw))
            else:
                (page, charset), html = part, True
        if isinstance(page, Reject):
            yield page
        else:
            result = _built(source, page, settings, html, charset)
            yield (
                result.then(lambda d: with_layout(d, settings.path_pattern, source.path))
                if isinstance(result, Pending)
                else result
            )
        return
    try:
        if source.known_sha256 is not None:
            # Seen before, with another size or time: hashed in a pass of its own before its
            # pages cost anything, so that a touched archive is not read further (hashing runs
            # at about 1 GB/s; a page costs ~11 ms).
            same = _content(source, _stream_sha256(source.absolute, settings.read_timeout_seconds))
            if same.same:
                yield same
                return
        with _open_stream(source.absolute, settings.read_timeout_seconds) as stream:
            hashing = HashingReader(stream)
            handle = PromptReader(hashing, 1 << 16)
            for item in READERS[form](source.path, handle, settings.max_file_bytes):
                if isinstance(item, Page):
                    yield _page_document(item, form, source, settings)
                elif isinstance(item, Reject):
                    yield replace(item, path_bytes=source.path_bytes)
                else:
                    yield item
            try:
                while handle.read(1 << 20):  # what a reader left unread (damage), for the hash
                    pass
            except OSError:  # timed out (the reader said so) or failed: not read whole, no hash
                return
            yield _content(source, hashing.digest.hexdigest())
    except OSError as error:
        yield _read_failure(source, error)


@contextmanager
def _open_stream(path: str, timeout: float | None) -> Iterator[io.RawIOBase]:
    """`path` opened as a regular file (see read_regular_file), for reading as a stream: with a
    deadline, the open must succeed within `timeout` seconds and the bytes must keep coming
    (readers/deadline.py); on time-out the reader rejects the rest of the file."""
    if timeout is None or timeout == math.inf:
        with open_regular(path) as raw:
            yield raw
        return
    try:
        raw = within_deadline(lambda: open_regular(path), timeout)
    except TimeoutError:
        raise ReadTimedOut(errno.ETIMEDOUT, _not_delivered(timeout)) from None
    with raw, DeadlineReader(raw, timeout) as stream:
        yield stream


def _page_document(
    page: Page, form: str, source: SourceFile, settings: Settings
) -> Pending | Reject:
    def reject(reason: str, detail: str, n_bytes: int) -> Reject:
        return Reject(page.path, reason, detail, n_bytes, source.path_bytes, source.path)

    def placed(document: Document) -> Document:
        document = replace(
            document, format=form, source_file=source.path, path_bytes=source.path_bytes
        )
        return with_layout(with_record(document, page.record), settings.path_pattern, source.path)

    built = _prepare_or_reject(page.path, page.raw, settings, reject, page.html, page.charset)
    return built.then(placed) if isinstance(built, Pending) else built


def _content(source: SourceFile, sha256: str) -> FileContent:
    return FileContent(source.path, sha256, sha256 == source.known_sha256)


def _stream_sha256(path: str, timeout: float | None) -> str:
    with _open_stream(path, timeout) as stream:
        hashing = HashingReader(stream)
        while hashing.read(1 << 20):
            pass
    return hashing.digest.hexdigest()


def process_file(source: SourceFile, settings: Settings) -> Document | Reject:
    """Never raises for bad input: what cannot become a document comes back as a Reject."""
    raw = _read_source(source, settings)
    if isinstance(raw, Reject):
        return raw
    built = _built(source, raw, settings)
    return settle([built])[0] if isinstance(built, Pending) else built


def _read_source(source: SourceFile, settings: Settings) -> bytes | Reject:
    """The bytes of a single-page file, or why they could not be had."""
    if source.n_bytes > settings.max_file_bytes:
        return _too_large(source, source.n_bytes, settings)
    try:
        raw = read_regular_file(
            source.absolute, settings.max_file_bytes, settings.read_timeout_seconds
        )
    except OSError as error:
        return _read_failure(source, error)
    if len(raw) > settings.max_file_bytes:  # it grew after it was listed
        return _too_large(source, len(raw), settings)
    return raw


def _gunzipped(source: SourceFile, raw: bytes, settings: Settings) -> bytes | Reject:
    """A single page saved gzip-compressed ("page.html.gz"), decompressed within the size limit."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            page = stream.read(settings.max_file_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        detail = (
            f"The gzip-compressed page could not be decompressed ({type(error).__name__}: {error})."
        )
        return source.reject("damaged_archive", detail[:1000], len(raw))
    if len(page) > settings.max_file_bytes:
        detail = (
            f"Decompressed, the page is over the limit of {settings.max_file_bytes:,} bytes; "
            "raise max_file_bytes to accept it."
        )
        return source.reject("too_large", detail, len(raw))
    return page


def _built(
    source: SourceFile,
    raw: bytes,
    settings: Settings,
    html: bool | None = None,
    charset: str | None = None,
) -> Pending | Reject:
    built = _prepare_or_reject(source.path, raw, settings, source.reject, html, charset)
    if isinstance(built, Reject):
        return built
    return built.then(lambda d: replace(d, path_bytes=source.path_bytes))


def _read_failure(source: SourceFile, error: OSError) -> Reject:
    if isinstance(error, FileNotFoundError):
        return source.reject("vanished", "The file disappeared before it could be read.")
    if isinstance(error, NotRegularFile):
        return source.reject("not_a_file", str(error), source.n_bytes)
    if isinstance(error, ReadTimedOut):
        return source.reject("read_timeout", str(error), source.n_bytes)
    if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link where the listing saw a file
        detail = "The file became a symbolic link after the folder was listed: not followed."
        return source.reject("not_a_file", detail, source.n_bytes)
    detail = f"The file could not be read: {error.strerror or error}."
    return source.reject("unreadable", detail, source.n_bytes)


def _prepare_or_reject(
    path: str,
    raw: bytes,
    settings: Settings,
    reject: Callable[[str, str, int], Reject],
    html: bool | None = None,
    charset: str | None = None,
) -> Pending | Reject:
    prepared = _guarded(
        lambda: prepare_document(path, raw, settings, html, charset), reject, len(raw)
    )
    return prepared if isinstance(prepared, Reject) else Pending(prepared, reject)


def _guarded(
    work: Callable[[], Result], reject: Callable[[str, str, int], Reject], n_bytes: int
) -> Result | Reject:
    """`work()` on a page, or the page's Reject when it cannot become a document."""
    try:
        return work()
    except RejectedInput as rejected:
        return reject(rejected.reason, rejected.detail, n_bytes)
    except Exception as error:  # a bug met on one page must not cost the other 99,999 their run
        detail = (
            f"The pipeline failed on this input ({type(error).__name__}: {error}); "
            "it is kept here so that it can be reported and rerun."
        )
        return reject("internal_error", detail[:1000], n_bytes)


class NotRegularFile(OSError):
    """The path is no longer a regular file (a pipe, socket or device swapped in after listing)."""


def read_regular_file(path: str, limit: int, timeout: float | None = None) -> bytes:
    """The bytes of `path`, at most `limit` + 1 of them (one more tells a file over the limit).

    Reading never blocks and never follows a link: the file is opened without waiting for a
    writer (O_NONBLOCK: a FIFO would block an ordinary open forever) and without following a
    symbolic link (O_NOFOLLOW), then checked to be a regular file on the open descriptor, so a
    file swapped for a FIFO, a device or a link after the folder was listed is refused.

    O_NONBLOCK does not help with a regular file on a hung network mount: the open and the reads
    wait in the kernel. With `timeout`, a file that has not delivered its bytes within that many
    seconds raises ReadTimedOut (see within_deadline)."""
    if timeout is None or timeout == math.inf:
        return _read_bytes(path, limit)
    try:
        return within_deadline(lambda: _read_bytes(path, limit), timeout)
    except TimeoutError:
        raise ReadTimedOut(errno.ETIMEDOUT, _not_delivered(timeout)) from None


def _not_delivered(timeout: float) -> str:
    return (
        f"The file did not deliver its bytes within {timeout:g} s (a hung or very slow "
        "mount?): not read. Run again once the mount answers, or raise --read-timeout."
    )


def within_deadline(work: Callable[[], Result], seconds: float) -> Result:
    """`work()`'s result or exception, or TimeoutError once `seconds` have passed without one.

    The work runs in a reader thread, a daemon that nobody waits for: a system call stuck in a
    hung mount cannot be interrupted, so on time-out it is left behind and the run goes on. Each
    calling thread keeps its reader for the next call (starting a thread per file cost ten times
    the read itself) and gets a new one after a time-out."""
    reader = getattr(_readers, "reader", None) or _Reader()
    _readers.reader = None  # given up on while busy (a time-out, Ctrl-C): never reused
    done, result = reader.run(work, seconds)
    _readers.reader = reader
    if not done:
        raise cast(BaseException, result)
    return cast(Result, result)


class _Reader:
    """A daemon thread that runs the work handed to it, one at a time, and hands back each
    result or exception. It ends once this object is dropped and its work is done."""

    def __init__(self) -> None:
        self._work: queue.SimpleQueue[Callable[[], object] | None] = queue.SimpleQueue()
        self._results: queue.SimpleQueue[tuple[bool, object]] = queue.SimpleQueue()
        threading.Thread(
            target=_serve,
            args=(self._work, self._results),
            name="read-within-deadline",
            daemon=True,
        ).start()
        weakref.finalize(self, self._work.put, None)

    def run(self, work: Callable[[], object], seconds: float) -> tuple[bool, object]:
        """(True, the result) or (False, the exception) of `work()`; TimeoutError after
        `seconds`."""
        self._work.put(work)
        try:
            return self._results.get(timeout=max(seconds, 0))
        except queue.Empty:
            raise TimeoutError(f"no result within {seconds:g} s") from None


def _serve(
    work_queue: queue.SimpleQueue[Callable[[], object] | None],
    results: queue.SimpleQueue[tuple[bool, object]],
) -> None:
    while (work := work_queue.get()) is not None:
        try:
            results.put((True, work()))
        except BaseException as error:  # handed to the caller, raised there
            results.put((False, error))


_readers = threading.local()
# A forked child has its parent's thread-local values but not its threads.
os.register_at_fork(after_in_child=lambda: setattr(_readers, "reader", None))


def _read_bytes(path: str, limit: int) -> bytes:
    with open_regular_file(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        parts: list[bytes] = []
        total = 0
        want = min(size, limit) + 1
        while total <= limit:  # a file may grow while it is read: never past the limit
            chunk = handle.read(max(want - total, 1 << 20) if total < want else 1 << 20)
            if not chunk:
                break
            chunk = chunk[: limit + 1 - total]
            parts.append(chunk)
            total += len(chunk)
        return b"".join(parts)


@contextmanager
def open_regular_file(path: str) -> Iterator[io.FileIO]:
    """`path` opened unbuffered for reading, without waiting and without following a link, and
    checked to be a regular file on the open descriptor (see read_regular_file)."""
    with open_regular(path) as handle:
        yield handle


def open_regular(path: str) -> io.FileIO:
    """What open_regular_file opens; the caller closes it."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
    handle = open(os.open(path, flags), "rb", buffering=0)  # noqa: SIM115 (the caller closes it)
    try:
        mode = os.fstat(handle.fileno()).st_mode
        if not S_ISREG(mode):
            raise NotRegularFile(
                f"The file became a special file ({_file_type(mode)}) after the folder was "
                "listed: not read."
            )
    except BaseException:
        handle.close()
        raise
    return handle


def _file_type(mode: int) -> str:
    if S_ISFIFO(mode):
        return "a pipe"
    if S_ISSOCK(mode):
        return "a socket"
    if S_ISCHR(mode) or S_ISBLK(mode):
        return "a device"
    if S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def build_document(
    path: str, raw: bytes, settings: Settings, html: bool | None = None, charset: str | None = None
) -> Document:
    """`raw` as a document; HTML when `html` says so (None: when `path` is named like HTML or
    `raw` opens like HTML).
    `charset`: the one its delivery declared (stages/decode.py weighs it)."""
    prepared = prepare_document(path, raw, settings, html, charset)
    segmented = prepared.segmented(detect_language(prepared.text))
    return prepared.document(segmented, article_signature(segmented.article))


def prepare_document(
    path: str, raw: bytes, settings: Settings, html: bool | None = None, charset: str | None = None
) -> Prepared:
    """What build_document does before it asks for the language."""
    if html is None:
        html = looks_like_html(path, raw)
    decoded = decode_bytes(
        raw, settings.legacy_encodings, html, charset, settings.multibyte_encodings
    )
    # HTML: its visible text, one block element per line, is what gets normalized and traced.
    input_format = "html" if html else "text"
    evidence: list[LineEvidence | None] | None = None
    declared = Declared()
    decoded_text = decoded.text
    if input_format == "html":
        page = parse_html(decoded.text)
        decoded_text, evidence, declared = page.text, page.evidence, page.declared
    normalized = normalize_text(decoded_text)
    text = normalized.text
    lines = text.split("\n")
    longest = max(len(line) for line in lines)
    if longest > settings.max_line_chars:
        raise RejectedInput(
            "line_too_long",
            f"A line of {longest:,} characters (limit {settings.max_line_chars:,}): "
            "not page text; raise max_line_chars to accept it.",
        )
    if len(lines) > settings.max_lines:
        raise RejectedInput(
            "too_many_lines",
            f"{len(lines):,} lines (limit {settings.max_lines:,}): a list or a log rather than a "
            "page, and labelling each line costs memory; raise max_lines to accept it.",
        )
    return Prepared(
        path=path,
        doc_id=hashlib.sha256(raw).hexdigest(),
        n_bytes=len(raw),
        text=text,
        n_lines=len(lines),
        input_format=input_format,
        encoding=decoded.encoding,
        fixes=decoded.fixes + normalized.fixes,
        evidence=evidence,
        declared=declared,
    )


def comment_markup(
    blocks: list[Block], evidence: list[LineEvidence | None] | None
) -> dict[int, LineEvidence] | None:
    """What an HTML page's markup says about each comment line (line number → evidence): the
    comment's nesting, its author element and its <time datetime>."""
    if evidence is None:
        return None
    return {
        b.line_start: proof
        for b in blocks
        if b.role == "comment"
        and b.line_start <= len(evidence)
        and (proof := evidence[b.line_start - 1]) is not None
        and proof.comment_item is not None
    }


def _too_large(source: SourceFile, n_bytes: int, settings: Settings) -> Reject:
    detail = (
        f"{n_bytes:,} bytes is over the limit of {settings.max_file_bytes:,}; "
        "raise max_file_bytes to accept it."
    )
    return source.reject("too_large", detail, n_bytes)
