"""Bylines, author labels and outlet attributions (word lists in pipeline/lexicon/data/metadata.toml)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pipeline import lexicon
from pipeline.lexicon import casefolded
from pipeline.lexicon.cues import has_at_most
from pipeline.stages.dates import find_date

# A byline or attribution is a short line; prose that happens to start with "By" is not.
MAX_META_WORDS = 20
NAME_TOKEN_RE = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*|[A-ZА-Я]\.)$")
# Where a byline stops naming people: a separator, a date, "on <date>", a comma before a role
# (and in other languages the word before its date: Vocabulary.byline_end_re).
BYLINE_END = r"\s[|·•—–-]\s|\s\|\s?|\son\s|\d|\s\(|,\s(?=[a-zа-я])"
BYLINE_END_RE = re.compile(BYLINE_END)
QUOTED_RE = re.compile(r"[“«\"„]([^”»\"“]{2,80})[”»\"“]")
# "© 2019 X", "Copyright © 2019 X", "© Copyright 2012 X": the marks, the years, the holder.
COPYRIGHT_RE = re.compile(
    r"^(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(.+)$", re.I
)
URL_RE = re.compile(r"https?://|www\.", re.IGNORECASE)
# A user's handle after "Posted by", alone or before "at"/"on", a separator or a date.
HANDLE_RE = re.compile(r"([^\W\d][\w.-]{1,29})(?:\s+(?:at|on)\s|\s*[|·•—–]|\s+\d|\s*$)")


@dataclass(frozen=True)
class Vocabulary:
    byline_re: re.Pattern[str]
    author_label_re: re.Pattern[str]
    late_byline_re: re.Pattern[str]
    dated_intro_re: re.Pattern[str]
    bio_re: re.Pattern[str]
    source_label_re: re.Pattern[str]
    published_in_re: re.Pattern[str]
    # One word every published_in phrase contains: a cheap test that spares most lines the regex.
    # (none contains another: a word holding a shorter one is dropped, the shorter one finds it)
    published_in_words: tuple[str, ...]
    # Those of them in ASCII: all a line in ASCII can hold (its casefold is ASCII).
    published_in_ascii_words: tuple[str, ...]
    # Fewer strings, of which a line holding one of the words above holds one (their gates): a
    # line without any, most lines, is spared the words.
    published_in_gates: tuple[str, ...]
    published_in_ascii_gates: tuple[str, ...]
    joiner_re: re.Pattern[str]
    # "Reading time: 5 min", "5 min read": a byline's neighbour, not a name.
    reading_time_re: re.Pattern[str]
    # The same anywhere in a line ("Mar 26, 2024 · 7 min read", a teaser's date line).
    reading_time_mention_re: re.Pattern[str]
    # "The online magazine X" → "X".
    outlet_prefix_re: re.Pattern[str]
    # "Meridian Post 2019" (a copyright year), "X with permission": the outlet is what comes before.
    outlet_tail_re: re.Pattern[str]
    name_particles: frozenset[str]
    # Where a byline's names end (after "By", "Par"): BYLINE_END, or a date's lower-case intro
    # right before it ("le 12 mars", "am 3. März"); a particle of the name ("Mohamed el
    # Baradei") has no date after it.
    byline_end_re: re.Pattern[str]
    # Month and day names, casefolded: the date's start, never the last word of a name.
    date_words: frozenset[str]
    post_footer: tuple[str, ...]  # casefolded


def _alternatives(words: set[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _shortest_needles(phrases: Iterable[str]) -> tuple[str, ...]:
    """Each phrase's longest word, casefolded, but for words that contain another of them (a
    line holding "republished" holds "published"): one of these is in a casefolded line wherever
    one of the phrases is."""
    words = {max(p.casefold().split(), key=len) for p in phrases}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


# A gate is this long at least: shorter parts of words ("ent", "pub") are in most lines.
GATE_CHARS = 5


def _gates(words: Iterable[str]) -> tuple[str, ...]:
    """Strings of which a text holding one of `words` holds one, fewer where words share a part
    of GATE_CHARS or more ("lusiv" of "exclusively", "esclusiva", "exklusiv"): greedily the part
    the most words hold (at least two), then the words no part was found for."""
    remaining = set(words)
    gates: list[str] = []
    while True:
        parts = {
            word[i:j]
            for word in remaining
            for i in range(len(word))
            for j in range(i + GATE_CHARS, len(word) + 1)
        }
        shared = [(sum(p in w for w in remaining), len(p), p) for p in parts]
        best = max((s for s in shared if s[0] >= 2), default=None)
        if best is None:
            return tuple(sorted([*gates, *remaining]))
        gates.append(best[2])
        remaining = {w for w in remaining if best[2] not in w}


@cache
def vocabulary() -> Vocabulary:
    def merged(key: str) -> set[str]:
        return set(lexicon.merged("metadata", key))

    needles = _shortest_needles(merged("published_in"))
    return Vocabulary(
        byline_re=re.compile(rf"^(?:{_alternatives(merged('byline'))})\s*:?\s+(.+)$", re.I),
        # a label's colon is what _authors looks for before searching
        author_label_re=re.compile(rf"\b(?:{_alternatives(merged('author'))})\s*:\s*(.+)$", re.I),
        bio_re=re.compile(rf"^(.{{3,60}}?)\s(?:{_alternatives(merged('bio'))})\s"),
        dated_intro_re=re.compile(rf"^(?:{_alternatives(merged('byline_intro'))})\b", re.I),
        late_byline_re=re.compile(
            rf"^(?:{_alternatives(merged('byline_intro'))})\b.{{0,40}}?\s"
            rf"(?:{_alternatives(merged('byline'))})\s+(.+)$",
            re.I,
        ),
        source_label_re=re.compile(rf"^(?:{_alternatives(merged('source'))})\s*:\s*(.+)$", re.I),
        published_in_re=re.compile(rf"\b(?:{_alternatives(merged('published_in'))})\s+(.+)$", re.I),
        published_in_words=needles,
        published_in_ascii_words=tuple(w for w in needles if w.isascii()),
        published_in_gates=_gates(needles),
        published_in_ascii_gates=_gates(w for w in needles if w.isascii()),
        joiner_re=re.compile(rf"\s*,\s*|\s+(?:{_alternatives(merged('joiners'))})\s+", re.I),
        reading_time_re=re.compile(
            rf"^(?:(?:{_alternatives(merged('reading_time'))})\s*:?\s*)?\d+\s*"
            rf"(?:{_alternatives(merged('minute_words'))})\.?\s*"
            rf"(?:{_alternatives(merged('reading_words'))})?\.?$",
            re.I,
        ),
        reading_time_mention_re=re.compile(
            rf"\b\d+\s*(?:{_alternatives(merged('minute_words'))})\.?\s*"
            rf"(?:{_alternatives(merged('reading_words'))})\b"
            rf"|\b(?:{_alternatives(merged('reading_time'))})\b",
            re.I,
        ),
        outlet_prefix_re=re.compile(rf"^(?:{_alternatives(merged('outlet_prefix'))})\s+", re.I),
        outlet_tail_re=re.compile(
            rf"\s+(?:\d{{4}}(?:[-–]\d{{4}})?|{_alternatives(merged('permission'))})$", re.I
        ),
        name_particles=frozenset(merged("name_particles")),
        date_words=frozenset(
            word.casefold()
            for lists in lexicon.lexicon("metadata").values()
            for word in [
                *(form for forms in lists.get("months", []) for form in forms),
                *lists.get("weekdays", []),
            ]
        ),
        post_footer=tuple(sorted(word.casefold() for word in merged("post_footer"))),
        byline_end_re=re.compile(
            rf"{BYLINE_END}|\s(?:{_alternatives(merged('date_intro'))})\s(?=\d|[^\W\d]+\.?\s\d)"
        ),
    )


def is_person_name(candidate: str) -> bool:
    tokens = candidate.split()
    if not 2 <= len(tokens) <= 5 or len(candidate) > 50:
        return False
    capitalized = [t for t in tokens if t.lower() not in vocabulary().name_particles]
    return len(capitalized) >= 2 and all(NAME_TOKEN_RE.match(t) for t in capitalized)


def names_line(line: str) -> list[str]:
    """The names when the whole line is only person names ("Helen Marsh", "A, B"); else []."""
    return _names(line, BYLINE_END_RE) if has_at_most(line, MAX_META_WORDS) else []


def _names(phrase: str, end_re: re.Pattern[str]) -> list[str]:
    """The person names `phrase` starts with, up to where `end_re` says the names end."""
    parts = end_re.split(phrase, maxsplit=1)
    words = parts[0].split()
    # "Ellen DeGeneres April 12": the split stopped at the day, not the month; with no date
    # after them, "By Theresa May" keeps her name.
    while (
        len(parts) > 1 and words and words[-1].strip(" .,;:»").casefold() in vocabulary().date_words
    ):
        words.pop()
    phrase = " ".join(words).strip(" .,;:»")
    names = [n.strip(" .,;:") for n in vocabulary().joiner_re.split(phrase) if n.strip()]
    return names if names and all(is_person_name(n) for n in names) else []


def authors_in(line: str) -> list[str]:
    """Authors named by a byline ("By A and B") or a label ("… Author: A"); [] when none."""
    if not has_at_most(line, MAX_META_WORDS):
        return []
    return _authors(line.strip())


def _authors(text: str) -> list[str]:
    """authors_in of a stripped line of at most MAX_META_WORDS words."""
    vocab = vocabulary()
    # A label is followed by its colon: without one the line is spared that search, which tries
    # every label at each word (three quarters of the lines asked have no colon).
    labelled = ":" in text
    for pattern in (vocab.byline_re, vocab.author_label_re, vocab.late_byline_re):
        if pattern is vocab.author_label_re and not labelled:
            continue
        # After "Par", "le 12 mars" is the byline's date; a bare line's "op 129" may be a headline's.
        if (match := pattern.search(text)) and (names := _names(match[1], vocab.byline_end_re)):
            return names
    # "Posted by swardley at 8:38 pm": a phrase of two words or more names a user's handle too.
    if (match := vocab.byline_re.search(text)) and len(text[: match.start(1)].split()) > 1:
        handle = HANDLE_RE.match(match[1])
        return [handle[1]] if handle else []
    return []


def _outlet_name(candidate: str) -> str | None:
    if quoted := QUOTED_RE.search(candidate):
        candidate = quoted[1]
    candidate = re.split(r"\.\s|\s[|·•—–-]\s|,\s", candidate.strip(), maxsplit=1)[0]
    candidate = candidate.strip(' .,;:“”«»"')
    candidate = vocabulary().outlet_prefix_re.sub("", candidate)
    candidate = vocabulary().outlet_tail_re.sub("", candidate)
    words = candidate.split()
    if not 1 <= len(words) <= 6 or URL_RE.search(candidate) or not candidate[0].isupper():
        return None
    return candidate


def outlet_in(line: str) -> str | None:
    """The outlet an attribution names ("Source: X", "first published at X", "© 2019 X")."""
    text = line.strip()
    vocab = vocabulary()
    if match := vocab.source_label_re.search(text):
        return _outlet_name(match[1])
    # The pre-test spares most lines the search, which tries every phrase at each word.
    if _may_name_outlet(text) and (match := vocab.published_in_re.search(text)):
        return _outlet_name(match[1])
    if match := COPYRIGHT_RE.search(text):
        name = re.sub(r"\.?\s*all rights reserved.*$", "", match[1], flags=re.I)
        return _outlet_name(name)
    return None


def is_author_bio(line: str, authors: Iterable[str]) -> bool:
    """One of the page's authors, then is/est/ist… ("Hélène Girard est chercheuse associée…")."""
    match = vocabulary().bio_re.match(line.strip())
    return bool(match) and match[1].strip(" ,") in set(authors)  # type: ignore[index]


def _may_name_outlet(text: str) -> bool:
    # map over str.__contains__ runs in C: a generator expression cost three times as much.
    vocab = vocabulary()
    contains = casefolded(text).__contains__
    if text.isascii():
        gates, words = vocab.published_in_ascii_gates, vocab.published_in_ascii_words
    else:
        gates, words = vocab.published_in_gates, vocab.published_in_words
    return any(map(contains, gates)) and any(map(contains, words))


def is_meta_line(line: str, language: str | None = None) -> bool:
    """Byline, author label, source attribution, a date on its own, or a reading time."""
    text = line.strip()
    if casefolded(text).startswith(vocabulary().post_footer):
        return True  # WordPress's "This entry was posted on … You can follow any responses …"
    if _may_name_outlet(text) and vocabulary().published_in_re.search(text) and outlet_in(text):
        return True
    # Counting spaces first spares long paragraphs the split: they are never bylines.
    # (split no further than one word too many: the count of words matters up to there)
    if (
        text.count(" ") > 2 * MAX_META_WORDS
        or len(words := text.split(None, MAX_META_WORDS)) > MAX_META_WORDS
    ):
        return False
    if _authors(text) or vocabulary().reading_time_re.match(text):
        return True
    if vocabulary().dated_intro_re.match(text) and find_date(text, language) is not None:
        return True  # "Publié le 21 mai 2019 à 14h35 - Mis à jour le …"
    if vocabulary().source_label_re.search(text):
        return True
    return len(words) <= 8 and find_date(text, language) is not None
