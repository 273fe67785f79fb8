"""Stage 3: give every non-blank line a role — title, meta, heading, body, comment or boilerplate.

The page is read as a reader would: find the article's prose, take the title-like line just above
it, call what precedes the title navigation and what follows the last paragraph the page's tail
(bylines, bios, related links, comment forms), and hand the thread after a "Comments" heading to
the readers. A page that is only a thread is recognised by its conversational, unstructured lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, islice, pairwise

from pipeline.lexicon import casefolded
from pipeline.lexicon.cues import cues, has_at_most, is_list_item
from pipeline.lexicon.phrases import COUNT_RE, PhraseBook, phrase_book, trim
from pipeline.stages.attribution import (
    COPYRIGHT_RE,
    authors_in,
    is_author_bio,
    is_meta_line,
    names_line,
    vocabulary,
)
from pipeline.stages.dates import find_date, is_short_date_line
from pipeline.stages.grouping import group_comments, marked_starts
from pipeline.stages.html import LineEvidence
from pipeline.stages.lines import Line
from pipeline.stages.threads import (
    DIGITS_RE,
    SENTENCE_MIN_WORDS,
    Conversation,
    find_conversations,
    header_shape,
    is_pager,
    is_post_header,
    is_sentence,
    links_next_post,
    names_the_post,
    numbered_share,
    replied_subject,
)
from pipeline.stages.words import content_terms, count_words

# A paragraph of prose: long, or medium and ending like a sentence.
PROSE_MIN_WORDS = 12
PROSE_LONG_WORDS = 30
# A paragraph broken into lines of a page's width: at least this many adjoining lines of at
# least this many characters.
WRAPPED_MIN_LINES = 4
WRAPPED_MIN_CHARS = 40
WRAPPED_RUN_ON_SHARE = 0.75
WRAPPED_LOWER_SHARE = 0.3
WRAPPED_WIDTH_SPREAD = 1.3
SENTENCE_ENDINGS = (".", "!", "?", "…", "»", "”", '"', "’", ")", "。", "！", "？", "」", "』", "）")
HEADING_MAX_WORDS = 15
# A heading or a menu entry ends with no full stop, in Chinese and Japanese either; nor with a
# Chinese or Japanese "！" or "？", which end sentences there ("…秀场！"), while English headings
# end with "!" or "?" often ("Are you ready?").
CJK_SENTENCE_ENDINGS = ("。", "！", "？")
HEADING_MAX_CHARS = 120
TITLE_MIN_WORDS = 2
TITLE_MAX_WORDS = 30
TITLE_MAX_CHARS = 250
# "Просмотров: 2 418", "Rubrik: Analyse": a label and its value, not a headline.
LABEL_VALUE_RE = re.compile(r"^\S+(?:\s\S+)?\s?:\s*\S+(?:\s\S+)?$")
# "di Redazione", "By Staff": a byline, even when it names no person.
BYLINE_MAX_WORDS = 4
BREADCRUMB_SEPARATOR_RE = re.compile(r"\s+[»>/|·•›→]\s+")
# A page with no paragraph, of at least 8 lines, three quarters of them link-like: navigation only.
MENU_PAGE_MIN_LINES = 8
MENU_PAGE_LINK_SHARE = 0.75
# A comments-only page: few blank lines, many conversational lines, no byline or headline.
THREAD_MAX_BLANK_SHARE = 0.15
THREAD_MIN_CONVERSATIONAL_SHARE = 0.25
THREAD_MIN_LINES = 4
# ... or a page that says "N comments" among its first lines, before any paragraph.
THREAD_OPENER_WITHIN = 3
# A line of names this close below a headline is its byline.
BYLINE_BELOW_TITLE_WITHIN = 3
# Choosing the headline: among this many title-like lines above the text, a score of its words
# (up to a headline's length), a bonus for a byline or date under it, a cost per line of distance.
HEADLINE_CANDIDATES = 16
HEADLINE_FULL_WORDS = 8
HEADLINE_BYLINE_BONUS = 2
HEADLINE_DISTANCE_COST = 0.3
# A headline shares its words with the article's first lines (a menu label or a teaser does
# not): a bonus for the share of its content words found in the text's first lines of this many
# words or more, in full from this many words found (a label's one word is not enough).
HEADLINE_SHARED_BONUS = 10.0
HEADLINE_TEXT_LINES = 8
HEADLINE_TEXT_MIN_WORDS = 8
HEADLINE_TEXT_CHARS = 2000
HEADLINE_SHARED_FULL = 2
HEADLINE_MIN_WORDS_WITH_DATE = 6
# A link to the previous or next post is a headline's length at most.
NEXT_POST_MAX_WORDS = 12
# A headline is repeated on its page (a share card, "12 thoughts on “…”", the breadcrumb's last
# item); a menu label may be too, so only lines of a headline's length earn the bonus.
HEADLINE_REPEATED_BONUS = 4
HEADLINE_REPEATED_MIN_WORDS = 3
# A headline of at least 5 words with a longer line of 10 or more right under it: a standfirst.
STANDFIRST_HEADLINE_MIN_WORDS = 5
STANDFIRST_MIN_WORDS = 10
# A comment count with this many more within this many lines counts the threads of teasers.
TEASER_COUNTS = 1
TEASER_COUNT_WITHIN = 40
# A reader thread follows an article of at least this many words of prose, or holds this share of
# the page's prose itself (a forum page).
ARTICLE_MIN_WORDS = 60
THREAD_PAGE_PROSE_SHARE = 0.5
FORUM_MIN_POSTS = 4
# A topic with fewer posts than FORUM_MIN_POSTS but this many: its first one opens it when it
# is as long as an article and longer than the replies together.
SHORT_TOPIC_MIN_POSTS = 3
# A poster's card stands this many lines above the first post's header at most.
CARD_ABOVE_LINES = 5
OPENING_QUOTES = "“\"«‘'„¿¡"
# At least this many ranks counting up, on consecutive lines, make a ranking.
RANKED_LIST_MIN_ITEMS = 3
# A headline has no full stop; an article's numbered step does ("1Preheat the oven.").
FULL_STOPS = (".", "。")
# A post's number ("#1") stands on its header or this many lines from it.
POST_NUMBER_WITHIN = 3
# More than this share of a topic's posts numbered: a forum's page ("#391"), not a blog's thread.
NUMBERED_FORUM_SHARE = 0.5
# A post's subject line stands among its first lines (name, subject, date).
SUBJECT_WITHIN = 3
BARE_MARKER_RE = re.compile(r"(?:\d{1,3}[.)]?|[-–—•*▪►])")
# Marks of code and markup, which no menu entry or headline holds: brackets and operators,
# identifiers (snake_case, __dunder, a call "f(" but not a count "Python(12)" or a weekday
# "(木)"), a prompt ("$ ", "# ") and paths ("/var/www/", not a date glued to a word
# "整備2014/01/30").
CODE_MARKS_RE = re.compile(
    r"[{}<>=;\\]|\(\)|//|::|->|[A-Za-z0-9]_[A-Za-z]|\b__\w|[A-Za-z_]\w*\((?!\d+\))|^[#$] |(?:^|\s)/\w+/"
)
# A thread heading with no conversation found by its shape has readers' sentences under it: this
# many within this many lines.
THREAD_LOOKAHEAD_LINES = 12
THREAD_MIN_SENTENCES = 3
# This many menu lines in a row after the comments end the thread.
THREAD_END_RUN = 12
SAID_MIN_WORDS = 4
# A post's words stand within this many lines under its header.
POST_BODY_LINES = 3
# A comment heading with this many times more prose under it than above, and no conversation
# found by its shape, is a share bar's link above the article.
SHARE_BAR_FACTOR = 4
# A "Read also" box inside an article lists at most this many headlines.
INLINE_BOX_MAX_HEADLINES = 3
# A comment item whose every line is a link is a list of stories, not a comment.
LINKED_ITEM_SHARE = 0.8
LINKLESS = LineEvidence(None, 0.0, 0)
# A comment zone without comment items holds a thread if it shows this many post headers.
MARKUP_THREAD_MIN_HEADERS = 2
# A forum's clock above its menu reads as a first post; with the topic's opening post and at
# least two replies under it, the first page's pager in between tells it apart.
FIRST_PAGE_CLOCK_MIN_POSTS = 3
# A line of a poster's card (rank, group, post count) stands in at least this many replies; the
# opening post's text does not.
OPENING_CARD_REPEATS = 2
# A topic's size ("5 posts") stands within this many lines above its first post.
TOPIC_SIZE_WITHIN = 6
# A topic's starter is named within this many lines of the first post's start, and the first
# post names its poster within as many lines.
STARTER_WITHIN = 8
# A lone post header in a comment box has its reader's sentences within this many lines.
ONE_POST_SENTENCE_WITHIN = 3
# A markup thread starts where this many comment lines stand with at most one other among them.
THREAD_RUN_LINES = 3
# Words a signed comment item needs where it has no sentence ("I vanna get info from ur nevs").
SIGNED_MIN_WORDS = 4
# The article before the first story list or thread has at least this many words of prose.
HEADING_MIN_PROSE_WORDS = 40
# A thread's heading stands under a post of one sentence at least (a short blog post's); a
# "Comments" link in the share bar above the text stands under none.
OPENER_MIN_PROSE_WORDS = 15
# Prose separated by this many link-like lines (a menu, a related-stories box) is another block.
CLUSTER_GAP_LINES = 4
# Lone paragraphs between lists that may stand between the article's longest run and more of it
# above (a tutorial alternates listings and one-sentence paragraphs).
LONE_PARAGRAPHS_BRIDGED = 3
# A line of at most this many words in this share of a thread's comments (and at least this
# many comments) is a button.
BUTTON_MAX_WORDS = 3
BUTTON_POST_SHARE = 0.5
BUTTON_MIN_POSTS = 4
# A line of the article's element is its text (a list's entry, a section heading) when less
# than this share of it is inside links; menus and story lists are links.
ARTICLE_TEXT_MAX_LINK_SHARE = 0.5
# A stanza: this many short lines, a third of them ending with a comma, a full stop or the like,
# two with a comma.
STANZA_MIN_LINES = 3
VERSE_ENDED_SHARE = 1 / 3
STANZA_MIN_COMMAS = 2
VERSE_MIN_WORDS = 2
VERSE_MAX_WORDS = 12
VERSE_ENDINGS = (",", ".", ";", "!", "?", "،", "，", "。")  # commas, full stops and the like
ELLIPSES = ("...", "…")
COMMAS = (",", "،", "，")
# Lines holding it are clauses of Chinese running text: never furniture between paragraphs.
CLAUSE_COMMA = "，"
# A date alone on a line, with at most this many words around it, is a time stamp; this many
# time stamps on every other line are a list of dated teasers.
TIME_STAMP_MAX_WORDS = 5
DATED_TEASERS = 3
# A teaser card holds at most a label, a headline, a standfirst, an author and its date.
TEASER_MAX_BEAT = 8
# A teaser's count label: a number and a word or two ("579 Shares").
COUNT_LABEL_MAX_WORDS = 3
SECTION_NAME_FACTOR = 2
# A list announced by a colon runs at most this many items.
LIST_MAX_ITEMS = 30
# Dashes that open a quotation's attribution inside the text.
QUOTE_DASHES = ("—", "―")
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
# A copyright footer without © or a year is a short line ("Copyright Example Inc.").
COPYRIGHT_MAX_WORDS = 8
# The article's box holds at least this share of the article's words, or it is not believed.
BODY_BOX_SHARE = 0.5
# ...unless the prose beyond the first wall is this many times longer: a teaser in the menu
# above a story list is no article beside the long essay under it.
WALLED_ARTICLE_FACTOR = 4


@dataclass(frozen=True)
class Block:
    """One labelled non-blank line: the unit of the `blocks` table."""

    seq: int
    line_start: int
    line_end: int
    role: str
    text: str
    comment_id: int | None = None


def classify_lines(
    text: str, language: str | None = None, evidence: Sequence[LineEvidence | None] | None = None
) -> list[Block]:
    """Label every non-blank line of `text` (lines split on "\\n" only, as normalization keeps).

    `evidence`, one per line of `text`, is what an HTML page's markup says about each line
    (pipeline/stages/html.py); text input has none, and the text alone decides."""
    raw_lines = text.split("\n")
    lines = [Line(n, line.strip()) for n, line in enumerate(raw_lines, start=1) if line.strip()]
    if not lines:
        return []
    # A final newline ends the last line; it does not add a blank one.
    n_lines = len(raw_lines) - (raw_lines[-1] == "")
    proofs = _proofs(lines, evidence)
    zones = _zones(lines, proofs)
    if proofs and zones:
        marked = any(proof is not None and proof.zone == "comment" for proof in evidence or [])
        article_text = [
            proof is not None
            and proof.zone == "article"
            and proof.link_share < ARTICLE_TEXT_MAX_LINK_SHARE
            for proof in proofs
        ]
        roles = _roles_from_markup(lines, zones, language, article_text, marked_thread=marked)
        _title_from_markup(lines, roles, evidence)
        _keep_to_the_body_box(lines, roles, evidence)
    elif _opens_as_thread(lines) or is_comment_thread(lines, blank_share=1 - len(lines) / n_lines):
        roles = _thread_roles(lines)
    else:
        roles = _page_roles(lines, language)
    comment_ids = group_comments(lines, roles, language, marked_starts(lines, evidence))
    _unmark_buttons(lines, roles, comment_ids, language)
    return [
        Block(seq, line.number, line.number, role, line.text, comment_id)
        for seq, (line, role, comment_id) in enumerate(zip(lines, roles, comment_ids, strict=True))
    ]


def _proofs(
    lines: list[Line], evidence: Sequence[LineEvidence | None] | None
) -> list[LineEvidence | None] | None:
    """What the markup says about each non-blank line; None for text input."""
    if not evidence:
        return None
    return [evidence[line.number - 1] if line.number <= len(evidence) else None for line in lines]


def _unmark_buttons(
    lines: list[Line], roles: list[str], comment_ids: list[int | None], language: str | None
) -> None:
    """A short line that stands in most of a thread's comments ("save", "embed", "Profile",
    "+ Quote", "Пожаловаться") is a button, not what a reader wrote. A comment's first line
    (a name) and the lines beside its time stamp are its author's, however often they post."""
    firsts: dict[int, int] = {}  # each comment's first line
    for k, comment in enumerate(comment_ids):
        if comment is not None:
            firsts.setdefault(comment, k)
    if len(firsts) < BUTTON_MIN_POSTS:
        return
    first_lines = set(firsts.values())

    def candidate(k: int) -> bool:
        text = lines[k].text
        return (
            comment_ids[k] is not None
            and k not in first_lines
            and count_words(text) <= BUTTON_MAX_WORDS
            and not any(char.isdigit() for char in text)
            and not any(
                0 <= j < len(lines) and is_post_header(lines[j].text, language)
                for j in (k - 1, k, k + 1)
            )
        )

    candidates = [(k, trim(lines[k].text)) for k in range(len(lines)) if candidate(k)]
    comments_holding: dict[str, set[int | None]] = {}
    for k, key in candidates:
        comments_holding.setdefault(key, set()).add(comment_ids[k])
    for k, key in candidates:
        if len(comments_holding[key]) >= BUTTON_POST_SHARE * len(firsts):
            roles[k] = "boilerplate"
            comment_ids[k] = None


def _zones(lines: list[Line], proofs: list[LineEvidence | None] | None) -> list[str | None] | None:
    """Each line's zone from the markup, or None when there is no markup or it names no zone."""
    if not proofs:
        return None
    zones = _vet_threads(lines, [proof.zone if proof else None for proof in proofs], proofs)
    return zones if any(zones) else None


def _vet_threads(
    lines: list[Line], zones: list[str | None], proofs: list[LineEvidence | None]
) -> list[str | None]:
    """A comment zone is a thread when it holds comments: a "Most popular" list of links inside
    the comments' box is furniture, and a box with neither comment items nor post headers ("No
    comments have so far been submitted", "Comments have moved to GitHub") is left to the text
    rules."""
    zones = list(zones)
    items: dict[int, list[int]] = {}
    for i, proof in enumerate(proofs):
        if zones[i] == "comment" and proof is not None and proof.comment_item is not None:
            items.setdefault(proof.comment_item, []).append(i)
    for members in items.values():
        if all((proofs[i] or LINKLESS).link_share >= LINKED_ITEM_SHARE for i in members):
            for i in members:
                zones[i] = "boilerplate"
    thread = [i for i, zone in enumerate(zones) if zone == "comment"]
    book = phrase_book()
    signed_items = {
        proof.comment_item
        for i in thread
        if (proof := proofs[i]) is not None and (proof.names_author or proof.stamp is not None)
    }
    # Items holding someone's words: a sentence, or a few words under a signature; not a form's
    # "Leave a Comment", not a "Track" link, not a "Recent comments" list of names and headlines.
    said = {
        proof.comment_item
        for i in thread
        if (proof := proofs[i]) is not None
        and proof.comment_item is not None
        and proof.link_share < LINKED_ITEM_SHARE
        and (
            is_sentence(lines[i].text)
            or (
                proof.comment_item in signed_items
                and count_words(lines[i].text) >= SIGNED_MIN_WORDS
            )
        )
        and not book.is_boilerplate(lines[i].text)
        and not book.opens_comment_form(lines[i].text)
    }
    # Under the comment form's heading, the form's own sentences ("Die angegebene E-Mail-Adresse
    # wird nicht dargestellt …") are the site's, unless a signed comment item holds them.
    form = next((i for i in thread if book.opens_comment_form(lines[i].text)), len(lines))
    above_form = {
        proof.comment_item for i in thread if i < form and (proof := proofs[i]) is not None
    }
    said = {item for item in said if item in signed_items or item in above_form}
    for i in thread:
        proof = proofs[i]
        if i > form and (proof is None or proof.comment_item not in signed_items):
            zones[i] = "boilerplate"
    thread = [i for i in thread if zones[i] == "comment"]
    signed = bool(signed_items)
    headed = [k for k, i in enumerate(thread) if is_post_header(lines[i].text, None)]
    # One unsigned item is a box ("Write to us! If you have remarks on this article…"); one
    # post header over someone's sentences under an article is a thread of one comment (Dark
    # Reading's); with no article elsewhere, it is a forum topic's opening post (Discuz's).
    has_items = len(said) >= MARKUP_THREAD_MIN_HEADERS or (bool(said) and signed)
    one_post = len(headed) == 1 and _one_post_under_article(lines, zones, thread[headed[0] :])
    if not has_items and not one_post and len(headed) < MARKUP_THREAD_MIN_HEADERS:
        for i in thread:
            # A link to the comments ("36 comments. Share your thoughts »") heads no thread.
            linked = (proofs[i] or LINKLESS).link_share >= LINKED_ITEM_SHARE
            zones[i] = "boilerplate" if linked else None
    return zones


def _one_post_under_article(lines: list[Line], zones: list[str | None], post: list[int]) -> bool:
    """A comment box's lone post (its header first) has someone's sentences under its header,
    and an article's worth of prose stands outside the box and the page's furniture."""
    book = phrase_book()
    return any(
        is_sentence(lines[i].text) and not book.is_boilerplate(lines[i].text)
        for i in post[1 : 1 + ONE_POST_SENTENCE_WITHIN]
    ) and (
        sum(
            count_words(lines[i].text)
            for i, zone in enumerate(zones)
            if zone not in ("comment", "boilerplate") and is_prose(lines[i].text)
        )
        >= ARTICLE_MIN_WORDS
    )


def _keep_to_the_body_box(
    lines: list[Line], roles: list[str], evidence: Sequence[LineEvidence | None] | None
) -> None:
    """Where the markup names the box of the article's text ("entry-content") and it holds most
    of what the text rules call the article, the paragraphs outside it are the page's (the
    teasers, the newsletter pitch, the author's other posts around the article), and the
    lines between its paragraphs are the article's (a list of parts, a table, the footnotes)."""
    if not evidence:
        return
    proofs = [evidence[line.number - 1] or LINKLESS for line in lines]
    boxes = [proof.body_box for proof in proofs]
    # A line of the box that is no link: a paragraph or a list's entry, not a menu.
    unlinked = [proof.link_share < LINKED_ITEM_SHARE for proof in proofs]
    words: Counter[int | None] = Counter()
    for i, role in enumerate(roles):
        if role == "body":
            words[boxes[i]] += count_words(lines[i].text)
    main = max((box for box in words if box is not None), key=words.__getitem__, default=None)
    if main is None or words[main] < BODY_BOX_SHARE * sum(words.values()):
        return
    book = phrase_book()
    inside = [i for i, role in enumerate(roles) if role == "body" and boxes[i] == main]
    # The box's first and last long lines (a paragraph, or a quick post's line without a full
    # stop; not a link) bound the article, even where the text rules started later or stopped
    # earlier. The headline is settled first, so a first line they took for it is bounded too.
    paragraphs = [
        i
        for i, box in enumerate(boxes)
        if box == main and count_words(lines[i].text) >= PROSE_MIN_WORDS and unlinked[i]
    ] or inside
    start, end = min(paragraphs[0], inside[0]), max(paragraphs[-1], inside[-1])
    for i, role in enumerate(roles):
        if role in ("body", "heading") and boxes[i] != main:
            roles[i] = "boilerplate"
        elif (
            role == "boilerplate"
            and boxes[i] == main
            and start <= i <= end
            and unlinked[i]
            # A furniture heading in the box ("Related Topics"); a paragraph there is the text's.
            and (proofs[i].zone != "boilerplate" or is_prose(lines[i].text))
            and not book.is_boilerplate(lines[i].text)
            and not _is_caption(lines, i)
        ):
            roles[i] = "body"


def _title_from_markup(
    lines: list[Line], roles: list[str], evidence: Sequence[LineEvidence | None] | None
) -> None:
    """The headline is the line above the article's first paragraph that the page's <title>
    names, or its <h1>: the nearest one (a blog's name in its <h1> stands higher up), where the
    text rules chose another line."""
    if not evidence or "body" not in roles:
        return
    first_body = roles.index("body")

    def proof(i: int) -> LineEvidence:
        return evidence[lines[i].number - 1] or LINKLESS

    candidates = [
        i for i in range(first_body) if roles[i] != "comment" and is_title_like(lines[i].text)
    ]
    h1 = next((i for i in candidates if proof(i).heading == 1), None)
    named = [i for i in candidates if proof(i).names_page or i == h1]
    headline = None
    if named:
        # A section's or site's name ("India News") between the headline and the text is
        # named by the <title> too: the headline is the longer line.
        words = count_words(lines[named[-1]].text)
        longer = [i for i in named if count_words(lines[i].text) >= SECTION_NAME_FACTOR * words]
        headline = longer[-1] if longer else named[-1]
    if headline is None or roles[headline] == "title":
        return
    for i, role in enumerate(roles[:first_body]):
        if role == "title":
            roles[i] = "boilerplate"
    roles[headline] = "title"


def _roles_from_markup(
    lines: list[Line],
    zones: list[str | None],
    language: str | None,
    article_text: list[bool],
    marked_thread: bool,
) -> list[str]:
    """Comment zones are the thread and furniture zones boilerplate; the text rules label the
    rest. Markup that puts every paragraph in furniture (a page wrapped in a "sidebar" layout
    div) is not believed about furniture."""
    book = phrase_book()
    furniture = [zone == "boilerplate" for zone in zones]
    rest = [i for i, zone in enumerate(zones) if zone != "comment" and not furniture[i]]
    if not any(is_prose(lines[i].text) for i in rest) and any(
        is_prose(lines[i].text) for i, outside in enumerate(furniture) if outside
    ):
        furniture = [False] * len(lines)
        rest = [i for i, zone in enumerate(zones) if zone != "comment"]
    roles = ["boilerplate"] * len(lines)
    for i, zone in enumerate(zones):
        if zone != "comment":
            continue
        text = lines[i].text
        if (
            book.is_boilerplate(text)
            or book.opens_comments(text)
            or book.is_comment_action(text)
            or book.opens_comment_form(text)
        ):
            continue
        roles[i] = "comment"
    # The article stands above the thread: what follows it outside the thread (a form, a
    # sidebar of testimonials, the footer) is furniture, once prose stands above the thread.
    # The thread starts where comment lines stand close together, not at a stray count.
    comment = [i for i, zone in enumerate(zones) if zone == "comment"]
    start = next(
        (
            i
            for k, i in enumerate(comment)
            if k + THREAD_RUN_LINES <= len(comment)
            and comment[k + THREAD_RUN_LINES - 1] - i <= THREAD_RUN_LINES
        ),
        len(lines),
    )
    above = [i for i in rest if i < start]
    if any(is_prose(lines[i].text) for i in above):
        rest = above
    rest_article_text = [article_text[i] for i in rest]
    for i, role in zip(
        rest, _page_roles([lines[i] for i in rest], language, rest_article_text), strict=True
    ):
        roles[i] = role
    if marked_thread:
        # Markup that boxes every post of a forum topic as a comment: where the text rules
        # read a first page (its pager, its size, its starter), its opening post is the article.
        # Only then do the rest of the rules run: most marked pages are spared a second reading.
        reading = _read_page(lines, language)
        conversation = reading.conversation
        if conversation is not None and conversation.opening_post is not None:
            whole, _ = _page_roles_and_thread(lines, language, article_text, reading)
            for i in range(*conversation.opening_post):
                if roles[i] == "comment" and whole[i] in {"title", "meta", "body", "heading"}:
                    roles[i] = whole[i]
    else:
        # Markup without comment words (a forum's "postprofile" and "postbody") may still hold
        # a thread: the text rules find it on the whole page, furniture included. Their comment
        # lines take what the markup left to furniture (a post's quote in an <aside>), and every
        # line when they find more comment lines than the rest held (phpBB 2's "Back to top"
        # links, furniture, told the posts apart). Markup that named a comment box and showed
        # it empty or a mere link is believed.
        whole = _page_roles(lines, language, article_text)
        larger = whole.count("comment") > roles.count("comment")
        first = whole.index("comment") if "comment" in whole else 0
        for i, role in enumerate(whole):
            if role == "comment" and (roles[i] == "boilerplate" or larger):
                roles[i] = role
            elif i < first and roles[i] == "comment" and role in {"meta", "body", "heading"}:
                # The post above the whole page's thread is the article: a topic's opening
                # post under its first page's pager ("5 messages • Page 1 sur 1"), which the
                # markup left to furniture, or a blog post the markup boxed with its thread.
                roles[i] = role
    return roles


def is_prose(text: str) -> bool:
    words = count_words(text)
    return words >= PROSE_LONG_WORDS or (
        words >= PROSE_MIN_WORDS and text.endswith(SENTENCE_ENDINGS)
    )


def is_heading_like(text: str) -> bool:
    return (
        1 <= count_words(text) <= HEADING_MAX_WORDS
        and len(text) <= HEADING_MAX_CHARS
        and any(char.isalpha() for char in text)
        and not text.endswith((".", ",", ";", *CJK_SENTENCE_ENDINGS))
        and not is_list_item(text)
    )


def is_breadcrumb(text: str) -> bool:
    """ "Home » News » Politics", "Startseite > Politik": short items between separators."""
    parts = BREADCRUMB_SEPARATOR_RE.split(text)
    return len(parts) >= 2 and all(count_words(part) <= 3 for part in parts)


def is_title_like(text: str) -> bool:
    return (
        TITLE_MIN_WORDS <= count_words(text) <= TITLE_MAX_WORDS
        and not is_breadcrumb(text)
        and not LABEL_VALUE_RE.match(text)
        and not (count_words(text) <= BYLINE_MAX_WORDS and vocabulary().byline_re.match(text))
        and len(text) <= TITLE_MAX_CHARS
        and not text.endswith((".", ",", ";", ":"))
        and not is_list_item(text)
        and not cues().is_caption(text)
    )


def is_comment_thread(lines: list[Line], blank_share: float) -> bool:
    """A page of bare comments: unspaced, chatty lines with no byline and no comment heading,
    the first a reader's sentence. A chatty blog post starts with its menu or its headline."""
    if (
        len(lines) < THREAD_MIN_LINES
        or blank_share > THREAD_MAX_BLANK_SHARE
        or not _reads_as_a_remark(lines[0].text)
    ):
        return False
    book, cue = phrase_book(), cues()
    if any(is_meta_line(line.text) or book.opens_comments(line.text) for line in lines[:5]):
        return False
    chatty = sum(cue.is_conversational(line.text) for line in lines)
    return chatty / len(lines) >= THREAD_MIN_CONVERSATIONAL_SHARE


def _reads_as_a_remark(text: str) -> bool:
    """Long, or ending as a sentence does: a headline may end with "(maxasia)", a remark not."""
    return count_words(text) >= SENTENCE_MIN_WORDS or text.endswith((".", "!", "?", "…"))


def _opens_as_thread(lines: list[Line]) -> bool:
    """A page whose first lines announce the thread ("63 comments") before any prose or
    headline: a comment count in the share bar under a headline is the article's."""
    book = phrase_book()
    for line in lines[:THREAD_OPENER_WITHIN]:
        if book.opens_comments(line.text):
            return True
        if is_prose(line.text) or (is_title_like(line.text) and not book.is_boilerplate(line.text)):
            return False
    return False


def _thread_roles(lines: list[Line]) -> list[str]:
    book = phrase_book()
    return [_bare_thread_role(book, line.text) for line in lines]


def _bare_thread_role(book: PhraseBook, text: str) -> str:
    # "Reply" and "Like" are the page's buttons, not what a reader wrote.
    if book.is_comment_action(text) or book.is_boilerplate(text) or book.opens_comments(text):
        return "boilerplate"
    return "comment"


def _page_roles(
    lines: list[Line], language: str | None, article_text: list[bool] | None = None
) -> list[str]:
    return _page_roles_and_thread(lines, language, article_text)[0]


@dataclass
class _Reading:
    """What the text rules read of a page before they place its article and thread: the
    lines' first roles (boilerplate, meta), its prose, its comment form's lines and its reader
    thread. _page_roles_and_thread goes on from it, once: it fills in `roles`."""

    roles: list[str | None]
    wrapped: set[int]
    prose: list[int]
    forms: list[int]
    conversation: Conversation | None


def _read_page(lines: list[Line], language: str | None) -> _Reading:
    book = phrase_book()
    roles: list[str | None] = [None] * len(lines)
    for i, line in enumerate(lines):
        # A picture's caption or credit is not the article's text (a byline under a photo is).
        if (
            book.is_boilerplate(line.text)
            or (_is_caption(lines, i) and not authors_in(line.text))
            # "« Previous post's title", "Next post's title »", both in a bar: no article line
            or (
                links_next_post(line.text)
                and has_at_most(line.text, NEXT_POST_MAX_WORDS)
                and "•" not in line.text  # Disqus's bar "3 △ ▽ • Reply • Share ›" is a comment's
            )
            or is_pager(line.text)  # "« the art of pooing | Main | 26 weeks - bumpier! »"
        ):
            roles[i] = "boilerplate"
        elif is_meta_line(line.text, language):
            roles[i] = "meta"
    for i in _ranked_list(lines):
        roles[i] = "boilerplate"
    wrapped = _wrapped_prose(lines, roles)
    prose = [
        i
        for i, line in enumerate(lines)
        if roles[i] is None and (is_prose(line.text) or i in wrapped)
    ]
    # The comment form's lines: where a thread ends, and with it the article's prose.
    forms = [i for i, line in enumerate(lines) if book.opens_comment_form(line.text)]
    # A thread found by its shape starts at its first post, unless a heading announced it.
    conversation = _reader_thread(lines, prose, language, forms)
    return _Reading(roles, wrapped, prose, forms, conversation)


def _page_roles_and_thread(
    lines: list[Line],
    language: str | None,
    article_text: list[bool] | None = None,
    reading: _Reading | None = None,
) -> tuple[list[str], Conversation | None]:
    """The text rules' role of each line, and the conversation they read as the thread;
    `reading`: _read_page's of these lines, when the caller has it already."""
    book = phrase_book()
    if reading is None:
        reading = _read_page(lines, language)
    roles, wrapped, prose = reading.roles, reading.wrapped, reading.prose
    forms, conversation = reading.forms, reading.conversation
    authors = [
        name for i, line in enumerate(lines) if roles[i] == "meta" for name in authors_in(line.text)
    ]
    texts = [line.text for line in lines]
    # A thread's heading follows an article: a comment count in the share bar above it does not.
    prose_words = {i: count_words(lines[i].text) for i in prose}
    words_before = list(accumulate(prose_words.get(i, 0) for i in range(len(lines))))
    total = words_before[-1] if words_before else 0
    openers = [
        i
        for i in range(prose[0] + 1 if prose else 0, len(lines))
        if book.opens_comments(lines[i].text)
        # Under a post too short to pass for an article, a heading that names the post or
        # stands over a reader's "X says:"; under a post of one sentence, one with no more
        # prose below it than a thread of a few comments (a lede's "Comments" link sits above
        # the whole article).
        and (
            words_before[i] >= HEADING_MIN_PROSE_WORDS
            or (
                words_before[i] >= OPENER_MIN_PROSE_WORDS
                and _leads_the_page(words_before[i], total)
            )
            or names_the_post(texts, i)
            or _over_a_said_header(texts, i)
        )
    ]
    opener = next(
        (
            i
            for i in openers
            if not _teaser_count(lines, openers, i)
            and (
                conversation is not None
                or (_leads_the_page(words_before[i], total) and _readers_write_below(lines, i))
            )
        ),
        None,
    )
    thread, thread_end = opener if opener is not None else len(lines), None
    if conversation is not None:
        thread_end = conversation.end
        # A heading right above the first post heads the thread; another one further down is a
        # second page's or section's ("Comments" again over older comments).
        headed = opener is not None and 0 < conversation.start - opener <= THREAD_LOOKAHEAD_LINES
        announced = None if headed else _heading_inside(openers, conversation)
        if announced is not None:
            opener = thread = announced
        # The heading wins when it stands before the second post: the first "post" above it is
        # the article's own footer in the thread's template ("Posted by X at …").
        elif opener is None or opener > conversation.posts[min(1, len(conversation.posts) - 1)]:
            thread = conversation.start
    if not prose and conversation is None and _is_navigation_only(lines):
        return ["boilerplate"] * len(lines), None  # menus, a cookie notice, a footer: no article
    _label_link_lists(lines, roles, thread)
    # An empty comment section ("Comments" over the policy and the form) ends the article too.
    section = next(
        (
            i
            for i in openers
            if not _teaser_count(lines, openers, i) and _leads_the_page(words_before[i], total)
        ),
        thread,
    )
    # So does the comment form under it: its notes ("You can post now and register later …")
    # are the site's.
    form = next((i for i in forms if words_before[i] >= OPENER_MIN_PROSE_WORDS), len(lines))
    section = min(section, form)
    verse = _verse_lines(lines, roles)
    article = _main_cluster(
        lines, sorted(i for i in {*prose, *verse} if i < min(thread, section)), article_text
    )
    if conversation is not None and conversation.opening_post is not None:
        begin, end = conversation.opening_post
        if not any(begin <= i < end for i in article):
            article = _opening_text(lines, roles, conversation, language)
            for i in article:
                roles[i] = "body"
    # Bylines name the authors; a bare name line above the first paragraph may too.
    bylined = authors + [
        name for line in lines[: article[0] if article else 0] for name in names_line(line.text)
    ]
    while len(article) > 1 and is_author_bio(lines[article[-1]].text, bylined):
        roles[article.pop()] = "meta"  # the author's bio closes the article
    first_body = article[0] if article else _first_unlabelled(roles)
    last_body = article[-1] if article else first_body
    _label_head(lines, roles, first_body)
    for i in verse | wrapped:
        if first_body <= i <= last_body:
            roles[i] = "body"  # a stanza's or a wrapped paragraph's line is no heading
    _label_article(lines, roles, first_body, last_body, article_text)
    _unmark_teaser_dates(lines, roles, last_body + 1, min(thread, len(lines)))
    _label_tail(lines, roles, last_body + 1, thread, authors)
    _label_thread(lines, roles, thread, thread_end, heading=thread == opener)
    _drop_wordless_thread(lines, roles)
    return [role or "boilerplate" for role in roles], conversation


def _wrapped_prose(lines: list[Line], roles: list[str | None]) -> set[int]:
    """Paragraphs broken into lines of a page's width (a book excerpt, a mailing list's 72
    columns): a run of long lines of one width with no blank between them, most running on
    into the next (no sentence's end) and many continued in lower case. No line is prose by
    itself; comments one per line end their sentences and vary in length."""
    wrapped: set[int] = set()
    run: list[int] = []

    def close() -> None:
        breaks = list(pairwise(run))
        runs_on = sum(not lines[i].text.endswith(SENTENCE_ENDINGS) for i, _ in breaks)
        lower = sum(lines[j].text[:1].islower() for _, j in breaks)
        widths = sorted(len(lines[i].text) for i in run)
        if (
            len(run) >= WRAPPED_MIN_LINES
            and runs_on >= WRAPPED_RUN_ON_SHARE * len(breaks)
            and lower >= WRAPPED_LOWER_SHARE * len(breaks)
            and widths[-1] <= WRAPPED_WIDTH_SPREAD * widths[len(widths) // 2]
        ):
            wrapped.update(run)
        run.clear()

    for i, line in enumerate(lines):
        adjoining = bool(run) and line.number == lines[run[-1]].number + 1
        if roles[i] is None and len(line.text) >= WRAPPED_MIN_CHARS and (adjoining or not run):
            run.append(i)
            continue
        close()
        if roles[i] is None and len(line.text) >= WRAPPED_MIN_CHARS:
            run.append(i)
    close()
    return wrapped


def _ranked_list(lines: list[Line]) -> list[int]:
    """A "Most read" ranking copied from its widget: each headline with its rank glued on, the
    ranks counting up from 1 on consecutive lines ("1“A notícia é esta…”", "2No país…", "3Os
    dias…"). An article's numbered list puts a mark or a space after the number ("1. ")."""
    ranked: list[int] = []
    run: list[int] = []
    for i, line in enumerate(lines):
        rank = _glued_rank(line.text)
        if rank is not None and rank == len(run) + 1:
            run.append(i)
        else:
            ranked += run if len(run) >= RANKED_LIST_MIN_ITEMS else []
            run = [i] if rank == 1 else []
    return ranked + (run if len(run) >= RANKED_LIST_MIN_ITEMS else [])


def _glued_rank(text: str) -> int | None:
    """The rank glued to a headline's capital or opening quote ("2No país" -> 2); not "3D"'s
    or "1st"'s digits: a capital letter or a quote must follow them."""
    digits = len(text) - len(text.lstrip("0123456789"))
    if not 1 <= digits <= 2 or digits == len(text) or text.rstrip().endswith(FULL_STOPS):
        return None
    after = text[digits]
    return int(text[:digits]) if after.isupper() or after in OPENING_QUOTES else None


def _over_a_said_header(texts: list[str], i: int) -> bool:
    """ "One thought on “”" right above "MartinG says:": a share bar's count stands above the
    article's prose, not above a reader's "says:"."""
    return i + 1 < len(texts) and cues().is_comment_header(texts[i + 1])


def _drop_wordless_thread(lines: list[Line], roles: list[str | None]) -> None:
    """A "thread" in which nobody writes (a sentence, or a few words that are not a tool bar's
    items) is the form's "Post a Comment" or "Reprints | Send feedback" under the heading."""

    def writes(text: str) -> bool:
        worded = count_words(text) >= SAID_MIN_WORDS and not BREADCRUMB_SEPARATOR_RE.search(text)
        return is_sentence(text) or worded

    thread = [i for i, role in enumerate(roles) if role == "comment"]
    if thread and not any(writes(lines[i].text) for i in thread):
        for i in thread:
            roles[i] = "boilerplate"


def _heading_inside(openers: list[int], conversation: Conversation) -> int | None:
    """A thread's heading ("36 Comments") right above one of the posts of a conversation that
    began higher up: the "posts" above it were the article's dateline and an embedded tweet."""
    return next(
        (
            i
            for i in openers
            if conversation.start < i
            and any(0 < post - i <= THREAD_LOOKAHEAD_LINES for post in conversation.posts)
        ),
        None,
    )


def _readers_write_below(lines: list[Line], i: int) -> bool:
    """Under a thread's heading, readers' words: a heading over the comment policy, a login
    prompt and the footer ("Comments" on a page whose thread loads by script) heads no thread.
    A heading that counts its comments ("2 Comments", "One thought on …") needs a sentence, or
    a post's header over a few words (readers who do not punctuate); a bare one a post's header
    or a Reply button, and sentences."""
    book = phrase_book()
    window = lines[i + 1 : i + 1 + THREAD_LOOKAHEAD_LINES]
    # The comment form's own sentences ("Save my name…") are the site's, not readers'.
    form = next((k for k, line in enumerate(window) if book.opens_comment_form(line.text)), None)
    below = [line for line in window[:form] if not book.is_boilerplate(line.text)]
    headers = [is_post_header(line.text, None) for line in below]
    worded = [
        count_words(line.text) >= SAID_MIN_WORDS and not header
        for line, header in zip(below, headers, strict=True)
    ]
    posted = any(headers) or any(book.is_comment_action(line.text) for line in below)
    counted = COUNT_RE.search(lines[i].text) or book.counted_thread_re.search(trim(lines[i].text))
    if counted:
        sentences = any(
            is_sentence(line.text) and said and not header
            for line, header, said in zip(below, headers, worded, strict=True)
        )
        # Under a post's header, a few words or a short question ("a quelle heure?").
        signed = any(
            header
            and any(
                said or is_sentence(line.text)
                for line, said in zip(
                    below[k + 1 : k + 1 + POST_BODY_LINES],
                    worded[k + 1 : k + 1 + POST_BODY_LINES],
                    strict=True,
                )
            )
            for k, header in enumerate(headers)
        )
        return sentences or signed
    # A bare "Comments" over teasers, an author's bio or the comment policy: no post is signed
    # and no Reply button follows, as under a thread's heading one does.
    return posted and sum(worded) >= THREAD_MIN_SENTENCES


def _leads_the_page(before: int, total: int) -> bool:
    """Without a conversation to show for it, a "Comments" line is a thread's heading only when
    the article above it is not dwarfed by the prose below: a share bar's "Comments" link sits
    above nearly the whole article."""
    return before * SHARE_BAR_FACTOR >= total - before


def _teaser_count(lines: list[Line], openers: list[int], i: int) -> bool:
    """ "78 commentaires" under each story of a list is a count of threads elsewhere: a thread's
    heading has no other comment count near it."""
    count = COUNT_RE.search(lines[i].text)
    counts = [
        j
        for j in openers
        if j != i
        and abs(j - i) <= TEASER_COUNT_WITHIN
        and (other := COUNT_RE.search(lines[j].text))
        # The byline's "5 comments" link right above the heading "5 Kommentare" counts one thread.
        and not (abs(j - i) <= THREAD_OPENER_WITHIN and count and other[0] == count[0])
    ]
    return bool(count) and len(counts) >= TEASER_COUNTS


def _reader_thread(
    lines: list[Line], prose: list[int], language: str | None, forms: list[int]
) -> Conversation | None:
    """The conversation that is the page's reader thread: the first one with an article's worth of
    prose above it, one holding most of the page's prose or with no article's worth anywhere else
    (a forum page, a bare thread), a topic's page with numbered posts, or one announced as a thread
    whatever the post above (a short news item, a photo). On a topic's first page (numbers #1 and
    #2 with no prose above, replies answering the first post's subject, "Page 1 of N", or a first
    post longer than its replies under posters' cards) the first post is the article. Dated
    teasers and menus above an article are conversations of none of these kinds. `forms`: the
    lines of the page's comment form, in order."""
    words = [count_words(lines[i].text) for i in prose]
    texts = [line.text for line in lines]
    for conversation in find_conversations(texts, language):
        # The reply form's own sentences under the thread are the site's ("You can post now and
        # register later …"): no article's worth of prose elsewhere.
        form = next((i for i in forms if i >= conversation.end), len(lines))
        total = sum(n for i, n in zip(prose, words, strict=True) if i < form)
        above = sum(n for i, n in zip(prose, words, strict=True) if i < conversation.start)
        inside = sum(
            n
            for i, n in zip(prose, words, strict=True)
            if conversation.start <= i < conversation.end
        )
        # The page's main thing: most of its prose, or short posts with no article's worth of
        # prose anywhere else on the page (a forum's later page of one-line replies).
        alone = len(conversation.posts) >= FORUM_MIN_POSTS and (
            inside >= THREAD_PAGE_PROSE_SHARE * total or total - inside < ARTICLE_MIN_WORDS
        )
        posts = conversation.posts
        second = posts[1] if len(posts) > 1 else conversation.end
        first = sum(n for i, n in zip(prose, words, strict=True) if posts[0] <= i < second)
        # A topic's page: posts with less prose above them than the first one holds (a forum's
        # rules, a breadcrumb), most of the page's prose or at least SHORT_TOPIC_MIN_POSTS posts.
        topic = above < max(first, 1) and (alone or len(posts) >= SHORT_TOPIC_MIN_POSTS)
        # Most posts numbered ("#391") on their first lines: a forum's page, not a blog's thread.
        numbered = topic and (
            numbered_share(texts, posts, POST_NUMBER_WITHIN) > NUMBERED_FORUM_SHARE
        )
        opening = _opening_post(lines, conversation, by_number=not above) if topic else None
        if (
            opening is None
            and topic
            and not alone
            and not numbered
            and _carded(lines, conversation)
            and first >= max(ARTICLE_MIN_WORDS, inside - first)
        ):
            # A short forum topic's first page (its posters' cards show their join dates): its
            # first post opens it when it is as long as an article and longer than the replies
            # together (numbers would have said which page it is: "#391").
            opening = 0
        if (
            opening is None
            and topic
            and (not numbered or above)  # numbers read (no prose above) tell the page
            and (_shows_first_page(lines, 0, posts[0] + 1) or _shows_whole_topic(lines, posts))
        ) or (opening is None and topic and _started_by_first_poster(lines, posts)):
            # "9 posts • Page 1 of 1", "Pages: 1", "5 posts" over five posts; "Started by X"
            # over X's post
            opening = 0
        elif (
            opening is None
            and topic
            and len(posts) > FIRST_PAGE_CLOCK_MIN_POSTS
            and _shows_first_page(lines, posts[0] + 1, posts[1])
        ):
            # The pager stands under the first "post": it was the forum's clock above the menu
            # ("June 08, 2010, 07:37:37 AM", then "Pages: [1] 2"), the topic opens with the next.
            opening = 1
        if opening is not None:
            # Page 1 of a forum topic: its opening post is the article, the replies the thread.
            rest = conversation.posts[opening + 1 :]
            return replace(
                conversation, start=rest[0], posts=rest, opening_post=(posts[opening], rest[0])
            )
        if above >= ARTICLE_MIN_WORDS or alone or numbered or conversation.announced:
            return conversation
    return None


def _opening_text(
    lines: list[Line], roles: list[str | None], conversation: Conversation, language: str | None
) -> list[int]:
    """A topic's opening post too short to pass for prose ("Need one for 66 bus", "happy bd jc"):
    the longest run of lines under its header that no phrase list has labelled and no reply
    repeats (the posters' cards: "Advanced Member", "Messages : 265"); the poster's name may
    stand alone under the header."""
    assert conversation.opening_post is not None
    begin, end = conversation.opening_post
    header = next((i for i in range(begin, end) if is_post_header(lines[i].text, language)), None)
    if header is None:
        return []
    roles[header] = "meta"
    card = Counter(_card_key(line.text) for line in lines[end : conversation.end])
    runs: list[list[int]] = [[]]
    for i in range(header + 1, end):
        own = (
            roles[i] is None
            and card[_card_key(lines[i].text)] < OPENING_CARD_REPEATS
            and not is_post_header(lines[i].text, language)
        )
        if own:
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    return max(runs, key=lambda run: sum(count_words(lines[i].text) for i in run))


def _card_key(text: str) -> str:
    return DIGITS_RE.sub("0", text.casefold())


def _shows_first_page(lines: list[Line], begin: int, end: int) -> bool:
    """A topic's pager between these lines says this is its first page."""
    return any(cues().is_first_page(line.text) for line in lines[begin:end])


def _shows_whole_topic(lines: list[Line], posts: tuple[int, ...]) -> bool:
    """The topic's size over its posts is the number of posts on the page ("5 posts"): they are
    all of them, the first opens the topic."""
    above = lines[max(0, posts[0] - TOPIC_SIZE_WITHIN) : posts[0] + 1]
    return any(cues().topic_size(line.text) == len(posts) for line in above)


def _started_by_first_poster(lines: list[Line], posts: tuple[int, ...]) -> bool:
    """The topic's starter named above the posts ("Started by stephan_35 · …", XenForo's
    "Thread starter emkata99") wrote the first post: its first lines name them."""
    end = posts[1] if len(posts) > 1 else len(lines)
    for i in range(max(0, posts[0] - STARTER_WITHIN), min(posts[0] + STARTER_WITHIN, end)):
        starter = cues().topic_starter(lines[i].text)
        if starter and any(
            starter in casefolded(lines[j].text).split()
            for j in range(max(i + 1, posts[0]), min(end, posts[0] + STARTER_WITHIN))
        ):
            return True
    return False


def _carded(lines: list[Line], conversation: Conversation) -> bool:
    """The posts stand beside their posters' cards ("Joined: 20 Oct 2008"): a forum's."""
    start = max(0, conversation.posts[0] - CARD_ABOVE_LINES)
    return sum(cues().is_join_date(line.text) for line in lines[start : conversation.end]) >= 2


def _opening_post(lines: list[Line], conversation: Conversation, by_number: bool) -> int | None:
    """Which post opens the topic: the one numbered #1 when the next is #2 ("#1 2008-09-05
    13:31:48", "06-15-2016, 03:03 PM #1"), the first post or the second (XenForo's "Thread
    starter X" / "Start date" above the posts reads as a post too), or the first post when the
    next two answer it by its subject ("Re: …"). A later page starts at #16, or with a reply;
    a bug report's comments (#1 under the report) have the report above them: numbers are read
    only `by_number`, where no prose stands above the posts."""
    posts = [-1, *conversation.posts, len(lines)]
    if by_number:
        for k in range(1, min(3, len(posts) - 2)):
            if _numbered(lines, posts[k - 1 : k + 2], 1) and _numbered(lines, posts[k : k + 3], 2):
                return k - 1
    return 0 if _replied_to(lines, conversation.posts) else None


def _replied_to(lines: list[Line], posts: tuple[int, ...]) -> bool:
    """The next two posts answer the first by its subject ("Compartir experiencias", then
    "Re: Compartir experiencias" twice: Phorum, SMF, phpBB). On a later page the first post is
    a reply too, and its "Re: …" is no bare subject."""

    def subjects(k: int) -> list[str]:
        end = min(posts[k] + SUBJECT_WITHIN, posts[k + 1] if k + 1 < len(posts) else len(lines))
        return [lines[i].text.strip().casefold() for i in range(posts[k], end)]

    if len(posts) < 3:
        return False
    first = subjects(0)
    return all(any(replied_subject(text) in first for text in subjects(k)) for k in (1, 2))


def _numbered(lines: list[Line], posts: list[int], number: int) -> bool:
    """The post posts[1] carries "#number" on its first lines or just above, below the post
    before it (posts[0]) and above the next (posts[2])."""
    before, post, after = posts
    near = range(
        max(before + 1, post - POST_NUMBER_WITHIN), min(after, post + POST_NUMBER_WITHIN + 1)
    )
    return any(f"#{number}" in lines[i].text.split() for i in near)


def _main_cluster(
    lines: list[Line], prose: list[int], article_text: list[bool] | None = None
) -> list[int]:
    """The article: the run of prose paragraphs with the most words. A cookie notice above it or
    a footer blurb below is prose too, but a menu or a list of links stands between them, and
    the article ends where a list of other stories, a thread or a comment form begins: the
    teasers under "Related articles" are prose too."""
    book = phrase_book()
    clusters: list[list[int]] = []
    walls: set[int] = set()  # clusters that end at a story list or a comment section
    for i in prose:
        between = range(clusters[-1][-1] + 1, i) if clusters else range(0)
        furniture = sum(
            1
            for j in between
            if (_is_link_like(lines[j].text) or _is_long_headline(lines[j].text))
            and not cues().ends_with_credit(lines[j].text)  # a picture inside the article
            and not _runs_on(lines[j].text)
            # A list's entries and section headings inside the article's element are no
            # menu: menus and story lists are links, or stand outside it.
            and not (article_text and article_text[j])
        )
        wall = any(_ends_article(book, lines, j) or _dated_teasers_at(lines, j) for j in between)
        if clusters and furniture < CLUSTER_GAP_LINES and not wall:
            clusters[-1].append(i)
        else:
            if wall:
                walls.add(len(clusters) - 1)
            clusters.append([i])
    if not clusters:
        return []
    sizes = [sum(count_words(lines[i].text) for i in cluster) for cluster in clusters]
    # The article stands before the first story list or thread, when there is one worth the name.
    before_wall = sizes[: min(walls) + 1] if walls else sizes
    if max(before_wall) >= HEADING_MIN_PROSE_WORDS and max(
        before_wall
    ) * WALLED_ARTICLE_FACTOR >= max(sizes):
        sizes = before_wall
    first = last = sizes.index(max(sizes))
    # An inline "Read also" box splits an article in two; a one-paragraph blurb (a cookie notice,
    # a footer) is not part of it: neighbours of two paragraphs or more belong to the article,
    # and above it so do lone paragraphs between lists (a tutorial's sentence between two
    # listings) when more of the article stands beyond them.
    while first > 0 and first - 1 not in walls:
        beyond = first - 1
        while (
            len(clusters[beyond]) == 1
            and first - beyond <= LONE_PARAGRAPHS_BRIDGED
            and beyond > 0
            and beyond - 1 not in walls
        ):
            beyond -= 1
        if len(clusters[beyond]) < 2:
            break
        first = beyond
    while last + 1 < len(clusters) and len(clusters[last + 1]) >= 2 and last not in walls:
        last += 1
    return [i for cluster in clusters[first : last + 1] for i in cluster]


def _verse_lines(lines: list[Line], roles: list[str | None]) -> set[int]:
    """Stanzas: runs of short lines with no blank line between them, a third of them or more
    ending with a comma or a full stop, two with a comma at least (a verse runs on to the next
    line as often as not). A poem or a song has no paragraph, but menus and lists of headlines
    end their lines with no comma (a truncated headline ends with "…")."""

    def fits(i: int) -> bool:
        return (
            i < len(lines)
            and roles[i] is None
            and VERSE_MIN_WORDS <= count_words(lines[i].text) <= VERSE_MAX_WORDS
        )

    verse: set[int] = set()
    run: list[int] = []
    for i in range(len(lines) + 1):
        if fits(i) and (not run or lines[run[-1]].number == lines[i].number - 1):
            run.append(i)
            continue
        if len(run) >= STANZA_MIN_LINES and _is_stanza([lines[j].text for j in run]):
            verse.update(run)
        run = [i] if fits(i) else []
    return verse


def _is_stanza(texts: list[str]) -> bool:
    ends = sum(text.endswith(VERSE_ENDINGS) and not text.endswith(ELLIPSES) for text in texts)
    commas = sum(text.endswith(COMMAS) for text in texts)
    return ends >= VERSE_ENDED_SHARE * len(texts) and commas >= STANZA_MIN_COMMAS


def _runs_on(text: str) -> bool:
    """Running text, though no paragraph: clauses of Chinese joined by a comma ("注意编译的机器的
    内存最好有4G上，不然编译过程中会报错"), short lines of a tutorial between its listings. Menus hold
    no such comma. (Japanese headlines hold "、" and "。" too: they prove nothing.)"""
    return CLAUSE_COMMA in text


def _dated_teasers_at(lines: list[Line], j: int) -> bool:
    """A list of other stories, each with its time stamp ("16/06/2019 08h10" over a headline, or
    a card of label, headline, standfirst, author and date) starts at line j: inside an article,
    dates stand in sentences, not on lines of their own at a steady beat."""
    return _teaser_beat(lines, j) is not None or _counted_teasers_at(lines, j)


def _counted_teasers_at(lines: list[Line], j: int) -> bool:
    """A list of other stories, each with its count ("579 Shares", "12 comments") at a steady
    beat; the counts vary, as a numbered list's ("Step 1", "Step 2") do not."""
    key = _count_label(lines[j].text)
    if key is None:
        return False

    def counting(marks: range) -> bool:
        numbers = [int(found[0]) for k in marks if (found := COUNT_RE.search(lines[k].text))]
        return any(b - a != 1 for a, b in pairwise(numbers))

    return _steady_beat(lines, j, lambda text: _count_label(text) == key, counting) is not None


def _count_label(text: str) -> str | None:
    """ "579 Shares" -> "# shares": a short line of a number and a word, its shape."""
    if count_words(text) > COUNT_LABEL_MAX_WORDS or not COUNT_RE.search(text):
        return None
    shape = COUNT_RE.sub("#", text.casefold())
    return shape if any(char.isalpha() for char in shape) else None


def _teaser_beat(lines: list[Line], j: int) -> int | None:
    """The lines from one teaser's time stamp to the next, where such a list starts at j."""
    if not _is_time_stamp(lines[j].text):
        return None
    return _steady_beat(lines, j, _is_time_stamp)


def _steady_beat(
    lines: list[Line],
    j: int,
    marks_a_card: Callable[[str], bool],
    accept: Callable[[range], bool] = lambda _marks: True,
) -> int | None:
    """The beat (2 to TEASER_MAX_BEAT lines) at which lines like line j ("16/06/2019 08h10",
    "579 Shares") recur DATED_TEASERS times from j, over cards of at most one paragraph each."""
    for beat in range(2, TEASER_MAX_BEAT + 1):
        marks = range(j, j + beat * DATED_TEASERS, beat)
        if (
            marks[-1] < len(lines)
            and all(marks_a_card(lines[k].text) for k in marks)
            and accept(marks)
            and sum(is_prose(line.text) for line in lines[j : marks[-1]]) <= DATED_TEASERS - 1
        ):
            return beat
    return None


def _unmark_teaser_dates(lines: list[Line], roles: list[str | None], start: int, end: int) -> None:
    """Between the article and the thread, the dates of a list of other stories are the list's,
    not bylines."""
    j = start
    while j < end:
        beat = _teaser_beat(lines, j) if roles[j] == "meta" else None
        if beat is None:
            j += 1
            continue
        while j < end and _is_time_stamp(lines[j].text):
            if roles[j] == "meta":
                roles[j] = "boilerplate"
            j += beat


def _is_time_stamp(text: str) -> bool:
    return count_words(text) <= TIME_STAMP_MAX_WORDS and (
        find_date(text) is not None or is_short_date_line(text)
    )


def _is_long_headline(text: str) -> bool:
    """A teaser's headline: too long for a menu, but no sentence either (no full stop)."""
    return count_words(text) > HEADING_MAX_WORDS and not text.endswith(SENTENCE_ENDINGS)


def _ends_article(book: PhraseBook, lines: list[Line], j: int) -> bool:
    """A comment form, or a story list: the article is over. A "Read also" box of a few
    headlines inside the article is not its end; a list of teasers (paragraphs) or of more
    headlines is. (A thread's heading ends it too, where the caller found one.)"""
    text = lines[j].text
    if book.opens_comment_form(text):
        return True
    if not book.opens_link_list(text):
        return False
    # A numbered list's bare markers ("1.", "2.") stand on lines of their own: skip them.
    following = (line for line in lines[j + 1 :] if not BARE_MARKER_RE.fullmatch(line.text))
    after = list(islice(following, INLINE_BOX_MAX_HEADLINES + 2))
    headlines = 0
    for k, line in enumerate(after):
        if is_prose(line.text):
            # Teasers: paragraphs, or headline and paragraph again and again.
            repeated = k + 1 < len(after) and _is_link_like(after[k + 1].text)
            return headlines == 0 or (headlines == 1 and repeated)
        if not _is_link_like(line.text):
            break
        headlines += 1
    return headlines > INLINE_BOX_MAX_HEADLINES


def _is_link_like(text: str) -> bool:
    """A short line that is not a sentence: a menu entry, a related-story headline, a tag. Not a
    line of code or a list's entry inside an article ("<flag name=\"top\" value=\"1\" />",
    "2 cups of flour", "12 May — Berlin"): menus hold neither code marks nor leading numbers."""
    return (
        is_heading_like(text)
        and not is_list_item(text)
        and not CODE_MARKS_RE.search(text)
        and not text[:1].isdigit()
    )


def _is_navigation_only(lines: list[Line]) -> bool:
    link_like = sum(_is_link_like(line.text) for line in lines)
    return len(lines) >= MENU_PAGE_MIN_LINES and link_like >= MENU_PAGE_LINK_SHARE * len(lines)


def _label_link_lists(lines: list[Line], roles: list[str | None], end: int) -> None:
    """The headlines listed under "Previous Story", "Related", "Читайте также"… are boilerplate,
    up to the first line that is not a headline; below the first paragraph, with their dates
    ("Przeczytaj także:" / "15 listopada 2021" / a headline). Above it a menu's "Related" may
    stand right over the article's own dateline and headline."""
    book = phrase_book()
    first_prose = next((k for k in range(end) if is_prose(lines[k].text)), end)
    for i in range(end):
        if not book.opens_link_list(lines[i].text):
            continue
        roles[i] = "boilerplate"
        for j in range(i + 1, end):
            text = lines[j].text
            if i > first_prose and roles[j] in (None, "meta") and _is_time_stamp(text):
                roles[j] = "boilerplate"
                continue
            if roles[j] is not None or is_prose(text) or not is_title_like(text):
                break
            roles[j] = "boilerplate"


def _first_unlabelled(roles: list[str | None]) -> int:
    return next((i for i, role in enumerate(roles) if role is None), len(roles))


def _label_head(lines: list[Line], roles: list[str | None], first_body: int) -> None:
    """Above the first paragraph: the headline, navigation above it, bylines and standfirst below."""
    candidates = [
        i
        for i in range(first_body - 1, -1, -1)
        if roles[i] is None and is_title_like(lines[i].text)
    ]
    # One line or none to choose from: what the text says does not matter (and costs).
    opening = _opening_terms(lines, first_body) if len(candidates) > 1 else set()
    # A bare author line ("Helen Marsh", "A, B") sits between the headline and the text; a
    # headline of two capitalised words ("Ginger Beer") is what the text goes on about.
    if (
        len(candidates) > 1
        and candidates[0] - candidates[1] <= BYLINE_BELOW_TITLE_WITHIN
        and names_line(lines[candidates[0]].text)
        and not (
            # (a name of short words, "Ann Lee", has no content words: nothing to go on about)
            (named := content_terms(lines[candidates[0]].text))
            and named <= opening
            and count_words(lines[candidates[1]].text) < STANDFIRST_HEADLINE_MIN_WORDS
        )
    ):
        roles[candidates[0]] = "meta"
        candidates = candidates[1:]
    title = _headline(lines, roles, candidates, first_body, opening)
    if title is not None:  # what stands between the headline and the text is not the headline
        candidates = candidates[candidates.index(title) :]
    if title is not None and len(candidates) > 1 and _is_standfirst(lines, title, candidates[1]):
        title = candidates[1]  # the longer line under a headline is its standfirst
    if title is None and first_body < len(lines) and is_title_like(lines[first_body].text):
        title = first_body  # a page with no prose paragraph: its first line is the headline
    if title is not None:
        roles[title] = "title"
    for i in range(first_body):
        if roles[i] is not None:
            continue
        text = lines[i].text
        below_title = title is not None and i > title
        standfirst = text.endswith(SENTENCE_ENDINGS) or count_words(text) >= 8
        roles[i] = "body" if below_title and standfirst else "boilerplate"


def _opening_terms(lines: list[Line], first_body: int) -> set[str]:
    """The content words of the text's first long lines (not a short page's footer, "Mirada
    Sur · …"), up to HEADLINE_TEXT_CHARS characters: a headline's words come early."""
    text = " ".join(
        line.text
        for line in lines[first_body : first_body + HEADLINE_TEXT_LINES]
        if count_words(line.text) >= HEADLINE_TEXT_MIN_WORDS
    )
    return content_terms(text[:HEADLINE_TEXT_CHARS])


def _headline(
    lines: list[Line],
    roles: list[str | None],
    candidates: list[int],
    first_body: int,
    opening: set[str],
) -> int | None:
    """The headline among the title-like lines above the first paragraph (nearest first): of a
    headline's length rather than a section label's ("Politik", "オープンソース"), with the byline
    or date under it, near the text, sharing its words with the text's first lines, repeated on
    the page; not a time stamp ("2 часа назад")."""
    best: int | None = None
    best_score = float("-inf")

    def repeated(i: int) -> bool:
        text = lines[i].text
        return any(j != i and text in line.text for j, line in enumerate(lines))

    def shared(i: int) -> float:
        terms = content_terms(lines[i].text)
        found = len(terms & opening)
        return (
            (found / len(terms)) * min(found, HEADLINE_SHARED_FULL) / HEADLINE_SHARED_FULL
            if terms
            else 0.0
        )

    for i in candidates[:HEADLINE_CANDIDATES]:
        text = lines[i].text
        words = count_words(text)
        if is_post_header(text, None) and words < HEADLINE_MIN_WORDS_WITH_DATE:
            continue
        below = range(i + 1, min(i + 1 + BYLINE_BELOW_TITLE_WITHIN, len(lines)))
        bylined = any(roles[j] == "meta" for j in below)
        score = (
            min(words, HEADLINE_FULL_WORDS)
            + HEADLINE_BYLINE_BONUS * bylined
            + HEADLINE_REPEATED_BONUS * (words >= HEADLINE_REPEATED_MIN_WORDS and repeated(i))
            - HEADLINE_DISTANCE_COST * (first_body - i)
            + HEADLINE_SHARED_BONUS * shared(i)
        )
        if score > best_score:
            best, best_score = i, score
    return best


def _is_caption(lines: list[Line], i: int) -> bool:
    """A photo credit ("Photo: AFP"), the short description right above one, or a description
    ending with its credit."""
    if cues().is_caption(lines[i].text) or cues().ends_with_credit(lines[i].text):
        return True
    followed_by_credit = i + 1 < len(lines) and cues().is_caption(lines[i + 1].text)
    return followed_by_credit and count_words(lines[i].text) < PROSE_LONG_WORDS


def _is_standfirst(lines: list[Line], lower: int, upper: int) -> bool:
    below, above = count_words(lines[lower].text), count_words(lines[upper].text)
    return (
        lower - upper <= 2
        and above >= STANDFIRST_HEADLINE_MIN_WORDS
        and below >= STANDFIRST_MIN_WORDS
        and below > above
    )


def _label_article(
    lines: list[Line],
    roles: list[str | None],
    first: int,
    last: int,
    article_text: list[bool] | None = None,
) -> None:
    for i in range(first, min(last + 1, len(lines))):
        text = lines[i].text
        if roles[i] == "meta" and text.startswith(QUOTE_DASHES):
            roles[i] = "body"  # "— Jane Doe (@jane) May 2, 2019" under a quoted tweet
        if roles[i] is not None:
            continue
        if _is_numbered_question(lines, i):
            roles[i] = "heading"  # "2. What do the protesters want?" above its answer
        elif not is_heading_like(text) or _in_announced_list(lines, i):
            roles[i] = "body"
        elif _in_link_run(lines, i) and not (article_text and article_text[i]):
            roles[i] = "boilerplate"  # "Related" and its headlines, a menu: not a section heading
        elif _in_block_of_short_lines(lines, i):
            roles[i] = "body"  # a list's entries, a code block: headings stand alone
        else:
            roles[i] = "heading"


def _in_announced_list(lines: list[Line], i: int) -> bool:
    """A short line in a run of them under a sentence ending with a colon ("The problems we
    heard:"): the article's own list, not a menu."""
    for j in range(i - 1, max(i - 1 - LIST_MAX_ITEMS, -1), -1):
        text = lines[j].text
        if not is_heading_like(text) or text.endswith(":"):
            return text.endswith(":") and not is_heading_like(text.removesuffix(":"))
    return False


def _in_block_of_short_lines(lines: list[Line], i: int) -> bool:
    """The line and the one right above or below it (no blank line between) are both short."""

    def short(j: int) -> bool:
        return 0 <= j < len(lines) and is_heading_like(lines[j].text)

    above = i > 0 and lines[i - 1].number == lines[i].number - 1 and short(i - 1)
    below = i + 1 < len(lines) and lines[i + 1].number == lines[i].number + 1 and short(i + 1)
    return above or below


def _is_numbered_question(lines: list[Line], i: int) -> bool:
    text = lines[i].text
    return (
        is_list_item(text)
        and text.endswith("?")
        and count_words(text) <= HEADING_MAX_WORDS
        and i + 1 < len(lines)
        and is_prose(lines[i + 1].text)
    )


def _in_link_run(lines: list[Line], i: int) -> bool:
    """A section heading stands alone before prose; link-like lines come in runs."""

    def link_like(j: int) -> bool:
        return 0 <= j < len(lines) and _is_link_like(lines[j].text)

    # Two link-like neighbours: the line is inside, at the start or at the end of a run.
    return any(link_like(i + a) and link_like(i + b) for a, b in ((-1, 1), (1, 2), (-2, -1)))


def _label_tail(
    lines: list[Line], roles: list[str | None], start: int, end: int, authors: list[str]
) -> None:
    """After the last paragraph: author bios are meta, a short closing sentence is body, the rest
    (share buttons, related and previous/next story links, comment forms) is boilerplate."""
    page_furniture_seen = False
    for i in range(start, end):
        text = lines[i].text
        if roles[i] is not None:
            page_furniture_seen = True
            continue
        if any(text.startswith(name) for name in authors) or (
            not page_furniture_seen and names_line(text)
        ):
            roles[i] = "meta"  # the author's name under the last paragraph
        elif not page_furniture_seen and count_words(text) >= 4 and text.endswith(SENTENCE_ENDINGS):
            roles[i] = "body"
        elif (
            not page_furniture_seen
            and i > 0
            and roles[i - 1] == "body"
            and _same_list(lines[i - 1].text, text)
        ):
            roles[i] = "body"  # the article's closing list goes on ("• Disiplin cezası almamış")
        else:
            roles[i] = "boilerplate"
            page_furniture_seen = True


def _same_list(above: str, text: str) -> bool:
    """Two items of one list: the same bullet ("• " under "• "), or numbers under numbers; a
    menu of dashes under the article's bullets is another list."""
    if not (is_list_item(above) and is_list_item(text)):
        return False
    return above[0] == text[0] or (above[0].isdigit() and text[0].isdigit())


def _label_thread(
    lines: list[Line],
    roles: list[str | None],
    start: int,
    shape_end: int | None = None,
    heading: bool = True,
) -> None:
    """From `start` (the thread's heading, or its first post when `heading` is false) to where
    the conversation's shape ends (`shape_end`) or a footer, form or story list begins."""
    if heading and start < len(lines):
        roles[start] = "boilerplate"  # the "Comments" heading itself
    else:
        start -= 1
    book = phrase_book()
    # The thread ends at the page's copyright footer, or once a comment has been read at the
    # comment form (WordPress puts it under the thread, Disqus above) or at a list of other
    # stories ("Also on …").
    first_comment = next((i for i in range(start + 1, len(lines)) if roles[i] is None), len(lines))
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if _is_copyright_line(lines[i].text)
            or (
                i > first_comment
                and (book.opens_comment_form(lines[i].text) or book.opens_link_list(lines[i].text))
            )
        ),
        len(lines),
    )
    end = min(end, shape_end) if shape_end is not None else end
    end = min(end, _furniture_run(lines, first_comment, end))
    for i in range(start + 1, len(lines)):
        if i >= end:
            roles[i] = "boilerplate"
        elif book.is_comment_action(lines[i].text):
            roles[i] = "boilerplate"  # the page's buttons, not what a reader wrote
        elif roles[i] is None or roles[i] == "meta":
            roles[i] = "comment"


def _is_copyright_line(text: str) -> bool:
    """ "© 2007 John Lam", "Copyright Example Inc."; "(c)" only with a year, for a list's
    third item is "(c) Advantages of Rails…"; the bare word only with a year or on a short line,
    for a reader may start "Copyright for books is 50 years after the author's death? …"."""
    if not COPYRIGHT_RE.match(text):
        return False
    dated = YEAR_RE.search(text) is not None
    if text.casefold().startswith("(c)"):
        return dated
    return text.startswith("©") or dated or count_words(text) <= COPYRIGHT_MAX_WORDS


def _furniture_run(lines: list[Line], start: int, end: int) -> int:
    """Where a run of menu lines begins after the last comment (a footer, a sidebar, an archive
    of months): no post header, no Reply button, nobody's sentence for THREAD_END_RUN lines,
    and no post header of the thread's template below (a sidebar's "Published: 2017-05-08"
    dates teasers, not posts)."""
    book = phrase_book()
    run = 0
    shapes: set[str] = set()
    for i in range(start + 1, end):
        text = lines[i].text
        header = is_post_header(text, None)
        if header:
            shapes.add(header_shape(text))
        menu = is_heading_like(text) and not header and not book.is_comment_action(text)
        run = run + 1 if menu else 0
        if run == THREAD_END_RUN:
            first = i - run + 1
            below = [
                header_shape(line.text)
                for line in lines[first:end]
                if is_post_header(line.text, None)
            ]
            if not any(shape in shapes for shape in below) and (shapes or not below):
                return first
    return end
