"""Segmentation cues (pipeline/data/segmentation.toml) compiled into line tests."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.lexicon import casefolded, lexicon, merged, remember_answers

WORD_RE = re.compile(r"[\w'’]+")
# Languages written without spaces between words.
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "th"})
# A caption with its credit runs at most this long; a paragraph may end with a "(Reuters)".
CREDIT_LINE_MAX_WORDS = 40
# "Started by stephan_35 · 2009-04-23 11:54 UTC · 6 replies · SMF topic #727"
STARTER_LINE_MAX_WORDS = 16
LIST_MARKER_RE = re.compile(r"^(?:[-–—•*▪►]|\d{1,2}[.)])(?:\s|$)")
# The questions whose answers the cues remember (each a function of its arguments alone).
_REMEMBERED = (
    "is_conversational",
    "speaks",
    "is_caption",
    "ends_with_credit",
    "has_relative_time",
    "is_comment_header",
)


# The standard library's own parser of regular expressions (what re.compile reads patterns with).
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")


class _Unsupported(Exception):
    """A pattern construct the literal analysis does not follow."""


# One of these strings must occur in a line a pattern can match.
Needles = frozenset[str]


def _usable(needs: Iterable[Needles]) -> list[Needles]:
    """The requirements a substring test can check: at least one string, none of them empty."""
    return [n for n in needs if n and "" not in n]


def _selectivity(need: Needles) -> tuple[int, int]:
    """Ordering requirements by selectivity: the longer their shortest string, the fewer lines
    hold one; then the fewer strings, the better."""
    return min(map(len, need)), -len(need)


def _best(needs: Iterable[Needles]) -> Needles | None:
    """The most selective requirement."""
    return max(_usable(needs), key=_selectivity, default=None)


def _needs(items: Iterable[tuple[Any, Any]]) -> list[Needles]:
    """What a sequence of parsed pattern items requires of the text: each runs of literal
    characters, and whatever its mandatory groups, branches and repeats require."""
    needs: list[Needles] = []
    run: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            needs.append(frozenset({"".join(run)}))
            run = []
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            if add_flags or del_flags:
                raise _Unsupported(op)
            needs.extend(_needs(sub))
        elif op is sre.ATOMIC_GROUP:
            needs.extend(_needs(arg))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            least, _most, sub = arg
            if least >= 1:
                needs.extend(_needs(sub))
        elif op is sre.BRANCH:
            _, branches = arg
            chosen = [_best(_needs(branch)) for branch in branches]
            if all(chosen):
                needs.append(frozenset[str]().union(*(c for c in chosen if c)))
        elif op is sre.IN:
            members = arg
            if all(kind is sre.LITERAL for kind, _ in members):
                needs.append(frozenset(chr(c) for _, c in members))
    if run:
        needs.append(frozenset({"".join(run)}))
    return needs


def _requirements(patterns: Iterable[str]) -> list[list[Needles]] | None:
    """Each pattern's usable requirements, or None where some pattern has flags, a construct the
    analysis does not follow, or no requirement of literal text."""
    found: list[list[Needles]] = []
    try:
        for pattern in patterns:
            parsed = sre_parse.parse(pattern)
            if parsed.state.flags & ~(sre.SRE_FLAG_UNICODE):
                return None
            usable = _usable(_needs(parsed))
            if not usable:
                return None
            found.append(usable)
    except _Unsupported:
        return None
    return found


def _union(chosen: Iterable[Needles]) -> tuple[str, ...]:
    return tuple(sorted(frozenset[str]().union(*chosen)))


def _most_selective(requirements: list[list[Needles]]) -> tuple[str, ...]:
    return _union(max(usable, key=_selectivity) for usable in requirements)


def needles(patterns: Iterable[str]) -> tuple[str, ...] | None:
    """Strings of which a text must hold one for any of `patterns` to match it (each searched
    as it is, without flags), or None where some pattern requires no literal text: a cheap
    test in C that spares most lines the regular expression."""
    requirements = _requirements(patterns)
    return None if requirements is None else _most_selective(requirements)


def gate(patterns: Iterable[str]) -> tuple[str, ...] | None:
    """A cheaper test than needles(patterns) where there is one: of each pattern the requirement
    with the fewest strings (a credit's "/" or ":" rather than its fifteen agency names), which
    a text holding a match of it holds along with all its others. None where that is not a
    third fewer strings than the needles, or where some pattern requires no literal text."""
    requirements = _requirements(patterns)
    if requirements is None:
        return None
    fewest = _union(min(r, key=lambda n: (len(n), -min(map(len, n)))) for r in requirements)
    return None if 3 * len(fewest) > 2 * len(_most_selective(requirements)) else fewest


def common_character(strings: tuple[str, ...] | None) -> str | None:
    """A character each of `strings` holds, neither a letter nor a space (those are in every
    line): one test that spares most lines the strings. None where there is none."""
    if not strings:
        return None
    common = set(strings[0]).intersection(*strings[1:])
    return min((c for c in common if not (c.isalpha() or c.isspace())), default=None)


def _maybe(text: str, strings: tuple[str, ...] | None) -> bool:
    return strings is None or any(map(text.__contains__, strings))


@dataclass(frozen=True)
class Cues:
    first_person: frozenset[str]
    first_person_by_language: dict[str, frozenset[str]]
    captions: tuple[str, ...]
    # The longest caption's length: casefolding maps each character on its own to one or more
    # characters, so a line's first this many characters decide whether it starts with one.
    caption_chars: int
    comment_header_re: re.Pattern[str]
    relative_time_re: re.Pattern[str]
    photo_credit_re: re.Pattern[str]
    member_since: tuple[str, ...]
    member_labels: frozenset[str]  # member_since without its colon: a label on its own line
    first_page_re: re.Pattern[str]
    topic_size_re: re.Pattern[str]
    starter_re: re.Pattern[str]
    # Strings of which a casefolded line holds one wherever the regex above matches (None: no
    # such test), tried first.
    comment_header_needles: tuple[str, ...] | None = None
    relative_time_needles: tuple[str, ...] | None = None
    photo_credit_needles: tuple[str, ...] | None = None
    # Fewer strings still (gate()), asked before the needles; None: none.
    relative_time_gate: tuple[str, ...] | None = None
    photo_credit_gate: tuple[str, ...] | None = None
    first_page_needles: tuple[str, ...] | None = None
    # A character every one of them holds ("1" of "page 1 of "), looked for first; None: none.
    first_page_char: str | None = None

    def __post_init__(self) -> None:
        remember_answers(self, _REMEMBERED)

    def is_conversational(self, line: str) -> bool:
        return not self.first_person.isdisjoint(WORD_RE.findall(casefolded(line)))

    def speaks(self, line: str, language: str) -> bool:
        """First or second person in this language's own words (Portuguese "eu" is Dutch "EU")."""
        words = self.first_person_by_language.get(language, frozenset())
        if language in UNSPACED_LANGUAGES:  # no spaces to split words at: look for them inside
            return any(word in line for word in words)
        return not words.isdisjoint(WORD_RE.findall(casefolded(line)))

    def knows_voice(self, language: str | None) -> bool:
        """Whether the lexicon lists this language's words of conversation."""
        return language in self.first_person_by_language

    def is_caption(self, line: str) -> bool:
        return line[: self.caption_chars].casefold().startswith(self.captions)

    def ends_with_credit(self, line: str) -> bool:
        """A picture's caption that ends with its credit ("Police stand guard on Sunday.
        Photograph: Stephanie Keith/Reuters", "… Chuck Burton/AP")."""
        if not has_at_most(line, CREDIT_LINE_MAX_WORDS):
            return False
        folded = casefolded(line)
        return (
            _maybe(folded, self.photo_credit_gate)
            and _maybe(folded, self.photo_credit_needles)
            and bool(self.photo_credit_re.search(folded))
        )

    def has_relative_time(self, line: str) -> bool:
        folded = casefolded(line)
        return (
            _maybe(folded, self.relative_time_gate)
            and _maybe(folded, self.relative_time_needles)
            and bool(self.relative_time_re.search(folded))
        )

    def is_join_date(self, line: str) -> bool:
        """A poster's card dates the member ("Joined: 23 May 2003", "Registriert: 12.03.2008"),
        not the post: guests' posts carry no such line, so it is no header of a thread's template."""
        return casefolded(line).startswith(self.member_since)

    def is_join_label(self, line: str) -> bool:
        """A poster's card labels the date on the next line as their join date ("Joined" over
        "Jul 12, 2011": XenForo, vBulletin 5's "Join Date:")."""
        return casefolded(line).strip().rstrip(":").rstrip() in self.member_labels

    def is_first_page(self, line: str) -> bool:
        """A topic's pager says this is its first page ("Page 1 of 2", "Page 1 sur 1")."""
        folded = casefolded(line)
        return (
            (self.first_page_char is None or self.first_page_char in folded)
            and _maybe(folded, self.first_page_needles)
            and bool(self.first_page_re.search(folded))
        )

    def topic_size(self, line: str) -> int | None:
        """How many posts a topic holds, as its page says over them ("5 posts", "12 Beiträge")."""
        if not has_at_most(line, 3):
            return None
        match = self.topic_size_re.fullmatch(casefolded(line).strip())
        return int(next(group for group in match.groups() if group)) if match else None

    def topic_starter(self, line: str) -> str | None:
        """The casefolded name of the topic's starter a line gives ("Started by Peter2 · …")."""
        if not has_at_most(line, STARTER_LINE_MAX_WORDS):
            return None
        match = self.starter_re.match(casefolded(line).strip())
        return next((group for group in match.groups() if group), None) if match else None

    def is_comment_header(self, line: str) -> bool:
        if not has_at_most(line, 10):
            return False
        folded = casefolded(line)
        return _maybe(folded, self.comment_header_needles) and bool(
            self.comment_header_re.search(folded)
        )


def has_at_most(line: str, words: int) -> bool:
    """Whether `line` has at most this many words (runs of non-space): the split stops after
    one more, not building a string for each word of a long paragraph."""
    return len(line.split(None, words)) <= words


@cache
def cues() -> Cues:
    captions = tuple(merged("segmentation", "caption"))
    return Cues(
        first_person=frozenset(merged("segmentation", "first_person")),
        first_person_by_language={
            language: frozenset(lists["first_person"])
            for language, lists in lexicon("segmentation").items()
            if "first_person" in lists
        },
        captions=captions,
        caption_chars=max(map(len, captions), default=0),
        comment_header_re=_alternatives("comment_header_re"),
        relative_time_re=_alternatives("relative_time_re"),
        photo_credit_re=_alternatives("photo_credit_re"),
        member_since=tuple(merged("segmentation", "member_since")),
        member_labels=frozenset(
            label.rstrip(":").rstrip() for label in merged("segmentation", "member_since")
        ),
        first_page_re=_alternatives("first_page_re"),
        topic_size_re=_alternatives("topic_size_re"),
        starter_re=_alternatives("starter_re"),
        comment_header_needles=needles(merged("segmentation", "comment_header_re")),
        relative_time_needles=needles(merged("segmentation", "relative_time_re")),
        photo_credit_needles=needles(merged("segmentation", "photo_credit_re")),
        relative_time_gate=gate(merged("segmentation", "relative_time_re")),
        first_page_needles=needles(merged("segmentation", "first_page_re")),
        first_page_char=common_character(needles(merged("segmentation", "first_page_re"))),
        photo_credit_gate=gate(merged("segmentation", "photo_credit_re")),
    )


def _alternatives(key: str) -> re.Pattern[str]:
    """The segmentation lexicon's patterns under `key`, in every language, as one regex."""
    return re.compile("|".join(f"(?:{p})" for p in merged("segmentation", key)))


def is_list_item(line: str) -> bool:
    return bool(LIST_MARKER_RE.match(line))
