"""Pairing of quotation marks into direct-quote spans, over the document's tokens.

Handles „…“ „…” »…« «…» ‚…‘ ›…‹ “…” "…" and ``…''. A quote may run over several
sentences; at a paragraph break it stays open only when the next paragraph opens
with the same mark again (the German convention for multi-paragraph quotes),
otherwise an unclosed quote ends with its paragraph.
"""
from __future__ import annotations

from dataclasses import dataclass

CLOSERS_OF = {
    "„": ("“", "”", '"', "‟"),
    "»": ("«",),
    "«": ("»",),
    "‚": ("‘", "’"),
    "›": ("‹",),
    "‹": ("›",),
    "“": ("”", "“"),
    '"': ('"',),
    "``": ("''",),
}
OPENERS = frozenset(CLOSERS_OF)
QUOTE_MARKS = OPENERS | frozenset(c for cs in CLOSERS_OF.values() for c in cs)
# An unclosed quote longer than this is taken as a stray mark, not as a quote.
MAX_UNCLOSED = 120


@dataclass(slots=True)
class Marked:
    open: int          # token index of the opening mark
    close: int         # token index of the closing mark (or the last token, if unclosed)
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close if self.closed else self.close + 1


def pair_marks(words: list[str], paragraph: list[int]) -> list[Marked]:
    """Quote spans, outermost only; ``paragraph[i]`` is the paragraph of token i."""
    found: list[Marked] = []
    n = len(words)
    i = 0
    while i < n:
        opener = words[i]
        if opener not in OPENERS or (opener in ("‹", "«") and i + 1 < n and words[i + 1] in ("»", "›")):
            i += 1
            continue
        closers = CLOSERS_OF[opener]
        para = paragraph[i]
        j = i + 1
        end = None
        while j < n:
            w = words[j]
            if paragraph[j] != para:
                if w == opener:        # quote goes on in the next paragraph
                    para = paragraph[j]
                    j += 1
                    continue
                break
            if w in closers:
                end = j
                break
            j += 1
        if end is not None:
            found.append(Marked(i, end, True))
            i = end + 1
        else:
            last = j - 1
            if last - i <= MAX_UNCLOSED and last > i + 1:
                found.append(Marked(i, last, False))
            i = last + 1 if last - i <= MAX_UNCLOSED else i + 1
    return found
