"""The Python API: ``lagebild.analyze(text, date=...)`` and ``lagebild.analyze_many(items)``."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping, Union

from .ingest import IngestError, make_document
from .ingest.sources import Reader
from .model import Analysis, Document
from .pipeline import Failure, Pipeline


@lru_cache(maxsize=8)
def get_pipeline(stages: tuple[str, ...] | None = None) -> Pipeline:
    """One pipeline (and so one copy of every model) per process and stage list."""
    return Pipeline(stages)


def analyze(text: str, date: str | None = None, *, id: str = "doc", title: str | None = None,
            read_header: bool = False, stages: Iterable[str] | None = None) -> Analysis:
    """Analyse one German text. ``date`` is its publication date (ISO, may be partial)."""
    doc = make_document(id, text, date=date, title=title, read_header=read_header)
    return get_pipeline(tuple(stages) if stages is not None else None)(doc)


DocumentLike = Union[str, Mapping[str, Any], Document]


def analyze_many(items: Iterable[DocumentLike], date: str | None = None, *,
                 stages: Iterable[str] | None = None) -> Iterator[Union[Analysis, Failure]]:
    """Stream analyses of texts, records ({"id","text","date",...}) or Documents.

    A document that cannot be analysed comes out as a :class:`Failure` and the
    stream goes on.
    """
    pipeline = get_pipeline(tuple(stages) if stages is not None else None)
    reader = Reader(date=date)
    for n, item in enumerate(items, 1):
        default_id = f"doc{n}"
        try:
            if isinstance(item, Document):
                doc = item
            elif isinstance(item, str):
                doc = make_document(default_id, item)
            else:
                doc = reader.record_document(dict(item), default_id=default_id)
        except IngestError as exc:
            rid = item.get("id") if isinstance(item, Mapping) else None
            yield Failure(str(rid or default_id), str(exc))
            continue
        if doc.date is None and reader.default_date:
            doc.date, doc.date_source = reader.default_date, "option"
        yield from pipeline.pipe([doc])
