"""Actor profile and quotes: what an actor did, what was done to it, with whom, and what it said."""
from __future__ import annotations

from typing import Any

from ..store import Store
from .sql import actor_ids, cut, date_range, fts_quote_ids, iso_date, quote_text


def _rows(store: Store, sql: str, params: list) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def quotes(store: Store, speaker: str | int | None = None, start=None, end=None, text: str | None = None,
           limit: int | None = 100) -> list[dict[str, Any]]:
    """Quotations (newest first) by a speaker (actor id, name, registry id or country), with document and text."""
    where, params = [], []
    if speaker is not None:
        where.append("q.speaker_actor IN (SELECT unnest(?))")
        params.append(actor_ids(store, speaker))
    where += date_range("coalesce(q.date, d.date)", start, end)
    if text:
        where.append("q.quote_id IN (SELECT unnest(?))")
        params.append(list(fts_quote_ids(store, store.fts.search(text, "quotes", 50_000, order="recent")).values()))
    sql = f"""
        SELECT q.quote_id, d.ext_id AS document, d.doc_id, {iso_date('q')} AS date, d.date AS document_date,
               q.form, a.name AS speaker, a.country AS speaker_country, ad.name AS addressee,
               coalesce(q.cue_text, {cut('q.cue_start', 'q.cue_end')}) AS cue, {quote_text()} AS text,
               q.sentences, q.rule, round(CAST(q.confidence AS DOUBLE), 4) AS confidence
        FROM quotes q JOIN documents d USING (doc_id)
        LEFT JOIN actors a ON a.actor_id = q.speaker_actor LEFT JOIN actors ad ON ad.actor_id = q.addressee_actor
        {'WHERE ' + ' AND '.join(where) if where else ''}
        ORDER BY coalesce(q.date, d.date) DESC NULLS LAST, q.quote_id DESC"""
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _rows(store, sql, params)


def actor_profile(store: Store, actor: str | int, top: int = 10, start=None, end=None) -> dict[str, Any]:
    """Events as source and as target (by type), main counterparts, first/last date and latest quotes."""
    ids = actor_ids(store, actor)
    scope = " AND ".join(["TRUE", *date_range("e.date", start, end)])
    info = _rows(store, "SELECT actor_id, name, country, sector, registry_id, kind, learned FROM actors "
                        "WHERE actor_id IN (SELECT unnest(?)) ORDER BY actor_id", [ids])
    by_role = _rows(store, f"""
        SELECT CASE WHEN list_contains($ids, e.src_actor) THEN 'source' ELSE 'target' END AS role,
               e.type, count(*) AS mentions, count(*) FILTER (WHERE e.event_id = e.canon_id) AS events,
               avg(e.intensity) AS mean_intensity, min(e.date) AS first, max(e.date) AS last
        FROM events e WHERE (list_contains($ids, e.src_actor) OR list_contains($ids, e.tgt_actor))
             AND {scope} GROUP BY ALL ORDER BY role, mentions DESC""",
                    {"ids": ids})
    counterparts = _rows(store, f"""
        SELECT a.name, a.country, count(*) AS mentions,
               count(*) FILTER (WHERE list_contains($ids, e.src_actor)) AS actor_as_source,
               avg(e.intensity) AS mean_intensity
        FROM events e JOIN actors a ON a.actor_id = CASE WHEN list_contains($ids, e.src_actor)
                                                         THEN e.tgt_actor ELSE e.src_actor END
        WHERE (list_contains($ids, e.src_actor) OR list_contains($ids, e.tgt_actor))
              AND NOT list_contains($ids, a.actor_id) AND {scope}
        GROUP BY a.name, a.country ORDER BY mentions DESC, a.name LIMIT {int(top)}""",
                         {"ids": ids})
    return {
        "actor": info,
        "as_source": [r for r in by_role if r["role"] == "source"],
        "as_target": [r for r in by_role if r["role"] == "target"],
        "counterparts": counterparts,
        "quotes": quotes(store, actor, start, end, limit=top) if ids else [],
    }

