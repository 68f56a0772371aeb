"""A flat token view of an Analysis plus the word-class tests and noun-phrase chunking
that the frame finder needs when no parser ran.
"""
from __future__ import annotations

from typing import Optional

from ..model import Analysis
from .lexicon import Cue, Lexicon
from .marks import OPENERS, QUOTE_MARKS, Marked, pair_marks

Range = tuple[int, int]
# A lone capitalised word before the verb with one of these endings is an adverb
# ("Relativierend fügte er hinzu", "Natürlich sagte er"), not the subject.
ADVERB_ENDINGS = ("end", "lich", "ig", "isch", "weise", "mals", "dings", "falls", "wärts", "ens")
_NP_PREPOSITIONS = frozenset({"in", "im", "aus", "bei", "beim", "für", "vom", "am"})
SENTENCE_PUNCT = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
# Dependency labels of a subject, and of the links from a speech verb up to the verb that carries
# the subject ("… und sagte" -> first conjunct; "lässt … erklären" -> lässt).
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
UP_TO_SUBJECT = frozenset({"conj", "xcomp"})
# Branches of a subject that are not part of the speaker's name ("X, der zur Zeit … inne hat,").
NOT_IN_SPEAKER = frozenset({"acl:relcl", "acl", "punct", "cc"})
# Words that open a subordinate clause: a verb after the comma that follows such a
# clause is the main verb, not an inverted speech tag.
SUBORDINATORS = frozenset({"als", "nachdem", "weil", "wenn", "obwohl", "während", "da", "bevor", "seit",
                           "seitdem", "sobald", "falls", "ob", "dass", "um", "damit", "indem", "bis"})


class View:
    """Tokens of all sentences in one list; spans are token index ranges [a, b)."""

    def __init__(self, analysis: Analysis, lex: Lexicon) -> None:
        self.lex = lex
        g = lex.grammar
        self.det, self.pron, self.prep = g["determiners"], g["speaker_pronouns"], g["prepositions"]
        self.aux, self.comp, self.adv = g["auxiliaries"], g["complementizers"], g["adverbs"]
        self.obj = g["object_pronouns"]
        self.tokens = [t for s in analysis.sentences for t in s.tokens]
        self.words = [t.text for t in self.tokens]
        self.lower = [w.lower() for w in self.words]
        self.sent: list[int] = []
        self.sbeg: list[int] = []
        self.send: list[int] = []
        self.para: list[int] = []
        for k, s in enumerate(analysis.sentences):
            self.sbeg.append(len(self.sent))
            self.sent.extend([k] * len(s.tokens))
            self.send.append(len(self.sent))
            self.para.append(s.paragraph)
        self.marks: list[Marked] = pair_marks(self.words, [self.para[s] for s in self.sent])
        self.in_quote = [-1] * len(self.words)
        self.children: Optional[dict[int, list[int]]] = None
        if self.tokens and self.tokens[0].dep is not None:
            self.children = {}
            for k, t in enumerate(self.tokens):
                if t.head is not None and t.head >= 0:
                    self.children.setdefault(self.sbeg[self.sent[k]] + t.head, []).append(k)
        for q, m in enumerate(self.marks):
            for i in range(m.open, m.close + 1):
                self.in_quote[i] = q

    # --- word classes -------------------------------------------------------------
    def is_cap(self, i: int) -> bool:
        w = self.words[i]
        low = self.lower[i]
        return w[:1].isupper() and low not in self.det and low not in self.prep and low not in self.adv \
            and low not in SUBORDINATORS

    def is_adj(self, i: int) -> bool:
        w = self.lower[i]
        return (w[:1].isdigit() or (self.words[i][:1].islower() and w.endswith(("e", "en", "er", "es", "em"))
                                    and w not in self.aux and w not in self.prep and w not in self.adv
                                    and w not in self.comp and not self.lex.cues(w)))

    def is_subjunctive(self, i: int) -> bool:
        morph = self.tokens[i].morph
        if morph is not None:
            return "Mood=Sub" in morph
        return self.lower[i] in self.lex.subjunctive

    def sentence_end(self, s: int) -> int:
        """End of sentence s without its final punctuation (and closing marks after it)."""
        b, e = self.sbeg[s], self.send[s]
        while e > b and (self.words[e - 1] in SENTENCE_PUNCT or
                         (self.words[e - 1] in QUOTE_MARKS and self.in_quote[e - 1] < 0)):
            e -= 1
        return e

    # --- speech cues --------------------------------------------------------------
    def verb_cue(self, i: int, stop: int) -> Optional[tuple[Cue, list[int]]]:
        """The speech cue at token i and its tokens (with a split particle found before ``stop``)."""
        w = self.words[i]
        if not w[:1].islower() and i != self.sbeg[self.sent[i]]:
            return None
        best = None
        for cue in self.lex.cues(w):
            if cue.kind == "noun":
                continue
            if cue.particle:
                p = self.find_word(cue.particle, i + 1, stop)
                if p is not None:
                    return cue, [i, p]
                continue
            best = best or (cue, [i])
        return best

    def noun_cue(self, i: int) -> Optional[Cue]:
        if not self.words[i][:1].isupper():
            return None
        return next((c for c in self.lex.cues(self.words[i]) if c.kind == "noun"), None)

    def find_word(self, word: str, start: int, stop: int) -> Optional[int]:
        """First ``word`` in [start, stop) before the clause ends at a comma, colon or quote."""
        for j in range(start, stop):
            w = self.lower[j]
            if w == word:
                return j
            if w in (",", ":", ";") or w in OPENERS:
                return None
        return None

    def clause_stop(self, i: int, s: int) -> int:
        """Index of the first comma/colon/semicolon/opener at or after i in sentence s."""
        e = self.sentence_end(s)
        for j in range(i, e):
            if self.words[j] in (",", ":", ";") or (self.words[j] in OPENERS and self.in_quote[j] >= 0):
                return j
        return e

    # --- noun phrases ---------------------------------------------------------------
    def np_forward(self, i: int, stop: int, appositions: bool = False, pps: bool = False) -> Optional[Range]:
        """The noun phrase starting at i: det? adj* Noun+ (genitive | von-PP | (…) | „…“)*;
        with ``pps`` also locative PPs ("Ein Regierungssprecher in Berlin")."""
        if i >= stop:
            return None
        if self.lower[i] in self.pron and (self.words[i][:1].islower() or i == self.sbeg[self.sent[i]]) \
                and not (self.lower[i] in self.det and i + 1 < stop and (self.is_cap(i + 1) or self.is_adj(i + 1))):
            return i, i + 1
        j = self._np_core(i, stop)
        if j is None:
            return None
        while j < stop:
            w = self.lower[j]
            if (w in ("des", "der", "von", "vom") or (pps and w in _NP_PREPOSITIONS)) and j + 1 < stop:
                nxt = self._np_core(j + 1, stop)
                if nxt is None:
                    break
                j = nxt
            elif w == "(":
                k = next((k for k in range(j + 1, min(stop, j + 6)) if self.words[k] == ")"), None)
                if k is None:
                    break
                j = k + 1
            elif appositions and w in ("und", "sowie") and j + 1 < stop and self._np_core(j + 1, stop):
                j = self._np_core(j + 1, stop)        # "Blinken und Austin", "die Staats- und Regierungschefs"
            elif appositions and w == "," and j + 1 < stop:
                # apposition: "Klaus Stöhr, der Leiter des Programms, sagte" / "Olli Rehn, EU-Kommissar:"
                k = self._np_core(j + 1, stop)
                while k is not None and k + 1 < stop and self.lower[k] in ("des", "der", "von", "vom"):
                    k = self._np_core(k + 1, stop) or k
                    if self.lower[k] not in ("des", "der", "von", "vom"):
                        break
                if k is None or not (k == stop or self.words[k] in (",", ":")):
                    break
                j = k if k == stop or self.words[k] == ":" or k + 1 >= stop else k + 1
                if j == stop or self.words[j] == ":":
                    break
            else:
                break
        if j > i and self.words[j - 1] == ",":
            j -= 1
        return i, j

    def _np_core(self, i: int, stop: int) -> Optional[int]:
        j = i
        if j < stop and self.lower[j] in self.det:
            j += 1
        while j < stop and self.is_adj(j):
            j += 1
        if j < stop and self.words[j] in OPENERS and self.in_quote[j] >= 0:   # der „Berliner Zeitung“
            close = self.marks[self.in_quote[j]].close
            if close < stop and close - j <= 6:
                return close + 1
        start = j
        while j < stop and (self.is_cap(j) or (j > start and self.words[j][:1].isdigit())):
            j += 1
        return j if j > start else None

    def np_backward(self, end: int, start: int) -> Optional[Range]:
        """The noun phrase ending just before ``end`` ("dem Bericht der Zeitung" zufolge)."""
        j = end
        while j > start:
            k = j - 1
            w = self.lower[k]
            if self.is_cap(k) or self.is_adj(k) or w in self.det or w in ("von", "vom"):
                j = k
            else:
                break
        while j < end and self.lower[j] in ("von", "vom", "des", "der"):
            j += 1
        return (j, end) if j < end and any(self.is_cap(k) for k in range(j, end)) else None

    def np_after(self, i: int, stop: int) -> Optional[Range]:
        """Subject after a verb, skipping adverbs and prepositional phrases ("sagte am Montag der Minister")."""
        for _ in range(4):
            if i >= stop:
                return None
            w = self.lower[i]
            if w in self.adv or w in self.obj or w == "sich":
                i += 1
                continue
            if w in self.prep:
                pp = self.np_forward(i + 1, stop)
                if pp is None:
                    return None
                i = pp[1]
                continue
            break
        return self.np_forward(i, stop, appositions=True)

    def parsed_subject(self, verb: int, lo: int, stop: int) -> Optional[Range]:
        """The speech verb's subject from the dependency parse, within [lo, stop): its subtree without
        relative clauses, plus appositions after it. None when the sentence was not parsed."""
        if self.children is None:
            return None
        k = verb
        for _ in range(3):
            subj = self._best_subject(k, lo, stop)
            if subj is not None:
                break
            t = self.tokens[k]
            if t.dep not in UP_TO_SUBJECT or t.head is None or t.head < 0:
                return None
            k = self.sbeg[self.sent[k]] + t.head
        else:
            return None
        a = b = subj
        clause = stop          # the first relative clause after the subject ends the speaker's words
        todo = [subj]
        while todo:
            for c in self.children.get(todo.pop(), ()):
                if not lo <= c < stop:
                    continue
                if self.tokens[c].dep in NOT_IN_SPEAKER:
                    if self.tokens[c].dep.startswith("acl") and c > subj:
                        clause = min(clause, self._subtree_start(c))
                    continue
                a, b = min(a, c), max(b, c)
                todo.append(c)
        b = min(b + 1, clause)
        b = next((j for j in range(subj + 1, b) if self.words[j] == "," and not self._apposition_after(j, b)), b)
        np = self.np_forward(a, clause, appositions=True) if self.tokens[subj].upos != "PRON" else None
        if np and np[0] == a and np[1] > b:
            b = np[1]
        while b > a + 1 and self.words[b - 1] in (",", ":"):
            b -= 1
        return a, b

    def _best_subject(self, verb: int, lo: int, stop: int) -> Optional[int]:
        """Of the verb's nsubj children (the parser may give two, e.g. a fronted object), the
        nominative one nearest to the verb."""
        subjects = [c for c in self.children.get(verb, ()) if self.tokens[c].dep in SUBJECT_DEPS
                    and lo <= c < stop and self.in_quote[c] < 0 and self.lower[c] != "es"
                    and self.tokens[c].upos not in ("ADV", "ADP") and self.lower[c] not in self.prep]
        if not subjects:
            return None
        return min(subjects, key=lambda c: (not self.is_nominative(c), abs(c - verb)))

    def is_nominative(self, i: int) -> bool:
        morph = self.tokens[i].morph
        return morph is not None and "Case=Nom" in morph

    def not_subject_case(self, i: int) -> bool:
        """The noun phrase opening at i is an object: "Den Unmut … brachte X zum Ausdruck", "Dem Blatt sagte X"."""
        if self.lower[i] in self.lex.grammar["object_determiners"]:
            return True
        t = self.tokens[i]     # "der" can be dative or genitive: the parser's case decides
        return t.upos == "DET" and t.morph is not None and "Case=" in t.morph and "Case=Nom" not in t.morph

    def _subtree_start(self, i: int) -> int:
        start, todo = i, [i]
        while todo:
            for c in self.children.get(todo.pop(), ()):
                start = min(start, c)
                todo.append(c)
        return start

    def _apposition_after(self, comma: int, end: int) -> bool:
        """A noun phrase follows the comma (an apposition), not a clause."""
        core = self._np_core(comma + 1, end) if comma + 1 < end else None
        return core is not None

    def subject(self, v: int, cs: int, stop: int) -> Optional[Range]:
        """Subject of the clause whose (finite or auxiliary) verb is at or before v."""
        parsed = self.parsed_subject(v, cs, stop)
        if parsed:
            return parsed
        finite = v
        if any("participle" in c.kind or "infinitive" in c.kind for c in self.lex.cues(self.words[v])):
            # "hat ... erklärt", "musste ... einräumen": the auxiliary holds the verb-second slot
            for k in range(v - 1, cs - 1, -1):
                if self.words[k] in (",", ":"):
                    break
                if self.lower[k] in self.aux:
                    finite = k
                    break
        if finite > cs:
            np = self.np_forward(cs, finite, appositions=True, pps=True)
            if np and (np[1] == finite or (np[1] == finite - 1 and self.words[np[1]] == ",")) \
                    and not (np[1] - np[0] == 1 and self.lower[np[0]].endswith(ADVERB_ENDINGS)) \
                    and not (np[0] == cs and self.not_subject_case(cs)):
                return np
        if finite - 1 > cs and self.lower[finite - 1] in ("und", "sowie"):
            # "Medvedev bedankte sich … und sagte": the subject of the first conjunct
            np = self.np_forward(cs, finite, appositions=True)
            if np and np[0] == cs and not (np[1] - np[0] == 1 and self.lower[cs].endswith(ADVERB_ENDINGS)):
                return np
        return self.np_after(finite + 1, stop if finite == v else v)

    def char_span(self, r: Range) -> tuple[int, int]:
        return self.tokens[r[0]].start, self.tokens[r[1] - 1].end


__all__ = ["View", "Range", "SENTENCE_PUNCT", "SUBORDINATORS"]
