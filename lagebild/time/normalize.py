"""Normalisers: turn a rule's regex match into TIMEX3 hits.

Each ``_rule_id`` method gets the match and the Context (document date, the date of the
story so far, the day named last, tense) and returns the hits; the static ``_..._ok``
checks veto a match before overlaps are resolved. The patterns live in rules.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from . import calendar as cal
from .calendar import PartialDate
from .lexicon import Lexicon


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    type: str
    value: Optional[str]
    rule: str
    mod: Optional[str] = None
    role: str = "date"
    anchor: Optional[str] = None
    day: Optional[PartialDate] = None   # a day-precise date later anaphora may count from
    freq: Optional[str] = None          # a SET's count: "2X" for "zweimal im Jahr"


class Context:
    """What a resolver may know: the document date, the last day-precise date, tense."""

    __slots__ = ("dct", "story", "narrative", "prev", "last", "sentence_day", "direction")

    def __init__(self, dct: PartialDate, direction: Callable[[int], int]) -> None:
        self.dct = dct
        # what dates without a year and "im Vorjahr" count from: the DCT in news, the date
        # last named in a history ("heute", "gestern", weekdays always count from the DCT)
        self.story = dct
        self.narrative = False
        self.prev = dct                    # last day-precise date mentioned (anaphora count from it)
        self.last = dct                    # last date of any precision ("zwei Jahre zuvor" counts from it)
        self.sentence_day: Optional[PartialDate] = None   # the same, within the current sentence
        self.direction = direction

    def year_direction(self, pos: int) -> int:
        """Which way a date without a year lies: a story moves forward from the date it
        last named; news follows the tense of the sentence."""
        return 1 if self.narrative else self.direction(pos)


Resolver = Callable[[re.Match, Context], list[Hit]]


# "heute ab 15 Uhr", "heute um 20.30", "heute 15-20 Uhr": the day itself
_CLOCK_NEAR = re.compile(r"[\s,]*(?:(?:ab|um|von|bis|gegen)\s+)?\d{1,2}(?:[.:]\d\d)?\s*(?:Uhr|[-–]|bis)", re.I)


# "30 Jahre alt", "der zwölf Jahre jüngere", "ein Alter von 14 Jahren", "die Altersgrenze von 16 Jahren"
_AGE_AFTER = re.compile(r"\s*(?:alt|alte[nrms]?|älter\w*|jung|jünger\w*)\b")
_AGE_BEFORE = re.compile(r"alter\w*\s+(?:von\s+)?$")
# "1350 bis 1750 Mark": the first number of a range of quantities
_RANGE_TO = re.compile(r"\s*(?:bis|-|–)\s*\d+\s+([^\s\d]+)")
_NOT_PAST_FRUEHER = re.compile(r"\s+(?:als|oder\s+später)\b", re.I)
_OF_SOMETHING = re.compile(r"\s+(?:der|des|von|vom|seine[rs]?|ihre[rs]?|meine[rs]?|unsere[rs]?|eine[rs]?)\b", re.I)
_ABSTRACT_TIMES = frozenset({"zukunft", "vergangenheit", "gegenwart"})
_IN_BEFORE = re.compile(r"\bin\s+(?:der\s+)?$", re.I)
_DAY_PAIR_AFTER = re.compile(r"\s+(?:und|oder|bis)\s+(?:über)?morgen\b", re.I)
_DAY_PAIR_BEFORE = re.compile(r"\b(?:vor)?gestern\s+(?:und|oder|wie)\s+$", re.I)
_PER_YEAR = re.compile(r"\s+(?:im|pro|je)\s+(?:(?:vergangenen|letzten|laufenden|selben|gleichen)\s+)?Jahre?\b", re.I)
# capitalised "Morgen" is "tomorrow" only where a sentence starts
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n„“\"»«]\s*)$")


def _num(text: str, lex: Lexicon) -> Optional[float]:
    t = re.sub(r"\s+", " ", text.lower())
    if t.replace(",", "").replace(".", "").isdigit():
        return float(t.replace(",", "."))
    if t in lex.number_words:
        return lex.number_words[t]
    return 0.5 if "halb" in t else None


def _n(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _duration(n: Optional[float], unit: str) -> str:
    q = "X" if n is None else _n(n)
    if unit in ("H", "S"):
        return f"PT{q}{unit}"
    if unit == "MIN":
        return f"PT{q}M"
    return f"P{q}{unit}"


class Normalizer:
    """Resolvers shared by the rules; ``RuleSet`` adds the compiled patterns."""

    lex: Lexicon

    # -- helpers ----------------------------------------------------------------------
    def _unit(self, word: str) -> Optional[str]:
        return self.lex.unit_index.get(word.lower())

    def _month_no(self, word: str) -> int:
        return self._months[word.lower().rstrip(".")]

    def _mod(self, m: re.Match) -> Optional[str]:
        fz = m.groupdict().get("fz")
        return self.lex.fuzzy_modifiers[fz.lower()] if fz else None

    def _hit(self, m: re.Match, rule: str, type_: str, value: Optional[str], **kw) -> Hit:
        return Hit(*self._span(m), type_, value, rule, **kw)

    def _rel_year(self, word: Optional[str], ctx: Context) -> Optional[int]:
        """Year named by "dieses/vergangenen/nächsten Jahres" relative to the document date."""
        if ctx.story.year is None:
            return None
        return ctx.story.year + self.lex.relative_modifiers[word.lower()]

    def _day_hit(self, m, rule, y, mo, d, ctx, span=None, mod=None, role="date") -> Hit:
        value = cal.fmt(y, mo, d)
        day = PartialDate(y, mo, d)
        hit = Hit(*(span or self._span(m)), "DATE", value, rule, mod=mod, role=role, day=day)
        return hit

    def _span(self, m: re.Match) -> tuple[int, int]:
        return m.span("span") if "span" in m.re.groupindex and m.start("span") >= 0 else m.span()

    # -- absolute dates ---------------------------------------------------------------
    def _date_numeric(self, m, ctx):
        d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if y < 100:     # two-digit year: this century unless that lies in the future
            y += 2000 if 2000 + y <= (ctx.story.year or 2000) + 10 else 1900
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return []
        return [self._day_hit(m, "date_numeric", y, mo, d, ctx)]

    def _date_day_month(self, m, ctx):
        mo = self._month_no(m.group("mon"))
        d = int(m.group("d"))
        if not 1 <= d <= 31:
            return []
        if m.group("y"):
            y = int(m.group("y"))
        elif m.group("yrel"):
            y = self._rel_year(m.group("yrel"), ctx)
        else:
            y = cal.year_for(ctx.story, mo, d, ctx.year_direction(m.start()))
        hits = []
        listed = m.group("list")
        if listed:
            base = m.start("list")
            for dm in re.finditer(r"([0-3]?\d)\.?", listed):
                if 1 <= int(dm.group(1)) <= 31:
                    hits.append(self._day_hit(m, "date_day_month", y, mo, int(dm.group(1)), ctx,
                                              span=(base + dm.start(), base + dm.end())))
        start = m.start("wd") if m.group("wd") else m.start("d")
        end = m.end()
        if m.string[end - 1] == "." and m.group("mon").lower() in self.lex.months:
            end -= 1            # "am 12. Januar." - the dot ends the sentence, not an abbreviation
        hits.append(self._day_hit(m, "date_day_month", y, mo, d, ctx, span=(start, end)))
        return hits

    def _month_year(self, m, ctx):
        y = int(m.group("y")) if m.group("y") else self._rel_year(m.group("rel"), ctx)
        return [self._hit(m, "month_year", "DATE", cal.fmt(y, self._month_no(m.group("mon")), granularity="M"),
                          mod=self._mod(m))]

    def _month(self, m, ctx):
        mo = self._month_no(m.group("mon"))
        y = cal.year_for(ctx.story, mo, None, ctx.year_direction(m.start()))
        return [self._hit(m, "month", "DATE", cal.fmt(y, mo, granularity="M"), mod=self._mod(m))]

    def _year_ok(self, m: re.Match, text: str) -> bool:
        """A bare 4-digit number is a year unless a unit follows ("2000 Euro") or a
        quantity word precedes it ("rund 1500")."""
        nxt = re.match(r"\s*([^\s\d]+)", text[m.end():m.end() + 20])
        if nxt and nxt.group(1).lower().rstrip(".,;:") in self._excl:
            return False
        rng = _RANGE_TO.match(text, m.end())
        if rng and rng.group(1).lower().rstrip(".,;:") in self._excl:
            return False
        if _PER_YEAR.match(text, m.end()):
            return False        # "1500 im Jahr 2012": a count per year
        if m.start("span") == m.start("y"):
            prev = text[max(0, m.start() - 15):m.start()].split()
            return not (prev and prev[-1].lower() in self._quantity)
        return True

    def _year(self, m, ctx):
        role = "date"
        return [self._hit(m, "year", "DATE", m.group("y"), mod=self._mod(m), role=role)]

    def _early_year(self, m, ctx):
        era = "BC" if m.group("bc") else ""      # TIMEX3 writes years before Christ as BC0480
        return [self._hit(m, "early_year", "DATE", f"{era}{int(m.group('y')):04d}")]

    def _decade(self, m, ctx):
        digit = int(m.group("dd")) if m.group("dd") else self.lex.decades[m.group("dw").lower()]
        century = m.group("c") or "19"
        return [self._hit(m, "decade", "DATE", f"{century}{digit}", mod=self._mod(m))]

    def _century(self, m, ctx):
        n = int(m.group("n"))
        return [self._hit(m, "century", "DATE", f"{n - 1:02d}")] if 1 <= n <= 21 else []

    def _season(self, m, ctx):
        code = self.lex.seasons[m.group("s").lower()]
        if m.group("y"):
            y = int(m.group("y"))
        elif m.group("yrel"):
            y = self._rel_year(m.group("yrel"), ctx)
        elif ctx.story.year is None:
            y = None
        else:
            step = self.lex.relative_modifiers[m.group("rel").lower()] if m.group("rel") else 0
            y = ctx.story.year + step
        return [self._hit(m, "season", "DATE", f"{cal.fmt(y, granularity='Y')}-{code}", mod=self._mod(m))]

    def _quarter(self, m, ctx):
        q = m.group("q").lower()
        half = not q.startswith("quartal")
        ordinal = m.group("ord").lower()
        y = int(m.group("y")) if m.group("y") else (
            self._rel_year(m.group("yrel"), ctx) if m.group("yrel") else ctx.story.year)
        if ordinal == "letzten":
            if ctx.story.month is None:
                return []
            n = (ctx.story.month - 1) // (6 if half else 3)   # the one before the current
            if n == 0:
                n, y = (2 if half else 4), (y - 1 if y else None)
        else:
            n = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4}.get(ordinal) or int(ordinal[0])
        if half and n > 2:
            return []
        return [self._hit(m, "quarter", "DATE", f"{cal.fmt(y, granularity='Y')}-{'H' if half else 'Q'}{n}")]

    def _holiday(self, m, ctx):
        rule = self._hol[re.sub(r"\s+", " ", m.group("h").lower())]
        if m.group("y"):
            y = int(m.group("y"))
        else:
            probe = cal.holiday_date(rule, ctx.story.year or 2000)
            y = cal.year_for(ctx.story, probe.month, probe.day, ctx.year_direction(m.start()))
        if y is None:
            return [self._hit(m, "holiday", "DATE", "XXXX-XX-XX" if rule.startswith("easter") else f"XXXX-{rule}")]
        d = cal.holiday_date(rule, y)
        return [self._day_hit(m, "holiday", d.year, d.month, d.day, ctx)]

    def _historic(self, m, ctx):
        value = self._hist[re.sub(r"\s+", " ", m.group("h").lower())]
        return [self._hit(m, "historical_anchor", "DATE", value, role="reference")]

    # -- relative to the document date -------------------------------------------------
    def _relative_day(self, m, ctx):
        w = m.group("w")
        lw = w.lower()
        if lw == "morgen" and w[0].isupper() and not m.group("dp") and not _SENTENCE_START.search(m.string, max(0, m.start() - 4), m.start()):
            return []      # "am Morgen": part of day, not tomorrow (handled by day_part)
        offset = self.lex.relative_days[lw]
        value = cal.shift_days(ctx.dct, offset)
        if offset == 0 and not (m.group("dp") or m.group("wd")) and self._heute_is_nowadays(m, ctx):
            return [self._hit(m, "relative_day", "DATE", "PRESENT_REF", role="reference")]
        day = ctx.dct if offset == 0 else cal.parse_iso(value)
        if m.group("dp"):
            return [self._hit(m, "relative_day", "TIME", f"{value}T{self.lex.day_parts[m.group('dp').lower()]}",
                              anchor="document", day=day)]
        return [self._hit(m, "relative_day", "DATE", value, anchor="document", day=day)]

    @staticmethod
    def _heute_is_nowadays(m: re.Match, ctx: Context) -> bool:
        """"heute" as "nowadays" (PRESENT_REF) rather than the publication day: "bis heute",
        "die heutige ...", or present tense without a clock time or programme nearby."""
        text = m.string
        before = text[max(0, m.start() - 12):m.start()].lower().split()
        if before and (before[-1] in ("bis", "von", "wie") or before[-2:-1] == ["wie"]):
            return True         # "bis heute", "wie man heute weiß"
        if m.group("w").lower() != "heute":
            return True
        if _CLOCK_NEAR.match(text, m.end()) or _DAY_PAIR_AFTER.match(text, m.end()) \
                or _DAY_PAIR_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            return False        # "heute und morgen", "gestern und heute": days
        return ctx.direction(m.start()) == 0

    def _weekday(self, m, ctx):
        wd = self.lex.weekdays[m.group("wd").lower()]
        rel = m.group("rel")
        step = self.lex.relative_modifiers.get(rel.lower(), 0) if rel else None
        if rel and rel.lower() in ("heutigen",):
            step = 0
        if step is None:
            value = cal.weekday(ctx.dct, wd, -1 if ctx.direction(m.start()) < 0 else
                                (1 if ctx.direction(m.start()) > 0 else 0))
        elif step == 0:
            value = cal.weekday(ctx.dct, wd, 0, this_week=True)
        else:
            value = cal.weekday(ctx.dct, wd, step)
        dp = m.group("dp") or m.group("dp2")
        day = cal.parse_iso(value)
        if dp:
            return [self._hit(m, "weekday", "TIME", f"{value}T{self.lex.day_parts[dp.lower()]}",
                              anchor="document", day=day)]
        return [self._hit(m, "weekday", "DATE", value, anchor="document", day=day)]

    def _weekday_set(self, m, ctx):
        wd = self.lex.weekdays[(m.group("wd") or m.group("wd2")).lower()]
        dp = m.group("dp") or m.group("dp2")
        value = f"XXXX-WXX-{wd}" + (f"T{self.lex.day_parts[dp.lower()]}" if dp else "")
        return [self._hit(m, "weekday_set", "SET", value, role="set")]

    def _day_part(self, m, ctx):
        code = self.lex.day_parts[m.group("dp").lower()]
        if ctx.prev is not ctx.dct:         # "am Abend" of the day named before
            day, anchor = str(ctx.prev), "previous date"
        else:                               # no day named: which day is unknown, not the DCT's
            day, anchor = cal.fmt(ctx.dct.year, ctx.dct.month, None), "document"
        return [self._hit(m, "day_part", "TIME", f"{day}T{code}", anchor=anchor)]

    def _day_part_set(self, m, ctx):
        code = self.lex.day_parts[m.group("dp").lower()]
        return [self._hit(m, "day_part_set", "SET", f"XXXX-XX-XXT{code}", role="set")]

    def _relative_unit(self, m, ctx):
        step = self.lex.relative_modifiers[m.group("rel").lower()]
        u = m.group("u").lower()
        mod = self._mod(m)
        if u.startswith("wochenende"):
            return [self._hit(m, "relative_unit", "DATE", cal.weekend(ctx.dct, step, 0), anchor="document")]
        unit = "Q" if u.startswith("quartal") else self._unit(u.rstrip("s") if u.endswith(("monats", "jahrs", "jahrzehnts", "jahrhunderts")) else u)
        if unit is None and u.startswith("jahr"):
            unit = "Y"
        if unit == "Q":
            if ctx.dct.month is None:
                return []
            q = (ctx.dct.year * 4 + (ctx.dct.month - 1) // 3 + step)
            return [self._hit(m, "relative_unit", "DATE", f"{q // 4:04d}-Q{q % 4 + 1}", anchor="document")]
        if unit not in ("W", "M", "Y", "DE", "CE"):
            return []
        anchor = ctx.dct if unit == "W" else ctx.story
        return [self._hit(m, "relative_unit", "DATE", cal.shift_unit(anchor, unit, step), mod=mod, anchor="document")]

    def _fuzzy_unit(self, m, ctx):
        u = m.group("u").lower()
        unit = {"woche": "W", "monats": "M", "jahres": "Y", "jahrzehnts": "DE", "jahrhunderts": "CE"}[u]
        anchor = ctx.dct if unit == "W" else ctx.story
        return [self._hit(m, "fuzzy_unit", "DATE", cal.shift_unit(anchor, unit, 0), mod=self._mod(m), anchor="document")]

    def _relative_noun(self, m, ctx):
        unit, step = self.lex.relative_nouns[m.group("w").lower()]
        return [self._hit(m, "relative_noun", "DATE", cal.shift_unit(ctx.story, unit, step), anchor="document")]

    def _weekend(self, m, ctx):
        # "die Ergebnisse vom Wochenende" looks back, "Regen zum Wochenende" ahead; else tense
        direction = {"vom": -1, "zum": 1}.get(m.group("prep").lower()) or ctx.direction(m.start())
        return [self._hit(m, "weekend", "DATE", cal.weekend(ctx.dct, 0, direction), anchor="document")]

    def _measure(self, m, rule, n, unit, start) -> Hit:
        """The duration inside "vor drei Jahren" / "zwei Jahre zuvor", typed as TimeML marks it
        (the date it implies is the hit before it, spanning the whole phrase)."""
        return Hit(start, self._span(m)[1], "DURATION", _duration(n, unit), rule,
                   mod="APPROX" if m.groupdict().get("apx") else None, role="duration")

    def _ago(self, m, ctx):
        n = _num(m.group("n"), self.lex)
        unit = self._unit(m.group("u"))
        measure = self._measure(m, "ago", n, unit, m.start("apx") if m.group("apx") else m.start("n"))
        if n is None or n != int(n):
            return [self._hit(m, "ago", "DATE", "PAST_REF", role="reference"), measure]
        step_unit, step = ("D", 0) if unit in ("H", "MIN") else (unit, int(n))
        value = cal.shift_unit(ctx.dct, step_unit, -step)
        mod = "APPROX" if m.group("apx") else None
        day = cal.parse_iso(value) if step_unit == "D" else None
        return [self._hit(m, "ago", "DATE", value, mod=mod, anchor="document", day=day), measure]

    # -- relative to the date mentioned before ----------------------------------------------
    def _anaphoric_day(self, m, ctx):
        offset = self._ana[re.sub(r"\s+", " ", m.group("w").lower())]
        value = cal.shift_days(ctx.prev, offset)
        return [self._hit(m, "anaphoric_day", "DATE", value, anchor=str(ctx.prev), day=cal.parse_iso(value))]

    def _anaphoric_offset(self, m, ctx):
        n = _num(m.group("n"), self.lex)
        if n is None or n != int(n):
            return []
        sign = self.lex.anaphoric_directions[m.group("dir").lower()]
        unit = self._unit(m.group("u"))
        # days and weeks need the day named before; "zwei Jahre zuvor" also counts from a year
        base = ctx.prev if unit in ("D", "W") or ctx.last.year is None else ctx.last
        value = cal.shift_unit(base, unit, sign * int(n))
        day = cal.parse_iso(value) if unit == "D" else None
        return [self._hit(m, "anaphoric_offset", "DATE", value, anchor=str(base), day=day),
                self._measure(m, "anaphoric_offset", n, unit, self._span(m)[0])]

    # -- durations and sets --------------------------------------------------------------
    def _duration_ok(self, m: re.Match, text: str) -> bool:
        after = text[m.end():m.end() + 12].lower()
        before = text[max(0, m.start() - 20):m.start()].lower()
        if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
            return False          # ages are not durations
        if m.group("u").lower() == "jahren" and re.search(r"\b(?:ab|unter|mit|bis\s+zu)\s*$", before):
            return False          # "ab 16 Jahren", "mit 30 Jahren": an age
        return self._unit(m.group("u")) is not None

    def _duration(self, m, ctx):
        unit = self._unit(m.group("u"))
        n = None if m.group("vague") else _num(m.group("n"), self.lex)
        if m.group("vague") is None and n is None:
            return []
        value = _duration(n, unit)
        if m.group("n2"):
            u2, n2 = self._unit(m.group("u2")), _num(m.group("n2"), self.lex)
            if u2 and n2 is not None and u2 != unit:
                value += _duration(n2, u2)[1:].replace("T", "") if not value.startswith("PT") else _duration(n2, u2)[2:]
        mod = "APPROX" if m.group("apx") else None
        return [self._hit(m, "duration", "DURATION", value, mod=mod, role="duration")]

    def _plural_duration(self, m, ctx):
        unit = self._unit(m.group("u"))
        if unit is None:
            return []
        start = m.start("span2") if m.group("span2") else m.start("u")
        return [Hit(start, m.end(), "DURATION", _duration(None, unit), "plural_duration", role="duration")]

    def _unit_adverb(self, m, ctx):
        unit = self.lex.unit_adverbs[m.group("w").lower()]
        return [self._hit(m, "unit_adverb", "DURATION", _duration(None, unit), role="duration")]

    def _frequency(self, m, ctx):
        count = m.group("k")
        return [self._hit(m, "frequency", "SET", self.lex.frequencies[m.group("f").lower()], role="set",
                          freq=self._freq(count + "mal") if count else None)]

    def _every_unit(self, m, ctx):
        u = (m.group("u") or m.group("u2")).lower()
        unit = {"tag": "D", "woche": "W", "monat": "M", "jahr": "Y", "stunde": "H"}[u]
        count = self._times_before.search(m.string, max(0, m.start() - 25), m.start())
        if count:   # "dreimal pro Woche"
            return [Hit(count.start(), self._span(m)[1], "SET", _duration(1, unit), "every_unit", role="set",
                        freq=self._freq(count.group(0)))]
        return [self._hit(m, "every_unit", "SET", _duration(1, unit), role="set")]

    def _per_unit_ok(self, m: re.Match, text: str) -> bool:
        """"zweimal im Jahr" always; a bare "im Jahr"/"am Tag" only after a count in the
        same clause ("300 Euro im Monat"), else it is "the year" of something."""
        if self._times_before.search(text, max(0, m.start() - 25), m.start()):
            return True
        if text[m.end():m.end() + 2].lstrip().startswith(","):
            return False            # "im Jahr, in dem ...": the year of something
        p, u = m.group("p").lower(), m.group("u").lower()
        if (p, u) not in (("im", "jahr"), ("im", "monat"), ("am", "tag")):
            return False            # "pro Jahr" is every_unit's; "die Woche" needs a count
        return bool(self._count_before.search(text, max(0, m.start() - 50), m.start()))

    def _per_unit(self, m, ctx):
        unit = {"tag": "D", "woche": "W", "monat": "M", "jahr": "Y"}[m.group("u").lower()]
        count = self._times_before.search(m.string, max(0, m.start() - 25), m.start())
        start = count.start() if count else m.start()
        return [Hit(start, m.end(), "SET", _duration(1, unit), "per_unit", role="set",
                    freq=self._freq(count.group(0)) if count else None)]

    def _freq(self, times: str) -> Optional[str]:
        """ "zweimal " -> "2X", "3-mal " -> "3X" (TIMEX3 freq); None for fractions."""
        word = re.sub(r"\s*-?mal\s*$", "", times, flags=re.I).strip().lower()
        n = self.lex.number_words.get(word) if not word.isdigit() else int(word)
        if n is None and word.startswith("ein"):
            n = 1
        return f"{int(n)}X" if n is not None and float(n).is_integer() else None

    def _clock_time(self, m, ctx, rule_id="clock_time"):
        anchor = ctx.sentence_day or ctx.dct
        day = cal.fmt(anchor.year, anchor.month, anchor.day)
        hits = []
        h = m.group("h")
        hour = int(h) if h.isdigit() else int(self.lex.number_words[h.lower()])
        groups = m.groupdict()
        first = f"{day}T{hour:02d}:{groups.get('mi') or groups.get('mi3') or '00'}"
        if groups.get("h2"):
            end_first = m.end("mi") if m.group("mi") else m.end("h")
            hits.append(Hit(m.start(), end_first, "TIME", first, rule_id, anchor=str(anchor)))
            second = f"{day}T{int(m.group('h2')):02d}:{m.group('mi2') or '00'}"
            hits.append(Hit(m.start("h2"), m.end(), "TIME", second, "clock_time", anchor=str(anchor)))
        else:
            hits.append(Hit(*self._span(m), "TIME", first, rule_id, anchor=str(anchor)))
        return hits

    def _clock_half(self, m, ctx):
        """"um halb zehn" = 09:30, "Viertel nach acht" = 08:15, "Viertel vor/dreiviertel neun" = 08:45."""
        h = m.group("h").lower()
        hour = int(h) if h.isdigit() else (1 if h == "eins" else int(self.lex.number_words[h]))
        q = re.sub(r"\s+", " ", m.group("q").lower())
        hour, minute = (hour, 15) if q == "viertel nach" else (hour - 1, 30 if q == "halb" else 45)
        anchor = ctx.sentence_day or ctx.dct
        day = cal.fmt(anchor.year, anchor.month, anchor.day)
        return [self._hit(m, "clock_half", "TIME", f"{day}T{hour % 24:02d}:{minute:02d}", anchor=str(anchor))]

    def _reference_ok(self, m: re.Match, text: str) -> bool:
        w = re.sub(r"\s+", " ", m.group("w").lower())
        after = text[m.end():m.end() + 20]
        if w == "früher":       # "früher als" compares, "früher oder später" is an idiom
            return not _NOT_PAST_FRUEHER.match(after)
        if w == "zur zeit":     # "zur Zeit der Monarchie": the time of something
            return not _OF_SOMETHING.match(after)
        if w in _ABSTRACT_TIMES:
            return bool(_IN_BEFORE.search(text, max(0, m.start() - 8), m.start()))
        return True

    def _reference(self, m, ctx):
        value = self._refs[re.sub(r"\s+", " ", m.group("w").lower())]
        return [self._hit(m, "reference", "DATE", value, role="reference")]
