"""The embedded DuckDB store: documents and everything coded from them.

One :meth:`Store.add` call is one transaction (a batch): a process killed at
any moment leaves either the whole batch or none of it, and a re-run skips the
documents already stored (content hash), so nothing is missing or stored twice.
DuckDB allows one writing process per file; readers open it ``read_only``.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb
import numpy as np
import pyarrow as pa

from ..model import ActorMention, Analysis, Document, ExcludedText
from . import dedup
from .dates import join_date
from .fts import BackgroundIndex, FullTextIndex, IndexedDoc
from .fts_worker import IndexProcess, WorkerError, batch_message, indexed_docs
from .rows import ACTOR_TYPES, Batch
from .schema import DDL, DOC_TABLES, MIGRATIONS, SCHEMA_VERSION, VIEWS

DEFAULT_PATH = "lagebild.duckdb"


def content_hash(document: Document) -> str:
    """sha256 of the normalised text (NFC, unified line ends, no outer whitespace)."""
    text = document.text
    if not unicodedata.is_normalized("NFC", text):   # the check is much cheaper than the copy
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hash_prefixes(hashes: list[str]) -> np.ndarray:
    return np.array([int(h[:16], 16) for h in hashes], dtype=np.uint64)


def resolve_path(path: str | os.PathLike | None) -> str:
    return str(path) if path is not None else os.environ.get("LAGEBILD_DB") or DEFAULT_PATH


def actor_key(m: ActorMention) -> str | None:
    """Identity of the canonical actor behind a mention: registry id, else name + country."""
    if m.registry_id:
        return "reg:" + m.registry_id
    if m.name:
        return f"name:{m.name.casefold()}|{m.country or ''}"
    return None


@contextmanager
def _no_gc():
    """Bulk conversion allocates millions of acyclic tuples; the cyclic collector would
    rescan every live object many times over (it tripled ingest time in benchmarks/store.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Store:
    # Batches of at least this many documents start the full-text index process (its start
    # costs ~0.5 s, so small jobs and tests index in-process); once started, it indexes every batch.
    fts_process_min_docs = 500

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False,
                 dedup_config: dedup.DedupConfig | None = None) -> None:
        self.path = resolve_path(path)
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no lagebild database at {self.path}")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            # Fewer, larger checkpoints: each one rewrites touched row groups, and at the default
            # 16 MB WAL threshold a 20k-event batch triggered one almost every commit.
            self.con.execute("SET checkpoint_threshold = '256MB'")
            self.con.execute(DDL)
            self.con.execute(VIEWS)
            self._init_meta(dedup_config)
        self.dedup_config = dedup.DedupConfig.from_json(self._meta("dedup") or dedup.DedupConfig().to_json())
        self._load_state()
        memory = self.path == ":memory:"
        self._fts = FullTextIndex(":memory:" if memory else self.path + ".fts")
        self._worker: IndexProcess | None = None
        self._worker_possible = not (memory or read_only)   # an in-memory sidecar cannot be shared
        if not read_only:
            self._fts.sync(self.con)

    # -- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Waits for the full-text index process, stops it and closes the store; an indexing
        error of the process is raised here (after closing) if no earlier call raised it."""
        try:
            self._settle_worker()
        finally:
            if self._worker is not None:
                self._stop_worker()
            self._fts.close()
            self.con.close()

    @property
    def fts(self) -> FullTextIndex:
        """The full-text index, caught up with every stored batch (waits for the index process)."""
        self._settle_worker()
        return self._fts

    def _settle_worker(self, wait: bool = True) -> None:
        """Collect the index process's replies (all of them if ``wait``); re-raise its failure,
        naming the document, and go back to in-process indexing, which re-syncs from DuckDB."""
        worker = self._worker
        if worker is None:
            return
        worker.wait() if wait else worker.poll()
        if worker.failure is None:
            return
        self._stop_worker()
        self._worker_possible = False
        raise self._worker_error(worker.failure) from worker.failure

    def _stop_worker(self) -> None:
        worker, self._worker = self._worker, None
        worker.stop()

    def _worker_error(self, failure: WorkerError) -> RuntimeError:
        if failure.doc_id is None:
            return RuntimeError(f"{self.path}: full-text indexing failed: {failure}")
        row = self.con.execute("SELECT ext_id FROM documents WHERE doc_id = ?", [failure.doc_id]).fetchone()
        return RuntimeError(f"{self.path}: full-text indexing of document {row[0] if row else '?'!r} "
                            f"(doc_id {failure.doc_id}) failed: {failure}")

    def _meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def _migrate(self, version: int) -> None:
        """Bring a store written by an older lagebild up to date, keeping its data."""
        if version == SCHEMA_VERSION:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            for v in range(version, SCHEMA_VERSION):
                self.con.execute(MIGRATIONS[v])
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _init_meta(self, config: dedup.DedupConfig | None) -> None:
        version = self._meta("schema_version")
        if version is not None and int(version) > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path}: schema version {version} is newer than this lagebild's "
                               f"({SCHEMA_VERSION}); upgrade lagebild")
        if version is not None:
            self._migrate(int(version))
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        stored = self._meta("dedup")
        if stored is None:
            self.con.execute("INSERT INTO meta VALUES ('dedup', ?)", [(config or dedup.DedupConfig()).to_json()])
        elif config is not None and config.to_json() != stored:
            raise ValueError(f"{self.path}: stored deduplication settings {stored} differ from {config.to_json()}; "
                             "use Store.rebuild_dedup(config) to change them")

    def _load_state(self) -> None:
        """Id counters and the actor table; reloaded after a rolled-back batch."""
        q = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        self._next_doc = q("SELECT coalesce(max(doc_id), 0) + 1 FROM documents")
        self._next_event = q("SELECT coalesce(max(event_id), 0) + 1 FROM events")
        self._next_quote = q("SELECT coalesce(max(quote_id), 0) + 1 FROM quotes")
        self._revision = q("SELECT coalesce(max(revision), 0) FROM documents")
        self._next_run = q("SELECT coalesce(max(run_id), 0) + 1 FROM runs")
        self._actors = dict(self.con.execute("SELECT key, actor_id FROM actors").fetchall())
        self._next_actor = max(self._actors.values(), default=0) + 1
        self._new_actors: list[tuple] = []
        self._runs: dict[str, int] = {}
        self._hash_keys: np.ndarray | None = None   # loaded on first use (readers rarely need it)

    # -- writing ---------------------------------------------------------------------------------
    def has_document(self, hash_: str) -> bool:
        return bool(self._existing([hash_]))

    def _resolve_actor(self, m: ActorMention) -> int | None:
        key = actor_key(m)
        if key is None:
            return None
        actor_id = self._actors.get(key)
        if actor_id is None:
            actor_id = self._actors[key] = self._next_actor
            self._next_actor += 1
            self._new_actors.append((actor_id, key, m.name, m.country, list(m.sector), m.registry_id,
                                     m.kind, m.registry_id is None))
        return actor_id

    def _run_id(self, run: dict[str, Any]) -> int:
        key = json.dumps(run, sort_keys=True, default=str)
        if key not in self._runs:
            run_id = self._runs[key] = self._next_run
            self._next_run += 1
            # Everything but version and stages (settings, schema version, ...) is kept as JSON.
            extra = {k: v for k, v in run.items() if k not in ("version", "stages")}
            self.con.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?)", [
                run_id, dt.datetime.now(), str(run.get("version", "")), list(run.get("stages", [])),
                json.dumps(extra, sort_keys=True, default=str)])
        return self._runs[key]

    def _existing(self, hashes: list[str]) -> set[str]:
        """The given content hashes already stored. A sorted in-memory array of their first 64
        bits answers almost every lookup; only prefix hits (re-runs) ask DuckDB, because a
        query per batch would scan every stored hash and slow ingest down as the store grows."""
        keys = self._stored_hash_keys()
        prefixes = _hash_prefixes(hashes)
        at = np.minimum(np.searchsorted(keys, prefixes), max(len(keys) - 1, 0))
        hits = [h for h, hit in zip(hashes, keys[at] == prefixes if len(keys) else []) if hit]
        if not hits:
            return set()
        rows = self.con.execute("SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?))",
                                [hits]).fetchall()
        return {r[0] for r in rows}

    def _stored_hash_keys(self) -> np.ndarray:
        if self._hash_keys is None:
            found = self.con.execute("SELECT ('0x' || substr(content_hash, 1, 16))::UBIGINT AS k FROM documents "
                                     "ORDER BY k").fetchnumpy()["k"]
            self._hash_keys = np.asarray(found, dtype=np.uint64)
        return self._hash_keys

    def _remember_hashes(self, hashes: list[str]) -> None:
        keys, new = self._stored_hash_keys(), np.sort(_hash_prefixes(hashes))
        self._hash_keys = np.insert(keys, np.searchsorted(keys, new), new)

    def add(self, analyses: Iterable[Analysis], run: dict[str, Any]) -> dict[str, int]:
        """Store a batch in one transaction; documents already stored (same content hash) are skipped."""
        analyses = list(analyses)
        self._settle_worker(wait=False)
        hashes = [content_hash(a.document) for a in analyses]
        worker = self._index_process(len(analyses))
        indexing = None
        with _no_gc():
            try:
                with self._transaction():
                    existing = self._existing(hashes)
                    batch = self._batch()
                    run_id = self._run_id(run)
                    added = 0
                    for analysis, h in zip(analyses, hashes):
                        if h in existing:
                            continue
                        existing.add(h)
                        batch.add(analysis, h, run_id)
                        added += 1
                    tables = self._prepare(batch)
                    if worker is None:
                        indexing = self._index_in_background(batch)   # overlaps the GIL-free insert
                    self._insert(tables, batch)
                    self._remember_hashes([d[4] for d in batch.rows["documents"]])
            except BaseException:
                if indexing is not None:
                    indexing.abandon()
                raise
            if worker is not None:
                if batch.rows["documents"]:
                    worker.submit(batch_message(batch.rows, batch.sentence_stems))
            elif indexing is not None:
                indexing.finish()
            else:
                self._index(batch)
        return {"added": added, "skipped": len(analyses) - added}

    def replace(self, doc_id: int, analysis: Analysis, run: dict[str, Any]) -> None:
        """Re-coded analysis of a stored document: its records are swapped in one transaction."""
        self.replace_many([(doc_id, analysis)], run)

    def replace_many(self, items: list[tuple[int, Analysis]], run: dict[str, Any]) -> None:
        with _no_gc(), self._transaction():
            batch = self._batch()
            run_id = self._run_id(run)
            ids = [doc_id for doc_id, _ in items]
            self._delete_docs(ids)
            for doc_id, analysis in items:
                batch.add(analysis, content_hash(analysis.document), run_id, doc_id=doc_id)
            self._write(batch)
            dedup.reassign_orphans(self.con, self.dedup_config)
        self._index(batch)

    def _delete_docs(self, ids: list[int]) -> None:
        lo, hi = min(ids), max(ids)
        where = "doc_id BETWEEN ? AND ? AND doc_id IN (SELECT unnest(?))"
        self.con.execute(f"DELETE FROM event_actors WHERE event_id IN (SELECT event_id FROM events WHERE {where})",
                         [lo, hi, ids])
        for table in (*DOC_TABLES, "documents"):
            self.con.execute(f"DELETE FROM {table} WHERE {where}", [lo, hi, ids])

    def _batch(self) -> Batch:
        return Batch(self._next_doc, self._next_event, self._next_quote, self._revision, self._resolve_actor)

    def _write(self, batch: Batch) -> None:
        self._insert(self._prepare(batch), batch)

    def _prepare(self, batch: Batch) -> dict[str, pa.Table]:
        """Arrow tables of the batch with canonical ids assigned; new actors are written here."""
        tables = batch.tables()
        if "events" in tables:
            events = tables["events"]
            canon = dedup.assign(self.con, events, self.dedup_config)
            tables["events"] = events.set_column(events.schema.get_field_index("canon_id"), "canon_id",
                                                 pa.array(canon, pa.int64()))
        if self._new_actors:
            # As an Arrow table: DuckDB's executemany runs one statement per row (~0.3 ms each).
            tables["actors"] = pa.table({col: pa.array(values, type=typ) for (col, typ), values
                                         in zip(ACTOR_TYPES.items(), zip(*self._new_actors))})
            self._new_actors = []
        return tables

    def _insert(self, tables: dict[str, pa.Table], batch: Batch) -> None:
        for name, table in tables.items():
            self.con.register("_batch", table)
            try:
                self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _batch")
            finally:
                self.con.unregister("_batch")
        self._next_doc, self._next_event, self._next_quote = batch.next_doc, batch.next_event, batch.next_quote
        self._revision = batch.revision

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One DuckDB transaction; on any error it is rolled back and the counters reloaded."""
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            self._load_state()
            raise
        self.con.commit()

    def _index_process(self, n_docs: int) -> IndexProcess | None:
        """The index process for this batch: the running one, or a new one for a large batch
        when the sidecar is caught up (else the batch is indexed in-process, which syncs)."""
        if self._worker is None and self._worker_possible and n_docs >= self.fts_process_min_docs \
                and self._fts.revision == self._revision:
            self._worker = IndexProcess(self.path + ".fts")
        return self._worker

    def _index(self, batch: Batch) -> None:
        """Feed the FTS sidecar from memory when it is up to date, else let it catch up from DuckDB."""
        docs = batch.rows["documents"]
        if not docs:
            return
        fts = self.fts   # in-process indexing: the index process must have finished first
        if fts.revision != docs[0][1] - 1:
            fts.sync(self.con)
            return
        fts.index(self._indexed_docs(batch), batch.sentence_stems)

    def _index_in_background(self, batch: Batch) -> BackgroundIndex | None:
        """Start indexing an up-to-date sidecar alongside the DuckDB write (None: index afterwards)."""
        docs = batch.rows["documents"]
        if not docs or self._fts.revision != docs[0][1] - 1:
            return None
        return BackgroundIndex(self._fts, lambda: self._indexed_docs(batch), batch.sentence_stems)

    @staticmethod
    def _indexed_docs(batch: Batch) -> list[IndexedDoc]:
        return indexed_docs(*batch_message(batch.rows, batch.sentence_stems)[:3])

    # -- reading ---------------------------------------------------------------------------------
    def documents(self, where: str = "TRUE", params: list | None = None, chunk: int = 500) -> Iterator[tuple[int, Document]]:
        """Stored documents rebuilt as :class:`Document` (text and spans unchanged), in doc_id order."""
        last = 0
        while True:
            rows = self.con.execute(
                f"""SELECT doc_id, ext_id, text, date, date_precision, date_raw, date_source, title, source,
                           url, path, body, excluded, metadata FROM documents
                    WHERE doc_id > ? AND ({where}) ORDER BY doc_id LIMIT ?""",
                [last, *(params or []), chunk]).fetchall()
            if not rows:
                return
            for (doc_id, ext_id, text, date, precision, raw, date_source, title, source, url, path,
                 body, excluded, metadata) in rows:
                yield doc_id, Document(
                    id=ext_id, text=text, date=join_date(date, precision, raw), date_source=date_source,
                    title=title, source=source, url=url, path=path, body=[tuple(s) for s in json.loads(body)],
                    excluded=[ExcludedText(**x) for x in json.loads(excluded)], metadata=json.loads(metadata))
            last = rows[-1][0]

    def summary(self, top: int = 10) -> dict[str, Any]:
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "sentences": one("SELECT count(*) FROM sentences"),
            "events": one("SELECT count(*) FROM events"),
            "canonical_events": one("SELECT count(*) FROM events WHERE event_id = canon_id"),
            "events_by_type": dict(self.con.execute(
                "SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1").fetchall()),
            "top_dyads": [tuple(r) for r in self.con.execute(
                """SELECT s.name, t.name, count(*) AS n FROM events e
                   JOIN actors s ON e.src_actor = s.actor_id JOIN actors t ON e.tgt_actor = t.actor_id
                   GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?""", [top]).fetchall()],
            "top_country_dyads": [tuple(r) for r in self.con.execute(
                """SELECT coalesce(s.country, 'UNK'), coalesce(t.country, 'UNK'), count(*) AS n FROM events e
                   JOIN actors s ON e.src_actor = s.actor_id JOIN actors t ON e.tgt_actor = t.actor_id
                   WHERE NOT e.negated GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?""", [top]).fetchall()],
            "quotes": one("SELECT count(*) FROM quotes"),
            "top_speakers": [tuple(r) for r in self.con.execute(
                """SELECT a.name, count(*) AS n FROM quotes q JOIN actors a ON q.speaker_actor = a.actor_id
                   GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?""", [top]).fetchall()],
        }

    def rebuild_dedup(self, config: dedup.DedupConfig) -> None:
        """Re-cluster every stored event under new settings (one transaction)."""
        with self._transaction():
            self.con.execute("UPDATE events SET canon_id = NULL")
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('dedup', ?)", [config.to_json()])
            self.dedup_config = config
            dedup.reassign_orphans(self.con, config)
