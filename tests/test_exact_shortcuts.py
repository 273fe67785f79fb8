"""Shortcuts of the worker's stages outside segmentation give the long way's answers."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages.decode import _mostly_utf8, stray_controls

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
