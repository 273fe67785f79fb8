"""Shortcuts of the worker's stages outside segmentation give the long way's answers."""

from __future__ import annotations

import hashlib
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.lexicon import merged
from pipeline.lexicon.cues import _maybe, common_character, cues, gate
from pipeline.lexicon.phrases import (
    ACTION_BAR_WORDS,
    COUNT_RE,
    MAX_PREFIX_WORDS,
    first_characters,
    phrase_book,
    trim,
)
from pipeline.stages import dates
from pipeline.stages.attribution import (
    COPYRIGHT_RE,
    _gates,
    _outlet_name,
    outlet_in,
    vocabulary,
)
from pipeline.stages.decode import _mostly_utf8, stray_controls
from pipeline.stages.normalize import NEEDS_REPAIR_RE, repair_cues
from pipeline.warehouse.write import DIGITS_RE, line_hash
from tests.test_cue_needles import _lines as cue_lines

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


def test_needs_repair_pattern_finds_each_cue_whichever_character_leads() -> None:
    """The pattern finds a pair from its rarer character (normalize._needs_repair_pattern):
    on every string of one or two characters it answers as the plain pattern of its cues."""
    single, pairs = repair_cues()
    plain = re.compile("|".join([f"[{single}]", *(f"[{a}][{b}]" for a, b in pairs)]))
    classes = [re.compile(f"[{part}]") for part in (single, *(p for pair in pairs for p in pair))]
    alphabet = []  # the first, middle and last character of each class (all of them: 5 minutes)
    for members in (
        [chr(code) for code in range(0x3000) if not 0xD800 <= code < 0xE000 and c.match(chr(code))]
        for c in classes
    ):
        alphabet += {members[0], members[len(members) // 2], members[-1]} if members else set()
    alphabet += [*"aZ5 ,.\n\téвРя日", "\ud800"]
    for first in alphabet:
        assert bool(NEEDS_REPAIR_RE.search(first)) == bool(plain.search(first)), repr(first)
        for second in alphabet:
            text = first + second
            assert bool(NEEDS_REPAIR_RE.search(text)) == bool(plain.search(text)), repr(text)


def _date_patterns_the_long_way() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    names = "|".join(sorted((re.escape(n) for n in dates._month_names()), key=len, reverse=True))
    day_first, _ = dates._named_month_res()
    long_ways = {
        "ISO_RE": (r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\b", 0),
        # A year may run into a word ("2014February"), not into more digits.
        "DOTTED_RE": (r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)", 0),
        "SLASHED_RE": (r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?!\d)", 0),
        "YEAR_FIRST_RE": (
            r"(?<![\d.:/-])(\d{4})(?:\s*年\s*|[/.]\s?)(\d{1,2})(?:\s*月\s*|[/.]\s?)(\d{1,2})(?![\d/:])",
            0,
        ),
        "YEAR_RE": (r"\d{4}", 0),
        "day_first": (
            rf"(?<![\d.:/-])(\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?({names})\.?,?\s+(?:de\s+)?"
            r"(\d{4})(?!\d)",
            re.IGNORECASE,
        ),
    }
    short = {name: getattr(dates, name, day_first) for name in long_ways}
    return {
        name: (re.compile(pattern, flags), short[name])
        for name, (pattern, flags) in long_ways.items()
    }


def test_date_patterns_that_start_with_a_digit_find_what_the_long_forms_find() -> None:
    """The date patterns open with their first digit and ask what stands before it right after
    it: the same matches, the same groups, as \\b or the look-behind before the first digit."""
    rng = random.Random(5)
    pieces = [*"0123456789" * 3, *".-/: T,aé_x\u0663\u0967年月", "de ", "May ", "mai ", "2019"]
    pieces += ["Jan. ", "st ", "марта ", "\n", "21st "]
    texts = ["".join(rng.choices(pieces, k=rng.randint(1, 30))) for _ in range(100_000)]
    texts += ["Posted 2019-05-21T10:12:00+02:00 by Anna", "21.05.2019", "x21.05.2019", "1.2.2019"]
    texts += ["05-21-2019, 10:12 PM", "2018年6月18日", "2023. 2. 5.", "21 de mayo de 2019"]
    texts += ["a1.2.2019", "x2019-05-21", "_21/05/2019", "٣21.05.2019", ".2019/04/04"]
    texts += ["12019/04/04", ":21 mai 2019", "a21 mai 2019", "-3 May 2019", "é2019-05-21"]
    for name, (long_way, short) in _date_patterns_the_long_way().items():
        for text in texts:
            expected, found = long_way.search(text), short.search(text)
            assert (found and (found.span(), found.groups())) == (
                expected and (expected.span(), expected.groups())
            ), (name, text)


def _comment_action_the_long_way(line: str) -> bool:
    book = phrase_book()
    key = trim(line)
    return (
        key in book.comment_actions
        or trim(COUNT_RE.sub("", key)) in book.comment_actions
        or (
            2 <= len(key.split()) <= ACTION_BAR_WORDS
            and all(word in book.comment_actions for word in key.split())
        )
    )


def _boilerplate_the_long_way(line: str) -> bool:
    book = phrase_book()
    folded = line.casefold()
    if ("cookie" in folded and any(word in folded for word in book.consent)) or folded.startswith(
        book.notices
    ):
        return True
    if line.count(" ") > 2 * MAX_PREFIX_WORDS:
        return False
    key = trim(line)
    return (
        key in book.exact
        or key in book.link_list
        or (key.isdigit() and len(key) <= 6)
        or (len(key.split()) <= MAX_PREFIX_WORDS and any(key.startswith(p) for p in _prefixes()))
    )


def _prefixes() -> list[str]:
    return [p for phrases in phrase_book().prefixes.values() for p in phrases]


def _phrase_lines(seed: int) -> list[str]:
    """Buttons, bars of them, counts and decorations around them, prefixes and prose."""
    book = phrase_book()
    rng = random.Random(seed)
    actions = sorted(book.comment_actions)
    words = [*actions, *_prefixes(), *sorted(book.exact)[:50], "word", "Reply", "« Like »"]
    glue = [" ", "  ", " – ", " (", ") ", "\u00a0", "1", "23", "٣", " 4 ", ": ", "•", "…", "\t"]
    lines = [
        "".join(rng.choice(words) if k % 2 else rng.choice(glue) for k in range(rng.randint(1, 9)))
        for _ in range(4000)
    ]
    lines += [f"{n * 1000003} {a}" for n, a in enumerate(actions)]
    lines += ["9" * 80 + " " + a for a in actions] + [a.upper() + " (1234567)" for a in actions]
    lines += [" ".join(rng.choices(words, k=rng.randint(20, 60))) for _ in range(300)]
    buttons = sorted((a for a in actions if " " not in a), key=len)[-8:]  # the longest bars
    lines += [" ".join(rng.sample(buttons, k)) for k in (2, 3, 4, 5) for _ in range(50)]
    return lines


def test_comment_action_shortcuts_answer_as_the_long_way() -> None:
    book = phrase_book()
    for line in _phrase_lines(3):
        assert book.is_comment_action.__wrapped__(line) == _comment_action_the_long_way(line), line


def test_boilerplate_shortcuts_answer_as_the_long_way() -> None:
    book = phrase_book()
    for line in _phrase_lines(5):
        assert book.is_boilerplate.__wrapped__(line) == _boilerplate_the_long_way(line), line


def test_every_published_in_word_holds_one_of_its_gates() -> None:
    vocab = vocabulary()
    for words, gates in (
        (vocab.published_in_words, vocab.published_in_gates),
        (vocab.published_in_ascii_words, vocab.published_in_ascii_gates),
    ):
        assert len(gates) < len(words)
        for word in words:
            assert any(gate in word for gate in gates), word
    assert _gates(["exclusively", "esclusiva", "exklusiv", "forwarded"]) == ("forwarded", "lusiv")
    assert _gates(["published", "pubblicato"]) == ("pubblicato", "published")  # "pub": too short


def test_first_characters_of_small_patterns() -> None:
    cases = {
        r"^abc": "a",
        r"^(?:ab|\d+x)": "a5٣",
        r"^(?:\w+\s+)?yes": "yQ_é日5",
        r"^[{(\[]?\s*\d": "{([ \t\u30003",
        r"^(?:there )?(?:a|[b-d])?z": "tabcdz",
        r"\bx(?=y)": "x",
    }
    for pattern, begins in cases.items():
        starts = first_characters(pattern)
        assert starts is not None, pattern
        for char in map(chr, range(0x3100)):
            if char in begins:
                assert starts.match(char), (pattern, char)
            elif not re.match(pattern, char + "bcdyz yes x1"):
                continue
            else:  # a character the pattern's matches can begin with must be in the class
                assert starts.match(char), (pattern, char)
    for pattern in (r"^a?", r"^.x", r"^[^a]x", r"(?i)^a", r"^(?i:a)", r"^(?:a|.)"):
        assert first_characters(pattern) is None, pattern


def test_heading_patterns_begin_where_their_first_characters_say() -> None:
    book = phrase_book()
    keys = [trim(p) for p in (*book.comments, *book.exact, *book.link_list)]
    keys += [f"{n} {w}" for n in ("3", "٣", "one", "un", "{ 2", "(5") for w in book.comments]
    keys += [f"{w} (12)" for w in book.comments] + [f"x {w} [3]" for w in book.comments]
    matched = 0
    for pattern, starts in book.heading_starts:
        for key in keys:
            if re.match(pattern, key):
                matched += 1
                assert starts is None or starts.match(key[:1]), (pattern, key)
    assert matched > 50


@pytest.mark.parametrize("key", ["photo_credit_re", "relative_time_re", "comment_header_re"])
def test_cue_gates_never_refuse_a_line_the_regex_matches(key: str) -> None:
    patterns = merged("segmentation", key)
    regex = re.compile("|".join(f"(?:{p})" for p in patterns))
    strings = gate(patterns)
    matched = 0
    for line in cue_lines():
        folded = line.casefold()
        if regex.search(folded):
            matched += 1
            assert _maybe(folded, strings), line
    assert matched > 0
    assert gate([r"/\s*(?:getty|ap|afp|reuters|epa|dpa)$", r"\((?:ap|afp)\)$"]) == ("(a", "/")
    assert gate([r"ab", r"cd\s"]) is None  # not a third fewer than the needles


def _outlet_the_long_way(line: str) -> str | None:
    text = line.strip()
    vocab = vocabulary()
    for regex in (vocab.source_label_re, vocab.published_in_re):
        if match := regex.search(text):
            return _outlet_name(match[1])
    if match := COPYRIGHT_RE.search(text):
        return _outlet_name(re.sub(r"\.?\s*all rights reserved.*$", "", match[1], flags=re.I))
    return None


def test_outlet_in_answers_as_every_pattern_searched() -> None:
    phrases = merged("metadata", "published_in")
    lines = [*cue_lines(), *(f"{p} The Meridian Post" for p in phrases)]
    lines += [f"Story {p.upper()} «Harbor Post», 2019" for p in phrases]
    lines += [f"He said it was {p} Nature. Then more." for p in phrases]
    found = 0
    for line in lines:
        expected = _outlet_the_long_way(line)
        assert outlet_in(line) == expected, line
        found += expected is not None
    assert found > 2 * len(phrases)


def test_first_page_pre_tests_never_refuse_a_pager() -> None:
    book = cues()
    assert book.first_page_char is not None and book.first_page_needles is not None
    regex = re.compile(book.first_page_re.pattern)
    pagers = ["Page 1 of 2", "Pages: [1] 2 3 All", "Pages: 1", "Seite 1 von 12", "Page 1 sur 1"]
    pagers += [
        "Страница 1 из 3",
        "Pagina 1 di 2",
        "Página 1 de 4",
        "Strona 1 z 9",
        "pagina 1 van 2",
    ]
    found = 0
    for line in [*cue_lines(), *pagers, *(f"5 posts • {p}" for p in pagers)]:
        folded = line.casefold()
        if regex.search(folded):
            found += 1
            assert book.first_page_char in folded and _maybe(folded, book.first_page_needles)
        assert book.is_first_page(line) == bool(regex.search(folded)), line
    assert found > len(pagers)
    assert common_character(("page 1 of ", "pages: [1]")) == "1"
    assert common_character(("abc", "bcd")) is None  # letters are in every line
