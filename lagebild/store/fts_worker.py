"""Full-text indexing in a second process, in parallel with the next batch's Python work.

Why a process and not a thread: stemming, row building and FTS5 merging hold the GIL
for most of their time, so a thread only overlaps the GIL-free DuckDB work. The worker
gets each batch only after its DuckDB commit and commits the sidecar in its own
transactions, in revision order; so the sidecar can lag behind DuckDB after a crash
(``FullTextIndex.sync`` repairs that at the next open) but never runs ahead of it.

It is started as a fresh interpreter that imports this module (not with multiprocessing's
spawn, which re-imports the caller's ``__main__``; not with ``-m``, which would import this
module twice, once through the package) and talks over its
stdin/stdout pipes with ``multiprocessing.connection`` messages.
"""
from __future__ import annotations

import os
import subprocess
import sys
import traceback
from multiprocessing.connection import Connection

from .fts import FullTextIndex, IndexedDoc


def batch_message(rows: dict[str, list], sentence_stems: list[str]) -> tuple:
    """What the worker needs of a stored batch (``rows.Batch.rows``): documents, spans, stems."""
    return ([(d[0], d[1], d[13]) for d in rows["documents"]], rows["sentences"],
            [(q[1], q[8], q[9]) for q in rows["quotes"]], sentence_stems)


def indexed_docs(documents, sentences, quotes) -> list[IndexedDoc]:
    """(doc_id, revision, text) + sentence rows (doc_id, i, start, end, ...) + quote
    (doc_id, content starts, content ends) -> one IndexedDoc per document."""
    by_doc: dict[int, list] = {}
    for row in sentences:
        by_doc.setdefault(row[0], []).append((row[2], row[3]))
    quote_spans: dict[int, list] = {}
    for doc_id, starts, ends in quotes:
        quote_spans.setdefault(doc_id, []).append(list(zip(starts, ends)))
    return [IndexedDoc(doc_id, revision, text, by_doc.get(doc_id, []), quote_spans.get(doc_id, []))
            for doc_id, revision, text in documents]


class WorkerError(RuntimeError):
    """Indexing failed in the worker; ``doc_id`` names the document (None: not one document)."""

    def __init__(self, doc_id: int | None, message: str) -> None:
        super().__init__(message)
        self.doc_id = doc_id


class IndexProcess:
    """The store's side of the worker: submit committed batches, wait, stop."""

    def __init__(self, sidecar: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-c", f"from {__name__} import main; main()", sidecar],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.to_worker = Connection(os.dup(self.proc.stdin.fileno()), readable=False)
        self.from_worker = Connection(os.dup(self.proc.stdout.fileno()), writable=False)
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.pending = 0
        self.failure: WorkerError | None = None

    def submit(self, message: tuple) -> None:
        """Queue one committed batch. Sending blocks only while the worker is still busy with
        the batch before (the pipe holds one message), which bounds memory to about two batches."""
        self.poll()
        try:
            self.to_worker.send(message)
        except OSError:
            self._died()
            return
        self.pending += 1

    def poll(self) -> None:
        """Collect the replies that are there, without waiting."""
        while self.pending and self.from_worker.poll():
            self._receive()

    def wait(self) -> None:
        """Until every submitted batch is indexed (or the worker failed)."""
        while self.pending:
            self._receive()

    def _receive(self) -> None:
        try:
            status, doc_id, message = self.from_worker.recv()
        except (EOFError, OSError):
            self._died()
            return
        self.pending -= 1
        if status == "error" and self.failure is None:
            self.failure = WorkerError(doc_id, message)

    def _died(self) -> None:
        self.pending = 0
        if self.failure is None:
            self.failure = WorkerError(None, f"the full-text index process exited (rc={self.proc.poll()})")

    def stop(self) -> None:
        """Wait for the queued batches, then end the worker (end of input makes it exit)."""
        try:
            self.wait()
        finally:
            self.to_worker.close()
            self.from_worker.close()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _culprit(fts: FullTextIndex, docs: list[IndexedDoc]) -> int | None:
    """The first document that cannot be indexed on its own (each try is rolled back)."""
    for doc in docs:
        try:
            fts.stage([doc])
        except Exception:
            return doc.doc_id
        fts.rollback()
    return None


def serve(sidecar: str, requests: Connection, replies: Connection) -> None:
    """Index batches in arrival order, one SQLite transaction each, until end of input.
    After a failure later batches are acknowledged but not indexed: the sidecar must not
    skip a revision (the store re-syncs it from DuckDB in-process instead)."""
    fts = FullTextIndex(sidecar)
    failed = False
    try:
        while True:
            try:
                documents, sentences, quotes, stems = requests.recv()
            except EOFError:
                return
            if failed:
                replies.send(("skipped", None, ""))
                continue
            docs = indexed_docs(documents, sentences, quotes)
            try:
                fts.index(docs, stems)
            except Exception as exc:
                failed = True
                message = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                replies.send(("error", _culprit(fts, docs), message))
                continue
            replies.send(("done", None, ""))
    finally:
        fts.close()


def main() -> None:
    requests = Connection(os.dup(0), writable=False)
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)       # stray prints must not corrupt the reply channel
    serve(sys.argv[1], requests, replies)

