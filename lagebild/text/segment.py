"""Sentence splitting and tokenisation for German news text.

Rule-based and fast (a single compiled regex per stage): the whole pipeline
must reach 10,000 words/s, so this step has to be an order of magnitude faster.
Sentences never cross the edges of the document's body regions (ingestion cuts
photo credits and notes out), paragraph breaks, or lines that look like
headlines; within a paragraph, hard-wrapped lines are joined.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..lang import load_wordlist
from ..model import Analysis, Sentence, Token
from ..pipeline import register

ABBREVIATIONS = load_wordlist("de", "abbreviations.txt")
ORDINAL_NOUNS = load_wordlist("de", "ordinal_nouns.txt")
SENTENCE_STARTERS = load_wordlist("de", "sentence_starters.txt")

_WORD = r"\w(?:\w|['’](?=\w)|[-‑](?=\w)|\.(?=\w\.))*"
_TOKEN_RE = re.compile(
    r"""
    (?P<url>(?:https?://|www\.)[^\s<>"“”„«»]+[^\s<>"“”„«».,;:!?)\]])
  | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<num>\d{1,2}\.\d{1,2}\.\d{2,4}(?!\d)          # 13.01.2023
      | \d+(?:[.,:]\d+)+(?:[-‑–](?:\d+(?:[.,:]\d+)+|\w+))?  # 1.800 2,5 12:30 2,5-fach 14.30-16.30
      | \d+\+\d+(?:[-‑]\w+)?                          # 2+2, 2+2-Treffen
      | \d+[^\W\d_]*(?:[-‑]\w+)*)                     # 12, 21st, 90er-Jahre
    (?P<numdot>\.)?
  | (?P<word>(?<!\w)[-‑](?=[^\W\d])""" + _WORD + r"""   # -strategie (second part of "-haltung und -strategie")
      | """ + _WORD + r"""(?:[-‑](?=\s+(?:und|oder|sowie|bis|bzw\.)\s))?)   # Staats- und Regierungschefs
    (?P<dot>\.)?
  | (?P<ellipsis>\.\.\.|…)
  | (?P<punct>[!?]+|``|''|--|\S)
    """,
    re.VERBOSE,
)

SENTENCE_END = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})
CLOSERS = frozenset({"''", "“", "”", "\"", "«", "»", "‹", "›", "‘", "’", "'", ")", "]"})
OPENERS = frozenset({"``", "„", "“", "\"", "»", "«", "‚", "‘", "›", "(", "["})
_PARAGRAPH_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_RE = re.compile(r"[^\n]+")
_TERMINAL_LINE_END = re.compile(r"""[.!?…:;"“”»«'’)\]]\s*$""")
# A line this short without final punctuation, followed by a line that does not
# start in lower case, is taken as a headline or dateline, not as the first half
# of a hard-wrapped sentence.
HEADLINE_MAX = 70


DATELINE_DASHES = frozenset({"-", "–", "—"})
DATELINE_MAX = 8      # "Washington/Brüssel (dpa) -" and a little more; longer openings are sentences


def dateline_length(tokens: list[Token]) -> int:
    """Tokens of an agency dateline opening a sentence ("Tokio -", "London/Brüssel (dpa) –"),
    dash included; 0 if there is none. The dateline names where the report comes from."""
    in_parens = False
    for j, tok in enumerate(tokens[:DATELINE_MAX]):
        text = tok.text
        if text in DATELINE_DASHES:
            nxt = tokens[j + 1].text if j + 1 < len(tokens) else ""
            return j + 1 if j and not in_parens and (nxt[:1].isupper() or nxt[:1] in OPENERS) else 0
        if text == "(":
            in_parens = True
        elif text == ")":
            in_parens = False
        elif not (in_parens or text[:1].isupper() or text in ("/", ",")):
            return 0
    return 0


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans (absolute offsets) of ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    append = spans.append
    end = len(text) if end is None else end
    for m in _TOKEN_RE.finditer(text, start, end):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "dot" or kind == "numdot":
            core_end = e - 1
            if _keeps_dot(text, s, core_end, e, end, numeric=(kind == "numdot")):
                append((s, e))
            else:
                append((s, core_end))
                append((core_end, e))
        else:
            append((s, e))
    return spans


def _keeps_dot(text: str, s: int, core_end: int, e: int, limit: int, numeric: bool) -> bool:
    """Does the full stop after ``text[s:core_end]`` belong to the token?"""
    if numeric:
        nxt = _next_word(text, e, limit)
        if not nxt or nxt in ORDINAL_NOUNS or nxt[0].islower():
            return bool(nxt)
        # "das 14. Sanktionspaket" vs "stieg auf 12. Die Polizei" vs "im Jahr 2022. Seither"
        return core_end - s <= 3 and text[s:core_end].isdigit() and nxt[0].isupper() \
            and nxt not in SENTENCE_STARTERS
    word = text[s:e]
    if word in ABBREVIATIONS:
        return True
    # Initials ("J. G. Fichte") and dotted abbreviations ("z.B.", "U.S.").
    return (core_end - s == 1 and text[s].isupper()) or "." in text[s:core_end]


_NEXT_WORD_RE = re.compile(r"\s*(\S+)")


def _next_word(text: str, pos: int, limit: int) -> str:
    m = _NEXT_WORD_RE.match(text, pos, limit)
    if not m:
        return ""
    word = m.group(1)
    stripped = word.rstrip(",;:!?)")
    return stripped if stripped in ORDINAL_NOUNS else stripped.rstrip(".")


def _segments(text: str, regions: list[tuple[int, int]]) -> Iterator[tuple[int, int, int]]:
    """(start, end, paragraph) stretches that sentences may not cross."""
    paragraph = -1
    multi_paragraph = any(_PARAGRAPH_RE.search(text, s, e) for s, e in regions)
    for r_start, r_end in regions:
        pos = r_start
        bounds = [m.span() for m in _PARAGRAPH_RE.finditer(text, r_start, r_end)]
        for p_start, p_end in [(pos, bounds[0][0] if bounds else r_end)] + [
            (b[1], bounds[k + 1][0] if k + 1 < len(bounds) else r_end) for k, b in enumerate(bounds)
        ]:
            lines = [m.span() for m in _LINE_RE.finditer(text, p_start, p_end) if text[m.start():m.end()].strip()]
            if not lines:
                continue
            if multi_paragraph:
                paragraph += 1
            seg_start, seg_end = lines[0]
            for l_start, l_end in lines[1:]:
                prev = text[seg_start:seg_end] if seg_end - seg_start < 400 else text[seg_end - 400:seg_end]
                last_line = prev.rsplit("\n", 1)[-1]
                next_lower = text[l_start:l_end].lstrip()[:1].islower()
                if _TERMINAL_LINE_END.search(last_line) or (len(last_line.strip()) <= HEADLINE_MAX and not next_lower):
                    if not multi_paragraph:
                        paragraph += 1   # one sentence or block per line: lines are the paragraphs
                    yield seg_start, seg_end, max(paragraph, 0)
                    seg_start = l_start
                seg_end = l_end
            if not multi_paragraph:
                paragraph += 1
            yield seg_start, seg_end, max(paragraph, 0)


def split_sentences(text: str, regions: list[tuple[int, int]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for seg_start, seg_end, paragraph in _segments(text, regions):
        spans = tokenize(text, seg_start, seg_end)
        first = 0
        n = len(spans)
        k = 0
        while k < n:
            s, e = spans[k]
            tok = text[s:e]
            if tok in SENTENCE_END:
                j = k + 1
                while j < n and text[spans[j][0]:spans[j][1]] in CLOSERS and spans[j][0] == spans[j - 1][1]:
                    j += 1
                if j >= n or _starts_sentence(text[spans[j][0]:spans[j][1]]):
                    sentences.append(_make_sentence(text, spans[first:j], len(sentences), paragraph))
                    first = j
                k = j
                continue
            k += 1
        if first < n:
            sentences.append(_make_sentence(text, spans[first:], len(sentences), paragraph))
    return sentences


def _starts_sentence(tok: str) -> bool:
    c = tok[0]
    return c.isupper() or c.isdigit() or tok in OPENERS or c in "„“\"»«‚‘›(["


def _make_sentence(text: str, spans: list[tuple[int, int]], i: int, paragraph: int) -> Sentence:
    start, end = spans[0][0], spans[-1][1]
    tokens = [Token(k, s, e, text[s:e]) for k, (s, e) in enumerate(spans)]
    return Sentence(i, start, end, text[start:end], paragraph, tokens)


@register("segment")
class Segmenter:
    """Pipeline stage: fills ``analysis.sentences`` (with tokens) from the document body."""

    name = "segment"

    def __call__(self, analysis: Analysis) -> None:
        doc = analysis.document
        analysis.sentences = split_sentences(doc.text, doc.body)
