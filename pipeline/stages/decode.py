"""Stage 2a: bytes to text. BOM, then a declared charset the bytes agree with, then strict UTF-8,
then charset detection, then UTF-8 with replacement.

A charset is declared by the page itself (HTML: `<meta charset>`, `<meta http-equiv=
"Content-Type">`, `<?xml encoding>`) or by whoever delivered it (the HTTP Content-Type a web
archive recorded): the page's own word first. A declaration is a hint, weighed against the
bytes: it is taken only when they decode under it without error, and a single-byte code page
never overrides bytes that are valid UTF-8 beyond ASCII (a page saved as UTF-8 under a template
that still says iso-8859-1: the bytes are right, the label is not)."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from charset_normalizer import from_bytes

from pipeline.stages.reject import RejectedInput

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of common binary formats that end up named .txt in scraped folders.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file (WebP, WAV or AVI)"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O binary"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"filedesc://", "an ARC web archive (WARC's predecessor: convert it to WARC to read it)"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"wOFF", "a web font"),
)

# A text file has almost no control characters; binary data has many. A handful of stray ones in a
# short page is damage for normalization to repair, not evidence of binary data.
MAX_CONTROL_SHARE = 0.01
MAX_STRAY_CONTROLS = 8
# Mostly-valid UTF-8 with a few broken bytes stays UTF-8: replacing a handful of bytes is kinder than
# re-reading the whole file in a legacy code page and garbling every non-ASCII letter.
MIN_VALID_PER_INVALID = 4
# BOM-less UTF-16 (_utf16_without_bom): the share of characters whose high byte is NUL (spaces
# and punctuation at least), and the share covered by the three commonest high bytes.
MIN_UTF16_NUL_SHARE = 0.05
MIN_UTF16_HIGH_SHARE = 0.9
# Wide text of other scripts (_wide_without_bom): a line break or space in every 200 characters.
MIN_BREAK_EVERY = 200


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    fixes: tuple[str, ...]


def decode_bytes(
    raw: bytes,
    legacy_encodings: Sequence[str],
    html: bool = False,
    charset_hint: str | None = None,
    multibyte_encodings: Sequence[str] = (),
) -> Decoded:
    """Decode scraped bytes, saying how; raise RejectedInput for data that is not text.

    `html`: look for the page's own declaration; `charset_hint`: the charset its delivery
    declared (an HTTP Content-Type's charset); `multibyte_encodings`: tried when none of
    `legacy_encodings` fits."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(encoding, errors="replace")
            return _checked(Decoded(text, encoding, ("bom:" + encoding,)))
    _reject_known_binary(raw)
    if b"\x00" in raw:
        wide = _utf16_without_bom(raw) or _wide_without_bom(raw)
        if wide is not None:
            return _checked(wide)
    declared = [("meta-charset", meta_charset(raw))] if html else []
    for source, label in [*declared, ("charset-hint", charset_hint)]:
        agreed = _declared(raw, label, source)
        if agreed is not None:
            return _checked(agreed)
    try:
        return _checked(Decoded(raw.decode("utf-8"), "utf-8", ()), raw)
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(raw)
    if mostly_utf8 is not None:
        return _checked(mostly_utf8)
    # A stray NUL byte makes charset-normalizer take a short page for binary: it judges the
    # page without them, and the page is decoded with them (normalization drops them, saying so).
    probe = raw.replace(b"\x00", b"")
    detected = _detect_legacy(probe, legacy_encodings) or (
        _detect_legacy(probe, multibyte_encodings) if multibyte_encodings else None
    )
    if detected is not None:
        if len(probe) < len(raw):
            text = raw.decode(detected.encoding, errors="replace")
            detected = Decoded(text, detected.encoding, detected.fixes)
        return _checked(detected)
    text = raw.decode("utf-8", errors="replace")
    return _checked(Decoded(text, "utf-8", ("utf-8-replaced:" + str(text.count("\ufffd")),)))


# Where a page declares its charset: <meta charset="…">, <meta http-equiv="Content-Type"
# content="text/html; charset=…"> (both found by "charset=" inside a meta tag) and the XML
# declaration of XHTML. Browsers look in the first 1,024 bytes; templates with long heads put it
# later, so a few more are read.
META_CHARSET_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
META_SCAN_BYTES = 4096
# Labels that browsers read as another code page (WHATWG Encoding): a page labelled latin-1 or
# ASCII is written in Windows-1252 in practice (curly quotes, the euro sign in 0x80-0x9F).
LABEL_MEANS = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def meta_charset(raw: bytes) -> str | None:
    """The charset the HTML page declares near its start, as written; None if it declares none."""
    found = META_CHARSET_RE.search(raw[:META_SCAN_BYTES])
    if found is None:
        return None
    return (found[1] or found[2]).decode("ascii", "replace")


def _declared(raw: bytes, label: str | None, source: str) -> Decoded | None:
    """`raw` decoded as `label` says, when the bytes agree: they decode without error, and they
    are not valid UTF-8 beyond ASCII under a label of another encoding. None otherwise, and for
    a label no codec knows (the decoding then goes on as if nothing were declared)."""
    try:
        codec = codecs.lookup(label.strip()).name if label else None
    except LookupError:
        return None
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        return None  # a page that reached here has no BOM and no NUL bytes: not UTF-16
    if codec == "utf-8" or raw.isascii():
        return None  # strict UTF-8, next, reads it the same (ASCII is UTF-8)
    try:
        raw.decode("utf-8")
        return None  # the bytes say UTF-8, whatever the label
    except UnicodeDecodeError:
        pass
    # Bytes Windows-1252 leaves undefined (0x81, 0x8D…) are read as the label says after all.
    for candidate in dict.fromkeys((LABEL_MEANS.get(codec, codec), codec)):
        try:
            return Decoded(raw.decode(candidate), candidate, (f"{source}:{candidate}",))
        except UnicodeDecodeError:
            continue
    return None


def _reject_known_binary(raw: bytes) -> None:
    for magic, description in MAGIC:
        if raw.startswith(magic):
            raise RejectedInput("binary", f"The file is {description}, not text.")


def _utf16_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16 text in an alphabetic script: the high byte of nearly every character is one of a
    few values, 0 (spaces, digits, punctuation, Latin letters) and the script's blocks (0x04 for
    Cyrillic, 0x03 and 0x1F for Greek, 0x05 Hebrew, 0x06 Arabic…), while the low bytes vary. Other data with
    NUL bytes (UTF-8 or a legacy code page with stray NULs) has varied bytes at both positions."""
    sample = raw[:4096]
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        counts = Counter(high)
        commonest = sum(n for _, n in counts.most_common(3))
        if counts[0] >= MIN_UTF16_NUL_SHARE * len(high) and commonest >= MIN_UTF16_HIGH_SHARE * len(
            high
        ):
            try:
                return Decoded(raw.decode(encoding), encoding, ("detected:" + encoding,))
            except UnicodeDecodeError:
                return None
    return None


def _wide_without_bom(raw: bytes) -> Decoded | None:
    """UTF-32, or UTF-16 of a script with thousands of characters (Chinese, Japanese, Korean),
    whose high bytes vary as a binary file's do: text when it decodes strictly and breaks into
    lines or words at least once in MIN_BREAK_EVERY characters (in binary data decoded so, a
    line break or a space is a 1 in 65,536 chance a character)."""
    for encoding in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        breaks = text.count("\n") + text.count(" ") + text.count("\u3000")
        # Not one break alone: a legacy page's last newline and a stray NUL make "\n" in UTF-16.
        if breaks >= 2 and breaks * MIN_BREAK_EVERY >= len(text) and not stray_controls(text):
            return Decoded(text, encoding, ("detected:" + encoding,))
    return None


def _mostly_utf8(raw: bytes) -> Decoded | None:
    text = raw.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    # the characters beyond ASCII, counted in C: what encoding to ASCII leaves out
    valid_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if valid_non_ascii >= MIN_VALID_PER_INVALID * invalid:
        return Decoded(text, "utf-8", (f"utf-8-replaced:{invalid}",))
    return None


def _detect_legacy(raw: bytes, candidates: Sequence[str]) -> Decoded | None:
    """charset-normalizer, with ties broken by the order of `candidates` (most common first).

    Western code pages often score the same (cp1250 vs cp1252 on Italian): the more common one is
    the better bet, and an earlier candidate that yields the very same text is the honest label.
    """
    order = {codecs.lookup(name).name: rank for rank, name in enumerate(candidates)}
    matches = [m for m in from_bytes(raw, cp_isolation=list(candidates)) if m.encoding != "utf_8"]
    if not matches:
        return None
    best = min(
        matches,
        key=lambda m: (
            round(m.chaos, 3),
            -round(m.coherence, 3),
            order.get(codecs.lookup(m.encoding).name, len(order)),
        ),
    )
    text = str(best)
    encoding = codecs.lookup(best.encoding).name
    for name in candidates:
        if order[codecs.lookup(name).name] >= order.get(encoding, len(order)):
            break
        try:
            if raw.decode(name) == text:
                encoding = codecs.lookup(name).name
                break
        except UnicodeDecodeError:
            continue
    return Decoded(text, encoding, ("detected:" + encoding,))


# Control characters that text has no use for (tab, line breaks and form feeds are not here).
STRAY_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20))


def stray_controls(text: str, encoded: bytes | None = None) -> int:
    """How many of `text`'s characters are stray controls. In UTF-8 a byte below 0x80 is an
    ASCII character, never part of another: the encoded text less its control bytes, deleted by
    bytes.translate at C speed, tells. A regex's findall took 20 ns a character (0.2 ms a page).
    `encoded`: the text in UTF-8 where the caller has it (the bytes it was strictly decoded from)."""
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    return len(encoded) - len(encoded.translate(None, STRAY_CONTROL_BYTES))


def _checked(decoded: Decoded, utf8: bytes | None = None) -> Decoded:
    """`decoded`, unless it holds too many stray controls for text; `utf8`: its text's UTF-8
    bytes where they are at hand (strict UTF-8 decodes to text that encodes back to them)."""
    text = decoded.text
    controls = stray_controls(text, utf8)
    if controls > MAX_STRAY_CONTROLS and controls / len(text) > MAX_CONTROL_SHARE:
        raise RejectedInput(
            "binary",
            f"{controls} control characters in {len(text)}: binary data, not text.",
        )
    return decoded
