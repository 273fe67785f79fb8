"""Authors: byline elements, declared records and meta lines, and the cleaning of each name.
The cases are bylines as real pages print them (WordPress, phpBB, news sites, several languages)."""

from __future__ import annotations

import pytest

from pipeline.settings import Settings
from pipeline.stages.authors import (
    authors_of_page,
    byline_handle,
    byline_names,
    clean_names,
    labelled_handle,
)
from pipeline.stages.html import parse_html
from pipeline.stages.process import build_document


@pytest.mark.parametrize(
    ("element", "handle"),
    [
        ("adam", "adam"),
        ("by natematias", "natematias"),
        ("Post author By goelp", "goelp"),
        ("投稿者: shanghaizuma", "shanghaizuma"),
        ("由 摄影师陈柏林", "摄影师陈柏林"),
        ("przez admin", "admin"),
        ("About the Author: tobias", "tobias"),
        ("de peanuts » Ven 7 Oct 2011 08:23", "peanuts"),
        ("by madman_xxx » Wed Jan 02, 2013 7:14 pm", "madman_xxx"),
        ("なぎ ( 2010年2月13日 19:39 )", "なぎ"),
        ("谢若含 2017-03-01 14:27:02", "谢若含"),
        ("soccercpa noviembre 2, 2015 Actualidad Deportiva", "soccercpa"),
        ("Publicado por Jorge el constructor", "Jorge el constructor"),
        ("Marco", "Marco"),  # a name, though Portuguese for March
        ("user-1451", "user-1451"),
        # A form's field, a label alone, a date, a count, a control, the outlet: no one.
        ("Name *", None),
        ("Name (required)", None),
        ("Posted by", None),
        ("October 24, 2008", None),
        ("Filed on October 3", None),
        ("1,0 Карма 12,8 Рейтинг", None),
        ("Am 26. Dezember in New York aufgenommen", None),
        ("Post Reply", None),
        ("NU.nl", None),
        ("Italy speaks C++ too", None),
        ("The Grumpy Tales The Complete Tales of The Grumpy Master Archive of the blog", None),
    ],
)
def test_a_byline_element_gives_a_handle_alone_or_before_its_date(
    element: str, handle: str | None
) -> None:
    assert byline_handle(element) == handle


@pytest.mark.parametrize(
    ("bylines", "names"),
    [
        # Co-authors in elements side by side; the element after them says something else.
        (["Bertille Bayart", "Marie Visot", "Bertille Bayart journaliste 5 abonnés"],
         ["Bertille Bayart", "Marie Visot"]),
        # A teaser's byline further down is not the article's.
        (["By Dave Wedge Friday, June 19, 2009", "Updated 6h ago", "By Jay Fitzgerald"],
         ["Dave Wedge"]),
        # The first element that names someone decides, a handle too.
        (["Post author By goelp", "jyoti", "Saket Rungta"], ["goelp"]),
        (["Max Barners Photos by Max Barners Search Main menu Skip to primary content Home "
          "About Contact", "by Max", "Max"], ["Max"]),
        (["Jakob Ulbrich Follow", "Jakob Ulbrich"], ["Jakob Ulbrich"]),
        (["Name *", "Nom *"], []),
    ],
)  # fmt: skip
def test_byline_elements_name_the_first_author_and_the_coauthors_beside(
    bylines: list[str], names: list[str]
) -> None:
    assert byline_names(bylines) == names


@pytest.mark.parametrize(
    ("line", "handle"),
    [
        ("by crew", "crew"),
        ("July 10, 2007 by matt", "matt"),
        ("by Michu on November 27, 2010", "Michu"),
        ("Posted By efeefe On Tuesday, 15 June 2010", "efeefe"),
        ("Por  Gaboo    em  11/08/2005.", "Gaboo"),
        ("Enviado por admin el Mié, 11/17/2010 - 00:38", "admin"),
        ("Verfasst von: madkaz | September 26, 2008", "madkaz"),
        ("November 29, 2010 | Author: SanFranciscoGal", "SanFranciscoGal"),
        ("By tobias|December 1, 2008|Django, dojango, dojo|2 Comments", "tobias"),
        ("Bee Farm  by  Joe Lencioni", "Joe Lencioni"),  # a person's full name anywhere
        ("by Danzel.", "Danzel"),
        # A label inside a sentence is a preposition: "de", "por" name no one there.
        ("18/01/2011 Blogs poluídos: O problema de utilizar anúncios", None),
        ("26/02/2009 Google: Pesquisar por arquivos específicos", None),
        ("Temps de lecture : 4 minutes", None),
    ],
)
def test_a_meta_line_gives_the_handle_after_its_label(line: str, handle: str | None) -> None:
    assert labelled_handle(line) == handle


def test_a_handle_in_a_meta_line_only_where_no_line_names_a_person() -> None:
    assert authors_of_page([], None, [], ["July 10, 2007 by matt"]) == ("matt",)
    assert authors_of_page([], None, [], ["July 10, 2007 by matt", "By Helen Marsh"]) == (
        "Helen Marsh",
    )


def test_names_lose_the_pages_words_around_them_and_shouting() -> None:
    names = [
        "Author Geoff",
        "Rebecca Hersher Twitter",
        "Hacker News",  # two words: a name's, not a label's
        "LOUISE RADNOFSKY",
        "Post Reply",
        "Reply With Quote",
        "Fupi Fupi",
        "Geoff",
    ]
    assert clean_names(names) == (
        "Geoff",
        "Rebecca Hersher",
        "Hacker News",
        "Louise Radnofsky",
        "Fupi",
    )


def test_a_declared_author_that_is_the_outlet_gives_way_to_the_byline() -> None:
    bylines = ["María R. Sahuquillo", "Emilio de Benito"]
    assert authors_of_page(["Ediciones El País"], "EL PAÍS", bylines, []) == (
        "María R. Sahuquillo",
        "Emilio de Benito",
    )
    # With nothing else on the page, the declared name stays.
    assert authors_of_page(["tagesschau"], "tagesschau.de", [], []) == ("tagesschau",)


@pytest.mark.parametrize(
    ("declared", "authors"),
    [
        (["Felipe Branco Cruz e Osmar Portilho"], ("Felipe Branco Cruz", "Osmar Portilho")),
        (["bill@sundstrom.us"], ("bill",)),
        (["Ernesto Serrano - http://www.ernesto.es"], ("Ernesto Serrano",)),
        (["di RICCARDO LUNA"], ("Riccardo Luna",)),
        (["/author/#author"], ("Hélène Girard",)),  # no one: the meta line's name
        (["lefigaro.fr"], ("Hélène Girard",)),
    ],
)
def test_declared_authors_are_split_and_cleaned(
    declared: list[str], authors: tuple[str, ...]
) -> None:
    assert authors_of_page(declared, None, [], ["Par Hélène Girard"]) == authors


def test_a_wordpress_posts_author_is_read_from_its_byline_not_the_comment_forms_field() -> None:
    page = """<html><head><title>Doors | House build</title>
    <meta name="twitter:creator" value="@housebuild"></head><body>
    <article><h1 class="entry-title">Doors</h1>
    <div class="entry-meta"><span class="byline">by <span class="author vcard">
      <a class="url fn n" href="/author/matt/">matt</a></span></span></div>
    <div class="entry-content"><p>We hung the last of the doors today, after three weekends
    of planing and sanding. The old frames were not square.</p></div></article>
    <div id="respond"><form id="commentform"><p class="comment-form-author">
      <label for="author">Name *</label><input id="author" name="author"></p></form></div>
    </body></html>"""
    document = build_document("page.html", page.encode(), Settings())
    assert document.authors == ("matt",)


def test_a_meta_tag_written_with_value_instead_of_content_is_read() -> None:
    page = """<html><head><title>A lost city | Observer</title>
    <meta name="author" value="Sage Lazzaro"></head><body><h1>A lost city</h1>
    <p>Archaeologists have found the remains of a city on a mountain peak in Greece, a
    discovery that changes what was known of the region.</p></body></html>"""
    document = build_document("page.html", page.encode(), Settings())
    assert document.authors == ("Sage Lazzaro",)


def test_a_drupal_posts_submitted_line_names_its_author() -> None:
    page = """<html><head><title>tar.gz | La web de Seoane</title></head><body>
    <div class="node"><h2>Descomprimir un tar.gz</h2>
    <div class="submitted">Enviado por <span class="username">admin</span>
      el Mié, 11/17/2010 - 00:38</div>
    <div class="content"><p>Para descomprimir un archivo tar.gz en Linux basta con una sola
    orden en la terminal, que conviene recordar porque se usa a menudo.</p></div></div>
    </body></html>"""
    bylines = parse_html(page).declared.bylines
    assert bylines == ("Enviado por admin el Mié, 11/17/2010 - 00:38",)
    assert byline_names(bylines) == ["admin"]
    assert build_document("page.html", page.encode(), Settings()).authors == ("admin",)
