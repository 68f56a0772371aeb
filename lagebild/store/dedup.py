"""Cross-document event deduplication: many reports, one canonical event.

Two events are the same happening when they have the same type, source actor
and target actor, dates (day precision) within ``window_days`` of the
cluster's first report, and evidence that shares content words (estimated
Jaccard of stems >= ``min_similarity``). Each raw event keeps its row; its
``canon_id`` names the cluster's first event, so the raw mentions stay
queryable and the canonical view counts mentions, documents and sources.
Negated and hypothetical events are never merged: they did not happen.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

import duckdb
import pyarrow as pa

from .dates import DAY
from .textkey import similarity


@dataclass(frozen=True)
class DedupConfig:
    enabled: bool = True
    window_days: int = 1
    min_similarity: float = 0.1

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "DedupConfig":
        return cls(**json.loads(text))


_EPOCH = dt.date(1970, 1, 1)
_COLUMNS = ("event_id", "type", "src_actor", "tgt_actor", "date", "date_precision", "negated", "hypothetical",
            "signature")


def assign(con: duckdb.DuckDBPyConnection, events: pa.Table, config: DedupConfig) -> list[int]:
    """Canonical id for each row of ``events`` (in order), matching stored clusters first."""
    cols = events.select([c for c in _COLUMNS if c != "date"]).to_pydict()
    # Days since 1970 as plain ints: int arithmetic and hashing beat datetime.date in this loop.
    cols["date"] = events.column("date").cast(pa.int32()).to_pylist()
    ids, dates, sigs = cols["event_id"], cols["date"], cols["signature"]
    keys = list(zip(cols["type"], cols["src_actor"], cols["tgt_actor"]))
    canon = list(ids)
    if not config.enabled:
        return canon
    # Only day-precise, factual events with both actors can be the same happening.
    todo = [i for i, (p, k, neg, hyp) in enumerate(zip(cols["date_precision"], keys, cols["negated"],
                                                       cols["hypothetical"]))
            if p == DAY and k[1] is not None and k[2] is not None and not neg and not hyp]
    if not todo:
        return canon
    todo.sort(key=lambda i: (dates[i], ids[i]))
    clusters = _stored_clusters(con, {keys[i] for i in todo}, dates[todo[0]], dates[todo[-1]], config)
    # Anchors by (type, src, tgt, day): an event looks only at the 2w+1 days around its own.
    offsets = [(-abs(d), d) for d in range(-config.window_days, config.window_days + 1)]
    find, min_sim = clusters.get, config.min_similarity
    for i in todo:
        date, sig, (typ, src, tgt) = dates[i], sigs[i], keys[i]
        best, best_score = None, None
        for closeness, offset in offsets:
            anchors = find((typ, src, tgt, date + offset))
            if not anchors:
                continue
            for cid, csig in anchors:
                sim = similarity(sig, csig)
                if sim < min_sim:
                    continue
                score = (sim, closeness, -cid)
                if best_score is None or score > best_score:
                    best, best_score = cid, score
        if best is None:
            clusters.setdefault((typ, src, tgt, date), []).append((ids[i], sig))
        else:
            canon[i] = best
    return canon


def _stored_clusters(con, keys: set[tuple], first: int, last: int, config: DedupConfig) -> dict:
    """Stored cluster anchors that pending events could join, by (type, src, tgt, days since 1970)."""
    distinct = sorted(keys)
    keys = pa.table({"type": pa.array([k[0] for k in distinct], pa.string()),
                     "src_actor": pa.array([k[1] for k in distinct], pa.int32()),
                     "tgt_actor": pa.array([k[2] for k in distinct], pa.int32())})
    lo = _EPOCH + dt.timedelta(days=first - config.window_days)
    hi = _EPOCH + dt.timedelta(days=last + config.window_days)
    con.register("_dedup_keys", keys)
    try:
        found = con.execute(
            """SELECT e.type, e.src_actor, e.tgt_actor, e.event_id, (e.date - DATE '1970-01-01')::INTEGER,
                      e.signature
               FROM events e SEMI JOIN _dedup_keys k USING (type, src_actor, tgt_actor)
               WHERE e.event_id = e.canon_id AND e.date BETWEEN ? AND ? AND e.date_precision = ?
               ORDER BY e.event_id""", [lo, hi, DAY]).fetchall()
    finally:
        con.unregister("_dedup_keys")
    clusters: dict[tuple, list] = {}
    for typ, src, tgt, eid, date, sig in found:
        clusters.setdefault((typ, src, tgt, date), []).append((eid, sig))
    return clusters


def reassign_orphans(con: duckdb.DuckDBPyConnection, config: DedupConfig) -> int:
    """Events whose cluster anchor was deleted (recode) join or found clusters again."""
    orphans = con.sql(
        f"""SELECT {', '.join(_COLUMNS)} FROM events
            WHERE canon_id IS NULL OR canon_id NOT IN (SELECT event_id FROM events) ORDER BY event_id""").to_arrow_table()
    if orphans.num_rows == 0:
        return 0
    orphan_ids = tuple(orphans.column("event_id").to_pylist())
    # Cleared first, so that orphans are not taken for anchors of stored clusters.
    update_canon(con, orphan_ids, [None] * len(orphan_ids))
    canon = assign(con, orphans, config)
    update_canon(con, orphan_ids, canon)
    return len(orphan_ids)


def update_canon(con, event_ids, canon_ids) -> None:
    con.register("_canon", pa.table({"event_id": pa.array(event_ids, pa.int64()),
                                     "canon": pa.array(canon_ids, pa.int64())}))
    try:
        con.execute("UPDATE events SET canon_id = c.canon FROM _canon c WHERE events.event_id = c.event_id")
    finally:
        con.unregister("_canon")
