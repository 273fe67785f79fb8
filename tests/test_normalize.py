"""normalize_text: repairs inside lines, never changes the line structure."""

from __future__ import annotations

import random
import re

import ftfy
import ftfy.bad_codecs  # registers "sloppy-windows-1252", how browsers mis-decode)
import ftfy.badness
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.stages import badness
from pipeline.stages.normalize import needs_repair, normalize_text


def test_mojibake_is_repaired_and_reported() -> None:
    broken = "The US’ “New Détente”".encode().decode("sloppy-windows-1252")
    result = normalize_text(broken)
    assert result.text == "The US’ “New Détente”"
    assert "ftfy:decode:utf-8" in result.fixes


def test_double_encoded_mojibake() -> None:
    once = "Détente — «mir»".encode().decode("sloppy-windows-1252")
    twice = once.encode().decode("sloppy-windows-1252")
    assert normalize_text(twice).text == "Détente — «mir»"


def test_mojibake_whose_bytes_read_as_an_nbsp_or_a_soft_hyphen_is_repaired() -> None:
    # UTF-8 "í" is C3 AD and "Р" is D0 A0: read as cp1252 or cp1251, the second byte is a soft
    # hyphen or an NBSP, which must not be taken out before ftfy has read the line.
    for clean, codec in (
        ("La política económica del país, en un momento crítico.", "cp1252"),
        ("Россия и Эстония подписали соглашение.", "cp1251"),
        ("Voilà à la maison « ici ».", "cp1252"),
    ):
        result = normalize_text(clean.encode().decode(codec))
        assert result.text == clean, codec
        assert "ftfy:decode:utf-8" in result.fixes
    # A clean line keeps its NBSPs' usual treatment.
    french = normalize_text("«\u00a0Bonjour\u00a0» dit-il\u00a0: très\u00a0bien")
    assert french.text == "« Bonjour » dit-il : très bien" and french.fixes == ("nbsp",)


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
    # ftfy also flags rare adjacent letters ("ßÄ " reads as mojibake of "Ꭰ"): not typed text.
    assume(not MOJIBAKE_PAIR_RE.search(text) and not ftfy.badness.is_bad(text))
    result = normalize_text(text)
    assert result.text.encode() == text.encode()
    assert result.fixes == ()


# The pre-check must be exact: the characters ftfy's mojibake heuristics look at, mixed densely
# with the letters they sit beside, so that nearly every generated line is a borderline case.
_CATEGORY_CHARS = "".join(
    chr(code)
    for code in range(0x20, 0x2600)
    if ftfy.badness.BADNESS_RE.search(chr(code) * 2) or ftfy.badness.is_bad(f"x{chr(code)}x")
)
EDGE_ALPHABET = (
    CLEAN_ALPHABET
    + _CATEGORY_CHARS
    + "ÂÃÎÐØÙŒœ°×²³√≈‚βвВЂГўРСΒΓΞΟα-ω\xa0\xad·´―&;#\x85\x9d\u0301\ufb01"
    + "".join(bytes(range(0x80, 0x100)).decode("latin-1"))
)


@settings(max_examples=3000)
@given(st.text(alphabet=EDGE_ALPHABET, max_size=40))
def test_precheck_never_skips_a_line_ftfy_would_change(line: str) -> None:
    assume("\n" not in line and "\r" not in line)
    if ftfy.badness.is_bad(line):
        assert needs_repair(line)
    assert normalize_text(line, precheck=True) == normalize_text(line, precheck=False)


@settings(max_examples=500)
@given(st.lists(st.text(alphabet=EDGE_ALPHABET, max_size=30), max_size=6).map("\n".join))
def test_precheck_gives_the_full_repair_on_documents(text: str) -> None:
    assert normalize_text(text, precheck=True) == normalize_text(text, precheck=False)


@settings(max_examples=3000)
@given(st.text(alphabet=EDGE_ALPHABET, max_size=40))
def test_faster_mojibake_test_answers_as_ftfys(line: str) -> None:
    assert badness.is_bad(line) == ftfy.badness.is_bad(line)


def test_faster_mojibake_test_on_dense_mixes_of_its_characters() -> None:
    # Every character any of ftfy's mojibake categories holds, in short random runs: each of
    # BADNESS_RE's sequences is met thousands of times, next to every other.
    categories = re.compile(f"[{''.join(ftfy.badness.MOJIBAKE_CATEGORIES.values())}]")
    alphabet = sorted(
        {chr(code) for code in range(0x20, 0xD800) if categories.match(chr(code))}
        | set(EDGE_ALPHABET)
    )
    rng = random.Random(16)
    for _ in range(60_000):
        line = "".join(rng.choices(alphabet, k=rng.randint(1, 10)))
        assert badness.is_bad(line) == ftfy.badness.is_bad(line), line
    assert ftfy.is_bad is badness.is_bad  # what ftfy's repair calls once normalize is imported


def test_precheck_lets_ordinary_multilingual_prose_through() -> None:
    for line in [
        "L’économie française a connu une croissance modérée à la fin de l’année.",
        "Министр заявил, что переговоры «зашли в тупик» — однако Москва готова к диалогу.",
        "Die Bundesregierung äußerte sich „zurückhaltend“ über die Gespräche in Brüssel.",
        "The US’ “New Détente” — a gamble…",
    ]:
        assert not needs_repair(line), line
    for broken in ["L’Ã©conomie", "РњРѕСЃРєРІР°", "donâ€™t", "a&amp;b", "soft\u00adhyphen"]:
        assert needs_repair(broken), broken
