"""Events said inside a quotation belong to the quote's speaker.

"Wir verurteilen den Angriff Russlands", sagte Scholz -> ACCUSE Scholz -> Russland:
the event coder sees only "Wir"; this post-step (after the quotes stage) puts
the speaker in as source when the source is missing or a first-person pronoun.
"""
from __future__ import annotations

from ..model import Analysis, Event, Quote

FIRST_PERSON = {"ich", "wir", "mir", "mich", "uns", "unser", "unsere", "unserer", "unseren", "unserem", "mein", "meine"}


def _inside(event: Event, quote: Quote) -> bool:
    return any(a <= event.trigger.start and event.trigger.end <= b for a, b in quote.content)


class QuoteEventLinker:
    name = "events_quotes"

    def __call__(self, analysis: Analysis) -> None:
        quotes = [q for q in analysis.quotes if q.speaker is not None]
        for event in analysis.events:
            if event.source and not all(m.text.lower() in FIRST_PERSON for m in event.source):
                continue
            quote = next((q for q in quotes if _inside(event, q)), None)
            if quote is not None:
                event.source = [quote.speaker]
                event.rule += "+quote-speaker"
