"""HTML read as a DOM: the visible text, one block element per line, and what the markup says
about each line.

The text is what a reader copies from the page (as a browser's `innerText`): hidden elements,
scripts, templates, buttons and form controls are not text; block elements start a line;
paragraphs and headings stand between blank lines. Each line keeps its evidence for
segmentation (`LineEvidence`): the zone its element sits in, read from structural tags (`nav`,
`aside`, `footer`, `article`…), ARIA roles and the words of class and id attributes
(`pipeline/lexicon/data/html.toml`), the share of its text inside links, and its heading level.
What the page declares about itself (JSON-LD, OpenGraph and `<meta>` tags, `<html lang>`) comes
back as `Declared`, for metadata.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import lxml.html
from lxml import etree

from pipeline.lexicon import merged

INVISIBLE = frozenset(
    "script style noscript template head title meta link select option datalist svg canvas "
    "iframe object embed button input textarea video audio map".split()
)
BLOCK = frozenset(
    "address article aside blockquote center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form header hgroup hr li main menu nav ol pre section summary table tbody "
    "thead tfoot ul caption body html legend label tr".split()
)
PARAGRAPH = frozenset("p h1 h2 h3 h4 h5 h6".split())
LINE_TAGS = BLOCK | PARAGRAPH  # elements that stand on lines of their own
HEADINGS = {f"h{n}": n for n in range(1, 7)}
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
CLASS_WORD_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[^\W\d_]+", re.U)
# Tags that mark page furniture wherever they stand, and ARIA roles that do the same.
BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer", "figcaption"})
BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
ARTICLE_TAGS = frozenset({"article", "main"})
SIDEBAR_TAGS = frozenset({"aside", "nav"})
SIDEBAR_ROLES = frozenset({"complementary", "navigation"})
# A <form> this large wraps the page (ASP.NET sites do), not a comment or search form.
FORM_MAX_CHARS = 2000
# A "furniture" element holding the page's <h1> and more than this share of its visible text is
# a layout wrapper ("content-sidebar-wrap", "article-advert", Blogger's "widget Blog"), not
# furniture; a cookie box may be long but never holds the headline.
WRAPPER_SHARE = 0.5
# Less comment-zone text than this on a page: a "Comments" link or an empty thread, not a thread.
THREAD_MIN_CHARS = 80

# Elements that hold one comment each inside a thread (WordPress <li>, Disqus <li>, Blogger <dt>,
# Hacker News <tr>, <article> per comment); their nesting is the replies' depth.
COMMENT_ITEM_TAGS = frozenset({"li", "article", "dt", "tr"})
# Byline elements read for the authors' names: the first few (a page repeats its byline).
MAX_BYLINES = 5
CODE_BLOCK_TAGS = frozenset({"pre", "code"})
# What sites put between a headline and their name in <title>.
TITLE_SEPARATORS = "|-–—»«:·•_/~｜－："
PAGE_TITLE_MIN_CHARS = 5


@dataclass(frozen=True)
class LineEvidence:
    """What the markup says about one line of the text."""

    zone: str | None  # "comment", "boilerplate", "article", or None where the markup is silent
    link_share: float  # share of the line's characters inside <a>
    heading: int  # 1–6 inside <h1>…<h6>, else 0
    # Inside a thread: which comment the line belongs to (a number per <li>, <article>, <dt> or
    # <tr> in the comment zone) and how deep that comment is nested (0: not a reply).
    comment_item: int | None = None
    depth: int = 0
    # Inside a comment: the line names its author (an element of class "author", "fn", "user"…),
    # and the machine-readable time of a <time datetime="…"> it holds.
    names_author: bool = False
    stamp: str | None = None
    # The line is what the page's <title> names: all of it, or one of its parts between
    # separators ("Post title | Blog name"), so a headline or the site's name.
    names_page: bool = False
    # The article's text box the line stands in (a number per outermost element the markup
    # names so: itemprop="articleBody", class "entry-content"…), or None outside every such box.
    body_box: int | None = None


@dataclass(frozen=True)
class Declared:
    """Metadata the page declares in its markup; None where it declares nothing."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 as declared (date or date-time)
    outlet: str | None = None
    language: str | None = None
    url: str | None = None
    # The text of the article's byline elements (rel=author, class "byline"…), outside comments.
    bylines: tuple[str, ...] = ()
    page_title: str | None = None  # the <title> element's text


@dataclass
class HtmlText:
    text: str
    evidence: list[LineEvidence | None]  # one per line of `text`; None for blank lines
    declared: Declared = field(default_factory=Declared)


@dataclass(frozen=True)
class _Vocabulary:
    comment: tuple[str, ...]
    boilerplate: tuple[str, ...]
    article: tuple[str, ...]
    comment_form: frozenset[str]
    author: frozenset[str]
    sidebar: tuple[str, ...]
    taxonomy: tuple[str, ...]
    article_body: frozenset[str]
    byline: frozenset[str]


@cache
def _vocabulary() -> _Vocabulary:
    return _Vocabulary(
        comment=tuple(merged("html", "comment_words")),
        boilerplate=tuple(merged("html", "boilerplate_words")),
        article=tuple(merged("html", "article_words")),
        comment_form=frozenset(merged("html", "comment_form_words")),
        author=frozenset(merged("html", "author_words")),
        sidebar=tuple(merged("html", "sidebar_words")),
        taxonomy=tuple(merged("html", "taxonomy_prefixes")),
        article_body=frozenset(merged("html", "article_body_classes")),
        byline=frozenset(merged("html", "byline_words")),
    )


def _attribute_words(element: etree._Element) -> list[str]:
    klass, ident = element.get("class"), element.get("id")
    if not klass and not ident:
        return []  # most elements: no regex to run
    taxonomy = _vocabulary().taxonomy
    classes = (klass or "").split()
    value = " ".join(c for c in classes if not c.casefold().startswith(taxonomy))
    # A heading's id is mostly its own text as an anchor ("comment-on-garde-le-lien": "how").
    ident = "" if element.tag in HEADINGS else ident or ""
    return [word.casefold() for word in CLASS_WORD_RE.findall(f"{value} {ident}")]


def _names_widget(words: list[str]) -> bool:
    sidebar = _vocabulary().sidebar
    return any(word.startswith(sidebar) for word in words)


def _opens_sidebar(element: etree._Element, tag: str) -> bool:
    """Only tags and roles say "sidebar" of everything inside: Blogger's main column is a
    "widget", and WordPress layouts "has-sidebar" wrap the whole page."""
    return tag in SIDEBAR_TAGS or (element.get("role") or "").casefold() in SIDEBAR_ROLES


def element_zone(
    element: etree._Element, words: list[str], inside_article: bool, form_is_furniture: bool = True
) -> str | None:
    """The zone an element opens, or None when it says nothing (`words`: its class and id
    words). Comment words win over furniture words, which win over article words
    ("comment-content", "post-share")."""
    tag = element.tag if isinstance(element.tag, str) else ""
    vocabulary = _vocabulary()
    raw = " ".join(words)
    if any(word.startswith(vocabulary.comment) for word in words):
        if any(word in vocabulary.comment_form for word in words) or "commentform" in raw:
            return "boilerplate"
        return "comment"
    role = (element.get("role") or "").casefold()
    if tag in BOILERPLATE_TAGS or role in BOILERPLATE_ROLES:
        return "boilerplate"
    if tag == "header" and not inside_article:
        return "boilerplate"
    if form_is_furniture and tag == "form" and len(element.text_content()) < FORM_MAX_CHARS:
        return "boilerplate"
    if any(word.startswith(vocabulary.boilerplate) for word in words):
        return "boilerplate"
    if tag in ARTICLE_TAGS or role in {"main", "article"}:
        return "article"
    if any(word.startswith(vocabulary.article) for word in words):
        return "article"
    return None


def _names_author(words: list[str]) -> bool:
    author_words = _vocabulary().author
    return any(word in author_words for word in words)


def _names_article_body(element: etree._Element) -> bool:
    """The element that holds the article's text, by its own name: schema.org's articleBody,
    or a class or id the usual themes give it ("entry-content", "article-body")."""
    klass, ident, prop = element.get("class"), element.get("id"), element.get("itemprop")
    if prop is not None and prop.casefold() == "articlebody":
        return True
    if not klass and not ident:
        return False
    names = f"{klass or ''} {ident or ''}".casefold().split()
    return any(name in _vocabulary().article_body for name in names)


def _names_byline(element: etree._Element, words: list[str]) -> bool:
    """The element the markup names as the article's author: rel="author", itemprop="author",
    or a class or id word "author" or "byline" (whole words)."""
    if "author" in ((element.get("rel") or "") + " " + (element.get("itemprop") or "")).casefold():
        return True
    return any(word in _vocabulary().byline for word in words)


def _hidden(element: etree._Element) -> bool:
    return (
        element.get("hidden") is not None
        or (element.get("aria-hidden") or "").casefold() == "true"
        or bool(HIDDEN_STYLE_RE.search(element.get("style") or ""))
    )


@dataclass
class _Piece:
    text: str
    zone: str | None
    in_link: bool
    heading: int
    item: int | None = None
    depth: int = 0
    author: bool = False
    stamp: str | None = None
    body_box: int | None = None


@dataclass(frozen=True)
class _Context:
    """What an element inherits from its ancestors."""

    zone: str | None = None
    in_link: bool = False
    heading: int = 0
    inside_article: bool = False
    in_sidebar: bool = False
    item: int | None = None  # the innermost comment item
    depth: int = -1  # comment items above, less one
    author: bool = False  # inside a comment's author element
    stamp: str | None = None  # the datetime attribute of an enclosing <time>
    in_code: bool = False
    in_form: bool = False  # inside a form that is furniture (the comment form)
    body_box: int | None = None


class _Walker:
    """Collects text pieces and line breaks in document order, each piece with its zone."""

    def __init__(self, top: etree._Element) -> None:
        self.out: list[_Piece | int] = []  # a piece, or a request for that many line breaks
        self.items = 0
        self.boxes = 0
        self.bylines: list[str] = []
        self.top = top
        self.holds_h1 = {a for h1 in top.iter("h1") for a in h1.iterancestors()}
        self.page_chars: int | None = None  # counted when first needed

    def _wraps_article(self, element: etree._Element) -> bool:
        if element not in self.holds_h1:
            return False
        if self.page_chars is None:
            self.page_chars = _visible_chars(self.top)
        return _visible_chars(element) > WRAPPER_SHARE * self.page_chars

    def walk(self, element: etree._Element, context: _Context) -> None:
        tag = element.tag.casefold() if isinstance(element.tag, str) else ""
        if not tag or tag in INVISIBLE or _hidden(element):
            return
        words = _attribute_words(element)
        opened = (
            None
            if tag in {"body", "html"}
            else element_zone(element, words, context.inside_article)
        )
        if opened == "article" and (context.zone == "comment" or context.in_sidebar):
            # An <article> per comment stays a comment; a teaser's in a sidebar, furniture.
            opened = None
        if context.zone == "comment" and tag == "form" and opened == "boilerplate":
            # Reddit puts each comment's text in a <form class="usertext">; a reply form says
            # what it is in its class ("comment-respond") and stays furniture.
            opened = element_zone(element, words, context.inside_article, form_is_furniture=False)
        if opened == "boilerplate" and context.zone == "comment" and tag not in LINE_TAGS:
            # Inline markup styles a piece of a comment: Twitpic's author link is a "nav-link".
            opened = None
        if opened == "boilerplate" and self._wraps_article(element):
            opened = None
        if context.in_code:
            opened = None  # a highlighter's "hljs-comment" marks a code comment, not a reader's
        if context.in_form and opened == "comment":
            opened = "boilerplate"  # the comment form's own "comment-guidelines", "subscribe"
        in_sidebar = context.in_sidebar or _opens_sidebar(element, tag)
        if opened == "comment" and (in_sidebar or _names_widget(words)):
            opened = "boilerplate"
        zone = opened or context.zone
        if (
            zone != "comment"
            and not context.in_form  # the comment form's "Name *" field is "author" too
            and tag != "label"
            and len(self.bylines) < MAX_BYLINES
            and _names_byline(element, words)
        ):
            self.bylines.append(" ".join(" ".join(element.itertext()).split()))
        item, depth = context.item, context.depth
        body_box = context.body_box
        if body_box is None and _names_article_body(element):  # the outermost such box
            self.boxes += 1
            body_box = self.boxes
        if zone == "comment" and tag in COMMENT_ITEM_TAGS:
            self.items += 1
            item, depth = self.items, depth + 1
        inner = _Context(
            zone=zone,
            in_link=context.in_link or tag == "a",
            heading=HEADINGS.get(tag, context.heading),
            inside_article=context.inside_article or opened == "article",
            in_sidebar=in_sidebar,
            item=item,
            depth=depth,
            author=context.author or (zone == "comment" and _names_author(words)),
            stamp=element.get("datetime") if tag == "time" else context.stamp,
            in_code=context.in_code or tag in CODE_BLOCK_TAGS,
            in_form=context.in_form or (tag == "form" and opened == "boilerplate"),
            body_box=body_box,
        )
        breaks = 2 if tag in PARAGRAPH else 1 if tag in BLOCK else 0
        if breaks:
            self.out.append(breaks)
        if tag == "br":
            self.out.append(-1)
        if element.text:
            self.out.append(self._piece(element.text, inner, inner.in_link))
        for child in element:
            self.walk(child, inner)
            if child.tail:
                self.out.append(self._piece(child.tail, inner, inner.in_link and tag != "a"))
        if tag in {"td", "th"}:
            self.out.append(self._piece(" ", inner, inner.in_link))
        if breaks:
            self.out.append(breaks)

    @staticmethod
    def _piece(text: str, context: _Context, in_link: bool) -> _Piece:
        depth = max(context.depth, 0)
        return _Piece(
            text,
            context.zone,
            in_link,
            context.heading,
            context.item,
            depth,
            context.author,
            context.stamp,
            context.body_box,
        )


def _visible_chars(element: etree._Element) -> int:
    """Characters of text, not counting spaces; the tree holds no scripts by now."""
    return len("".join(element.text_content().split()))


def _lines(out: list[_Piece | int]) -> tuple[list[str], list[LineEvidence | None]]:
    lines: list[str] = []
    evidence: list[LineEvidence | None] = []
    current: list[_Piece] = []
    pending = 0

    def flush() -> None:
        text = " ".join("".join(piece.text for piece in current).split())
        if not text:
            return
        linked = sum(len(p.text.strip()) for p in current if p.in_link)
        total = sum(len(p.text.strip()) for p in current) or 1
        first = next(p for p in current if p.text.strip())
        lines.append(text)
        evidence.append(
            LineEvidence(
                first.zone,
                min(1.0, linked / total),
                first.heading,
                first.item,
                first.depth,
                names_author=first.author,
                stamp=next((p.stamp for p in current if p.stamp), None),
                body_box=first.body_box,
            )
        )

    for item in out:
        if isinstance(item, int):
            if item < 0:  # <br>: a new line, no blank one
                flush()
                current = []
                pending = 0
            else:
                pending = max(pending, item)
            continue
        if pending and current and "".join(p.text for p in current).strip():
            flush()
            if pending == 2:
                lines.append("")
                evidence.append(None)
            current = []
        if pending and not item.text.strip():
            continue
        pending = 0 if item.text.strip() else pending
        current.append(item)
    flush()
    # Blank lines: never two in a row, none at the start or end.
    text_lines: list[str] = []
    kept: list[LineEvidence | None] = []
    for line, proof in zip(lines, evidence, strict=True):
        if not line and (not text_lines or not text_lines[-1]):
            continue
        text_lines.append(line)
        kept.append(proof)
    while text_lines and not text_lines[-1]:
        text_lines.pop()
        kept.pop()
    return text_lines, kept


def _drop_thin_threads(evidence: list[LineEvidence | None], lines: list[str]) -> None:
    """A "Comments" link in a byline, or a thread with nothing in it, is not a thread."""
    chars = sum(
        len(line) for line, e in zip(lines, evidence, strict=True) if e and e.zone == "comment"
    )
    if chars >= THREAD_MIN_CHARS:
        return
    for i, proof in enumerate(evidence):
        if proof and proof.zone == "comment":
            evidence[i] = LineEvidence("boilerplate", proof.link_share, proof.heading)


def _mark_page_title(title: str, lines: list[str], evidence: list[LineEvidence | None]) -> None:
    folded = " ".join(title.casefold().split())
    if not folded:
        return
    for i, (line, proof) in enumerate(zip(lines, evidence, strict=True)):
        if proof is not None and _part_of_title(" ".join(line.casefold().split()), folded):
            evidence[i] = replace(proof, names_page=True)


def _part_of_title(line: str, title: str) -> bool:
    """The line stands in the title between its ends and separators ("Blog: Post title")."""
    if len(line) < PAGE_TITLE_MIN_CHARS:
        return False
    start = title.find(line)
    while start >= 0:
        before, after = title[:start].rstrip(), title[start + len(line) :].lstrip()
        if (not before or before[-1] in TITLE_SEPARATORS) and (
            not after or after[0] in TITLE_SEPARATORS
        ):
            return True
        start = title.find(line, start + 1)
    return False


# Never text, and removed before the walk (after the metadata is read from JSON-LD scripts).
CODE_TAGS = ("script", "style", "noscript", "template")
MARKUP_TAG_RE = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
# "</html>" or "</body>" before the end (a theme that closes the page before its <body>): HTML5
# reads what follows into the body, libxml2 drops it, so every such tag is removed before
# parsing (at the end of the page, where they belong, they say nothing).
EARLY_END_TAG_RE = re.compile(r"</(?:html|body)\s*>", re.I)
# libxml2 reads what <noframes> holds as raw text, tags and all ("<body><p>Your browser…"); without
# the tag it is read as the markup it is.
NOFRAMES_TAG_RE = re.compile(r"</?noframes\b[^>]*>", re.I)


# libxml2 stops reading at 256 levels of nesting (old pages leave <font> or <div> unclosed by the
# hundred) and drops the rest of the page without a word. Such a page is parsed again without
# that limit, and the elements deeper than MAX_DEPTH give up their tags (their text stays, a
# block's lines stay lines): the walk is recursive, and the page's text is what matters.
MAX_DEPTH = 200
KEPT_WHEN_DEEP = PARAGRAPH | {"br", "li"}


def _document(markup: str) -> etree._Element:
    parser = lxml.html.HTMLParser()
    root = lxml.html.document_fromstring(markup, parser=parser)
    if not any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        return root
    root = lxml.html.document_fromstring(markup, parser=lxml.html.HTMLParser(huge_tree=True))
    _flatten_deep(root)
    return root


def _flatten_deep(root: etree._Element) -> None:
    deep: list[Any] = []
    stack = [(root, 0)]
    while stack:  # not recursive: the tree may be thousands of levels deep
        element, depth = stack.pop()
        if depth > MAX_DEPTH and isinstance(element.tag, str) and element.tag not in KEPT_WHEN_DEEP:
            deep.append(element)
        stack.extend((child, depth + 1) for child in element)
    for element in deep:
        if element.tag in BLOCK:
            element.addprevious(etree.Element("br"))
            element.append(etree.Element("br"))
        element.drop_tag()


def parse_html(markup: str) -> HtmlText:
    """The page's text with one evidence per line, and what it declares about itself."""
    markup = EARLY_END_TAG_RE.sub("", XML_DECLARATION_RE.sub("", markup, count=1))
    markup = NOFRAMES_TAG_RE.sub("", markup)
    if not markup.strip():
        return HtmlText("\n", [None])
    try:
        root = _document(markup)
    except (etree.ParserError, ValueError):
        return HtmlText("\n", [None])
    declared = declared_metadata(root)
    etree.strip_elements(root, *CODE_TAGS, with_tail=False)
    body = root.find("body")
    top = body if body is not None else root
    walker = _Walker(top)
    walker.walk(top, _Context())
    lines, evidence = _lines(walker.out)
    _drop_thin_threads(evidence, lines)
    page_title = " ".join((root.findtext(".//title") or "").split())
    _mark_page_title(page_title, lines, evidence)
    declared = replace(
        declared,
        bylines=tuple(text for text in walker.bylines if text),
        page_title=page_title or None,
    )
    if not lines:
        return HtmlText("\n", [None], declared)
    return HtmlText("\n".join(lines) + "\n", [*evidence, None], declared)


# ----------------------------------------------------------------------------------------------
# What the page declares about itself.

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "opinionnewsarticle",
        "analysisnewsarticle",
        "socialmediaposting",
        "webpage",
        "discussionforumposting",
        "posting",
    }
)


def declared_metadata(root: etree._Element) -> Declared:
    meta = _meta_tags(root)
    ld = _json_ld_article(root)
    title = _text(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title")
    authors = _names(ld.get("author")) or tuple(
        name
        for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
        if (value := meta.get(key)) and not value.startswith("http")
        for name in [value.strip()]
    )
    published = (
        _text(ld.get("datePublished"))
        or meta.get("article:published_time")
        or meta.get("date")
        or meta.get("dc.date")
        or _time_datetime(root)
    )
    outlet = _names(ld.get("publisher"))[:1] or (
        (meta["og:site_name"],) if "og:site_name" in meta else ()
    )
    language = (root.get("lang") or meta.get("og:locale") or "").replace("_", "-").split("-")[0]
    return Declared(
        title=title.strip() if title else None,
        authors=authors,
        published=published.strip() if published else None,
        outlet=outlet[0] if outlet else None,
        language=language.casefold() or None,
        url=meta.get("og:url") or _canonical(root),
    )


def _meta_tags(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        # Some sites (Fortune, Observer) write the value in "value", not "content".
        value = _plain(element.get("content") or element.get("value") or "")
        if key and value:
            found.setdefault(key.casefold(), value)
    return found


def _canonical(root: etree._Element) -> str | None:
    for element in root.iter("link"):
        href = element.get("href")
        if (element.get("rel") or "").casefold() == "canonical" and href:
            return str(href)
    return None


def _time_datetime(root: etree._Element) -> str | None:
    """The article's <time datetime>: the one marked as the publication's (itemprop
    "datePublished", class "published"; an "updated" one may come first), else the first."""
    dated = [
        element
        for element in root.iter("time")
        if re.match(r"\d{4}-\d{2}-\d{2}", element.get("datetime") or "")
    ]
    marked = next((element for element in dated if _marks_publication(element)), None)
    chosen = marked if marked is not None else (dated[0] if dated else None)
    return str(chosen.get("datetime")) if chosen is not None else None


def _marks_publication(element: etree._Element) -> bool:
    prop = (element.get("itemprop") or "").casefold()
    return prop == "datepublished" or "published" in _attribute_words(element)


def _json_ld_article(root: etree._Element) -> dict[str, Any]:
    for element in root.iter("script"):
        if (element.get("type") or "").casefold() != "application/ld+json" or not element.text:
            continue
        try:
            data = json.loads(element.text)
        except ValueError:
            continue
        for item in _json_ld_items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.casefold() in ARTICLE_TYPES for k in kinds) and (
                item.get("headline") or item.get("datePublished")
            ):
                return item
    return {}


def _json_ld_items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for entry in data for item in _json_ld_items(entry)]
    if isinstance(data, dict):
        return [data, *_json_ld_items(data.get("@graph", []))]
    return []


def _text(value: Any) -> str | None:
    return (_plain(value) or None) if isinstance(value, str) else None


def _plain(value: str) -> str:
    """A declared value as text: CMSs put markup ("<b>Anna Berg</b>") and escaped entities
    ("dell&#39;amore", escaped twice) into their <meta> and JSON-LD values."""
    if "<" in value:
        value = MARKUP_TAG_RE.sub("", value)
    if "&" in value:
        value = html.unescape(value)
    return " ".join(value.split())


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(name for item in value for name in _names(item))
    if isinstance(value, dict):
        name = _text(value.get("name"))
        return (name,) if name else ()
    name = _text(value)
    return (name,) if name and not name.startswith("http") else ()
