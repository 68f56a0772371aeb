"""Publication dates from metadata values: ISO (possibly partial), German numeric, or words."""
from __future__ import annotations

import re
from functools import lru_cache

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z]*)?\s*$")
_GERMAN_NUMERIC = re.compile(r"^\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\b")


class DateValueError(ValueError):
    pass


def normalize_date(value: object) -> str:
    """ISO date string, as precise as the value is: '2024', '2024-07' or '2024-07-15'.

    Raises DateValueError for a value that is not a recognisable date, so that
    a bad header is reported instead of silently dropped.
    """
    text = str(value).strip()
    m = _ISO.match(text)
    if m:
        return _iso(*m.groups())
    m = _GERMAN_NUMERIC.match(text)
    if m:
        day, month, year = m.groups()
        return _iso(year, month, day)
    return _parse_words(text)


def _iso(year: str, month: str | None, day: str | None) -> str:
    import datetime as dt

    y = int(year)
    if month is None:
        return f"{y:04d}"
    mo = int(month)
    if not 1 <= mo <= 12:
        raise DateValueError(f"month {mo} out of range")
    if day is None:
        return f"{y:04d}-{mo:02d}"
    try:
        return dt.date(y, mo, int(day)).isoformat()
    except ValueError as exc:
        raise DateValueError(str(exc)) from exc


@lru_cache(maxsize=1)
def _parser():
    # dateparser is slow to import and only used on short metadata values, never on free text.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["de", "en"], settings={"PREFER_DAY_OF_MONTH": "first"})


def _parse_words(text: str) -> str:
    if not text or len(text) > 60:
        raise DateValueError(f"not a date: {text[:60]!r}")
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        raise DateValueError(f"not a date: {text!r}")
    d = data.date_obj
    if data.period == "year":
        return f"{d.year:04d}"
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.date().isoformat()
