"""decode_bytes: BOMs, strict UTF-8, legacy code pages, mostly-UTF-8, and binary data refused."""

from __future__ import annotations

import codecs

import pytest

from pipeline.settings import Settings
from pipeline.stages.decode import decode_bytes
from pipeline.stages.reject import RejectedInput

LEGACY = Settings().legacy_encodings
RUSSIAN = "Министр иностранных дел России заявил журналистам, что переговоры продолжатся."
ITALIAN = "Caffè e perché città, così la libertà è più importante della verità."
POLISH = "Zażółć gęślą jaźń, powiedział minister spraw zagranicznych Polski."


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_bom_decides_and_is_dropped(bom: bytes, codec: str, expected: str) -> None:
    decoded = decode_bytes(bom + RUSSIAN.encode(codec), LEGACY)
    assert decoded.text == RUSSIAN
    assert decoded.encoding == expected
    assert decoded.fixes == (f"bom:{expected}",)


def test_plain_utf8_needs_no_fix() -> None:
    decoded = decode_bytes(ITALIAN.encode("utf-8"), LEGACY)
    assert (decoded.text, decoded.encoding, decoded.fixes) == (ITALIAN, "utf-8", ())


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (RUSSIAN, "cp1251", "cp1251"),
        (RUSSIAN, "koi8_r", "koi8-r"),
        (ITALIAN, "latin-1", "cp1252"),  # latin-1 text is valid cp1252: same letters
        (POLISH, "cp1250", "cp1250"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy o zahraniční politice.", "iso8859_2", "iso8859-2"),
    ],
)
def test_legacy_code_pages_are_detected(text: str, codec: str, expected: str) -> None:
    decoded = decode_bytes(text.encode(codec), LEGACY)
    assert decoded.text == text
    assert decoded.encoding == expected
    assert decoded.fixes == (f"detected:{expected}",)


def test_utf16_without_bom() -> None:
    decoded = decode_bytes(ITALIAN.encode("utf-16-le"), LEGACY)
    assert (decoded.text, decoded.encoding) == (ITALIAN, "utf-16-le")


def test_a_few_invalid_bytes_inside_utf8_are_replaced_not_reinterpreted() -> None:
    raw = RUSSIAN.encode("utf-8") + b" \xff\xfe " + RUSSIAN.encode("utf-8")
    decoded = decode_bytes(raw, LEGACY)
    assert decoded.encoding == "utf-8"
    assert decoded.text == f"{RUSSIAN} \ufffd\ufffd {RUSSIAN}"
    assert decoded.fixes == ("utf-8-replaced:2",)


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"\x1f\x8b\x08\x00" + bytes(200), "gzip"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x7fELF\x02\x01\x01" + bytes(100), "ELF"),
        (bytes(range(32)) * 20, "control characters"),
    ],
)
def test_binary_is_rejected_with_a_reason(raw: bytes, what: str) -> None:
    with pytest.raises(RejectedInput) as rejected:
        decode_bytes(raw, LEGACY)
    assert rejected.value.reason == "binary"
    assert what in rejected.value.detail


@pytest.mark.parametrize(
    "text",
    [
        "Министр иностранных дел России заявил журналистам, что переговоры продолжатся.\n",
        "Καλημέρα κόσμε, αυτό είναι ελληνικό κείμενο για τις διαπραγματεύσεις.\n",
        "Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν.\n",
        "שלום עולם, זהו טקסט בעברית על המשא ומתן בז'נבה.\n",
        "مرحبا بالعالم، هذا نص عربي عن المفاوضات في جنيف.\n",
        "Tiếng Việt có dấu rất nhiều trong bài báo này.\n",
    ],
    ids=["russian", "greek", "polytonic-greek", "hebrew", "arabic", "vietnamese"],
)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_decodes_in_non_latin_scripts(text: str, encoding: str) -> None:
    decoded = decode_bytes(text.encode(encoding), Settings().legacy_encodings)
    assert (decoded.encoding, decoded.text) == (encoding, text)


def test_nul_bytes_in_utf8_or_a_code_page_are_not_taken_for_utf16() -> None:
    russian = "Министр иностранных дел России заявил журналистам.\n"
    assert decode_bytes(b"AT&T deal\x00 with a NUL\n", Settings().legacy_encodings).encoding == (
        "utf-8"
    )
    cp1251 = decode_bytes(russian.encode("cp1251") + b"\x00", Settings().legacy_encodings)
    assert cp1251.encoding == "cp1251"
    # A short page with a stray NUL read as UTF-8 full of U+FFFD: charset-normalizer took it
    # for binary.
    short = "Министр иностранных дел России заявил.\n"
    with_nul = decode_bytes(short.encode("cp1251") + b"\x00", Settings().legacy_encodings)
    assert (with_nul.encoding, with_nul.text) == ("cp1251", short + "\x00")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("東京都は火曜日、新たな経済対策を発表した。野党は反発している。", "shift_jis"),
        ("東京都は火曜日、新たな経済対策を発表した。野党は反発している。", "euc_jp"),
        ("中国外交部发言人周二表示，双方将继续就贸易问题进行磋商。", "gb18030"),
        ("台灣外交部週二表示，雙方將繼續就貿易問題進行磋商。", "big5"),
        ("정부는 화요일 새로운 경제 대책을 발표했다. 야당은 반발했다.", "euc_kr"),
        ("Η κυβέρνηση ανακοίνωσε την Τρίτη νέα μέτρα για την οικονομία.", "cp1253"),
        ("הממשלה הודיעה ביום שלישי על צעדים כלכליים חדשים.", "cp1255"),
        ("أعلنت الحكومة يوم الثلاثاء عن إجراءات اقتصادية جديدة.", "cp1256"),
    ],
)
def test_undeclared_greek_hebrew_arabic_and_east_asian_code_pages(text: str, codec: str) -> None:
    # Before, the East Asian pages came out as UTF-8 full of U+FFFD, the others as Cyrillic.
    settings = Settings()
    raw = ("\n".join([text] * 3) + "\n").encode(codec)
    decoded = decode_bytes(
        raw, settings.legacy_encodings, False, None, settings.multibyte_encodings
    )
    assert decoded.text == raw.decode(codec)
    assert decoded.fixes == (f"detected:{codecs.lookup(codec).name}",)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_of_any_script_without_a_bom(codec: str) -> None:
    # UTF-16 of Chinese or Japanese varies its high bytes as binary data does: it was "binary".
    text = "東京都は火曜日、新たな経済対策を発表した。\n野党は反発している。\n" * 5
    decoded = decode_bytes(text.encode(codec), LEGACY)
    assert (decoded.text, decoded.encoding) == (text, codec)


def test_an_arc_archive_is_named_not_read_as_a_page() -> None:
    arc = b"filedesc://crawl.arc 0.0.0.0 20080430204825 text/plain 75\n1 0 The Internet Archive\n"
    with pytest.raises(RejectedInput, match="an ARC web archive"):
        decode_bytes(arc, LEGACY)
