"""Cheap tense cues: does a sentence talk about the past or the future?

Relative expressions ("am Donnerstag", "im März", "am Wochenende") point back or
forward depending on tense. A full parse would be too slow for this hot path, so
we look for cue words (wird/soll/kommend... vs war/hatte/sagte...) and perfect
tense (hat/ist + ge-participle). When both kinds occur the cue nearest to the
expression decides.
"""
from __future__ import annotations

import re

from .lexicon import Lexicon

_WORD = re.compile(r"\w+")
# ge-participles, also with separable prefixes: gesagt, angekündigt, vorgestellt, getroffen
_PARTICIPLE = re.compile(r"^\w{0,6}ge\w{3,}(?:t|en)$")
# preterite of -ieren verbs (protestierten, kritisierte): unambiguous past
_IERTE = re.compile(r"^\w{3,}ierten?$")


class TenseCues:
    def __init__(self, lex: Lexicon) -> None:
        self.future = frozenset(lex.tense["future"])
        self.past = frozenset(lex.tense["past"])
        self.aux = frozenset(lex.tense["perfect_auxiliaries"])

    def cues(self, sentence: str) -> list[tuple[int, int]]:
        """(offset, -1 past / +1 future) for each cue in the sentence."""
        found: list[tuple[int, int]] = []
        aux_at: list[int] = []
        participle = False
        for m in _WORD.finditer(sentence):
            w = m.group().lower()
            if w in self.future:
                found.append((m.start(), 1))
            elif w in self.past or (len(w) > 7 and _IERTE.match(w)):
                found.append((m.start(), -1))
            elif w in self.aux:
                aux_at.append(m.start())
            elif len(w) > 5 and _PARTICIPLE.match(w):
                participle = True
        if participle:
            found.extend((pos, -1) for pos in aux_at)
        return found

    @staticmethod
    def direction(cues: list[tuple[int, int]], position: int) -> int:
        """-1 past, +1 future, 0 no evidence; the nearest cue to ``position`` wins."""
        if not cues:
            return 0
        signs = {s for _, s in cues}
        if len(signs) == 1:
            return signs.pop()
        return min(cues, key=lambda c: abs(c[0] - position))[1]
