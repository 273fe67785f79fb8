"""normalize_text: repairs inside lines, never changes the line structure."""

from __future__ import annotations

import re

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252", how browsers mis-decode)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.normalize import normalize_text


def test_mojibake_is_repaired_and_reported() -> None:
    broken = "The US’ “New Détente”".encode().decode("sloppy-windows-1252")
    result = normalize_text(broken)
    assert result.text == "The US’ “New Détente”"
    assert "ftfy:decode:utf-8" in result.fixes


def test_double_encoded_mojibake() -> None:
    once = "Détente — «mir»".encode().decode("sloppy-windows-1252")
    twice = once.encode().decode("sloppy-windows-1252")
    assert normalize_text(twice).text == "Détente — «mir»"


def test_entities_invisible_characters_and_nbsp() -> None:
    result = normalize_text("AT&amp;T&#8217;s\u00a0deal\u200b with soft\u00adhyphen\x00")
    assert result.text == "AT&T’s deal with softhyphen"
    assert {"nbsp", "zero_width", "soft_hyphen", "nul_bytes", "ftfy:apply:unescape_html"} <= set(
        result.fixes
    )


def test_quotes_dashes_and_ellipses_are_kept_as_written() -> None:
    text = "“Quoted” — ‘single’ … «guillemets»"
    assert normalize_text(text) == normalize_text(text) and normalize_text(text).text == text


def test_newlines_become_lf_and_nothing_else_splits_lines() -> None:
    result = normalize_text("one\r\ntwo\rthree\u2028still three&#10;too\x85")
    assert result.text.split("\n")[:2] == ["one", "two"]
    assert len(result.text.split("\n")) == 3
    assert result.fixes[0] == "newlines"


@settings(max_examples=1000)
@given(st.text())
def test_never_raises_keeps_line_count_and_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    expected_lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert len(once.text.split("\n")) == expected_lines
    assert normalize_text(once.text).text == once.text


@given(
    st.text(
        alphabet=st.characters(
            codec="ascii", exclude_characters="&\r\x00", min_codepoint=32, max_codepoint=126
        )
    )
)
def test_clean_ascii_is_unchanged(text: str) -> None:
    assert normalize_text(text).text == text
    assert normalize_text(text).fixes == ()


# Text as a careful writer types it: letters of several scripts, curly quotes, dashes, ellipses.
CLEAN_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?()-'\"\t"
    "éèêàâçôûüöäßñíóúÉÀÇÜÖÄ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "“”‘’«»„—–…№€"
)


# What UTF-8 looks like when read as cp1252: a lead byte (0xC2-0xEF) and a continuation (0x80-0xBF).
# Such a pair *is* mojibake as far as any reader can tell ("Ä‘" is a mis-decoded "đ"), so
# "clean" text is text without one; everything else must come through byte for byte.
_LEADS = bytes(range(0xC2, 0xF0)).decode("sloppy-windows-1252")
_CONTINUATIONS = bytes(range(0x80, 0xC0)).decode("sloppy-windows-1252")
MOJIBAKE_PAIR_RE = re.compile(f"[{re.escape(_LEADS)}][{re.escape(_CONTINUATIONS)}]")


@settings(max_examples=1000)
@given(st.lists(st.text(alphabet=CLEAN_ALPHABET), max_size=8).map("\n".join))
def test_clean_text_is_unchanged_byte_for_byte(text: str) -> None:
    assume(not MOJIBAKE_PAIR_RE.search(text))
    result = normalize_text(text)
    assert result.text.encode() == text.encode()
    assert result.fixes == ()
