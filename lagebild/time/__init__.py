"""Temporal expressions: recognition, TIMEX3 normalisation and event dating (issue 7).

``TimeTagger`` (pipeline stage "time") fills ``analysis.times``; ``event_date`` gives an
event its date and says how it was found.
"""
from __future__ import annotations

from lagebild.pipeline import register

from .dating import event_date, is_event_date
from .lexicon import Lexicon, load_lexicon, parse_lexicon
from .tagger import TimeRecognizer, TimeTagger


@register("time")
def _time_stage() -> TimeTagger:
    return TimeTagger()


__all__ = ["TimeTagger", "TimeRecognizer", "event_date", "is_event_date", "Lexicon", "load_lexicon",
           "parse_lexicon"]
