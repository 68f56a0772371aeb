"""HTML pages: main text and metadata through trafilatura (no hand-written boilerplate removal)."""
from __future__ import annotations

from ..model import Document
from .text import IngestError, make_document


def read_html(html: str, doc_id: str, path: str | None = None) -> Document:
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=True)
    if result is None:
        raise IngestError("no article text found in the HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    meta = {k: data[k] for k in ("author", "sitename", "hostname", "description", "categories", "tags")
            if data.get(k)}
    meta["format"] = "html"
    return make_document(
        doc_id, text, date=data.get("date"), title=data.get("title"), source=data.get("sitename"),
        url=data.get("url"), path=path, metadata=meta,
    )
