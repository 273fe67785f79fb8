"""Stage 2b: repair decoded text (mojibake, entities, invisible characters) line by line.

The contract: line N of the output comes from line N of the input. Only \\r\\n and \\r become \\n;
every other repair happens inside a line, so every block stays traceable to its source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy
from ftfy import TextFixerConfig

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
# A line needs ftfy when it is not plain ASCII, or could hold an entity or a control character.
NEEDS_FTFY_RE = re.compile(r"[^\t\x20-\x7e]|&")


@dataclass(frozen=True)
class Normalized:
    text: str
    fixes: tuple[str, ...]


def normalize_text(text: str) -> Normalized:
    """Repair `text`, keeping its lines; `fixes` names every kind of change made, in order."""
    fixes: list[str] = []
    if "\r" in text:
        fixes.append("newlines")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_normalize_line(line, fixes) for line in text.split("\n")]
    return Normalized("\n".join(lines), tuple(dict.fromkeys(fixes)))


def _normalize_line(line: str, fixes: list[str]) -> str:
    if not NEEDS_FTFY_RE.search(line):
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
