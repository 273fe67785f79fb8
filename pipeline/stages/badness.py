"""ftfy's mojibake test (`ftfy.badness.is_bad`), the same answers found 2.5 times faster.

`is_bad` searches ftfy's BADNESS_RE, an alternation of 37 short character sequences. Python's
regex engine cannot skip ahead in an alternation whose branches start with character classes, so
it tries all 37 at every character of the line; ftfy calls it several times per line it repairs,
which made it 60% of normalization's CPU on the benchmark corpus. The pattern below asks the same
question (is there a match anywhere?) led by one character class: each sequence is found from its
rarest character (not from "[a-z]" or a space), and a look-behind checks the characters before it.
The engine then jumps between candidate characters at C speed.

Only the existence of a match is preserved, not the match itself: `is_bad` alone uses it (ftfy's
`badness()`, which counts matches, keeps the original). tests/test_normalize.py checks the two
agree on dense mixes of the characters involved, and the benchmark checks every page's repair.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

import ftfy
import ftfy.fixes
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS, LIGATURES

# Characters frequent in ordinary text: a sequence is never found from one of these when it has
# a rarer character (ASCII ones count most: they are on every line).
ASCII_TEXT = {chr(code) for code in range(0x20, 0x7F)} | set("\t\n\r\x0b\x0c")
LETTERS_AND_QUOTES = (
    {chr(code) for code in range(0xC0, 0x180)}  # Latin-1 and Latin Extended-A letters
    | {chr(code) for code in range(0x391, 0x3CA)}  # basic Greek
    | {chr(code) for code in range(0x410, 0x450)}  # basic Cyrillic
    | set("’‘“”–—…«»\xa0·")
)


def _without_comments(pattern: str) -> str:
    """A verbose pattern's text without its comments (a # outside a character class)."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "#":
            while i < len(pattern) and pattern[i] != "\n":
                i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (a | outside classes and groups)."""
    branches: list[str] = []
    current: list[str] = []
    i, in_class, depth = 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            current.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            branches.append("".join(current))
            current = []
            i += 1
            continue
        current.append(char)
        i += 1
    branches.append("".join(current))
    return branches


def _items(branch: str) -> tuple[bool, list[tuple[str, bool]]]:
    """(anchored at the start, [(one-character item, optional)]) of a branch made of single
    characters, classes, escapes and '.', each possibly followed by '?'. Anything else raises:
    a new ftfy whose pattern this cannot rewrite fails loudly at import, in the tests."""
    text = branch.strip()
    anchored = text.startswith("^")
    items: list[tuple[str, bool]] = []
    i = 1 if anchored else 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char == "[":
            end = i + 2 if text[i + 1] in "^]" else i + 1
            while text[end] != "]":
                end += 2 if text[end] == "\\" else 1
            item, i = text[i : end + 1], end + 1
        elif char == "\\":
            item, i = text[i : i + 2], i + 2
        elif char in "()|*+{}^$":
            raise ValueError(f"cannot rewrite this branch of BADNESS_RE: {branch!r}")
        else:
            item, i = ("." if char == "." else re.escape(char)), i + 1
        optional = i < len(text) and text[i] == "?"
        items.append((item, optional))
        i += optional
    return anchored, items


def _without_optionals(items: list[tuple[str, bool]]) -> list[list[str]]:
    sequences: list[list[str]] = [[]]
    for item, optional in items:
        with_it = [[*sequence, item] for sequence in sequences]
        sequences = with_it + (sequences if optional else [])
    return sequences


def _frequency(item: str) -> int:
    matcher = re.compile(item)
    return 10 * sum(1 for c in ASCII_TEXT if matcher.fullmatch(c)) + sum(
        1 for c in LETTERS_AND_QUOTES if matcher.fullmatch(c)
    )


def existence_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern that matches somewhere in a text exactly when `pattern` does."""
    leads: list[str] = []
    branches: list[str] = []
    for branch in _branches(_without_comments(pattern.pattern)):
        anchored, items = _items(branch)
        for sequence in _without_optionals(items):
            lead = min(range(len(sequence)), key=lambda n: (_frequency(sequence[n]), n))
            item = sequence[lead]
            if item == "." or item.startswith("[^"):
                raise ValueError(f"no rare character to find this branch by: {branch!r}")
            leads.append(item[1:-1] if item.startswith("[") else item)
            behind = ("\\A" if anchored else "") + "".join(sequence[: lead + 1])
            branches.append(f"(?<={behind})" + "".join(sequence[lead + 1 :]))
    return re.compile(f"[{_union(leads)}](?:{'|'.join(branches)})")


def _class_ranges(content: str) -> list[tuple[int, int]]:
    """The code point ranges of a character class's content ("a-zé\\-"): characters, escaped
    punctuation and ranges. A class escape (\\s, \\d) raises, like `_items`."""
    tokens: list[tuple[str, bool]] = []  # (character, escaped)
    i = 0
    while i < len(content):
        if content[i] == "\\":
            if content[i + 1].isalnum():
                raise ValueError(f"cannot take this class apart: [{content}]")
            tokens.append((content[i + 1], True))
            i += 2
        else:
            tokens.append((content[i], False))
            i += 1
    ranges: list[tuple[int, int]] = []
    k = 0
    while k < len(tokens):
        if k + 2 < len(tokens) and tokens[k + 1] == ("-", False):
            ranges.append((ord(tokens[k][0]), ord(tokens[k + 2][0])))
            k += 3
        else:
            ranges.append((ord(tokens[k][0]), ord(tokens[k][0])))
            k += 1
    return ranges


def _union(contents: list[str]) -> str:
    """One character class's content matching what any of `contents` matches. Joined as they
    are, a range could run from one into the next; a class escape between them (once \\s)
    made every space a candidate, where the engine tried all the branches."""
    return _class_of(r for content in contents for r in _class_ranges(content))


def _class_of(ranges: Iterable[tuple[int, int]]) -> str:
    """A character class's content for these code point ranges, merged and escaped."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return "".join(
        re.escape(chr(start)) + (f"-{re.escape(chr(end))}" if end > start else "")
        for start, end in merged
    )


BADNESS_EXISTS_RE = existence_pattern(BADNESS_RE)


def is_bad(text: str) -> bool:
    """The same as ftfy.badness.is_bad."""
    return BADNESS_EXISTS_RE.search(text) is not None


def _translating_only_when_needed(
    fixer: Callable[[str], str], table: Mapping[int, str | None]
) -> Callable[[str], str]:
    """`fixer` (a `str.translate` by `table`) asked only of a text holding one of the table's
    characters: any other text it returns unchanged. str.translate looks every character of a
    non-ASCII text up in the table (0.1 ms a line); the regex finds there is none at C speed."""
    holds = re.compile(f"[{_class_of((code, code) for code in table)}]")

    def fix(text: str) -> str:
        return fixer(text) if holds.search(text) else text

    return fix


def use_in_ftfy() -> None:
    """ftfy's repair functions call this is_bad (they imported theirs by name, so it is replaced
    where they look it up); ftfy.badness.is_bad itself stays ftfy's, the reference. Its repair
    also looks its two translating fixers up in FIXERS: they are asked only of the lines that
    hold a ligature or a control character (ftfy.fixes keeps the originals)."""
    ftfy.is_bad = is_bad  # type: ignore[attr-defined]
    ftfy.fixes.is_bad = is_bad  # type: ignore[attr-defined]
    for name, table in (
        ("fix_latin_ligatures", LIGATURES),
        ("remove_control_chars", CONTROL_CHARS),
    ):
        ftfy.FIXERS[name] = _translating_only_when_needed(getattr(ftfy.fixes, name), table)
