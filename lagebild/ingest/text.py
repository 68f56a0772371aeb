"""Plain-text articles: decoding, leading metadata lines, body regions."""
from __future__ import annotations

import codecs
import re
from typing import Any

from ..model import Document, ExcludedText
from .boilerplate import find_boilerplate
from .dates import DateValueError, normalize_date


class IngestError(ValueError):
    """A document cannot be read; the message says why (the caller adds which document)."""


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding). UTF-8 first (with or without BOM), then statistical detection."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError("cannot detect the text encoding (binary file?)")
    return str(best), best.encoding


# "date 2024-07 1 Die USA ..." - a crawler's header glued to the first line.
_DATE_PREFIX = re.compile(r"[ \t]*date[ \t]+(\d{4}(?:-\d{2}){0,2})(?:[ \t]+\d+)?[ \t]*")
_HEADER_LINE = re.compile(
    r"[ \t]*(?P<key>Titel|Title|Überschrift|Datum|Date|Veröffentlicht|Published|Quelle|Source|URL|Link|"
    r"Autor|Autorin|Author|Id|Ort|Rubrik|Ressort|Sprache|Language)[ \t]*:[ \t]*(?P<value>[^\n]*?)[ \t]*(?:\n|$)",
    re.IGNORECASE,
)
_KEYS = {
    "titel": "title", "title": "title", "überschrift": "title",
    "datum": "date", "date": "date", "veröffentlicht": "date", "published": "date",
    "quelle": "source", "source": "source", "url": "url", "link": "url",
    "autor": "author", "autorin": "author", "author": "author", "id": "id", "ort": "place",
    "rubrik": "section", "ressort": "section", "sprache": "language", "language": "language",
}


def parse_header(text: str) -> tuple[dict[str, str], list[ExcludedText], int]:
    """Metadata lines at the very top: (fields, excluded stretches, offset where the body starts)."""
    fields: dict[str, str] = {}
    excluded: list[ExcludedText] = []
    pos = len(text) - len(text.lstrip("\n\r\ufeff"))
    while True:
        m = _DATE_PREFIX.match(text, pos)
        if m and "date" not in fields:
            fields["date"] = m.group(1)
            excluded.append(ExcludedText("header", m.start(), m.end(), text[m.start():m.end()]))
            pos = m.end()
            continue
        m = _HEADER_LINE.match(text, pos)
        if m and m.group("value"):
            fields.setdefault(_KEYS[m.group("key").lower()], m.group("value"))
            end = m.end() if text[m.end() - 1:m.end()] != "\n" else m.end() - 1
            excluded.append(ExcludedText("header", m.start(), end, text[m.start():end]))
            pos = m.end()
            continue
        break
    return fields, excluded, pos


def body_regions(text: str, start: int, cut: list[ExcludedText]) -> list[tuple[int, int]]:
    regions, pos = [], start
    for x in sorted(cut, key=lambda x: x.start):
        if x.start < pos:
            continue
        if text[pos:x.start].strip():
            regions.append((pos, x.start))
        pos = x.end
    if text[pos:].strip():
        regions.append((pos, len(text)))
    return regions


def make_document(
    doc_id: str,
    text: str,
    *,
    date: Any = None,
    date_source: str = "metadata",
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    path: str | None = None,
    metadata: dict[str, Any] | None = None,
    read_header: bool = False,
    allow_empty: bool = False,
) -> Document:
    """Build a Document: header lines (optional), boilerplate cut out, date normalised.

    ``allow_empty``: an empty text gives a document without sentences instead of
    an error (records in JSONL/CSV keep their one-to-one mapping to output lines).
    """
    if not isinstance(text, str):
        raise IngestError(f"text must be a string, not {type(text).__name__}")
    if not text.strip() and not allow_empty:
        raise IngestError("document is empty")
    meta = dict(metadata or {})
    excluded: list[ExcludedText] = []
    start = 0
    if read_header:
        fields, excluded, start = parse_header(text)
        if fields.get("date") and not date:
            date, date_source = fields.pop("date"), "header"
        title = title or fields.pop("title", None)
        source = source or fields.pop("source", None)
        url = url or fields.pop("url", None)
        meta.update({k: v for k, v in fields.items() if k not in ("date", "title", "source", "url")})
    excluded += find_boilerplate(text, start)
    regions = body_regions(text, start, excluded)
    if not regions and text.strip():
        raise IngestError("no article text after removing header lines and credits")
    iso = None
    if date not in (None, ""):
        try:
            iso = normalize_date(date)
        except DateValueError as exc:
            raise IngestError(f"bad date {date!r}: {exc}") from exc
    for x in excluded:
        if x.kind != "header":
            meta.setdefault(x.kind, []).append(x.text)
    return Document(
        id=str(doc_id), text=text, date=iso, date_source=date_source if iso else "unknown",
        title=title or None, source=source or None, url=url or None, path=path,
        body=regions, excluded=excluded, metadata=meta,
    )
