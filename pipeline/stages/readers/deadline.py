"""A read deadline for streams: an archive or dump on a hung mount must not hang the run.

A plain page is read whole within --read-timeout (stages/process.py). An archive can be gigabytes
that take minutes to read, so for a stream the deadline is on progress instead: when no bytes
arrive for that long, reading raises ReadTimedOut, and the reader rejects the rest of the file
while what it read before stays read. A system call stuck in a hung mount cannot be interrupted:
the bytes are read by a thread of their own, a daemon that is left behind on time-out.
"""

from __future__ import annotations

import errno
import hashlib
import io
import queue
import threading
from typing import IO

# Bytes read ahead at a time, and how many such chunks may wait: memory stays bounded (4 MiB)
# whatever the archive's size.
CHUNK_BYTES = 1 << 20
CHUNKS_AHEAD = 4


class ReadTimedOut(OSError):
    """The file did not deliver its bytes in time: a hung or very slow mount."""


class DeadlineReader(io.RawIOBase):
    """The bytes of `raw`, read ahead by a thread; a read that waits more than `seconds` for the
    next bytes raises ReadTimedOut. Wrap it in io.BufferedReader for the readers."""

    def __init__(self, raw: IO[bytes], seconds: float) -> None:
        super().__init__()
        self.raw = raw
        self.seconds = seconds
        self.delivered = 0
        self._chunks: queue.Queue[bytes | BaseException] = queue.Queue(CHUNKS_AHEAD)
        self._pending = memoryview(b"")
        self._ended = False  # the end of the file was met: no more reads wait
        self._timed_out = False
        self._stop = threading.Event()
        threading.Thread(target=self._read_ahead, name="read-ahead", daemon=True).start()

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.raw.fileno()

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if not self._pending:
            if self._ended:
                return 0
            try:
                # Once is enough: no second wait. A deadline of zero (only from Python; the CLI
                # asks for more) lets no byte through, however fast the disk.
                if self._timed_out or self.seconds <= 0:
                    raise queue.Empty
                chunk = self._chunks.get(timeout=self.seconds)
            except queue.Empty:
                self._timed_out = True
                raise ReadTimedOut(
                    errno.ETIMEDOUT,
                    f"no bytes came for {self.seconds:g} s after the first {self.delivered:,}",
                ) from None
            if isinstance(chunk, BaseException):
                raise chunk
            self._ended = not chunk
            self._pending = memoryview(chunk)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        self.delivered += n
        return n

    def close(self) -> None:
        self._stop.set()  # the thread ends at its next chunk, or stays in a stuck read
        super().close()

    def _read_ahead(self) -> None:
        while not self._stop.is_set():
            try:
                item: bytes | BaseException = self.raw.read(CHUNK_BYTES) or b""
            except BaseException as error:  # handed to the reading thread, raised there
                item = error
            while not self._stop.is_set():
                try:
                    self._chunks.put(item, timeout=0.1)
                    break
                except queue.Full:
                    continue
            if not isinstance(item, bytes) or not item:
                return


class PromptReader(io.BufferedReader):
    """A buffered reader whose read(n) returns the bytes at hand (at least one) instead of
    waiting for all n: warcio reads blocks of 16 KiB, and a whole record delivered before a
    stall must reach the reader, not wait in a block that is never filled."""

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return super().read()
        return self.read1(size)


class HashingReader(io.RawIOBase):
    """The bytes of `raw`, hashed (SHA-256) as they pass: a file's hash from the reading that
    its readers do anyway."""

    def __init__(self, raw: io.RawIOBase) -> None:
        super().__init__()
        self.raw = raw
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.raw.fileno()

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self.raw.readinto(buffer) or 0
        self.digest.update(memoryview(buffer)[:n])
        return n
