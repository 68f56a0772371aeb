"""Dyad time series: how relations between two sides changed, per day, week or month."""
from __future__ import annotations

from typing import Any

from ..store import Store
from .sql import actor_ids, date_range

# A period of this length needs dates at least this precise (2 = month, 3 = day).
FREQUENCIES = {"day": 3, "week": 3, "month": 2, "year": 1}


def dyad_series(store: Store, a: str | int, b: str | int, freq: str = "month", start=None, end=None,
                directed: bool = False) -> list[dict[str, Any]]:
    """Per period: canonical events by quad class (1 verbal coop .. 4 material conflict), raw mentions,
    mean intensity and the Goldstein-style sum of intensities. A side is an actor id, name, registry id
    or country code. Undirected unless ``directed`` (then only a -> b). Negated and hypothetical events
    are left out: they did not happen."""
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {sorted(FREQUENCIES)}")
    side_a, side_b = actor_ids(store, a), actor_ids(store, b)
    pair = "(e.src_actor IN (SELECT unnest($a)) AND e.tgt_actor IN (SELECT unnest($b)))"
    if not directed:
        pair = f"({pair} OR (e.src_actor IN (SELECT unnest($b)) AND e.tgt_actor IN (SELECT unnest($a))))"
    where = [pair, "e.date_precision >= $precision", "NOT e.negated", "NOT e.hypothetical",
             *date_range("e.date", start, end)]
    named = {"a": side_a, "b": side_b, "precision": FREQUENCIES[freq], "freq": freq}
    cur = store.con.execute(f"""
        SELECT CAST(date_trunc($freq, e.date) AS DATE) AS period,
               count(*) FILTER (WHERE e.event_id = e.canon_id) AS events,
               count(*) AS mentions,
               count(*) FILTER (WHERE e.event_id = e.canon_id AND e.quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE e.event_id = e.canon_id AND e.quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE e.event_id = e.canon_id AND e.quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE e.event_id = e.canon_id AND e.quad_class = 4) AS material_conflict,
               avg(e.intensity) FILTER (WHERE e.event_id = e.canon_id) AS mean_intensity,
               sum(e.intensity) FILTER (WHERE e.event_id = e.canon_id) AS goldstein
        FROM events e WHERE {' AND '.join(where)} GROUP BY period ORDER BY period""", named)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]
