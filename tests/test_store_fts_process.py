"""Full-text indexing in a second process: reads see every batch, errors name the document,
in-memory stores index in-process."""
from __future__ import annotations

import pytest

from lagebild.store import Store
from lagebild.store import store as store_module
from lagebild.store.fts_worker import IndexProcess
from test_store_data import all_analyses, build

RUN = {"version": "t"}


@pytest.fixture
def index_process(monkeypatch):
    """Every batch goes through the index process (normally only large ones start it)."""
    monkeypatch.setattr(Store, "fts_process_min_docs", 1)


def numbered(name: str, n: int):
    a = build(name)
    a.document.text += f" (Meldung {n})"
    a.document.id = f"{name}-{n}"
    return a


def test_search_right_after_add_sees_every_batch(tmp_path, index_process):
    with Store(tmp_path / "p.duckdb") as s:
        s.add(all_analyses(), RUN)
        worker = s._worker
        assert worker is not None
        for n in range(5):
            s.add([numbered("angriff", n)], RUN)
            assert len(s.fts.search("Raketen")) == n + 2
        assert sorted(d for d, _, _ in s.fts.search("Munitionen", kind="quotes")) == [2]
    assert worker.proc.returncode == 0, "close() stops the index process"
    with Store(tmp_path / "p.duckdb", read_only=True) as s:
        assert s.fts.revision == 8 and len(s.fts.search("Raketen")) == 6


def test_in_memory_store_indexes_in_process(index_process):
    with Store(":memory:") as s:
        s.add(all_analyses(), RUN)
        assert s._worker is None
        assert [(d, i) for d, i, _ in s.fts.search("Rakete")] == [(3, 0)]


def test_worker_error_names_the_document_and_store_recovers(tmp_path, index_process, monkeypatch):
    real = store_module.batch_message

    def broken(rows, stems):     # a document without text cannot be indexed
        documents, sentences, quotes, stems = real(rows, stems)
        return [(d, r, None) for d, r, _ in documents], sentences, quotes, stems

    path = tmp_path / "e.duckdb"
    with Store(path) as s:
        s.add([build("paris")], RUN)
        monkeypatch.setattr(store_module, "batch_message", broken)
        s.add([numbered("elysee", 1)], RUN)         # stored in DuckDB; the index process fails on it
        monkeypatch.undo()
        with pytest.raises(RuntimeError, match=r"document 'elysee-1' \(doc_id 2\)"):
            s.fts.search("Munition")
        assert s._worker is None
        s.add([numbered("angriff", 1)], RUN)        # in-process indexing catches up from DuckDB
        assert [d for d, _, _ in s.fts.search("Munition")] == [2]
        assert [d for d, _, _ in s.fts.search("Raketen")] == [3]


def test_index_process_skips_batches_after_a_failure(tmp_path):
    worker = IndexProcess(str(tmp_path / "w.fts"))
    worker.submit(([(1, 1, None)], [], [(1, [0], [3])], []))
    worker.submit(([(2, 2, "Raketen fliegen.")], [(2, 0, 0, 16, 1)], [], ["rak flieg"]))
    worker.stop()
    assert worker.failure is not None and worker.failure.doc_id == 1
    assert worker.proc.returncode == 0
