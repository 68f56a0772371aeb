"""Quotes that criticise, demand, threaten, praise … another actor become events (speaker = source).

The act comes from the cue's lexicon entry (speech.yaml ``acts``); the target is the
addressee or the first coded actor in the quote's content that is not the speaker.
Needs the actors stage: without coded actors there is nobody to be the target.
"""
from __future__ import annotations

from ..model import ActorMention, Analysis, Event
from .lexicon import Lexicon

QUAD_OF = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3}
INTENSITY_OF = {"AGREE": 3.0, "CONSULT": 1.0, "SUPPORT": 3.4, "REQUEST": -0.3, "ACCUSE": -2.0,
                "REJECT": -4.0, "THREATEN": -4.4}


def _same_actor(a: ActorMention, b: ActorMention) -> bool:
    return a.id == b.id or (a.name is not None and a.name == b.name) or a.antecedent == b.id or b.antecedent == a.id


def quote_events(analysis: Analysis, lex: Lexicon, acts: dict[str, tuple[str, str]]) -> list[Event]:
    if not analysis.actors:
        return []
    taken = {(e.trigger.start, e.trigger.end) for e in analysis.events}
    events: list[Event] = []
    n = len(analysis.events)
    for q in analysis.quotes:
        act, _ = acts.get(q.id, ("say", ""))
        code = lex.acts.get(act, {})
        if not code.get("plover") or q.speaker is None or q.cue is None or q.rule == "nested":
            continue
        if (q.cue.start, q.cue.end) in taken:
            continue
        target = q.addressee
        if target is None:
            target = next((m for m in analysis.actors
                           if any(a <= m.start and m.end <= b for a, b in q.content)
                           and (m.name or m.country) and not _same_actor(m, q.speaker)), None)
        if target is None:
            continue
        n += 1
        sentence = analysis.sentences[q.sentences[0]]
        events.append(Event(id=f"e{n}", type=code["plover"], sentence=sentence.i, trigger=q.cue,
                            evidence=(sentence.start, sentence.end), source=[q.speaker], target=[target],
                            date=q.date, date_text=q.date_text, date_source="clause" if q.date else "none",
                            cameo=code.get("cameo"), quad_class=QUAD_OF.get(code["plover"]),
                            intensity=INTENSITY_OF.get(code["plover"]), rule=f"quote:{q.rule}",
                            confidence=round(q.confidence * 0.7, 2)))
        taken.add((q.cue.start, q.cue.end))
    return events
