"""Cheap pre-scan: which kinds of temporal words occur where?

Running ~30 rule regexes over every character would cost more than the time stage
may spend. One trie regex finds the trigger words (month names, unit nouns, digits,
...); each rule then only scans windows around the triggers it needs.
"""
from __future__ import annotations

import re
from typing import Iterable

from .lexicon import Lexicon
from .rules import alt

# Characters around a trigger a rule may still need (articles, modifiers, a year).
WINDOW = 80


class Triggers:
    def __init__(self, lex: Lexicon) -> None:
        groups: dict[str, Iterable[str]] = {
            "month": {**lex.months, **lex.month_abbreviations}, "weekday": lex.weekdays, "season": lex.seasons, "holiday": lex.holidays,
            "historic": lex.historical_anchors, "relday": lex.relative_days, "relnoun": lex.relative_nouns,
            "anaphoric": lex.anaphoric_days, "reference": lex.references, "unitadverb": lex.unit_adverbs,
            "frequency": lex.frequencies, "decade": lex.decades, "unit": lex.unit_index, "daypart": lex.day_parts,
            "clock": ("uhr",), "clockword": ("halb", "viertel", "dreiviertel"), "part_of_year": ("quartal", "halbjahr", "jahreshälfte"),
        }
        self.kinds: dict[str, set[str]] = {}
        for kind, words in groups.items():
            for w in words:
                self.kinds.setdefault(re.sub(r"\s+", " ", w.lower()), set()).add(kind)
        # the trie finds the longest trigger only: "Tag zuvor" must also count as the unit "Tag"
        for phrase in [p for p in self.kinds if " " in p]:
            for word in phrase.split():
                self.kinds[phrase] |= self.kinds.get(word, set())
        self.regex = re.compile(r"(?P<digit>\d)|\b(?:" + alt(self.kinds) + ")", re.IGNORECASE)

    def windows(self, text: str, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
        """kind -> merged (start, end) windows around its triggers within [start, end)."""
        found: dict[str, list[tuple[int, int]]] = {}
        kinds = self.kinds
        for m in self.regex.finditer(text, start, end):
            s, e = m.span()
            names = ("digit",) if m.group("digit") else kinds.get(re.sub(r"\s+", " ", m.group().lower()), ())
            a, b = max(start, s - WINDOW), min(end, e + WINDOW)
            for k in names:
                spans = found.setdefault(k, [])
                if spans and spans[-1][1] >= a:
                    spans[-1] = (spans[-1][0], b)
                else:
                    spans.append((a, b))
        return found


def merge(window_lists: Iterable[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    spans = sorted(w for ws in window_lists for w in ws)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and out[-1][1] >= a:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
