"""Researchers' inputs: web archives, JSON Lines dumps, choosing files, metadata from the folder
layout. Archives are written with warcio's own writer, dumps by hand; runs are real flow runs
into a real DuckDB file."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import shlex
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.orchestration.flow import build_corpus
from pipeline.settings import Settings
from pipeline.stages.discover import NotIncluded, Selection, SourceFile, discover_files
from pipeline.stages.path_pattern import BadPathPattern, compile_path_pattern, path_values
from pipeline.stages.process import Document, build_document, process_source
from pipeline.stages.provenance import url_host
from pipeline.stages.readers import Page, Skipped, container_format
from pipeline.stages.readers.deadline import DeadlineReader, PromptReader
from pipeline.stages.readers.jsonl import read_jsonl
from pipeline.stages.readers.warc import read_warc
from pipeline.stages.reject import Reject

from .conftest import PROJECT_ROOT, SEEDS, run_cli

ARTICLE = (
    "<html><head><title>{title} | The Daily Example</title>"
    '<meta property="og:site_name" content="The Daily Example">'
    '<link rel="canonical" href="{url}"></head><body><nav><a href="/">Home</a></nav>'
    "<h1>{title}</h1><p>By Anna Petrova</p>"
    + "<p>The ministers met in Geneva on Tuesday to discuss the treaty, and both sides said the "
    "talks had been frank and useful, though no agreement was reached on the main points.</p>"
    * 4
    + "</body></html>"
)


def _article(title: str, url: str = "https://www.daily.example/x") -> bytes:
    return ARTICLE.format(title=title, url=url).encode()


def build_warc(pages: list[tuple[str, bytes]], gzipped: bool = True) -> bytes:
    """An archive as a crawler writes one: a warcinfo, then per page a request and an HTML
    response; and one image response."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
    for url, body in pages:
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        )
        writer.write_record(request)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://www.daily.example/logo.png",
            "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64)),
            http_headers=image,
        )
    )
    return out.getvalue()


PAGES = [
    (f"https://www.daily.example/2019/05/story-{i}", _article(f"Talks in Geneva, day {i + 1}"))
    for i in range(3)
]


def _items(items: object) -> list[Page | Reject | Skipped]:
    return list(items)  # type: ignore[call-overload]


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_warc_gives_one_page_per_html_response_and_counts_the_rest(gzipped: bool) -> None:
    items = _items(read_warc("crawl.warc.gz", io.BytesIO(build_warc(PAGES, gzipped)), 10**6))
    pages = [item for item in items if isinstance(item, Page)]
    assert [page.record.url for page in pages] == [url for url, _ in PAGES]
    assert all(
        page.html and page.path == f"crawl.warc.gz#{page.record.record_id}" for page in pages
    )
    assert all(page.record.record_id.startswith("urn:uuid:") for page in pages)  # type: ignore[union-attr]
    assert all(page.record.fetched_at is not None for page in pages)
    assert [page.raw for page in pages] == [body for _, body in PAGES]
    skipped = sorted(item.what for item in items if isinstance(item, Skipped))
    assert skipped == ["non-HTML response", *["request record"] * 3, "warcinfo record"]
    assert not [item for item in items if isinstance(item, Reject)]


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_truncated_warc_keeps_the_records_before_the_damage(gzipped: bool) -> None:
    whole = build_warc(PAGES, gzipped)
    items = _items(read_warc("cut.warc", io.BytesIO(whole[: len(whole) // 2]), 10**6))
    pages = [item for item in items if isinstance(item, Page)]
    rejects = [item for item in items if isinstance(item, Reject)]
    assert 1 <= len(pages) < len(PAGES)
    assert [page.raw for page in pages] == [body for _, body in PAGES[: len(pages)]]
    assert len(rejects) == 1 and items[-1] is rejects[0]
    assert rejects[0].reason == "damaged_archive" and rejects[0].source_file == "cut.warc"
    assert rejects[0].path.startswith("cut.warc#@") and "damaged at byte" in rejects[0].detail


def test_a_file_that_is_no_archive_or_holds_no_page_is_one_reject() -> None:
    (not_warc,) = _items(read_warc("notes.warc", io.BytesIO(b"just some notes\n"), 10**6))
    assert isinstance(not_warc, Reject) and not_warc.path == "notes.warc"
    assert not_warc.reason == "damaged_archive" and not_warc.source_file is None
    *skipped, empty = _items(read_warc("images.warc.gz", io.BytesIO(build_warc([])), 10**6))
    assert isinstance(empty, Reject) and (empty.path, empty.reason) == (
        "images.warc.gz",
        "no_pages",
    )
    assert "1 non-HTML response, 1 warcinfo record" in empty.detail
    assert len(skipped) == 2


@contextmanager
def _stalling_pipe(sent: bytes) -> Iterator[PromptReader]:
    """A pipe that delivers `sent`, then nothing, without ending (its writer stays open), read
    through the read deadline of 0.5 s as an archive on a hung mount is."""
    read_end, write_end = os.pipe()
    os.write(write_end, sent)  # within the pipe's 64 KiB buffer: no writer thread needed
    raw = os.fdopen(read_end, "rb", buffering=0)
    try:
        with DeadlineReader(raw, 0.5) as stream:
            yield PromptReader(stream, 1 << 16)
    finally:
        raw.close()
        os.close(write_end)


def test_an_archive_that_stops_delivering_keeps_the_records_before() -> None:
    delivered = build_warc(PAGES[:2])
    started = time.monotonic()
    with _stalling_pipe(delivered) as handle:
        items = _items(read_warc("crawl.warc.gz", handle, 10**6))
    assert time.monotonic() - started < 5
    pages = [item for item in items if isinstance(item, Page)]
    assert [page.raw for page in pages] == [body for _, body in PAGES[:2]]
    stalled = items[-1]
    assert isinstance(stalled, Reject) and stalled.reason == "read_timeout"
    # Named by the end of the last record the reader finished (the image response after the
    # pages is told skipped only once the next header is read).
    stopped = int(stalled.path.removeprefix("crawl.warc.gz#@"))
    assert 0 < stopped <= len(delivered) and stalled.source_file == "crawl.warc.gz"
    assert f"the records before byte {stopped:,} were read" in stalled.detail
    assert f"no bytes came for 0.5 s after the first {len(delivered):,}" in stalled.detail
    assert "--read-timeout" in stalled.detail


def test_a_dump_that_stops_delivering_keeps_the_lines_before() -> None:
    lines = _jsonl(*({"text": f"Page {i}\n\nA line of text number {i}."} for i in range(3)))
    with _stalling_pipe(lines + b"\n" + b'{"text": "cut') as handle:
        items = _items(read_jsonl("dump.jsonl", handle, 10**6))
    assert [item.path for item in items if isinstance(item, Page)] == [
        "dump.jsonl#L1",
        "dump.jsonl#L2",
        "dump.jsonl#L3",
    ]
    stalled = items[-1]
    assert isinstance(stalled, Reject) and (stalled.path, stalled.reason) == (
        "dump.jsonl#L4",
        "read_timeout",
    )
    assert "lines 1 to 3 were read" in stalled.detail
    with _stalling_pipe(b"") as handle:
        (nothing,) = _items(read_jsonl("dump.jsonl.gz", handle, 10**6))
    assert isinstance(nothing, Reject) and (nothing.path, nothing.source_file) == (
        "dump.jsonl.gz",
        None,
    )
    assert nothing.reason == "read_timeout" and "delivered no record" in nothing.detail


def _jsonl(*lines: object) -> bytes:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines).encode()


DUMP = _jsonl(
    {
        "url": "https://news.example/a",
        "html": _article("Declared headline wins").decode(),
        "title": "The scraper's title",
        "published": "2019-05-21T23:30:00+02:00",
        "fetched_at": "2019-05-22T08:00:00Z",
        "id": 17,
    },
    '{"text": "unclosed',
    "",
    ["a", "list"],
    {"url": "https://news.example/b"},
    {"text": 42},
    {"text": "A plain headline\n\nSome text of the page, long enough to be an article body."},
)


def test_a_jsonl_dump_gives_one_page_per_line_and_names_bad_lines() -> None:
    items = _items(read_jsonl("dump.jsonl", io.BytesIO(DUMP), 10**6))
    pages = [item for item in items if isinstance(item, Page)]
    assert [page.path for page in pages] == ["dump.jsonl#L1", "dump.jsonl#L7"]
    first = pages[0].record
    assert (first.url, first.title, first.record_id) == (
        "https://news.example/a",
        "The scraper's title",
        "17",
    )
    assert (
        str(first.published) == "2019-05-21"
        and str(first.fetched_at) == "2019-05-22 08:00:00+00:00"
    )
    assert pages[0].html and not pages[1].html
    rejects = {item.path: item for item in items if isinstance(item, Reject)}
    assert sorted(rejects) == ["dump.jsonl#L2", "dump.jsonl#L4", "dump.jsonl#L5", "dump.jsonl#L6"]
    assert all(r.reason == "bad_line" and r.source_file == "dump.jsonl" for r in rejects.values())
    assert rejects["dump.jsonl#L2"].detail.startswith("Line 2 is not valid JSON")
    assert rejects["dump.jsonl#L4"].detail == "Line 4 is a JSON list, not an object."
    assert "neither 'html' nor 'text'" in rejects["dump.jsonl#L5"].detail
    assert rejects["dump.jsonl#L6"].detail == "Line 6 has a int as 'text', not a string."
    assert [item.what for item in items if isinstance(item, Skipped)] == ["blank line"]


def test_a_truncated_gzipped_dump_keeps_the_lines_before_the_damage() -> None:
    lines = _jsonl(*({"text": f"Page {i}\n\nA line of text number {i}."} for i in range(200)))
    packed = gzip.compress(lines)
    items = _items(read_jsonl("dump.jsonl.gz", io.BytesIO(packed[: len(packed) // 2]), 10**6))
    assert isinstance(items[-1], Reject) and items[-1].reason == "damaged_archive"
    pages = [item for item in items if isinstance(item, Page)]
    assert pages and pages[-1].path == f"dump.jsonl.gz#L{len(pages)}"
    assert items[-1].path in (
        f"dump.jsonl.gz#L{len(pages) + 1}",
        f"dump.jsonl.gz#L{len(pages) + 2}",
    )


def test_a_line_over_the_size_limit_is_a_reject_and_the_next_line_is_read() -> None:
    dump = _jsonl({"text": "x" * 5000}, {"text": "Short page\n\nWith a line."})
    items = _items(read_jsonl("dump.jsonl", io.BytesIO(dump), 1000))
    assert isinstance(items[0], Reject) and items[0].reason == "too_large"
    assert items[0].path == "dump.jsonl#L1"
    assert items[0].n_bytes == len(json.dumps({"text": "x" * 5000})) + 1  # with its newline
    assert isinstance(items[1], Page) and items[1].path == "dump.jsonl#L2"


@pytest.mark.parametrize(
    ("name", "content", "detail"),
    [
        ("empty.jsonl", b"", "(it is empty)"),
        ("blank.jsonl", b"\n  \n", "(2 blank lines)"),
        ("empty.jsonl.gz", gzip.compress(b""), "(it is empty)"),
        ("empty.jsonl.gz", b"", "(it is empty)"),
    ],
)
def test_a_dump_with_no_line_is_one_reject_for_the_file(
    name: str, content: bytes, detail: str
) -> None:
    items = _items(read_jsonl(name, io.BytesIO(content), 10**6))
    rejects = [item for item in items if isinstance(item, Reject)]
    assert [(r.path, r.reason) for r in rejects] == [(name, "no_pages")]
    assert rejects[0].detail.endswith(detail + ".")


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "a PNG image"),
        (
            ("\ufeff" + '{"text": "Seite eins"}\n{"text": "Seite zwei"}\n').encode("utf-16-le"),
            "UTF-16 or UTF-32 text",
        ),
        ('{"text": "Page one"}\n'.encode("utf-16-be"), "UTF-16 or UTF-32 text"),
    ],
)
def test_a_file_that_is_no_json_lines_is_one_reject_not_one_per_line(
    content: bytes, what: str
) -> None:
    items = _items(read_jsonl("dump.jsonl", io.BytesIO(content), 10**6))
    assert len(items) == 1 and isinstance(items[0], Reject)
    assert (items[0].path, items[0].reason) == ("dump.jsonl", "binary")
    assert items[0].detail.startswith(f"The file is {what}")


def test_a_placeholder_published_date_in_a_dump_is_left_out() -> None:
    dump = _jsonl(
        {"text": "A page", "published": "0001-01-01T00:00:00Z"},
        {"text": "A page", "published": "9999-12-31"},
        {"text": "A page", "published": "1851-09-18"},
    )
    pages = [
        i for i in _items(read_jsonl("d.jsonl", io.BytesIO(dump), 10**6)) if isinstance(i, Page)
    ]
    assert [str(page.record.published) for page in pages] == ["None", "None", "1851-09-18"]


def test_a_dump_line_with_an_empty_page_is_an_empty_document() -> None:
    dump = _jsonl({"text": "", "url": "https://x.example/a"}, {"html": ""}, {"title": "No page"})
    items = _items(read_jsonl("dump.jsonl", io.BytesIO(dump), 10**6))
    assert [(type(i).__name__, i.path) for i in items] == [
        ("Page", "dump.jsonl#L1"),
        ("Page", "dump.jsonl#L2"),
        ("Reject", "dump.jsonl#L3"),
    ]
    page = items[0]
    assert isinstance(page, Page) and page.raw == b"" and page.record.url == "https://x.example/a"
    document = build_document(page.path, page.raw, Settings())
    assert document.kind == "empty"


def test_a_lone_surrogate_in_a_dump_line_is_no_reason_to_misread_the_page() -> None:
    line = '{"text": "Emoji cut in half \\ud83d by the scraper.\\n\\nThe minister said \u00e9t\u00e9."}'
    items = _items(read_jsonl("dump.jsonl", io.BytesIO(line.encode()), 10**6))
    page = items[0]
    assert isinstance(page, Page)
    document = build_document(page.path, page.raw, Settings(), charset=page.charset)
    assert document.encoding == "utf-8"
    assert "half \ufffd by" in document.text and "été" in document.text


def test_a_warc_gzipped_whole_says_so() -> None:
    # warcio reads the first record of a .warc.gz compressed whole: here a warcinfo, no page,
    # so the file is the reject; had it been a page, the rest would be "crawl.warc.gz#rest".
    whole = gzip.compress(build_warc(PAGES, gzipped=False))
    items = _items(read_warc("crawl.warc.gz", io.BytesIO(whole), 10**6))
    rejects = [item for item in items if isinstance(item, Reject)]
    assert [(r.path, r.reason) for r in rejects] == [("crawl.warc.gz", "damaged_archive")]
    assert "one gzip stream" in rejects[0].detail and "warcio recompress" in rejects[0].detail
    assert not any(isinstance(item, Page) for item in items)
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    for url, body in PAGES:
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    items = _items(read_warc("crawl.warc.gz", io.BytesIO(gzip.compress(out.getvalue())), 10**6))
    assert [type(item).__name__ for item in items] == ["Page", "Reject"]
    assert (items[1].path, items[1].reason) == ("crawl.warc.gz#rest", "damaged_archive")


def test_resource_records_and_untyped_responses_that_open_as_html_are_pages() -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(
        writer.create_warc_record(
            "file:///saved/page.html",
            "resource",
            payload=io.BytesIO(_article("Saved as it was")),
            warc_content_type="text/html",
        )
    )
    untyped = StatusAndHeaders("200 OK", [("Server", "x")], protocol="HTTP/1.1")
    for url, body in (
        ("https://a.example/1", b"<!DOCTYPE html>" + _article("No type said")),
        ("https://a.example/2", b"\x00\x01 binary, no type said"),
    ):
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=untyped
            )
        )
    items = _items(read_warc("crawl.warc.gz", io.BytesIO(out.getvalue()), 10**6))
    pages = [item for item in items if isinstance(item, Page)]
    assert [(page.record.url, page.html) for page in pages] == [
        ("file:///saved/page.html", True),
        ("https://a.example/1", True),
    ]
    assert [item.what for item in items if isinstance(item, Skipped)] == ["non-HTML response"]


def test_a_common_crawl_wet_file_gives_its_conversion_records_as_text_pages() -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.wet.gz", {"software": "cc"}))
    text = "Talks resume in Geneva\nThe ministers met on Tuesday and agreed to meet again."
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/a",
            "conversion",
            payload=io.BytesIO(text.encode()),
            warc_content_type="text/plain",
        )
    )
    assert container_format("crawl.warc.wet.gz") == "warc"
    items = _items(read_warc("crawl.warc.wet.gz", io.BytesIO(out.getvalue()), 10**6))
    pages = [item for item in items if isinstance(item, Page)]
    assert len(pages) == 1 and not pages[0].html and pages[0].raw == text.encode()
    assert pages[0].record.url == "https://news.example/a"


def test_a_dump_named_gz_that_is_not_gzip_says_so() -> None:
    items = _items(read_jsonl("dump.jsonl.gz", io.BytesIO(b'{"text": "A page"}\n'), 10**6))
    assert len(items) == 1 and isinstance(items[0], Reject)
    assert (items[0].path, items[0].reason) == ("dump.jsonl.gz", "damaged_archive")
    assert "not gzip-compressed" in items[0].detail


def test_path_patterns_read_outlet_date_and_language() -> None:
    pattern = "{outlet}/{year}/{month}/*"
    values = path_values(pattern, "lemonde/2019/05/page.html")
    assert values is not None
    assert (values.outlet, str(values.published), values.language) == (
        "lemonde",
        "2019-05-01",
        None,
    )
    deeper = path_values(pattern, "lemonde/2019/05/extra/page.html")
    assert deeper is not None and deeper.outlet == "lemonde"
    assert path_values(pattern, "page.html") is None
    assert path_values(pattern, "lemonde/2019/13/page.html").published is None  # type: ignore[union-attr]
    dated = path_values("{language}/{outlet}-{date}.txt", "it/repubblica-20190521.txt")
    assert dated is not None
    assert (dated.outlet, str(dated.published), dated.language) == (
        "repubblica",
        "2019-05-21",
        "it",
    )
    with pytest.raises(BadPathPattern):
        compile_path_pattern("{site}/*")


def test_the_url_host_names_the_site() -> None:
    assert url_host("https://www.LeMonde.fr/article") == "lemonde.fr"
    assert url_host("not a url") is None and url_host("http://[::1") is None


def test_sidecars_and_other_files_are_not_included_unless_asked(tmp_path: Path) -> None:
    for name in (
        "a.txt",
        "b.HTML",
        "index.tsv",
        "page.meta.json",
        "c.warc.gz",
        "d.jsonl",
        "sub/e.txt",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = list(discover_files(tmp_path))
    assert sorted(i.path for i in found if isinstance(i, SourceFile)) == [
        "a.txt",
        "b.HTML",
        "c.warc.gz",
        "d.jsonl",
        "sub/e.txt",
    ]
    assert sorted(i.path for i in found if isinstance(i, NotIncluded)) == [
        "index.tsv",
        "page.meta.json",
    ]
    chosen = Selection(include=("*.txt", "*.tsv"), exclude=("sub/*",))
    picked = [i.path for i in discover_files(tmp_path, chosen) if isinstance(i, SourceFile)]
    assert picked == ["a.txt", "index.tsv"]


def test_what_the_record_and_the_page_say_win_over_the_layout_and_the_host(tmp_path: Path) -> None:
    folder = tmp_path / "daily" / "2018" / "01"
    folder.mkdir(parents=True)
    (folder / "dump.jsonl").write_bytes(DUMP)
    source = SourceFile("daily/2018/01/dump.jsonl", str(folder / "dump.jsonl"), len(DUMP), 0)
    settings = Settings(path_pattern="{outlet}/{year}/{month}/*")
    documents = [d for d in process_source(source, settings) if isinstance(d, Document)]
    declared, plain = documents
    sources = dict(declared.metadata_sources)
    assert (declared.title, str(declared.published)) == ("The scraper's title", "2019-05-21")
    assert (sources["title"], sources["published"], sources["url"]) == (
        "record",
        "record",
        "record",
    )
    assert declared.outlet == "The Daily Example" and sources["outlet"] == "declared"
    assert declared.format == "jsonl" and declared.source_file == "daily/2018/01/dump.jsonl"
    assert (plain.outlet, str(plain.published), plain.url) == ("daily", "2018-01-01", None)
    assert (
        dict(plain.metadata_sources)["outlet"]
        == dict(plain.metadata_sources)["published"]
        == "path"
    )


def _response_records(pages: list[tuple[str, bytes, str]], gzipped: bool = True) -> bytes:
    """An archive of responses, each with its own Content-Type (url, body, content type)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for url, body, content_type in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return out.getvalue()


# Short pages in a legacy code page, with no meta charset: detection alone reads both as
# Windows-1250 ("Perché č cosě", "¨ëęŕ").
ITALIAN = (
    "<html><head><title>Perché è così</title></head><body><h1>Perché è così</h1>"
    "<p>Il parere della redazione: perché è così.</p></body></html>"
)
RUSSIAN = "<html><body><h1>Ёлка</h1><p>By the editors. Ёлка.</p></body></html>"
NAMED = "<html><head>{meta}</head><body><p>Reported from Geneva by Łukasz Żółć.</p></body></html>"


def test_the_http_charset_decodes_a_page_that_declares_none(tmp_path: Path) -> None:
    """The charset a page's server sent decodes a page that declares none; the page's own meta
    charset wins over the server's; bytes that are UTF-8 stay UTF-8 whatever the server says;
    a charset no codec knows is as none."""
    meta = '<meta charset="iso-8859-2">'
    archive = _response_records(
        [
            ("https://a.example/1", ITALIAN.encode("latin-1"), "text/html; charset=ISO-8859-1"),
            ("https://a.example/2", RUSSIAN.encode("cp1251"), 'text/html; charset="windows-1251"'),
            (
                "https://a.example/3",
                NAMED.format(meta=meta).encode("iso8859_2"),
                "text/html; charset=windows-1252",
            ),
            ("https://a.example/4", ITALIAN.encode("utf-8"), "text/html;charset=windows-1251"),
            ("https://a.example/5", ITALIAN.encode("latin-1"), "text/html; charset=no-such-thing"),
        ]
    )
    (tmp_path / "crawl.warc.gz").write_bytes(archive)
    source = SourceFile("crawl.warc.gz", str(tmp_path / "crawl.warc.gz"), len(archive), 0)
    italian, russian, named, utf8, unknown = [
        d for d in process_source(source, Settings()) if isinstance(d, Document)
    ]
    assert "Perché è così" in italian.text and italian.title == "Perché è così"
    assert (italian.encoding, italian.fixes[:1]) == ("cp1252", ("charset-hint:cp1252",))
    assert "By the editors. Ёлка." in russian.text and russian.encoding == "cp1251"
    assert "Łukasz Żółć" in named.text
    assert (named.encoding, named.fixes[:1]) == ("iso8859-2", ("meta-charset:iso8859-2",))
    assert "Perché è così" in utf8.text and (utf8.encoding, utf8.fixes) == ("utf-8", ())
    assert "Perché č cosě" in unknown.text  # as without a hint: detection's guess


def test_a_dump_page_is_text_whatever_charset_its_markup_names() -> None:
    """JSON gave the page as text: its meta charset described bytes the scraper has decoded."""
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "</head><body><h1>Переговоры в Женеве</h1><p>Министры встретились во вторник.</p>"
        "</body></html>"
    )
    items = _items(read_jsonl("dump.jsonl", io.BytesIO(_jsonl({"html": html})), 10**6))
    (page,) = [item for item in items if isinstance(item, Page)]
    assert page.charset == "utf-8"
    document = build_document(page.path, page.raw, Settings(), page.html, page.charset)
    assert "Переговоры в Женеве" in document.text and document.encoding == "utf-8"


pytestmark_flow = pytest.mark.usefixtures("prefect_harness")


def _rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytestmark_flow
def test_archives_dumps_and_layouts_in_a_real_run_and_its_reruns(tmp_path: Path) -> None:
    """Every input (file, record, line) ends in documents or rejects, the contract check passes
    (the flow raises otherwise), and reruns treat an archive like a file."""
    root = tmp_path / "input"
    (root / "lemonde" / "2019" / "05").mkdir(parents=True)
    shutil.copy(SEEDS / "000_bb1c8af43b093329.txt", root / "lemonde" / "2019" / "05" / "a.txt")
    archive = build_warc(PAGES)
    (root / "crawl.warc.gz").write_bytes(archive)
    (root / "cut.warc.gz").write_bytes(archive[: len(archive) // 2])
    (root / "dump.jsonl").write_bytes(DUMP)
    (root / "empty.jsonl").write_bytes(b"")  # no line at all: one reject, not a lost file
    (root / "index.tsv").write_text("url\ttitle\n", encoding="utf-8")
    (root / "a.meta.json").write_text("{}", encoding="utf-8")
    warehouse = tmp_path / "warehouse"
    settings = Settings(path_pattern="{outlet}/{year}/{month}/*")

    report = build_corpus(str(root), str(warehouse), settings)

    database = warehouse / "corpus.duckdb"
    assert report.n_not_included == 2
    assert report.skipped["request record"] >= 3 and report.skipped["blank line"] == 1
    docs = dict(
        (path, rest)
        for path, *rest in _rows(
            database, "SELECT path, format, url, outlet, source_file FROM documents"
        )
    )
    crawl = [path for path in docs if path.startswith("crawl.warc.gz#urn:uuid:")]
    assert len(crawl) == 3
    assert {docs[p][0] for p in crawl} == {"warc"} and {docs[p][2] for p in crawl} == {
        "The Daily Example"
    }
    assert docs["lemonde/2019/05/a.txt"][0:2] == ["text", None]
    assert docs["dump.jsonl#L7"] == ["jsonl", None, None, "dump.jsonl"]
    rejects = _rows(database, "SELECT path, reason FROM rejects ORDER BY path")
    assert [r for r in rejects if r[0].startswith("dump")] == [
        (f"dump.jsonl#L{n}", "bad_line") for n in (2, 4, 5, 6)
    ]
    assert [r[1] for r in rejects if r[0].startswith("cut")] == ["damaged_archive"]
    assert ("empty.jsonl", "no_pages") in rejects
    text = report.to_text()
    assert "2 files not included (1 .json, 1 .tsv; see --include, --exclude)" in text
    assert "records and lines of 3 archives or dumps" in text
    stamp = _rows(
        database, "SELECT fetched_at IS NOT NULL, record_id FROM documents WHERE format = 'warc'"
    )
    assert all(has_time and record for has_time, record in stamp)

    rerun = build_corpus(str(root), str(warehouse), settings)
    assert rerun.n_documents == 0 and rerun.changes is not None and rerun.changes.unchanged == 5

    # One page more in the archive: its documents are replaced by the new reading's; gone: gone.
    (root / "crawl.warc.gz").write_bytes(build_warc([*PAGES[:2], PAGES[2]]) + build_warc(PAGES[:1]))
    (root / "dump.jsonl").unlink()
    changed = build_corpus(str(root), str(warehouse), settings)
    assert changed.changes is not None
    assert (changed.changes.changed, changed.changes.gone) == (1, 1)
    current = _rows(
        database,
        "SELECT count(*) FROM documents WHERE source_file = 'crawl.warc.gz' AND gone_at IS NULL",
    )
    assert current == [(4,)]  # three pages, then the first one again under a new record id
    gone = _rows(database, "SELECT count(*) FROM documents WHERE gone_at IS NOT NULL")
    assert gone == [(2,)]
    assert _rows(database, "SELECT count(*) FROM rejects WHERE source_file = 'dump.jsonl'") == [
        (0,)
    ]


@pytestmark_flow
def test_an_archive_not_delivered_in_time_is_read_again_by_the_next_run(tmp_path: Path) -> None:
    """A deadline of zero: an archive of 16 MB (its pages, then a large image) cannot be read
    before the deadline is looked at, so its rest is rejected (read_timeout); the next run reads
    it again although it did not change, then it is unchanged."""
    root = tmp_path / "input"
    root.mkdir()
    image = [("https://a.example/big.png", bytes(range(256)) * 65_536, "image/png")]
    (root / "crawl.warc").write_bytes(
        build_warc(PAGES, gzipped=False) + _response_records(image, gzipped=False)
    )
    warehouse = tmp_path / "warehouse"
    database = warehouse / "corpus.duckdb"

    build_corpus(str(root), str(warehouse), Settings(read_timeout_seconds=0.0))

    assert {reason for (reason,) in _rows(database, "SELECT reason FROM rejects")} == {
        "read_timeout"
    }
    again = build_corpus(str(root), str(warehouse), Settings())
    assert again.changes is not None and again.changes.changed == 1
    assert _rows(database, "SELECT count(*) FROM rejects") == [(0,)]
    assert _rows(database, "SELECT count(*) FROM documents") == [(len(PAGES),)]
    assert build_corpus(str(root), str(warehouse), Settings()).n_documents == 0  # unchanged


@pytestmark_flow
def test_a_touched_archive_or_dump_is_unchanged_and_not_read_again(tmp_path: Path) -> None:
    """`touch` changes a file's time, not its content: its hash tells, before its pages are
    read, and it counts as unchanged, with its rejects (a dump's bad lines) kept as they were.
    A real change is still one."""
    root = tmp_path / "input"
    root.mkdir()
    shutil.copy(SEEDS / "000_bb1c8af43b093329.txt", root / "a.txt")
    (root / "crawl.warc.gz").write_bytes(build_warc(PAGES))
    (root / "dump.jsonl").write_bytes(DUMP)
    warehouse = tmp_path / "warehouse"
    database = warehouse / "corpus.duckdb"
    every_row = (
        "SELECT * FROM documents UNION ALL BY NAME SELECT * FROM rejects ORDER BY path, reason"
    )
    build_corpus(str(root), str(warehouse), Settings())
    before = _rows(database, every_row)

    for name in ("a.txt", "crawl.warc.gz", "dump.jsonl"):
        os.utime(root / name, ns=(1_700_000_000 * 10**9,) * 2)
    touched = build_corpus(str(root), str(warehouse), Settings())

    assert touched.changes is not None
    assert (touched.changes.changed, touched.changes.unchanged) == (0, 3)
    assert (touched.n_documents, touched.n_rejects) == (0, 0)  # nothing processed
    assert "0 changed, 3 unchanged" in touched.to_text()
    assert _rows(database, every_row) == before
    assert _rows(database, "SELECT DISTINCT mtime_ns FROM files") == [(1_700_000_000 * 10**9,)]

    with (root / "dump.jsonl").open("ab") as dump:
        dump.write(b'\n{"text": "A new page\\n\\nWith a line of its own."}')
    changed = build_corpus(str(root), str(warehouse), Settings())
    assert changed.changes is not None and changed.changes.changed == 1
    assert _rows(database, "SELECT count(*) FROM documents WHERE path = 'dump.jsonl#L8'") == [(1,)]


README_RUN = next(
    block
    for block in re.findall(r"```sh\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(), re.S)
    if "--path-pattern" in block
)


@pytest.mark.slow
def test_the_readme_example_chooses_files_and_reads_the_layout(tmp_path: Path) -> None:
    """The README's command, as a user runs it, on an outlet/year/month folder."""
    scrapes = tmp_path / "scrapes"
    month = scrapes / "daily" / "2019" / "05"
    (scrapes / "drafts").mkdir(parents=True)
    month.mkdir(parents=True)
    # A page that names no outlet (no og:site_name, nothing beside the headline in its <title>):
    # the folder layout names it.
    (month / "a.html").write_bytes(
        _article("Talks in Geneva, day one")
        .replace(b"og:site_name", b"x")
        .replace(b" | The Daily Example</title>", b"</title>")
    )
    (month / "crawl.warc.gz").write_bytes(build_warc(PAGES[1:]))
    (month / "notes.txt").write_text("Not asked for.\n", encoding="utf-8")
    (month / "index.tsv").write_text("url\ttitle\n", encoding="utf-8")
    (scrapes / "drafts" / "b.html").write_bytes(_article("A draft"))
    command = shlex.split(README_RUN.replace("\\\n", " "))
    assert command[:4] == [".venv/bin/python", "-m", "pipeline", "run"]
    args = [str(tmp_path / a[2:]) if a.startswith("~/") else a for a in command[4:]]

    result = run_cli("run", *args)

    assert result.returncode == 0, result.stderr
    left_out = re.search(
        r"; 3 files not included \((.*); see --include, --exclude\)\.", result.stdout
    )
    assert left_out and sorted(left_out[1].split(", ")) == ["1 .html", "1 .tsv", "1 .txt"]
    assert (
        "Reconciled: 1 file + 2 records and lines of 1 archive or dump = 3 documents"
        in result.stdout
    )
    rows = _rows(
        tmp_path / "corpus" / "corpus.duckdb",
        "SELECT format, outlet, metadata_sources['outlet'], published FROM documents ORDER BY path",
    )
    assert [row[:3] for row in rows] == [
        ("html", "daily", "path"),
        ("warc", "The Daily Example", "declared"),
        ("warc", "The Daily Example", "declared"),
    ]
    assert {str(row[3]) for row in rows} == {"2019-05-01"}


def test_serve_keeps_the_file_choice_and_the_layout_in_its_deployment(tmp_path: Path) -> None:
    """`serve` shares the options of `run`: they travel as JSON parameters and come back."""
    from pipeline.orchestration.serve import deployment_parameters

    settings = Settings(
        include=("*.warc.gz",), exclude=("drafts/*",), path_pattern="{outlet}/{date}.html"
    )
    stored = json.loads(json.dumps(deployment_parameters(SEEDS, tmp_path, settings)))
    assert build_corpus.validate_parameters(stored)["settings"] == settings


def test_every_html_ending_the_run_includes_is_read_as_html() -> None:

    for name in ("a.html", "b.HTM", "c.xhtml"):
        document = build_document(name, _article("Talks in Geneva, day one"), Settings())
        assert document.format == "html" and "<p>" not in document.text, name


@pytestmark_flow
def test_a_warehouse_inside_the_input_folder_is_no_input(tmp_path: Path) -> None:
    root = tmp_path / "scrapes"
    root.mkdir()
    shutil.copy(SEEDS / "000_bb1c8af43b093329.txt", root / "a.txt")
    warehouse = root / "out"
    first = build_corpus(str(root), str(warehouse), Settings())
    again = build_corpus(str(root), str(warehouse), Settings())
    assert (first.n_documents, first.n_rejects) == (1, 0)
    assert again.changes is not None
    assert (again.changes.new, again.changes.unchanged, again.changes.rejected) == (0, 1, 0)
    database = warehouse / "corpus.duckdb"
    assert _rows(database, "SELECT path FROM documents") == [("a.txt",)]


@pytestmark_flow
def test_single_pages_saved_gzip_compressed_are_read(tmp_path: Path) -> None:
    root = tmp_path / "input"
    root.mkdir()
    (root / "page.html.gz").write_bytes(gzip.compress(_article("Talks resume in Geneva")))
    seed = (SEEDS / "000_bb1c8af43b093329.txt").read_bytes()
    (root / "notes.txt.gz").write_bytes(gzip.compress(seed))
    (root / "broken.html.gz").write_bytes(b"<html>not compressed at all</html>")
    warehouse = tmp_path / "warehouse"
    build_corpus(str(root), str(warehouse), Settings())
    database = warehouse / "corpus.duckdb"
    assert _rows(database, "SELECT path, format, title FROM documents ORDER BY path") == [
        ("notes.txt.gz", "text", build_document("a.txt", seed, Settings()).title),
        ("page.html.gz", "html", "Talks resume in Geneva"),
    ]
    assert _rows(database, "SELECT path, reason FROM rejects") == [
        ("broken.html.gz", "damaged_archive")
    ]
    again = build_corpus(str(root), str(warehouse), Settings())
    assert again.changes is not None and again.changes.unchanged == 3


MHTML = (
    "From: <Saved by Blink>\r\n"
    "Snapshot-Content-Location: https://news.example/a\r\n"
    "Subject: Talks resume in Geneva\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
    '\tboundary="----MultipartBoundary--abc----"\r\n\r\n\r\n'
    "------MultipartBoundary--abc----\r\n"
    "Content-Type: text/html\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "Content-Location: https://news.example/a\r\n\r\n"
    '<!DOCTYPE html><html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; =\r\n'
    'charset=3DUTF-8"></head><body><h1>Talks resume in Geneva</h1><p>The ministers=E2=80=99 =\r\n'
    "talks resumed on Tuesday after a pause of three weeks, a spokesman said.</p></body></html>\r\n"
    "------MultipartBoundary--abc----\r\n"
    "Content-Type: image/png\r\n"
    "Content-Transfer-Encoding: base64\r\n\r\n"
    "iVBORw0KGgo=\r\n"
    "------MultipartBoundary--abc------\r\n"
)


@pytestmark_flow
def test_a_page_saved_as_mhtml_is_read_from_its_html_part(tmp_path: Path) -> None:
    root = tmp_path / "input"
    root.mkdir()
    (root / "page.mht").write_bytes(MHTML.encode())
    (root / "images.mhtml").write_bytes(MHTML.replace("text/html", "text/css").encode())
    warehouse = tmp_path / "warehouse"
    build_corpus(str(root), str(warehouse), Settings())
    database = warehouse / "corpus.duckdb"
    [(fmt, title, text)] = _rows(database, "SELECT format, title, text FROM documents")
    assert (fmt, title) == ("html", "Talks resume in Geneva")
    assert "The ministers’ talks resumed" in str(text) and "MultipartBoundary" not in str(text)
    assert _rows(database, "SELECT path, reason FROM rejects") == [("images.mhtml", "no_pages")]
