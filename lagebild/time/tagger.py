"""Finds and normalises temporal expressions in a document's sentences.

All rule regexes run once over the whole text (cheaper than per sentence); matches
are assigned to sentences by offset, overlaps resolved longest-first, and then
normalised in reading order so that "einen Tag zuvor" can count from the date
mentioned just before.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable, Optional

from lagebild.model import Analysis, Sentence, TimeExpression

from .calendar import PartialDate, parse_iso
from .lexicon import Lexicon, default_lexicon
from .rules import Context, Hit, RuleSet
from .tense import TenseCues
from .triggers import Triggers, merge


class TimeRecognizer:
    def __init__(self, lexicon: Optional[Lexicon] = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.rules = RuleSet(self.lexicon)
        self.tense = TenseCues(self.lexicon)
        self.triggers = Triggers(self.lexicon)
        self._priority = {r.id: i for i, r in enumerate(self.rules.rules)}

    def candidates(self, text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int, int, object, object]]:
        """Non-overlapping (start, end, priority, rule, match) in text order."""
        end = len(text) if end is None else end
        found = []
        windows = self.triggers.windows(text, start, end)
        for rule in self.rules.rules:
            prio = self._priority[rule.id]
            regions = merge(windows.get(k, ()) for k in rule.needs) if rule.needs else [(start, end)]
            finditer, check = rule.regex.finditer, rule.check
            for a, b in regions:
                for m in finditer(text, a, b):
                    if check is not None and not check(m, text):
                        continue
                    s, e = rule.span(m)
                    if e > s and not _in_compound(text, s, e):
                        found.append((s, e, prio, rule, m))
        found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))   # longest first, then rule order
        taken: list[tuple[int, int]] = []                      # sorted disjoint spans
        kept = []
        for c in found:
            s, e = c[0], c[1]
            i = bisect.bisect_left(taken, (s, e))
            if (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
                continue
            taken.insert(i, (s, e))
            kept.append(c)
        kept.sort(key=lambda c: c[0])
        return kept

    def tag(self, text: str, sentences: Iterable[tuple[int, int]], dct: Optional[str],
            prev: Optional[PartialDate] = None) -> list[tuple[int, Hit]]:
        """(sentence index, hit) for every expression; ``sentences`` are (start, end) spans."""
        spans = list(sentences)
        if not spans:
            return []
        starts = [s for s, _ in spans]
        anchor = parse_iso(dct)
        cue_cache: dict[int, list] = {}

        def sentence_of(pos: int) -> int:
            return max(0, bisect.bisect_right(starts, pos) - 1)

        def direction(pos: int) -> int:
            i = sentence_of(pos)
            if i not in cue_cache:
                s, e = spans[i]
                cue_cache[i] = [(p + s, sign) for p, sign in self.tense.cues(text[s:e])]
            return self.tense.direction(cue_cache[i], pos)

        ctx = Context(anchor, direction)
        if prev is not None:
            ctx.prev = prev
        found = self.candidates(text, spans[0][0], spans[-1][1])
        story_year = _narrative_year(anchor, found)
        ctx.narrative = story_year is not None
        out: list[tuple[int, Hit]] = []
        current = -1
        for s, e, _prio, rule, m in found:
            i = sentence_of(s)
            if e > spans[i][1] and not _mid_token(text, spans, i, e):
                continue                 # crosses a sentence boundary: not one expression
            if i != current:
                current, ctx.sentence_day = i, None
            for hit in rule.resolve(m, ctx):
                out.append((i, hit))
                if hit.role == "date" and hit.value and hit.value[:4].isdigit():
                    ctx.last = parse_iso(hit.value)
                if hit.day is not None and hit.role == "date":
                    # also an unresolvable day ("Donnerstag" without a DCT): "einen Tag zuvor"
                    # then counts from it and stays unknown instead of borrowing an older date
                    ctx.prev = ctx.sentence_day = hit.day
                if (story_year is not None and rule.id in EXPLICIT_YEAR_RULES and hit.value
                        and hit.value[:4].isdigit() and abs(int(hit.value[:4]) - story_year) <= NARRATIVE_SPAN):
                    # a history text: later dates without a year continue the story, not the DCT
                    # (a background year far from the story's own, "wie schon 1870", does not)
                    ctx.story = parse_iso(hit.value)
        return out


def _mid_token(text: str, spans: list[tuple[int, int]], i: int, end: int) -> bool:
    """Every sentence boundary before ``end`` cuts a token ("14.30-16.|30 Uhr"): a
    segmentation slip, not a sentence end."""
    for j in range(i, len(spans) - 1):
        b = spans[j][1]
        if b >= end:
            return True
        if spans[j + 1][0] != b or b == 0 or text[b - 1].isspace() or text[b].isspace():
            return False
    return True


def _in_compound(text: str, s: int, e: int) -> bool:
    """Part of a hyphenated compound noun ("Sommer-Liga", "Kino-Montag"): a name, not a time."""
    return ((e + 1 < len(text) and text[e] == "-" and text[e + 1].isalpha() and text[e - 1].isalpha())
            or (s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha()))


EXPLICIT_YEAR_RULES = frozenset({"date_numeric", "date_day_month", "month_year", "year", "early_year", "season", "holiday"})
# A text whose explicit years lie this far from its date (median) narrates history.
NARRATIVE_DISTANCE = 10
NARRATIVE_MIN_YEARS = 4
NARRATIVE_SPAN = 10


# words that only news counts from its date: gestern, morgen, am Montag, vergangene Woche
# (not "heute", which histories use for "nowadays", nor "im Vorjahr", which they also use)
NEWS_WORDS = re.compile(r"(?i:gestern|vorgestern|morgen|übermorgen|gestrigen|morgigen)$")


def _narrative_year(dct: PartialDate, found) -> Optional[int]:
    """The median explicit year if the text narrates history rather than news: at least
    NARRATIVE_MIN_YEARS explicit years, 3/4 of them far from the document date, and hardly
    any words that count from that date. None for news."""
    if dct.year is None:
        return None         # no date: unknown years stay unknown, nothing is borrowed
    years = sorted(int(m.group("y")) for _s, _e, _p, rule, m in found
                   if rule.id in EXPLICIT_YEAR_RULES and "y" in m.re.groupindex and m.group("y")
                   and len(m.group("y")) == 4)
    if len(years) < NARRATIVE_MIN_YEARS:
        return None
    far = sum(abs(y - dct.year) > NARRATIVE_DISTANCE for y in years)
    news = sum(rule.id in ("weekday", "weekend")
               or (rule.id == "relative_day" and bool(NEWS_WORDS.match(m.group("w"))))
               or (rule.id == "relative_unit" and m.group("u").lower().startswith("woche"))
               for _s, _e, _p, rule, m in found)
    if far >= 0.75 * len(years) and news * 4 < len(years):
        return years[len(years) // 2]
    return None


def to_records(text: str, tagged: list[tuple[int, Hit]]) -> list[TimeExpression]:
    return [TimeExpression(id=f"t{k}", text=text[h.start:h.end], start=h.start, end=h.end, sentence=i,
                           type=h.type, value=h.value, mod=h.mod, anchor=h.anchor, role=h.role, rule=h.rule,
                           freq=h.freq)
            for k, (i, h) in enumerate(tagged, 1)]


def _seit_is_reference(text: str, records: list[TimeExpression]) -> None:
    """A date after "seit"/"bis" marks the start or end of a state, not when an event happened."""
    for r in records:
        if r.role == "date" and text[max(0, r.start - 12):r.start].rstrip().lower().endswith(("seit", "seit dem", "seit der")):
            r.role = "reference"


class TimeTagger:
    """Pipeline component: fills ``analysis.times`` from ``analysis.sentences``."""

    name = "time"

    def __init__(self, lexicon: Optional[Lexicon] = None) -> None:
        self.recognizer = TimeRecognizer(lexicon)

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.document
        sentences: list[Sentence] = analysis.sentences
        spans = [(s.start, s.end) for s in sentences] or list(doc.body)
        tagged = self.recognizer.tag(doc.text, spans, doc.date)
        records = to_records(doc.text, tagged)
        _seit_is_reference(doc.text, records)
        analysis.times = records
