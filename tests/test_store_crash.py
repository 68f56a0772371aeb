"""Crash consistency: a writer killed with SIGKILL at any moment leaves a consistent store,
and running the job again stores every document exactly once."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lagebild.store import Store

WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from lagebild.store import Store
    from test_store_data import build
    Store.fts_process_min_docs = {min_docs}
    with Store({db!r}) as store:
        for batch in range(400):
            docs = []
            for i in range(10):
                a = build(("paris", "elysee", "angriff")[i % 3])
                a.document.text += f" (Meldung {{batch}}-{{i}})"     # a distinct document each time
                a.document.id = f"{{batch}}-{{i}}"
                docs.append(a)
            store.add(docs, {{"version": "t"}})
            print(batch, flush=True)
""")


def indexed_at_least(db: Path, n: int):
    """Progress signal readable while the writer runs: documents in the FTS sidecar (SQLite WAL)."""
    def ready() -> bool:
        try:
            side = sqlite3.connect(f"file:{db}.fts?mode=ro", uri=True)
            try:
                return side.execute("SELECT count(*) FROM indexed").fetchone()[0] >= n
            finally:
                side.close()
        except sqlite3.Error:
            return False
    return ready


def kill_when(proc: subprocess.Popen, ready, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.fail(f"writer finished before it could be killed (rc={proc.returncode})")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def check_consistent(path: Path) -> int:
    """Every stored document whole and once, no dangling rows, full-text index caught up."""
    with Store(path) as s:
        con = s.con
        docs, hashes = con.execute("SELECT count(*), count(DISTINCT content_hash) FROM documents").fetchone()
        assert docs == hashes, "a document is stored twice"
        dangling = con.execute("""SELECT
            (SELECT count(*) FROM sentences WHERE doc_id NOT IN (SELECT doc_id FROM documents)) +
            (SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)) +
            (SELECT count(*) FROM event_actors WHERE event_id NOT IN (SELECT event_id FROM events)) +
            (SELECT count(*) FROM events WHERE canon_id NOT IN (SELECT event_id FROM events)) +
            (SELECT count(*) FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM sentences))""").fetchone()[0]
        assert dangling == 0
        assert s.fts.db.execute("SELECT count(*) FROM indexed").fetchone()[0] == docs, "index out of step"
        return docs


@pytest.mark.parametrize("min_docs", [1000, 1], ids=["in-process index", "index process"])
def test_killed_store_writer_leaves_whole_batches(tmp_path, min_docs):
    db = tmp_path / "crash.duckdb"
    script = WRITER.format(tests=str(Path(__file__).parent), db=str(db), min_docs=min_docs)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL)
    kill_when(proc, indexed_at_least(db, 30))
    stored = check_consistent(db)
    assert stored % 10 == 0 and stored >= 30, "a batch was stored in part"
    with Store(db) as s:
        per_doc = set(s.con.execute("""SELECT d.title IS NULL AND d.source = 'Tagesblatt', count(*) FROM events
                                        JOIN documents d USING (doc_id) GROUP BY doc_id, 1""").fetchall())
        assert per_doc == {(True, 3), (False, 1)}     # angriff has three events, paris and elysee one: complete


def make_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"m{i:04d}.txt").write_text(
            f"Meldung {i}\n\nDer Minister reiste am Montag nach Tokio. Dort traf er seinen Amtskollegen "
            "zu Gesprächen. Beide Seiten vereinbarten ein weiteres Treffen.\n",
            encoding="utf-8")


def analyze(corpus: Path, db: Path, **kw) -> subprocess.Popen:
    # Only the segmenter: this test is about the store, and must stay fast.
    return subprocess.Popen([sys.executable, "-m", "lagebild", "analyze", str(corpus), "--db", str(db),
                             "--stages", "segment", "--batch-size", "5", "--out", os.devnull],
                            stderr=subprocess.DEVNULL, **kw)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_analyze_rerun_stores_every_document_once(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "a.duckdb"
    make_corpus(corpus, 1500)
    proc = analyze(corpus, db)
    kill_when(proc, indexed_at_least(db, 50))
    partial = check_consistent(db)
    assert 0 < partial < 1500
    assert analyze(corpus, db).wait(timeout=300) == 0
    assert check_consistent(db) == 1500
    with Store(db, read_only=True) as s:
        per_doc = s.con.execute("SELECT DISTINCT count(*) FROM sentences GROUP BY doc_id").fetchall()
        assert len(per_doc) == 1     # every document complete: all were segmented alike
