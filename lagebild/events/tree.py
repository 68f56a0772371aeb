"""Read a UD dependency tree (lagebild Tokens) the way the event patterns need it.

All helpers work on sentence-local token indices. The parser labels a passive
subject plainly ``nsubj`` (with ``aux:pass`` on the verb), so voice is read from
the auxiliaries, and the logical subject/object are swapped here once, so that
patterns can be written for the active voice.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator, Optional

from ..model import Token
from ..syntax.arguments import possible_cases
from ..text.segment import dateline_length

SUBJ = ("nsubj", "nsubj:pass", "csubj")
NOMINAL = ("NOUN", "PROPN", "PRON", "X")
QUOTE_MARKS = {"»", "«", '"', "„", "“", "”", "'"}
# preposition + article, in case the lemmatiser keeps the form
CONTRACTIONS = {"im": "in", "ins": "in", "am": "an", "ans": "an", "zum": "zu", "zur": "zu", "vom": "von",
                "beim": "bei", "aufs": "auf", "übers": "über", "fürs": "für", "durchs": "durch"}
PP_DEPS = ("obl", "obl:arg", "obl:agent", "nmod", "obl:tmod", "advmod")
AGENT_PREPS = ("von", "durch")
# "mehr als 200 Personen": "als" after these words counts, it does not compare
QUANTITY_COMPARATIVES = frozenset({"mehr", "weniger"})
TIME_PREPS = ("vor", "nach", "während", "bei", "seit")
# prepositions a tagger may read as conjunctions ("Während der Reise" as SCONJ)
STRAY_PREPOSITIONS = ("während", "seit", "bis", "trotz", "wegen", "statt")
# Dependents that can name the actor inside a noun phrase ("Führer Japans", "Präsident Biden").
NESTED_DEPS = ("nmod", "nmod:poss", "det:poss", "appos", "flat", "flat:name", "amod", "compound")
SUBORDINATING_ADVERBS = {"wo", "wie", "wann", "warum", "weshalb", "wohin", "woher", "wodurch", "womit", "wobei"}
# dependents that stand inside their head noun's phrase (and so under its preposition)
PHRASE_INNER_DEPS = ("conj", "amod", "det", "flat", "flat:name", "compound", "appos")
# third person finite forms of the auxiliaries and modals, by number
SINGULAR_AUX = frozenset("ist war hat hatte wird wurde kann konnte muss musste soll sollte will wollte darf durfte".split())
PLURAL_AUX = frozenset("sind waren haben hatten werden wurden können konnten müssen mussten sollen sollten wollen wollten "
                       "dürfen durften".split())
CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "csubj", "parataxis", "acl", "acl:relcl")


def feats(tok: Token) -> dict[str, str]:
    return dict(f.split("=", 1) for f in (tok.morph or "").split("|") if "=" in f)


def lemma(tok: Token) -> str:
    return (tok.lemma or tok.text).lower()


def fronted_participles(tokens: list[Token]) -> list[Token]:
    """ "Vermittelt hatten den Austausch die Emirate": a participle fronted before its auxiliary, which the
    parser may read as the subject of a main verb "haben". The participle heads the clause again (the
    auxiliary and its dependents hang on it), in copies: the sentence's own tokens stay as parsed."""
    out = tokens
    for tok in tokens:
        head = tok.head if tok.head is not None and 0 <= tok.head < len(tokens) else None
        if head is None or head <= tok.i or tok.dep not in ("nsubj", "obj", "csubj", "ccomp") \
                or not (tok.tag == "VVPP" or feats(tok).get("VerbForm") == "Part") \
                or lemma(tokens[head]) not in ("haben", "sein", "werden") \
                or any(t.head == head and t.i != tok.i and t.upos in ("VERB", "AUX") for t in tokens):
            continue
        aux = tokens[head]
        if out is tokens:
            out = list(tokens)
        out[tok.i] = replace(tok, head=aux.head, dep=aux.dep)
        out[head] = replace(aux, upos="AUX", head=tok.i, dep="aux:pass" if lemma(aux) == "werden" else "aux")
        for t in tokens:
            if t.head == head and t.i != tok.i:
                out[t.i] = replace(out[t.i], head=tok.i)
    return out


class Tree:
    """Children index and argument lookups for one parsed sentence."""

    __slots__ = ("tokens", "kids", "object_control", "dateline")

    def __init__(self, tokens: list[Token], object_control: frozenset[str] = frozenset()) -> None:
        self.tokens = fronted_participles(tokens)
        # verbs whose object, not subject, does the infinitive: "bringen Japan dazu, ... zu erwerben"
        self.object_control = object_control
        self.dateline = dateline_length(tokens)   # an agency dateline names where, not who: no arguments
        self.kids: list[list[int]] = [[] for _ in tokens]
        for t in tokens:
            if t.head is not None and 0 <= t.head < len(tokens) and t.head != t.i:
                self.kids[t.head].append(t.i)

    def children(self, i: int, *deps: str) -> Iterator[Token]:
        for k in self.kids[i]:
            tok = self.tokens[k]
            if not deps or tok.dep in deps:
                yield tok

    def head(self, i: int) -> Optional[Token]:
        h = self.tokens[i].head
        return self.tokens[h] if h is not None and 0 <= h < len(self.tokens) else None

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(self.kids[k])
        return out

    def span(self, i: int) -> tuple[int, int]:
        idx = self.subtree(i)
        return self.tokens[min(idx)].start, self.tokens[max(idx)].end

    def preposition(self, i: int) -> Optional[str]:
        for c in self.children(i, "case"):
            low = lemma(c)
            if low == "als" and c.i > 0 and self.tokens[c.i - 1].text.lower() in QUANTITY_COMPARATIVES:
                return None   # "mehr als 200 Personen" is a quantity, not an "als"-phrase
            return CONTRACTIONS.get(low, low)
        return None

    def phrase_preposition(self, i: int) -> Optional[str]:
        """The preposition of token i's phrase: its own, or that of the noun it modifies or is
        coordinated with ("zwischen Japan und den Vereinigten Staaten": UD hangs the preposition on
        the first conjunct only, and "Vereinigten" is a modifier of "Staaten")."""
        own = self.preposition(i)
        k = i
        while own is None and self.tokens[k].dep in PHRASE_INNER_DEPS \
                and not any(True for _ in self.children(k, "case")):
            head = self.head(k)
            if head is None or head.upos not in NOMINAL + ("ADJ",) or self.tokens[k].dep == "conj" and head.i > k:
                break
            k = head.i
            own = self.preposition(k)
        return own

    def is_passive(self, i: int) -> bool:
        """werden + participle (also when the parser labels that 'werden' plain aux)."""
        if any(True for _ in self.children(i, "aux:pass")):
            return True
        deps = {c.dep for c in self.children(i)}
        if "nsubj:pass" in deps and not deps & {"nsubj", "aux"}:
            return True   # a headline without auxiliary: "100 Menschen verletzt"
        tok = self.tokens[i]
        werden = any(lemma(a) == "werden" for a in self.children(i, "aux"))
        if tok.tag == "VVPP" or feats(tok).get("VerbForm") == "Part":
            return werden
        # "werde ... unterstützt" tagged as a finite form: with "werden" a form in -t is the participle
        # (the future takes the infinitive in -en)
        return werden and tok.text.endswith("t")

    def is_reflexive(self, tok: Token) -> bool:
        return tok.tag == "PRF" or "Reflex=Yes" in (tok.morph or "")

    def has_reflexive(self, i: int) -> bool:
        return any(self.is_reflexive(c) for c in self.children(i))

    def pps(self, i: int, prep: str) -> list[Token]:
        return [c for c in self.children(i, *PP_DEPS) if self.preposition(c.i) == prep]

    def clause_head(self, i: int) -> int:
        """The verb a noun trigger belongs to (itself for verbs)."""
        k, steps = i, 0
        while self.tokens[k].upos not in ("VERB", "AUX") and steps < 4:
            h = self.head(k)
            if h is None:
                break
            k, steps = h.i, steps + 1
        return k

    def verb_chain(self, i: int) -> list[Token]:
        """A verb and its auxiliaries (modals, future 'werden', passive)."""
        return [self.tokens[i], *self.children(i, "aux", "aux:pass", "cop")]

    def subjects(self, i: int) -> list[Token]:
        """Grammatical subject; a conjoined or controlled verb borrows its head's subject."""
        k = i
        if self.tokens[i].upos == "AUX" and self.tokens[i].dep in ("aux", "cop") and self.head(i) is not None:
            k = self.head(i).i   # a modal's subject is its verb's: "Die EU muss kooperieren"
        for _ in range(4):
            # a "subject" under a preposition ("um fünf Prozent gesenkt") is a misread adjunct
            subj = [] if self.shares_subject(k) else [s for s in self.children(k, *SUBJ)
                                                     if s.i >= self.dateline and self.preposition(s.i) is None
                                                     and not self.as_phrase(s.i)]
            if not subj:   # the parser sometimes hangs the subject on the modal: "wollen ... ausbauen"
                subj = [s for a in self.children(k, "aux") for s in self.children(a.i, *SUBJ)]
            if subj:
                return subj
            h = self.head(k)
            dep = self.tokens[k].dep
            if h is not None and dep not in ("conj", "xcomp", "advcl") and self.zu_infinitive(k):
                # "gaben an, den Hubschrauber abgeschossen zu haben": an infinitive clause, however labelled
                h, dep = self.tokens[self.clause_head(h.i)], "xcomp"
            if h is None or dep not in ("conj", "xcomp", "advcl") or dep != "conj" and self.finite_subclause(k):
                return []   # "..., wo die Minister ... unterzeichneten": its own subject, never the head's
            if dep == "xcomp" and lemma(h) in self.object_control:
                objs = [c for c in self.children(h.i, "obj", "iobj") if not self.is_reflexive(c)]
                subj = sorted(self.children(h.i, *SUBJ), key=lambda t: t.i)
                return objs or subj[1:]   # the second "subject" is the misread object
            if dep == "conj" and h.upos in NOMINAL and h.i < k:
                if h.dep in ("nsubj", "root"):
                    return [h]   # "Blinken und Austin bekräftigten": verb parsed as a conjunct of the subject
                k = self.clause_head(h.i)   # "traf X mit Y und unterzeichnete": conjunct hung on Y
                continue
            k = h.i
        return []

    def shares_subject(self, i: int) -> bool:
        """ "traf sich mit X und unterzeichnete ein Abkommen", "kam an, traf ... und reiste ab": a verb right
        after "und" or a comma has no pre-field of its own; it shares the first verb's subject, and a
        "subject" after it is its object."""
        tok = self.tokens[i]
        head = self.head(i)
        return tok.dep in ("conj", "parataxis") and i > 0 and lemma(self.tokens[i - 1]) in ("und", "sowie", "oder", ",") \
            and head is not None and head.upos == "VERB" and head.i < i and feats(tok).get("VerbForm") != "Inf" \
            and not any(s.i < i for s in self.children(i, *SUBJ))

    def as_phrase(self, k: int) -> bool:
        """ "Als Zeichen des guten Willens ...", "Während der Reise ...": a phrase after "als"/"wie" is a
        predicate, one after a preposition the parser hung elsewhere an adjunct; neither is an argument."""
        first = min(self.subtree(k))
        before = self.tokens[first - 1] if first > 0 else None
        return before is not None and (lemma(before) in ("als", "wie") or before.upos == "ADP"
                                       or lemma(before) in STRAY_PREPOSITIONS) \
            or any(lemma(c) in ("als", "wie") for c in self.children(k))

    def finite_subclause(self, k: int) -> bool:
        """Verb k heads a finite clause opened by a subordinator ("dass", "wo", "wie") or a relative
        pronoun: a clause with a subject of its own, whatever the parser attached it to."""
        if self.zu_infinitive(k):
            return False
        first = next((t for t in (self.tokens[j] for j in sorted(self.subtree(k))) if t.upos != "PUNCT"), None)
        if first is None or first.i >= k:
            return False
        return first.upos == "SCONJ" or lemma(first) in SUBORDINATING_ADVERBS \
            or (first.upos == "PRON" and feats(first).get("PronType") == "Rel")

    def bare(self, i: int, *deps: str) -> list[Token]:
        """Noun dependents without a preposition (the parser often labels a dative or a subject 'obl')."""
        return [c for c in self.children(i, *deps) if c.upos in NOMINAL and self.preposition(c.i) is None
                and not self.as_phrase(c.i)]   # "als Vorbild"

    def logical_subject(self, i: int) -> list[Token]:
        if self.is_passive(i):
            return [t for p in AGENT_PREPS for t in self.pps(i, p) if not self.noun_attribute(t.i)]
        swapped = self.swapped_subject(i)
        if swapped:
            return [swapped[0]]
        # "Am Morgen trafen sich A und B ...": the accusative is no subject
        subj = [t for t in self.subjects(i) if self.can_be("Nom", t.i)]
        if len(subj) > 1:   # "verteidigte Lukaschenko" parsed as a second subject: that one is the object
            before = [t for t in subj if t.i < i]
            # all, the pre-verbal first: "Am Morgen trafen sich A und B ..." has two "subjects"
            return before + [t for t in subj if t.i > i] if self.has_object(i) else before or subj[:1]
        if not subj and self.tokens[i].dep not in ("conj", "xcomp", "advcl"):
            subj = [t for t in self.bare(i, "obl", "obl:tmod", "nmod", "dep", "appos") if t.i < i][:1]
            # "Die Weltbank hat Moldau ... gewährt" with "hat" read as copula of "Moldau": the subject
            # the parser hung on that noun is the verb's
            subj = [next((s for s in self.children(t.i, "nsubj") if s.i < t.i), t) for t in subj]
        return subj

    def fronted_object(self, verb: int, obj: Token, subj: Token) -> bool:
        """ "Blinken bekräftigte die Unterstützung" read as object-verb-subject: German allows that
        order, but without a case or number proof the first phrase of a main clause is its subject."""
        if self.tokens[verb].dep != "root" or obj.i > verb or obj.upos not in ("NOUN", "PROPN"):
            return False
        if any(self.tokens[k].upos != "PUNCT" for k in range(min(self.subtree(obj.i)))):
            return False   # something else stands before it: not the whole pre-field
        number = feats(self.tokens[verb]).get("Number")
        return self.can_be("Nom", obj.i) and self.can_be("Acc", subj.i) \
            and feats(obj).get("Number", number) == number

    def noun_attribute(self, k: int) -> bool:
        """ "nach dem Treffen von Minister X ... verhaftet": a von-phrase right after a noun in a
        PP of time belongs to that noun, not to the passive verb as its agent."""
        first = min(self.subtree(k))
        prev = self.tokens[first - 1] if first > 0 else None
        return prev is not None and prev.upos == "NOUN" and self.preposition(prev.i) in TIME_PREPS

    def can_be(self, case: str, i: int) -> bool:
        """False only when a determiner or pronoun form rules the case out (lang/de/case_forms.tsv)."""
        cases = possible_cases(self.tokens, self.kids, i)
        return cases is None or case in cases

    def swapped_subject(self, i: int) -> Optional[tuple[Token, Token]]:
        """ "Washington lobte Seoul" parsed with Seoul as subject: a bare name before the verb and a
        subject after it, no object -> the usual order (subject first) is taken."""
        subj = [t for t in self.children(i, *SUBJ) if t.i >= self.dateline]
        objs = [c for c in self.children(i, "obj") if not self.is_reflexive(c)]
        if len(subj) == 1 and len(objs) == 1:
            agreeing = self.relative_agreement(i, subj[0], objs[0])
            if agreeing is not None:
                return agreeing
        if not subj and len(objs) == 2:
            first, second = objs
            if self.can_be("Nom", first.i) and (not self.can_be("Nom", second.i)
                                                or first.i == i + 1 and self.tokens[i].dep == "root"):
                # "hat die Regierung einen Vorschlag abgelehnt": "einen" is no nominative; and
                # "Am Abend verteidigte der Minister das Gesetz": the subject right after the
                # finite verb, read as a first object
                return first, second
        if len(subj) == 1 and subj[0].i > i and len(objs) == 1 and self.fronted_object(i, objs[0], subj[0]):
            return objs[0], subj[0]
        if len(subj) != 1 or subj[0].i < i or objs:
            return None
        front = [t for t in self.children(i, "advmod", "obl", "nmod", "dep", "obl:tmod")
                 if t.i < i and t.upos == "PROPN" and self.preposition(t.i) is None]
        return (front[0], subj[0]) if front else None

    def relative_agreement(self, i: int, subj: Token, obj: Token) -> Optional[tuple[Token, Token]]:
        """ "Ballons, die Nordkorea geschickt hatte", "Dokumente, die die Allianz stärken werden": in a
        relative clause the finite verb agrees in number with its subject; when the parse's subject
        cannot agree and the other phrase does, the two are swapped (subject, object)."""
        if self.tokens[i].dep not in ("acl:relcl", "acl") or self.head(i) is None:
            return None
        relative = min(subj, obj, key=lambda t: t.i)
        other = obj if relative is subj else subj
        if not self.relative_pronoun(relative) or other.upos not in ("NOUN", "PROPN"):
            return None
        number = self.finite_number(i)
        rel_number = feats(self.head(i)).get("Number")   # the antecedent's
        other_number = "Sing" if other.upos == "PROPN" and not any(
            lemma(d) == "die" for d in self.children(other.i, "det")) else feats(other).get("Number")
        if number is None or rel_number is None or other_number is None or rel_number == other_number:
            return None
        if subj is relative and rel_number != number:
            return other, relative
        if subj is other and other_number != number:
            return relative, other
        return None

    def relative_pronoun(self, tok: Token) -> bool:
        return tok.tag == "PRELS" or "Rel" in feats(tok).get("PronType", "").split(",")

    def finite_number(self, i: int) -> Optional[str]:
        """Number of the finite form in verb i's chain, from the closed class of auxiliaries first
        (the tagger often reads a clause-final "werden" as an infinitive)."""
        for tok in self.verb_chain(i):
            low = tok.text.lower()
            if low in SINGULAR_AUX:
                return "Sing"
            if low in PLURAL_AUX:
                return "Plur"
        fin = next((t for t in self.verb_chain(i) if (t.tag or "").endswith("FIN")), None)
        return feats(fin).get("Number") if fin is not None else None

    def logical_object(self, i: int) -> list[Token]:
        if self.is_passive(i):
            return self.subjects(i)
        swapped = self.swapped_subject(i)
        if swapped:
            return [swapped[1]]
        obj = [c for c in self.children(i, "obj") if not self.is_reflexive(c)]
        if len(obj) > 1:   # "begrüßte die Entscheidung Polens": a genitive read as a second object
            obj = [c for c in obj if not self.looks_genitive(c.i)]
        if not obj:
            subj = list(self.children(i, *SUBJ))
            obj = sorted(subj, key=lambda t: t.i)[-1:] if len(subj) > 1 or self.shares_subject(i) else []
        return obj

    def datives(self, i: int) -> list[Token]:
        found = list(self.children(i, "iobj")) or self.bare(i, "obl", "obl:arg")
        if found:
            return found
        subj = list(self.children(i, *SUBJ))
        objs = list(self.children(i, "obj"))
        if len(subj) > 1 and objs:
            return sorted(subj, key=lambda t: t.i)[-1:]   # "gewährte Moldau einen Kredit": dative read as subject
        if len(objs) > 1:
            return sorted(objs, key=lambda t: t.i)[:-1]   # ... or as a second object
        return []

    def genitives(self, i: int) -> list[Token]:
        return self.bare(i, "nmod", "appos") or self.genitive_after(i)

    def looks_genitive(self, k: int) -> bool:
        """A name in -s right after a noun ("die Entscheidung Polens"), or a genitive name right
        before one ("lobte Polens Einsatz")."""
        tok = self.tokens[k]
        if tok.upos != "PROPN" or not tok.text.endswith("s"):
            return False
        if k + 1 < len(self.tokens) and self.tokens[k + 1].upos == "NOUN" and feats(tok).get("Case") == "Gen":
            return True
        return k > 0 and self.tokens[k - 1].upos == "NOUN"

    def genitive_after(self, i: int) -> list[Token]:
        """Fallback for a misattached genitive right after a noun: "Sorge» der EU", "Drohung Irans"."""
        if self.tokens[i].upos != "NOUN":
            return []
        k = i + 1
        while k < len(self.tokens) and self.tokens[k].text in QUOTE_MARKS:
            k += 1
        article = k < len(self.tokens) and self.tokens[k].text.lower() in ("der", "des")
        if article:
            k += 1
        while k < len(self.tokens) and self.tokens[k].upos == "ADJ":
            k += 1
        if k >= len(self.tokens) or self.tokens[k].upos not in ("NOUN", "PROPN"):
            return []
        tok = self.tokens[k]
        return [tok] if article or (tok.upos == "PROPN" and tok.text.endswith("s")) else []

    def clause_comma(self, k: int) -> bool:
        """A comma that opens a subordinate or infinitive clause ("…, um … zu stoppen", "…, dass …")."""
        if self.tokens[k].text != "," or k + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[k + 1]
        return nxt.upos in ("SCONJ", "PRON") or lemma(nxt) in ("um", "ohne", "statt", "anstatt")

    def pp_after(self, i: int, prep: str, window: int = 6) -> list[Token]:
        """Fallback for a misattached PP: 'prep' shortly after token i in the same phrase."""
        return self._pp_near(self.tokens[i + 1: i + 1 + window], prep)

    def pp_before(self, i: int, prep: str, window: int = 8) -> list[Token]:
        """'von der Polizei festgenommene': the agent PP left of an adjectival participle."""
        return self._pp_near(self.tokens[max(0, i - window): i][::-1], prep, backwards=True)

    def _pp_near(self, toks: list[Token], prep: str, backwards: bool = False) -> list[Token]:
        for tok in toks:
            if tok.upos in ("VERB", "AUX", "SCONJ") or tok.text in (",", ";", ":", "."):
                break
            if tok.upos == "ADP" and lemma(tok) == prep:
                noun = next((t for t in self.tokens[tok.i + 1: tok.i + 5] if t.upos in NOMINAL), None)
                return [noun] if noun is not None else []
        return []

    def possessors(self, i: int) -> list[Token]:
        """ "ihr Angriff", and a name before the noun ("Japans Erhöhung", parsed det or nmod:poss)."""
        return [c for c in self.children(i, "det:poss", "nmod:poss", "det")
                if c.dep != "det" or c.upos == "PROPN"]

    def relative_clause_start(self, k: int) -> Optional[int]:
        """If token k ends a relative clause, the index where that clause starts (its comma)."""
        for anc in self._ancestors(k):
            if self.tokens[anc].dep in ("acl:relcl", "acl") and self.tokens[anc].upos in ("VERB", "AUX"):
                first = min(self.subtree(anc))
                return first if first < k else None
        return None

    def _ancestors(self, k: int) -> list[int]:
        out, seen = [k], {k}
        while self.tokens[out[-1]].head is not None and self.tokens[out[-1]].head >= 0 and len(out) < 8:
            h = self.tokens[out[-1]].head
            if h in seen:
                break
            seen.add(h)
            out.append(h)
        return out

    def zu_infinitive(self, i: int) -> bool:
        """ "abgeschossen zu haben", "anzugreifen": an infinitive clause, whatever the parser called it."""
        tok = self.tokens[i]
        if tok.tag == "VVIZU":
            return True
        chain = [i] + [a.i for a in self.children(i, "aux")]
        return any(c.upos == "PART" and lemma(c) == "zu" for k in chain for c in self.children(k, "mark"))

    def has_object(self, i: int) -> bool:
        return any(not self.is_reflexive(c) for c in self.children(i, "obj"))
