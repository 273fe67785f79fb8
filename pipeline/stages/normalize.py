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

from pipeline.stages import badness

# ftfy's own mojibake test, answered the same but 2.5 times faster (stages/badness.py).
badness.use_in_ftfy()

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
# An NBSP or soft hyphen right after another non-ASCII character may be half of a mis-decoded
# UTF-8 character: "í" (C3 AD) read as cp1252 is "Ã" and a soft hyphen, "Р" (D0 A0) read as
# cp1251 is "Р" and an NBSP. ftfy must see such a line as it is: taking the invisible character
# out first leaves mojibake no one can repair.
INVISIBLE_AFTER_NON_ASCII_RE = re.compile(
    "[^\x00-\x7f" + "".join(INVISIBLE) + "][" + "".join(INVISIBLE) + "]"
)


def _needs_repair_pattern() -> re.Pattern[str]:
    """A cheap, exact pre-check: a line it does not match is returned by ftfy unchanged.

    ftfy only touches a line that has an entity (&), a control, surrogate or ligature character, or
    that `ftfy.badness.is_bad` flags. Running is_bad itself costs as much as the repair (~5 MB/s), so
    this pattern over-approximates it, much faster: each alternative of ftfy's BADNESS_RE (in
    ftfy/badness.py, same order) cut down to the two characters that must be adjacent in any match
    of it, built from ftfy's own character categories. A Hypothesis test and the benchmark corpus
    check that no line this pattern lets through would have been changed.
    """
    single, pairs = repair_cues()
    c = MOJIBAKE_CATEGORIES
    la, ua, lc, uc = (
        c["lower_accented"],
        c["upper_accented"],
        c["lower_common"],
        c["upper_common"],
    )
    # One leading character class lets the regex engine skip ahead to candidate positions at C
    # speed; each branch then checks the pair with a look-behind at the character it stands on.
    # A pair whose first character may be any Cyrillic or Greek letter is found from its second
    # (a rare one) instead, looking behind at both: led by the first, the engine stopped at every
    # letter of a Russian page and spent 2 ms on it, 40 times an English page's time. So is a pair
    # led by a letter of running text, an accented Latin one (é, à, ü) or Russian's "в", "Р", "С"
    # (together 58% of the stops on the benchmark pages), when its second is no such letter.
    letters = (la, ua, lc, uc)
    by_second = [
        (a, b)
        for a, b in pairs
        if lc in a
        or uc in a
        or ((la in a or a in ("вВ", "ВГРС", "à")) and not any(s in b for s in letters))
    ]
    by_first = [pair for pair in pairs if pair not in by_second]
    leading = single + "".join(a for a, _ in by_first) + "".join(b for _, b in by_second)
    branches = [
        f"(?<=[{single}])",
        *(f"(?<=[{a}])[{b}]" for a, b in by_first),
        *(f"(?<=[{a}][{b}])" for a, b in by_second),
    ]
    return re.compile(f"[{leading}](?:{'|'.join(branches)})")


def repair_cues() -> tuple[str, list[tuple[str, str]]]:
    """What needs_repair looks for, as contents of regex classes: the characters that need a
    repair alone, and the pairs (first, second) that need one when adjacent."""
    c = MOJIBAKE_CATEGORIES
    bad, la, ua, lc, uc = (
        c["bad"],
        c["lower_accented"],
        c["upper_accented"],
        c["lower_common"],
        c["upper_common"],
    )
    box, sp, ep, cur, num, law = (
        c["box"],
        c["start_punctuation"],
        c["end_punctuation"],
        c["currency"],
        c["numeric"],
        c["law"],
    )
    pairs = [
        (bad + la + ua + box + sp + ep + cur + num + law, bad),
        (lc + uc, bad),
        (bad, la + ua + box + sp + ep + cur + num + law),
        (la + lc + box + ep + cur + num, ua),
        (box + ep + cur + num, la),
        (la + box + ep, cur),
        (ua, cur + sp + num + law + "°"),
        (box, num + law),
        (la + box + cur + ep, sp),
        (la + ua + cur + num + box + law, ep),
        (cur + num + box, sp),
        (box, c["kaomoji"]),
        (la + ua + cur + num + sp + ep + law, box),
        (box, ep),
        (la, sp + ep),
        ("ÎÐ", f"€œŠš¢£Ÿž\xa0\xad®©°·»{sp}{ep}–—´"),
        ("ØÙ", f"{c['common']}{cur}{bad}{num}{sp}ŸŠ®°µ»"),
        ("ВГРС", f"{c['c1']}{bad}{sp}{ep}{cur}°µ"),
        ("ΒΓΞΟ", f"{c['c1']}{bad}{sp}{ep}{cur}°"),
    ]
    pairs += [
        ("Œœ", "^A-Za-z"),
        ("×", "²³"),
        ("à", "²µ¹¼½¾"),
        ("√", "±∂†≠®™´≤≥¥µø"),
        ("≈", "°¢"),
        ("‚", "Äâó"),
        ("вВ", "Ђ"),
        ("βā", "€"),
    ]
    controls = "".join(chr(code) for code in sorted(CONTROL_CHARS | LIGATURES.keys()))
    single = f"&ÂÃ{re.escape(controls + ''.join(INVISIBLE))}{c['c1']}\\ud800-\\udfff"
    return single, pairs


NEEDS_REPAIR_RE = _needs_repair_pattern()


def needs_repair(text: str) -> bool:
    """False only when ftfy and the invisible-character pass would leave `text` exactly as it is."""
    if text.isascii():  # the common case, decided without the regex: entities and controls only
        return "&" in text or (not text.isprintable() and bool(NEEDS_REPAIR_RE.search(text)))
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
    if not INVISIBLE_AFTER_NON_ASCII_RE.search(line):
        return _repair_visible(line, fixes)
    # Both ways, and the one that leaves fewer signs of mojibake (the first on a tie): ftfy on
    # the line as it is mends "Ã" and a soft hyphen into "í", but on a line of mixed damage the
    # invisible characters can stand in its way where taking them out first lets it mend more.
    as_is: list[str] = []
    first = _visible(_ftfy(line, as_is), as_is)
    signs = len(NEEDS_REPAIR_RE.findall(first))
    if signs:  # else nothing can beat it (a French "«\u00a0" line, most often)
        stripped: list[str] = []
        later = _repair_visible(line, stripped)
        if len(NEEDS_REPAIR_RE.findall(later)) < signs:
            fixes.extend(stripped)
            return later
    fixes.extend(as_is)
    return first


def _repair_visible(line: str, fixes: list[str]) -> str:
    line = _visible(line, fixes)
    if not needs_repair(line):  # often an NBSP was all there was: ftfy would change nothing
        return line
    # Repairs can expose new invisible characters (a decoded NBSP, say).
    return _visible(_ftfy(line, fixes), fixes)


def _ftfy(line: str, fixes: list[str]) -> str:
    fixed, steps = ftfy.fix_and_explain(line, FTFY_CONFIG)
    if UNTRUSTED_ENCODE_STEPS.intersection(steps or ()):
        fixed, steps = ftfy.fix_and_explain(line, NO_ENCODING_FIX)
    for action, parameter in steps or ():
        fixes.append(f"ftfy:{action}:{parameter}")
    if "\n" in fixed:  # e.g. "&#10;" unescaped: must not split the line
        fixes.append("entity_newline")
        fixed = fixed.replace("\n", " ")
    return fixed


def _visible(line: str, fixes: list[str]) -> str:
    return INVISIBLE_RE.sub(lambda match: _invisible(match.group(), fixes), line)


def _invisible(char: str, fixes: list[str]) -> str:
    replacement, fix = INVISIBLE[char]
    fixes.append(fix)
    return replacement
