"""Comment rows: grouping, author and date from header lines, NULL where a page shows none."""

from __future__ import annotations

from datetime import date

from pipeline.stages.comments import extract_comments
from pipeline.stages.segment import classify_lines

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
    # A reply button is part of its comment's lines (as the dev set's readers labelled it), but
    # not of what the comment says.
    assert roles["Reply"] == "comment"


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
