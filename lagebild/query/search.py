"""Full-text search over sentences and quotes (German stemming), with the sentence and its document."""
from __future__ import annotations

from typing import Any

from ..store import Store
from .sql import fts_keys, fts_quote_ids, iso_date


def search(store: Store, query: str, kind: str = "sentences", limit: int = 20,
           order: str = "rank") -> list[dict[str, Any]]:
    """Best matches first. ``query``: words (stemmed: "Ministerin" finds "Ministerinnen"), "a phrase",
    prefix*, AND / OR / NOT. ``kind``: "sentences" or "quotes". ``order``: "rank" (BM25) or
    "recent" (newest documents first; stays fast however many sentences match)."""
    hits = store.fts.search(query, kind, limit, order)
    if not hits:
        return []
    # Plain lookups by id, texts cut here: joining views over all documents would scan them all.
    docs = _documents(store, sorted({d for d, _, _ in hits}))
    keys = fts_keys(hits)
    if kind == "sentences":
        rows = store.con.execute(
            """SELECT doc_id::BIGINT * 1048576 + i, doc_id, i, "start", "end" FROM sentences
               WHERE doc_id IN (SELECT unnest($docs)) AND doc_id::BIGINT * 1048576 + i IN (SELECT unnest($keys))""",
            {"docs": list(docs), "keys": keys}).fetchall()
        found = {key: {**docs[doc], "sentence": i, "text": docs[doc]["_text"][s:e]} for key, doc, i, s, e in rows}
    else:
        by_key = fts_quote_ids(store, hits)
        rows = store.con.execute(
            """SELECT q.quote_id, q.doc_id, q.sentences, q.content_starts, q.content_ends, a.name
               FROM quotes q LEFT JOIN actors a ON a.actor_id = q.speaker_actor
               WHERE q.doc_id IN (SELECT unnest($docs)) AND q.quote_id IN (SELECT unnest($ids))""",
            {"docs": list(docs), "ids": list(by_key.values())}).fetchall()
        quotes = {qid: {**docs[doc], "sentences": sents, "speaker": speaker,
                        "text": " … ".join(docs[doc]["_text"][s:e] for s, e in zip(starts, ends))}
                  for qid, doc, sents, starts, ends, speaker in rows}
        found = {key: quotes[qid] for key, qid in by_key.items() if qid in quotes}
    out = []
    for key, (_, _, score) in zip(keys, hits):
        if key in found:
            row = {k: v for k, v in found[key].items() if k != "_text"}
            out.append({**row, "score": round(score, 4)})
    return out


def _documents(store: Store, doc_ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = store.con.execute(
        f"""SELECT d.doc_id, d.ext_id, d.title, {iso_date('d')}, d.text FROM documents d
            WHERE list_contains($ids, d.doc_id) AND d.doc_id BETWEEN $lo AND $hi""",
        {"ids": doc_ids, "lo": doc_ids[0], "hi": doc_ids[-1]}).fetchall()
    return {doc_id: {"document": ext_id, "title": title, "date": date, "_text": text}
            for doc_id, ext_id, title, date, text in rows}
