"""Visible text of an HTML page, one block element per line, for the same flow as text files."""

from __future__ import annotations

from html.parser import HTMLParser

# Elements whose content a reader never sees.
INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
)
# Elements that start a new line of text.
BLOCKS = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr "
    "ul option button label".split()
)
# Elements after which a page shows vertical space: a blank line, as in copied page text.
SPACED = frozenset("p h1 h2 h3 h4 h5 h6 blockquote ul ol table figure pre".split())
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden_depth = 0

    def _break(self, blank: bool) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.lines.append(text)
        if blank and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in INVISIBLE and tag not in VOID:
            self.hidden_depth += 1
        elif tag in BLOCKS and not self.hidden_depth:
            self._break(blank=False)

    def handle_endtag(self, tag: str) -> None:
        if tag in INVISIBLE:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in BLOCKS and not self.hidden_depth:
            self._break(blank=tag in SPACED)

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.current.append(data)


def html_to_text(markup: str) -> str:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    parser._break(blank=False)
    return "\n".join(parser.lines).strip("\n") + "\n"
