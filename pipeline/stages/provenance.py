"""Where each metadata value comes from, and which one wins (`documents.metadata_sources`).

From the strongest to the weakest: `record` (the dump's line or the archive's record says it:
the scraper's own note), `declared` (the HTML page's JSON-LD, OpenGraph, <meta> or canonical
link), `page` (read off the page's lines), `path` (the folder layout, --path-pattern) and
`url-host` (the site's host name, for the outlet only). A weaker source only fills a value the
stronger ones left empty.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pipeline.stages.html import Declared
from pipeline.stages.path_pattern import PathValues, path_values
from pipeline.stages.readers import RecordFields

if TYPE_CHECKING:  # process.py builds documents with these functions
    from pipeline.stages.process import Document

# The fields whose source is recorded.
TRACED = ("title", "authors", "published", "outlet", "language", "url")


def page_sources(document: Document, declared: Declared) -> Document:
    """The sources of what build_document found: the page's markup, or its lines."""
    from_markup = {
        "title": bool(
            declared.title
            and document.title
            and document.title.casefold() in declared.title.casefold()
        ),
        "authors": bool(declared.authors) and document.authors == declared.authors,
        "published": bool(declared.published)
        and str(document.published) == (declared.published or "")[:10],
        "outlet": bool(declared.outlet) and document.outlet == declared.outlet,
        "language": bool(declared.language) and document.language == declared.language,
        "url": bool(declared.url),
    }
    return _traced(document, {f: "declared" if from_markup[f] else "page" for f in TRACED})


def with_record(document: Document, record: RecordFields) -> Document:
    """What the archive's record or the dump's line says wins over the page."""
    merged = replace(
        document,
        url=record.url or document.url,
        title=record.title or document.title,
        published=record.published or document.published,
        fetched_at=record.fetched_at,
        record_id=record.record_id,
    )
    sources = dict(document.metadata_sources)
    sources.update((f, "record") for f in ("url", "title", "published") if getattr(record, f))
    return _traced(merged, sources)


def with_layout(document: Document, pattern: str | None, file_path: str) -> Document:
    """The folder layout, then the URL's host, fill what the page left empty."""
    layout = (path_values(pattern, file_path) if pattern else None) or PathValues()
    host = url_host(document.url) if document.url and not document.outlet else None
    outlet = document.outlet or layout.outlet or host
    published = document.published or layout.published
    language = document.language or layout.language
    if (outlet, published, language) == (document.outlet, document.published, document.language):
        return document
    filled = replace(document, outlet=outlet, published=published, language=language)
    sources = dict(document.metadata_sources)
    for field in ("outlet", "published", "language"):
        if getattr(document, field) is None and getattr(layout, field) is not None:
            sources[field] = "path"
    if document.outlet is None and layout.outlet is None and host:
        sources["outlet"] = "url-host"
    return _traced(filled, sources)


def url_host(url: str) -> str | None:
    """The site's name in a URL: its host, lower case, without "www."."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # a malformed address ("http://[::1")
        return None
    return host.removeprefix("www.") if host else None


def _traced(document: Document, sources: dict[str, str]) -> Document:
    """Keep the source of every value the document has, and only of those."""
    kept = tuple(
        (field, sources[field])
        for field in TRACED
        if field in sources and getattr(document, field) not in (None, ())
    )
    return replace(document, metadata_sources=kept)
