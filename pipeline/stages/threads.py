"""Finding a reader-comment thread in plain text by its shape, not by its heading.

Blogs, forums and news sites open their threads with headings no phrase list knows ("There are
currently 55 responses to …", "Discussion (217)", none at all). What every thread has is a rhythm:
a short header line with a time stamp or a "says:" ("Tiki Avengers, March 24th, 2007",
"06-15-2016, 05:21 PM #2", "Meelock · 3 hours ago") every few lines, with someone's sentences
between two headers. A list of related stories has dated lines too, but headlines between them,
not sentences; an archive's "March 2010" has no day, so it is no time stamp.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from statistics import median

from pipeline.lexicon import merged
from pipeline.lexicon.cues import cues
from pipeline.lexicon.phrases import phrase_book
from pipeline.stages.attribution import authors_in, vocabulary
from pipeline.stages.dates import YEAR_FIRST_RE, find_date, find_year_first_date, is_month_and_year
from pipeline.stages.words import count_words

# A post's header is short: a name, a time, a number, a "Reply".
POST_HEADER_MAX_WORDS = 14
# ... and one dated year first without a time of day is shorter still.
YEAR_FIRST_HEADER_MAX_WORDS = 5
# A time of day, glued to a word or not ("30-مارت15:14": a month name in no word list).
TIME_OF_DAY_RE = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?(?!\d)", re.I)
# Headers this close together belong to one post ("Name" / "May 8, 2020 10:31 pm" / "#3").
SAME_POST_LINES = 1
# Two conversations this close (a heading between them) are one thread.
ADJOINING_LINES = 3
# A thread: at least this many posts, none further apart than MAX_POST_LINES lines, and in most
# of the gaps between two headers at least one sentence.
MIN_POSTS = 3
MAX_POST_LINES = 60
# The last post's sentences run on over this many lines that are none (a quote's attribution).
LAST_POST_GAP_LINES = 2
MIN_SENTENCE_SHARE = 0.5
SENTENCE_ENDINGS = (".", "!", "?", "…", ")", "。", "！", "？", ":)", ":-)")
SENTENCE_MIN_WORDS = 10
# A question speaks to someone, in Latin and in full-width punctuation ("しない？").
QUESTION_MARKS = ("?", "？")
ATTRIBUTION_DASHES = ("—", "–", "-", "―")
# A line of this many words ending like a sentence is a sentence, whatever date it names.
SENTENCE_HEADER_WORDS = 8
# ... unless it ends with the time of day, as Drupal's "Napsal uživatel X dne 22 Září, 2006 - 09:09."
CLOSING_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}\.$")
# A name may end with an initial's full stop ("Gisela W."): that is no sentence's end.
INITIAL_END_RE = re.compile(r"(?:^|\s)\w\.$")
# A gap this many times the run's median, and at least this long, separates two runs.
UNUSUAL_GAP_FACTOR = 3
UNUSUAL_GAP_MIN_LINES = 8
# Headers above the article (datelines, bylines): at most this many before the thread's first.
LEAD_HEADERS = 3
# Most headers of one thread share the shape of their numbers and punctuation.
ONE_TEMPLATE_SHARE = 0.5
LETTERS_RE = re.compile(r"[^\W\d_]")
LETTERS_RUN_RE = re.compile(r"[^\W\d_]+")
SKELETON_DROP_RE = re.compile(r"[^\d:/.,-]")
DIGITS_RE = re.compile(r"\d+")
# Teasers: a headline of at least this many words beside this share of the dates.
HEADLINE_MIN_WORDS = 5
HEADLINE_MAX_WORDS = 16
HEADLINED_SHARE = 0.7
# A post's tool bar of links is no headline: two bars or more.
TOOL_BAR_BARS = 2
# A story list's heading stands at most this many lines above its first dated teaser.
STORY_LIST_WITHIN = 6
# Consecutive headers of different templates in at least this share: one opens, one closes.
ALTERNATING_SHARE = 0.8
# A thread whose last header is this close to its end closes each post with its header.
CLOSING_HEADER_WITHIN = 3
# Readers talk: first or second person, a question or a quoted excerpt ("[…]" of a pingback) in
# at least this share of a thread's posts. Dated teasers and a live blog's entries do not; they
# are not signed by many different names either, as readers' posts are.
VOICED_MIN_SHARE = 0.15
EXCERPT_MARKS = ("[…]", "[...]")
NAME_WORDS = 3
NAMED_MIN_POSTS = 3
NAMED_SHARE = 0.5
POST_NUMBER_RE = re.compile(r"(?:\bNo\.|#)\s?\d+")
# A name line stands right above a header in most posts: it opens the post.
NAME_MAX_WORDS = 6
NAME_ABOVE_SHARE = 0.6
# Posts signed by a bare name: at least this many, each of at most this many lines.
REPLIED_POST_MAX_LINES = 8
REPLIED_FORM_WITHIN = 2
SAID_POST_SENTENCE_WITHIN = 2
SAID_POST_MAX_LINES = 8
# A signature under a post runs at most this many short lines.
SIGNATURE_LINES = 2
# A thread's heading over one or two posts follows at least this many words of sentences.
HEADED_PROSE_ABOVE = 40
HEADED_HEADER_MAX_WORDS = 8
PREVIOUS_NEXT_MARKS = ("«", "»", "<<", ">>", "‹", "›", "←", "→")  # "« Older post", "Newer post »"
# A link to the previous or next post, however dated ("Twitter Weekly Updates for 2009-07-19 »"),
# is no post's header; SMF wraps its headers in both ("« Reply #1 on: …, 02:16:51 PM »"), PTT's
# replies start with "→" and Disqus's button bar ends with "Share ›".
NAVIGATION_OPENS = ("«", "<<", "‹")
NAVIGATION_CLOSES = ("»", ">>")
PAGER_BARS = (" | ", " · ")

SIGNED_MIN_POSTS = 4
# A listing's line holds these ("equities = {}", "// wrong"); a commenter's name does not.
NOT_NAME_ENDINGS = (".", "!", "?", ":", ",", ";")
CODE_MARKS = ("=", "{", "}", "[", "]", ";", "/", "$", "<", ">")
SIGNED_POST_MAX_LINES = 4
# Once a run has shown SIGNED_MIN_POSTS signed posts, a reader's longer post continues it.
SIGNED_LONG_POST_MAX_LINES = 10
# A thread's heading stands at most this many lines above the first signed post.
SIGNED_HEADING_WITHIN = 4
QUOTED_RE = re.compile(r"[“”\"«„»]\s*([^“”\"«„»]{2,}?)\s*[“”\"«»]")
URL_PREFIX_RE = re.compile(r"^https?://\S+\s+")
HANDLE_SUFFIX_RE = re.compile(r"\s+\(@\w+\)$")
URL_ONLY_RE = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Conversation:
    """Where a thread found by its shape starts and ends (indexes into the page's lines)."""

    start: int  # the first post's first line
    end: int  # one past the last post's last line
    posts: tuple[int, ...]  # the first line of each post
    # Told apart as a thread by more than its rhythm: a thread's heading right above it, or its
    # posts' Reply buttons over the comment form.
    announced: bool = False
    # On a forum topic's first page, the opening post's lines [begin, end): the page's article.
    opening_post: tuple[int, int] | None = None


@lru_cache(maxsize=1 << 16)  # asked of a line by the thread finder, the splitter and the rows
def is_post_header(text: str, language: str | None) -> bool:
    """A short line with a time stamp or a "says:"; not a quote's attribution ("— Tom Phillips
    (@tomphillipsin) December 31, 2014" under an embedded tweet), though a dash may stand before a
    bare time stamp ("- 2010-06-22 00:47:53" under "Comment by Chaiavi")."""
    words = count_words(text)
    if (
        words > POST_HEADER_MAX_WORDS
        or (text.startswith(ATTRIBUTION_DASHES) and LETTERS_RE.search(text))
        or text.startswith(NAVIGATION_OPENS) != text.endswith(NAVIGATION_CLOSES)
    ):
        return False
    if (
        words >= SENTENCE_HEADER_WORDS
        and text.endswith((".", "!", "?"))
        and not CLOSING_TIME_RE.search(text)
    ):
        return False  # a sentence, not a header: spares the date search on most prose lines
    cue = cues()
    # "Mar 26, 2024 · 7 min read" dates a teaser of another story: asked last, of dated lines only.
    return (
        cue.is_comment_header(text)
        or cue.has_relative_time(text)
        or bool(TIME_OF_DAY_RE.search(text))
        or find_date(text, language) is not None
        or is_month_and_year(text)
        or (words <= YEAR_FIRST_HEADER_MAX_WORDS and _dated_year_first(text))
    ) and not (
        vocabulary().reading_time_mention_re.search(text)
        or cue.is_join_date(text)
        or cue.is_first_page(text)  # "1 post • Page 1 of 1": the topic's pager
    )


def _dated_year_first(text: str) -> bool:
    """A name and a year-first date apart ("ニャン吉 2022年10月2日"); a teaser's headline with
    its date glued on ("震災とオープンソース2014/01/30") is no post's header."""
    match = YEAR_FIRST_RE.search(text)
    return (
        match is not None
        and (match.start() == 0 or text[match.start() - 1].isspace())
        and find_year_first_date(text) is not None
    )


def is_sentence(text: str) -> bool:
    """Someone's sentence, not a headline: it ends like one, or runs too long for a headline."""
    words = count_words(text)
    if words >= SENTENCE_MIN_WORDS:
        return True  # a paragraph is spared the search of its end (a regex tried at each character)
    ends = text.rstrip().endswith(SENTENCE_ENDINGS) and not INITIAL_END_RE.search(text)
    return words >= 2 and ends


def find_conversations(texts: list[str], language: str | None) -> list[Conversation]:
    """Every run of posts on the page that reads as a conversation, in page order: posts under
    time-stamped headers and posts signed by a bare name outside them (a magazine's dated
    teasers above and below a Disqus fallback list), or else a post or two with Reply buttons
    over the comment form."""
    dated = _dated_conversations(texts, language)
    signed = [
        conversation
        for conversation in _signed_conversations(texts, language)
        if all(
            conversation.start >= other.end or conversation.end <= other.start for other in dated
        )
    ]
    return (
        sorted([*dated, *signed], key=lambda conversation: conversation.start)
        or _answered_posts(texts, language)
        or _said_posts(texts, language)
        or _headed_posts(texts, language)
    )


def _answered_posts(texts: list[str], language: str | None) -> list[Conversation]:
    """Too few posts to show a conversation's rhythm (a blog's single comment): each a header
    over someone's sentences and a Reply button, the comment form right below the last one."""
    book = phrase_book()
    posts: list[int] = []
    i = 0
    while i < len(texts):
        if not is_post_header(texts[i], language):
            i += 1
            continue
        window = range(i + 1, min(len(texts), i + 1 + REPLIED_POST_MAX_LINES))
        reply = next((j for j in window if book.is_comment_action(texts[j])), None)
        if reply is not None and any(is_sentence(texts[j]) for j in range(i + 1, reply)):
            if posts and i - posts[-1] > REPLIED_POST_MAX_LINES * 2:
                posts = []  # not the same thread as the post above
            posts.append(i)
            after = texts[reply + 1 : reply + 1 + REPLIED_FORM_WITHIN]
            if any(book.opens_comment_form(text) for text in after):
                posts = _with_names(texts, posts, 0)
                return [Conversation(posts[0], reply + 1, tuple(posts), announced=True)]
            i = reply
        i += 1
    return []


def _said_posts(texts: list[str], language: str | None) -> list[Conversation]:
    """One or two posts, each under a reader's "X says:" and its time stamp and over someone's
    sentences: an article quotes people, but not over a date line."""
    cue = cues()
    posts = [
        i
        for i in range(len(texts) - 2)
        if cue.is_comment_header(texts[i])
        and is_post_header(texts[i + 1], language)
        and _sentence_under(texts, i + 1)
    ]
    if not posts or len(posts) >= MIN_POSTS or posts[-1] - posts[0] > MAX_POST_LINES:
        return []
    end = _last_post_end(texts, posts[-1] + 2, language)
    posts = _with_names(texts, posts, 0)
    return [Conversation(posts[0], end, tuple(posts), announced=True)]


def _headed_posts(texts: list[str], language: str | None) -> list[Conversation]:
    """One or two posts right under a thread's heading below an article ("Comments" over "j
    pimmel" / "October 1, 2010 at 7:19 pm" / sentences), the second of the first one's template:
    too few for a conversation's rhythm, but the heading says what they are. A byline's
    "Comments" link over the author and the date stands above the article, not under it."""
    book = phrase_book()
    for h, text in enumerate(texts):
        if (
            not book.opens_comments(text)
            or _under_story_list(texts, [h])  # a teaser's "2 comments" under "You may also like"
            or not _prose_above(texts, h)
        ):
            continue
        named = h + 1 < len(texts) and _is_name_line(texts[h + 1])
        first = next(
            (
                i
                for i in (h + 1, h + 2)
                if _opens_a_post(texts, i, language) and (i == h + 1 or named)
            ),
            None,
        )
        if first is None:
            continue
        posts = [first]
        while nxt := next(
            (
                i
                for i in range(posts[-1] + 2, min(len(texts), posts[-1] + 1 + SAID_POST_MAX_LINES))
                if _opens_a_post(texts, i, language)
            ),
            None,
        ):
            if any(_furniture(texts[j]) for j in range(posts[-1] + 1, nxt)):
                break
            posts.append(nxt)
        body = posts[-1] + 1
        while body < len(texts) and is_post_header(texts[body], language):
            body += 1  # the post's second header ("Oct 04, 2010" over "Christian said...")
        end = _last_post_end(texts, body, language)
        posts = _with_names(texts, posts, h + 1)
        return [Conversation(posts[0], end, tuple(posts), announced=True)]
    return []


def _prose_above(texts: list[str], h: int) -> bool:
    """At least HEADED_PROSE_ABOVE words of sentences above line `h`."""
    words = 0
    for text in texts[:h]:
        if is_sentence(text):
            words += count_words(text)
            if words >= HEADED_PROSE_ABOVE:
                return True
    return False


def _opens_a_post(texts: list[str], i: int, language: str | None) -> bool:
    """A name and a time (a teaser's headline with its date runs longer) over sentences."""
    return (
        i < len(texts)
        and count_words(texts[i]) <= HEADED_HEADER_MAX_WORDS
        and is_post_header(texts[i], language)
        and _sentence_under(texts, i)
    )


def _sentence_under(texts: list[str], i: int) -> bool:
    return any(is_sentence(text) for text in texts[i + 1 : i + 1 + SAID_POST_SENTENCE_WITHIN])


def _said_between(texts: list[str], begin: int, end: int) -> bool:
    return any(is_sentence(texts[i]) for i in range(begin, end))


def _last_post_end(texts: list[str], begin: int, language: str | None) -> int:
    """Too few posts for a usual length: the last one runs to its "Reply" button, to the page's
    next furniture (a closed notice, the form, a story list, a next post's header, "« Previous
    post") or to the first line after its sentences that is none (a sidebar's menu)."""
    book = phrase_book()
    said = False
    for i in range(begin, min(len(texts), begin + SAID_POST_MAX_LINES)):
        text = texts[i]
        if book.is_comment_action(text):
            if said:
                return i + 1
            continue  # "返信" between the header and the text (Japanese themes)
        if (
            (said and not is_sentence(text))
            or _furniture(text)
            or is_post_header(text, language)
            or text.startswith(PREVIOUS_NEXT_MARKS)
            or text.endswith(PREVIOUS_NEXT_MARKS)
        ):
            return i
        said = said or is_sentence(text)
    return min(len(texts), begin + SAID_POST_MAX_LINES)


def _furniture(text: str, *, buttons: bool = False) -> bool:
    """The page's, not a reader's: a closed notice, the comment form, a story list's heading, a
    pager; a post's own "Reply" button only where `buttons` end the last post."""
    book = phrase_book()
    return (
        (book.is_boilerplate(text) and (buttons or not book.is_comment_action(text)))
        or book.opens_comment_form(text)
        or book.opens_link_list(text)
        or is_pager(text)
    )


def _signed_conversations(texts: list[str], language: str | None) -> list[Conversation]:
    """Posts signed by a bare name and no time (archived Discourse topics, blogs that hide the
    dates): a name line over one to four of someone's sentences, again and again, some name
    signing two posts (as the article's author answers, or a reader comes back) and the posts
    speaking as readers do. Subheadings over an article's paragraphs do not repeat."""
    signed = [i for i, text in enumerate(texts) if _is_name_line(text)]
    runs: list[list[int]] = []
    for i in signed:
        run = runs[-1] if runs else []
        if (
            len(run) >= 2
            and i == run[-1] + 1
            and run[-1] - 1 > run[-2]
            and is_sentence(texts[run[-1] - 1])
            and i + 1 < len(texts)
            and _in_signed_post(texts[i + 1])
        ):
            run[-1] = i  # the name above closed the last post ("… Thank you." / "Kelly")
            continue
        gap = range(run[-1] + 1, i) if run else range(0)
        if (
            run
            and 1 <= len(gap) <= _longest_signed_post(run)
            and all(_in_signed_post(texts[j]) for j in gap)
        ):
            run.append(i)
        else:
            runs.append([i])
    found: list[Conversation] = []
    for run in runs:
        if len(run) > 1 and not (run[-1] + 1 < len(texts) and _in_signed_post(texts[run[-1] + 1])):
            run = run[:-1]  # a last name with nothing under it: a sidebar's heading
        names = Counter(" ".join(texts[i].split()).casefold() for i in run)
        last = run[-1] + 1
        longest = _longest_signed_post(run)
        while last < len(texts) and last - run[-1] <= longest and _in_signed_post(texts[last]):
            last += 1
        if (
            len(run) >= SIGNED_MIN_POSTS
            and (names.most_common(1)[0][1] >= 2 or _vouched(texts, run))
            and _voiced(texts, run, language)
        ):
            if found and run[0] - found[-1].end <= SIGNED_POST_MAX_LINES + 1:
                # A post the run could not take (a quoted source's title over its lines, a
                # bare link) splits one thread in two.
                run = [*found.pop().posts, *run]
            found.append(Conversation(run[0], last, tuple(run)))
    return found


def _longest_signed_post(run: list[int]) -> int:
    """How many lines the post after the run's last name may have: more once the run has shown
    the thread's rhythm."""
    return SIGNED_POST_MAX_LINES if len(run) < SIGNED_MIN_POSTS else SIGNED_LONG_POST_MAX_LINES


def _in_signed_post(text: str) -> bool:
    """What a reader writes under their name: sentences, a greeting ("Hola Lucía,"), an
    announcement ("Veamos:"), the name of the reader answered ("@Luiz Alexandre") or a link."""
    text = text.strip()
    return (
        is_sentence(text)
        or text.endswith((":", ","))
        or text.startswith("@")
        or bool(URL_ONLY_RE.fullmatch(text))
    )


def _vouched(texts: list[str], run: list[int]) -> bool:
    """Signed posts told apart as readers' without a name signing twice: a commenter's site
    before the name ("http://www.bobjim.com Ryan Campbell"), a thread's heading a few lines
    above the first name (past "« Previous Post"), or a post answering another signer by name
    ("@Hold Studio- Thanks so much"). The comment form under an article's last subheaded
    section vouches for nothing."""
    book = phrase_book()
    above = texts[max(0, run[0] - SIGNED_HEADING_WITHIN) : run[0]]
    signers = "|".join(re.escape(" ".join(URL_PREFIX_RE.sub("", texts[i]).split())) for i in run)
    answered_re = re.compile(rf"@(?:{signers})(?!\w)", re.IGNORECASE)
    answered = any(
        answered_re.match(text) for text in texts[run[0] : run[-1] + SIGNED_LONG_POST_MAX_LINES]
    )
    return (
        answered
        or any(URL_PREFIX_RE.match(texts[i]) for i in run)
        or any(book.opens_comments(text) or links_next_post(text) for text in above)
    )


def links_next_post(text: str) -> bool:
    """ "← Arrangements from the Garden", "Knitted Blanket Update →": a link to the previous or
    next post, with no mark at its other end. A headline quoting someone in French ("… « à la
    pointe d'un fusil »") holds both guillemets."""
    opening, closing = ("←", "«", "‹"), ("→", "»", "›")
    if text.startswith(opening):
        return not any(mark in text for mark in closing)
    if text.endswith(closing):
        return not any(mark in text for mark in opening)
    return False


def _is_name_line(text: str) -> bool:
    """A commenter's name on a line of its own, maybe after their site's address and before
    their handle ("http://twitter.com/emptyhead Le Coffin (@emptyhead)")."""
    if text.endswith(NOT_NAME_ENDINGS):
        return False  # most of a page's lines: cutting a handle off ")" leaves none of these
    if text.startswith(("http://", "https://")):
        text = URL_PREFIX_RE.sub("", text)
    name = HANDLE_SUFFIX_RE.sub("", text) if text.endswith(")") else text
    return (
        not name.endswith(NOT_NAME_ENDINGS)
        and not any(map(name.__contains__, CODE_MARKS))
        and 1 <= count_words(name) <= NAME_WORDS
        and any(char.isalpha() for char in name)
        and not name.startswith("@")  # the reader answered, under the name of who answers
        and not phrase_book().is_boilerplate(name)
        and not is_post_header(name, None)
    )


def _dated_conversations(texts: list[str], language: str | None) -> list[Conversation]:
    cue = cues()
    groups = _header_groups(
        texts,
        [
            i
            for i, text in enumerate(texts)
            if is_post_header(text, language) and not (i and cue.is_join_label(texts[i - 1]))
        ],
    )
    found: list[Conversation] = []
    for run in (part for whole in _runs(texts, groups) for part in _by_template(texts, whole)):
        if len(run) < MIN_POSTS:
            continue
        announced = _announced(texts, run)
        numbered = numbered_share(texts, run) >= NAMED_SHARE
        if (
            (
                _talking_share(texts, _usual_template(texts, run), language) >= MIN_SENTENCE_SHARE
                or _said_share(texts, run) >= MIN_SENTENCE_SHARE
            )
            and _one_template(texts, run)
            and (
                _voiced(texts, _usual_template(texts, run), language)
                or _named(texts, run)
                or numbered
                or announced
            )
            and not _under_story_list(texts, run)
            # Teasers carry no post numbers ("No.36234112" over a board's unpunctuated remarks).
            and (announced or numbered or not _headlined(texts, run, language))
        ):
            found.append(_bounds(texts, run, found[-1].end if found else 0, announced))
    return _continued(texts, found)


def _continued(texts: list[str], found: list[Conversation]) -> list[Conversation]:
    """A post longer than MAX_POST_LINES (a pasted log, a long reply) splits one thread into two
    runs of headers: the second continues the first when its headers share their template and
    no comment form or story list stands between them. A run right under another (a heading
    between them: trackbacks, then "덧글" and the comments) continues it whatever its template."""
    book = phrase_book()
    joined: list[Conversation] = []
    for conversation in found:
        if joined and (
            _template(texts, joined[-1]) == _template(texts, conversation)
            or conversation.start - joined[-1].end <= ADJOINING_LINES
        ):
            between = texts[joined[-1].end : conversation.start]
            if not any(book.opens_comment_form(t) or book.opens_link_list(t) for t in between):
                last = joined.pop()
                conversation = Conversation(
                    last.start, conversation.end, last.posts + conversation.posts, last.announced
                )
        joined.append(conversation)
    return joined


def _template(texts: list[str], conversation: Conversation) -> str:
    shapes = Counter(
        header_shape(texts[p]) for p in conversation.posts if is_post_header(texts[p], None)
    )
    return shapes.most_common(1)[0][0] if shapes else ""


def _usual_template(texts: list[str], run: list[int]) -> list[int]:
    """The headers of the run's most common template: where a post carries two (the poster's
    join date, then the post's time), sentences stand between posts, not between its headers."""
    shapes = [header_shape(texts[p]) for p in run]
    usual = Counter(shapes).most_common(1)[0][0]
    kept = [p for p, shape in zip(run, shapes, strict=True) if shape == usual]
    return kept if len(kept) >= MIN_POSTS else run


def _by_template(texts: list[str], run: list[int]) -> list[list[int]]:
    """The run trimmed to its usual template; the headers after it, of another template, are a
    run of their own when there are enough of them (a blog's trackbacks, then its comments)."""
    kept = _trim_to_template(texts, run)
    rest = run[run.index(kept[-1]) + 1 :]
    return [kept, *(_by_template(texts, rest) if len(rest) >= MIN_POSTS else [])]


def _trim_to_template(texts: list[str], run: list[int]) -> list[int]:
    """Without the headers at either end that do not share the run's usual shape: a dateline
    above the article ("21.05.2019") is not the first post of the thread under it."""
    shapes = [header_shape(texts[p]) for p in run]
    usual = Counter(shapes).most_common(1)[0][0]
    first = next(i for i, shape in enumerate(shapes) if shape == usual)
    last = max(i for i, shape in enumerate(shapes) if shape == usual)
    return run[first : last + 1]


def names_the_post(texts: list[str], i: int) -> bool:
    """A thread's heading that quotes the post's title, a line above it ("1 comentário em “Olá,
    mundo!”", "6 thoughts on “Sockets…”"); a share bar's comment count quotes none."""
    if not phrase_book().opens_comments(texts[i]):
        return False
    quoted = QUOTED_RE.search(texts[i])
    if quoted is None:
        return False
    title = quoted[1].casefold()
    return any(text.casefold() == title for text in texts[:i])


def _runs(texts: list[str], groups: list[int]) -> list[list[int]]:
    """Headers in runs: a gap over MAX_POST_LINES ends a run, and so does a story list's heading
    ("Recent Articles" over dated teasers right under the thread), a thread's naming the post
    ("6 thoughts on “…”" under them) or a pager ("« Older topics · The bar · Newer topics »"
    above the footer's "Today is 14/09/2016 - 08:02"); a first gap far over the run's
    usual one leaves its first header out (a dateline above the article, the thread under it).
    Gaps inside a thread vary with the comments' lengths: only the first one is judged."""
    book = phrase_book()
    runs: list[list[int]] = []
    for first in groups:
        if (
            runs
            and first - runs[-1][-1] <= MAX_POST_LINES
            and not any(
                book.opens_link_list(texts[k]) or names_the_post(texts, k) or is_pager(texts[k])
                for k in range(runs[-1][-1] + 1, first)
            )
        ):
            runs[-1].append(first)
        else:
            runs.append([first])
    return [_without_lead(texts, run) for run in runs]


def is_pager(text: str) -> bool:
    """Links to the previous and next topic or post, wrapped in arrows and split by a bar or a
    dot ("« Previous Thread | Next Thread »"); a quotation in guillemets has no such bars."""
    return (
        text.startswith(NAVIGATION_OPENS)
        and text.endswith(NAVIGATION_CLOSES)
        and any(bar in text for bar in PAGER_BARS)
    )


def _without_lead(texts: list[str], run: list[int]) -> list[int]:
    """The run from after its last unusual gap among the first few: the page's dateline and the
    article's byline stand above the article, the thread's posts below it. A header right under
    a thread's heading is no lead, however long its post ("via raymii 1 year ago" over "| 5
    comments" over a long first comment): the run keeps it and what follows."""
    for k in range(min(LEAD_HEADERS, len(run) - 3), -1, -1):
        rest = run[k + 1 :]
        usual = median(b - a for a, b in pairwise(rest))
        if run[k + 1] - run[k] > max(UNUSUAL_GAP_FACTOR * usual, UNUSUAL_GAP_MIN_LINES):
            announced = next((j for j in range(k + 1) if _announced(texts, [run[j]])), None)
            if announced is not None:
                return run[announced:]
            if not _posts_alike(texts, run[: k + 1], rest):
                return rest
    return run


def _posts_alike(texts: list[str], lead: list[int], rest: list[int]) -> bool:
    """Two headers or more above the gap with the thread's own template ("2018-01-10 08:18
    UTC"): the opening post and a long first reply, not a dateline and a byline."""
    shapes = {header_shape(texts[p]) for p in lead}
    usual = Counter(header_shape(texts[p]) for p in rest).most_common(1)[0][0]
    return len(lead) > 1 and usual != "" and shapes == {usual}  # "" is no time stamp's


@lru_cache(maxsize=1 << 16)  # asked of each header by several tests of one run
def header_shape(text: str) -> str:
    """The skeleton of a header's time stamp: its numbers read as 0 and the marks between them
    ("0-0-0,0:0" for "06-15-2016, 05:21 PM"). Names and month names change from post to post,
    and so do words with digits in them ("Urwrongx1000"); the template's skeleton does not."""
    if cues().has_relative_time(text):
        return "ago"  # "about an hour ago", "about 11 minutes ago", "1 week ago": one template
    numbers = " ".join(token for token in text.split() if not LETTERS_RE.search(token))
    return DIGITS_RE.sub("0", SKELETON_DROP_RE.sub("", numbers)).strip(":/.-,")


def _one_template(texts: list[str], posts: list[int]) -> bool:
    """Posts of one thread share a header template; a menu's "Today" beside an article's
    dateline and a teaser's date do not."""
    shapes = Counter(header_shape(texts[p]) for p in posts)
    return shapes.most_common(1)[0][1] >= ONE_TEMPLATE_SHARE * len(posts)


def _announced(texts: list[str], posts: list[int]) -> bool:
    """A thread heading ("10 thoughts on …") stands right above the first post."""
    book = phrase_book()
    first = posts[0] - 1  # the name line above the header, if there is one
    return any(book.opens_comments(texts[i]) for i in range(max(0, first - 2), posts[0]))


def _headlined(texts: list[str], posts: list[int], language: str | None) -> bool:
    """Teasers: a headline (a longer line that does not end like a sentence) stands next to most
    dates. A comment's neighbours are a name (short) and what the reader wrote."""

    def headline(i: int) -> bool:
        if (
            not 0 <= i < len(texts)
            or is_post_header(texts[i], language)
            or cues().is_join_date(texts[i])
        ):
            return False
        text = texts[i].rstrip()
        words = count_words(text)
        return (
            HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS
            and not text.endswith(SENTENCE_ENDINGS)
            and text.count("|") < TOOL_BAR_BARS  # "share | improve this answer | follow |"
            and not phrase_book().is_boilerplate(text)  # "Report this post to a moderator"
        )

    def subject(i: int) -> str:
        return replied_subject(texts[i]) or texts[i].strip().casefold()

    beside = [[i for i in (p - 1, p + 1) if headline(i)] for p in posts]
    # One subject over every post ("Alternative zu Corti-Puls bei SPMS", "Re: …") is a forum
    # topic's, not a headline: teasers each have their own.
    counts = Counter(subject(i) for found in beside for i in found)
    repeated = {text for text, n in counts.items() if n >= HEADLINED_SHARE * len(posts)}
    headlined = sum(any(subject(i) not in repeated for i in found) for found in beside)
    return headlined >= HEADLINED_SHARE * len(posts)


def replied_subject(line: str) -> str | None:
    """The subject a forum reply's subject line answers ("Re: Compartir experiencias" ->
    "compartir experiencias", casefolded), or None when the line is no reply's subject."""
    match = _reply_subject_re().match(line.strip().casefold())
    return match[1].strip() if match else None


@cache
def _reply_subject_re() -> re.Pattern[str]:
    """ "Re: <subject>" in every language of the lexicon; group 1 is the subject."""
    prefixes = "|".join(re.escape(p) for p in merged("segmentation", "reply_prefix"))
    return re.compile(rf"(?:{prefixes})\s*(?:\[\d+\])?\s*[:：]\s*(.+)")


def _under_story_list(texts: list[str], posts: list[int]) -> bool:
    """Dated teasers under "Popular stories" or "Related" are a list of stories, not a thread;
    posts under "9 Comments" below such a heading are the thread."""
    book = phrase_book()
    for i in range(posts[0] - 1, max(0, posts[0] - STORY_LIST_WITHIN) - 1, -1):
        if book.opens_comments(texts[i]):
            return False
        if book.opens_link_list(texts[i]):
            return True
    return False


def _header_groups(texts: list[str], headers: list[int]) -> list[int]:
    """The first line of each group of headers: headers standing within SAME_POST_LINES of
    each other, or two lines apart with a bare name between them (GitHub's "X commented on
    May 26" / "X" / "on May 26 · edited")."""
    groups: list[int] = []
    previous = -SAME_POST_LINES - 1
    for i in headers:
        gap = i - previous
        between = texts[i - 1]
        named_between = (
            previous >= 0
            and gap == SAME_POST_LINES + 1
            and count_words(between) <= NAME_WORDS
            and not is_sentence(between)
        )
        if gap > SAME_POST_LINES and not named_between:
            groups.append(i)
        previous = i
    return groups


def _voiced(texts: list[str], posts: list[int], language: str | None) -> bool:
    """Some posts speak as a reader does (in a language whose words of conversation we know)."""
    cue = cues()
    if language is None or not cue.knows_voice(language):
        return True
    last = posts[-1] + int(median(b - a for a, b in pairwise(posts)))
    gaps = list(zip(posts, [*posts[1:], min(len(texts), last)], strict=True))

    def speaks(text: str) -> bool:
        text = text.rstrip()
        return (
            cue.speaks(text, language)
            or text.endswith(QUESTION_MARKS)
            or text.startswith(EXCERPT_MARKS)
        )

    voiced = sum(any(speaks(texts[i]) for i in range(a, b)) for a, b in gaps)
    return voiced >= VOICED_MIN_SHARE * len(gaps)


def _named(texts: list[str], posts: list[int]) -> bool:
    """Many different short names sign the posts: in the header itself ("Anna · 12:31"), or on
    the line above or below it. Teasers repeat an outlet's or a few authors' names."""

    def name(i: int) -> str | None:
        if not 0 <= i < len(texts):
            return None
        candidate = " ".join(LETTERS_RUN_RE.findall(texts[i])).casefold()
        return candidate if 1 <= count_words(candidate) <= NAME_WORDS else None

    needed = max(NAMED_MIN_POSTS, NAMED_SHARE * len(posts))
    for offset in (0, -1, 1):
        names = {name(p + offset) for p in posts} - {None}
        if len(names) >= needed:
            return True
    return False


def numbered_share(texts: Sequence[str], posts: Sequence[int], within: int = 0) -> float:
    """The share of posts that carry their number ("#1326", "No.36234112") on their header line or
    the `within` lines below it: forums and imageboards number most posts, where a blog post's
    "#100DaysOfCode" or "issue #42" is one mention."""
    numbered = sum(
        any(POST_NUMBER_RE.search(text) for text in texts[p : p + within + 1]) for p in posts
    )
    return numbered / max(1, len(posts))


def _said_share(texts: list[str], posts: list[int]) -> float:
    """The share of posts opened by a reader's "X says:" and their time ("Bofeng说道：" over
    "2014年09月28日 10:38"): such a thread talks even where its comments are too short to end
    like sentences ("赞同"). A tool bar's "收藏 • 没有帮助 •" has no time."""

    def said(p: int) -> bool:
        return cues().is_comment_header(texts[p]) and any(
            TIME_OF_DAY_RE.search(text) for text in texts[p : p + 2]
        )

    return sum(said(p) for p in posts) / len(posts)


def _talking_share(texts: list[str], posts: list[int], language: str | None) -> float:
    """The share of posts that talk: someone's sentences, or a line of text under its header
    and then its Reply button (short comments in scripts without spaces, "马克", "占", end
    like no sentence; a teaser has no Reply button)."""
    gaps = list(zip(posts, [*posts[1:], min(len(texts), posts[-1] + MAX_POST_LINES)], strict=True))
    return sum(_talks(texts, a, b, language) for a, b in gaps) / len(gaps)


def _talks(texts: list[str], header: int, end: int, language: str | None) -> bool:
    book = phrase_book()
    said = False
    for i in range(header + 1, end):
        if is_sentence(texts[i]):
            return True
        if book.is_comment_action(texts[i]):
            if said:
                return True
        elif not is_post_header(texts[i], language):
            said = True
    return False


def _with_names(
    texts: list[str], posts: list[int], start: int, apart: frozenset[int] = frozenset()
) -> list[int]:
    """Each post's first line: its header, or the name line right above the header where most
    posts have one ("Gisela W." over "14. März 2023 um 10:12 Uhr"), but not above the headers
    in `apart`."""
    book = phrase_book()
    named = [
        p
        for p in posts
        if p - 1 >= start
        and p not in apart
        and count_words(texts[p - 1]) <= NAME_MAX_WORDS
        and not is_sentence(texts[p - 1])
        and not book.is_boilerplate(texts[p - 1])
        and not book.is_comment_action(texts[p - 1])
        and not book.opens_comments(texts[p - 1])  # "Ein Kommentar", the thread's heading
        and not is_post_header(texts[p - 1], None)  # the time closing the post above
    ]
    if len(named) >= NAME_ABOVE_SHARE * len(set(posts) - apart):
        return [p - 1 if p in named else p for p in posts]
    return posts


def post_starts(
    texts: list[str], language: str | None, apart: frozenset[int] = frozenset()
) -> list[int] | None:
    """Where each comment of a thread's lines starts, from its headers; None when fewer than two
    headers say so (bare comments: the caller splits them otherwise). `apart`: the lines with a
    comment's button of another role ("Reply") between them and the line above.

    Headers of the thread's first template open posts: a post may carry a second one under its
    text ("1 On March 24th, 2007, X said:" … "posted on March 24th, 2007 at 6:15 pm"). Where the
    thread starts with text and ends with a header, headers close posts instead (Movable Type's
    "Posted by X at March 18, 2008 11:31 AM" under each comment)."""
    headers = [i for i, text in enumerate(texts) if is_post_header(text, language)]
    firsts = sorted({*_header_groups(texts, headers), *_one_line_posts(texts, headers)})
    # Where "X said:" headers open posts, the other headers are the times that close them,
    # unless they share the said ones' template ("4 On March 30th, 2007, A Long Blog Name »
    # Site said:" is too long to say).
    said = [i for i in headers if cues().is_comment_header(texts[i])]
    said_shapes = {header_shape(texts[i]) for i in said} - {""} if len(said) >= 2 else set()
    # Two headers may share one opener (a name over both): one post.
    groups = sorted({_opener_of(texts, i, headers, said_shapes) for i in firsts})
    if len(said) >= 2:
        groups = [g for g in groups if _says(texts[g], said_shapes)]
    if len(groups) < 2:
        return None
    # No name stands above a header where a button stands between them ("give gold" over "reply"
    # over the next header ends the post above), nor where the line above has no letters ("…").
    apart = apart | {g for g in groups if g > 0 and not LETTERS_RE.search(texts[g - 1])}
    starts = _with_names(texts, groups, 0, apart)
    # Headers close the posts where text stands above the first one and no name stands above
    # them (a name over each header opens its post, as "Markus_H" over "vor 3 Jahren"), or
    # where they sign the post above ("Posted by: X at March 18, 2008 11:31 AM").
    signatures = sum(bool(vocabulary().byline_re.match(texts[g])) for g in groups)
    closing = starts == groups or 2 * signatures >= len(groups)
    if closing and starts[0] > 0 and groups[-1] >= len(texts) - CLOSING_HEADER_WITHIN:
        return [0, *(g + 1 for g in groups[:-1])]
    shapes = [header_shape(texts[g]) for g in groups]
    if _alternating(shapes):
        return [start for start, shape in zip(starts, shapes, strict=True) if shape == shapes[0]]
    return starts


def _one_line_posts(texts: list[str], headers: list[int]) -> list[int]:
    """Headers of the thread's usual template in runs of at least three lines: posts of one
    line each, header and text together ("推 a1122334424: 正常能量釋放 01/21 21:18"). A pasted
    log's time-stamped lines have a template of their own; two headers in a row ("11 △ ▽ •
    Reply" over "northern_lights • 3 years ago") are one post's end and the next one's start."""
    shapes = {i: header_shape(texts[i]) for i in headers}
    usual = Counter(shapes.values()).most_common(1)[0][0] if shapes else ""

    def usual_at(i: int) -> bool:
        return shapes.get(i) == usual

    return [
        i
        for i in headers
        if usual and usual_at(i) and usual_at(i - 1) and (usual_at(i - 2) or usual_at(i + 1))
    ]


def _opener_of(texts: list[str], first: int, headers: list[int], said_shapes: set[str]) -> int:
    """Where the post of a group of headers starts: at its "X said…" when the group has one
    (Blogger closes each comment with its time, right above the next "Kathy said…")."""
    group = [first]
    for i in headers[headers.index(first) + 1 :]:
        if i - group[-1] > SAME_POST_LINES:
            break
        group.append(i)
    return next((i for i in group if _says(texts[i], said_shapes)), first)


def _says(text: str, said_shapes: set[str]) -> bool:
    return cues().is_comment_header(text) or header_shape(text) in said_shapes


def _bylined_article(texts: list[str], posts: list[int]) -> bool:
    """The run's last header is the article's byline ("By Alan Bennett on May 8, 2014") under a
    magazine's dated teasers: it names an author as no other header does, and the sentences
    under it outweigh all the posts above it together."""
    last = posts[-1]
    if not authors_in(texts[last]) or any(authors_in(texts[p]) for p in posts[:-1]):
        return False

    def said(begin: int, end: int) -> int:
        return sum(count_words(text) for text in texts[begin:end] if is_sentence(text))

    return said(last + 1, last + 1 + MAX_POST_LINES) > said(posts[0], last)


def _alternating(shapes: list[str]) -> bool:
    """Two header templates taking turns: one opens each post, the other closes it."""
    if len(set(shapes)) != 2 or len(shapes) < 4:
        return False
    turns = sum(a != b for a, b in pairwise(shapes))
    return turns >= ALTERNATING_SHARE * (len(shapes) - 1)


def _bounds(texts: list[str], posts: list[int], start: int, announced: bool) -> Conversation:
    if len(posts) > MIN_POSTS and _bylined_article(texts, posts):
        posts = posts[:-1]
    posts = _with_names(texts, posts, start)
    length = int(median(b - a for a, b in pairwise(posts)))
    end = min(len(texts), posts[-1] + max(length, 2))
    book = phrase_book()
    # A post count on the poster's card ("Messages" / "6") above the last post's text is no cut.
    cut = next(
        (
            i
            for i in range(posts[-1] + 1, end)
            if _furniture(texts[i], buttons=True)
            and not (texts[i].strip().isdigit() and not _said_between(texts, posts[-1] + 1, i))
        ),
        None,
    )
    if cut is not None:
        return Conversation(posts[0], cut, tuple(posts), announced)
    # The last post runs on as long as someone is still writing sentences (it may be longer
    # than the thread's usual post), and over a time stamp of the thread's template closing it.
    shapes = {
        header_shape(texts[i])
        for i in range(posts[0], posts[-1] + 1)
        if is_post_header(texts[i], None)
    }
    while (
        end < len(texts)
        and end - posts[-1] < MAX_POST_LINES
        and (
            is_sentence(texts[end])
            or (is_post_header(texts[end], None) and header_shape(texts[end]) in shapes)
            # a quote's attribution ("ilgooz:"), a sentence ending in a link or the post's
            # subject, with the writer's sentences going on right under it
            or (
                (
                    texts[end].rstrip().endswith(":")
                    or "http" in texts[end]
                    or replied_subject(texts[end]) is not None  # FluxBB's "Re: subject"
                )
                and _said_between(texts, end + 1, min(len(texts), end + 1 + LAST_POST_GAP_LINES))
            )
        )
        and not _furniture(texts[end], buttons=True)
    ):
        end += 1
    # A signature under the last post's sentences ("Thanks" / "James") ends at its Reply button.
    button = next(
        (
            i
            for i in range(end, min(len(texts), end + SIGNATURE_LINES + 1))
            if book.is_comment_action(texts[i])
        ),
        None,
    )
    if button is not None and all(count_words(texts[i]) <= NAME_WORDS for i in range(end, button)):
        end = button
    return Conversation(posts[0], end, tuple(posts), announced)
