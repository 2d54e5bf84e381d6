"""What analysts see in the published copy: Spanish comments and plain names.

Spanish comments. Each public mart and each of its columns carries, in its
dbt YAML, `meta.label` (a short Spanish name) and `meta.description_es` (a
Spanish description); the English `description` stays in the dbt docs for
developers. The published copy's table and column comments are
"<label>: <description_es>", which BI tools (Superset, Metabase, DBeaver) show
beside each table and column.

Plain names. BI tools and the DuckDB clients resolve an unqualified table name
in the default schema `main`; Superset's SQL Lab and duckdb-engine cannot be
told another search path. The marts are stored once, as tables in `marts`
(what `marts.`-qualified queries and saved datasets use), and each gets a view
of the same name in `main` (`select * from marts.<name>`) with the same
comments, so `select * from fct_beneficiaries_yearly` works too
(publish.add_unqualified_views). DuckDB 1.x resolves the views when the file
is opened directly, as BI tools do; a 1.x client that ATTACHes the file under
another name must use the `marts.` tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def spanish_meta(properties: Mapping[str, Any]) -> dict[str, Any]:
    """A node's or column's meta from the manifest (`meta`, or `config.meta`)."""
    meta = dict(properties.get("config", {}).get("meta") or {})
    meta.update(properties.get("meta") or {})
    return meta


def spanish_comment(properties: Mapping[str, Any]) -> str:
    """The comment `<label>: <description_es>`; either part alone; or ""."""
    meta = spanish_meta(properties)
    label = str(meta.get("label") or "").strip()
    description = " ".join(str(meta.get("description_es") or "").split())
    if label and description:
        return f"{label}: {description}"
    return label or description


def column_comments(node: Mapping[str, Any]) -> dict[str, str]:
    """The Spanish comment of every column of a manifest node."""
    return {
        column: spanish_comment(properties)
        for column, properties in node.get("columns", {}).items()
    }
