"""Full-text search over sentences and quotes: SQLite FTS5 on Snowball stems.

Why SQLite FTS5: it ships inside Python (no new binary dependency, works
offline), supports BM25 ranking, phrases, prefixes and boolean operators, and
its index is one transactional file. German stemming is done by us (the same
``textkey.stem`` for index and query), so FTS5 only sees space-separated stems.

The index is a derived sidecar of the DuckDB store (``<db>.fts``), kept
contentless (the text lives in DuckDB only). DuckDB is the source of truth:
every document write bumps ``documents.revision``; the index records up to
which revision it has caught up, so a crash between the two commits is
repaired by :meth:`FullTextIndex.sync` at the next open.
"""
from __future__ import annotations

import json
import re
import sqlite3
import threading
from dataclasses import dataclass

import duckdb

from .textkey import analyse_many, stem

ROWID_SHIFT = 20  # rowid = doc_id << 20 | sentence or quote index
_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS indexed (doc_id INTEGER PRIMARY KEY, sentences TEXT, quotes TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_fts USING fts5(body, content='', tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS quote_fts USING fts5(body, content='', tokenize='unicode61 remove_diacritics 0');
"""
KINDS = {"sentences": "sentence_fts", "quotes": "quote_fts"}


@dataclass(slots=True)
class IndexedDoc:
    """What the index needs of one stored document: its text and the spans to index."""
    doc_id: int
    revision: int
    text: str
    sentences: list[tuple[int, int]]
    quotes: list[list[tuple[int, int]]]   # content spans per quote


def _span_text(text: str, spans) -> str:
    return " ".join(text[s:e] for s, e in spans)


def _stemmed(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(rowid, text) -> (rowid, stems)."""
    return list(zip([rowid for rowid, _ in rows], analyse_many([text for _, text in rows])[0]))


class FullTextIndex:
    def __init__(self, path: str) -> None:
        # Written from a helper thread during Store.add (see BackgroundIndex); never from two at once.
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        # A worker orphaned by a killed store may still commit its last batch when the next store opens.
        self.db.execute("PRAGMA busy_timeout=60000")
        self.db.executescript(_DDL)

    def close(self) -> None:
        self.db.close()

    @property
    def revision(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key='revision'").fetchone()
        return int(row[0]) if row else 0

    def index(self, docs: list[IndexedDoc], sentence_stems: list[str] | None = None) -> None:
        """Index (or re-index) documents in one SQLite transaction, advancing the watermark.
        ``sentence_stems``: the stems of every sentence of ``docs`` in order, where the
        caller has them already (a stored batch); else they are computed here."""
        if not docs:
            return
        self.stage(docs, sentence_stems)
        self.db.execute("COMMIT")

    def stage(self, docs: list[IndexedDoc], sentence_stems: list[str] | None = None) -> None:
        """:meth:`index` without the final COMMIT: the caller commits (or rolls back) the open
        SQLite transaction, so the index never runs ahead of the DuckDB commit it mirrors."""
        db = self.db
        db.execute("BEGIN")
        try:
            self._remove(docs)
            rowids, texts, quotes = [], [], []
            for doc in docs:
                base, text = doc.doc_id << ROWID_SHIFT, doc.text
                rowids += range(base, base + len(doc.sentences))
                if sentence_stems is None:
                    texts += [text[s:e] for s, e in doc.sentences]
                quotes += [(base | i, _span_text(text, spans)) for i, spans in enumerate(doc.quotes)]
            sentences = list(zip(rowids, analyse_many(texts)[0] if sentence_stems is None else sentence_stems))
            quotes = _stemmed(quotes)
            db.executemany("INSERT INTO sentence_fts(rowid, body) VALUES (?, ?)", sentences)
            db.executemany("INSERT INTO quote_fts(rowid, body) VALUES (?, ?)", quotes)
            db.executemany("INSERT OR REPLACE INTO indexed VALUES (?, ?, ?)",
                           [(d.doc_id, json.dumps(d.sentences), json.dumps(d.quotes) if d.quotes else "[]")
                            for d in docs])
            top = max(d.revision for d in docs)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('revision', ?)", (str(max(top, self.revision)),))
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def _remove(self, docs: list[IndexedDoc]) -> None:
        # A contentless FTS5 row is deleted by repeating the values it was indexed with;
        # those are recomputed from the unchanged document text and the spans recorded here.
        by_id = {d.doc_id: d for d in docs}
        ids = list(by_id)
        for at in range(0, len(ids), 10_000):
            part = ids[at:at + 10_000]
            rows = self.db.execute(f"SELECT doc_id, sentences, quotes FROM indexed WHERE doc_id IN "
                                   f"({','.join('?' * len(part))})", part).fetchall()
            for doc_id, sentences, quotes in rows:
                text, base = by_id[doc_id].text, doc_id << ROWID_SHIFT
                for table, items in (("sentence_fts", [[s] for s in json.loads(sentences)]),
                                     ("quote_fts", json.loads(quotes))):
                    self.db.executemany(
                        f"INSERT INTO {table}({table}, rowid, body) VALUES ('delete', ?, ?)",
                        _stemmed([(base | i, _span_text(text, spans)) for i, spans in enumerate(items)]))

    def sync(self, con: duckdb.DuckDBPyConnection, chunk: int = 2000) -> int:
        """Catch up with every document revision the index has not seen; returns how many."""
        done = 0
        while True:
            docs = load_docs(con, "revision > ? ORDER BY revision LIMIT ?", [self.revision, chunk])
            if not docs:
                return done
            self.index(docs)
            done += len(docs)

    def search(self, query: str, kind: str = "sentences", limit: int = 20,
               order: str = "rank") -> list[tuple[int, int, float]]:
        """(doc_id, index, bm25 score) best first; ``index`` is the sentence or quote position.
        ``order="recent"``: newest documents first, without scores; FTS5 then stops after
        ``limit`` matches instead of ranking all of them (fast for very common words)."""
        expr = to_fts_query(query)
        if not expr:
            return []
        table = KINDS[kind]
        if order == "rank":
            sql = f"SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT ?"
        elif order == "recent":
            sql = f"SELECT rowid, 0.0 FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?"
        else:
            raise ValueError("order must be 'rank' or 'recent'")
        rows = self.db.execute(sql, (expr, limit)).fetchall()
        mask = (1 << ROWID_SHIFT) - 1
        return [(rowid >> ROWID_SHIFT, rowid & mask, -score) for rowid, score in rows]


class BackgroundIndex:
    """Stages a batch's FTS rows in a helper thread while DuckDB inserts and commits the batch.

    Both DuckDB and SQLite do their heavy work with the GIL released, so the two overlap.
    The SQLite transaction stays open until :meth:`finish` (after the DuckDB commit) or is
    rolled back by :meth:`abandon`; a crash in between only leaves the index behind, which
    :meth:`FullTextIndex.sync` repairs at the next open.
    """

    def __init__(self, fts: FullTextIndex, make_docs, sentence_stems: list[str]) -> None:
        self.fts, self.error = fts, None

        def run() -> None:
            try:
                fts.stage(make_docs(), sentence_stems)
            except BaseException as exc:     # re-raised in the caller's thread by finish()
                self.error = exc

        self.thread = threading.Thread(target=run, name="lagebild-fts", daemon=True)
        self.thread.start()

    def finish(self) -> None:
        self.thread.join()
        if self.error is not None:
            self.fts.rollback()
            raise self.error
        self.fts.db.execute("COMMIT")

    def abandon(self) -> None:
        self.thread.join()
        self.fts.rollback()


def load_docs(con: duckdb.DuckDBPyConnection, where: str, params: list) -> list[IndexedDoc]:
    docs = con.execute(f"SELECT doc_id, revision, text FROM documents WHERE {where}", params).fetchall()
    if not docs:
        return []
    ids = [d[0] for d in docs]
    bounds = [min(ids), max(ids), ids]
    sentences = dict(con.execute(
        """SELECT doc_id, list([s."start", s."end"] ORDER BY i) FROM sentences s
           WHERE doc_id BETWEEN ? AND ? AND doc_id IN (SELECT unnest(?)) GROUP BY doc_id""", bounds).fetchall())
    quotes = dict(con.execute(
        """SELECT doc_id, list(list_zip(content_starts, content_ends) ORDER BY quote_id) FROM quotes
           WHERE doc_id BETWEEN ? AND ? AND doc_id IN (SELECT unnest(?)) GROUP BY doc_id""", bounds).fetchall())
    return [IndexedDoc(doc_id, rev, text, [tuple(s) for s in sentences.get(doc_id, [])],
                       [[tuple(p.values()) if isinstance(p, dict) else tuple(p) for p in q]
                        for q in quotes.get(doc_id, [])])
            for doc_id, rev, text in docs]


_QUERY_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_OPERATORS = {"AND", "OR", "NOT"}
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def to_fts_query(query: str) -> str:
    """User query -> FTS5 expression on stems: words are stemmed, "phrases" kept as
    phrases, ``prefix*`` matches stems starting with the folded prefix, AND/OR/NOT pass through."""
    parts = []
    for m in _QUERY_TOKEN.finditer(query):
        phrase, word = m.groups()
        if phrase is not None:
            stems = [stem(w) for w in re.findall(r"\w+", phrase)]
            if stems:
                parts.append('"' + " ".join(stems) + '"')
        elif word in _OPERATORS:
            parts.append(word)
        elif word.endswith("*") and re.fullmatch(r"\w+", word[:-1]):
            parts.append('"' + word[:-1].lower().translate(_FOLD) + '"*')
        else:
            parts.extend('"' + stem(w) + '"' for w in re.findall(r"\w+", word))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    while parts and parts[0] in _OPERATORS:
        parts.pop(0)
    return " ".join(parts)
