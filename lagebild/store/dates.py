"""Partial ISO dates <-> (DATE, precision): compact, sortable, and lossless.

"2024" is stored as 2024-01-01 with precision 1, "2024-07" as 2024-07-01 with
precision 2, a full day with precision 3. Anything else ("XXXX-01-13",
"2024-W28") keeps its text in a ``*_raw`` column, which is NULL (free) otherwise.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

NONE, YEAR, MONTH, DAY = 0, 1, 2, 3
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@lru_cache(maxsize=65536)   # bulk ingest sees the same few thousand dates over and over
def split_date(value: str | None) -> tuple[dt.date | None, int, str | None]:
    """(date, precision, raw) where raw is set only when the date cannot hold the value."""
    if not value:
        return None, NONE, None
    m = _ISO.match(value)
    if not m:
        return None, NONE, value
    year, month, day = m.groups()
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None, NONE, value
    return date, (DAY if day else MONTH if month else YEAR), None


def join_date(date: dt.date | None, precision: int, raw: str | None) -> str | None:
    if raw is not None or date is None:
        return raw
    iso = date.isoformat()
    return iso[: {YEAR: 4, MONTH: 7}.get(precision, 10)]


def parse_bound(value: str | dt.date | None, end: bool = False) -> dt.date | None:
    """A query bound: '2024' or '2024-07' as start or (``end=True``) last day of the period."""
    if value is None or isinstance(value, dt.date):
        return value
    date, precision, raw = split_date(value)
    if date is None:
        raise ValueError(f"not an ISO date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    if not end or precision == DAY:
        return date
    if precision == YEAR:
        return dt.date(date.year, 12, 31)
    nxt = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
