"""HTML read as a DOM (pipeline/stages/html.py): what is text, what each line's markup says, and
what the page declares about itself. One small page per rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.settings import Settings
from pipeline.stages.html import parse_html
from pipeline.stages.process import build_document
from tests.devtools import evaluate

PARAGRAPH = (
    "The foreign ministers met for three hours behind closed doors, and neither side would say "
    "afterwards whether the sanctions, the arms talks or the consulates had taken most of the time."
)
SECOND = (
    "Diplomats on both sides described the atmosphere as businesslike, a word that in this "
    "relationship has come to mean that nobody walked out and nothing was agreed."
)


def _roles(markup: str) -> dict[str, str]:
    document = build_document("page.html", markup.encode(), Settings())
    return {block.text: block.role for block in document.blocks}


def test_hidden_elements_scripts_buttons_and_options_are_not_text() -> None:
    page = parse_html(
        "<html><head><title>t</title><script>var x = 1;</script></head><body>"
        "<p>Seen</p><p hidden>Hidden attribute</p><div style='display: none'>Display none</div>"
        "<span aria-hidden='true'>Aria hidden</span><button>Click me</button>"
        "<select><option>Option text</option></select><template><p>Template</p></template>"
        "<input type='checkbox' value='yes'></body></html>"
    )
    assert page.text == "Seen\n"


def test_block_elements_are_lines_and_a_page_without_closing_head_is_read() -> None:
    page = parse_html(f"<html><head><title>t</title><body><h1>Talks</h1><p>{PARAGRAPH}</p>")
    assert page.text == f"Talks\n\n{PARAGRAPH}\n"
    assert page.evidence[0] is not None and page.evidence[0].heading == 1


def test_each_line_carries_its_zone_and_link_share() -> None:
    page = parse_html(
        "<body><nav><a href='/'>Home</a></nav><article><p>"
        + PARAGRAPH
        + "</p></article><aside><a href='/x'>Related story</a></aside></body>"
    )
    zones = [
        (line, proof.zone, proof.link_share)
        for line, proof in zip(page.text.split("\n"), page.evidence, strict=True)
        if proof
    ]
    assert zones == [
        ("Home", "boilerplate", 1.0),
        (PARAGRAPH, "article", 0.0),
        ("Related story", "boilerplate", 1.0),
    ]


def test_a_comment_box_with_a_notice_only_has_no_comments() -> None:
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        "<div id='comments'><h3>Comments (0)</h3><p>No comments have so far been submitted. Why "
        "not be the first to send us your thoughts on this story?</p></div></body>"
    )
    assert "comment" not in roles.values()


def test_a_list_of_links_inside_the_comment_box_is_furniture() -> None:
    links = "".join(
        f"<li><a href='/{n}'>Popular story number {n} of the week</a></li>" for n in range(5)
    )
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        f"<div class='comments-area'><h3>Most Popular This Week</h3><ul>{links}</ul></div></body>"
    )
    assert "comment" not in roles.values()
    assert roles[PARAGRAPH] == "body"


def test_declared_metadata_wins_json_ld_then_open_graph() -> None:
    markup = (
        "<html lang='de'><head><meta property='og:site_name' content='Abendblatt'>"
        "<meta property='og:title' content='Talks stall | Abendblatt'>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Talks stall",'
        ' "datePublished": "2019-05-21T10:00:00+02:00", "author": [{"name": "Anna Petrova"}],'
        ' "publisher": {"name": "Hamburger Abendblatt"}}</script></head>'
        f"<body><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></body></html>"
    )
    document = build_document("page.html", markup.encode(), Settings())
    assert document.title == "Talks stall"
    assert document.authors == ("Anna Petrova",)
    assert document.published == date(2019, 5, 21)
    assert document.outlet == "Hamburger Abendblatt"


def test_the_pages_h1_above_the_text_is_its_headline() -> None:
    roles = _roles(
        "<body><div class='menu'><a href='/'>Home</a></div><div class='content'>"
        "<p class='kicker'>Geneva, the second round of talks</p><h1>Talks stall</h1>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p></div></body>"
    )
    assert roles["Talks stall"] == "title"


def test_a_comments_text_inside_a_form_is_the_comment_and_the_reply_form_is_not() -> None:
    """Reddit wraps each comment's text in <form class="usertext">; WordPress's reply form says
    what it is in its class."""
    said = [
        "I had the pleasure of meeting him today and he is even better in person, honestly.",
        "You built that cafe yourself? That is the best thing I have seen on here all week.",
        "My dog learned to walk on a lead at ten years old, so there is hope for all of us.",
    ]
    comments = "".join(
        f"<div class='thing comment'><p class='tagline'>user{n} {n + 2} hours ago</p>"
        f"<form class='usertext'><div class='md'><p>{text}</p></div></form></div>"
        for n, text in enumerate(said)
    )
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        f"<div class='commentarea'>{comments}<div id='respond' class='comment-respond'>"
        "<form><p>Leave a Reply to this story now</p><textarea></textarea></form></div></div></body>"
    )
    assert [roles[text] for text in said] == ["comment"] * 3
    assert roles["Leave a Reply to this story now"] == "boilerplate"
    assert roles[PARAGRAPH] == "body"


def test_a_link_to_the_comments_heads_no_thread() -> None:
    """A comment box holding only "36 comments. Share your thoughts »", a link to where the
    thread loads by script, is no thread's heading: the teasers under it are not comments."""
    teasers = "".join(
        f"<div><a href='/{n}'>Story {n}: what the year meant for gene therapy</a><p>From "
        f"modified foods to gene therapy, it was a big year number {n} for biology.</p>"
        "<a href='/more'>Continue</a></div>"
        for n in range(4)
    )
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p>"
        "<div id='comments'><a href='#c'>36 comments. Share your thoughts »</a></div>"
        "<p>Reprints and Permissions | Send feedback to the editor</p></article>"
        f"<p>You may have missed</p>{teasers}<div class='comments-footer'><a href='#c'>Show "
        "comments »</a><a href='/lf'>Conversation powered by Livefyre</a></div></body>"
    )
    assert "comment" not in roles.values()


def test_a_disqus_conversation_is_a_thread() -> None:
    """Disqus's embed names its thread "conversation" and each comment a "post"."""
    said = [
        "In my opinion that is not true: these processors ship in only some of the phones.",
        "You are right, and I would add that the software support is what matters most here.",
        "I bought one last month and I have had no trouble with updates so far, to be honest.",
    ]
    posts = "".join(
        f"<li class='post'><span class='author'>user{n}</span><p>{text}</p></li>"
        for n, text in enumerate(said)
    )
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        f"<section id='conversation'><ul class='post-list'>{posts}</ul></section></body>"
    )
    assert [roles[text] for text in said] == ["comment"] * 3


def test_a_comment_box_with_one_unsigned_item_or_only_a_form_has_no_comments() -> None:
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        "<div class='comments'><h3>0 Responses to “Talks stall”</h3><ol class='commentlist'>"
        "<li>Leave a Comment</li><li><a href='/track'>Track My Comments</a></li></ol></div>"
        "<div class='kommentar-box'><h4>Schreiben Sie uns!</h4><ul><li><p>Wenn Sie inhaltliche "
        "Anmerkungen zu diesem Artikel haben, können Sie die Redaktion per E-Mail informieren."
        "</p></li></ul></div></body>"
    )
    assert "comment" not in roles.values()
    assert roles[PARAGRAPH] == "body"


def test_the_forms_own_sentences_in_an_empty_comment_box_are_no_comments() -> None:
    """A real Serendipity page (dev page gs05) with no comments: its comment section holds
    "Noch keine Kommentare", then the form, whose help sentences and "Daten merken?" stand in
    cells named for comments: the site's words, not readers'."""
    page = (
        Path(__file__).parent / "devset/real/html/gs05_de_serendipity_blogaddict_schneesturm.html"
    )
    document = build_document(page.name, page.read_bytes(), Settings())
    assert [block.text for block in document.blocks if block.role == "comment"] == []


def test_a_topics_opening_post_boxed_as_a_comment_is_the_article_on_its_first_page() -> None:
    """vBulletin 5 boxes every post of a topic, the first included, in a "comment" element;
    under "Page 1 of 1" the first post opens the topic: the article, not a reader's comment."""
    opening = "There needs to be some way to get rid of these five coins in the inventory."
    replies = [
        "We hear you, and in a future update we will add a way to sell them back.",
        "Thanks for acknowledging this, it has bugged me for quite some time now.",
        "Same here, my bags are full of them and the merchant will not take any.",
    ]
    posts = "".join(
        f"<li class='b-post js-comment'><div class='author'>{name}</div><div>Join Date: "
        f"Oct 2016</div><time>12-1{n}-2016, 10:59 PM</time><div class='post-content'>{text}"
        "</div></li>"
        for n, (name, text) in enumerate(
            zip(
                ["JohnnyValdezi", "cowbunny", "JohnnyValdezi", "moler"],
                [opening, *replies],
                strict=True,
            )
        )
    )
    roles = _roles(
        "<body><nav>Forum Timecrest Discussion</nav><h1>Something annoying</h1>"
        f"<div>Page 1 of 1</div><ul class='conversation-list'>{posts}</ul></body>"
    )
    assert roles[opening] == "body"
    assert [roles[text] for text in replies] == ["comment"] * 3


def test_a_recent_comments_widget_is_furniture_not_a_thread() -> None:
    """WordPress's "Recent Comments" widget lists "name on post" items: in an <aside> or a
    widget's own class, comment words name furniture."""
    recent = [
        "Maria Alvarez on Why the summit failed before it started",
        "Tom on Sanctions: the view from the exporters",
        "Ivan Petrov on What the consulates were for",
    ]
    items = "".join(f"<li class='recentcomments'>{text}</li>" for text in recent)
    for box in (
        f"<aside><div class='comments'><ul>{items}</ul></div></aside>",
        f"<div class='widget_recent_comments'><ul>{items}</ul></div>",
    ):
        roles = _roles(
            f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
            f"{box}</body>"
        )
        assert "comment" not in roles.values(), box
        assert roles[PARAGRAPH] == "body"


def test_a_posts_tags_and_categories_in_its_class_say_nothing_about_it() -> None:
    """WordPress lists the post's tags in its class: "tag-social-media" is a topic."""
    about = "This blog has covered diplomacy and trade between the two countries since 2009."
    roles = _roles(
        "<body><article class='post tag-social-media category-advertising'>"
        f"<h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        f"<div class='about'><p>{about}</p></div></body>"
    )
    assert roles[PARAGRAPH] == roles[SECOND] == "body"
    assert roles["Talks stall"] == "title"


def test_a_furniture_class_on_the_wrapper_of_the_headline_and_most_text_is_a_layout() -> None:
    """ "article-advert" wraps the whole story on some news sites: an element that holds the
    <h1> and most of the page's text is not furniture, whatever its class says; a long cookie
    notice without the headline still is."""
    cookie = "We use cookies to measure how our pages are read and to show advertising."
    roles = _roles(
        f"<body><div class='article-advert'><h1>Talks stall</h1><p>{PARAGRAPH}</p>"
        f"<p>{SECOND}</p></div><div class='cookie-box'><p>{cookie}</p></div>"
        "<div><p>This blog has covered diplomacy and trade between the two countries since 2009, "
        "written by three former correspondents who still travel to both capitals.</p></div>"
        "</body>"
    )
    assert roles[PARAGRAPH] == roles[SECOND] == "body"
    assert roles[cookie] == "boilerplate"


THREAD = (
    "<ol class='commentlist'>"
    "<li><span class='author'>Mira</span><p>I think the talks were doomed from the start, to be "
    "honest, and everyone in the room knew it.</p></li>"
    "<li><span class='author'>Olek</span><p>You are too pessimistic: nobody walked out, and that "
    "counts for something these days.</p></li></ol>"
)


def test_prose_below_the_thread_outside_it_is_not_the_article() -> None:
    """A sidebar of testimonials after the comments joined the article once the thread's lines
    were taken out from between them."""
    praise = (
        "“Working with this team changed how our company thinks about software, and I recommend "
        "their courses to every architect I meet at conferences.”"
    )
    roles = _roles(
        f"<body><div><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"
        f"<div class='comments'>{THREAD}</div><div class='praise'><p>{praise}</p></div></body>"
    )
    assert roles[PARAGRAPH] == "body"
    assert roles[praise] == "boilerplate"


def test_a_headings_id_is_its_anchor_not_its_zone() -> None:
    """French "Comment …" ("how …") headings get ids like "comment-on-garde-le-lien"."""
    heading = "Comment on garde le lien"
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p>"
        f"<h3 id='comment-on-garde-le-lien'>{heading}</h3><p>{SECOND}</p></article>"
        f"<div class='comments'>{THREAD}</div></body>"
    )
    assert roles[heading] != "comment"
    assert roles[SECOND] == "body"


def test_a_list_of_commenters_and_headlines_is_no_thread() -> None:
    """ "Latest comments" boxes name who commented on which story: names and headlines, no
    sentence, so no comments."""
    latest = "".join(
        f"<li class='recent-comments'><p>{name}</p><p><a href='/s'>{title}</a></p></li>"
        for name, title in [
            ("Tomasz Zakaszewski", "Olé Directo #74: Bij lidera"),
            ("chuck29", "Kolejne objawienie w Villarreal"),
            ("Robson", "Jeden nie wszedł: 7. kolejka La Liga"),
        ]
    )
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        f"<div><ul>{latest}</ul></div></body>"
    )
    assert "comment" not in roles.values()


def test_a_comment_count_in_the_byline_does_not_start_the_thread() -> None:
    """The article above the thread ends where the thread's lines stand together, not at a
    stray "12" in a "comments-total" box under the standfirst."""
    standfirst = (
        "Neither side would say whether the sanctions or the consulates took most of the time, "
        "and both promised to meet again before the summer."
    )
    roles = _roles(
        f"<body><div><h1>Talks stall</h1><p>{standfirst}</p><div class='comments-total'>12</div>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p></div><div class='comments'>{THREAD}</div></body>"
    )
    assert roles[PARAGRAPH] == roles[SECOND] == "body"


def test_a_forum_thread_without_comment_words_in_its_markup_is_found_by_its_shape() -> None:
    """phpBB marks posts "post" and "postbody" (article words) and the poster's card as page
    furniture: the text rules find the thread on the whole page, the cards (with their join
    dates) included."""
    said = [
        "Your input contains null bytes, and the tool needs the /M option whenever they occur.",
        "I tried that again this morning and it works now, thank you for the quick answer.",
        "Glad to hear it works, I will put the example into the documentation this week.",
    ]
    posts = "".join(
        f"<div class='post'><div class='postbody'><p class='author'>#{391 + n} Post by "
        f"{name} » {15 + n} Oct 2018 19:13</p><div class='content'>{text}</div></div>"
        f"<dl class='profile-sidebar'><dt>{name}</dt><dd>Joined: 12 Feb 2011 21:02</dd></dl></div>"
        for n, (name, text) in enumerate(zip(["dbenham", "Michael", "dbenham"], said, strict=True))
    )
    roles = _roles(f"<body><h1>JREPL.BAT regex text processor</h1>{posts}</body>")
    assert [roles[text] for text in said] == ["comment"] * 3


def test_a_quote_in_an_aside_inside_a_forum_post_is_the_posts() -> None:
    """XenForo quotes an earlier post in an <aside> inside the reply: furniture to the markup,
    but where the text rules find the thread on the whole page, the quote is the post's."""
    said = [
        ("Higure", "Okay, I need two rolls for the behaviour check, and both have a DC of sixty."),
        (
            "Crow",
            "Which part of the behaviour do you mean, the talk with her or the fight after it?",
        ),
        (
            "Higure",
            "The talk with her, the fight is settled already and you do not need to roll it.",
        ),
        ("Crow", "Then I roll twice now and we can see which of the two results counts for it."),
    ]
    posts = "".join(
        f"<li class='message'><div class='messageUserInfo'><h3>{name}</h3></div>"
        f"<div class='messageContent'><article><blockquote class='messageText'>"
        + (
            f"<div class='bbCodeQuote'><aside><div class='attribution'>{said[n - 1][0]} said:</div>"
            f"<blockquote>{said[n - 1][1]}</blockquote></aside></div>"
            if n
            else ""
        )
        + f"{text}</blockquote></article></div>"
        f"<div class='messageMeta'>{name}, Oct {20 + n}, 2014 Report #{1326 + n}</div></li>"
        for n, (name, text) in enumerate(said)
    )
    roles = _roles(f"<body><h1>Renascence: A Quest</h1><ol class='messageList'>{posts}</ol></body>")
    assert [roles[text] for _, text in said] == ["comment"] * 4
    assert roles["Higure said:"] == "comment"


def test_a_comment_element_that_lists_the_latest_comments_is_furniture() -> None:
    """cnblogs quotes its latest comments in the sidebar, each part classed on its own
    ("recent_comment_title", "recent_comment_body"): a quotation of comments, not the thread."""
    quoted = "".join(
        f"<div class='recent_comment_title'><a href='#c{n}'>{n}. Re: Talks stall</a></div>"
        f"<li class='recent_comment_body'>{text}</li>"
        f"<div class='recent_comment_author'>--{name}</div>"
        for n, text, name in [
            (1, "That is exactly what the exporters said last year, and nobody listened.", "ivan"),
            (2, "Agreed, the consulates were the real story here and it got no coverage.", "mara"),
        ]
    )
    roles = _roles(
        f"<body><div id='main'><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></div>"
        f"<div id='sideBar'><div id='sidebar_recentcomments'>{quoted}</div></div></body>"
    )
    assert "comment" not in roles.values()
    assert roles[PARAGRAPH] == "body"


def test_a_highlighters_comment_class_inside_code_is_not_a_thread() -> None:
    """highlight.js and Prism mark a shell script's "# …" lines as class "hljs-comment": on a
    page with a thread, the script is still the article's."""
    script = (
        "<pre><code><span class='hljs-comment'># stop the old container first, then start it "
        "again with the new settings and the same volume</span>\ndocker stop grafana</code></pre>"
    )
    thread = "".join(
        f"<li class='comment'><cite class='fn'>{name}</cite> says:<p>{text}</p></li>"
        for name, text in [
            ("Ivan", "That is exactly what the exporters said last year, and nobody listened."),
            ("Mara", "Agreed, the consulates were the real story here and it got no coverage."),
        ]
    )
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p>{script}<p>{SECOND}</p>"
        f"</article><ol class='commentlist'>{thread}</ol></body>"
    )
    assert [role for text, role in roles.items() if "docker stop" in text] == ["body"]
    assert roles["Agreed, the consulates were the real story here and it got no coverage."] == (
        "comment"
    )


def test_the_line_the_page_title_names_nearest_the_text_is_the_headline() -> None:
    """A blog's first <h1> is its own name, the post's title comes next: the <title> names both
    (WordPress). A section's name the <title> also names ("World News") is shorter than the
    headline."""
    blog = _roles(
        "<html><head><title>Soup for the road » Notes from a Junkyard Clubhouse</title></head><body>"
        "<h1 class='site-title'><a href='/'>Notes from a Junkyard Clubhouse</a></h1>"
        "<p><a href='/'>Home</a></p><h1 class='entry-title'>Soup for the road</h1>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p></body></html>"
    )
    assert blog["Soup for the road"] == "title"
    assert blog["Notes from a Junkyard Clubhouse"] == "boilerplate"
    news = _roles(
        "<html><head><title>Talks in Geneva end without a deal | World News - The Daily</title>"
        "</head><body><h1>Talks in Geneva end without a deal</h1><p>World News</p>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p></body></html>"
    )
    assert news["Talks in Geneva end without a deal"] == "title"


def test_the_comment_forms_own_guidelines_are_no_thread() -> None:
    """Global Voices puts its moderation rules in the comment form as a list classed
    "comment-guidelines" or "comment-notes": sentences in comment-named items, inside the form."""
    rules = "".join(
        f"<li>{rule}</li>"
        for rule in [
            "All comments are reviewed by a moderator, so do not submit your comment twice.",
            "Please treat others with respect; hate speech and personal attacks are removed.",
        ]
    )
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        "<form id='commentform'><p><label>Name (required)</label></p>"
        "<p class='subscribe-to-comments'><label>Subscribe to comments via email</label></p>"
        f"<h4>Guidelines</h4><ul class='comment-notes'>{rules}</ul></form></body>"
    )
    assert "comment" not in roles.values()


def test_prose_outside_the_named_box_of_the_articles_text_is_not_the_article() -> None:
    """The theme names the box of the article's text ("entry-content"); the author's other
    posts under it, in a box named nothing, are paragraphs too but not this article's."""
    other = (
        "In my last post I wrote about the consulates, and several of you asked what had become "
        "of the staff who were sent home in the spring."
    )
    roles = _roles(
        "<body><article><h1>Talks stall</h1><div class='entry-content'>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p><p>{PARAGRAPH} Again.</p></div>"
        f"<div class='more-by-author'><h3>The consulates, again</h3><p>{other}</p></div>"
        "</article></body>"
    )
    assert roles[SECOND] == "body"
    assert roles[other] == "boilerplate"


def test_lines_between_paragraphs_of_the_named_box_are_the_article() -> None:
    """A post's list of parts between its paragraphs, inside the box of its text, is the
    article's even where the text rules took the short lines for a menu."""
    parts = ["Intel Core i7-2600 3,40GHz", "Corsair DDR3 Vengeance 16GB KIT", "Samsung SSD 850 PRO"]
    items = "".join(f"<li>{part}</li>" for part in parts)
    roles = _roles(
        "<body><nav><a href='/'>Home</a></nav><article><h1>Talks stall</h1>"
        f"<div class='entry-content'><p>{PARAGRAPH}</p><ul>{items}</ul><ul>{items}</ul>"
        f"<p>{SECOND}</p></div></article></body>"
    )
    assert roles[PARAGRAPH] == roles[SECOND] == "body"
    assert [roles[part] for part in parts] == ["body"] * 3


def test_the_byline_element_names_the_authors_where_nothing_is_declared() -> None:
    """No JSON-LD, no author meta tag, and the byline is no line of its own: the markup's
    byline element (class "byline", rel="author") names the author; a commenter's does not."""
    markup = (
        "<html><body><article><h1>Talks stall</h1>"
        "<div class='byline'><span class='author vcard'><a rel='author' href='/a/hm'>Helen Marsh"
        "</a></span> <span>Follow</span></div>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p></article><ol class='commentlist'>"
        "<li class='comment'><span class='comment-author'>Ivan Petrov</span> says:"
        "<p>That is exactly what the exporters said last year, and nobody listened.</p></li>"
        "</ol></body></html>"
    )
    document = build_document("page.html", markup.encode(), Settings())
    assert document.authors == ("Helen Marsh",)


def test_the_page_title_beside_the_headline_names_the_outlet() -> None:
    """No og:site_name, no publisher: "Headline | Site" in the <title> names the site."""
    markup = (
        "<html><head><title>Talks stall - World - The Daily Courier</title></head><body>"
        f"<h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></body></html>"
    )
    document = build_document("page.html", markup.encode(), Settings())
    assert document.title == "Talks stall"
    assert document.outlet == "The Daily Courier"


def test_the_comment_forms_heading_inside_the_comment_box_is_not_a_comment() -> None:
    thread = "".join(
        f"<li class='comment'><cite class='fn'>{name}</cite> sagt:<p>{text}</p></li>"
        for name, text in [
            ("Ivan", "Genau das haben die Exporteure letztes Jahr auch gesagt, niemand hörte zu."),
            ("Mara", "Die Konsulate waren die eigentliche Geschichte, und keiner hat berichtet."),
        ]
    )
    roles = _roles(
        f"<body><article><h1>Gespräche stocken</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        f"<div id='comments'><ol class='commentlist'>{thread}</ol>"
        "<h3>Hinterlasse einen Kommentar</h3></div></body>"
    )
    assert roles["Hinterlasse einen Kommentar"] == "boilerplate"


def test_the_time_marked_as_published_wins_over_an_earlier_updated_one() -> None:
    markup = (
        "<html><body><article><h1>Talks stall</h1>"
        "<time class='updated' datetime='2019-05-23T09:00'>May 23</time>"
        "<time class='entry-date published' datetime='2019-05-21T10:00'>May 21</time>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p></article></body></html>"
    )
    assert build_document("page.html", markup.encode(), Settings()).published == date(2019, 5, 21)


def test_a_pictures_caption_is_not_the_article() -> None:
    """<figcaption>, and WordPress's "wp-caption-text" under a picture: the picture's, as
    captions on text input are."""
    caption = "Police officers clash with protesters outside the museum in Rio on Tuesday evening."
    for figure in (
        f"<figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure>",
        f"<div class='wp-caption'><img src='a.jpg'><p class='wp-caption-text'>{caption}</p></div>",
    ):
        roles = _roles(
            f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p>{figure}<p>{SECOND}</p>"
            f"<p>{PARAGRAPH} Again.</p></article></body>"
        )
        assert roles[caption] == "boilerplate", figure


def test_an_article_element_inside_a_sidebar_is_a_teaser() -> None:
    """The Hill's "Most popular" sidebar lists other stories, each in an element whose class
    says "article": in an <aside> it is furniture, not the article."""
    teaser = (
        "The Senate rejected a key proposal repealing and replacing the health law on Tuesday "
        "night, as three Republicans voted with the Democrats against it."
    )
    roles = _roles(
        f"<body><article><h1>Talks stall</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        f"<aside><ul><li><div class='article-teaser'><p>{teaser}</p></div></li></ul></aside>"
        "</body>"
    )
    assert roles[teaser] == "boilerplate"
    assert roles[SECOND] == "body"


def test_lists_and_headings_inside_the_article_element_do_not_split_it() -> None:
    """Short lines between two parts of an article read like a menu in text ("Four spaces per
    indentation level", "No tabs"); inside the article's element and outside any link they are
    its own list and headings. The menu above is links."""
    rules = [
        "Four spaces per level",
        "No tabs at all",
        "One blank line between functions",
        "Two blank lines between classes",
        "A space after every comma",
    ]
    later = (
        "Names follow the same logic: the reader should know what kind of thing a name stands "
        "for without looking it up, and the code should read like a plain description of it."
    )
    markup = (
        "<html><head><title>Code like a Pythonista</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/a'>Articles</a></nav><ul>"
        + "".join(f"<li><a href='/{n}'>Topic {n} of the week</a></li>" for n in range(5))
        + "</ul><article><h1>Code like a Pythonista</h1>"
        f"<p>{PARAGRAPH}</p><p>{SECOND}</p><h2>Whitespace</h2><ul>"
        + "".join(f"<li>{rule}</li>" for rule in rules)
        + f"</ul><h2>Naming</h2><p>{later}</p></article></body></html>"
    )
    got = _roles(markup)
    assert got[PARAGRAPH] == got[later] == "body"
    assert {got[rule] for rule in rules} == {"body"}


def test_a_poem_in_the_post_box_is_the_article_when_the_furniture_holds_no_prose() -> None:
    """A post of short lines (a poem) has no paragraph, and neither has the sidebar: the
    markup's furniture is believed, so the sidebar's label list does not outweigh the post."""
    verse = [
        "through all my lessons",
        "through all the graphs",
        "through the long exams",
        "through the itch",
        "through it all,",
        "you stood by me.",
        "always there in my pencil case,",
        "green, you may look weird,",
        "and green is not my colour,",
        "but you have proven us wrong.",
        "four years of friendship,",
        "we have come a long way.",
    ]
    labels = "".join(
        f"<li><a href='/l{n}'>Label {chr(65 + n)}</a> ({n % 5 + 1})</li>" for n in range(26)
    )
    roles = _roles(
        "<body><div class='main'><h2>Tuesday, September 05, 2006</h2><h3>my ruler, my pal</h3>"
        f"<div class='post-body'>{'<br>'.join(verse)}</div><p>Posted by Jacqueline at 9:33 PM</p>"
        f"</div><div class='sidebar'><h2>Labels</h2><ul>{labels}</ul></div></body>"
    )
    assert [roles[line] for line in verse] == ["body"] * len(verse)
    assert roles["my ruler, my pal"] == "title"


def test_the_body_box_is_bounded_by_its_long_lines_even_without_full_stops() -> None:
    """A quick blog post written in lines without full stops: the text rules take one sentence,
    and the box the markup names ("entry-content") bounds the article by its long lines."""
    lines = [
        "Heres an update for everyone on the current progress of the new keyboard and the menus",
        "The todo list for the next version is looking fairly big, but there is a lot of good in it",
        PARAGRAPH,
        "And as you have seen on the splash screen, the program was entered in the spring competition",
        "I have also fixed the donation link, it had the wrong address in it all this time (woops)",
    ]
    roles = _roles(
        "<body><div class='site-title'>Danzels Internets</div><article><h1>AFKIM News: a new keyboard preview</h1>"
        f"<div class='entry-content'>{''.join(f'<p>{line}</p>' for line in lines)}</div>"
        "<footer>This entry was posted in Uncategorized</footer></article></body>"
    )
    assert [roles[line] for line in lines] == ["body"] * len(lines)


def test_a_forum_page_without_comment_markup_keeps_the_text_rules_larger_thread() -> None:
    """phpBB 2 (ge01 of the dev set, a topic's page 2) marks neither posts nor thread; its "Back
    to top" links are furniture, and without them the text rules read the first posts as an
    article. On the whole page they find the larger thread: it wins."""
    real = Path(__file__).parent / "devset" / "real"
    gold = next(g for g in evaluate.read_gold(real / "gold") if g["path"].startswith("ge01_"))
    lines = (real / "docs" / gold["path"]).read_text(encoding="utf-8").split("\n")
    _, gold_comments = evaluate._gold_texts(gold, lines)
    found = evaluate.this_package_html(gold, (real / "html" / gold["html"]).read_bytes())
    expected = evaluate._tokens(gold_comments)
    overlap = sum((evaluate._tokens(found.comment_text) & expected).values())
    assert overlap >= 0.9 * sum(expected.values())


def test_a_furniture_class_on_inline_markup_inside_a_comment_is_the_comments() -> None:
    """Twitpic links each commenter's name with class "nav-link": a style of the link, not a
    menu; a <div class="share"> inside the thread is still furniture."""
    said = [
        ("Jessica", "Lazypicture made a video about this book! It cracked me up!!"),
        ("midwest", "Just wait until you read the book, the inside is more surprising."),
        ("Scott", "But memories will last for ever, and so will this photo of him."),
    ]
    posts = "".join(
        f"<div class='photo-comment'><div class='photo-comment-info'>"
        f"<a class='nav-link' href='/u/{name}'>{name}</a> <span>about {n + 2} hours ago</span>"
        f"</div><div class='photo-comment-message'>{text}</div></div>"
        for n, (name, text) in enumerate(said)
    )
    roles = _roles(
        f"<body><article><h1>A dinosaur</h1><p>{PARAGRAPH}</p><p>{SECOND}</p></article>"
        f"<div id='comments'><h3>3 Comments</h3>{posts}"
        "<div class='share'>Share this on Twitter and on Facebook today</div></div></body>"
    )
    assert [roles[f"{name} about {n + 2} hours ago"] for n, (name, _) in enumerate(said)] == [
        "comment"
    ] * 3
    assert [roles[text] for _, text in said] == ["comment"] * 3
    assert roles["Share this on Twitter and on Facebook today"] == "boilerplate"


def test_a_forum_topics_first_page_pager_in_furniture_still_makes_its_first_post_the_article() -> (
    None
):
    """phpBB's "5 posts • Page 1 of 1" stands in a "pagination" box, furniture to the markup:
    the text rules read it on the whole page and give the topic's opening post to the article."""
    said = [
        ("peanuts", f"{PARAGRAPH} The offer runs until the end of February, as far as I know."),
        ("Gontran", "Until the end of February 2010? Surely you mean 2012, or did I miss it?"),
        ("peanuts", "You are right, I was badly mistaken there and I will correct it at once."),
        ("Gontran", "The site of the shop has the same error, so it is not your fault at all."),
        ("Mireille", "Thank you both, I downloaded it yesterday evening and it works very well."),
        ("peanuts", "Glad to read it, and there will be another game for free in the spring."),
    ]
    posts = "".join(
        f"<div class='post'><div class='postbody'>"
        f"<p class='author'>by {name} » Sun Oct {7 + n}, 2011 8:2{n} am</p>"
        f"<div class='content'>{text}</div></div>"
        f"<dl class='postprofile'><dt>{name}</dt><dd>Posts: 168</dd></dl></div>"
        for n, (name, text) in enumerate(said)
    )
    roles = _roles(
        "<body><div class='navbar'><a href='/'>Board index</a> ‹ Free samples</div>"
        "<h2>Free games</h2><div class='pagination'>6 posts • Page 1 of 1</div>"
        f"{posts}</body>"
    )
    assert roles[said[0][1]] == "body"
    assert [roles[text] for _, text in said[1:]] == ["comment"] * 5


def test_a_page_closed_before_its_body_is_read() -> None:
    """A Hexo theme writes "</html>" before "<body>": browsers show the body, and so do we."""
    page = parse_html(
        f"<html><head><title>t</title></head></html><body><h1>Talks</h1><p>{PARAGRAPH}</p></body>"
    )
    assert page.text == f"Talks\n\n{PARAGRAPH}\n"


def test_a_comment_box_holding_one_dated_post_under_the_article_is_a_thread() -> None:
    """Dark Reading's box holds one reader's post with no item markup: a name, a time stamp and
    sentences. Without an article elsewhere such a lone post is a forum topic's opening post."""
    said = (
        "As a doctor, if you do not trust your readings you cannot make a diagnosis, "
        "and the same holds for the sensors of a control system."
    )
    roles = _roles(
        f"<body><article><h1>Fixing control systems</h1><p>{PARAGRAPH}</p><p>{SECOND}</p>"
        f"<p>{PARAGRAPH}</p></article><div id='comments'><h3>Comments</h3>"
        f"<div>jweiss950,</div><div>7/2/2017 | 1:05:19 AM</div><p>{said}</p></div></body>"
    )
    assert roles[said] == "comment"
    assert roles["7/2/2017 | 1:05:19 AM"] == "comment"
    alone = _roles(
        "<body><div class='nav'>Forum › Board › Topic</div><div id='comments'>"
        f"<div>admin | 7/2/2017 | 1:05:19 AM</div><p>{said}</p></div></body>"
    )
    assert alone[said] != "comment"
    footer = "".join(f"<p>{text}</p>" for text in (PARAGRAPH, SECOND, PARAGRAPH))
    with_footer = _roles(
        "<body><div class='nav'>Forum › Board › Topic</div><div id='comments'>"
        f"<div>admin | 7/2/2017 | 1:05:19 AM</div><p>{said}</p></div>"
        f"<div class='footer'>{footer}</div></body>"
    )
    assert with_footer[said] != "comment"  # a footer's prose is no article


def test_a_furniture_heading_inside_the_text_box_stays_furniture_and_its_paragraph_the_texts() -> (
    None
):
    """Reuters puts its "Related Topics" module inside the story's box, between paragraphs: the
    box's lines between paragraphs are the article's, but not a heading the markup calls page
    furniture; a quoted paragraph the markup wraps in an <aside> is still the text's."""
    roles = _roles(
        "<body><h1>Sensex ends flat</h1><div class='entry-content'>"
        f"<p>{PARAGRAPH}</p><div class='relatedTopics'><h4>Related Topics</h4></div>"
        f"<p>{SECOND}</p><aside class='marginalia'><p>{PARAGRAPH} Then again.</p></aside>"
        f"<p>{SECOND} Again.</p></div></body>"
    )
    assert roles["Related Topics"] == "boilerplate"
    assert roles[f"{PARAGRAPH} Then again."] == "body"
    assert roles[SECOND] == "body"


def test_markup_nested_past_libxml2s_limit_keeps_its_text() -> None:
    # libxml2 stops at 256 levels and drops the rest of the page; old pages leave <font> or
    # <div> unclosed by the hundred.
    for depth in (300, 1500):
        page = (
            "<html><body><h1>Visible headline</h1><p>First paragraph is kept.</p>"
            + '<div class="wrap">' * depth
            + "<p>A paragraph deep in the markup.</p><p>And a second one.</p>"
            + "</div>" * depth
            + "<p>The paragraph after the deep markup.</p></body></html>"
        )
        lines = [line for line in parse_html(page).text.splitlines() if line]
        assert lines == [
            "Visible headline",
            "First paragraph is kept.",
            "A paragraph deep in the markup.",
            "And a second one.",
            "The paragraph after the deep markup.",
        ], depth
    unclosed = (
        "<html><body><p>Start</p>" + "<font size=2>line<br>" * 400 + "<p>End</p></body></html>"
    )
    lines = parse_html(unclosed).text.splitlines()
    assert lines.count("line") == 400 and lines[-1] == "End"


def test_a_page_with_no_title_line_takes_the_headline_it_declares() -> None:
    body = (
        "<p>The parliament approved the budget on Tuesday after a long night of debate, "
        "with the opposition voting against most of its chapters.</p>"
        "<p>The finance minister said the vote gave the government the means to keep its "
        "promises on schools and hospitals over the coming year.</p>"
    )
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"Parliament approves the budget", "author": {"name": "Anna Berg"}}</script>'
    )
    declared = (
        f"<html><head><title>Budget | Daily Planet</title>{ld}</head><body>{body}</body></html>"
    )
    only_title = (
        "<html><head><title>Parliament approves the budget | dailyplanet.example</title></head>"
        f"<body>{body}</body></html>"
    )
    for page in (declared, only_title):
        document = build_document("page.html", page.encode(), Settings())
        assert document.title == "Parliament approves the budget"


def test_a_page_saved_as_txt_that_opens_as_html_is_read_as_html() -> None:
    page = (
        "<!DOCTYPE html>\n<html><head><title>Minister announces measures</title></head><body>"
        "<h1>Minister announces measures</h1><p>The minister announced new measures on "
        "Tuesday to support farmers hit by the drought, at a cost of two billion.</p></body></html>"
    )
    document = build_document("saved/page.txt", page.encode(), Settings())
    assert document.format == "html" and document.title == "Minister announces measures"
    assert "<" not in document.text
    plain = build_document("notes.txt", b"Hello <html> is a tag name.\n", Settings())
    assert plain.format == "text"


def test_a_placeholder_date_the_markup_declares_is_no_date() -> None:
    for placeholder in ("0001-01-01T00:00:00Z", "9999-12-31", "1970-01-01T00:00:00+00:00"):
        page = (
            '<html><head><meta property="article:published_time" content="'
            + placeholder
            + '"></head><body><h1>Parliament approves the budget</h1><p>Published 21 May 2019</p>'
            "<p>The parliament approved the budget on Tuesday after a long night of debate, "
            "with the opposition voting against most of its chapters.</p></body></html>"
        )
        document = build_document("page.html", page.encode(), Settings())
        assert document.published == date(2019, 5, 21), placeholder


def test_declared_values_are_read_as_text_not_markup() -> None:
    page = (
        '<html><head><meta name="author" content="<b>Anna  Berg</b>">'
        '<meta property="og:site_name" content="Corriere &amp;amp; Co"></head><body>'
        "<h1>Parliament approves the budget</h1><p>The parliament approved the budget on "
        "Tuesday after a long night of debate, with the opposition voting against.</p></body></html>"
    )
    declared = parse_html(page).declared
    assert declared.authors == ("Anna Berg",) and declared.outlet == "Corriere & Co"


def test_what_noframes_holds_is_read_as_markup_not_raw_text() -> None:
    page = (
        '<html><head><title>Frames</title></head><frameset cols="20%,80%"><frame src="menu.html">'
        "<noframes><body><p>Your browser does not support frames.</p>"
        '<p>See <a href="main.html">the main page</a>.</p></body></noframes></frameset></html>'
    )
    assert parse_html(page).text == "Your browser does not support frames.\n\nSee the main page.\n"
