"""Exports of the store: Parquet, CSV, JSONL; raw/canonical events, POLECAT- and GDELT-style tables, quotes.

    from lagebild.export import export
    export(store, "gdelt", "out.parquet")                    # format from the suffix
    export(store, "polecat", "deu.csv", country="DEU", start="2024")
"""
from __future__ import annotations

import os
from pathlib import Path

from ..query.events import event_filter
from ..store import Store
from .tables import EVENT_DATA_TABLES, EVENT_TABLES, TABLES

FORMATS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "json", ".json": "json", ".ndjson": "json"}


def export(store: Store, table: str, path: str | os.PathLike, fmt: str | None = None, raw: bool = False,
           **filters) -> int:
    """Write ``table`` to ``path`` (streamed by DuckDB's COPY); returns the row count.
    Event tables take the filters of :func:`lagebild.query.events`; ``polecat`` and ``gdelt``
    give one row per canonical (deduplicated), factual event unless ``raw``."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {sorted(TABLES)}")
    fmt = fmt or FORMATS.get(Path(path).suffix.lower())
    if fmt == "jsonl":
        fmt = "json"
    if fmt not in ("parquet", "csv", "json"):
        raise ValueError(f"unknown format for {path}; use .parquet, .csv or .jsonl (or fmt=...)")
    where, params = [], []
    if table in EVENT_TABLES:
        if table in EVENT_DATA_TABLES and not raw:
            filters.setdefault("factual", True)
        where, params = event_filter(store, **filters)
        if table in (*EVENT_DATA_TABLES, "canonical") and not raw:
            where.append("e.event_id = e.canon_id")
    elif filters:
        raise ValueError(f"the {table} table takes no filters ({sorted(filters)})")
    sql = TABLES[table]("WHERE " + " AND ".join(where) if where else "")
    if fmt == "csv":
        sql = _flatten_lists(store, sql, params)
    options = {"parquet": "FORMAT parquet, COMPRESSION zstd", "csv": "FORMAT csv, HEADER",
               "json": "FORMAT json"}[fmt]
    target = str(path).replace("'", "''")
    store.con.execute(f"COPY ({sql}) TO '{target}' ({options})", params)
    return store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def _flatten_lists(store: Store, sql: str, params: list) -> str:
    """CSV has no lists: join list columns with ';'."""
    described = store.con.execute(f"SELECT * FROM ({sql}) LIMIT 0", params).description
    lists = [name for name, type_, *_ in described if str(type_).endswith("[]")]
    if not lists:
        return sql
    replaced = ", ".join(f'array_to_string("{c}", \';\') AS "{c}"' for c in lists)
    return f"SELECT * REPLACE ({replaced}) FROM ({sql})"
