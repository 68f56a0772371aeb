"""Embedded store (DuckDB), deduplication and full-text index for lagebild analyses.

    from lagebild.store import Store
    with Store(path) as store:          # path or None -> $LAGEBILD_DB or ./lagebild.duckdb
        if not store.has_document(content_hash(doc)): ...
        store.add(analyses, run={"version": ..., "stages": [...], "settings": {...}})
        store.summary()
"""
from .dedup import DedupConfig
from .store import DEFAULT_PATH, Store, actor_key, content_hash, resolve_path

__all__ = ["Store", "DedupConfig", "content_hash", "resolve_path", "actor_key", "DEFAULT_PATH"]
