"""QuoteFinder: the "quotes" stage. Finds direct, indirect, free indirect and reported speech,
attributes it to actor mentions and turns evaluative quotes into events."""
from __future__ import annotations

from typing import Optional

from ..model import ActorMention, Analysis, Quote, Trigger
from .events import quote_events
from .frames import FrameFinder, Found
from .indirect import find_indirect
from .lexicon import Lexicon, default_lexicon
from .view import Range, View

FORM_OF_RULE = {"free_indirect": "FreeIndirect"}


class QuoteFinder:
    name = "quotes"

    def __init__(self, lexicon: Optional[Lexicon] = None, nested: bool = True) -> None:
        self.lex = lexicon or default_lexicon()
        self.nested = nested

    def __call__(self, analysis: Analysis) -> None:
        if not analysis.sentences:
            return
        view = View(analysis, self.lex)
        ff = FrameFinder(view)
        ff.direct()
        find_indirect(ff)
        found = sorted(ff.found, key=lambda f: (f.first, f.last))
        found = _free_indirect(view, _continued(view, found))
        if self.nested:
            nested = _nested(view, found)
            # an unattributed quoted phrase inside a reported message is that message's nested quote
            inside = {f.first for f in nested}
            found = [f for f in found if not (f.rule in YIELD_TO_NESTED and f.first in inside)] + nested
            found.sort(key=lambda f: (f.first, f.last))
        builder = _Builder(analysis, view)
        analysis.quotes.extend(builder.quote(f, k) for k, f in enumerate(found, 1))
        analysis.events.extend(quote_events(analysis, self.lex, builder.cue_acts))


def _continued(v: View, found: list[Found]) -> list[Found]:
    """An unattributed quote that opens its sentence goes on with the last speaker (up to 3 sentences back)."""
    last: Optional[Found] = None
    for f in found:
        s = v.sent[f.first]
        if f.rule == "direct_unattributed" and last is not None and f.first - 1 <= v.sbeg[s] \
                and s - v.sent[last.last] <= 3:
            f.rule, f.confidence, f.same_speaker_as = "direct_continued", 0.7, last
            f.stwr, f.act, f.lemma = last.stwr, last.act, last.lemma
        if f.speaker or f.same_speaker_as:
            last = f
    return found


def _free_indirect(v: View, found: list[Found]) -> list[Found]:
    """Sentences in Konjunktiv right after a quote, with no cue of their own, report the same speaker."""
    covered = {v.sent[k] for f in found for a, b in f.message for k in range(a, b)}
    covered |= {v.sent[k] for f in found for k in f.cue}
    by_last = {}
    for f in found:
        if f.speaker or f.same_speaker_as:
            by_last[v.sent[f.last]] = f
    out = list(found)
    last: Optional[Found] = None
    for s in range(len(v.sbeg)):
        if s in by_last:
            last = by_last[s]
            continue
        if last is None or s in covered:
            last = None if s in covered else last
            continue
        prev_s = v.sent[last.last]
        b, e = v.sbeg[s], v.send[s]
        if s - prev_s > 1 or v.para[s] - v.para[prev_s] > 1 \
                or not any(v.is_subjunctive(k) for k in range(b, e) if v.in_quote[k] < 0):
            last = None
            continue
        if last.rule == "free_indirect" and last.message[-1][1] == b:
            last.message[-1] = (last.message[-1][0], e)
        else:
            source = last.same_speaker_as or last if last.rule == "free_indirect" else last
            f = Found("FreeIndirect", [(b, e)], "free_indirect", 0.6, same_speaker_as=source,
                      stwr=last.stwr, act=last.act, lemma=last.lemma)
            out.append(f)
            last = f
    return sorted(out, key=lambda f: (f.first, f.last))


# Direct quotes found without a speech tag of their own: inside a reported message they are that
# message's quoted words ("kündigte an, dass beide einer „historischen Entscheidung“ zugestimmt hätten").
YIELD_TO_NESTED = frozenset({"direct_unattributed", "direct_governor"})


def _nested(v: View, found: list[Found]) -> list[Found]:
    """Quoted phrases inside an indirect message: direct speech nested in it."""
    out = []
    direct = {f.first for f in found if f.form == "Direct" and f.rule not in YIELD_TO_NESTED}
    for f in found:
        if f.form == "Direct":
            continue
        for a, b in f.message:
            for q in {v.in_quote[k] for k in range(a, b) if v.in_quote[k] >= 0}:
                m = v.marks[q]
                inner = m.inner
                if inner[0] in direct or m.open < a or m.close >= b:
                    continue
                out.append(Found("Direct", [inner], "nested", f.confidence * 0.9, cue=f.cue, speaker=f.speaker,
                                 addressee=f.addressee, stwr=f.stwr, act=f.act, lemma=f.lemma,
                                 same_speaker_as=f.same_speaker_as, nested=True, frame=f.frame))
    return out


class _Builder:
    """Turns Found records into contract Quotes, linking speakers to actor mentions."""

    def __init__(self, analysis: Analysis, view: View) -> None:
        self.a = analysis
        self.v = view
        self.actors = sorted(analysis.actors, key=lambda m: m.start)
        self.made: dict[int, Quote] = {}     # id(Found) -> Quote
        self.n_mentions = 0
        self.cue_acts: dict[str, tuple[str, str]] = {}   # quote id -> (act, lemma)
        self.named: list[ActorMention] = []  # named speakers so far, for pronouns
        self.by_span: dict[tuple[int, int], ActorMention] = {}   # one mention per speaker span

    def quote(self, f: Found, k: int) -> Quote:
        v = self.v
        content = [v.char_span(r) for r in f.message if r[1] > r[0]]
        sentences = sorted({v.sent[i] for r in f.message for i in range(*r)} | {v.sent[i] for i in f.cue})
        speaker = self._mention(f.speaker, f.rule) if f.speaker else None
        speaker_span = v.char_span(f.speaker) if f.speaker else None
        if f.same_speaker_as is not None:
            earlier = self.made.get(id(f.same_speaker_as))
            earlier_speaker = earlier.speaker if earlier else None
            if speaker_span is None and earlier is not None:
                speaker_span = earlier.speaker_span
            if speaker is None:
                speaker = earlier_speaker
            elif earlier_speaker is not None and speaker.antecedent is None:
                speaker.antecedent, speaker.name = earlier_speaker.id, speaker.name or earlier_speaker.name
        if f.authors and speaker is not None and speaker.antecedent is None:
            authors = self._mention(f.authors, f.rule)
            speaker.antecedent, speaker.name = authors.id, authors.name or authors.text
        q = Quote(id=f"q{k}", form=FORM_OF_RULE.get(f.rule, f.form), sentences=sentences, cue=self._trigger(f.cue),
                  content=content, speaker=speaker, speaker_span=speaker_span,
                  addressee=self._mention(f.addressee, f.rule) if f.addressee else None,
                  rule=f.rule, confidence=round(f.confidence, 2))
        self._date(q, f)
        self.made[id(f)] = q
        self.cue_acts[q.id] = (f.act, f.lemma)
        return q

    def _trigger(self, cue: list[int]) -> Optional[Trigger]:
        if not cue:
            return None
        v = self.v
        cue = sorted(cue)
        return Trigger(text=" ".join(v.words[i] for i in cue), start=v.tokens[cue[0]].start,
                       end=v.tokens[cue[-1]].end)

    def _mention(self, r: Range, rule: str) -> ActorMention:
        span = self.v.char_span(r)
        if span not in self.by_span:
            self.by_span[span] = self._new_mention(r, span, rule)
        return self.by_span[span]

    def _new_mention(self, r: Range, span: tuple[int, int], rule: str) -> ActorMention:
        v = self.v
        start, end = span
        overlapping = [m for m in self.actors if m.start < end and start < m.end]
        if overlapping:
            # a person before an organisation in its genitive ("Der Koordinator des Sicherheitsrates,
            # John Kirby, sagte"); then the mention covering most of the speaker words; then the earliest
            best = max(overlapping, key=lambda m: (m.kind == "person", min(end, m.end) - max(start, m.start),
                                                   -m.start))
            if best.name or best.antecedent:
                self.named.append(best)
            return best
        self.n_mentions += 1
        text = self.a.document.text[start:end]
        mention = ActorMention(id=f"qa{self.n_mentions}", text=text, start=start, end=end,
                               sentence=v.sent[r[0]], resolved_by=f"quotes:{rule}")
        if r[1] - r[0] == 1 and v.lower[r[0]] in v.pron:
            antecedent = self._antecedent(start)
            if antecedent is not None:
                mention.antecedent, mention.name = antecedent.id, antecedent.name or antecedent.text
                mention.kind, mention.country = antecedent.kind or "person", antecedent.country
                mention.sector = list(antecedent.sector)
        else:
            self.named.append(mention)
        return mention

    def _antecedent(self, start: int) -> Optional[ActorMention]:
        """Last fitting named person before a pronoun: an actor mention, else an earlier speaker."""
        persons = [m for m in self.actors if m.end <= start and m.kind == "person" and m.name]
        candidates = persons + [m for m in self.named if m.end <= start]
        return max(candidates, key=lambda m: m.start) if candidates else None

    def _date(self, q: Quote, f: Found) -> None:
        """When the frame says when it was said ("am 12. Januar"), use the time stage's value."""
        if not self.a.times or not f.frame:
            return
        v = self.v
        spans = [v.char_span(r) for r in f.frame if r[1] > r[0]]
        for t in self.a.times:
            if t.type in ("DATE", "TIME") and any(a <= t.start and t.end <= b for a, b in spans):
                q.date, q.date_text = t.value, t.text
                return
