"""Political events (PLOVER types, CAMEO codes) from German sentences, as stage "events".

Patterns are data (lang/de/events.yaml); :class:`EventCoder` matches them over
the dependency parse and the actor mentions; :class:`QuoteEventLinker`
("events_quotes", to run after the quotes stage) gives events stated inside a
quotation the quote's speaker as source when the quote says "ich"/"wir".
"""
from __future__ import annotations

from ..pipeline import register
from .coder import EventCoder
from .quotes import QuoteEventLinker

register("events")(EventCoder)
register("events_quotes")(QuoteEventLinker)

__all__ = ["EventCoder", "QuoteEventLinker"]
