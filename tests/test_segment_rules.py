"""One small page per segmentation and metadata rule, so each rule fails on its own when broken.
The dev set (test_devset.py) measures them together on realistic pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.lexicon.phrases import phrase_book
from pipeline.stages.attribution import authors_in, is_meta_line, names_line, outlet_in
from pipeline.stages.comments import extract_comments
from pipeline.stages.dates import find_date
from pipeline.stages.html import Declared
from pipeline.stages.metadata import extract_metadata
from pipeline.stages.segment import Block, classify_lines, is_breadcrumb, is_title_like
from pipeline.stages.threads import find_conversations

PARAGRAPH = (
    "The foreign ministers met for three hours behind closed doors, and neither side would say "
    "afterwards whether the sanctions, the arms talks or the consulates had taken most of the time."
)
SECOND = (
    "Diplomats on both sides described the atmosphere as businesslike, a word that in this "
    "relationship has come to mean that nobody walked out and nothing was agreed."
)


def roles(page: str, language: str | None = "en") -> dict[str, str]:
    return {block.text: block.role for block in classify_lines(page, language)}


def test_bare_author_name_under_the_headline_is_meta_not_the_title() -> None:
    page = f"Menu\n\nWhy the talks stalled in Geneva\n\nHelen Marsh\n\n{PARAGRAPH}\n\n{SECOND}\n"
    got = roles(page)
    assert got["Why the talks stalled in Geneva"] == "title"
    assert got["Helen Marsh"] == "meta"
    blocks = classify_lines(page, "en")
    assert extract_metadata(blocks, "en").authors == ("Helen Marsh",)


def test_longer_line_under_a_headline_is_its_standfirst() -> None:
    standfirst = (
        "Neither side would say whether the sanctions or the consulates took most of the time"
    )
    page = f"Talks in Geneva end without a deal\n\n{standfirst}\n\n{PARAGRAPH}\n\n{SECOND}\n"
    got = roles(page)
    assert got["Talks in Geneva end without a deal"] == "title"
    assert got[standfirst] == "body"


@pytest.mark.parametrize(
    "line",
    ["Home » News » Politics", "Startseite > Politik > Ausland", "Home / World / Middle East"],
)
def test_breadcrumbs_are_not_headlines(line: str) -> None:
    assert is_breadcrumb(line) and not is_title_like(line)


@pytest.mark.parametrize("line", ["Просмотров: 2 418", "Рубрика: Аналитика", "di Redazione"])
def test_labels_and_staff_bylines_are_not_headlines(line: str) -> None:
    assert not is_title_like(line)


def test_runs_of_link_like_lines_inside_the_article_are_boilerplate() -> None:
    related = ["Related news", "Pacific Fleet begins exercises", "Delegation to visit Vladivostok"]
    page = "\n\n".join(["Talks end without a deal", PARAGRAPH, *related, SECOND]) + "\n"
    got = roles(page)
    assert {got[line] for line in related} == {"boilerplate"}
    assert got[SECOND] == "body"


def test_a_lone_short_line_before_prose_is_a_section_heading() -> None:
    page = f"Talks end without a deal\n\n{PARAGRAPH}\n\nThe sanctions question\n\n{SECOND}\n"
    assert roles(page)["The sanctions question"] == "heading"


def test_photo_credit_and_the_caption_above_it_are_boilerplate() -> None:
    caption = "Huawei's headquarters in Shenzhen, on 16 May 2019."
    page = f"Talks end without a deal\n\n{PARAGRAPH}\n\n{caption}\n\nPhoto: AFP\n\n{SECOND}\n"
    got = roles(page)
    assert got[caption] == "boilerplate" and got["Photo: AFP"] == "boilerplate"


@pytest.mark.parametrize(
    "opener",
    [
        "63 comments",
        "Комментарии (7)",
        "6 Gedanken zu „Europawahl 2019“",
        "4 commenti su “Venezuela”",
        "4 réflexions au sujet de « Brexit »",
        "3 respuestas a «La guerra comercial»",
    ],
)
def test_wordpress_comment_openers_in_six_languages(opener: str) -> None:
    assert phrase_book().opens_comments(opener)


def test_a_page_that_opens_with_n_comments_is_a_thread() -> None:
    page = (
        "63 comments\n\nMarko V.\nThe loan is the whole story.\nReply\n\nBrussels sends reports.\n"
    )
    blocks = classify_lines(page, "en")
    assert extract_metadata(blocks, "en").kind == "comments"


def test_the_footer_after_a_thread_is_boilerplate_and_names_the_outlet() -> None:
    page = (
        f"Talks end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\n2 comments\n\n"
        "Anna says: May 21, 2019 at 3:12 pm\nI agree with every word of this.\nReply\n\n"
        "© 2019 The Caucasus Observer\nPrivacy\nContact\n"
    )
    got = roles(page)
    assert got["I agree with every word of this."] == "comment"
    assert got["© 2019 The Caucasus Observer"] == "boilerplate" and got["Contact"] == "boilerplate"
    metadata = extract_metadata(classify_lines(page, "en"), "en")
    assert metadata.outlet == "The Caucasus Observer" and metadata.kind == "article_with_comments"


def test_the_headline_shares_its_words_with_the_text_a_nearer_menu_label_does_not() -> None:
    text = (
        "For the last couple of days we have been asking readers how they cope with the flood of "
        "feeds, and which tools help them filter it down to a slow, readable trickle."
    )
    page = (
        "Mashable\n\nSlow Feed Movement: 7 Tools to Filter the RSS Flood\n\n"
        "14\n\nemail\n\nshare\n\nTumblr\n\n27\n\ntweet\n\n23\n\n"  # the share bar's counts
        f"Featured in US & World\n\n{text}\n\n{SECOND}\n"
    )
    got = roles(page)
    assert got["Slow Feed Movement: 7 Tools to Filter the RSS Flood"] == "title"
    assert got["Featured in US & World"] == "boilerplate"


def test_a_bare_author_name_of_short_words_under_a_short_headline_stays_the_byline() -> None:
    # No word of four letters: nothing the text could go on about, so not taken for a headline.
    page = f"Menu\n\nTalks stall\n\nAnn Lee\n\n{PARAGRAPH}\n\n{SECOND}\n"
    got = roles(page)
    assert (got["Talks stall"], got["Ann Lee"]) == ("title", "meta")


def test_a_name_like_headline_the_text_goes_on_about_is_no_byline() -> None:
    text = (
        "Sainsbury's Ginger Beer has more sneezes in it than the one from Tesco, and after a "
        "week of tasting both we think that can only be a good thing."
    )
    page = f"whizzy.org\n\nMenu Close\n\nGinger Beer\n\n{text}\n\n{SECOND}\n"
    got = roles(page)
    assert got["Ginger Beer"] == "title"
    assert extract_metadata(classify_lines(page, "en"), "en").authors == ()


def test_the_date_of_a_byline_in_the_posts_footer_bar_where_no_meta_line_has_one() -> None:
    def block(seq: int, role: str, text: str) -> Block:
        return Block(seq, seq, seq, role, text, None)

    blocks = [
        block(1, "boilerplate", "Archives: May 2009"),
        block(2, "title", "Ginger Beer"),
        block(3, "body", PARAGRAPH),
        block(4, "boilerplate", "Posted by will / June 5, 2009"),
        block(5, "comment", "Great post! Posted on June 7, 2009"),
    ]
    assert extract_metadata(blocks, "en").published == date(2009, 6, 5)
    # Under the first comment, furniture speaks of other posts.
    assert extract_metadata([*blocks[:3], blocks[4], blocks[3]], "en").published is None


def test_a_posters_join_date_and_an_embedded_tweets_date_do_not_date_the_page() -> None:
    blocks = [
        Block(1, 1, 1, "title", "Wiper switch", None),
        Block(2, 2, 2, "meta", "Joined: Thu Aug 10, 2017 8:54 pm", None),
        Block(3, 3, 3, "body", PARAGRAPH, None),
        Block(4, 4, 4, "meta", "— Elon Musk (@elonmusk) September 9, 2016", None),
        Block(5, 5, 5, "meta", "Post by El torro » Thu Jun 04, 2020 5:51 pm", None),
    ]
    assert extract_metadata(blocks, "en").published == date(2020, 6, 4)


def test_a_forum_topics_title_is_what_its_page_title_names_beside_the_forum() -> None:
    blocks = [
        Block(1, 1, 1, "boilerplate", "Forum index", None),
        Block(2, 2, 2, "comment", "Is it a guy or a girl? I could never tell from the show.", 1),
        Block(3, 3, 3, "comment", "A girl, they say so in the second season.", 2),
    ]
    declared = Declared(page_title="Is ash a guy or girl - Sneaky Crab Forums")
    assert extract_metadata(blocks, "en", declared).title == "Is ash a guy or girl"
    # A page of nothing (no text, no thread) takes no headline from its <title>.
    assert extract_metadata(blocks[:1], "en", declared).title is None


def test_outlet_from_a_site_name_repeated_in_header_and_footer() -> None:
    page = f"Mirada Sur\n\nInicio\n\nLa guerra comercial ya se nota\n\n{PARAGRAPH}\n\n{SECOND}\n\nMirada Sur · Funciona con WordPress\n"
    assert extract_metadata(classify_lines(page, "es"), "es").outlet == "Mirada Sur"


def test_a_newsletter_copyright_naming_its_author_is_not_an_outlet() -> None:
    page = (
        f"Why the talks stalled\n\nHelen Marsh\n\n{PARAGRAPH}\n\n{SECOND}\n\n© 2019 Helen Marsh\n"
    )
    assert extract_metadata(classify_lines(page, "en"), "en").outlet is None


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Publié le 21 mai 2019 par Sophie Lambert — 4 commentaires", ["Sophie Lambert"]),
        ("Publicado el 20 de mayo de 2019 por Javier Molina", ["Javier Molina"]),
        ("Veröffentlicht am 21. Mai 2019 von Thomas Berger", ["Thomas Berger"]),
        ("Ein Kommentar von Julia Hartmann", ["Julia Hartmann"]),
        ("Pubblicato il 20 maggio 2019 da Francesca Bianchi", ["Francesca Bianchi"]),
    ],
)
def test_bylines_after_an_introduction(line: str, authors: list[str]) -> None:
    assert authors_in(line) == authors


def test_names_line_takes_only_lines_of_names() -> None:
    assert names_line("Иван Петров, Мария Сидорова") == ["Иван Петров", "Мария Сидорова"]
    assert names_line("Why the talks stalled") == []


@pytest.mark.parametrize(
    "line",
    [
        "Publié le 21 mai 2019 à 14h35 - Mis à jour le 21 mai 2019 à 16h10",
        "Temps de lecture 4 min.",
        "Lesezeit: 5 Minuten",
    ],
)
def test_dated_publication_lines_and_reading_times_are_meta(line: str) -> None:
    assert is_meta_line(line, "fr" if "Temps" in line or "Publié" in line else "de")


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("© 2019 Meridian Post", "Meridian Post"),
        ("Republished from High North Quarterly with permission", "High North Quarterly"),
    ],
)
def test_outlet_without_year_or_permission_note(line: str, outlet: str) -> None:
    assert outlet_in(line) == outlet


@pytest.mark.parametrize("opener", ["Read also:", "Читайте также:", "Previous Story"])
def test_headlines_listed_under_a_link_list_opener_are_boilerplate(opener: str) -> None:
    headline = "Pacific Fleet begins exercises near the Kuril Islands"
    page = f"Talks end without a deal\n\n{PARAGRAPH}\n\n{opener}\n{headline}\n\n{SECOND}\n"
    got = roles(page)
    assert got[opener] == "boilerplate" and got[headline] == "boilerplate"
    assert got[SECOND] == "body"


def test_a_numbered_question_above_its_answer_is_a_heading() -> None:
    page = (
        f"Five questions on Sudan\n\n{PARAGRAPH}\n\n1. Who holds power in Khartoum?\n\n{SECOND}\n"
    )
    assert roles(page)["1. Who holds power in Khartoum?"] == "heading"


@pytest.mark.parametrize(
    "line",
    [
        "We and our partners use cookies and similar technologies to personalise content and ads.",
        "Utilizamos cookies propias y de terceros para analizar nuestros servicios y mostrarle publicidad.",
        "Wir verwenden Cookies. Mit „Alle akzeptieren“ stimmen Sie der Verarbeitung zu.",
    ],
)
def test_cookie_consent_notices_are_boilerplate_at_any_length(line: str) -> None:
    assert phrase_book().is_boilerplate(line)


def test_an_article_sentence_about_cookies_without_consent_words_is_not() -> None:
    assert not phrase_book().is_boilerplate(
        "The court ruled that tracking cookies set before the banner appears break the law."
    )


def test_a_page_of_navigation_only_is_empty() -> None:
    menu = ["Home", "World", "Politics", "Economy", "Opinion", "Video", "Contact us", "Sign in"]
    page = "\n".join(["Northern Observer", *menu, "© 2019 Northern Observer Media Ltd"]) + "\n"
    blocks = classify_lines(page, "en")
    assert {b.role for b in blocks} == {"boilerplate"}
    assert extract_metadata(blocks, "en").kind == "empty"


def test_reply_buttons_and_the_form_under_a_thread_are_the_pages_not_the_readers() -> None:
    page = (
        f"Talks end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\n2 comments\n\n"
        "Levan G. · June 24, 2019 at 3:48 pm\nGood piece, but the anger is real.\nReply\n\n"
        "Nino Kapanadze · June 24, 2019 at 4:10 pm\nFair point, Levan.\nReply\n\n"
        "Leave a Reply\nYour email address will not be published.\nName *\nPost Comment\n"
        "Recent Posts\nThe long road to Tbilisi\n"
    )
    got = roles(page)
    assert got["Reply"] == "boilerplate"
    assert got["Fair point, Levan."] == "comment"
    for line in ("Leave a Reply", "Name *", "Recent Posts", "The long road to Tbilisi"):
        assert got[line] == "boilerplate", line
    comments = extract_comments(classify_lines(page, "en"), "en")
    assert [c.text for c in comments] == [
        "Good piece, but the anger is real.",
        "Fair point, Levan.",
    ]
    assert [c.posted is not None for c in comments] == [True, True]


def test_a_list_of_other_stories_after_the_thread_ends_it() -> None:
    page = (
        f"Talks end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\n2 comments\n\n"
        "Anna says:\nI agree with every word of this.\n\n"
        "ALSO ON HEMISPHERE REVIEW\nColombia’s Peace Deal Is Running Out of Time\n2 years ago • 23 comments\n"
    )
    got = roles(page)
    assert got["I agree with every word of this."] == "comment"
    assert got["ALSO ON HEMISPHERE REVIEW"] == "boilerplate"
    assert got["Colombia’s Peace Deal Is Running Out of Time"] == "boilerplate"


def test_a_comments_only_page_keeps_its_opener_and_its_buttons_out() -> None:
    page = "63 comments\n\nMarko V.\n21 May 2019 at 09:14\nThe loan is the whole story.\nReply\n"
    got = roles(page)
    assert got["63 comments"] == "boilerplate" and got["Reply"] == "boilerplate"
    assert got["Marko V."] == got["The loan is the whole story."] == "comment"


def test_a_closing_bio_of_a_bylined_author_is_meta_but_a_sentence_is_not() -> None:
    bio = "Hélène Girard est chercheuse associée au Centre d’études sur la sécurité européenne à Paris."
    page = f"L’Europe doit cesser d’être spectatrice\n\nHélène Girard\n\n{PARAGRAPH}\n\n{SECOND}\n\n{bio}\n"
    assert roles(page, "fr")[bio] == "meta"
    closing = (
        "If Russia is swayed by the offer, the region will change faster than anyone in Brussels "
        "or Washington now expects."
    )
    page = f"Why the talks stalled\n\nBy Helen Marsh\n\n{PARAGRAPH}\n\n{SECOND}\n\n{closing}\n"
    assert roles(page)[closing] == "body"


def test_newsletter_boxes_and_disqus_chrome_are_boilerplate() -> None:
    book = phrase_book()
    for line in ["Enter your email", "Ihre E-Mail-Adresse", "Je m’inscris", "Recommend 9", "1"]:
        assert book.is_boilerplate(line), line


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Forwarded from Caspian Wire", "Caspian Wire"),
        ("Переслано из Восточный экспресс", "Восточный экспресс"),
    ],
)
def test_a_forwarded_post_names_its_outlet(line: str, outlet: str) -> None:
    assert outlet_in(line) == outlet and is_meta_line(line)


def test_language_is_read_past_a_leading_run_of_numbers() -> None:
    from pipeline.stages.language import detect_language

    line = (
        "2019 2020 2021 2022 2023 " * 4 + "The ministers met for three hours and agreed on nothing."
    )
    assert detect_language(line) == "en"


def test_the_article_ends_where_a_list_of_teasers_begins() -> None:
    """Teasers under "Related articles" are paragraphs too: they are not the article's."""
    teasers = "".join(
        f"{n} uur geleden Politiek  Kamer praat over vervolging   Het presidium heeft besloten "
        f"dat de zaak nog eens tegen het licht wordt gehouden, zo meldt de Kamer vandaag {n}.\n\n"
        for n in range(1, 4)
    )
    page = f"Talks end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\nReageer\n\nGerelateerde artikelen\n\n{teasers}"
    got = roles(page, "nl")
    assert got[PARAGRAPH] == got[SECOND] == "body"
    assert all(role == "boilerplate" for text, role in got.items() if "uur geleden" in text)


def test_a_read_also_box_inside_the_article_does_not_end_it() -> None:
    third = "The next round is planned for the autumn in Vienna, the date depends on the agenda."
    box = "Read also:\nWhat the sanctions cost Europe\nWhy the consulates closed\n\n"
    got = roles(f"Talks end without a deal\n\n{PARAGRAPH}\n\n{box}{SECOND}\n\n{third}\n")
    assert got[PARAGRAPH] == got[SECOND] == got[third] == "body"
    assert got["What the sanctions cost Europe"] == "boilerplate"


def test_code_and_an_ingredient_list_inside_the_article_do_not_split_it() -> None:
    code = '<resources>\n<attr name="drawBorder">\n<flag name="top" value="1" />\n</attr>\n</resources>\n'
    ingredients = "2 cups of flour\n1 teaspoon of salt\n3 eggs\n200 g of butter\n"
    third = "The next round is planned for the autumn in Vienna, the date depends on the agenda."
    page = (
        f"Talks end without a deal\n\n{PARAGRAPH}\n\n{code}\n{SECOND}\n\n{ingredients}\n{third}\n"
    )
    got = roles(page)
    assert got[PARAGRAPH] == got[SECOND] == got[third] == "body"
    assert got["2 cups of flour"] == "body" and got['<flag name="top" value="1" />'] == "body"


def test_a_lone_paragraph_between_lists_does_not_cut_off_the_articles_start() -> None:
    items = "The focus on readability\nNo special types at all\nNamed and optional parameters\nNullable types everywhere\n"
    lone = "No need for explicit getters and setters until you are ready for them, as in C# 3.0."
    closing = [f"{SECOND} And again, point number {n} of the review." for n in range(3)]
    page = (
        f"Ceylon unveiled\n\n{PARAGRAPH}\n\n{SECOND}\n\nWhat I like\n\n{items}\n{lone}\n\n"
        f"Things that may grow on me\n\n{items.upper()}\n" + "\n\n".join(closing) + "\n"
    )
    got = roles(page)
    assert got[PARAGRAPH] == got[lone] == got[closing[0]] == "body"


def test_lone_paragraphs_between_listings_belong_to_the_article_below_them() -> None:
    """A tutorial alternates menus of options and one paragraph about them: three lone
    paragraphs stand between the article's start and its longest run of prose."""
    items = "The focus on readability\nNo special types at all\nNamed and optional parameters\nNullable types everywhere\n"
    lones = [
        f"Option number {n} is the one to read about first when you start, as in C# 3.0."
        for n in range(3)
    ]
    closing = [f"{SECOND} And again, point number {n} of the review." for n in range(4)]
    page = (
        f"Ceylon unveiled\n\n{PARAGRAPH}\n\n{SECOND}\n\n"
        + "".join(
            f"{items.upper() if n % 2 else items}\n{lone}\n\n" for n, lone in enumerate(lones)
        )
        + f"{items}\n"
        + "\n\n".join(closing)
        + "\n"
    )
    got = roles(page)
    assert got[PARAGRAPH] == got[SECOND] == "body"
    assert [got[lone] for lone in lones] == ["body"] * 3


def test_the_headline_is_chosen_over_a_section_label_and_a_time_stamp() -> None:
    page = (
        "Home\nNews\n\nWhy the talks in Geneva stalled after three hours\n\nAnna Petrova\n"
        "21 May 2019, 10:47\n\nОпенсорс\n\n2 hours ago\n\n"
        f"{PARAGRAPH}\n\n{SECOND}\n"
    )
    got = roles(page)
    assert got["Why the talks in Geneva stalled after three hours"] == "title"
    assert got["2 hours ago"] != "title" and got["Опенсорс"] != "title"


def test_a_teaser_in_the_menu_above_a_story_list_is_not_the_article_under_it() -> None:
    """The article usually stands before the first story list; not when the prose there is one
    teaser in the header's magazine box and the essay below it is many times longer."""
    teaser = (
        "What can the opposition do to exploit the chaos engulfing the government? Our columnist "
        "suggests twelve tried and tested ideas, from housing to the railways, and explains why "
        "each of them could win back the voters who stayed at home."
    )
    links = "\n".join(f"Prospect Talks number {n}: the winter issue" for n in range(1, 6))
    essay = "\n\n".join([PARAGRAPH, SECOND] * 6)
    page = f"Magazine\n\n{teaser}\n\nLatest\n\n{links}\n\nThe Anglosphere and Europe\n\n{essay}\n"
    got = roles(page)
    assert got[PARAGRAPH] == got[SECOND] == "body"
    assert got[teaser] == "boilerplate"


def test_related_teasers_numbered_on_lines_of_their_own_end_the_article() -> None:
    """ "Gerelateerde artikelen" then "1." on its own line, then a teaser: the bare number is
    the list's marker, not the first headline, and the teasers are no part of the article."""
    teasers = "\n".join(
        f"{n}.\n\n{n} uur geleden Politiek  Kamer praat over vervolging van fractievoorzitter "
        f"nummer {n}   Het presidium heeft donderdag besloten een onderzoek in te stellen.\n"
        for n in range(1, 5)
    )
    page = f"Geneva talks stall\n\n{PARAGRAPH}\n\n{SECOND}\n\nGerelateerde artikelen\n\n{teasers}"
    got = roles(page, "nl")
    assert got[PARAGRAPH] == got[SECOND] == "body"
    assert [role for text, role in got.items() if "Kamer praat" in text] == ["boilerplate"] * 4


def test_a_run_of_long_headlines_above_the_article_is_not_part_of_it() -> None:
    """Tabloid teasers run to twenty words and more, but end with no full stop: between two
    paragraphs they separate, as a menu does."""
    headlines = "\n".join(
        f"Story number {n} of the day: the minister who said the talks had failed is seen "
        f"leaving the hotel by a side door late on Tuesday night"
        for n in range(1, 7)
    )
    lead = (
        "Breaking: the talks in Geneva have been suspended until further notice after a night "
        "of arguments over the agenda, and both delegations are expected to fly home."
    )
    page = f"News\n\n{lead}\n{headlines}\n\nGeneva talks stall\n\n{PARAGRAPH}\n\n{SECOND}\n"
    got = roles(page)
    assert got[PARAGRAPH] == got[SECOND] == "body"
    assert "body" not in {got[line] for line in headlines.split("\n")}


def test_the_headline_is_the_title_like_line_the_page_repeats() -> None:
    """A share card or the thread's heading repeats the headline; a section label does not."""
    page = (
        "Europe and the world section of the magazine\n\nGeneva talks stall again\n\n"
        f"{PARAGRAPH}\n\n{SECOND}\n\n2 thoughts on “Geneva talks stall again”\n"
    )
    assert roles(page)["Geneva talks stall again"] == "title"


@pytest.mark.parametrize("mark", ["#", "■", "»"])
def test_a_title_line_gives_the_title_without_its_marker(mark: str) -> None:
    """A Markdown file's "#", a diary's or a forum's bullet before the headline's words."""
    page = f"{mark} Geneva talks stall again\n\n{PARAGRAPH}\n\n{SECOND}\n"
    blocks = classify_lines(page, "en")
    assert blocks[0].text == f"{mark} Geneva talks stall again"  # the line is kept as written
    assert extract_metadata(blocks, "en").title == "Geneva talks stall again"


def test_a_thread_ends_where_a_long_run_of_menu_lines_begins() -> None:
    """A thread found under its heading used to run to the copyright line, taking the footer's
    menus and the sidebar's "Webinars" with it."""
    footer = [
        "Subscribe to Newsletters", "Live Events", "Webinars", "More Events", "White Papers",
        "Security Threats Explained", "Cloud Best Practices", "Webinar Archives", "Reports",
        "Video", "All Videos", "Cartoon Contest", "Current Issue", "Contact Us",
    ]  # fmt: skip
    comment = (
        "As a doctor, if you do not trust your temperature and blood pressure readings, you "
        "cannot make a diagnosis, and the same goes for plant operators."
    )
    menu = "\n".join(footer)
    page = (
        f"Talks stall\n\n{PARAGRAPH}\n\n{SECOND}\n\n1 Comment\n\njweiss950\n7/2/2017 1:05 AM\n"
        f"{comment}\nReply\n\n{menu}\n"
    )
    got = roles(page)
    assert got[comment] == "comment"
    assert {got[line] for line in footer} == {"boilerplate"}


def test_a_thread_in_which_nobody_writes_a_sentence_is_no_thread() -> None:
    """Blogger's "Comments" heading over the form's "Post a Comment", and a tool bar under a
    comment count, were taken for a thread of one comment."""
    for tail in (
        "Comments\n\nPost a Comment\n\nPopular posts from this blog",
        "36 comments. Share your thoughts »\n\nReprints and Permissions | Send feedback",
    ):
        got = roles(f"Talks stall\n\n{PARAGRAPH}\n\n{SECOND}\n\n{tail}\n")
        assert "comment" not in got.values(), tail


def test_a_year_first_date_above_the_text_is_the_publication_date() -> None:
    """Japanese, Chinese and Korean pages write "2019年02月11日", "2019/04/04", "2023. 2. 5."."""
    body = "総務省は今月からインターネットにつながる機器の調査を始めると発表した。" * 3
    for stamp, day in (("2019年02月11日", 11), ("2019/02/11 10:05", 11), ("2019. 2. 5. 10:21", 5)):
        page = f"改正NICT法がプチ炎上\n\n{stamp}\n\n{body}\n\n{body}\n"
        metadata = extract_metadata(classify_lines(page, "ja"), "ja")
        assert metadata.published is not None and (
            metadata.published.month,
            metadata.published.day,
        ) == (2, day), stamp


def test_dated_teasers_after_the_article_do_not_join_it() -> None:
    """A "More from this section" box of headlines, each under its own time stamp: a headline
    ending in a quotation reads as a sentence, but the time stamps between them are no
    article's."""
    headlines = [
        "Minister says the talks in Geneva will go on, “whatever the sanctions bring next”",
        "Opposition leader calls the new consulates in the north “a gift to the smugglers”",
        "Diplomats in Vienna expect a slow autumn and a cold winter for the negotiations",
    ]
    teasers = "".join(
        f"{day:02d}/06/2019 08h10\n{headline}\n\n" for day, headline in enumerate(headlines, 10)
    )
    got = roles(f"Talks stall\n\n{PARAGRAPH}\n\n{SECOND}\n\nMore on diplomacy\n\n{teasers}")
    assert {got[headline] for headline in headlines} == {"boilerplate"}
    assert got[SECOND] == "body"


def test_story_cards_dated_with_two_digit_years_do_not_join_the_article() -> None:
    """VICE's cards (label, headline, standfirst, author, "07.22.20"): the date with a two-digit
    year, month first, on a line of its own marks each card as a teaser."""
    standfirsts = [
        "The policemen are also accused of helping local gangs break the lockdown in the south.",
        "Health officials said the guidelines were written for a public that will not stay home.",
        "Experts say that after a slow start, the leaders found a way to work together again.",
        "Researchers found that a quarter of households reported worse sleep after the spring.",
    ]
    cards = "".join(
        f"News\n\nA Headline About Story Number {n} From The Week\n\n{standfirst}\n\n"
        f"Reporter Number{n}\n07.{20 + n}.20\n"
        for n, standfirst in enumerate(standfirsts)
    )
    got = roles(
        f"Talks stall\n\n{PARAGRAPH}\n\n{SECOND}\n\nSubscribe to the newsletter.\n\n{cards}"
    )
    assert got[SECOND] == "body"
    # The list is seen from its first date on: the first card, above it, still joins the article.
    assert {got[standfirst] for standfirst in standfirsts[1:]} == {"boilerplate"}


@pytest.mark.parametrize(
    ("heading", "notice", "language"),
    [
        ("{ 2 comments }", "Comments on this entry are closed.", "en"),
        ("2 Kommentare", "Die Kommentarfunktion ist für diesen Artikel geschlossen.", "de"),
        ("2 commentaires", "Les commentaires sont fermés.", "fr"),
    ],
)
def test_a_closed_thread_notice_under_a_count_is_not_a_comment(
    heading: str, notice: str, language: str
) -> None:
    """The count's thread was not saved with the page; the notice and the form are the site's."""
    page = (
        f"Talks in Geneva end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\n{heading}\n\n"
        f"{notice}\n\nName (required)\n\nMail (will not be published) (required)\n\nPrevious post\n"
    )
    got = roles(page, language)
    assert "comment" not in got.values()
    assert got[notice] == "boilerplate"


def test_the_sites_sentences_under_a_closed_notice_are_no_comments() -> None:
    """ "3 thoughts on …" over "Comments are closed." (the thread was not saved): a closed notice
    ends the thread as the form does, and the site's sentences below it are nobody's comment."""
    page = (
        f"Colis envoyé !\n\n{PARAGRAPH}\n\n{SECOND}\n\n3 thoughts on “Colis envoyé !”\n\n"
        "Comments are closed.\n\nDes questions Python sans rapport avec l'article ? Posez-les sur "
        "IndexError, le forum de la maison.\n\nPost navigation\n\n← Le coffre a été ouvert !\n"
    )
    assert "comment" not in roles(page, "fr").values()


def test_vietnamese_latest_news_under_the_article_is_no_thread() -> None:
    """ "Tin Mới Cập Nhật" (latest news) over dated teasers, some headlines asking a question:
    a story list in Vietnamese, not readers' posts."""
    teasers = [
        ("Đột quỵ: triệu chứng, nguyên nhân, điều trị, và phân loại", "14/12/2020"),
        ("Phân loại đột quỵ: triệu chứng và hướng điều trị như thế nào?", "14/12/2020"),
        ("Xơ vữa động mạch là gì?", "13/12/2020"),
        ("Đột quỵ do tắc mạch và những điều cần biết", "13/12/2020"),
    ]
    standfirst = (
        "Đột quỵ xảy ra khi một mạch máu trong não bị vỡ và chảy máu, hoặc khi có tắc nghẽn."
    )
    listing = "".join(f"{headline}\n\n{day}\n{standfirst}\n" for headline, day in teasers)
    article = f"{PARAGRAPH}\n\n{SECOND}"
    page = (
        f"Bệnh bạch hầu\n\n{article}\n\nTin Mới Cập Nhật\n\nXem Thêm\n{listing}\nTRANG FACEBOOK\n"
    )
    assert "comment" not in roles(page, "vi").values()


def test_a_vietnamese_closed_notice_ends_the_thread() -> None:
    """ "Khóa bình luận" (comments locked) under the one pingback: the site's note below it is
    nobody's comment."""
    page = (
        f"Thuốc và rượu\n\n{PARAGRAPH}\n\n{SECOND}\n\n1 Bình luận\n\n"
        "Pingback: Cơn đột quỵ: nguyên nhân hình thành, hướng điều trị - Yêu và Sống\n"
        "Khóa bình luận\n\nCác bài viết của trang chỉ có tính chất tham khảo, không thể thay thế "
        "cho việc chẩn đoán hoặc điều trị y khoa.\n"
    )
    got = roles(page, "vi")
    assert (
        got["Pingback: Cơn đột quỵ: nguyên nhân hình thành, hướng điều trị - Yêu và Sống"]
        == "comment"
    )
    assert [role for text, role in got.items() if text.startswith("Các bài")] == ["boilerplate"]


def test_cards_of_other_stories_each_with_its_date_end_the_article() -> None:
    """A grid of teaser cards (label, headline, standfirst, author, date) after the article: the
    dates stand on lines of their own at a steady beat, as no article's dates do."""
    cards = "".join(
        f"News\n\n{headline}\n\n{standfirst}\n\n{author}\n\n{day} July 2020\n\n"
        for headline, standfirst, author, day in [
            (
                "Police clash with protesters in Jerusalem",
                "The prime minister is facing criticism over his handling of the pandemic.",
                "Mac Hackett",
                13,
            ),
            (
                "Inside Europe's divided response to the virus",
                "Experts say that after a slow start, European leaders found a way to work together.",
                "Elsie Britt",
                20,
            ),
            (
                "The forgotten war where the killing never stopped",
                "The first outside journalists in five years found a region still under siege.",
                "Julia Steers",
                14,
            ),
        ]
    )
    page = (
        f"Talks in Geneva end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\n{PARAGRAPH} Again.\n\n"
        f"Tagged: diplomacy\n\nMore stories\n\nWorld\n\nA quiet summit\n\n"
        f"Leaders met and said little, as they had the year before.\n\nAnn Lee\n\n12 July 2020\n\n"
        f"{cards}About\n"
    )
    got = roles(page)
    assert got[SECOND] == "body"
    card = "Experts say that after a slow start, European leaders found a way to work together."
    assert got[card] == "boilerplate"


def test_dated_teasers_with_a_reading_time_are_no_thread() -> None:
    """Ghost lists the blog's other posts under the article, each dated with its reading time:
    dated lines over sentences, as a thread's posts are, but no reader writes them."""
    teasers = "".join(
        f"Featured\n\n{headline}\n\n{excerpt}\n\n{day} {month} 2023 · {minutes} min read\n\n"
        for headline, excerpt, day, month, minutes in [
            (
                "Tickling the kernel: fuzzing SMB",
                "Following the adventure of finding network bugs, I'm about to hunt some more.",
                "Sep",
                16,
                7,
            ),
            (
                "Unleashing the exploit",
                "It was the last workday before the vacation, and I decided to read the code.",
                "Aug",
                4,
                10,
            ),
            (
                "Flipping pages for fun",
                "A tale about exploiting three instances with a double-free in the tables.",
                "Mar",
                26,
                77,
            ),
        ]
    )
    page = (
        f"Talks in Geneva end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\n{PARAGRAPH} Again.\n\n"
        f"{teasers}Powered by Ghost\n"
    )
    assert "comment" not in roles(page).values()


def test_a_count_over_a_login_prompt_and_links_heads_no_thread() -> None:
    """The comments load by script: under "There are 27 Comments" stand the login prompt and
    the footer's links, no reader's sentence."""
    page = (
        f"Talks in Geneva end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\n"
        "There are 27 Comments. Load Em Up!\n\n"
        "Something to say? Choose one of these options to log in.\n\n"
        "» Create a new Daily account\n» Already registered with The Daily? Log in!\n\n"
        "↑ Top of page\n\nEthics Statement - Community Guidelines\n\nTerms of Use - Privacy Policy\n"
    )
    assert "comment" not in roles(page).values()


def test_a_lists_third_item_is_no_copyright_footer() -> None:
    """ "(c) Advantages of Rails…" inside a comment enumerates; "(c) 2007 Example" ends the page."""
    page = (
        f"Talks in Geneva end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\n3 Comments\n\n"
        "Posted by: Anna | July 16, 2007 at 05:32 AM\n\n"
        "It comes with more advantages like this:\n(a) a faster release\n(b) a better IDE\n"
        "(c)Advantages of Rails with creamy toppings of Ajax and perhaps much more.\n\n"
        "I am waiting for the summit session to unleash the secrets of the talks.\n\n"
        "Posted by: Rob | July 16, 2007 at 06:18 AM\n\nOnce again on the radio? Nicely done.\n\n"
        "(c) 2007 The Daily Courier\n"
    )
    got = roles(page)
    assert got["I am waiting for the summit session to unleash the secrets of the talks."] == (
        "comment"
    )
    assert got["(c) 2007 The Daily Courier"] == "boilerplate"


def test_chinese_and_japanese_thread_headings_and_story_lists_are_known() -> None:
    """A count glued to its noun ("3条评论", "5件のコメント"), and "相关阅读" over other stories."""
    book = phrase_book()
    assert book.opens_comments("3条评论") and book.opens_comments("5件のコメント")
    assert book.opens_comments("댓글 12") and not book.opens_comments("0条评论")
    assert book.opens_link_list("相关阅读") and book.opens_link_list("関連記事")
    assert book.opens_comment_form("发表评论") and book.opens_comment_form("コメントを書く")


def test_short_lines_under_a_sentence_ending_with_a_colon_are_the_articles_list() -> None:
    """ "The problems we heard:" announces a list; its entries are short like a menu's."""
    items = ["Not knowing where to start", "The fear of not fitting in", "The lack of time"]
    page = (
        f"Talks in Geneva end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\n"
        "Over two days the delegates kept returning to the same few problems, in the hall and "
        "in the corridors, and by the end of the second evening they had listed them as follows:"
        "\n\n" + "\n".join(items) + f"\n\n{SECOND} Again.\n\n{PARAGRAPH} Again.\n"
    )
    got = roles(page)
    assert [got[item] for item in items] == ["body"] * 3


def test_a_quoted_tweets_attribution_inside_the_article_is_the_articles() -> None:
    """An embedded tweet ends "— Name (@handle) Date": the article quotes it; no byline."""
    tweet = "The talks are over and nothing was agreed, again. https://t.co/x1"
    attribution = "— Anna Petrova (@apetrova) January 25, 2019"
    page = (
        f"Talks in Geneva end without a deal\n\nBy Helen Marsh\n\n{PARAGRAPH}\n\n{tweet}\n\n"
        f"{attribution}\n\n{SECOND}\n\n{PARAGRAPH} Again.\n"
    )
    got = roles(page)
    assert got[attribution] == "body"
    blocks = classify_lines(page, "en")
    assert extract_metadata(blocks, "en").authors == ("Helen Marsh",)


def test_the_dates_of_a_story_list_below_the_article_are_not_bylines() -> None:
    stories = "".join(
        f"{day}/06/2019 08h10\n\nGovernment cuts the rail budget for the north again {day}\n\n"
        for day in (16, 14, 13, 12)
    )
    page = f"Talks in Geneva end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\nLatest\n\n{stories}"
    got = roles(page)
    assert got["16/06/2019 08h10"] == got["13/06/2019 08h10"] == "boilerplate"


def test_stories_each_with_a_count_below_the_article_are_a_list_not_the_article() -> None:
    """ "579 Shares" under each teaser: counts at a steady beat end the article; a numbered
    list ("Step 1", "Step 2") counts one by one and does not."""
    teasers = "".join(
        f"{headline}...  {standfirst}\n{shares} Shares\n\n"
        for headline, standfirst, shares in [
            ("Senate rejects repeal", "The Senate rejected a key proposal on Tuesday night.", 579),
            ("Staffer arrested", "The staffer has been fired, a spokesman says.", 558),
            (
                "Memos detail the plan",
                "The memos reviewed by the paper were released in July.",
                532,
            ),
            ("Tough road ahead", "The vote sets up twenty hours of floor debate.", 503),
        ]
    )
    page = f"Talks in Geneva end without a deal\n\n{PARAGRAPH}\n\n{SECOND}\n\nMore\n\n{teasers}"
    got = roles(page)
    assert got[SECOND] == "body"
    assert got["Staffer arrested...  The staffer has been fired, a spokesman says."] == (
        "boilerplate"
    )
    steps = "".join(
        f"Step {n}\n\n{text} and then the next thing follows, as the recipe says it should.\n\n"
        for n, text in enumerate(["Heat the pan", "Add the onions", "Stir well", "Serve"], 1)
    )
    recipe = roles(f"Onion soup in four steps\n\n{PARAGRAPH}\n\n{steps}{SECOND}\n")
    assert recipe[SECOND] == "body"


def test_a_finnish_wordpress_thread_is_found() -> None:
    """ "Yksi vastaus artikkeliin …" ("One response to …") over "Joku sanoo:" ("X says:")."""
    comment = "Feikki. Mitähän on kuvannut juuri kun on sopivasti kamerakänykkä valmiina?"
    page = (
        f"Hehkuva meteoriitti osuu miehen takapihalle\n\n{PARAGRAPH}\n\n{SECOND}\n\n"
        "Yksi vastaus artikkeliin ”Hehkuva meteoriitti osuu miehen takapihalle”\n\n"
        f"Joku sanoo:\n1 lokakuun, 2017 1:16 pm\n{comment}\n\nVastaa\n\nKommentti *\n\nNimi *\n"
    )
    got = roles(page, "fi")
    assert got[comment] == "comment"
    assert got["Nimi *"] == "boilerplate"


def test_a_count_link_right_above_the_same_count_heading_is_one_thread_not_teasers() -> None:
    """The byline's "5 comments" link over the heading "5 Kommentare": one thread's two counts
    (teasers' counts differ and stand a story apart), and the comments under the trailing
    "by X on DATE" lines are found."""
    posts = [
        (
            "Alles für d Chatz, wenn die Armee tatsächlich neue Flieger kauft.",
            "Meister Pelz",
            "14:59",
        ),
        (
            "So schlimm kann es nicht sein, das ist doch ganz einfach bis jetzt.",
            "Michael Bolli",
            "15:00",
        ),
        ("Aber du musst dann wieder von vorne anfangen, oder nicht?", "Urs Berlinger", "15:13"),
    ]
    thread = "".join(
        f"{text}\n\nby {name} on 27. November 2010 at {time}. Antworten #\n\n"
        for text, name, time in posts
    )
    page = f"Woche 4\n\n{PARAGRAPH}\n\n{SECOND}\n\n5 comments\n\n5 Kommentare\n\n{thread}"
    got = roles(page, "de")
    assert got[posts[0][0]] == "comment"
    assert got[SECOND] == "body"


def test_a_thread_announced_by_its_heading_needs_no_known_conversation_words() -> None:
    """Two Polish readers answer each other under "6 komentarzy do …" (a count the share bar
    repeats, so the heading alone does not open the thread): dated posts right under a thread
    heading are a thread even when few names sign them and no known word of conversation occurs."""
    said = [
        "w recenzji Guni rozhulałem się na 5,7k znaków więc odpuszczę ;)",
        "Jak dobra to możemy puścić pozakonkursowo :)",
        "Ach, nie, skoro już się gdzieś ukazała to nie będziemy recyklingować ;)",
    ]
    names = ["Paweł Richert", "Agnieszka Brodzik", "Paweł Richert"]
    thread = "".join(
        f"{name}\n{23 + n // 2} września 2015 o 1{n}:30\n{text}\n\n"
        for n, (name, text) in enumerate(zip(names, said, strict=True))
    )
    share_bar = "6 komentarzy\nFacebook\nTwitter\nE-mail"
    heading = "6 komentarzy do “Książka miesiąca: konkurs”"
    page = f"Konkurs\n\n{PARAGRAPH}\n\n{SECOND} {PARAGRAPH}\n\n{share_bar}\n\n{heading}\n\n{thread}"
    got = roles(page, "pl")
    assert [got[text] for text in said] == ["comment"] * 3


def test_a_count_over_a_loading_notice_heads_no_thread() -> None:
    """ "4 comentários" over "A carregar..." ("Loading...") and links: the thread loads by
    script; a two-word notice that ends with dots is not a reader's sentence."""
    links = "\n".join(
        ["Mais comentários", "Mais Brasil", "Mais artigos", "A carregar...", "Últimas"]
    )
    page = f"Justiça manda libertar Temer\n\n{PARAGRAPH}\n\n{SECOND}\n\n4 comentários\n\n{links}\n"
    got = roles(page, "pt")
    assert "comment" not in got.values()


def test_a_sidebar_of_dated_teasers_below_a_thread_does_not_keep_it_open() -> None:
    """After the last comment, a run of menu lines ends the thread even though the sidebar's
    teasers below carry dates: their dates are not in the thread's header template."""
    comment = (
        "As a doctor, if you don't trust your temperature and blood pressure readings, "
        "you cannot make a diagnosis."
    )
    sidebar = "\n".join(f"Webinar number {n} on security" for n in range(14))
    teasers = "".join(f"Story {n} about the grid\nPublished: 2017-05-0{n}\n" for n in range(1, 5))
    page = (
        f"How to fix control systems\n\n{PARAGRAPH}\n\n{SECOND}\n\nComments\n\n"
        f"jweiss950\n7/2/2017 | 1:05:19 AM\n{comment}\n\n{sidebar}\n{teasers}"
    )
    got = roles(page)
    assert got[comment] == "comment"
    assert got["Webinar number 5 on security"] == "boilerplate"


def test_dated_teasers_under_a_story_list_heading_do_not_swallow_the_thread_above() -> None:
    """ "Recent Articles" right under the thread, each teaser dated: the story list's heading
    ends the run of post headers, so the teasers' more numerous dates do not outvote the
    thread's template."""
    said = [
        "I doubt that it would make much of a hit on the batteries, players are getting better.",
        "Cell batteries may be more powerful, but the transfer needs power as well.",
        "Good point, I had not thought of the file transfer. Like your blog.",
    ]
    thread = "".join(
        f"{name} on February {6 + n}, 2006 at 19:0{n}\n\n{text}\n\n"
        for n, (name, text) in enumerate(
            zip(["Peter Childs", "Administrator", "Stan Sorensen"], said, strict=True)
        )
    )
    teasers = "".join(
        f"Story number {n} about radio receivers\n\nMarch {n + 2}, 2010 in Uncategorized\n\n"
        f"A new receiver is always good news for an emerging technology like this one, {n}. "
        f"{SECOND}\n\n"
        for n in range(6)
    )
    page = (
        f"Podcasting according to Rogers\n\n{PARAGRAPH}\n\n{SECOND} {PARAGRAPH}\n\n3 comments\n\n{thread}"
        f"Comments are now closed.\n\nRecent Articles\n\n{teasers}"
    )
    lines = [line for line in page.split("\n") if line]
    headers = [i for i, line in enumerate(lines) if line.endswith(("19:00", "19:01", "19:02"))]
    assert [c.posts for c in find_conversations(lines, "en")][:1] == [tuple(headers)]
    got = roles(page)
    assert [got[text] for text in said] == ["comment"] * 3
    assert got[PARAGRAPH] == "body"


def test_the_last_comment_runs_on_while_its_reader_writes_sentences() -> None:
    """The last post may be longer than the thread's usual one: its sentences stay comments up
    to the comment form."""
    last = [
        "J'ai eu une expérience décevante de signalement d'un problème sur le projet.",
        "J'ouvre donc un ticket, avec une belle introduction de remerciement.",
        "Résultat : je n'ai plus fait aucun retour sur les autres défauts.",
        "Le projet est mort depuis, non repris par une communauté comme espéré.",
    ]
    posts = [
        ("Daniel", "Ce qui serait cool, c'est que des plateformes permettent de contribuer."),
        ("Sweet", "Les gens peuvent s'exprimer en créant une issue."),
        ("Toto", "Il y a les issues pour cela, tout simplement."),
        ("Laurent", "\n".join(last)),
    ]
    thread = "".join(
        f"{name}\n\n{n + 2} décembre 2017 | Reply\n\n{text}\n\n"
        for n, (name, text) in enumerate(posts)
    )
    page = (
        f"Contributopia\n\n{PARAGRAPH}\n\n{SECOND} {PARAGRAPH}\n\n4 Responses\n\n{thread}"
        "Laissez un commentaire\n\nCommentaire\n\nNom complet *\n"
    )
    got = roles(page, "fr")
    assert [got[text] for text in last] == ["comment"] * 4


def test_a_heading_that_quotes_the_posts_title_opens_a_thread_under_a_short_post() -> None:
    """ "1 comentário em “Olá, mundo!”" under a post of two sentences: too little prose above
    to pass for an article's end, but the heading names the post, as a share bar's count
    does not."""
    comment = "Para iniciar a moderar, editar e excluir comentários, visite a tela no painel."
    post = "Boas-vindas ao WordPress. Esse é o seu primeiro post. Edite-o ou exclua-o, e então comece a escrever!"
    page = (
        f"Menu\n\nOlá, mundo!\n\n{post}\n\n"
        "1 comentário em “Olá, mundo!”\n\nJoão Silva\n\n30 de junho de 2022 em 20:32\n\n"
        f"{comment}\n\nDeixe um comentário\n\nNome*\n"
    )
    got = roles(page, "pt")
    assert got[comment] == "comment"
    assert got[post] == "body"


def test_a_single_comment_with_a_reply_button_over_the_form_is_a_thread() -> None:
    """One post (a name, a date, sentences, "Antworten") right above "Schreibe einen
    Kommentar": too few posts for a conversation's rhythm, yet a thread; its heading ("Ein
    Kommentar") is not the commenter's name."""
    said = "Hallo, dies ist ein Kommentar. Die Avatare kommen von Gravatar."
    page = (
        f"Hallo Welt!\n\n{PARAGRAPH}\n\nEin Kommentar\n\nMarkus Weber sagt:\n\n"
        f"6. März 2021 um 21:10 Uhr\n\n{said}\n\nAntworten\n\nSchreibe einen Kommentar\n\nName *\n"
    )
    got = roles(page, "de")
    assert got[said] == "comment"
    assert got["Ein Kommentar"] != "comment"
    assert got[PARAGRAPH] == "body"
    # Without the form below, the heading and the reader's "sagt:", a dated line over
    # sentences and a button is no thread.
    alone = page.split("\n\nSchreibe einen Kommentar")[0].replace("Ein Kommentar\n\n", "")
    alone = alone.replace("Markus Weber sagt:\n\n", "")
    assert "comment" not in roles(alone, "de").values()


def test_a_heading_naming_the_post_parts_the_thread_from_dated_cards_above_it() -> None:
    """ "You may also like" cards dated like the comments, then "3 thoughts on “Sockets”": the
    heading starts the thread's run of headers, so the cards' story list does not disown it."""
    said = [
        "Me hizo reir, sorry, pero es un buen ejemplo de sockets binarios.",
        "Gracias por el comentario, los archivos fuente estarán pronto.",
        "Muy buen tutorial, justo lo que estaba buscando para mi proyecto.",
    ]
    cards = "".join(
        f"Published 1{n}/09/2007\n\nOtro artículo número {n}\n\nHace unos días estaba leyendo.\n\n"
        for n in range(3)
    )
    thread = "".join(
        f"Lector {n}\n\n0{n + 1}/05/2008,\n12:1{n} pm\n\n{text}\n\n" for n, text in enumerate(said)
    )
    page = (
        f"Sockets\n\n{PARAGRAPH}\n\n{SECOND} {PARAGRAPH}\n\nYou may also like\n\n{cards}"
        f"3 thoughts on “Sockets”\n\n{thread}Deja una respuesta\n"
    )
    lines = [line for line in page.split("\n") if line]
    assert len(find_conversations(lines, "es")) == 1
    got = roles(page, "es")
    assert [got[text] for text in said] == ["comment"] * 3


def test_a_thread_right_under_its_heading_is_found_under_a_short_news_item() -> None:
    """Two lines of news, then "Comments" right above posts under "Posted by: X - date"
    headers: a conversation a heading announces is the reader thread, however little prose
    stands above it."""
    said = [
        "Damn, but we made it to the quarterfinals after all ;)",
        "Good luck and have fun everyone, see you in the next round.",
        "Dignitas will be hard to beat, they have been practising for weeks.",
    ]
    thread = "".join(
        f"Posted by:  {name} - Friday 13 July 2007, 0{n}:28\n\n{text}\n\n"
        for n, (name, text) in enumerate(zip(["Paul", "Soltis", "unix"], said, strict=True))
    )
    news = "Matches have to be played before 18 July so make sure you schedule them fast."
    page = f"Round 2 for the Euro Cup started\n\n{news}\n\nComments\n\n{thread}"
    got = roles(page)
    assert [got[text] for text in said] == ["comment"] * 3
    assert got[news] == "body"


def test_a_count_over_the_comment_form_heads_no_thread() -> None:
    """ "8 Responses" whose comments are gone, right above the form: the form's sentences
    ("Enregistrer mon nom…") are the site's, not readers' words."""
    form = "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire."
    page = (
        f"Contributopia\n\n{PARAGRAPH}\n\n{SECOND}\n\n8 Responses\n\nLaissez un commentaire\n\n"
        f"Commentaire\n\nNom complet *\n\n{form}\n"
    )
    assert "comment" not in roles(page, "fr").values()


def test_a_short_question_under_a_posts_header_makes_a_counted_heading_a_thread() -> None:
    said = "a quelle heure?"
    page = (
        f"Assemblée générale mixte\n\n{PARAGRAPH}\n\n{SECOND}\n\n"
        "One Response to “Assemblée générale mixte”\n\nsophie says:\n4 March 2009 at 02:39\n"
        f"{said}\n\nLeave a Reply\n\nName (required)\n"
    )
    assert roles(page, "fr")[said] == "comment"


def test_posts_under_a_thread_heading_below_a_story_list_heading_are_the_thread() -> None:
    """ "Similar posts" a few lines above "3 Comments": the posts stand under the thread's
    heading, not under the story list's."""
    said = [
        "The coffee seed has turned back into a bean? When did this happen?",
        "I guess I say tomato and you say tomahto, it is all the same bean.",
        "If you have ever seen a decaf coffee bean before it is roasted, it is ugly.",
    ]
    thread = "".join(
        f"{name} said\nFebruary {19 + n}th, 2008 at 11:0{n} pm\n{text}\n"
        for n, (name, text) in enumerate(zip(["Andrew", "Joe Lencioni", "Mike"], said, strict=True))
    )
    page = (
        f"A Coffee Bean\n\nSimilar posts\nNew coffee wallpaper\n{PARAGRAPH}\n{SECOND}\n"
        f"3 Comments\n{thread}"
    )
    lines = [line for line in page.split("\n") if line]
    assert len(find_conversations(lines, "en")) == 1
    assert [roles(page)[text] for text in said] == ["comment"] * 3


def test_a_thread_heading_right_above_a_says_header_opens_a_thread_under_a_short_post() -> None:
    """ "One thought on “”" (the theme lost the title) under a two-line post, right above
    "MartinG says:": a share bar's count stands above the article's prose, not above a reader's
    "says:"."""
    said = (
        "I assume you are referring to laptop-glued seat-hogs who always sit at a two-seat table."
    )
    page = (
        "Coffee culture\n\nThink again: it is full of people looking cool, or playing with "
        "their laptops while wishing someone would notice them.\n\n"
        "The backlash against the WiFi laptops has begun.\n\nOne thought on “”\n\n"
        f"MartinG says:\nJuly 20, 2006 at 11:15 pm\n{said}\n\nComments are closed.\n"
    )
    assert roles(page)[said] == "comment"


def test_two_said_posts_with_no_heading_are_a_thread() -> None:
    """No heading between the article and two comments, each a reader's "X says:" over a date
    and sentences: a thread, though too short for a conversation's rhythm. A quote in an
    article has no date line under its "says:"."""
    said = [
        "Hey, we are coming and saw your project. We should talk about it at the event.",
        "How about maps of the results of the elections? That would help a lot.",
    ]
    page = (
        f"Election Data Portal\n\n{PARAGRAPH}\n\n{SECOND}\n\n"
        f"Eric Barrett says:\nSeptember 12, 2014 at 1:08 pm\n{said[0]}\nEric\n\n"
        f"Michal Skop says:\nSeptember 13, 2014 at 2:39 am\n{said[1]}\n\n"
        "Comments are closed.\n\n« Previous project\n"
    )
    got = roles(page)
    assert [got[text] for text in said] == ["comment"] * 2
    assert got["Eric"] == "comment"
    assert got["« Previous project"] == "boilerplate"
    quoted = page.replace("September 12, 2014 at 1:08 pm\n", "").replace(
        "September 13, 2014 at 2:39 am\n", ""
    )
    assert "comment" not in roles(quoted).values()


def test_two_posts_right_under_a_thread_heading_are_a_thread() -> None:
    """ "Comments" under the article, then two posts of a name over a date over sentences: too
    few for a conversation's rhythm, but the heading says what they are. The same heading over
    a teaser's excerpt under "You may also like" opens no conversation."""
    said = [
        "I don't have answers to any of your questions, but this link may help you along.",
        "Thanks for the link, Jerome. It does seem the big players will own the data.",
    ]
    page = (
        f"Location, Location, Location\n\n{PARAGRAPH}\n\n{SECOND}\n\nComments\n\n"
        f"j pimmel\n\nOctober 1, 2010 at 7:19 pm\n\n{said[0]}\n\n"
        f"Phil Whelan\n\nOctober 3, 2010 at 10:32 am\n\n{said[1]}\n\nSee more posts\n"
    )
    got = roles(page)
    assert [got[text] for text in said] == ["comment"] * 2
    assert got["j pimmel"] == got["Phil Whelan"] == "comment"
    assert got["See more posts"] == "boilerplate"
    teaser = (
        f"Sockets\n\n{PARAGRAPH}\n\n{SECOND}\n\nYou may also like\n\nFractal3d\n\n2 comments\n\n"
        "A few days ago I was reading this post on a simple and clear way to draw fractals.\n\n"
        "Published 06/06/2007\n\nBill Gates and Steve Jobs\n\n"
        "This is an interview from D5, an interesting conversation between Bill and Steve.\n"
    )
    assert not find_conversations([line for line in teaser.split("\n") if line], "en")


def test_wordpress_comment_headers_in_chinese_and_portuguese_say_who_writes() -> None:
    """ "Bofeng说道：" and "Maria disse:" are WordPress's "X says:" in Chinese and Portuguese:
    with a date line under them and sentences, a post."""
    assert find_conversations(
        ["Bofeng说道：", "2014年09月28日 10:38", "这篇文章写得很好，我完全同意你的看法。"], "zh"
    )
    assert find_conversations(
        ["Maria disse:", "12 de março de 2019 às 10:12", "Muito obrigada pelo texto, adorei."], "pt"
    )
    # German themes say "sagte," with a comma and give no date.
    said = ["Schon wieder zurück aus dem Urlaub? Danke!", "Ne du. Ich sitze noch in Mexiko."]
    said.append("Herzlichen Dank für das Stöckchen! Ich werfe es weiter.")
    lines = [
        row
        for name, text in zip(["Stefan", "mahom", "Marcus"], said, strict=True)
        for row in (f"{name}  sagte,", text)
    ]
    assert [c.posts for c in find_conversations(lines, "de")] == [(0, 2, 4)]
    # A dated link to the next post right above the first is no post of the thread.
    lines.insert(0, "Twitter Weekly Updates for 2009-07-19 »")
    assert [c.posts for c in find_conversations(lines, "de")] == [(1, 3, 5)]


def test_said_headers_with_times_make_a_thread_of_comments_too_short_for_sentences() -> None:
    """Three "X说道：" over their times and a word or two each ("赞同", "同感"): no sentence
    between the headers, yet each post is a reader's; a tool bar's "收藏 • 没有帮助 •" repeated
    has no time and makes none."""
    posts = [("Bofeng", "2014年09月28日 10:38", "赞同"), ("爱国者", "2014年10月05日 17:42", "同感")]
    posts.append(("TinyKing", "2016年06月14日 09:33", "说得对"))
    lines = [row for name, time, text in posts for row in (f"{name}说道：", time, text, "回复")]
    conversations = find_conversations(lines, "zh")
    assert [c.posts for c in conversations] == [(0, 4, 8)]
    toolbar = [
        row for _ in range(3) for row in ("收藏 • 没有帮助 •", "举报 • 作者保留权利", "赞同")
    ]
    assert not find_conversations(toolbar, "zh")


def test_a_caption_ending_with_its_credit_is_not_the_article() -> None:
    """ "… Photograph: Stephanie Keith/Reuters", "… (AFP/Getty)": a picture's description and
    credit on one line, between the article's paragraphs; a long paragraph that ends with the
    agency's name is still the article's."""
    captions = [
        "Police use a water cannon on protesters last week. Photograph: Stephanie Keith/Reuters",
        "Members of a rescue team carry a stretcher during the recovery operation (AFP/Getty)",
        "Shiny Morpho butterflies are prized for their intense, shiny blue.  Kena Betancur/Getty Images",
    ]
    agency = f"{SECOND} {PARAGRAPH} {SECOND} (Reuters)"
    page = (
        f"Talks resume\n\n{PARAGRAPH}\n\n{captions[0]}\n\n{SECOND}\n\n{captions[1]}\n\n"
        f"{agency}\n\n{captions[2]}\n\nThe last round of talks ended without any agreement at all.\n"
    )
    got = roles(page)
    assert [got[text] for text in captions] == ["boilerplate"] * 3
    assert got[agency] == got[SECOND] == "body"


def test_a_long_comment_under_the_heading_does_not_cut_the_first_posts_off() -> None:
    """Two short comments, then the author's answer of a dozen lines, then two more: the long
    gap is a comment, not the space between a dateline and the thread, since "5 thoughts on
    …" stands right above the first post. The last one's signature runs to its Reply button."""
    answer = [
        f"Point {n}: the stove stands on its own slab, so the wall stays cool." for n in range(12)
    ]
    posts = [
        ("Jonathan", "September 28, 2008 at 1:53 pm", ["Looks great Matt, good work!"]),
        (
            "Tom",
            "October 11, 2008 at 8:04 am",
            ["How did you get away with it so close to the wall?"],
        ),
        ("matt", "October 14, 2008 at 6:11 am", answer),
        ("Tom", "October 30, 2008 at 5:39 am", ["Thanks, that helps. Which stove is it?"]),
        (
            "matt",
            "November 14, 2008 at 8:41 pm",
            ["We have a Harman Oakwood stove.", "Thanks", "Matt"],
        ),
    ]
    thread = "".join(
        f"{name} |   {when}\n" + "\n".join(text) + "\nReply\n" for name, when, text in posts
    )
    page = (
        f"Tile and a Woodstove\n\n{PARAGRAPH}\n\n5 thoughts on “Tile and a Woodstove”\n\n{thread}"
        "Comments are closed.\n"
    )
    got = roles(page)
    assert got["Looks great Matt, good work!"] == "comment"
    assert got[answer[5]] == "comment"
    assert got["Thanks"] == got["Matt"] == "comment"
    assert got["Comments are closed."] == "boilerplate"


def test_a_comment_starting_with_the_word_copyright_is_no_footer() -> None:
    """ "Copyright for books is 50 years after the author's death? …" opens a reader's comment;
    a footer's "Copyright Example Inc." is short or dated."""
    said = "Copyright for books is 50 years after the author's death? I'm sure it has expired."
    thread = "".join(
        f"{name}\nPosted February 19, 2009 at {clock} | Permalink\n{text}\n\n"
        for name, clock, text in (
            ("pchow", "11:02 am", said),
            ("chronic", "1:05 pm", "Sounds classy, I might name my firstborn daughter that."),
            (
                "SCdF",
                "2:08 pm",
                "Sort of. But you're right, it's been out of copyright for a while.",
            ),
        )
    )
    page = f"Zombies\n\n{PARAGRAPH}\n\n{SECOND}\n\n3 Comments\n\n{thread}Copyright Example Inc.\n"
    got = roles(page)
    assert got[said] == got["Sounds classy, I might name my firstborn daughter that."] == "comment"
    assert got["Copyright Example Inc."] == "boilerplate"


def test_a_chatty_blog_post_under_its_headline_is_an_article_not_bare_comments() -> None:
    """A diary in the first person, its lines close together like a page of bare comments, but
    headed "Monte Carlo 2002 report by Maxim (maxasia)": bare comments start with a reader's
    remark, not a headline."""
    diary = [
        "Hi, everybody. I'm back from my trip and I have so much to tell you all.",
        "I was sitting next to a businessman who loves tennis, and I told him my plans.",
        "You would not believe how lucky I was with the weather this time, my friends.",
        "My hotel was right by the courts, so I walked to every match I wanted to see.",
        "I met the players after practice and you can guess how happy that made me.",
    ]
    page = "Monte Carlo 2002 report by Maxim (maxasia)\n04.15.2002\n" + "\n".join(diary) + "\n"
    got = roles(page)
    assert "comment" not in got.values()
    assert got[diary[2]] == "body"
    # The same lines without the headline are a page of bare comments.
    assert set(roles("\n".join(diary) + "\n").values()) == {"comment"}


def test_a_second_comments_heading_inside_the_thread_does_not_move_its_start() -> None:
    """Drupal: "Comments" over the newest posts, and "Comments" again over older ones further
    down. The thread starts under the first heading."""
    said = [
        "I am so sad to hear of his passing. He was a wonderful man and a great teacher.",
        "He had quite an influence on my life, and I did not know he had passed away.",
        "My name is David, my parents were good friends of the family for many years.",
        "He stopped by on other occasions when he was travelling, and we talked for hours.",
        "What a life he had. I still use the books he gave me in my own classes today.",
        "Life's bigger lessons were the ones he taught us outside of the classroom.",
    ]
    posts = [
        f"Thu, 09/0{n + 1}/2011 - 08:3{n} — Reader {n} (not verified)\n{text}\n"
        for n, text in enumerate(said)
    ]
    page = (
        f"In memoriam\n\n{PARAGRAPH}\n\n{SECOND}\n\nComments\n{''.join(posts[:4])}"
        f"Comments\n{''.join(posts[4:])}"
    )
    got = roles(page)
    assert [got[text] for text in said] == ["comment"] * 6


def test_short_comments_with_reply_buttons_are_a_thread_though_no_sentence_ends() -> None:
    """Douban: "Name 2015-10-27 20:26:51" over a word or a short phrase ("马克", "占") and the
    post's buttons "回应 赞": no sentence ends between the headers, but each post says something
    and has its Reply button. A teaser list's headlines over dates have no Reply buttons."""
    said = ["为啥觉得在哪男的都少呢", "私募公司一般规模都在20人以下吧", "马克", "占", "MARK"]
    names = ["Lily", "男朋友", "彭于晏", "单枪匹狗", "米菲"]
    lines = [
        row
        for n, (name, text) in enumerate(zip(names, said, strict=True))
        for row in (f"{name} 2015-10-27 20:2{n}:51", text, "回应 赞", "删除")
    ]
    assert [c.posts for c in find_conversations(lines, "zh")] == [(0, 4, 8, 12, 16)]
    teasers = [row for n, text in enumerate(said) for row in (f"2015-10-2{n} 20:26", text)]
    assert not find_conversations(teasers, "zh")


def test_a_tool_bar_above_each_answer_date_is_no_teaser_headline() -> None:
    """Stack Exchange: each answer's text, then its tool bar "share | improve this answer |
    follow |" over "answered Feb 12 '19 at 6:33" and the name. A headline of eight words next
    to most dates marks teasers; a bar of links is no headline, nor is vBulletin's "Report this
    post to a moderator | IP: Logged"."""
    said = [
        "The real names of those folders are in English; Explorer shows a translated name.",
        "Use a file dialog from tkinter, which shows the names the user expects to see.",
        "Worked perfectly, thank you! Is there a way to do it without a dialog at all?",
        "Use expanduser to find the home folder on Windows as well as on Linux systems.",
    ]
    for bar in ("share | improve this answer | follow |", "Report this post to a moderator | IP"):
        lines = [
            row
            for n, text in enumerate(said)
            for row in (text, bar, f"answered Feb 12 '19 at {n + 1}:33", f"user{n}", "5,588")
        ]
        assert [c.posts for c in find_conversations(lines, "en")] == [(2, 7, 12, 17)], bar


def test_a_code_block_between_paragraphs_stays_inside_the_article() -> None:
    """A technical post: paragraphs around a listing. Its lines ("public:", "explicit",
    "_Async_state_impl(_Args&&... __args)", "DocumentRoot /var/www/html") are short and end like no
    sentence, as menu entries do, but identifiers, calls and paths are no menu's words: the
    listing does not split the article in two."""
    code = [
        "template<typename _BoundFn, typename _Res>",
        "class _Async_state_impl final",
        "public:",
        "_Async_state_impl(_Args&&... __args)",
        "_M_thread = std::thread{&_Async_state_impl::_M_run, this};",
        "RewriteRule ^/html/(.*)$ /$1.html",
        "DocumentRoot /var/www/html",
    ]
    closing = (
        "Both compilers start a new thread for each call, so a loop that launches a thousand "
        "tasks launches a thousand threads, whatever the number of cores the machine has."
    )
    page = "\n".join(["Home", "Archives", "About", PARAGRAPH, SECOND, *code, closing, "Tags"])
    got = roles(page)
    assert got[closing] == "body" and got[PARAGRAPH] == "body"
    assert got["Home"] == got["Tags"] == "boilerplate"


def test_short_chinese_clauses_between_paragraphs_stay_inside_the_article() -> None:
    """A Chinese tutorial: short lines between its paragraphs end like no sentence, as menu
    entries do, but a Chinese comma joins clauses of running text; no menu holds one."""
    first = "Ceph是一套高性能，易扩展的，无单点的、自恢复管理分布式存储系统，提供了对象存储、块存储和文件系统三种接口。"
    last = "编译成功后，在构建成功的deb包存放在ceph的上一层目录，之后安装ceph就会选择本地源了，这一点非常重要。"
    steps = [
        "注意编译的机器的内存最好有4G上，不然编译过程中会报错",
        "同时修改每个主机名，使用命令查看修改是否生效",
        "之后，安装ceph就会选择本地源了",
        "需要添加更新公钥，然后更新源",
    ]
    closing = "部署完成以后，可以用命令检查集群的状态，如果一切正常，就可以开始添加存储节点了。"
    page = "\n".join(
        ["博客", "分类", "标签", "关于", "Ceph手动部署", first, *steps, last, closing, "友链"]
    )
    got = roles(page, "zh")
    assert got[first] == got[last] == got[closing] == "body"
    assert got["博客"] == got["友链"] == "boilerplate"


def test_a_time_glued_to_a_month_name_marks_a_post_header() -> None:
    """Uyghur WordPress: "كارو : 2011-يىل 30-مارت15:14 جاۋاب" (name, year, day and month, the
    time glued to the month's last letter, Reply). The month names are in no word list, but the
    time of day is a time of day even with no space before it."""
    names = ["كارو", "نۇرتېكىن", "شاھ ئۇيغۇر", "ئۇيغۇربەگ"]
    said = [
        "مۇشۇ QQدىگەن لۈكچەكتىن ئايرىلالمايدىكەنمىز، خەنلەرنىڭ يازمىلىرى كۆپ.",
        "ھىم، ئۇغۇ شۇ. بېكىتىڭىزگە كۆزۈم چۈشىۋاتىدۇ…",
        "ئېنتوناتسىيىڭىز مەندىن ياخشىكەن جۇمۇ!",
        "دەرىسلىك ياخشى چىقىپتۇ، نۇرغۇن نەرسىلەرنى ئۆگۈنۋالدىم.",
    ]
    lines = [
        row
        for n, (name, text) in enumerate(zip(names, said, strict=True))
        for row in (f"{name} : 2011-يىل 3{n}-مارت1{n}:14 جاۋاب", text)
    ]
    assert [c.posts for c in find_conversations(lines, "ug")] == [(0, 2, 4, 6)]


def test_a_poem_with_no_paragraph_is_the_article() -> None:
    """A poem is stanzas of short lines, most ending with a comma or a full stop, and no
    paragraph at all; the menu above it and the list of other titles below end their lines
    with neither."""
    stanzas = [
        [
            "The harbour lights were burning low,",
            "the gulls had settled on the quay,",
            "and every boat that meant to go",
            "had gone before the tide and me.",
        ],
        [
            "I counted hulls along the wall,",
            "the names I knew, the names I lost,",
            "and wrote them down, and wrote them all,",
            "and did not stop to count the cost.",
        ],
    ]
    page = "\n\n".join(
        [
            "Home\nPoems\nAbout",
            "The Harbour",
            *("\n".join(s) for s in stanzas),
            "More poems\nWinter Roads…\nThe Lighthouse Keeper…\nSalt",
        ]
    )
    got = roles(page)
    assert {got[line] for stanza in stanzas for line in stanza} == {"body"}
    assert got["Home"] == got["Salt"] == "boilerplate"


def test_the_opening_post_numbered_one_is_the_article_of_a_forum_topic() -> None:
    """FluxBB, vBulletin, XenForo number their posts: "#1 2008-09-05 13:31:48". On a topic's
    first page (#1, then #2) the opening post is the article and the replies are the thread; a
    later page starts at #16 and is all replies."""
    said = [
        "I think the key should live outside the info dict, so that trackers can change it later.",
        "That breaks the signature, though: anything outside the info dict can be edited by anyone.",
        "Then sign it separately; a second signature costs nothing and keeps the two concerns apart.",
        "Agreed, and the client can ignore keys it does not know, so nothing old will break.",
    ]
    names = ["bram", "arvid", "theshadow", "bram", "arvid"]

    def page(first: int) -> str:
        rows = ["Index", "Search", "» .torrent file extensions", "Pages: 1"]
        for n, (name, text) in enumerate(zip(names, [PARAGRAPH, *said], strict=True)):
            rows += [f"#{first + n} 2008-09-0{n + 1} 13:31:48", name, "Member", text, "Offline"]
        return "\n".join(rows)

    got = classify_lines(page(1), "en")
    assert [b.role for b in got if b.text == PARAGRAPH] == ["body"]
    assert {b.role for b in got if b.text in said} == {"comment"}
    later = classify_lines(page(16), "en")
    assert {b.role for b in later if b.text in [PARAGRAPH, *said]} == {"comment"}


def test_replies_by_the_first_posts_subject_make_it_the_opening_post() -> None:
    """Phorum, SMF and phpBB give no number but a subject: the opening post's "Compartir
    experiencias", each reply's "Re: Compartir experiencias". On a later page every post
    is a reply."""
    said = [
        "Buenas noches, mi hijo tiene seis años y seguimos un método parecido desde el principio.",
        "Gracias por compartirlo, nosotros empezamos con fotos y ahora usa un cuaderno de signos.",
        "Mi hija camina sola desde los cuatro años, con mucha paciencia y un poco de natación.",
        "Os leo a todos con interés, y os contaré lo que nos diga la logopeda la semana que viene.",
    ]
    names = ["abalaspalmas", "mtcano", "María", "Silvia", "Patricia"]

    def page(first_is_reply: bool) -> str:
        rows = ["Inicio > Foro > Tema", "Buscar", "Compartir experiencias", "Lista de foros"]
        for n, (name, text) in enumerate(zip(names, [PARAGRAPH, *said], strict=True)):
            subject = (
                "Compartir experiencias"
                if n == 0 and not first_is_reply
                else "Re: Compartir experiencias"
            )
            rows += [
                name,
                subject,
                f"2{n}-February-2012 21:46",
                text,
                "Responder Responder citando",
            ]
        return "\n".join(rows)

    got = classify_lines(page(False), "es")
    assert [b.role for b in got if b.text == PARAGRAPH] == ["body"]
    assert {b.role for b in got if b.text in said} == {"comment"}
    later = classify_lines(page(True), "es")
    assert {b.role for b in later if b.text in [PARAGRAPH, *said]} == {"comment"}


def test_a_read_also_box_inside_the_article_takes_its_date_along() -> None:
    """ "Przeczytaj także:" (read also) over a teaser's date and headline, between two paragraphs:
    the date is the teaser's, not the article's byline, and the box is no heading."""
    page = (
        f"Sędziowie nie ustąpią\n\n{PARAGRAPH}\n\nPrzeczytaj także:\n\n15 listopada 2021\n\n"
        f"Iustitia mówi, jak posprzątać po ministrze w sądach\n\n{SECOND}\n"
    )
    got = roles(page, "pl")
    assert got["15 listopada 2021"] == got["Iustitia mówi, jak posprzątać po ministrze w sądach"]
    assert got["15 listopada 2021"] == "boilerplate"
    assert got[SECOND] == "body"


def test_a_polish_caption_ending_with_its_photo_credit_is_boilerplate() -> None:
    caption = "Prezes stowarzyszenia w Warszawie, po prawej. Fot. Mariusz Kowalski."
    credit = "Fot. Jan Kowalski / Agencja Wyborcza.pl"  # a credit line of its own
    page = f"Sędziowie nie ustąpią\n\n{PARAGRAPH}\n\n{caption}\n\n{credit}\n\n{SECOND}\n"
    got = roles(page, "pl")
    assert got[caption] == got[credit] == "boilerplate" and got[SECOND] == "body"


def test_a_menus_related_link_above_the_dateline_does_not_take_the_headline() -> None:
    """A story list's dates go with it below the first paragraph; above it, a menu's last entry
    ("Related") stands right over the article's own dateline and headline."""
    headline = "Why the talks in Geneva stalled after three hours"
    page = f"Home\nNews\nRelated\n\n15 November 2021\n\n{headline}\n\n{PARAGRAPH}\n\n{SECOND}\n"
    got = roles(page)
    assert got["15 November 2021"] == "meta" and got[headline] == "title"


@pytest.mark.parametrize("version", ["2.1.10", "3.11.10", "10.4.20", "07/22.20"])
def test_a_version_number_on_its_own_line_is_no_short_date(version: str) -> None:
    from pipeline.stages.dates import is_short_date_line

    assert not is_short_date_line(version)
    assert is_short_date_line("07.22.20") and is_short_date_line("22/07/20")


def test_a_button_in_every_comment_is_no_part_of_it() -> None:
    """Reddit's "save" and "embed" under every comment, Something Awful's "Profile" and "Post
    History": a short line standing in most of a thread's comments is a button. A name that
    opens many comments is its author's, however often it posts."""
    said = [
        "I think the council should have published the figures before the vote, not after it.",
        "They did publish them, in the annex, but nobody reads the annex of anything.",
        "Which is exactly why it should have been in the summary that people actually read.",
        "The summary was written before the figures were final; that is the real problem here.",
        "Then delay the vote until they are final. Nothing was urgent about this one anyway.",
    ]
    rows = [PARAGRAPH, SECOND, "5 comments"]
    for n, text in enumerate(said):
        rows += ["martha_k" if n % 2 else "oldtimer", f"May {n + 3}, 2019 at 10:1{n} am"]
        rows += [text, "save", "embed", "Reply"]
    blocks = classify_lines("\n".join(["Council votes on budget", *rows]), "en")
    got = {(b.text, b.role) for b in blocks}
    assert ("save", "boilerplate") in got and ("embed", "boilerplate") in got
    assert ("save", "comment") not in got
    assert {b.role for b in blocks if b.text in ("martha_k", "oldtimer", *said)} == {"comment"}


def test_short_chinese_sentences_inside_an_article_are_no_menu() -> None:
    """Chinese news writes short lines, one sentence each ("太和殿被灯光勾勒出宏伟的轮廓！"):
    too short for a paragraph, and a run of them read as a run of links. A line that ends
    with a Chinese full stop, "！" or "？" is a sentence; no menu entry or heading ends so."""
    first = "半小时后，紫禁城上元之夜的灯光点亮了北京夜空，午门城楼及东西雁翅楼用白、黄、红三种颜色光源装扮，整个故宫都亮了起来。"
    short = [
        "太和门广场变成了超大的夜景灯光秀场！",
        "故宫的角楼被灯光装点出满满的节日气氛！",
        "以灯为笔，以屋顶为纸，一眼望去美不胜收！",
        "太和殿被灯光勾勒出宏伟的轮廓。",
    ]
    last = "即便一票难求，这两天夜间的门票仍然在短时间内被一抢而空，更多人通过网络直播一睹故宫灯会盛景。"
    page = "\n\n".join(
        ["首页", "新闻", "图片", "故宫灯会点亮北京夜空", first, *short, last, "关于我们"]
    )
    got = roles(page, "zh")
    assert {got[line] for line in [first, *short, last]} == {"body"}


def test_a_poem_whose_lines_run_on_is_still_verse() -> None:
    """A verse runs on into the next line as often as it ends with a comma: a memorial poem
    under a death notice, where five of twelve lines end with punctuation, is the article's."""
    poem = [
        "God saw you were getting tired,",
        "and a cure was not to be. So He",
        "put his arms around you",
        "and whispered, come with me.",
        "In tears we watched you suffer",
        "and saw you fade away.",
        "Although we loved you dearly",
        "we could not make you stay.",
        "A heart of gold stopped breathing and",
        "hard-working hands now rest.",
        "God broke our hearts to prove to us,",
        "He only takes the best",
    ]
    page = "\n".join(
        [
            "Home",
            "Obituaries",
            "",
            "Barbara A. Lewis, 1931-2005",
            "",
            *poem,
            "",
            "Contact",
            "Privacy",
        ]
    )
    got = roles(page)
    assert {got[line] for line in poem} == {"body"}


def test_a_thread_starter_line_above_post_one_does_not_hide_the_opening_post() -> None:
    """XenForo: "Thread starter dieketzer" / "Start date Nov 21, 2010" above the posts reads as a
    post of its own; the post numbered #1 (a line under its date) is still the article."""
    said = [
        "I think the theme should stay just as it is; a palette is enough to make a dark one.",
        "A palette does not reach the gradients and shadows hidden all over the stylesheet.",
        "Then the stylesheet should name its colours once, and a dark option would be easy.",
        "Agreed. Until then I keep a dark copy of the default style and merge every release.",
    ]
    rows = ["Forums", "Suggestions", "a dark theme option"]
    rows += ["Thread starter dieketzer", "Start date Nov 21, 2010"]
    for n, (name, text) in enumerate(
        zip(["dieketzer", "krstep", "dieketzer", "mb", "krstep"], [PARAGRAPH, *said], strict=True)
    ):
        rows += [name, "Active member", f"Nov 2{n + 1}, 2010", f"#{n + 1}", text, "Reactions:"]
    got = classify_lines("\n".join(rows), "en")
    assert [b.role for b in got if b.text == PARAGRAPH] == ["body"]
    assert {b.role for b in got if b.text in said} == {"comment"}


def test_a_name_that_posts_often_is_no_button() -> None:
    """Two readers answer each other: each name stands in half the comments, as a button
    would, but beside its comment's time stamp ("May 3, 2019 at 10:10 am" / "oldtimer") a
    line is the author's."""
    said = [
        "The council should have published the figures before the vote, not after it.",
        "They did publish them, in the annex, but nobody reads the annex of anything.",
        "Which is exactly why it belonged in the summary that people actually read.",
        "The summary was written before the figures were final; that is the problem.",
        "Then delay the vote until they are final. Nothing was urgent about this one.",
        "It was urgent for the contractors, who had been waiting since the spring.",
    ]
    rows = [PARAGRAPH, SECOND, "6 comments"]
    for n, text in enumerate(said):
        name = "martha_k" if n % 2 else "oldtimer"
        rows += [f"May {n + 3}, 2019 at 10:1{n} am", name, text, "Reply"]
    blocks = classify_lines("\n".join(["Council votes on budget", *rows]), "en")
    assert {b.role for b in blocks if b.text in ("martha_k", "oldtimer")} == {"comment"}


def test_a_posters_join_date_is_no_post_header_so_guests_posts_stay_in_the_thread() -> None:
    """phpBB 2 prints each member's card ("Joined: 23 May 2003", "Posts: 182") above the post's
    own "Posted: …" line; a guest's post has no card. Join dates read as headers made the
    cards the thread's template and cut the guests' posts off its end, or split the thread."""
    said = [
        "That is pretty cheap for a five puck clutch, is it the semi ceramic one you fitted?",
        "It came with just the pad and a pressure plate that had bigger springs in them.",
        "Better clarify for everyone, what we sold was a plate only a quarter stronger than stock.",
        "Mine was the red one that got stolen and you fixed her up, which clutch did I get?",
        "Same clutch disc but the standard cover plate, the other gentleman got the heavier one.",
    ]
    cards = [
        ("vlad", "Joined: 23 May 2003"),
        ("Leigh", "Joined: 28 Jan 2003"),
        ("Mitsiman", "Joined: 10 Feb 2003"),
        ("ELMO", None),
        ("Guest", None),
    ]
    rows = ["Blackhawk runs a 14.6!", "Goto page Previous 1, 2", "Author  Message"]
    for n, ((name, joined), text) in enumerate(zip(cards, said, strict=True)):
        rows += [name] + ([joined, "Posts: 182"] if joined else ["Guest"])
        rows += [f"Posted: Mon May 0{n + 1}, 2004 9:4{n} pm  Post subject:", text, "Back to top"]
    rows += ["Display posts from previous:   Go", "Page 2 of 2", "Powered by phpBB"]
    got = classify_lines("\n".join(rows), "en")
    assert [b.role for b in got if b.text in said] == ["comment"] * len(said)
    assert len({b.comment_id for b in got if b.text in said}) == len(said)


def test_the_long_first_post_of_a_short_topic_is_its_article() -> None:
    """A topic's first page with three posts and no number on them: the first post, as long as
    an article, opens the topic; the replies under it are the thread."""
    said = [
        "Best of luck, all the hard work will be worth it. Enjoy the good weather while you can.",
        "The launch went fine at the slipway, no repeat of last year when the car got drowned.",
    ]
    opening = f"{PARAGRAPH} {SECOND} Both sides will meet again in the spring."
    rows = ["back in water tomorrow", "View next topic", "Author", "Message"]
    for n, (name, text) in enumerate(
        zip(["prestbury2", "Deano", "prestbury2"], [opening, *said], strict=True)
    ):
        rows += [
            name,
            "Joined: 20 Oct 2008",
            "Posts: 72",
            f"Posted: Wed Jun 0{n + 2}, 2010 11:0{n} pm",
            text,
        ]
    rows += ["Display posts from previous:", "Jump to:", "You can post new topics in this forum"]
    got = classify_lines("\n".join(rows), "en")
    assert [b.role for b in got if b.text == opening] == ["body"]
    assert [b.role for b in got if b.text in said] == ["comment"] * 2


def test_a_later_page_of_short_replies_is_a_thread_without_an_article_anywhere() -> None:
    """Page 2 of a topic: one-line replies hold little prose, less than the breadcrumb and the
    footer's sentences together, but with no article's worth of prose anywhere else on the
    page the replies are the page's thread."""
    said = [
        "En cherchant un bon serveur.",
        "Par du bouche à oreille",
        "J'ai découvert ce serveur grâce à mon ami mais lui je ne sais pas comment il l'a découvert.",
        "Dans les listes des serveurs, mais ce serait plus pour vous demander un déban.",
        "Via un site où sont listés des serveurs",
    ]
    names = ["tutu2222", "lyly33bis", "docteur_louis", "ghostcraft59", "ieatcrocsuwu"]
    rows = [
        "Forums › Candidatures › Présentations › Comment avez-vous découvert EagleCraft ?",
        "17 messages •",
        "Page 2 sur 2 •",
    ]
    for n, (name, text) in enumerate(zip(names, said, strict=True)):
        rows += [
            "Re: Comment avez-vous découvert EagleCraft ?",
            f"Dim {20 + n} Oct 2016, 20:3{n}",
            name,
            f"Messages : {n + 3}",
            text,
        ]
    rows += [
        "Précédent",
        "17 messages •",
        "Page 2 sur 2 •",
        "Retour vers Présentations",
        "Basé sur phpBB, utilisant la traduction française et le thème d'un membre du forum.",
        "EagleCraft est un serveur Minecraft Java Edition qui n'a aucune affiliation avec Mojang.",
        "Reproduction totale ou partielle interdite sans l'accord écrit des administrateurs du serveur.",
    ]
    got = classify_lines("\n".join(rows), "fr")
    assert [b.role for b in got if b.text in said] == ["comment"] * len(said)


def test_a_forums_rules_above_the_posts_do_not_hide_the_opening_post() -> None:
    """phpBB shows the forum's rules above a topic: a paragraph, but shorter than the opening
    post, which the replies still answer by its subject ("Re: …")."""
    rules = (
        "Les messages publiés ici s'affichent sur la page d'accueil du site, merci de soigner "
        "leur présentation. Tout le monde peut répondre aux messages."
    )
    opening = f"{PARAGRAPH} {SECOND}"
    said = [
        "Étant le plus nouveau joueur, je ne peux pas donner un avis sur tout, mais je vais essayer.",
        "Pour le site, je ne sais pas de quand datent les rénovations, je ne les ai pas remarquées.",
        "Merci pour vos réponses, je vais regarder tout cela pendant la semaine et je reviens vers vous.",
    ]
    rows = ["Forums › Vie sur EagleCraft › Le futur et des idées", "Règles du forum", rules]
    for n, (name, text) in enumerate(
        zip(["Sailoriae", "LeChien", "Tigrou", "Sailoriae"], [opening, *said], strict=True)
    ):
        subject = "Le futur et des idées" if n == 0 else "Re: Le futur et des idées"
        rows += [subject, f"Dim 18 Mars 2018, 1{n}:57", name, f"Messages : {n + 6}", text]
    rows += ["Retour vers L'EagleNews", "Qui est en ligne"]
    got = classify_lines("\n".join(rows), "fr")
    assert [b.role for b in got if b.text == opening] == ["body"]
    assert [b.role for b in got if b.text in said] == ["comment"] * len(said)


def test_the_articles_closing_list_goes_on_past_its_last_paragraph() -> None:
    """An announcement that ends with its conditions as a list: its first items run as long as
    paragraphs, the last ones are short, and they are the article's too, up to the first line
    that is no item of the list."""
    items = [
        "• Türkiye Cumhuriyeti vatandaşı veya Avrupa Birliği üyesi ülkelerden birinin vatandaşı "
        "ya da mülteci olarak tanınmış olmak.",
        "• İstanbul Üniversitesi öğrencisi olmak, lisans veya lisans üstü programlarından birine "
        "kayıtlı ve derslerine devam ediyor olmak.",
        "• Üniversitedeki birinci yarıyılını tamamlamış olmak",
        "• Ağırlıklı not ortalaması 2,0/4,00 olmalı",
        "• Disiplin cezası almamış olmak",
    ]
    page = "\n".join(
        [
            "Ana sayfa",
            "Erasmus Programı'yla Yurtdışında Eğitim Görmek İçin Başvurular Başladı",
            PARAGRAPH,
            SECOND,
            *items,
            "»",
            "Yorum göndermek için giriş yapın",
            "2193 okuma",
            "Sitede Arama:",
            "Ara",
        ]
    )
    got = roles(page, "tr")
    assert [got[item] for item in items] == ["body"] * len(items)
    assert got["»"] == got["2193 okuma"] == "boilerplate"
    menu = ["- Eğitmenlerimiz", "- Çalışma saatleri", "- İletişim"]
    got = roles(page.replace("»", "\n".join(menu)), "tr")
    assert {got[line] for line in menu} == {"boilerplate"}


def test_a_ranking_with_its_ranks_glued_to_the_headlines_is_not_the_article() -> None:
    """A news site's "Most read" widget copied as text: the ranks stick to the headlines
    ("2No país…"), counting up. An article's own numbered list keeps "1. " apart."""
    ranking = [
        "1“A notícia é esta: o Xingu vai morrer”",
        "2No país, a cada quatro horas uma menina com menos de 13 anos é vítima de violência",
        "3Os dias de Iriana nas ruas de Recife: com um bebê e sem documentos",
        "4Fotos com traficantes na fronteira colombiana motivam acusações ao governo",
        "5Discurso do Itamaraty no exterior é sobre um Brasil que não existe, dizem diplomatas",
    ]
    numbered = ["1. Ler o relatório inteiro.", "2. Ouvir as duas partes.", "3. Escrever."]
    page = "\n".join(
        [
            "O abraço entre duas crianças que comoveu as redes",
            PARAGRAPH,
            *numbered,
            SECOND,
            "O Mais Visto Em...",
            *ranking,
            "Comentários",
        ]
    )
    got = roles(page, "pt")
    assert {got[line] for line in ranking} == {"boilerplate"}
    assert {got[line] for line in numbered} == {"body"}
    # Steps with their numbers glued on end like sentences: no headlines.
    steps = ["1Preheat the oven to 180 degrees.", "2Mix the flour and the butter.", "3Bake it."]
    got = roles("\n".join(["Shortbread", PARAGRAPH, *steps, SECOND]), "en")
    assert {got[line] for line in steps} == {"body"}


def test_a_media_players_fallback_text_is_boilerplate() -> None:
    """An embedded audio or video player leaves its fallback sentence in the copied text ("Váš
    prohlížeč nepodporuje přehrávání audia."): the player's, in the page's language."""
    notices = [
        "Váš prohlížeč nepodporuje přehrávání audia.",
        "Your browser does not support the video tag.",
        "Ihr Browser unterstützt dieses Video nicht.",
    ]
    page = "\n".join(["Urputná stabilita", PARAGRAPH, notices[0], SECOND, *notices[1:]])
    got = roles(page)
    assert {got[line] for line in notices} == {"boilerplate"}


@pytest.mark.parametrize(
    ("line", "opens"),
    [
        ("This post has one comment", True),
        ("Questo articolo ha un commento", True),
        ("Cet article a 3 commentaires", True),
        ("Dieser Beitrag hat einen Kommentar", True),
        ("This post has 0 comments", False),
    ],
)
def test_a_theme_heading_saying_the_post_has_comments_opens_the_thread(
    line: str, opens: bool
) -> None:
    """Themes (Astra and others) head the thread "This post has N comments" in the page's
    language; a count of zero heads no thread."""
    assert phrase_book().opens_comments(line) is opens


def test_a_topics_first_page_opens_with_its_first_post() -> None:
    """phpBB says "9 posts • Page 1 of 1" above the posts: on a topic's first page the first
    post opens it, even without a number or a subject the replies answer."""
    said = [
        "Nice idea with this question thread, now to answer your question about the certs.",
        "Save them for now, you will want the vehicles later and they cost a lot more.",
        "Thanks both, I will keep them and try the flash first, it looks like fun to drive.",
        "A good quick meal for one person is an omelette, it takes five minutes at most.",
    ]
    opening = "Starting a huge post where people ask questions and other people answer them."
    rows = ["Board index General", "Questions and Answers", "Post Reply", "9 posts • Page 1 of 1"]
    for n, (name, text) in enumerate(
        zip(["Yume", "Pronix", "Hatchet", "Yume", "lightpsycho"], [opening, *said], strict=True)
    ):
        rows += [name, "Posts: 15", "Quote", f"Mon Apr 0{n + 1}, 2018 8:0{n} pm", text, "Top"]
    rows += ["Display posts from previous:", "Jump to"]
    got = roles("\n".join(rows))
    assert got[opening] == "body"
    assert [got[text] for text in said] == ["comment"] * len(said)


def _forum_topic(pager: str, opening: str, said: list[str]) -> str:
    """A phpBB topic's page: the pager line, then posts under their posters' cards."""
    rows = ["Board index General", "Questions and Answers", "Post Reply", pager]
    names = ["Yume", "Pronix", "Hatchet", "Yume", "lightpsycho"]
    for n, (name, text) in enumerate(zip(names, [opening, *said], strict=True)):
        rows += [name, "Registered user", "Posts: 15", "Quote"]
        rows += [f"Post by {name} » Mon Apr 0{n + 1}, 2018 8:0{n} pm", text, "Top"]
    return "\n".join([*rows, "Display posts from previous:", "Jump to"])


TOPIC_REPLIES = [
    "Nice idea with this question thread, now to answer your question about the certs.",
    "Save them for now, you will want the vehicles later and they cost a lot more.",
    "Thanks both, I will keep them and try the flash first, it looks like fun to drive.",
    "A good quick meal for one person is an omelette, it takes five minutes at most.",
]


@pytest.mark.parametrize(
    ("pager", "opens"),
    [("5 posts", True), ("Pages: 1", True), ("30 posts", False), ("Pages: 1 2 3", False)],
)
def test_a_topics_size_or_single_page_over_its_posts_says_the_first_opens_it(
    pager: str, opens: bool
) -> None:
    """phpBB 3.1 shows only "5 posts" when one page holds them all, FluxBB "Pages: 1": the
    first post opens the topic. "30 posts" over five is a later page's first reply."""
    opening = "Starting a huge post where people ask questions and other people answer them."
    got = roles(_forum_topic(pager, opening, TOPIC_REPLIES))
    assert got[opening] == ("body" if opens else "comment")
    assert [got[text] for text in TOPIC_REPLIES] == ["comment"] * len(TOPIC_REPLIES)


def test_a_topics_opening_post_too_short_for_prose_is_the_article() -> None:
    """A one-line request ("Need one for 66 bus") opens the topic: it is the article though no
    paragraph passes for prose; the poster's card above it ("Registered user", "Posts: 15"),
    which every reply repeats, is not."""
    opening = "Need one for 66 bus without washer pump"
    got = roles(_forum_topic("5 posts • Page 1 of 1", opening, TOPIC_REPLIES))
    assert got[opening] == "body"
    assert got["Post by Yume » Mon Apr 01, 2018 8:00 pm"] == "meta"
    assert [got[text] for text in TOPIC_REPLIES] == ["comment"] * len(TOPIC_REPLIES)


def test_links_to_the_previous_and_next_post_are_no_headline() -> None:
    """WordPress themes put "« Previous post's title" and "Next post's title »" above the post:
    links, not its headline nor its text."""
    previous, following = "« Beef Wellington – Cooking Class 2", "Cherry Compote and Almond Cream »"
    got = roles(
        "\n".join(
            [
                "Leave Room for Dessert",
                previous,
                following,
                "Pistachio cake, at last",
                PARAGRAPH,
                SECOND,
            ]
        )
    )
    assert (got[previous], got[following]) == ("boilerplate", "boilerplate")
    assert got["Pistachio cake, at last"] == "title"


def test_a_long_first_reply_under_the_topics_own_template_stays_in_the_thread() -> None:
    """Every post of an archived SMF topic opens with "name 2018-01-16 13:34 UTC": a first reply
    of twenty lines (code, attachments) is far longer than the others, but it is a post like
    them, not an article under a dateline."""
    long_reply = [
        f"Zeile {n} des Beispiels mit etwas Code darin, damit es lang wird." for n in range(20)
    ]
    rows = [
        "Boards / GERMAN / Topic 2558",
        "Messagebox - Abort und Cancel",
        "Peter2 2018-01-10 08:18 UTC",
    ]
    rows += [
        "Bitte hier im Auge behalten, ich habe das auch schon gesehen.",
        "fred_tomke 2018-01-16 13:34 UTC",
    ]
    rows += long_reply
    short = [
        "jo, schreib mal bitte ohne Umlaute, ich kann das sonst nicht lesen.",
        "Die Uebersetzungen sind weniger das Problem, mich wuerde die Logik interessieren.",
        "Nein, ich gehe eher davon aus, dass die Enumerationen umfaenglich sind.",
        "Danke euch beiden, dann schaue ich mir das morgen noch einmal an.",
    ]
    for n, text in enumerate(short):
        rows += [f"{'Peter2' if n % 2 else 'fred_tomke'} 2018-01-16 1{n}:59 UTC", text]
    got = roles("\n".join([*rows, "Generated from the SMF database dump."]), "de")
    assert [got[line] for line in long_reply] == ["comment"] * len(long_reply)
    assert [got[line] for line in short] == ["comment"] * len(short)


def test_a_thread_heading_under_a_one_sentence_post_opens_the_thread() -> None:
    """A post of one sentence (Serendipity, German) is short of a paragraph or two, but the
    "Kommentare" heading under it opens the thread all the same; the comment is no article."""
    post = "Wie mir die täglichen Kontaktanfragen von Spammern auf die Nerven gehen, ist kaum zu beschreiben, ehrlich."
    comment = [
        "Hallo, hatte mich jetzt lange geärgert, über ständig erneut aufpoppende Anfragen.",
        "Diese habe ich auch aus der Liste gelöscht, und seitdem ist endlich Ruhe.",
        "Danke für den Tipp mit den Einstellungen, das hat mir sehr geholfen.",
    ]
    page = [
        "Blogaddict",
        "Montag, 3. Mai 2010",
        "ICQ Spam",
        post,
        "Geschrieben von Blogaddict in Web um 16:46",
    ]
    page += [
        "Kommentare",
        *comment,
        "#1  jürgen  am 01.12.2010 22:30 (Antwort)",
        "Kommentar schreiben",
        "Name",
    ]
    got = roles("\n".join(page), "de")
    assert got[post] == "body"
    assert [got[line] for line in comment] == ["comment"] * 3


def test_vbulletins_first_visit_notice_is_boilerplate_whatever_its_length() -> None:
    """vBulletin's standing notice ("If this is your first visit, be sure to check out the FAQ
    …", 50 words) is the forum's, not prose above the topic."""
    notice = (
        "If this is your first visit, be sure to check out the FAQ by clicking the link above. You "
        "may have to register before you can post: click the register link above to proceed. To "
        "start viewing messages, select the forum that you want to visit from the selection below."
    )
    assert phrase_book().is_boilerplate(notice)
    assert not phrase_book().is_boilerplate("If this is your first visit to Rome, see the Forum.")


def test_a_posters_join_date_under_its_label_is_no_post_header() -> None:
    """XenForo's card puts "Joined" and the date on lines of their own, after the post's own
    date and number: the join date opens no post, and each post keeps its card and text."""
    texts = [
        "Pls help when i start my server, it writes me that the account server hangs!",
        "Check your database settings, the game server cannot connect to the DB at all.",
        "Thanks, that was it, the password in the config file was wrong all along.",
        "Glad it works now, remember to close the thread when your problem is solved.",
    ]
    rows = ["Tales of Pirates", "Errors", "Thread starter emkata99", "Start date Jul 12, 2011"]
    for n, (name, text) in enumerate(
        zip(["emkata99", "VntsKW", "emkata99", "VntsKW"], texts, strict=True)
    ):
        rows += [f"Aug 1{n}, 2011", f"#{n + 1}", name, "Initiate Mage", "Joined", f"Jul 1{n}, 2010"]
        rows += ["Messages", str(n + 3), text]
    got = roles("\n".join([*rows, "You must log in or register to reply here."]))
    assert got[texts[0]] == "body"
    assert [got[text] for text in texts[1:]] == ["comment"] * 3
    assert got["Jul 11, 2010"] == "comment"


def test_the_topics_starter_named_above_the_posts_wrote_the_opening_post() -> None:
    """ "Started by Peter2 · … · 3 replies" above posts headed "Peter2 2018-01-10 08:18 UTC": the
    first post is Peter2's, the topic's opening post, however short; the replies are comments."""
    opening = "Bitte hier im Auge behalten, das Problem ist noch offen."
    replies = [
        "Hi, siehe die Uebersetzung im Woerterbuch, dort steht in allen Faellen Abbrechen.",
        "Guten Abend Fred, danke fuer den Hinweis, das hatte ich nicht gesehen.",
        "Jo, schreib mal bitte ohne Umlaute, sonst kann ich das hier nicht lesen.",
    ]
    rows = ["Boards / GERMAN / Topic 2558", "Messagebox - Abort und Cancel"]
    rows += ["Started by Peter2 · 2018-01-10 08:18 UTC · 3 replies · SMF topic #2558"]
    rows += ["Peter2 2018-01-10 08:18 UTC", opening]
    for n, text in enumerate(replies):
        rows += [f"{'Peter2' if n % 2 else 'fred_tomke'} 2018-01-16 1{n}:34 UTC", text]
    got = roles("\n".join([*rows, "Generated from the SMF database dump."]), "de")
    assert got[opening] == "body"
    assert [got[text] for text in replies] == ["comment"] * 3


def test_movable_types_previous_main_next_bar_is_no_line_of_the_post() -> None:
    """Movable Type heads a post with "« previous title | Main | next title »": a pager."""
    bar = "« the art of sleeping well | Main | 26 weeks - getting bigger! »"
    got = roles("\n".join(["Up the duff", bar, "A quote I liked", PARAGRAPH, SECOND]))
    assert got[bar] == "boilerplate"
    assert got["A quote I liked"] == "title"


def test_the_comment_forms_notes_are_neither_article_nor_an_article_elsewhere() -> None:
    """Invision's reply box ("Join the conversation", "You can post now and register later …")
    under a topic of short posts: its notes are the site's, not the article, and not an
    article's worth of prose beside the thread."""
    note = (
        "You can post now and register later. If you have an account, sign in now to post with "
        "your account. Only 75 emoji are allowed, and you cannot paste images directly here: "
        "upload them or insert them from a URL. Your link has been automatically embedded, and "
        "your previous content has been restored, so you may clear the editor and start again "
        "whenever you like, or display the link as a plain link instead."
    )
    posts = [
        "Hello everyone, when will this forum come alive again?",
        "Good afternoon, as soon as we set up the advertising, I promise.",
        "Please turn on reactions to answers, I cannot even like one.",
        "Reactions are on now, we will look into the rest soon.",
    ]
    rows = ["When will the forum come alive?", "By Graf", "May 24, 2023 in Offtop"]
    for n, text in enumerate(posts):
        name = "Graf" if n % 2 == 0 else "Go-piratia"
        rows += [name, f"Posted May 2{n + 4}, 2023", "Developer", text, "Quote", "Share"]
    got = roles("\n".join([*rows, "Join the conversation", note, "Submit Reply"]))
    assert got[note] == "boilerplate"
    assert [got[text] for text in posts[1:]] == ["comment"] * 3


def test_posts_dated_by_month_and_year_only_are_a_thread() -> None:
    """Vanilla shows a post's month and year only ("November 2016") under the poster's rank and
    name: the posts of a discussion's second page are a thread all the same."""
    said = [
        "wooo! nice one Cpl.",
        "Congratulations Corporal.",
        "Huge congratulations, Corporal. Still miss the days of you in S2.",
        "Congrats!",
        "I am so upset I missed your SLT. Great work so far, I cannot wait to see what is next.",
    ]
    names = ["Private, First Class Paul A. McConville", "SSgt. Vandewalle", "T4 Laird [Ret.]"]
    names += ["PFC Reese [Ret.]", "FSgt. Balzer [Ret.]"]
    rows = ["Home › Promotions and Awards", "Promotion and Award (György Sánta)", "«12»"]
    for name, text in zip(names, said, strict=True):
        rows += [name, "November 2016", text]
    got = roles("\n".join([*rows, "Sign In or Register to comment.", "Howdy, Stranger!"]))
    assert [got[text] for text in said] == ["comment"] * 5


def test_the_last_post_runs_on_over_a_quotes_attribution_and_a_link() -> None:
    """Discourse's last post quotes an earlier one ("ilgooz:" over the quoted sentence) after a
    sentence ending in a link: the post goes on to its last sentence, not the footer."""
    posts = [
        ("ilgooz", "Sample usage: mesg-core version, and the sample output is the version."),
        ("Nicolas", "This already exists with the version flag, the output is the version."),
        ("ilgooz", "That is good. I would also like to have the commit hash next to it."),
    ]
    rows = ["Mesg-core: add version command", "Development Engine"]
    for n, (name, text) in enumerate(posts):
        rows += [f"{name}      January 2{n + 8}, 2019, 12:10pm  #{n + 1}", text]
    last = "I am not sure we can create an alias for this. It is done by cobra."
    rows += [
        "Nicolas      February 1, 2019, 10:05am  #4",
        "It is already the case for the dev release.",
    ]
    rows += ["You can try by downloading a dev release: https://github.com/mesg/core/releases"]
    rows += [
        "ilgooz:",
        "Maybe we can create an alias for the flag to make it work as a command?",
        last,
    ]
    got = roles("\n".join([*rows, "Home", "Categories", "FAQ/Guidelines", "Terms of Service"]))
    assert got[last] == "comment"
    assert got["Terms of Service"] == "boilerplate"


def test_the_last_post_runs_on_over_its_reply_subject() -> None:
    """FluxBB heads each reply "#8 2008-09-18 14:58:17" / name / rank / "Re: subject", then the
    text (a real topic, dev page fn06): the last reply's text is under its subject line, past
    the thread's usual post length, not the page's footer."""
    page = Path(__file__).parent / "devset/real/docs/fn06_en_fluxbb_bittorrent_torrentext.txt"
    got = roles(page.read_text(encoding="utf-8"))
    last = next(line for line in got if line.startswith("Looking over what keys are used"))
    assert got[last] == "comment"


def test_a_paragraph_broken_at_the_pages_width_is_prose() -> None:
    """A book excerpt kept with its printed line breaks: no line is a sentence of its own, but
    a run of lines of one width running on in lower case is a paragraph."""
    excerpt = [
        "When the mighty chieftain was getting ready once more",
        "to ride out and conquer the city, he mounted the white",
        "stallion he had ridden in his last years. The horse was",
        "strong, fast and clever in battle, but it had a temper",
        "of its own. Whenever it caught the scent of a good mare",
        "it dropped everything, threw its rider and went after",
        "her, and no hand in the whole camp could ever hold it.",
    ]
    menu = ["Home", "Books", "Stories", "Poems", "Contact"]
    got = roles("\n".join([*menu, "Horse Stories", *excerpt, "Add new comment", *menu]))
    assert [got[line] for line in excerpt] == ["body"] * len(excerpt)


def test_a_comments_link_under_the_lede_opens_no_thread_above_the_article() -> None:
    """A magazine's lede (one sentence), then its "Comments" link, then the whole article and,
    far below, the thread: the link heads nothing; the article stays the article."""
    lede = "The foreign ministers met for three hours and agreed on nothing of substance at all."
    body = [PARAGRAPH, SECOND] * 3
    comments = [
        "Jane Doe says:",
        "May 21, 2019 at 10:12 am",
        "I think the ministers should have talked about the consulates first, honestly.",
        "John Roe says:",
        "May 21, 2019 at 11:40 am",
        "Nothing was agreed because nobody wanted anything agreed, that is my reading.",
        "Ann Poe says:",
        "May 22, 2019 at 9:02 am",
        "My view is that the talks were a success simply because they happened at all.",
    ]
    page = ["Talks stall", lede, "Comments", *body, "3 Comments", *comments, "Leave a Reply"]
    got = roles("\n".join(page))
    assert got[PARAGRAPH] == "body"
    assert got[comments[2]] == "comment"


@pytest.mark.parametrize(
    "page",
    [
        "March ²",  # a digit int() does not read after a month name
        "\n".join(  # two headers sharing one opener, "Started by", a closing header
            [
                "alice 2018-01-17 13:34 UTC",
                "alice 2018-01-17 13:34 UTC",
                "paragraph broken at a fixed width by some old mail client and",
                "Started by bob · 2009-04-23 11:54 UTC · 6 replies",
                "Leave a Reply",
                "then ends here.",
                "Posted by swardley at 8:38 pm",
                "Messages",
                "3 posts",
                "alice 2018-01-17 13:34 UTC",
            ]
        ),
    ],
)
def test_odd_pages_found_by_review_are_labelled_without_error(page: str) -> None:
    lines = [line for line in page.split("\n") if line.strip()]
    assert len(classify_lines(page, "en")) == len(lines)


def test_a_spanish_comment_form_ends_the_thread() -> None:
    """The Spanish themes' "Agregar un comentario" opens the form under the last comment."""
    form = ["Agregar un comentario", "Comentario *", "Nombre *", "Correo electrónico *"]
    page = "\n".join(
        [
            "Templo de Artemisa (Éfeso)",
            PARAGRAPH,
            SECOND,
            "Un pensamiento en “Templo de Artemisa (Éfeso)”",
            "Un comentarista de WordPress en 9 de Junio de 2024 en 15:15 dijo:",
            "Hola, esto es un comentario, y para empezar a moderar visita el escritorio.",
            *form,
        ]
    )
    got = roles(page, "es")
    assert (
        got["Hola, esto es un comentario, y para empezar a moderar visita el escritorio."]
        == "comment"
    )
    assert {got[line] for line in form} == {"boilerplate"}


def test_a_turkish_first_post_keeps_its_one_comment() -> None:
    """Turkish WordPress heads a thread "“Merhaba dünya!” için bir yanıt" (naming the post) and
    dates a comment "1 Temmuz 2024": one comment under a one-paragraph post is found."""
    comment = ["Bir WordPress yorumcusu", "1 Temmuz 2024", "Merhaba, bu bir yorumdur."]
    page = "\n".join(
        [
            "Merhaba dünya!",
            "Tem 1, 2024",
            "WordPress’e hoş geldiniz. Bu sizin ilk yazınız. "
            "Bu yazıyı düzenleyin ya da silin. Sonra yazmaya başlayın!",
            "Yorumlar",
            "“Merhaba dünya!” için bir yanıt",
            *comment,
            "Yanıtla",
            "Bir yanıt yazın",
            "E-posta adresiniz yayınlanmayacak.",
            "Yorum gönder",
        ]
    )
    got = roles(page, "tr")
    assert [got[line] for line in comment] == ["comment"] * 3


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [
        ("1 Temmuz 2024", "tr", "2024-07-01"),
        ("Tem 1, 2024", "tr", "2024-07-01"),
        ("Praha 15:13 31. prosince 2019", "cs", "2019-12-31"),
    ],
)
def test_turkish_and_czech_month_names_date_a_line(text: str, language: str, day: str) -> None:
    assert str(find_date(text, language)) == day


def test_a_forums_clock_above_the_menu_is_no_post_and_the_topic_opens_with_its_first_post() -> None:
    """SMF prints the time at the top of the page ("June 08, 2010, 07:37:37 AM"), a header like
    the posts' own; the first page's pager ("Pages: [1] 2 All") stands between it and the
    topic's opening post, which is the article; a pager is no post header."""
    replies = [
        "I agree with every word of this, and I would add that backups come first of all.",
        "Thanks for writing it down, I will point people to this post from now on, really.",
        "One more thing: do not install packages from random sites, it breaks upgrades.",
    ]
    posts = "".join(
        f"member{n}\nPosts: {100 + n}\n« Reply #{n + 1} on: September {20 + n}, 2007, 0{n}:08:14 PM »\n"
        f"{text}\n"
        for n, text in enumerate(replies)
    )
    page = (
        "June 08, 2010, 07:37:37 AM\nWelcome, Guest\nWiki\nForums\nBugs\nDownload\n"
        "Topic: Should I trust the advice I get in this forum?\nPages: [1] 2 All\n"
        "gregswallow\nPosts: 616\n«  on: September 19, 2007, 01:08:14 PM »\n"
        f"{PARAGRAPH}\n{SECOND}\n{posts}"
    )
    roles = {block.text: block.role for block in classify_lines(page, "en")}
    assert roles[PARAGRAPH] == "body" and roles[SECOND] == "body"
    assert [roles[text] for text in replies] == ["comment"] * 3
