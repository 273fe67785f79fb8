"""Python's values, as DuckDB macros the SQL calls: each value has one definition, in Python.

The roles and kinds of the contract come from pipeline/stages/roles.py, the thresholds from
pipeline/settings.py. `define_macros` runs before the warehouse's SQL (warehouse/load.py); the
macros are stored in the database, because views such as `articles` call them when a reader
queries the warehouse. DuckDB expands a macro where it is called, so `is_article_role(b.role)`
filters as `b.role IN ('body', 'heading')` would.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from pipeline.settings import RECURRING_LINE_DOCUMENTS
from pipeline.stages.roles import ARTICLE_ROLES, KINDS, ROLES


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


MACROS = f"""
CREATE OR REPLACE MACRO is_role(role) AS role IN ({_sql_list(ROLES)});
CREATE OR REPLACE MACRO is_article_role(role) AS role IN ({_sql_list(ARTICLE_ROLES)});
CREATE OR REPLACE MACRO is_kind(kind) AS kind IN ({_sql_list(KINDS)});
CREATE OR REPLACE MACRO recurring_line_documents() AS {int(RECURRING_LINE_DOCUMENTS)};
"""


def define_macros(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(MACROS)
