"""Input paths as text a person can read, without losing the bytes the file system gave."""

from __future__ import annotations

import os


def readable_path(path: str) -> tuple[str, bytes | None]:
    """`path` as valid UTF-8 text, and its raw bytes when they were not UTF-8.

    Python hands undecodable file-name bytes over as lone surrogates, which Arrow and DuckDB
    refuse; old FTP mirrors and Windows zips produce such names (latin-1 "café.txt"). They become
    `\\xNN` escapes in the text, and the raw bytes are kept so the name stays recoverable."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(path)
        return raw.decode("utf-8", "backslashreplace"), raw
    return path, None
