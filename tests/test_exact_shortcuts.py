"""Shortcuts of the worker's stages outside segmentation give the long way's answers."""

from __future__ import annotations

import hashlib
import random

from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages.decode import _mostly_utf8, stray_controls
from pipeline.warehouse.write import DIGITS_RE, line_hash

PIECES = [
    *(chr(code) for code in range(0x20)),
    *"aZ5 \n\t\u00a0é€“’ŠÃ©",
    "Мария",
    "日本",
    "\U0001f600",
]


def _mixes(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(PIECES, k=rng.randint(0, 40))) for _ in range(count)]


@given(st.text())
def test_stray_controls_of_the_bytes_decoded_equal_those_of_the_text(text: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:  # lone surrogates: strict UTF-8 refuses them, no bytes passed
        return
    assert stray_controls(decoded, raw) == stray_controls(decoded)


def test_mostly_utf8_counts_the_characters_beyond_ascii_as_the_loop_did() -> None:
    rng = random.Random(7)
    for text in _mixes(3000, 11):
        raw = bytearray(text.encode("utf-8"))
        for _ in range(rng.randint(0, 4)):  # break a few bytes
            if raw:
                raw[rng.randrange(len(raw))] = rng.choice((0x80, 0xC3, 0xFF, 0xE2))
        decoded = bytes(raw).decode("utf-8", errors="replace")
        invalid = decoded.count("\ufffd")
        valid = sum(1 for char in decoded if ord(char) > 127) - invalid
        expected = valid >= 4 * invalid
        assert (_mostly_utf8(bytes(raw)) is not None) == expected


def _line_hash_the_long_way(text: str) -> int | None:
    if len(text) > 200:
        return None
    key = " ".join(DIGITS_RE.sub("0", text.casefold()).split())
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def test_line_hash_of_every_character_between_and_around_words() -> None:
    for code in range(0x30000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        for text in (f"a{char}b", f"{char} x1", f"x {char}", f" {char}{char} 12 "):
            assert line_hash(text) == _line_hash_the_long_way(text), repr(text)


def test_line_hash_of_mixes() -> None:
    for text in _mixes(5000, 3):
        assert line_hash(text) == _line_hash_the_long_way(text), repr(text)
