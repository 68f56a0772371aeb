"""Turn paths (files, directories, '-' for stdin) into a stream of Documents.

A source that cannot be read becomes a :class:`~lagebild.pipeline.Failure` naming
the document and the reason; the stream goes on with the next one.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Union

from ..model import Document
from ..pipeline import Failure
from .dates import DateValueError, normalize_date
from .text import IngestError, decode, make_document

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
RECORD_FIELDS = ("id", "text", "date", "title", "source", "url")

Item = Union[Document, Failure]


class Reader:
    """Reads documents from paths.

    ``date``: ISO date for documents that carry none (date_source "option").
    ``fields``: record field names to use for id/text/date/title/source/url in
    JSONL and CSV input, e.g. {"text": "body"}.
    """

    def __init__(self, date: str | None = None, fields: Mapping[str, str] | None = None) -> None:
        self.default_date = normalize_date(date) if date else None
        unknown = set(fields or {}) - set(RECORD_FIELDS)
        if unknown:
            raise ValueError(f"unknown field(s) {sorted(unknown)}; mappable: {', '.join(RECORD_FIELDS)}")
        self.fields = {name: (fields or {}).get(name, name) for name in RECORD_FIELDS}

    def read(self, paths: Iterable[str | Path]) -> Iterator[Item]:
        for p in paths:
            if str(p) == "-":
                yield from self._finish(self.read_stdin())
                continue
            path = Path(p)
            if path.is_dir():
                files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
                if not files:
                    yield Failure(str(path), "directory holds no .txt/.html/.jsonl/.csv files")
                for f in files:
                    yield from self._finish(self.read_file(f, id_root=path))
            elif path.is_file():
                yield from self._finish(self.read_file(path))
            else:
                yield Failure(str(path), "no such file or directory")

    def _finish(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            if isinstance(item, Document) and item.date is None and self.default_date:
                item.date, item.date_source = self.default_date, "option"
            yield item

    def read_file(self, path: Path, id_root: Path | None = None) -> Iterator[Item]:
        name = str(path)
        doc_id = (path.relative_to(id_root) if id_root else Path(path.name)).with_suffix("").as_posix()
        suffix = path.suffix.lower()
        try:
            data = path.read_bytes()
            if suffix in JSONL_SUFFIXES:
                yield from self._records(_jsonl_records(decode(data)[0]), name, path.stem)
            elif suffix in CSV_SUFFIXES:
                text = decode(data)[0]
                yield from self._records(_csv_records(text, "\t" if suffix == ".tsv" else ","), name, path.stem)
            elif suffix in HTML_SUFFIXES:
                from .html import read_html

                yield read_html(decode(data)[0], doc_id, path=name)
            else:
                text, encoding = decode(data)
                yield make_document(doc_id, text, path=name, read_header=True,
                                    metadata={"encoding": encoding} if encoding != "utf-8" else None)
        except (IngestError, OSError, csv.Error) as exc:
            yield Failure(name, str(exc))

    def read_stdin(self, stream: io.TextIOBase | None = None) -> Iterator[Item]:
        stream = stream or sys.stdin
        text = stream.read()
        if text.lstrip().startswith("{"):
            yield from self._records(_jsonl_records(text), "<stdin>", "stdin")
            return
        try:
            yield make_document("stdin", text, read_header=True)
        except IngestError as exc:
            yield Failure("<stdin>", str(exc))

    def _records(self, records: Iterator[tuple[int, Any]], name: str, stem: str) -> Iterator[Item]:
        for lineno, rec in records:
            where = f"{name}:{lineno}"
            if isinstance(rec, Exception):
                yield Failure(where, str(rec), where=where)
                continue
            try:
                yield self.record_document(rec, default_id=f"{stem}:{lineno}", path=where)
            except IngestError as exc:
                rid = rec.get(self.fields["id"]) if isinstance(rec, dict) else None
                yield Failure(str(rid) if rid not in (None, "") else where, str(exc), where=where)

    def record_document(self, rec: Any, default_id: str, path: str | None = None) -> Document:
        if not isinstance(rec, dict):
            raise IngestError(f"expected an object with a {self.fields['text']!r} field, got {type(rec).__name__}")
        f = self.fields
        if f["text"] not in rec:
            raise IngestError(f"no {f['text']!r} field (fields: {', '.join(map(str, rec)) or 'none'})")
        used = {f[k] for k in RECORD_FIELDS}
        rid = rec.get(f["id"])
        return make_document(
            default_id if rid in (None, "") else str(rid), rec[f["text"]],
            date=rec.get(f["date"]), title=rec.get(f["title"]), source=rec.get(f["source"]),
            url=rec.get(f["url"]), path=path, allow_empty=True,
            metadata={k: v for k, v in rec.items() if k not in used},
        )


def _jsonl_records(text: str) -> Iterator[tuple[int, Any]]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, IngestError(f"invalid JSON: {exc.msg} at column {exc.colno}")


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[int, Any]]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in reader:
        yield reader.line_num, {k: v for k, v in row.items() if k is not None}


def count_documents(paths: Iterable[str | Path]) -> int | None:
    """How many documents ``Reader.read(paths)`` will yield, for a progress bar;
    None when that cannot be known without reading them (stdin, CSV with quoted
    line breaks). Cheap next to analysing: JSONL lines are counted, not parsed."""
    total = 0
    for p in paths:
        if str(p) == "-":
            return None
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED) \
            if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            if suffix in CSV_SUFFIXES:
                return None
            if suffix in JSONL_SUFFIXES and f.is_file():
                with open(f, "rb") as stream:
                    total += sum(1 for line in stream if line.strip())
            else:
                total += 1
        total += not files   # an empty directory is reported as one failure
    return total


def read_documents(paths: Iterable[str | Path], date: str | None = None,
                   fields: Mapping[str, str] | None = None) -> Iterator[Item]:
    return Reader(date=date, fields=fields).read(paths)


__all__ = ["Reader", "read_documents", "count_documents", "SUPPORTED", "DateValueError"]
