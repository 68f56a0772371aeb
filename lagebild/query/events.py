"""Event queries: filter by actor, country, sector, type, date range and text; raw or canonical."""
from __future__ import annotations

from typing import Any

from ..store import Store
from .sql import actor_ids, as_list, cut, date_range, fts_keys, iso_date

ROLES = {"source": (0,), "target": (1,), "any": (0, 1)}
TEXT_HITS = 50_000   # full-text matches (newest first) considered when filtering events by text


def event_select() -> str:
    """Readable event rows (with evidence sentence and document id) from events ``e``."""
    return f"""
        SELECT e.event_id, e.canon_id, d.ext_id AS document, d.doc_id, e.sentence, {iso_date('e')} AS date,
               e.type, e.mode, e.contexts, e.cameo, e.quad_class, e.intensity,
               sa.name AS source, sa.country AS source_country, sa.sector AS source_sector,
               ta.name AS target, ta.country AS target_country, ta.sector AS target_sector,
               e.location, e.negated, e.future, e.hypothetical,
               coalesce(e.trigger_text, {cut('e.trigger_start', 'e.trigger_end')}) AS trigger,
               {cut('e.evidence_start', 'e.evidence_end')} AS evidence, e.rule, round(CAST(e.confidence AS DOUBLE), 4) AS confidence
        FROM events e JOIN documents d USING (doc_id)
        LEFT JOIN actors sa ON sa.actor_id = e.src_actor LEFT JOIN actors ta ON ta.actor_id = e.tgt_actor"""


def event_filter(store: Store, actor=None, country=None, sector=None, type=None, start=None, end=None,
                 text: str | None = None, role: str = "any", factual: bool = False) -> tuple[list[str], list]:
    """WHERE clauses + parameters over events ``e``; shared by queries and exports."""
    where: list[str] = []
    params: list[Any] = []
    roles = ROLES[role]
    actor_sets = []
    if actor is not None:
        ids = sorted({i for a in as_list(actor) for i in actor_ids(store, a)})
        actor_sets.append(("actor_id IN (SELECT unnest(?))", ids))
    if country is not None:
        actor_sets.append(("actor_id IN (SELECT actor_id FROM actors WHERE country IN (SELECT unnest(?)))",
                           as_list(country)))
    if sector is not None:
        actor_sets.append(("actor_id IN (SELECT actor_id FROM actors WHERE list_has_any(sector, ?))",
                           as_list(sector)))
    for clause, value in actor_sets:
        where.append(f"e.event_id IN (SELECT event_id FROM event_actors WHERE role IN ({', '.join(map(str, roles))}) AND {clause})")
        params.append(value)
    if type is not None:
        where.append("e.type IN (SELECT unnest(?))")
        params.append([t.upper() for t in as_list(type)])
    where += date_range("e.date", start, end)
    if text:
        hits = store.fts.search(text, "sentences", TEXT_HITS, order="recent")   # a filter: no ranking
        where.append("(e.doc_id::BIGINT * 1048576 + e.sentence) IN (SELECT unnest(?))")
        params.append(fts_keys(hits))
    if factual:
        where.append("NOT e.negated AND NOT e.hypothetical")
    return where, params


def events(store: Store, actor=None, country=None, sector=None, type=None, start=None, end=None,
           text: str | None = None, role: str = "any", canonical: bool = False, factual: bool = False,
           limit: int | None = 100) -> list[dict[str, Any]]:
    """Events matching every given filter, by date. ``canonical`` gives one row per deduplicated
    event with its mention, document and source counts; otherwise every raw mention."""
    where, params = event_filter(store, actor, country, sector, type, start, end, text, role, factual)
    if canonical:
        where.append("e.event_id = e.canon_id")
    # Two steps: pick the events on the events table alone, then join documents for only those
    # (a join first would hash all documents' texts whenever the filter is a text search).
    order = " ORDER BY e.date NULLS LAST, e.event_id"
    sql = "SELECT e.event_id, e.doc_id FROM events e" + (" WHERE " + " AND ".join(where) if where else "") + order
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    picked = store.con.execute(sql, params).fetchall()
    if not picked:
        return []
    docs = sorted({d for _, d in picked})
    rows = _rows(store, event_select() + " WHERE list_contains(?, e.event_id) AND list_contains(?, d.doc_id) "
                 "AND d.doc_id BETWEEN ? AND ?" + order, [[e for e, _ in picked], docs, docs[0], docs[-1]])
    if canonical and rows:
        _add_counts(store, rows)
    return rows


def evidence(store: Store, canon_id: int) -> list[dict[str, Any]]:
    """Every report of one canonical event: document, sentence and its text."""
    return _rows(store, event_select() + " WHERE e.canon_id = ? ORDER BY e.event_id", [canon_id])


def _rows(store: Store, sql: str, params: list) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _add_counts(store: Store, rows: list[dict[str, Any]]) -> None:
    """Mention, document and source counts of canonical events (only for the rows returned)."""
    counts = {r[0]: r[1:] for r in store.con.execute(
        """SELECT canon_id, count(*), count(DISTINCT doc_id), count(DISTINCT d.source)
           FROM events JOIN documents d USING (doc_id) WHERE canon_id IN (SELECT unnest(?))
           GROUP BY canon_id""", [[r["event_id"] for r in rows]]).fetchall()}
    for r in rows:
        r["n_mentions"], r["n_documents"], r["n_sources"] = counts[r["event_id"]]
