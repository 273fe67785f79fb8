"""The authors of a page: from its byline elements, its declared record, or its meta lines,
each name cleaned of what the page put around it (word lists in lexicon/data/metadata.toml).

The text rules accept only full person names ("Helen Marsh"); an element the markup names as
the byline is evidence enough for a user's handle or a first name ("adam", "by natematias").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from pipeline import lexicon
from pipeline.lexicon.cues import has_at_most
from pipeline.stages.attribution import (
    MAX_META_WORDS,
    URL_RE,
    authors_in,
    is_person_name,
    names_line,
    vocabulary,
)

# A handle or a short name alone: at most this many words and characters.
MAX_HANDLE_WORDS = 4
MAX_HANDLE_CHARS = 40
# Where what follows a name in a byline element is no longer the name: a separator, a bracket,
# a number (a date, a post count).
AFTER_NAME = r"\s[|·•—–»/-]+(?:\s|$)|\s[(@]|\s\d|[|»，、（]"
BEFORE_LABEL_RE = re.compile(r"(?:\d|[|·•—–/:])$")
NOT_IN_NAME = frozenset("*:?!=<>{}[]#+／●")
# A byline element longer than this is a header or a teaser, not a name with its date.
MAX_HANDLE_ELEMENT_WORDS = 12
EMAIL_RE = re.compile(r"^([\w.+-]+)@[\w-]+(?:\.[\w-]+)+$")
DOMAIN_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
# "Bloomberg.com", "Telegraph.co.uk": the outlet's name before it.
DOMAIN_SUFFIX_RE = re.compile(r"\.(?:com|net|org|[a-z]{2})(?:\.[a-z]{2})?$", re.IGNORECASE)


@dataclass(frozen=True)
class _Words:
    label_re: re.Pattern[str]
    label_anywhere_re: re.Pattern[str]  # the last label of a line, before its name
    # AFTER_NAME, or the word before a date ("by Michu on November 27", "Gaboo em 11/08/2005")
    after_name_re: re.Pattern[str]
    labels: frozenset[str]  # every word of a label, casefolded
    not_name: frozenset[str]
    edge: frozenset[str]
    date_intro: frozenset[str]


@cache
def _words() -> _Words:
    def merged(key: str) -> list[str]:
        return [word.casefold() for word in lexicon.merged("metadata", key)]

    labels = {*merged("element_label"), *merged("byline"), *merged("author")}
    alternatives = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    # Inside a line, a label that is also a name's particle ("de", "di", "von") is a preposition.
    inner = "|".join(
        sorted(map(re.escape, labels - set(merged("name_particles"))), key=len, reverse=True)
    )
    return _Words(
        label_re=re.compile(rf"^(?:{alternatives})(?:\s*[:：]\s*|\s+)(.+)$", re.IGNORECASE),
        label_anywhere_re=re.compile(
            rf"(?:^|\s)(?:{inner})(?:\s*[:：]\s*|\s+)(?!.*\s(?:{inner})[:\s])",
            re.IGNORECASE,
        ),
        labels=frozenset(word for label in labels for word in label.split()),
        not_name=frozenset(merged("not_name")),
        edge=frozenset(merged("name_edge")),
        date_intro=frozenset(merged("date_intro")),
        after_name_re=re.compile(
            rf"{AFTER_NAME}|\s(?:on|at|{'|'.join(map(re.escape, merged('date_intro')))})\s+"
            r"(?=\d|[^\W\d]+\.?,?\s+\d)",
            re.IGNORECASE,
        ),
    )


def authors_of_page(
    declared: Sequence[str],
    outlet: str | None,
    bylines: Sequence[str],
    meta_lines: Iterable[str],
) -> tuple[str, ...]:
    """The page's authors: the declared ones, else the byline elements', else the names in the
    meta lines. A declared author that names the outlet ("Ediciones El País") comes last: news
    sites declare themselves where the page's byline names the journalist."""
    people = [name for value in declared for name in _split_declared(value)]
    outlets = [name for name in people if _names_outlet(name, outlet)]
    meta = list(meta_lines)
    candidates: tuple[Callable[[], list[str]], ...] = (  # in order, each asked only if needed
        lambda: [name for name in people if name not in outlets],
        lambda: byline_names(bylines),
        lambda: [name for line in meta for name in authors_in(line) or names_line(line)],
        lambda: next(([handle] for line in meta if (handle := labelled_handle(line))), []),
        lambda: outlets,
    )
    return next((names for found in candidates if (names := clean_names(found()))), ())


def labelled_handle(line: str) -> str | None:
    """The handle a byline line gives after its label, where it names no person in full ("by
    crew", "July 10, 2007 by matt", "Verfasst von: madkaz | September 26, 2008")."""
    if not has_at_most(line, MAX_HANDLE_ELEMENT_WORDS):
        return None
    label = _words().label_anywhere_re.search(line)
    if not label:
        return None
    handle = byline_handle(line[label.end() :])
    # A label inside a sentence ("… de lecture") names no one; after a date, a separator or at
    # the start of the line it does, and a person's full name anywhere.
    before = line[: label.start()].strip()
    if handle and (not before or BEFORE_LABEL_RE.search(before) or is_person_name(handle)):
        return handle
    return None


def byline_names(bylines: Sequence[str]) -> list[str]:
    """The names of the first byline element that names someone, and where that is a person's
    full name, those of the elements right after it that do too ("Bertille Bayart", "Marie
    Visot"): a page's later bylines are often its teasers' ("By Jay Fitzgerald")."""
    found: list[str] = []
    for text in bylines:
        people = _people(text)
        if found and not people:
            break
        if people:
            found.extend(people)
        elif handle := byline_handle(text):
            return [handle]
    # A byline element inside another repeats its name with the words around it
    # ("Jakob Ulbrich Follow Aug", "Jakob Ulbrich"): the shortest form is the name.
    names = list(dict.fromkeys(_once(name) for name in found))
    return [n for n in names if not any(o != n and n.startswith(f"{o} ") for o in names)]


def _people(text: str) -> list[str]:
    return authors_in(text) or names_line(_unlabelled(text))


def byline_handle(text: str) -> str | None:
    """The one name a byline element gives that is not a person's full name: a handle or a first
    name alone or before a date or separator ("adam", "by adam", "投稿者: shanghaizuma",
    "peanuts » Ven 7 Oct 2011 08:23"), or a short name alone ("Jorge el constructor")."""
    if not has_at_most(text, MAX_HANDLE_ELEMENT_WORDS):
        return None
    rest = _unlabelled(text).strip(" |·•—–-»:")
    parts = _words().after_name_re.split(rest, maxsplit=1)
    words = parts[0].strip(" ,;").split()
    # "soccercpa noviembre 2, 2015", "October 24, 2008": before a number, a month is the date's.
    while len(parts) > 1 and words and words[-1].casefold().strip(".,") in vocabulary().date_words:
        words.pop()
    candidate = " ".join(words)
    if len(words) == 1 and candidate.endswith(".") and candidate.count(".") == 1:
        candidate = candidate[:-1]  # "by Danzel." (but "B.R.")
    return candidate if _could_be_name(candidate) else None


def _unlabelled(text: str) -> str:
    """The text after its label ("Post author By goelp": "goelp"; "About the Author: tobias")."""
    text = text.strip()
    if not has_at_most(text, MAX_META_WORDS):
        return text
    if ":" in text and (labelled := vocabulary().author_label_re.search(text)):
        return labelled[1]
    match = _words().label_re.match(text)
    return match[1] if match else text


def _could_be_name(candidate: str) -> bool:
    words = candidate.split()
    if not 1 <= len(words) <= MAX_HANDLE_WORDS or len(candidate) > MAX_HANDLE_CHARS:
        return False
    if NOT_IN_NAME.intersection(candidate) or URL_RE.search(candidate) or "/" in candidate:
        return False
    if DOMAIN_RE.match(candidate):
        return False  # "NU.nl": the outlet
    folded = [word.casefold().strip(".,;'’") for word in words]
    vocab, date_words = _words(), vocabulary().date_words
    if any(w in vocab.labels or w in vocab.not_name for w in folded):
        return False  # "Posted by", "Name *"
    if len(words) > 1 and any(w in date_words for w in folded):
        return False  # "Filed on October" (but "Marco" is a name, and Portuguese for March)
    # "3 April", "1,0 Карма" (a count), "Am 26. Dezember" (a date's word before it).
    if words[0][0].isdigit() or folded[0] in vocab.date_intro:
        return False
    return any(char.isalpha() for char in candidate)


def clean_names(names: Iterable[str]) -> tuple[str, ...]:
    """Each name without the page's words at its edges ("Author Geoff", "Rebecca Hersher
    Twitter"), in title case where the page shouts it ("LOUISE RADNOFSKY"); a control's label
    ("Post Reply") is no name. Once each, in order."""
    cleaned: list[str] = []
    for name in names:
        words = name.split()
        edge = _words().edge
        while words and words[0].casefold() in edge:
            words.pop(0)
        while len(words) > 2 and words[-1].casefold() in edge:  # but "Hacker News"
            words.pop()
        if not words or any(w.casefold().strip(".,;'’") in _words().not_name for w in words):
            continue
        if len(words) > 1 and all(w.isupper() for w in words):
            words = [w.title() if w.isalpha() else w for w in words]
        text = _once(" ".join(words))
        if text not in cleaned:
            cleaned.append(text)
    return tuple(cleaned)


def _split_declared(value: str) -> list[str]:
    """A declared author as the people it names: "A e B" is two, "bill@example.org" is "bill";
    a domain or a link is nobody ("lefigaro.fr", "/author/#author")."""
    text = value.strip()
    if email := EMAIL_RE.match(text):
        return [email[1]]
    if url := URL_RE.search(text):
        text = text[: url.start()].strip(" -–|,(")
    text = _unlabelled(text)
    if not text or text.startswith("/") or DOMAIN_RE.match(text):
        return []
    parts = [p.strip() for p in vocabulary().joiner_re.split(text) if p.strip()]
    return parts if len(parts) > 1 and all(map(is_person_name, parts)) else [text]


def _names_outlet(name: str, outlet: str | None) -> bool:
    """ "Ediciones El País" of "EL PAÍS", "8world" of "8world"."""
    site = DOMAIN_SUFFIX_RE.sub("", outlet or "").casefold()
    return bool(site) and site in name.casefold()


def _once(name: str) -> str:
    """ "Fupi Fupi": a name printed twice (once for screen readers) is one name."""
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half and words[:half] == words[half:] else name
