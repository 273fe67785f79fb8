"""Why an input file did not become a document: every stage reports failures the same way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reject:
    """A row of the `rejects` table: a short code for machines, a sentence for people."""

    path: str
    reason: str
    detail: str
    n_bytes: int | None = None
    # The file name's raw bytes, only where they are not UTF-8 (pipeline/paths.py).
    path_bytes: bytes | None = None
    # The input file a record or line of an archive or dump came from; None: `path` itself.
    source_file: str | None = None


class RejectedInput(Exception):
    """Raised by a pure stage when its input cannot become a document."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
