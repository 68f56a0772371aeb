"""Full-text search over sentences and quotes (German stemming), with the sentence and its document."""
from __future__ import annotations

from typing import Any

from ..store import Store
from .sql import fts_keys, fts_quote_ids, iso_date, quote_text


def search(store: Store, query: str, kind: str = "sentences", limit: int = 20,
           order: str = "rank") -> list[dict[str, Any]]:
    """Best matches first. ``query``: words (stemmed: "Ministerin" finds "Ministerinnen"), "a phrase",
    prefix*, AND / OR / NOT. ``kind``: "sentences" or "quotes". ``order``: "rank" (BM25) or
    "recent" (newest documents first; stays fast however many sentences match)."""
    hits = store.fts.search(query, kind, limit, order)
    if not hits:
        return []
    keys = fts_keys(hits)
    docs = sorted({d for d, _, _ in hits})
    if kind == "sentences":
        sql = f"""SELECT s.doc_id::BIGINT * 1048576 + s.i AS fts_key, d.ext_id AS document, d.title,
                         {iso_date('d')} AS date, s.i AS sentence, s.text
                  FROM sentence_text s JOIN documents d USING (doc_id)
                  WHERE s.doc_id IN (SELECT unnest($docs)) AND s.doc_id::BIGINT * 1048576 + s.i IN (SELECT unnest($ids))"""
        ids = keys
    else:
        by_key = fts_quote_ids(store, hits)
        keys = [by_key.get(k) for k in keys]
        sql = f"""SELECT q.quote_id AS fts_key, d.ext_id AS document, d.title, {iso_date('d')} AS date,
                         q.sentences, a.name AS speaker, {quote_text()} AS text
                  FROM quotes q JOIN documents d USING (doc_id) LEFT JOIN actors a ON a.actor_id = q.speaker_actor
                  WHERE q.doc_id IN (SELECT unnest($docs)) AND q.quote_id IN (SELECT unnest($ids))"""
        ids = [k for k in keys if k is not None]
    cur = store.con.execute(sql, {"docs": docs, "ids": ids})
    names = [c[0] for c in cur.description]
    found = {row[0]: dict(zip(names[1:], row[1:])) for row in cur.fetchall()}
    return [{**found[k], "score": round(score, 4)} for k, (_, _, score) in zip(keys, hits) if k in found]
