"""Stage 2b: repair decoded text (mojibake, entities, invisible characters) line by line.

The contract: line N of the output comes from line N of the input. Only \\r\\n and \\r become \\n;
every other repair happens inside a line, so every block stays traceable to its source line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy
from ftfy import TextFixerConfig
from ftfy.badness import MOJIBAKE_CATEGORIES
from ftfy.chardata import CONTROL_CHARS, LIGATURES

# Each option chosen on purpose (ftfy's defaults change more than encoding):
FTFY_CONFIG = TextFixerConfig(
    unescape_html=True,  # scraped *text*: &amp; and &#8217; are artefacts, not markup
    remove_terminal_escapes=True,
    fix_encoding=True,  # the point: mojibake, also double and triple encoded
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=True,  # "ﬁ" breaks search; the ligature carries no meaning
    fix_character_width=False,  # full-width forms are legitimate in CJK text
    uncurl_quotes=False,  # quotes, dashes and ellipses are kept as the author wrote them
    fix_line_breaks=False,  # we own line structure (see module docstring)
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=True,
)

# Web pages are mis-decoded as cp1252 or latin-1, never as MacRoman; ftfy's MacRoman guesses on
# scraped text are false alarms (it turns the clean "”Ä" into "Ӏ"), so they are refused.
UNTRUSTED_ENCODE_STEPS = {("encode", "macroman")}
NO_ENCODING_FIX = FTFY_CONFIG._replace(fix_encoding=False)

# Characters that are invisible or layout-only in page text, and what they become.
INVISIBLE = {
    "\u00ad": ("", "soft_hyphen"),
    "\u200b": ("", "zero_width"),
    "\u2060": ("", "zero_width"),
    "\ufeff": ("", "zero_width"),
    "\u00a0": (" ", "nbsp"),
    "\u2007": (" ", "nbsp"),
    "\u202f": (" ", "nbsp"),
    "\u2028": (" ", "unicode_line_separator"),
    "\u2029": (" ", "unicode_line_separator"),
    "\x0b": (" ", "control_chars"),
    "\x0c": (" ", "control_chars"),
    "\x00": ("", "nul_bytes"),
}
INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]")


def _needs_repair_pattern() -> re.Pattern[str]:
    """A cheap, exact pre-check: a line it does not match is returned by ftfy unchanged.

    ftfy only touches a line that has an entity (&), a control, surrogate or ligature character, or
    that `ftfy.badness.is_bad` flags. Running is_bad itself costs as much as the repair (~5 MB/s), so
    this pattern over-approximates it at ~100x the speed. Every is_bad alternative holds two adjacent
    characters of ftfy's "suspicious" categories, or a suspicious character right before a "common"
    one, or one of a few sequences listed below; a Hypothesis test and the
    benchmark corpus check that no line this pattern lets through would have been changed.
    """
    cats = MOJIBAKE_CATEGORIES
    # "common" (’ – … ·) and plain Greek and Cyrillic letters only count next to a suspicious one.
    plain = ("common", "lower_common", "upper_common")
    suspicious = "".join(cats[name] for name in cats if name not in plain)
    common = cats["common"]
    punctuation = cats["start_punctuation"] + cats["end_punctuation"]
    ftfy_controls = "".join(chr(code) for code in sorted(CONTROL_CHARS))
    ligatures = "".join(chr(code) for code in sorted(LIGATURES))
    invisible = "".join(INVISIBLE)
    return re.compile(
        "|".join(
            [
                f"[&{re.escape(ftfy_controls + ligatures + invisible)}{cats['c1']}\ud800-\udfff]",
                f"[{suspicious}][{suspicious}]",
                # plain Greek or Cyrillic letters take part only in these few sequences:
                f"[{cats['lower_common']}{cats['upper_common']}][{cats['bad']}{cats['upper_accented']}]",
                f"[ВГРСΒΓΞΟ][{cats['c1']}{cats['bad']}{punctuation}{cats['currency']}°µ]",
                "[βвВ][€Ђ]",
                f"[{suspicious}][{common}]",
                "[ÂÃ]",  # Â and Ã next to a space or an ASCII letter
                "[Œœ][^A-Za-z]",
            ]
        )
    )


NEEDS_REPAIR_RE = _needs_repair_pattern()


def needs_repair(text: str) -> bool:
    """False only when ftfy and the invisible-character pass would leave `text` exactly as it is."""
    return bool(NEEDS_REPAIR_RE.search(text)) or not unicodedata.is_normalized("NFC", text)


@dataclass(frozen=True)
class Normalized:
    text: str
    fixes: tuple[str, ...]


def normalize_text(text: str, precheck: bool = True) -> Normalized:
    """Repair `text`, keeping its lines; `fixes` names every kind of change made, in order.

    With `precheck` (always, but in the tests and the benchmark that prove it changes nothing),
    lines that `needs_repair` clears skip ftfy: most scraped text needs no repair.
    """
    fixes: list[str] = []
    if "\r" in text:
        fixes.append("newlines")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if precheck and not needs_repair(text):
        return Normalized(text, tuple(fixes))
    lines = [_normalize_line(line, fixes, precheck) for line in text.split("\n")]
    return Normalized("\n".join(lines), tuple(dict.fromkeys(fixes)))


def _normalize_line(line: str, fixes: list[str], precheck: bool) -> str:
    if not line or (precheck and not needs_repair(line)):
        return line
    for _ in range(3):  # ftfy can need a second pass (entities revealing mojibake); bounded
        repaired = _repair_once(line, fixes)
        if repaired == line:
            break
        line = repaired
    return line


def _repair_once(line: str, fixes: list[str]) -> str:
    line = INVISIBLE_RE.sub(lambda match: _invisible(match.group(), fixes), line)
    fixed, steps = ftfy.fix_and_explain(line, FTFY_CONFIG)
    if UNTRUSTED_ENCODE_STEPS.intersection(steps or ()):
        fixed, steps = ftfy.fix_and_explain(line, NO_ENCODING_FIX)
    for action, parameter in steps or ():
        fixes.append(f"ftfy:{action}:{parameter}")
    if "\n" in fixed:  # e.g. "&#10;" unescaped: must not split the line
        fixes.append("entity_newline")
        fixed = fixed.replace("\n", " ")
    # Repairs can expose new invisible characters (a decoded NBSP, say).
    return INVISIBLE_RE.sub(lambda match: _invisible(match.group(), fixes), fixed)


def _invisible(char: str, fixes: list[str]) -> str:
    replacement, fix = INVISIBLE[char]
    fixes.append(fix)
    return replacement
