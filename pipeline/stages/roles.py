"""The contract's names for what the stages produce: block roles and document kinds (CONTRACT.md).

The one definition of each, for the stages that assign them, the warehouse (its schemas, and its
SQL through the macros of pipeline/warehouse/macros.py) and the tests. It stands in the lowest
layer that needs it, `stages`, because stages may not import the warehouse.
"""

from __future__ import annotations

from typing import Literal, get_args

# A block's role: the contract's list, in its order.
Role = Literal["title", "meta", "heading", "body", "comment", "boilerplate"]
ROLES: tuple[Role, ...] = get_args(Role)

# The roles whose text is the article's text: joined into `articles.body`, indexed as an article
# by search, compared by syndication, and the only ones re-read as corpus-level boilerplate.
ARTICLE_ROLES: tuple[Role, ...] = ("body", "heading")

# A document's kind.
Kind = Literal["article", "comments", "article_with_comments", "empty"]
KINDS: tuple[Kind, ...] = get_args(Kind)
