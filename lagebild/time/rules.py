"""Recognition rules: one compiled regex per rule family.

Each rule has an id (stored as TimeExpression.rule), a pattern built once from the
lexicon (lagebild/lang/de/time.yaml), an optional static ``check`` that can veto a
match before overlaps are resolved, and a ``resolve`` (normalize.py) that turns the
match into TIMEX3 hits given the context (document date, the date mentioned before, tense).
The span to report is the group ``span`` when the pattern has one (prepositions
such as "im"/"am" stay outside, as in TimeML).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from .lexicon import Lexicon
from .normalize import Context, Hit, Normalizer, Resolver

__all__ = ["Context", "Hit", "Rule", "RuleSet", "alt"]


@dataclass(slots=True)
class Rule:
    id: str
    regex: re.Pattern
    resolve: Resolver
    check: Optional[Callable[[re.Match, str], bool]] = None
    needs: tuple[str, ...] = ()     # trigger kinds (see triggers.py) near which the rule can match

    def span(self, m: re.Match) -> tuple[int, int]:
        if "span" in self.regex.groupindex and m.start("span") >= 0:
            return m.span("span")
        return m.span()


def alt(words) -> str:
    """Regex alternation of ``words`` as a trie (shared prefixes factored out, so the engine
    never retries a long list word by word); inner spaces match any whitespace."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    optional = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


class RuleSet(Normalizer):
    """All rules compiled for one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        L = lex
        I = re.IGNORECASE
        month = alt({**L.months, **L.month_abbreviations})
        month_full = alt(L.months)
        # "im Juli und August": a month after a conjunction that follows a month; lookbehind
        # needs a fixed width, so only the last three letters of the month before are checked
        month_tail = "|".join(sorted({re.escape(k[-3:]) for k in L.months}))
        weekday = alt(L.weekdays)
        daypart = alt(L.day_parts)
        fuzzy = alt(L.fuzzy_modifiers)
        relmod = alt(L.relative_modifiers)
        num = alt(L.number_words) + r"|\d+(?:,\d+)?|ein(?:e[mnr]?)?\s+halbe[nsm]?"
        unit_forms = alt(f for forms in L.units.values() for f in forms)
        approx = alt(L.approximators)
        self._excl = frozenset(L.value_exclusions)
        self._times_before = re.compile(rf"\b(?:{num})\s*-?mal\s+$", I)     # "zweimal " im Jahr
        # a count earlier in the clause makes "im Jahr" a rate ("500 Menschen im Jahr")
        self._count_before = re.compile(
            rf"(?:\d|\b(?:{alt(w for w in L.number_words if not w.startswith('ein'))})\b)[^.;:!?]*$", I)
        self._quantity = frozenset(L.quantity_words)
        self._months = {**L.months, **L.month_abbreviations}
        self._hol = {re.sub(r"\s+", " ", k): v for k, v in L.holidays.items()}
        self._hist = {re.sub(r"\s+", " ", k): v for k, v in L.historical_anchors.items()}
        self._refs = {re.sub(r"\s+", " ", k): v for k, v in L.references.items()}
        self._ana = {re.sub(r"\s+", " ", k): v for k, v in L.anaphoric_days.items()}
        # every expression starts a word: "\b" first lets the engine skip mid-word positions
        R = lambda p: re.compile(p if p.startswith((r"\b", "(?<")) else r"\b" + p, I)  # noqa: E731
        self.rules: list[Rule] = [
            Rule("date_numeric", R(r"(?<![\d.,])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:1[5-9]|20)\d\d|\d\d)(?![\d]|[.,]\d)"),
                 self._date_numeric, needs=('digit',)),
            Rule("date_day_month", R(
                rf"(?:(?P<wd>{weekday})\s*,?\s*(?:(?:den|dem)\s+)?)?"
                r"(?P<list>(?:(?<![\d.])[0-3]?\d\.?(?:\s*,\s*(?:(?:und|oder|sowie)\s+)?(?:(?:zum|am)\s+)?|\s+(?:und|bis|oder|sowie|u\.)\s+(?:(?:zum|am)\s+)?|\s*[-–/]\s*))*)"
                rf"(?<![\d.])(?P<d>[0-3]?\d)\.?\s*(?P<mon>{month})(?:\.|\b)(?:\s+(?P<y>1\d\d\d|20\d\d)(?!\d)|\s+(?:des\s+)?(?P<yrel>{relmod})\s+Jahres)?"),
                 self._date_day_month, needs=('month',)),
            Rule("month_year", R(rf"(?P<span>(?:(?P<fz>{fuzzy})\s+)?(?P<mon>{month_full})\.?\s+"
                                 rf"(?:(?P<y>1\d\d\d|20\d\d)(?!\d)|(?:des\s+)?(?P<rel>{relmod})\s+Jahres))"),
                 self._month_year, needs=('month',)),
            Rule("month", R(rf"(?:\b(?P<prep>im|seit|ab|bis|zum|vom|Monat|Monats|Monaten|Monate)\s+|(?<={month_tail})\s+(?P<conj>und|oder|bis)\s+)?"
                            rf"(?P<span>(?:(?P<fz>{fuzzy})\s+)?\b(?P<mon>{month_full})\b)"),
                 self._month, check=lambda m, t: bool(m.group("prep") or m.group("fz") or m.group("conj")), needs=('month',)),
            Rule("year", R(rf"(?P<span>(?:(?P<fz>{fuzzy})\s+)?(?:(?:(?:dem|das|des)\s+)?Jahre?s?\s+)?(?<![\d.,])(?P<y>1\d\d\d|20\d\d))(?![\d]|[.,]\d)"),
                 self._year, check=self._year_ok, needs=('digit',)),
            # years before 1000 only with "Jahr": "im Jahr 612" (a bare 578 is a number)
            Rule("early_year", R(r"(?P<span>(?:(?:dem|das|des)\s+)?Jahre?s?\s+(?P<y>[1-9]\d{0,2})"
                                 r"(?:\s+(?:(?P<bc>v\.\s?Chr\.|vor\s+Christus|v\.\s?u\.\s?Z\.|vor\s+unserer\s+Zeitrechnung)"
                                 r"|n\.\s?Chr\.|nach\s+Christus))?)(?![\d]|[.,]\d)"),
                 self._early_year, check=self._year_ok, needs=('unit',)),
            Rule("decade", R(rf"(?P<span>(?:(?:den|der|die)\s+)?(?:(?P<fz>{fuzzy})\s+der\s+)?"
                             rf"(?:(?P<c>1\d|20)?(?P<dd>\d)0er(?:\s*-?\s*Jahren?|-Jahren?)|(?P<dw>{alt(L.decades)})(?:\s+Jahren?|jahren?)))"),
                 self._decade, needs=('digit', 'decade')),
            Rule("century", R(r"(?P<span>(?:(?:dem|des|das)\s+)?(?P<n>[12]?\d)\.\s*Jahrhunderts?)"), self._century, needs=('digit',)),
            Rule("season", R(rf"(?:\b(?P<prep>im|seit|ab|bis|zum|vom|über\s+den|den|des)\s+)?(?P<span>(?:(?P<fz>{fuzzy})\s+)?"
                             rf"(?:(?P<rel>{relmod})\s+)?(?P<s>{alt(L.seasons)})(?:s)?\b"
                             rf"(?:\s+(?:des\s+Jahres\s+)?(?P<y>1\d\d\d|20\d\d)(?!\d)|\s+(?:des\s+)?(?P<yrel>{relmod})\s+Jahres)?)"),
                 self._season, check=lambda m, t: bool(m.group("prep") or m.group("fz") or m.group("rel") or m.group("y")), needs=('season',)),
            Rule("quarter", R(rf"(?P<span>(?:(?:dem|das|des)\s+)?(?P<ord>ersten|zweiten|dritten|vierten|letzten|[1-4]\.)\s+"
                              rf"(?P<q>Quartals?|Halbjahr(?:es|s)?|Jahreshälfte)(?:\s+(?P<y>1\d\d\d|20\d\d)|\s+(?:des\s+)?(?P<yrel>{relmod})\s+Jahres)?)"),
                 self._quarter, needs=('part_of_year',)),
            Rule("holiday", R(rf"\b(?P<span>(?P<h>{alt(L.holidays)})\b(?:\s+(?P<y>1\d\d\d|20\d\d)(?!\d))?)"), self._holiday, needs=('holiday',)),
            Rule("historical_anchor", R(rf"\b(?:seit|nach|vor|bis|während|im|vom|zum|zur\s+Zeit)\s+(?P<span>(?:(?:dem|des|der|den|zum)\s+)?(?P<h>{alt(L.historical_anchors)}))\b"),
                 self._historic, needs=('historic',)),
            Rule("relative_day", R(rf"\b(?P<span>(?P<w>{alt(L.relative_days)})(?:\s+(?P<wd>{weekday})\b)?(?:\s+(?P<dp>{daypart})\b)?)\b"),
                 self._relative_day, needs=('relday',)),
            Rule("weekday", R(rf"(?P<span>(?:(?:der|den|dem|die)\s+)?(?:(?P<rel>{relmod})\s+)?\b(?P<wd>{weekday})(?P<dp>{daypart})?\b(?:\s+(?P<dp2>{daypart})\b)?)"),
                 self._weekday, needs=('weekday',)),
            Rule("weekday_set", R(rf"(?P<span>\bjede[nms]?\s+(?:(?P<ord>{alt(L.ordinal_words)}|letzt)(?:e[nm]?)\s+)?(?P<wd>{weekday})(?P<dp>{daypart})?|\b(?P<wd2>{weekday})(?P<dp2>{daypart})?s)\b"),
                 self._weekday_set, needs=('weekday',)),
            Rule("day_part", R(rf"\b(?:am|gegen|in\s+der|in\s+den|im\s+Laufe\s+des|des)\s+(?P<span>(?:(?:frühen|späten)\s+)?(?P<dp>{daypart}))\b"),
                 self._day_part, check=lambda m, t: m.group("dp")[0].isupper(), needs=('daypart',)),
            Rule("day_part_set", R(rf"\b(?P<dp>{daypart})s\b"), self._day_part_set,
                 check=lambda m, t: m.group("dp")[0].islower(), needs=('daypart',)),
            Rule("relative_unit", R(rf"(?P<span>(?:(?P<fz>{fuzzy})\s+)?(?:(?:der|den|die|das|dem|des)\s+)?(?P<rel>{relmod})\s+"
                                    r"(?P<u>Wochenendes?|Woche|Monats?|Monat|Jahres|Jahrs?|Jahrzehnts?|Jahrhunderts?|Quartals?))\b"),
                 self._relative_unit, needs=('unit', 'part_of_year')),
            Rule("fuzzy_unit", R(rf"(?P<span>(?P<fz>{fuzzy})\s+(?:des|der)\s+(?P<u>Woche|Monats|Jahres|Jahrzehnts|Jahrhunderts))\b"),
                 self._fuzzy_unit, needs=('unit',)),
            Rule("relative_noun", R(rf"\b(?P<span>(?:dem\s+)?(?P<w>{alt(L.relative_nouns)}))\b"), self._relative_noun, needs=('relnoun',)),
            Rule("anaphoric_day", R(rf"\b(?P<span>(?P<w>{alt(L.anaphoric_days)}))\b"), self._anaphoric_day, needs=('anaphoric',)),
            Rule("anaphoric_offset", R(rf"\b(?P<span>(?P<n>{num})\s+(?P<u>{unit_forms})\s+(?P<dir>{alt(L.anaphoric_directions)}))\b"),
                 self._anaphoric_offset, check=lambda m, t: self._unit(m.group("u")) in ("D", "W", "M", "Y"), needs=('unit',)),
            Rule("ago", R(rf"\b(?P<span>vor\s+(?:(?P<apx>{approx})\s+)?(?:genau\s+)?(?P<n>{num})\s+(?P<u>{unit_forms}))\b"),
                 self._ago, check=lambda m, t: self._unit(m.group("u")) in ("D", "W", "M", "Y", "DE", "H", "MIN"), needs=('unit',)),
            Rule("duration", R(rf"(?P<span>(?:(?:der|den|die|das|dem)\s+)?(?:(?P<rel>letzten|vergangenen|nächsten|kommenden|ersten|ganzen|folgenden)\s+)?"
                               rf"(?:(?P<apx>{approx})\s+)?(?:genau\s+)?(?:(?P<n>{num})|(?P<vague>{alt(L.vague_quantities)}))\s+"
                               rf"(?:(?:lange|volle|ganze|weitere|knappe)\s+)?(?P<u>{unit_forms})\b(?P<lang>\s+lang\b)?"
                               rf"(?:\s+und\s+(?P<n2>{num})\s+(?P<u2>{unit_forms})\b)?)"),
                 self._duration, check=self._duration_ok, needs=('unit',)),
            Rule("plural_duration", R(r"(?:\b(?:seit|vor|nach|über)\s+|(?P<span2>(?:(?:den|die|der)\s+(?P<rel>letzten|vergangenen|nächsten|kommenden)|(?:all\s+)?diese)\s+))"
                                      r"(?P<u>Jahren?|Monaten?|Wochen|Tagen?|Jahrzehnten?|Stunden|Jahrhunderten)\b"),
                 self._plural_duration, check=lambda m, t: not m.group("u").lower().endswith(("jahr", "tag", "monat")), needs=('unit',)),
            Rule("unit_adverb", R(rf"\b(?P<w>{alt(L.unit_adverbs)})\b"), self._unit_adverb, needs=('unitadverb',)),
            Rule("frequency", R(rf"\b(?P<span>(?:(?P<k>\d+|{alt(L.number_words)})\s*mal\s+)?(?P<f>{alt(L.frequencies)}))\b"),
                 self._frequency, needs=('frequency',)),
            Rule("every_unit", R(r"\b(?P<span>(?:jede[nsmr]?|pro|je)\s+(?P<u>Tag|Woche|Monat|Jahr|Stunde)|(?P<u2>Tag|Woche|Monat|Jahr)\s+(?:für|um)\s+(?P=u2))\b"),
                 self._every_unit, needs=('unit',)),
            # "zweimal im Jahr", "300 Euro im Monat", "50 Anrufe am Tag": a rate, not a date
            # (the count "zweimal" is looked up behind the match: a leading optional group
            # would make the engine try every word as a number)
            Rule("per_unit", R(r"\b(?P<p>im|am|pro|je|in\s+der|die)\s+(?P<u>Jahr|Monat|Woche|Tag)\b"
                               r"(?!\s*(?:\d|zuvor|darauf|danach|davor|nach\b|vor\b|der\b|des\b|\())"),
                 self._per_unit, check=self._per_unit_ok, needs=('unit',)),
            Rule("clock_time", R(rf"(?<![\d.,])(?P<h>[01]?\d|2[0-4]|{alt(k for k, v in L.number_words.items() if v == int(v) and 1 <= v <= 12 and not k.startswith('ein'))})(?:[.:](?P<mi>[0-5]\d))?"
                                 r"(?:\s*(?:[-–/]|bis)\s*(?P<h2>[01]?\d|2[0-4])(?:[.:](?P<mi2>[0-5]\d))?)?"
                                 # "Uhr", or a range continued by one with "Uhr": "8.30-12 und 14-16.30 Uhr"
                                 r"(?:\s*Uhr\b(?:\s+(?P<mi3>[0-5]\d)\b)?|(?<=\d)(?=\s+und\s+\d{1,2}(?:[.:]\d\d)?\s*[-–]\s*\d{1,2}(?:[.:]\d\d)?\s*Uhr)"
                                 # "um 12.00 und 18.15 Uhr": a time whose "Uhr" follows the next one
                                 r"|(?<=[.:]\d\d)(?=\s+(?:und|oder)\s+\d{1,2}[.:]\d\d\s*Uhr))"),
                 self._clock_time, needs=('clock',)),
            Rule("clock_half", R(rf"\b(?:um|gegen|ab|bis)\s+(?P<span>(?P<q>halb|viertel\s+nach|viertel\s+vor|dreiviertel)\s+"
                                 rf"(?P<h>{alt(k for k, v in L.number_words.items() if v == int(v) and 1 <= v <= 12 and not k.startswith('ein'))}|eins|1?\d|2[0-4])\b(?:\s*Uhr\b)?)"),
                 self._clock_half, needs=('clockword',)),
            Rule("clock_um", R(r"\bum\s+(?P<span>(?P<h>[01]?\d|2[0-3])[.:](?P<mi>[0-5]\d))\b(?![.,]\d|\s*Uhr)"),
                 lambda m, ctx: self._clock_time(m, ctx, "clock_um"), needs=('digit',)),
            Rule("weekend", R(r"\b(?P<prep>am|übers?|vom|zum|an\s+diesem|dieses)\s+(?P<span>Wochenende)\b"), self._weekend, needs=('unit',)),
            Rule("reference", R(rf"\b(?P<span>(?P<w>{alt(L.references)}))\b"),
                 self._reference, check=self._reference_ok, needs=('reference',)),
        ]
        self.by_id = {r.id: r for r in self.rules}

