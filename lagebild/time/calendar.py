"""Calendar arithmetic on possibly partial dates, producing TIMEX3 value strings.

An anchor (the document date or a date mentioned before) may be known only to the
year or month ("2024", "2024-07") or not at all. Every function here keeps what is
unknown unknown ("2024-07-XX", "XXXX-WXX") instead of inventing a day.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

_ISO = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?")


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None

    @property
    def full(self) -> Optional[dt.date]:
        if self.year and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None

    def __str__(self) -> str:
        return fmt(self.year, self.month, self.day)


UNKNOWN = PartialDate()


def parse_iso(value: Optional[str]) -> PartialDate:
    """"2024-07-15" / "2024-07" / "2024" / "XXXX-01-13" (a time part is ignored); anything
    else is unknown."""
    if not value:
        return UNKNOWN
    m = _ISO.match(value.strip())
    if not m:
        return UNKNOWN
    y, mo, d = (int(g) if g and g[0] != "X" else None for g in m.groups())
    try:
        if y and mo and d:
            dt.date(y, mo, d)
    except ValueError:
        return PartialDate(y, mo)
    return PartialDate(y, mo, d)


def fmt(year: Optional[int], month: Optional[int] = None, day: Optional[int] = None, *, granularity: str = "D") -> str:
    """TIMEX3 date at granularity Y, M or D with X for unknown parts."""
    ys = f"{year:04d}" if year is not None else "XXXX"
    if granularity == "Y":
        return ys
    ms = f"{month:02d}" if month is not None else "XX"
    if granularity == "M":
        return f"{ys}-{ms}"
    ds = f"{day:02d}" if day is not None and month is not None else "XX"
    return f"{ys}-{ms}-{ds}"


def fmt_date(d: dt.date) -> str:
    return d.isoformat()


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def shift_days(anchor: PartialDate, days: int) -> str:
    full = anchor.full
    if full is None and anchor.year is None and anchor.month and anchor.day:
        # day and month known, year not ("XXXX-01-13"): count in a common year
        ref = dt.date(2000 if (anchor.month, anchor.day) == (2, 29) else 2001, anchor.month, anchor.day)
        return "XXXX" + (ref + dt.timedelta(days=days)).isoformat()[4:]
    if full is None:
        return fmt(anchor.year, anchor.month, None)
    return fmt_date(full + dt.timedelta(days=days))


def shift_weeks(anchor: PartialDate, weeks: int, suffix: str = "") -> str:
    full = anchor.full
    if full is None:
        return (f"{anchor.year:04d}" if anchor.year else "XXXX") + "-WXX" + suffix
    return week_value(full + dt.timedelta(weeks=weeks)) + suffix


def shift_months(anchor: PartialDate, months: int) -> str:
    if anchor.year is None or anchor.month is None:
        return fmt(anchor.year if months == 0 else None, None, granularity="M")
    total = anchor.year * 12 + anchor.month - 1 + months
    return fmt(total // 12, total % 12 + 1, granularity="M")


def shift_years(anchor: PartialDate, years: int) -> str:
    return fmt(anchor.year + years if anchor.year else None, granularity="Y")


def shift_unit(anchor: PartialDate, unit: str, n: int) -> str:
    """Anchor moved by n units, at that unit's granularity (D, W, M, Y, DE, CE)."""
    if unit == "D":
        return shift_days(anchor, n)
    if unit == "W":
        return shift_weeks(anchor, n)
    if unit == "M":
        return shift_months(anchor, n)
    if unit == "Y":
        return shift_years(anchor, n)
    if unit == "DE":
        return f"{(anchor.year // 10 + n):03d}" if anchor.year else "XXX"
    if unit == "CE":
        return f"{(anchor.year // 100 + n):02d}" if anchor.year else "XX"
    raise ValueError(unit)


def weekend(anchor: PartialDate, step: int, direction: int) -> str:
    """Weekend value: step -1/0/+1 (vergangenes/dieses/kommendes) or, with step None-like 0
    and a tense direction, the weekend just past (-1) or coming (+1)."""
    full = anchor.full
    if full is None:
        return shift_weeks(anchor, 0, "-WE")
    on_weekend = full.isoweekday() >= 6
    if step == 0 and direction == 0:
        weeks = 0 if on_weekend or full.isoweekday() >= 4 else -1
    elif step < 0 or (step == 0 and direction < 0):
        weeks = 0 if on_weekend and step == 0 else -1
    else:
        weeks = 1 if on_weekend and step > 0 else 0
    return shift_weeks(anchor, weeks, "-WE")


def weekday(anchor: PartialDate, iso_weekday: int, direction: int, this_week: bool = False) -> str:
    """The weekday relative to the anchor: direction -1 the last one before, +1 the next one
    after, 0 the nearest one (today included); this_week: the one in the anchor's week."""
    full = anchor.full
    if full is None:
        return fmt(anchor.year, anchor.month, None)
    today = full.isoweekday()
    if this_week:
        delta = iso_weekday - today
    elif direction > 0:
        delta = (iso_weekday - today) % 7 or 7
    elif direction < 0:
        delta = -((today - iso_weekday) % 7 or 7)
    else:
        back, ahead = (today - iso_weekday) % 7, (iso_weekday - today) % 7
        # no tense evidence (present tense: "Am Sonntag ist die Wahl", or a preterite the
        # cues miss): the occurrence nearest the anchor, today included
        delta = -back if back <= ahead else ahead
    return fmt_date(full + dt.timedelta(days=delta))


def year_for(anchor: PartialDate, month: int, day: Optional[int], direction: int) -> Optional[int]:
    """Year of a day/month mentioned without one: the nearest occurrence to the anchor, where
    one on the wrong side of the tense (future for past, past for future) counts three times
    as far plus 30 days (months: plus 6), so a wrong tense guess cannot move a date that is
    only days away, while "am 3. April begann ..." in November is this April and "im Mai
    hatte er..." in January is last May. None if the anchor year is unknown."""
    if anchor.year is None:
        return None
    if anchor.month is None:
        return anchor.year
    # distances in days (day known) or months (month only)
    if day is not None and anchor.day is not None:
        here, unit, penalty = dt.date(anchor.year, anchor.month, anchor.day).toordinal(), None, 30
    else:
        here, unit, penalty = anchor.year * 12 + anchor.month, "M", 6

    def cost(year: int) -> float:
        if unit is None:
            try:
                there = dt.date(year, month, day).toordinal()
            except ValueError:          # 29 February
                return float("inf")
        else:
            there = year * 12 + month
        gap = there - here
        wrong_side = (direction < 0 and gap > 0) or (direction > 0 and gap < 0)
        return abs(gap) * 3 + penalty if wrong_side else abs(gap)

    return min((anchor.year, anchor.year - 1, anchor.year + 1), key=cost)


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> dt.date:
    """``MM-DD`` or ``easter+N`` in the given year."""
    if rule.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(rule[6:]))
    month, day = rule.split("-")
    return dt.date(year, int(month), int(day))
