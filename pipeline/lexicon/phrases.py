"""Boilerplate phrase lists (pipeline/data/boilerplate.toml) compiled into line tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline.lexicon import lexicon

# Decorations around UI labels: "Share ›", "Related:", "» Read more", "Name *".
_EDGE_JUNK = " \t:;.,!?*|›»«<>→←•·-–—()[]\"'“”„"
# Phrases from the `prefix` list only count on short lines: prose may quote them.
MAX_PREFIX_WORDS = 25


@lru_cache(maxsize=4096)  # each line is asked several questions (boilerplate? link list? …)
def trim(line: str) -> str:
    """The comparison key of a line: lower-cased, whitespace collapsed, decorations trimmed."""
    return " ".join(line.casefold().split()).strip(_EDGE_JUNK)


@dataclass(frozen=True)
class PhraseBook:
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    link_list: frozenset[str]
    link_list_openers: tuple[str, ...]  # each link-list phrase and a space: "related stories "
    comments: frozenset[str]
    comments_re: re.Pattern[str]
    consent: tuple[str, ...]
    comment_form: frozenset[str]
    comment_actions: frozenset[str]

    def is_boilerplate(self, line: str) -> bool:
        if self.is_cookie_notice(line):
            return True
        if line.count(" ") > 2 * MAX_PREFIX_WORDS:  # a paragraph: spare it the normalization
            return False
        key = trim(line)
        if key in self.exact or key in self.link_list:
            return True
        if key.isdigit() and len(key) <= 6:
            return True  # a vote count or a page number
        return len(key.split()) <= MAX_PREFIX_WORDS and key.startswith(self.prefixes)

    def opens_comment_form(self, line: str) -> bool:
        return trim(line) in self.comment_form

    def is_comment_action(self, line: str) -> bool:
        return trim(line) in self.comment_actions

    def is_cookie_notice(self, line: str) -> bool:
        folded = line.casefold()
        return "cookie" in folded and any(word in folded for word in self.consent)

    def opens_link_list(self, line: str) -> bool:
        key = trim(line)
        return key in self.link_list or (
            len(key.split()) <= 6 and key.startswith(self.link_list_openers)
        )

    def opens_comments(self, line: str) -> bool:
        key = trim(line)
        return key in self.comments or bool(self.comments_re.search(key))


@cache
def phrase_book() -> PhraseBook:
    languages = lexicon("boilerplate")
    exact: set[str] = set()
    prefixes: set[str] = set()
    link_list: set[str] = set()
    comments: set[str] = set()
    patterns: list[str] = []
    consent: set[str] = set()
    comment_form: set[str] = set()
    comment_actions: set[str] = set()
    for lists in languages.values():
        exact.update(trim(p) for p in lists.get("exact", []))
        prefixes.update(trim(p) for p in lists.get("prefix", []))
        link_list.update(trim(p) for p in lists.get("link_list", []))
        comments.update(trim(p) for p in lists.get("comments", []))
        patterns.extend(lists.get("comments_re", []))
        consent.update(lists.get("consent", []))
        comment_form.update(trim(p) for p in lists.get("comment_form", []))
        comment_actions.update(trim(p) for p in lists.get("comment_actions", []))
    return PhraseBook(
        exact=frozenset(exact - comments),
        prefixes=tuple(sorted(prefixes)),
        link_list=frozenset(link_list),
        link_list_openers=tuple(sorted(f"{p} " for p in link_list)),
        comments=frozenset(comments),
        comments_re=re.compile("|".join(f"(?:{p})" for p in patterns)),
        consent=tuple(sorted(consent)),
        comment_form=frozenset(comment_form),
        comment_actions=frozenset(comment_actions),
    )
