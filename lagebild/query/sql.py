"""SQL fragments shared by queries and exports: readable dates, texts cut from documents, actor lookup."""
from __future__ import annotations

import datetime as dt

from ..store import Store
from ..store.dates import parse_bound


def iso_date(alias: str) -> str:
    """Partial ISO date text from ``alias``.date / date_precision / date_raw."""
    return (f"CASE WHEN {alias}.date_raw IS NOT NULL THEN {alias}.date_raw "
            f"WHEN {alias}.date IS NULL THEN NULL "
            f"WHEN {alias}.date_precision = 1 THEN strftime({alias}.date, '%Y') "
            f"WHEN {alias}.date_precision = 2 THEN strftime({alias}.date, '%Y-%m') "
            f"ELSE strftime({alias}.date, '%Y-%m-%d') END")


def cut(start: str, end: str, doc: str = "d") -> str:
    """The document text between two offset columns (offsets are code points, 0-based)."""
    return f"substr({doc}.text, {start} + 1, {end} - {start})"


def quote_text(q: str = "q", doc: str = "d") -> str:
    return (f"array_to_string(list_transform(list_zip({q}.content_starts, {q}.content_ends), "
            f"lambda x: substr({doc}.text, x[1] + 1, x[2] - x[1])), ' … ')")


def actor_ids(store: Store, spec: str | int) -> list[int]:
    """Actors named by ``spec``: an actor id, a name (case-insensitive), a registry id or a country code."""
    if isinstance(spec, int):
        return [spec]
    rows = store.con.execute(
        """SELECT actor_id FROM actors WHERE lower(name) = lower(?) OR registry_id = ? OR country = ?
           ORDER BY actor_id""", [spec, spec, spec]).fetchall()
    return [r[0] for r in rows]


def date_range(column: str, start, end) -> list[str]:
    """WHERE clauses for a date range; '2024' or '2024-07' as bounds mean the whole period.
    Bounds are parsed to dates first, so they are inlined as literals (no parameter juggling)."""
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    return ([f"{column} >= DATE '{lo.isoformat()}'"] if lo else []) + \
           ([f"{column} <= DATE '{hi.isoformat()}'"] if hi else [])


def as_list(value) -> list | None:
    if value is None:
        return None
    return [value] if isinstance(value, (str, int, dt.date)) else list(value)


def fts_keys(hits: list[tuple[int, int, float]]) -> list[int]:
    """Full-text hits (doc_id, position, score) -> the index's row keys."""
    return [doc << 20 | i for doc, i, _ in hits]


def fts_quote_ids(store: Store, hits: list[tuple[int, int, float]]) -> dict[int, int]:
    """Index row key -> quote_id; the index numbers a document's quotes by position (quote_id order)."""
    wanted = set(fts_keys(hits))
    rows = store.con.execute(
        """SELECT doc_id::BIGINT * 1048576 + row_number() OVER (PARTITION BY doc_id ORDER BY quote_id) - 1, quote_id
           FROM quotes WHERE doc_id IN (SELECT unnest(?))""", [sorted({d for d, _, _ in hits})]).fetchall()
    return {key: qid for key, qid in rows if key in wanted}
