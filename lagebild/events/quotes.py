"""Post-step after the quotes stage: events said inside a quotation, and quote events coded twice.

- "Wir verurteilen den Angriff Russlands", sagte Scholz -> ACCUSE Scholz -> Russland: the
  event coder sees only "Wir"; the quote's speaker becomes the source when the source is
  a first-person pronoun.
- The quotes stage codes speech acts ("kritisierte", "forderte") from its cue lexicon; when
  the event coder already coded the same act on the same words, the quote's copy is dropped
  (its speaker fills a missing source first).
- Then the document lookup of context.py runs again for events still without a target: an accusation
  made in a quotation is the thing a later "wies die Vorwürfe zurück" rejects.
"""
from __future__ import annotations

from typing import Optional

from ..model import Analysis, Event, Quote
from .context import ContextTargets, load_context_targets, resolve_late_targets
from .match import PLACE_TARGETS

FIRST_PERSON = {"ich", "wir", "mir", "mich", "uns", "unser", "unsere", "unserer", "unseren", "unserem", "mein", "meine"}
QUOTE_RULE = "quote:"
# a warning or threat without anyone it is addressed to is no event (the patterns need a target too)
ADDRESSED_TYPES = ("THREATEN",)


def _inside(event: Event, quote: Quote) -> bool:
    return any(a <= event.trigger.start and event.trigger.end <= b for a, b in quote.content)


def _overlap(a: Event, b: Event) -> bool:
    return a.trigger.start < b.trigger.end and b.trigger.start < a.trigger.end


def _only_at_a_place(event: Event) -> bool:
    """ "warnte vor einem Bürgerkrieg in Polen": a place where something may happen is not whom a
    statement is directed at (the patterns take places as targets only for visits and attacks)."""
    return bool(event.target) and event.type not in PLACE_TARGETS and all(m.kind == "location" for m in event.target)


class QuoteEventLinker:
    name = "events_quotes"

    def __init__(self, context: Optional[ContextTargets] = None) -> None:
        self.context = context or load_context_targets()

    def __call__(self, analysis: Analysis) -> None:
        quotes = [q for q in analysis.quotes if q.speaker is not None]
        coded = [e for e in analysis.events if not e.rule.startswith(QUOTE_RULE)]
        for event in coded:
            if not event.source or not all(m.text.lower() in FIRST_PERSON for m in event.source):
                continue
            quote = next((q for q in quotes if _inside(event, q)), None)
            if quote is not None:
                event.source = [quote.speaker]
                event.rule += "+quote-speaker"
        kept = []
        for event in analysis.events:
            twin = None
            if event.rule.startswith(QUOTE_RULE) and _only_at_a_place(event):
                event.target = []
                if event.type in ADDRESSED_TYPES:
                    continue
            if event.rule.startswith(QUOTE_RULE):
                # the same cue coded by the patterns, as this type or another ("warnte" is ACCUSE there)
                twin = next((e for e in coded if _overlap(e, event)), None)
            if twin is None:
                kept.append(event)
            elif not twin.source and twin.type == event.type:
                twin.source = list(event.source)
        analysis.events = kept
        resolve_late_targets(self.context, analysis)
