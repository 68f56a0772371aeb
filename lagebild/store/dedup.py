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
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

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


def assign(con: duckdb.DuckDBPyConnection, events: pa.Table, config: DedupConfig) -> np.ndarray:
    """Canonical id for each row of ``events`` (in order), matching stored clusters first."""
    canon = events.column("event_id").to_numpy().copy()
    if not config.enabled:
        return canon
    # Only day-precise, factual events with both actors can be the same happening.
    todo = np.flatnonzero(pc.and_(
        pc.and_(pc.equal(events.column("date_precision"), DAY), pc.invert(events.column("negated"))),
        pc.and_(pc.invert(events.column("hypothetical")),
                pc.and_(pc.is_valid(events.column("src_actor")), pc.is_valid(events.column("tgt_actor"))))
    ).fill_null(False).to_numpy(zero_copy_only=False))
    if len(todo) == 0:
        return canon
    pending = events.take(todo)
    groups, group_keys = _groups(pending)
    days = pending.column("date").cast(pa.int32()).to_numpy()    # days since 1970: int arithmetic
    stored = _stored_anchors(con, group_keys, int(days.min()), int(days.max()), config)
    busy = _busy(groups, days, stored["group"], stored["day"], config.window_days)
    # Events with no same-dyad report within the window (stored or pending) found their own
    # cluster and nobody can join it: only the others go through the matching loop below.
    ids, sigs = canon[todo], pending.column("signature").to_numpy()
    order = [i for i in np.lexsort((ids, days)).tolist() if busy[i]]
    clusters: dict[tuple, list] = {}
    for g, eid, day, sig in zip(stored["group"].tolist(), stored["event_id"].tolist(),
                                stored["day"].tolist(), stored["signature"].tolist()):
        clusters.setdefault((g, day), []).append((eid, sig))
    # Anchors by (dyad group, day): an event looks only at the 2w+1 days around its own.
    offsets = [(-abs(d), d) for d in range(-config.window_days, config.window_days + 1)]
    find, min_sim = clusters.get, config.min_similarity
    groups, days, ids, sigs = groups.tolist(), days.tolist(), ids.tolist(), sigs.tolist()
    for i in order:
        g, day, sig = groups[i], days[i], sigs[i]
        best, best_score = None, None
        for closeness, offset in offsets:
            for cid, csig in find((g, day + offset), ()):
                sim = similarity(sig, csig)
                if sim < min_sim:
                    continue
                score = (sim, closeness, -cid)
                if best_score is None or score > best_score:
                    best, best_score = cid, score
        if best is None:
            clusters.setdefault((g, day), []).append((ids[i], sig))
        else:
            canon[todo[i]] = best
    return canon


def _groups(pending: pa.Table) -> tuple[np.ndarray, pa.Table]:
    """Dyad group number of each row (same type, source and target) and the distinct groups."""
    types = pending.column("type").combine_chunks().dictionary_encode().indices.to_numpy(zero_copy_only=False)
    src, tgt = pending.column("src_actor").to_numpy(), pending.column("tgt_actor").to_numpy()
    order = np.lexsort((tgt, src, types))
    change = (np.diff(types[order]) != 0) | (np.diff(src[order]) != 0) | (np.diff(tgt[order]) != 0)
    starts = np.concatenate(([True], change))
    groups = np.empty(len(order), dtype=np.int64)
    groups[order] = np.cumsum(starts) - 1
    first = order[starts]
    keys = pending.select(["type", "src_actor", "tgt_actor"]).take(first)
    return groups, keys.append_column("group", pa.array(np.arange(len(first)), pa.int64()))


def _busy(groups, days, stored_groups, stored_days, window: int) -> np.ndarray:
    """For each pending event: is another pending event or a stored anchor of its dyad group
    within ``window`` days? Neighbours in (group, day) order are enough to tell."""
    g = np.concatenate([groups, stored_groups])
    d = np.concatenate([days, stored_days]).astype(np.int64)
    order = np.lexsort((d, g))
    g, d = g[order], d[order]
    near = (g[1:] == g[:-1]) & (d[1:] - d[:-1] <= window)
    flag = np.zeros(len(g), dtype=bool)
    flag[1:] |= near
    flag[:-1] |= near
    busy = np.empty(len(g), dtype=bool)
    busy[order] = flag
    return busy[:len(groups)]


def _stored_anchors(con, keys: pa.Table, first: int, last: int, config: DedupConfig) -> dict[str, np.ndarray]:
    """Stored cluster anchors that pending events could join: group, event_id, day, signature."""
    lo = _EPOCH + dt.timedelta(days=first - config.window_days)
    hi = _EPOCH + dt.timedelta(days=last + config.window_days)
    con.register("_dedup_keys", keys)
    try:
        found = con.execute(
            """SELECT k."group", e.event_id, (e.date - DATE '1970-01-01')::INTEGER AS day, e.signature
               FROM events e JOIN _dedup_keys k USING (type, src_actor, tgt_actor)
               WHERE e.event_id = e.canon_id AND e.date BETWEEN ? AND ? AND e.date_precision = ?
               ORDER BY e.event_id""", [lo, hi, DAY]).fetchnumpy()
    finally:
        con.unregister("_dedup_keys")
    types = {"group": np.int64, "event_id": np.int64, "day": np.int64, "signature": np.int64}
    return {k: np.asarray(found[k], dtype=typ) for k, typ in types.items()}


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
