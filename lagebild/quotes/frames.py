"""Finding quotations and their frames (cue, speaker, addressee) on the token view.

Rule ids (``Quote.rule``):
  direct_tag_after   „…“, sagte X.      direct_tag_before  X sagte: „…“
  direct_in_clause   X nannte den Plan „…“    direct_prev_colon  X sagte am Montag:  / „…“
  direct_next        „…“ Das sagte X.   direct_continued   a quote after a quote of the same speaker
  direct_prev_sentence  X verurteilte die Regierung. „…“
  direct_governor    X feierte die Absage als „…“ / X sparte nicht mit Kritik:  / „…“ (parse only)
  direct_unattributed
  indirect_complement  X sagte, (dass) …     indirect_tag     …, sagte X. / Dies sei …, so X.
  indirect_noun        die Forderung, dass …
  laut / nach_angaben / meinung_nach / zufolge / wie_mitteilte / hiess_es / demnach (speech.yaml patterns)
  free_indirect        Konjunktiv sentences after a quote, same speaker
  nested               a quoted phrase inside another quote's message
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .lexicon import Cue
from .marks import OPENERS
from .view import Range, View

# Inner length (tokens) up to which a quoted phrase without sentence punctuation and
# without a speech tag is taken as a name or scare quote, not as a quotation.
SHORT_QUOTE = 4


@dataclass(slots=True)
class Found:
    form: str
    message: list[Range]
    rule: str
    confidence: float
    cue: list[int] = field(default_factory=list)
    speaker: Optional[Range] = None
    addressee: Optional[Range] = None
    stwr: str = "speech"
    act: str = "say"
    lemma: str = ""
    same_speaker_as: Optional["Found"] = None   # speaker taken over from an earlier quote
    authors: Optional[Range] = None             # who issued the statement that "speaks"
    nested: bool = False
    frame: list[Range] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.message[0][0]

    @property
    def last(self) -> int:
        return self.message[-1][1] - 1

    def takes(self, cue: Optional[Cue]) -> None:
        if cue:
            self.stwr, self.act, self.lemma = cue.stwr, cue.act, cue.lemma


class FrameFinder:
    def __init__(self, view: View) -> None:
        self.v = view
        self.used: set[int] = set()      # tokens already part of some frame
        self.found: list[Found] = []

    # --- helpers --------------------------------------------------------------------
    def _addressee(self, lo: int, hi: int, lemma: str, speaker: Optional[Range]) -> Optional[Range]:
        """"gegenüber der Zeitung" anywhere in the frame; for verbs like sagen a dative NP right
        after the verb or after the subject that follows it ("sagte der Minister der Zeitung")."""
        v = self.v
        for k in range(lo, hi):
            if v.lower[k] == "gegenüber":
                return v.np_forward(k + 1, hi)
        if lemma not in v.lex.grammar["dative_verbs"]:
            return None
        spots = [lo] + ([speaker[1]] if speaker and lo <= speaker[0] < hi else [])
        for k in spots:
            if k < hi and v.lower[k] in ("dem", "der", "den") and not (speaker and k == speaker[0]):
                return v.np_forward(k, hi)
        return None

    def es_source(self, lo: int, hi: int) -> Optional[Range]:
        """The source of "hieß es": the NP of a PP "in der Erklärung", "aus Kreisen"."""
        v = self.v
        for j in range(lo, hi):
            if v.lower[j] in ("in", "im", "aus", "von", "vom", "seitens", "bei"):
                np = v.np_forward(j + 1, hi)
                if np:
                    return np
        return None

    def before(self, i: int) -> Optional[Found]:
        """The quote found so far that ends last before token i."""
        earlier = [f for f in self.found if f.last < i and (f.speaker or f.same_speaker_as)]
        return max(earlier, key=lambda f: f.last) if earlier else None

    def _add(self, f: Found, frame_tokens: range | list[int] = ()) -> Found:
        self.found.append(f)
        self.used.update(f.cue)
        self.used.update(frame_tokens)
        return f

    def _message_minus(self, s: int, lo: int, hi: int) -> list[Range]:
        """Sentence s without the frame [lo, hi), its final punctuation and the frame's commas."""
        v = self.v
        b, e = v.sbeg[s], v.sentence_end(s)
        while lo > b and v.words[lo - 1] == ",":
            lo -= 1
        while hi < e and v.words[hi] == ",":
            hi += 1
        return [r for r in ((b, lo), (hi, e)) if r[1] > r[0]]

    # --- direct speech --------------------------------------------------------------
    def direct(self) -> None:
        v = self.v
        merged: set[int] = set()
        previous: Optional[Found] = None
        for q, m in enumerate(v.marks):
            if q in merged:
                continue
            inner = m.inner
            if inner[1] <= inner[0]:
                continue
            f = Found("Direct", [inner], "direct_unattributed", 0.5)
            attributed = (self._tag_after(f, m, q, merged) or self._tag_before(f, m)
                          or self._prev_colon(f, m) or self._next_sentence(f, m))
            if not attributed and (previous is None or v.sent[m.open] - v.sent[previous.last] > 1):
                attributed = self._prev_sentence(f, m)
            if not attributed and previous is not None and m.open == v.sbeg[v.sent[m.open]] \
                    and v.sent[m.open] - v.sent[previous.last] <= 2 and not self._is_short(m):
                f.rule, f.confidence, f.same_speaker_as = "direct_continued", 0.75, previous
                f.takes(None)
                f.stwr, f.act, f.lemma = previous.stwr, previous.act, previous.lemma
                attributed = True
            if not attributed and self._is_short(m):
                continue
            if not attributed:
                attributed = self._parsed_governor(f, m)
            self._add(f, range(m.open, m.close + 1))
            if f.speaker or f.same_speaker_as:
                previous = f

    def _is_short(self, m) -> bool:
        a, b = m.inner
        return b - a <= SHORT_QUOTE and not any(self.v.words[k] in (".", "!", "?") for k in range(a, b))

    def _tag_after(self, f: Found, m, q: int, merged: set[int]) -> bool:
        """„…“, sagte X (, „…“).   „…“, so X."""
        v = self.v
        s = v.sent[m.close]
        k, stop = m.close + 1, v.sentence_end(s)
        nxt = next((j for j in range(k, v.send[s]) if v.words[j] in OPENERS and v.in_quote[j] > q
                    and not self._is_short(v.marks[v.in_quote[j]])), None)
        if nxt is not None:
            stop = min(stop, nxt)
        if k < stop and v.words[k] == ",":
            k += 1
        elif v.words[m.close - 1] not in ("?", "!", ".", "…", ","):
            return False           # '"…" bekräftigt' continues the sentence; it is no speech tag
        if k >= stop:
            return False
        if v.lower[k] == "so":
            speaker = v.np_forward(k + 1, stop, appositions=True)
            if not speaker:
                return False
            cue, cue_tokens = None, [k]
        elif v.lower[k] in ("hieß", "heißt") and k + 1 < stop and v.lower[k + 1] == "es":
            cue, cue_tokens = None, [k, k + 1]      # „…“, hieß es in der Erklärung.
            speaker = self.es_source(k + 2, stop)
        else:
            if v.lower[k] == "so" and k + 1 < stop:
                k += 1                              # „…“, so charakterisierte ihn X.
            hit = v.verb_cue(k, stop)
            if hit is None and v.lower[k] in v.aux:
                # „…“, hatte X in einem Interview erklärt.
                hit = next((h for h in (v.verb_cue(j, stop) for j in range(k + 1, stop)) if h), None)
                if hit:
                    hit = (hit[0], sorted([k] + hit[1]))
            elif hit is not None and "finite" not in hit[0].kind:
                hit = None
            if not hit:
                return False
            cue, cue_tokens = hit
            lexical = next((j for j in cue_tokens if v.lower[j] not in v.aux), cue_tokens[0])
            speaker = v.parsed_subject(lexical, k + 1, stop) or v.np_after(k + 1, stop)
            if speaker is None:
                return False
        f.cue, f.speaker, f.rule, f.confidence = cue_tokens, speaker, "direct_tag_after", 0.95
        f.takes(cue)
        f.addressee = self._addressee(k + 1, stop, f.lemma, speaker)
        f.frame = [(m.close + 1, stop)]
        if nxt is not None and v.words[stop - 1] == "," and v.sent[nxt] == s:
            q2 = v.in_quote[nxt]
            f.message.append(v.marks[q2].inner)
            merged.add(q2)
        return True

    def _tag_before(self, f: Found, m) -> bool:
        """X sagte: „…“ / X sagte, „…“ / X nannte den Plan „…“ (cue in the same sentence)."""
        v = self.v
        s = v.sent[m.open]
        b = v.sbeg[s]
        cs = b
        for j in range(m.open - 1, b - 1, -1):     # clause start: after an earlier quote
            if v.in_quote[j] >= 0:
                cs = j + 1
                break
        candidates = [j for j in range(m.open - 1, cs - 1, -1) if v.in_quote[j] < 0 and j not in self.used]
        for j in candidates:
            if v.lower[j] in ("laut", "gemäß"):
                sp = v.np_forward(j + 1, m.open)
                if sp:
                    f.cue, f.speaker, f.rule, f.confidence = [j], sp, "direct_laut", 0.9
                    f.frame = [(cs, m.open)]
                    return True
            if v.lower[j] in ("hieß", "heißt") and "es" in (v.lower[j - 1], v.lower[j + 1]):
                # "In dem Antrag heißt es: „…“" / "So heißt es in der Meldung: „…“"
                f.cue, f.rule, f.confidence, f.frame = sorted([j, j + 1 if v.lower[j + 1] == "es" else j - 1]), \
                    "direct_hiess_es", 0.85, [(cs, m.open)]
                f.speaker = self.es_source(cs, m.open)
                f.stwr = "writing"
                return True
            hit = v.verb_cue(j, m.open)
            if not hit:
                continue
            speaker = v.subject(j, cs, m.open)
            # the quote must stand in the cue's clause: no comma between them but one right before it
            # (the commas of an apposition after the verb, "sagte X, der Chef der Firma:", do not count)
            inside = range(*speaker) if speaker else range(0)
            if not any(v.words[k] in (",", ":", ";") and k not in inside
                       for k in range(max(hit[1]) + 1, m.open - 1)):
                cue, cue_tokens = hit
                f.cue, f.rule = cue_tokens, "direct_tag_before"
                f.confidence = 0.9 if v.words[m.open - 1] in (":", ",") else 0.75
                f.takes(cue)
                f.speaker = speaker
                f.addressee = self._addressee(j + 1, m.open, f.lemma, f.speaker)
                f.frame = [(cs, m.open)]
                return True
        if m.open > cs and v.words[m.open - 1] == ":":
            sp = self._colon_subject(cs, m.open)
            if sp:
                f.speaker, f.rule, f.confidence, f.frame = sp, "direct_tag_before", 0.6, [(cs, m.open)]
                return True
        return False

    def _colon_subject(self, cs: int, colon: int) -> Optional[Range]:
        """Speaker of a clause without a speech verb before a colon: the parsed subject of its first verb,
        else the noun phrase opening it, unless that is a fronted object ("Den Unmut brachte X zum Ausdruck:")."""
        v = self.v
        verb = next((k for k in range(cs, colon) if v.tokens[k].upos in ("VERB", "AUX")), None)
        parsed = v.parsed_subject(verb, cs, colon) if verb is not None else None
        if parsed:
            return parsed
        sp = v.np_forward(cs, colon, appositions=True)
        if sp and sp[1] < colon and v.not_subject_case(cs):
            return v.np_after(sp[1] + 1, colon)
        return sp

    def _prev_colon(self, f: Found, m) -> bool:
        """The frame is the previous sentence, which ends in a colon."""
        v = self.v
        s = v.sent[m.open]
        if m.open != v.sbeg[s] or s == 0 or v.words[v.send[s - 1] - 1] != ":":
            return False
        b, e = v.sbeg[s - 1], v.send[s - 1] - 1
        fake = type(m)(e, e, True)
        ok = self._tag_before(f, fake)
        if ok:
            f.rule = "direct_prev_colon"
        return ok

    def _next_sentence(self, f: Found, m) -> bool:
        """„…“ Das sagte X am Montag. / „…“ Das musste X einräumen."""
        v = self.v
        s = v.sent[m.close]
        if s + 1 >= len(v.sbeg) or m.close < v.sentence_end(s) - 1:
            return False
        b, e = v.sbeg[s + 1], v.sentence_end(s + 1)
        if e - b < 3 or v.lower[b] not in ("das", "dies", "so", "dieses"):
            return False
        hit = next((h for h in (v.verb_cue(j, e) for j in range(b + 1, e)) if h), None)
        if not hit:
            return False
        f.cue, f.rule, f.confidence = hit[1], "direct_next", 0.8
        f.takes(hit[0])
        f.speaker = v.parsed_subject(hit[1][0], b + 1, e) or v.np_after(b + 2, e)
        f.frame = [(b, e)]
        return True

    def _prev_sentence(self, f: Found, m) -> bool:
        """A quote opening its sentence after a sentence whose speech verb names the speaker
        ("X verurteilte die Haltung der Regierung. „…“")."""
        v = self.v
        s = v.sent[m.open]
        if m.open != v.sbeg[s] or s == 0:
            return False
        b, e = v.sbeg[s - 1], v.sentence_end(s - 1)
        if any(v.in_quote[k] >= 0 for k in range(b, e)):
            return False
        for j in range(b, e):
            hit = v.verb_cue(j, e)
            if hit and "finite" in hit[0].kind:
                speaker = v.subject(j, b, e)
                if speaker:
                    f.speaker, f.rule, f.confidence = speaker, "direct_prev_sentence", 0.6
                    f.takes(hit[0])
                    return True
        return False

    def _parsed_governor(self, f: Found, m) -> bool:
        """No speech verb: the subject of the verb the quote depends on ("X feierte die Absage als „…“"),
        or, for a quote after a sentence ending in a colon, of that sentence's main verb. Parse only."""
        v = self.v
        if v.children is None:
            return False
        s = v.sent[m.open]
        if m.open == v.sbeg[s] and s > 0 and v.words[v.send[s - 1] - 1] == ":":
            s -= 1
            head = next((k for k in range(v.sbeg[s], v.send[s]) if v.tokens[k].head == -1), None)
        else:
            a, b = m.inner
            head = next((v.sbeg[s] + v.tokens[k].head for k in range(a, b) if v.tokens[k].head is not None
                         and v.tokens[k].head >= 0 and not a <= v.sbeg[s] + v.tokens[k].head < b), None)
        for _ in range(4):
            if head is None or v.in_quote[head] == v.in_quote[m.open]:
                return False
            if v.tokens[head].upos in ("VERB", "AUX"):
                speaker = v.parsed_subject(head, v.sbeg[s], v.send[s])
                # "ein Kommentar, der … als „…“ bezeichnet": the relative pronoun stands for the noun above
                relative = speaker and speaker[1] - speaker[0] == 1 and v.tokens[speaker[0]].upos == "PRON" \
                    and (v.tokens[head].dep or "").startswith("acl")
                if speaker and not relative:
                    f.speaker, f.rule, f.confidence = speaker, "direct_governor", 0.55
                    f.frame = [(v.sbeg[s], v.send[s])]
                    return True
            t = v.tokens[head]
            head = v.sbeg[s] + t.head if t.head is not None and t.head >= 0 else None
        return False
