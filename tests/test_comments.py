"""Comment rows: grouping, author and date from header lines, NULL where a page shows none."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pipeline.stages.comments import author_in_header, extract_comments
from pipeline.stages.dates import find_date, find_month_day, find_short_year_date
from pipeline.stages.grouping import group_comments
from pipeline.stages.lines import Line
from pipeline.stages.segment import Block, classify_lines

ARTICLE_WITH_THREAD = """Talks in Geneva Resume After a Long Pause

By Anna Petrova

Diplomats from both countries met again in Geneva on Tuesday and agreed to continue the dialogue \
on arms control next month, officials said after the meeting ended late in the evening.

Neither side mentioned the frozen assets, which remain the main obstacle to any broader agreement \
between the two governments this year, according to people familiar with the talks.

3 Comments

GeoWatcher · May 22, 2019 at 10:12 am
Finally some sense. Talking is always better than the alternative.
Reply
Marie Dubois says:
I doubt anything will come of it, but I hope I am wrong.
Reply
Ivan · 23.05.2019
Let them talk.
"""


def test_headers_give_author_and_date_and_stay_out_of_the_text() -> None:
    blocks = classify_lines(ARTICLE_WITH_THREAD, "en")
    comments = extract_comments(blocks, "en")
    assert [(c.author, c.posted, c.text) for c in comments] == [
        (
            "GeoWatcher",
            date(2019, 5, 22),
            "Finally some sense. Talking is always better than the alternative.",
        ),
        ("Marie Dubois", None, "I doubt anything will come of it, but I hope I am wrong."),
        ("Ivan", date(2019, 5, 23), "Let them talk."),
    ]
    roles = {b.text: b.role for b in blocks}
    assert roles["3 Comments"] == "boilerplate"
    # A reply button is the page's, not the reader's (as both dev sets label it).
    assert roles["Reply"] == "boilerplate"


def test_bare_comments_have_no_author_or_date() -> None:
    thread = (
        "I think you are wrong about this, my friend.\n"
        "You forget what happened in 2014, I remember it well.\n"
        "My view: nothing will change.\n"
        "I agree with you on that point.\n"
    )
    comments = extract_comments(classify_lines(thread, "en"), "en")
    assert len(comments) == 4
    assert all(c.author is None and c.posted is None for c in comments)


def _rows(page: str, language: str) -> list[tuple[str | None, object, str]]:
    blocks = classify_lines(page, language)
    return [(c.author, c.posted_at or c.posted, c.text) for c in extract_comments(blocks, language)]


ARTICLE = (
    "Europa wählt\n\nDie Wahlbeteiligung lag nach ersten Schätzungen deutlich höher als vor fünf "
    "Jahren, und in fast allen Ländern legten die kleinen Parteien am Sonntag kräftig zu.\n\n"
    "Die großen Fraktionen verloren dagegen Sitze, sodass die Mehrheitsbildung im neuen "
    "Parlament schwieriger wird als in jeder Wahlperiode zuvor, sagen Beobachter in Brüssel.\n\n"
)


def test_a_name_line_over_a_date_line_gives_author_and_time_apart_from_the_text() -> None:
    """The most common layout: name, date with time of day, then the text."""
    thread = "".join(
        f"{name}\n{when}\n{text}\nAntworten\n\n"
        for name, when, text in (
            ("Gisela W.", "14. März 2023 um 10:12 Uhr", "Sehr gut geschrieben, danke dafür."),
            ("Peter K.", "14. März 2023 um 11:40 Uhr", "Ich sehe das ganz anders als Gisela."),
            ("Anna", "15. März 2023 um 08:05 Uhr", "Wer hat denn gewonnen am Ende?"),
        )
    )
    rows = _rows(ARTICLE + "3 Kommentare\n\n" + thread, "de")
    assert rows[0] == (
        "Gisela W.",
        datetime(2023, 3, 14, 10, 12),
        "Sehr gut geschrieben, danke dafür.",
    )
    assert rows[2][:2] == ("Anna", datetime(2023, 3, 15, 8, 5))


def test_english_headers_with_am_pm_and_an_initial_in_the_name() -> None:
    thread = (
        "Dr. Samuel J. Whitaker says:\nMay 21, 2019 at 10:12 am\nA fair summary of the talks.\n\n"
        "Gisela W. says:\nMay 21, 2019 at 3:40 pm\nI disagree with the second point.\n\n"
        "Tom says:\nMay 22, 2019 at 12:05 am\nNobody expected a deal anyway.\n\n"
    )
    page = f"Talks end\n\n{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 Comments\n\n{thread}"
    rows = _rows(page, "en")
    assert [r[0] for r in rows] == ["Dr. Samuel J. Whitaker", "Gisela W.", "Tom"]
    assert [r[1] for r in rows] == [
        datetime(2019, 5, 21, 10, 12),
        datetime(2019, 5, 21, 15, 40),
        datetime(2019, 5, 22, 0, 5),
    ]


def test_movable_type_headers_close_each_comment() -> None:
    thread = "".join(
        f"{text}\nPosted by: {name} at March 18, 2008 0{n}:39 PM\n\n"
        for n, (name, text) in enumerate(
            (
                ("AJ Cann", "So what can I view on my iPod?"),
                ("Tony", "Not much, I fear."),
                ("Mia", "Everything, with the right app."),
            ),
            start=1,
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}Comments\n\n{thread}"
    rows = _rows(page, "en")
    assert [(r[0], r[2]) for r in rows] == [
        ("AJ Cann", "So what can I view on my iPod?"),
        ("Tony", "Not much, I fear."),
        ("Mia", "Everything, with the right app."),
    ]
    assert rows[1][1] == datetime(2008, 3, 18, 14, 39)


def test_replies_nested_in_the_markup_keep_their_parent() -> None:
    from pipeline.settings import Settings
    from pipeline.stages.process import build_document

    paragraph = ARTICLE_WITH_THREAD.split("\n\n")[2]
    page = f"""<html><body><article><h1>Talks resume</h1><p>{paragraph}</p></article>
    <div id="comments"><h3>3 Responses</h3><ol class="commentlist">
      <li class="comment"><div class="comment-author">Anna says:</div><p>First! And a fair summary of the talks.</p>
        <ul class="children"><li class="comment"><div class="comment-author">Ben says:</div>
          <p>Welcome, Anna. I read it the same way.</p></li></ul></li>
      <li class="comment"><div class="comment-author">Cleo says:</div><p>Good piece, but the assets matter more.</p></li>
    </ol></div></body></html>"""
    document = build_document("page.html", page.encode(), Settings())
    rows = [(c.author, c.text, c.depth) for c in document.comments]
    assert rows == [
        ("Anna", "First! And a fair summary of the talks.", 0),
        ("Ben", "Welcome, Anna. I read it the same way.", 1),
        ("Cleo", "Good piece, but the assets matter more.", 0),
    ]
    anna, ben, cleo = document.comments
    assert ben.parent_seq == anna.seq and anna.parent_seq is None and cleo.parent_seq is None


@pytest.mark.parametrize(
    ("header", "author"),
    [
        ("Anna · May 21, 2019 at 10:12 am", "Anna"),
        ("Gisela W. sagt:", "Gisela W."),
        ("Posted by: AJ Cann at March 18, 2008 12:39 PM", "AJ Cann"),
        # The name ends where the time stamp starts, whatever stands between them.
        ("SJD    November 21, 2012 23:53   • Reply", "SJD"),
        ("peterburkimsher 8 hours ago  [-]", "peterburkimsher"),
        ("1 Big City Sheep  // Jan 22, 2008 at 5:49 pm", "Big City Sheep"),
        ("Nesta said...", "Nesta"),
        ("Luc Poulette26 mars 2012 à 16 h 32", "Luc Poulette"),
        # The date first, then the name.
        ("June 21, 2018 at 7:52 pm Timothy Sykes", "Timothy Sykes"),
        ("1 On March 24th, 2007, Tiki Avengers said:", "Tiki Avengers"),
        ("On 18 August 2005 at 01:34 AM, Jason G commented:", "Jason G"),
        ("Abbas on July 5, 2012 at 11:25 pm said:", "Abbas"),
        # What stands before "said:" is the name whole: a pingback's title, a name with its
        # blog's, one with a date in it.
        (
            "4 On March 30th, 2007, Bacon Is Sexy » Junkyard Clubhouse said:",
            "Bacon Is Sexy » Junkyard Clubhouse",
        ),
        ("Megan (Best of Fates) said...", "Megan (Best of Fates)"),
        ("links for 2010-10-04 – Kevin Burke says:", "links for 2010-10-04 – Kevin Burke"),
        # PTT's push and arrow marks before a handle are no part of it.
        ("推 a1122334424: 正常能量釋放 01/21 21:18", "a1122334424"),
        ("→ shippai: 我比較相信 01/21 21:20", "shippai"),
        # A label copied without its space: "Post author" glued to the date.
        ("Danzel Post authorApril 19, 2007 at 8:42 am", "Danzel"),
        # A handle may start with a digit; a "by" before the name is no part of it, nor is
        # the title after a colon.
        ("49bc 7 hours ago  [-]", "49bc"),
        ("JTaylor21 Posted: Oct.28 at 4:29 pm", "JTaylor21"),
        ("07.04.2011 von RogueFive: offline", "RogueFive"),
        # A bracket opens a flair or a handle, a count after the name is its score; a name
        # may be all in brackets.
        ("[–]wlsb 77 points78 points79 points 12 hours ago (1 child)", "wlsb"),
        ("[–]Brookefemale[S] 689 points690 points 15 hours ago* (27 children)", "Brookefemale"),
        ("Tommy Trussell (tommy-trussell) wrote on 2010-05-24:", "Tommy Trussell"),
        ("2011-06-03 07:17:51 大愚 (每個人都是孤獨的)", "大愚"),
        ("[已注销] 2015-10-27 20:27:00", "[已注销]"),
        # No name at all: a relative time ends at its word's end, a post's link is no name.
        ("May 21, 2019 at 10:12 am", None),
        ("3 hours ago", None),
        ("Hace 28 minutos", None),
        ("2016-02-01, 02:21     Link #3021", None),
    ],
)
def test_the_author_is_the_name_beside_the_time_stamp(header: str, author: str | None) -> None:
    assert author_in_header(header) == author


def test_blogger_buttons_are_not_comment_text_and_a_spaced_time_is_read() -> None:
    page = (
        f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}2 commentaires:\n\n"
        "Luc Poulette26 mars 2012 à 16 h 32\n\nJe suis très content pour vous, à bientôt !\n\n"
        "RépondreEffacer\nRéponses\nRépondre\n"
        "Alain Cyr26 mars 2012 à 17 h 18\n\nVos photos de Koh Phi Phi sont magnifiques !\n\n"
        "RépondreEffacer\n"
    )
    comments = extract_comments(classify_lines(page, "fr"), "fr")
    assert [(c.author, c.posted_at) for c in comments] == [
        ("Luc Poulette", datetime(2012, 3, 26, 16, 32)),
        ("Alain Cyr", datetime(2012, 3, 26, 17, 18)),
    ]
    assert all("Effacer" not in c.text for c in comments)


def test_a_time_stamp_closing_the_comment_dates_it_and_a_name_above_it_signs_it() -> None:
    """Blogger's "X said…" over the text and its time under it; or a bare name over the text."""
    blogger = "".join(
        f"{name} said...\n{text}\nApril 12, 2011 {clock}\n\n"
        for name, text, clock in (
            ("Marc Richards", "I guess they had their reasons.", "11:49 AM"),
            ("Kathy", "I hope you are right about that.", "1:05 PM"),
            ("Tom", "Nobody expected a deal anyway.", "2:30 PM"),
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 comments:\n\n{blogger}"
    assert _rows(page, "en") == [
        ("Marc Richards", datetime(2011, 4, 12, 11, 49), "I guess they had their reasons."),
        ("Kathy", datetime(2011, 4, 12, 13, 5), "I hope you are right about that."),
        ("Tom", datetime(2011, 4, 12, 14, 30), "Nobody expected a deal anyway."),
    ]
    signed = "".join(
        f"{name}\n{text}\nOctober 30, 2008 {clock}  Reply\n\n"
        for name, text, clock in (
            ("Josh Chandler", "Friendfeed all the way, I think.", "07:44:49"),
            ("Emily Williams", "Am I the only one who got excited?", "08:14:24"),
            ("Anonymous", "I like its interface a lot.", "10:32:00"),
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 comments:\n\n{signed}"
    assert [r[:2] for r in _rows(page, "en")] == [
        ("Josh Chandler", datetime(2008, 10, 30, 7, 44)),
        ("Emily Williams", datetime(2008, 10, 30, 8, 14)),
        ("Anonymous", datetime(2008, 10, 30, 10, 32)),
    ]


def test_a_time_of_day_on_its_own_line_and_a_two_digit_year_are_read() -> None:
    french = "".join(
        f"{name}\n24 janvier 2017\n{clock}\n{text}\n\n"
        for name, clock, text in (
            ("pierre_s", "14h06", "Je ne suis pas d'accord avec vous."),
            ("craftylandry", "14h20", "Moi non plus, pour une fois."),
            ("udes-histoire", "15h02", "Vous avez tous les deux raison, je pense."),
        )
    )
    page = ARTICLE.replace("Europa wählt", "Le match") + "3 commentaires\n\n" + french
    assert [r[:2] for r in _rows(page, "fr")] == [
        ("pierre_s", datetime(2017, 1, 24, 14, 6)),
        ("craftylandry", datetime(2017, 1, 24, 14, 20)),
        ("udes-histoire", datetime(2017, 1, 24, 15, 2)),
    ]
    russian = "".join(
        f"{name}\n22.04.18 в {clock}\n{text}\n\n"
        for name, clock, text in (
            ("gudvinr", "23:19", "Я не понимаю, зачем это нужно."),
            ("Nexon", "23:40", "Мне кажется, вы правы."),
            ("alex_k", "23:52", "А вы пробовали сами?"),
        )
    )
    rows = _rows(ARTICLE + "3 комментария\n\n" + russian, "ru")
    assert [r[:2] for r in rows] == [
        ("gudvinr", datetime(2018, 4, 22, 23, 19)),
        ("Nexon", datetime(2018, 4, 22, 23, 40)),
        ("alex_k", datetime(2018, 4, 22, 23, 52)),
    ]


def test_the_name_after_by_wins_over_a_post_title_above_it() -> None:
    thread = "".join(
        f"Re: Biological Will\nby {name} » Sun May 26, 2019 {clock}\n{text}\n\n"
        for name, clock, text in (
            ("Jakob", "4:34 pm", "I think you have it backwards."),
            ("promethean75", "4:43 pm", "Do you really believe that?"),
            ("Jakob", "5:02 pm", "I do, and I said why."),
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 Comments\n\n{thread}"
    assert [r[0] for r in _rows(page, "en")] == ["Jakob", "promethean75", "Jakob"]


def _starts(lines: list[str]) -> list[int]:
    """Where group_comments starts each comment of a thread given as its lines ("" is a blank
    line, "(Reply)" a button outside the thread)."""
    numbered = [Line(n, text.strip("()")) for n, text in enumerate(lines, 1) if text]
    roles = ["boilerplate" if text.startswith("(") else "comment" for text in lines if text]
    ids = group_comments(numbered, roles, "en")
    return [
        line.number
        for i, (line, id_) in enumerate(zip(numbered, ids, strict=True))
        if id_ is not None and id_ != next((j for j in reversed(ids[:i]) if j is not None), None)
    ]


def test_a_button_between_a_line_and_the_next_header_keeps_it_in_the_post_above() -> None:
    """Reddit: "give gold" over a "reply" button over the next header ends the post above."""
    post = ["[–]{} 5 points 3 hours ago", "", "{} is right.", "", "embed", "give gold", "(reply)"]
    lines = [row.format(*(name,) * 2) for name in ("anna", "ben", "cleo") for row in post]
    assert _starts(lines) == [1, 8, 15]


def test_a_line_without_letters_over_a_header_is_no_name() -> None:
    """Futaba: each post's "…" stands right above the next post's header."""
    posts = [
        ("delete08/06/22(日)21:32:28 No.36234112", "統一感が全くないデザインもいいな！"),
        ("delete08/06/22(日)21:33:32 No.36234236", "おかさん、いいね"),
        ("delete08/06/22(日)21:34:20 No.36234311", "１年半ぐらい前盛り上がってたね"),
    ]
    lines = [row for header, text in posts for row in ("", "…", header, text)][2:]
    assert _starts(lines) == [1, 5, 9]


def test_said_headers_too_long_to_say_open_posts_by_their_template() -> None:
    """A pingback's "said:" header runs past the words a header may have; it has the template
    of the other "said:" headers, not that of the times closing the posts."""
    names = ["Tiki Avengers", "Humuhumu", "Bacon Is Sexy » Junkyard Clubhouse Weekly", "Maui Tiki"]
    lines = [
        row
        for n, name in enumerate(names, 1)
        for row in (
            f"{n} On March {20 + n}th, 2007, {name} said:",
            "",
            f"What a ham, number {n}.",
            f"posted on March {20 + n}th, 2007 at 6:1{n} pm",
            "",
        )
    ]
    assert _starts(lines) == [1, 6, 11, 16]


def test_one_line_posts_in_a_row_are_one_comment_each() -> None:
    """PTT: every line is a post, its author, text and time on one line; a line without a
    header continues the post above."""
    pushes = [f"推 user{n}: 說得好 01/21 21:{10 + n}" for n in range(7)]
    lines = ["", *pushes[:4], "這是補充的內容，請大家看一下", *pushes[4:]]
    assert _starts(lines) == [2, 3, 4, 5, 7, 8, 9]


def test_the_post_time_wins_over_a_join_date_and_buttons_under_it_are_passed() -> None:
    """Something Awful: name, join date, text, the post's time, then the poster's buttons."""
    thread = "".join(
        f"{name}\n{joined}\n\n{text}\n\n#\n? Mar 31, 2019 {clock}\n\nProfile\nMessage\nPost History\n\n"
        for name, joined, text, clock in (
            ("VikingofRock", "Aug 24, 2008", "An assert with side effects belongs here.", "14:11"),
            ("Absurd Alhazred", "Mar 27, 2010", "I've done that, I'm afraid.", "14:22"),
            ("Hammerite", "Mar 8, 2007", "And you don't remember what I said here?", "16:43"),
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 Comments\n\n{thread}"
    assert [r[:2] for r in _rows(page, "en")] == [
        ("VikingofRock", datetime(2019, 3, 31, 14, 11)),
        ("Absurd Alhazred", datetime(2019, 3, 31, 14, 22)),
        ("Hammerite", datetime(2019, 3, 31, 16, 43)),
    ]


def test_a_long_name_line_and_a_year_first_two_digit_year_date_their_comment() -> None:
    posts = [
        ("Council of The Ten Thousand Setting Suns", "12:57 pm"),
        ("Horrible Goose Steals Bell From Village", "1:05 pm"),
        ("Torn", "2:10 pm"),
    ]
    thread = "".join(
        f"{name}\nMay 9, 2020, {clock}   | #  | Reply\nMakes sense to me, {n}.\n\n"
        for n, (name, clock) in enumerate(posts)
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 Comments\n\n{thread}"
    assert [r[1:] for r in _rows(page, "en")] == [
        (datetime(2020, 5, 9, 12, 57), "Makes sense to me, 0."),
        (datetime(2020, 5, 9, 13, 5), "Makes sense to me, 1."),
        (datetime(2020, 5, 9, 14, 10), "Makes sense to me, 2."),
    ]
    assert find_short_year_date("delete08/06/22(日)21:32:28 No.36234112", "ja") == date(2008, 6, 22)
    assert find_short_year_date("22.04.18 в 23:19", "ru") == date(2018, 4, 22)
    assert find_short_year_date("08/06/22", "en") is None  # which number is the year?


def test_a_rank_between_the_name_and_the_date() -> None:
    """XenForo's "Aaahh" / "Level: Lollipop" / "Nov 15, 2015"."""
    xenforo = "".join(
        f"{name}\nLevel: {rank}\nNov 15, 2015\n{text}\n\n"
        for name, rank, text in (
            ("Aaahh", "Lollipop", "Mine arrived yesterday, no problems."),
            ("AkagiTakashi", "Honeycomb", "Still waiting for my invite."),
            ("pinkie", "Lollipop", "Did you try the other shop?"),
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 Comments\n\n{xenforo}"
    assert [r[:2] for r in _rows(page, "en")] == [
        ("Aaahh", date(2015, 11, 15)),
        ("AkagiTakashi", date(2015, 11, 15)),
        ("pinkie", date(2015, 11, 15)),
    ]


def test_a_label_glued_to_the_date() -> None:
    """WordPress' "Danzel Post authorApril 19, 2007 at 8:42 am": a label copied without its
    space."""
    glued = "".join(
        f"{name}\nApril {day}, 2007 at {clock}\n{text}\n\n"
        for name, day, clock, text in (
            ("Mark", 18, "9:15 pm", "Does it work over the chat network?"),
            ("Danzel Post author", 19, "8:42 am", "Are they on the same chat network?"),
            ("Tui", 20, "11:51 am", "When its done, I hope."),
        )
    ).replace("Post author\nApril", "Post authorApril")
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 Comments\n\n{glued}"
    assert _rows(page, "en")[1][1] == datetime(2007, 4, 19, 8, 42)


def test_a_name_line_of_its_own_is_the_name_whole() -> None:
    """A line over the time stamp with no stamp and no "says" in it is the name as the page
    shows it: commas, a number or a blog's name included."""
    thread = "".join(
        f"{name}\nMay {day}, 2020, 10:31 pm   | #  | Reply\n{text}\n\n"
        for name, day, text in (
            ("Un-Fel, Divine Gamblingant of Fatalities", 8, "The Rising King must ascend."),
            ("12 Horrible Goose Steals Bell From Village", 9, "Friendship broken with Royalty."),
            ("Mary @ LOVE the secret ingredient", 10, "Made it twice this week already."),
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 Comments\n\n{thread}"
    assert [r[0] for r in _rows(page, "en")] == [
        "Un-Fel, Divine Gamblingant of Fatalities",
        "12 Horrible Goose Steals Bell From Village",
        "Mary @ LOVE the secret ingredient",
    ]


def test_the_name_under_a_stamp_that_names_no_one() -> None:
    """vBulletin: the post's date and number, then the poster's name over the text."""
    posts = "".join(
        f"04-{day}-2005, 06:46 PM   #{n}\n{name}\n{text}\n\n"
        for n, (day, name, text) in enumerate(
            (
                ("09", "JBL", "Mine flowered in the second year, not before."),
                ("11", "Not a Number", "Same here, and only after a cold winter."),
                ("12", "PlantAKiss", "Thanks to both of you, I will wait then."),
            ),
            start=11,
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 Comments\n\n{posts}"
    rows = _rows(page, "en")
    assert [(r[0], r[1]) for r in rows] == [
        ("JBL", datetime(2005, 4, 9, 18, 46)),
        ("Not a Number", datetime(2005, 4, 11, 18, 46)),
        ("PlantAKiss", datetime(2005, 4, 12, 18, 46)),
    ]
    assert rows[0][2] == "Mine flowered in the second year, not before."


def test_a_date_without_its_year_takes_the_page_s() -> None:
    """A header's "Dec.30 at 4:22 pm" under a post of December 30, 2010: the first such day
    from the page's date on (so January is the next year's)."""
    thread = "".join(
        f"{name} Posted: {when}\n{text}\n\n"
        for name, when, text in (
            ("pee.", "Dec.30 at 4:22 pm", "YE FIRST! Nobody beats me to it."),
            ("JTaylor21", "Jan.2 at 9:05 am", "Late, but the list is still wrong."),
            ("Cheech", "Jan.3 at 5:00 pm", "Agreed with the above, mostly."),
        )
    )
    article = ARTICLE_WITH_THREAD.split("3 Comments")[0].replace(
        "By Anna Petrova", "By Anna Petrova\nThursday, December 30th, 2010 at 3:32 pm"
    )
    assert [r[1] for r in _rows(f"{article}3 Comments\n\n{thread}", "en")] == [
        datetime(2010, 12, 30, 16, 22),
        datetime(2011, 1, 2, 9, 5),
        datetime(2011, 1, 3, 17, 0),
    ]
    assert find_month_day("推 butywater: 恩 01/21 21:19", "zh") == (1, 21)
    assert find_month_day("21/01 21:19", "fr") == (1, 21)
    # ctime, as PTT and mail archives date a post: the time before the year.
    assert find_date("時間Wed Jan 21 21:17:51 2015") == date(2015, 1, 21)


def test_year_first_dates_and_one_line_posts() -> None:
    """Japanese blogs date comments year first ("2009年06月01日 17:08"); a post of one line
    (PTT's "推 name: text 01/21 21:18") is its own header and keeps its text."""
    thread = "".join(
        f"{name}\n2009年06月0{day}日 17:0{day}\n{text}\n\n"
        for day, (name, text) in enumerate(
            (
                ("シナチク", "なんか変な人が映ってる。これは誰ですか。"),
                ("terako", "それは私の友達です。気にしないでください。"),
                ("hana", "写真がとても綺麗ですね。また行きたいです。"),
            ),
            start=1,
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}コメント\n\n{thread}"
    assert [r[1] for r in _rows(page, "ja")] == [
        datetime(2009, 6, 1, 17, 1),
        datetime(2009, 6, 2, 17, 2),
        datetime(2009, 6, 3, 17, 3),
    ]
    pushes = (("a1122334424", "正常能量釋放"), ("butywater", "恩"), ("greatgatsby", "此生不投"))
    blocks = [
        Block(seq=0, line_start=1, line_end=1, role="meta", text="時間Wed Jan 21 21:17:51 2015"),
        *(
            Block(n, n + 1, n + 1, "comment", f"{name}: {text} 01/21 21:2{n}", comment_id=n)
            for n, (name, text) in enumerate(pushes, start=1)
        ),
    ]
    rows = extract_comments(blocks, "zh")
    assert [(r.author, r.posted_at, r.text) for r in rows][1] == (
        "butywater",
        datetime(2015, 1, 21, 21, 22),
        "butywater: 恩 01/21 21:22",
    )


def test_month_names_in_polish_finnish_portuguese_and_dutch() -> None:
    assert find_date("Paweł Richert pisze: 23 września 2015 o 13:30") == date(2015, 9, 23)
    assert find_date("1 lokakuun, 2017 1:16 pm") == date(2017, 10, 1)
    assert find_date("1. lokakuuta 2017") == date(2017, 10, 1)
    assert find_date("5 de outubro de 2010") == date(2010, 10, 5)
    assert find_date("12 maart 2019") == date(2019, 3, 12)


def test_replies_nested_as_old_reddit_counts_them() -> None:
    """Old Reddit's text: a header counts the replies under the comment, all levels ("(2
    children)"), and only a reply has a "parent" link among its buttons."""
    posts = (
        ("Brookefemale", 2, "Bonus pics of Ben on a walk, chilling like a cool kid.", False),
        ("glitterpig09", 1, "Ben is adorable! Is that the cardboard house?", True),
        ("Brookefemale", 0, "Thank you and yes! I built him that and the cafe.", True),
        ("here4DaBacon", 0, "What a good boy, my cat would never walk on a lead.", False),
    )
    thread = "".join(
        f"[–]{name} 24 points25 points26 points 14 hours ago ({count} children)\n\n{text}\n\n"
        f"permalink\nembed\nsave\n{'parent' + chr(10) if reply else ''}report\nreply\n\n"
        for name, count, text, reply in posts
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}4 comments\n\n{thread}"
    rows = extract_comments(classify_lines(page, "en"), "en")
    assert [(r.author, r.depth) for r in rows] == [
        ("Brookefemale", 0),
        ("glitterpig09", 1),
        ("Brookefemale", 2),
        ("here4DaBacon", 0),
    ]
    assert [r.parent_seq for r in rows] == [None, rows[0].seq, rows[1].seq, None]


def test_a_polish_name_line_over_its_date() -> None:
    """WordPress in Polish: "Paweł Richert pisze:" over "23 września 2015 o 13:30"; the word
    after the name stays out of it."""
    thread = "".join(
        f"{name} pisze:\n{day} września 2015 o 13:30\n{text}\n\n"
        for name, day, text in (
            ("Paweł Richert", 23, "W recenzji rozpisałem się na pięć tysięcy znaków."),
            ("Agnieszka Brodzik", 24, "Dziękuję, przeczytam ją jeszcze dziś wieczorem."),
            ("Paweł Richert", 25, "Nie ma za co, czekam na twoją opinię o książce."),
        )
    )
    page = f"{ARTICLE_WITH_THREAD.split('3 Comments')[0]}3 komentarze\n\n{thread}"
    assert [r[:2] for r in _rows(page, "pl")] == [
        ("Paweł Richert", datetime(2015, 9, 23, 13, 30)),
        ("Agnieszka Brodzik", datetime(2015, 9, 24, 13, 30)),
        ("Paweł Richert", datetime(2015, 9, 25, 13, 30)),
    ]


def test_one_post_under_its_header_with_the_reply_button_between_is_one_comment() -> None:
    """A Japanese theme: "コメント", the reader's name and date, "返信", then the text in short
    lines; one comment, its author the name before the year-first date, its text all its lines."""
    said = ["記事拝見させていただきました。", "参考にさせていただいてエラーから回復できました。"]
    said.append("大変助かりましたありがとうございます。")
    article = "\n\n".join(
        "ダヴィンチのプリンターでSDカードのエラーが出たので、裏のネジを外して中を確認しました。"
        for _ in range(4)
    )
    page = (
        f"SDカードのエラー\n\n{article}\n\nコメント\n\nニャン吉 2022年10月2日\n返信\n"
        + "\n".join(said)
    )
    rows = _rows(page, "ja")
    assert rows == [("ニャン吉", date(2022, 10, 2), "\n".join(said))]
