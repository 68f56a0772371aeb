"""Event dating: which date does an event in a given sentence carry, and how was it found?

Rule (issue 7): a date expression in the event's own clause; else the last date in the
same paragraph before it, which scopes the following sentences; else the document's
publication date, marked as such; else none.
"""
from __future__ import annotations

import re
from typing import Optional

from lagebild.model import Analysis, Span, TimeExpression

# Values that name a calendar point or period an event can be placed in (also with an
# unknown year, "XXXX-01-13"); PRESENT_REF, durations and sets never date an event.
_DATABLE = re.compile(r"^(?:(?:BC)?\d{4}|XXXX)(?:-(?:\d\d|XX|W\d\d|WXX|Q\d|H\d|SP|SU|FA|WI)(?:-(?:\d\d|XX|WE))?(?:T\w+(?::\d\d)?)?)?$")


def is_event_date(t: TimeExpression) -> bool:
    return t.role == "date" and t.value is not None and bool(_DATABLE.match(t.value))


def event_date(analysis: Analysis, sentence_index: int,
               clause_span: Optional[Span] = None) -> tuple[Optional[str], Optional[str], str]:
    """(value, text, how) with how one of "clause", "paragraph", "document", "none"."""
    datable = [t for t in analysis.times if is_event_date(t)]
    in_sentence = [t for t in datable if t.sentence == sentence_index]
    if clause_span is not None:
        in_sentence = [t for t in in_sentence if t.start >= clause_span[0] and t.end <= clause_span[1]]
    if in_sentence:
        t = in_sentence[0]
        return t.value, t.text, "clause"
    paragraph = _paragraph(analysis, sentence_index)
    if paragraph is not None:
        earlier = [t for t in datable if t.sentence < sentence_index
                   and _paragraph(analysis, t.sentence) == paragraph]
        if earlier:
            t = earlier[-1]
            return t.value, t.text, "paragraph"
    if analysis.document.date:
        return analysis.document.date, None, "document"
    return None, None, "none"


def _paragraph(analysis: Analysis, sentence_index: int) -> Optional[int]:
    if 0 <= sentence_index < len(analysis.sentences):
        return analysis.sentences[sentence_index].paragraph
    return None
