"""Bylines, outlets and dates: one case per rule, several languages."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.stages.attribution import authors_in, is_meta_line, outlet_in
from pipeline.stages.dates import find_date


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Andrew Korybko", ["Andrew Korybko"]),
        ("21.05.2019 Author: Salman Rafi Sheikh", ["Salman Rafi Sheikh"]),
        ("By Anna Petrova and John Smith", ["Anna Petrova", "John Smith"]),
        ("By John Smith | May 21, 2019", ["John Smith"]),
        ("Von Max Müller und Eva Schmidt", ["Max Müller", "Eva Schmidt"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("Di Marco Rossi e Giulia Bianchi", ["Marco Rossi", "Giulia Bianchi"]),
        ("Par Jean-Pierre Dupont", ["Jean-Pierre Dupont"]),
        ("Por María José García y Luis Pérez", ["María José García", "Luis Pérez"]),
        # The word before a byline's date is not the name's ("le", "am", "el"); a particle is.
        ("Par Jean Dupont le 12 mars 2019", ["Jean Dupont"]),
        ("Von Hans Müller am 3. März 2020", ["Hans Müller"]),
        ("Por Juan Pérez el 3 de marzo de 2020", ["Juan Pérez"]),
        ("By Mohamed el Baradei on 3 May 2020", ["Mohamed el Baradei"]),
        # A user's handle after "Posted by"; a month or day name starts the date, not the name.
        ("Posted by swardley at 8:38 pm", ["swardley"]),
        ("Posted by bill at December 24, 2006 12:14 PM", ["bill"]),
        ("Posted by John Smith at 8:38 pm", ["John Smith"]),
        ("Posted by Ellen DeGeneres April 12, 2011", ["Ellen DeGeneres"]),
        ("By then at 5 pm", []),
        ("By Theresa May", ["Theresa May"]),  # a month name ends a name only before a date
        ("by the way, nobody expected this", []),
        ("By now the sanctions have bitten deep into the economy of the region.", []),
    ],
)
def test_authors_in(line: str, authors: list[str]) -> None:
    assert authors_in(line) == authors


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Source: Oriental Review", "Oriental Review"),
        (
            "Salman Rafi Sheikh, research-analyst, exclusively for the online magazine "
            "“New Eastern Outlook”.",
            "New Eastern Outlook",
        ),
        ("© 2019 Eurasia Future. All rights reserved.", "Eurasia Future"),
        ("Copyright © 2019 Oriental Review. All rights reserved.", "Oriental Review"),
        ("© Copyright 2006-2007 QuakeWarsLeague.com", "QuakeWarsLeague.com"),
        ("First published at The Saker", "The Saker"),
        ("Source: https://example.org/2019/05/story", None),
        ("Latest from Senza categoria", None),
    ],
)
def test_outlet_in(line: str, outlet: str | None) -> None:
    assert outlet_in(line) == outlet


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("21.05.2019 Author: X", None, date(2019, 5, 21)),
        ("2019-05-21T10:12:00+03:00", None, date(2019, 5, 21)),
        ("05/21/2019", "en", date(2019, 5, 21)),
        ("06/05/2019", "en", date(2019, 6, 5)),
        ("06/05/2019", "fr", date(2019, 5, 6)),
        ("May 21, 2019", "en", date(2019, 5, 21)),
        ("21 мая 2019 г.", "ru", date(2019, 5, 21)),
        ("21. Mai 2019", "de", date(2019, 5, 21)),
        ("21 maggio 2019", "it", date(2019, 5, 21)),
        ("1er mai 2019", "fr", date(2019, 5, 1)),
        ("21 de mayo de 2019", "es", date(2019, 5, 21)),
        ("31.02.2019", None, None),
        ("in 2019 or so", None, None),
        # Blogger glues the commenter's name to the date.
        ("Luc Poulette26 mars 2012 à 16 h 32", "fr", date(2012, 3, 26)),
        ("126 mars 2012", "fr", None),
        # WordPress prints the published and modified dates with nothing between them, or the
        # categories right after the year: the text a reader copies glues them.
        ("Posted on February 23, 2014February 24, 2014Categories", "en", date(2014, 2, 23)),
        ("Posted on 17 May 2005Categories General", "en", date(2005, 5, 17)),
        ("Agosto 26, 2024Agosto 26, 2024", "it", date(2024, 8, 26)),
        ("12.03.2008Antworten", "de", date(2008, 3, 12)),
        ("05/21/20190", "en", None),
    ],
)
def test_find_date(line: str, language: str | None, expected: date | None) -> None:
    assert find_date(line, language) == expected


def test_meta_lines_are_short_attributions_not_prose() -> None:
    assert is_meta_line("Source: Eurasia Future")
    assert is_meta_line("5 min read")
    assert is_meta_line("May 21, 2019")
    assert not is_meta_line("On May 21, 2019 the ministers met in Sochi for a long day of talks.")


def test_a_wordpress_posts_own_footer_is_meta_whatever_its_length() -> None:
    """WordPress themes close a post with "This entry was posted on … and is filed under …
    You can follow any responses …" (45 words, longer than any byline): the post's metadata."""
    assert is_meta_line(
        "This entry was posted on Tuesday, May 25th, 2010 at 8:31 am and is filed under Comics. "
        "You can follow any responses to this entry through the RSS 2.0 feed. You can leave a "
        "response, or trackback from your own site."
    )
    assert is_meta_line("This entry was posted in General. Bookmark the permalink.")
    assert is_meta_line("Dieser Eintrag wurde veröffentlicht in Allgemein. Lesezeichen.")
    assert not is_meta_line("This entry was hard to write, and I posted it late at night.")
