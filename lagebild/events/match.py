"""Match the event patterns of one sentence against its dependency tree.

For every token the patterns indexed under its lemma are tried, most specific
first; the first that finds its actors wins. Each failed try is kept as a
near miss with the reason, for `explain`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import ActorMention, Token
from .arguments import UNCODED, SentenceActors
from .patterns import Modality, Pattern, PatternSet
from .tree import AGENT_PREPS, CLAUSE_DEPS, NOMINAL, SUBJ, Tree, lemma
from .speech import is_reported, judge_tokens, judged_tokens, speaker_tokens
from .triggers import candidates

LINEAR_WINDOW = 15
CLAUSE_BREAKS = (";", ":", "–", "(", "»", "«", '"', "„", "“")
GOVERNED_DEPS = ("obj", "obl", "obl:arg", "nmod", "iobj", "xcomp")
# a noun in these PPs (or none) is something the clause's subject does: "mit der Unterzeichnung", "im Telefonat mit"
GOVERNED_PREPS = (None, "mit", "zu", "an", "für", "in", "auf")
VERBAL_COOPERATION = 1
FIRST_PERSON = {"ich", "wir", "mir", "mich", "uns"}
# slots whose fillers are all taken, not just the first: "Irans Tests und Syriens Angriffe"
GATHERING_SLOTS = ("front",)
# a place can be the target: visited ("reiste nach Kiew"), attacked or taken ("brachten Mossul unter Kontrolle")
PLACE_TARGETS = ("CONSULT", "ASSAULT")
# PPs that set a time or origin ("aus dem Jahr 2018", "in dieser Woche"): an `unless` word there is no other sense
SETTING_PREPS = ("aus", "seit", "vor", "nach", "während", "in", "bis", "ab")


@dataclass(slots=True)
class Match:
    pattern: Pattern
    trigger: int
    support: Optional[int]                  # the `with` word, if any
    source: list[ActorMention]
    target: list[ActorMention]
    confidence: float
    slots: dict[str, str] = field(default_factory=dict)   # role -> slot that filled it


@dataclass(slots=True)
class NearMiss:
    pattern: Pattern
    trigger: int
    reason: str


class SentenceMatcher:
    def __init__(self, tree: Tree, actors: SentenceActors, lex: Modality) -> None:
        self.tree, self.actors, self.lex = tree, actors, lex

    # -- argument slots -------------------------------------------------
    def governor(self, i: int) -> Optional[Token]:
        tok, head = self.tree.tokens[i], self.tree.head(i)
        return head if head is not None and tok.dep in GOVERNED_DEPS else None

    def gov_subject(self, i: int) -> list[Token]:
        """Who does what the noun names: subject of a copula noun ("Japan war Gastgeber"), of the
        verb governing it ("führte Gespräche", "mit der Unterzeichnung beendeten X"), or of the
        copula noun it depends on ("X ist Anlass zu Besorgnis")."""
        own = list(self.tree.children(i, "nsubj"))
        if own:
            return own
        if self.tree.preposition(i) not in GOVERNED_PREPS:
            return []   # "beim Gipfel dabei", "gegen den Gipfel": the subject does not hold it
        gov = self.governor(i)
        if gov is None or gov.upos not in ("VERB", "AUX") and not any(True for _ in self.tree.children(gov.i, "cop")):
            gov = self.clause_verb(i) or self.container_verb(i, gov) or gov   # hung on another noun
        if gov is None:
            return []
        if gov.upos in ("VERB", "AUX"):
            return self.tree.logical_subject(gov.i) or self.prefield_actor(gov.i)
        if any(True for _ in self.tree.children(gov.i, "cop")):
            return list(self.tree.children(gov.i, "nsubj"))
        return []

    def container_verb(self, i: int, noun: Optional[Token]) -> Optional[Token]:
        """ "beendeten die Woche mit der Unterzeichnung": the event noun hangs on the verb's object, and
        whoever acts on the object does the event."""
        if noun is None or noun.upos != "NOUN" or self.tree.preposition(i) != "mit" or noun.dep not in ("obj", "nsubj:pass"):
            return None
        verb = self.tree.head(noun.i)
        return verb if verb is not None and verb.upos == "VERB" else None

    def clause_verb(self, i: int) -> Optional[Token]:
        """A bare noun the parse hung on another noun ("wegen der Reform ... ein Verfahren gegen Ungarn
        eingeleitet"): the verb at the end of its clause, else the finite verb before it, governs it."""
        tree = self.tree
        if tree.preposition(i) is not None or tree.tokens[i].dep in SUBJ:
            return None
        for toks in (tree.tokens[i + 1:], reversed(tree.tokens[:i])):
            for tok in toks:
                if tok.upos == "VERB":
                    return tok
                if tok.upos == "SCONJ" or tok.text in CLAUSE_BREAKS or tok.text == ",":
                    break
        return None

    def prefield_actor(self, verb: int) -> list[Token]:
        """No subject in the parse: the actor standing before the finite verb in its clause (German V2)."""
        tree, found = self.tree, []
        k = verb - 1
        while k >= 0:
            tok = tree.tokens[k]
            if tok.text == "," and k > 0:   # step over a relative clause on the subject: "X, der ... gilt, wies"
                start = tree.relative_clause_start(k - 1)
                if start is not None:
                    k = start - 1
                    continue
            if tok.upos in ("VERB", "SCONJ") or tok.text in (",", ";", ":", "–"):
                break
            if self.actors.by_token[tok.i] and tree.phrase_preposition(tok.i) in (None, "von", "aus"):
                found = [tok]
            k -= 1
        return found

    def front_actors(self, i: int) -> list[Token]:
        """Every actor in the pre-field of the finite verb left of token i, whatever the parse made of
        them: "Irans Tests und Syriens Angriffe lösen Sorge aus" -> Irans, Syriens."""
        tree = self.tree
        verb = next((k for k in range(i - 1, -1, -1) if tree.tokens[k].upos in ("VERB", "AUX")), None)
        if verb is None:
            return []
        found = []
        for tok in reversed(tree.tokens[:verb]):
            if tok.upos in ("VERB", "SCONJ") or tok.text in CLAUSE_BREAKS or tok.text == ",":
                break
            head = tree.head(tok.i)
            preps = {tree.preposition(tok.i), head is not None and tree.preposition(head.i) or None}
            if self.actors.by_token[tok.i] and preps <= {None, "von"}:
                found.append(tok)
        return found[::-1]

    def postverbal_actor(self, verb: int) -> list[Token]:
        """No subject in the parse, none before the verb: in German V2 order the first bare actor right
        after the finite verb is its subject ("Das beschlossen beide Regierungen"), unless its case says no."""
        tree = self.tree
        for tok in tree.tokens[verb + 1: verb + 1 + LINEAR_WINDOW]:
            if tok.upos in ("VERB", "SCONJ") or tok.text in CLAUSE_BREAKS or tok.text == ",":
                break
            head = tree.head(tok.i)
            if tree.preposition(tok.i) is not None or (head is not None and head.i != verb
                                                       and tree.preposition(head.i) is not None):
                continue
            if self.actors.by_token[tok.i] and tok.upos in NOMINAL and tree.can_be("Nom", tok.i):
                return [tok]
        return []

    def slot_tokens(self, slot: str, i: int, support: Optional[int], kind: str, loose: bool = False,
                    direct: bool = False) -> list[Token]:
        """Tokens filling `slot`; a PP may be found by position unless `direct` (or always if `loose`)."""
        tree = self.tree
        anchors = [i] if support is None else [i, support]
        if slot == "subj":
            if kind == "noun":
                return self.gov_subject(i)
            if tree.is_passive(i):
                return tree.logical_subject(i)
            return tree.logical_subject(i) or self.prefield_actor(i) or self.postverbal_actor(i)
        if slot == "obj":
            return tree.genitives(i) if kind == "noun" else tree.logical_object(i)
        if slot == "iobj":
            return [c for a in anchors for c in tree.datives(a)]
        if slot.startswith("pp:"):
            prep = slot[3:]
            found = [c for a in anchors for c in tree.pps(a, prep)]
            if kind == "verb":
                # "traf die Kanzlerin mit dem Papst ... zusammen": the parser may hang the verb's PP on
                # its subject; an actor is rarely modified by such a PP, the verb is
                found = sorted(found + [c for s in tree.subjects(i) if self.actors.by_token[s.i]
                                        for c in tree.pps(s.i, prep) if c not in found], key=lambda t: t.i)
            gov = (self.governor(i) or self.subject_of(i)) if kind == "noun" else None
            if not found and gov is not None and gov.upos in ("VERB", "AUX") and tree.preposition(i) is None:
                # "übte Kritik an X", "Gegen X laufen Ermittlungen": the PP often hangs on the verb;
                # not one beyond a comma ("Das Treffen folgt auf ..., darunter eine Reform zwischen X und Y")
                # nor a passive's agent ("Das Treffen wurde von X gefeiert": X did not meet)
                agent = prep in AGENT_PREPS and (tree.is_passive(gov.i) or lemma(gov) == "werden")
                found = [] if agent else [c for c in tree.pps(gov.i, prep) if not self.comma_between(i, c.i)]
            if not found and kind == "adj":
                found = tree.pp_before(i, prep)
            if not found and (kind != "verb" or loose or not direct):
                found = [c for a in anchors for c in tree.pp_after(a, prep)]
            if not found and (loose or kind == "verb" and not direct):
                found = tree.pp_before(i, prep)   # verb-final clause: "dass Japan mit den USA zusammenarbeite"
            return found
        if slot == "gen":
            return [c for a in anchors for c in tree.genitives(a)]
        if slot == "poss":
            found = [c for a in anchors for c in tree.possessors(a)]
            if found and not any(self.actors.by_token[c.i] for c in found):
                # "ihr Verteidigungshaushalt", "nach seinem Besuch": a possessive pronoun usually points
                # to the clause's subject
                clause = tree.clause_head(i)
                if clause != i and tree.tokens[clause].upos in ("VERB", "AUX"):
                    found += tree.logical_subject(clause) or self.prefield_actor(clause)
            return found
        if slot == "adj":   # "russische Angriffe", and "US-Luftangriff" (a modifier mention on the noun itself)
            own = [tree.tokens[i]] if kind == "noun" and self.actors.modifier(i) else []
            return own + [c for a in anchors for c in tree.children(a, "amod")]
        if slot == "head":
            head = tree.head(i)
            if tree.tokens[i].dep not in ("amod", "acl") and kind == "adj" and i + 1 < len(tree.tokens):
                # an attributive participle the parse read as a verb: its noun follows it
                return [tree.tokens[i + 1]] if tree.tokens[i + 1].upos == "NOUN" else []
            return [head] if head is not None and tree.tokens[i].dep in ("amod", "acl") else []
        if slot == "gov-subj":
            return self.gov_subject(i)
        if slot == "front":
            return self.front_actors(i)
        if slot == "speaker":
            return speaker_tokens(tree, i, self.lex)
        if slot == "judge":
            return judge_tokens(tree, i, self.lex)
        if slot == "judged":
            return judged_tokens(tree, i, self.lex)
        if slot == "gov-iobj":   # "machte den Rebellen Zugeständnisse": the dative of the noun's verb
            gov = self.governor(i)
            return tree.datives(gov.i) if gov is not None and gov.upos in ("VERB", "AUX") else []
        return []

    def fill(self, p: Pattern, slots: tuple[str, ...], i: int, support: Optional[int], nested: bool,
             avoid: set[str], taken: Optional[frozenset[str]] = None) -> tuple[list[ActorMention], str, bool]:
        """First slot naming an actor; `avoid` countries (nested search), `taken` mention ids (the
        source; given only when filling the target, where a visited place may count)."""
        places = taken is not None and p.type in PLACE_TARGETS
        taken = taken or frozenset()
        for slot in slots:
            out: list[ActorMention] = []
            deep = False
            for tok in self.slot_tokens(slot, i, support, p.kind, direct=p.direct):
                found, by_nesting = self.actors.resolve(self.tree, tok.i, nested=nested, avoid=avoid, places=places)
                if p.kind == "noun" and p.quad == 4 and slot == "pp:von":
                    # "die Anschläge von Paris": the city is where ("Angriffe Moskaus" is who)
                    found = [m for m in found if m.kind not in ("seat", "location")]
                if not nested:   # "empfing den EU-Vorschlag", "für den EU-Verbleib": a thing of the actor, not the actor
                    found = [m for m in found if m.kind != "modifier" or tok.upos == "ADJ"]
                found = [m for m in found if m.id not in taken and m not in out]
                out += found
                deep = deep or (by_nesting and bool(found))
                if out and slot not in GATHERING_SLOTS:
                    break   # the first filler that names an actor (fillers come in order of preference)
            if out:
                return out, slot, deep
        return [], "", False

    def noun_attribute(self, k: int) -> bool:
        """Token k follows another noun with only articles and adjectives between: a genitive attribute."""
        j = k - 1
        while j >= 0 and self.tree.tokens[j].upos in ("DET", "ADJ"):
            j -= 1
        return j >= 0 and j < k - 1 and self.tree.tokens[j].upos in ("NOUN", "PROPN")

    def comma_between(self, a: int, b: int) -> bool:
        """A comma or clause break between tokens a and b outside both their phrases (a relative
        clause on either does not separate them: "Gegen X, der ..., laufen Ermittlungen")."""
        lo, hi = sorted((a, b))
        own = set(self.tree.subtree(a)) | set(self.tree.subtree(b))
        return any((t.text == "," or t.text in CLAUSE_BREAKS) and t.i not in own for t in self.tree.tokens[lo + 1: hi])

    # -- constraints ------------------------------------------------------
    def support_word(self, p: Pattern, i: int, words: Optional[frozenset[str]] = None) -> Optional[int]:
        """A dependent (two levels down, or the noun's governor) whose lemma is one of `words` (`with`)."""
        words = p.with_ if words is None else words
        tree = self.tree
        near = [c.i for c in tree.children(i) if c.dep not in CLAUSE_DEPS and c.dep != "conj"]
        near += [g.i for k in near for g in tree.children(k) if g.dep not in CLAUSE_DEPS]
        head = tree.head(i)
        if p.kind == "noun" and head is not None:   # the governor, however labelled ("Sorge" as subject of "auslösen")
            near.append(head.i)
        # the parse may attach the support noun elsewhere: also look a few words to the right,
        # and left into the middle field of a verb-final clause ("hätten die Bedeutung ... bekräftigt")
        for t in tree.tokens[i + 1: i + 1 + LINEAR_WINDOW]:
            if t.upos in ("VERB", "SCONJ") or t.text in CLAUSE_BREAKS or tree.clause_comma(t.i):
                break
            if t.upos in ("NOUN", "PROPN", "ADJ"):
                near.append(t.i)
        for t in reversed(tree.tokens[max(0, i - LINEAR_WINDOW - 10): i]):
            if t.upos in ("VERB", "SCONJ") or t.text in (";", ":") or tree.clause_comma(t.i):
                break
            if t.upos in ("NOUN", "PROPN"):
                near.append(t.i)
        for k in near:
            if words is p.unless and (self.noun_attribute(k) or tree.phrase_preposition(k) in SETTING_PREPS):
                continue   # "am Dienstag vergangener Woche", "aus dem Jahr 2018": when, not what the verb acts on
            low = lemma(tree.tokens[k])
            if low in words or tree.tokens[k].text.lower() in words:
                return k
            if any(len(w) >= 5 and low.endswith(w) for w in words):
                return k
        return None

    def try_pattern(self, p: Pattern, i: int) -> Match | str:
        tree = self.tree
        if p.sich and not tree.has_reflexive(i):
            return "no reflexive 'sich'"
        if p.reported and not is_reported(tree, i, self.lex):
            return "not in reported speech"
        if p.quad == 4 and self.tally(i if p.kind == "verb" else tree.clause_head(i)):
            return "a count over years since a date, not an event"
        if p.unless and self.support_word(p, i, p.unless) is not None:
            return "another sense: " + lemma(tree.tokens[self.support_word(p, i, p.unless)])
        support = None
        if p.with_:
            support = self.support_word(p, i)
            if support is None:
                return f"no dependent among {sorted(p.with_)[:6]}"
        background = p.kind == "noun" and tree.preposition(i) in self.lex.background_prepositions
        for slot in p.requires:
            if not self.slot_tokens(slot, i, support, p.kind, loose=True):
                return f"required {slot} missing"
        # "kurz vor dem Treffen sagte Biden": a background noun's own phrase names its actors, not the clause
        detached = background or tree.preposition(i) in self.lex.topic_prepositions
        s_slots = tuple(x for x in p.source if x != "gov-subj") if detached else p.source
        source, s_slot, s_nested = self.fill(p, s_slots, i, support, True, set())
        # a country the source only borrowed from the sentence's one state may be the target's own
        avoid = {m.country for m in source if m.country not in UNCODED
                 and not (m.resolved_by or "").endswith("+context-country")}
        ids = frozenset(m.id for m in source)
        target, t_slot, t_nested = self.fill(p, p.target, i, support, not p.direct, avoid, ids)
        if not target and p.joint and tree.tokens[i].dep == "conj":
            # "traf sich mit X und unterzeichnete ...": the partner of the first verb
            head = tree.head(i)
            verb = tree.clause_head(head.i) if head is not None else i
            partners = tree.pps(verb, "mit") if verb != i and tree.tokens[verb].upos == "VERB" else []
            for tok in partners:
                target = self.actors.resolve(tree, tok.i, avoid=avoid)[0] or target
        if not target and p.kind == "verb" and not p.direct and {"obj", "iobj"} & set(p.target):
            target = self.actors_after(i, avoid | ids, p.target) or self.middle_field_object(i, avoid | ids)
            t_slot, t_nested = ("linear", True) if target else ("", False)
        target = [m for m in target if m.id not in ids]
        if p.joint:
            source, target = split_joint(source, target)
        if p.direct:   # the visited/hosted party must be a coded actor, not "Flüchtlinge"
            target = [m for m in target if m.country not in UNCODED]
        if p.target_not:
            target = [m for m in target if not set(m.sector) & p.target_not]
        same = {(m.start, m.end, m.country) for m in source}   # one name coded twice is not a dyad
        target = [m for m in target if (m.start, m.end, m.country) not in same]
        if p.source_sectors and not any(set(m.sector) & p.source_sectors for m in source):
            return f"source {source[0].text!r} is not one of {sorted(p.source_sectors)}" if source \
                else "no source: this event needs an official as its source"
        if "speaker" in p.source or "judge" in p.source:   # nobody demands from or accuses himself ("Wir müssen")
            target = [m for m in target if m.text.lower() not in FIRST_PERSON]
        if p.needs_target and not target:
            return self.why_missing(p, i, support, "target")
        if (p.needs_source or p.quad == VERBAL_COOPERATION) and not source:
            # praise, consultation, agreement: a statement needs somebody who makes it
            return self.why_missing(p, i, support, "source")
        if not source and not target and not self.agentless_report(p, i, support):
            return self.why_missing(p, i, support, "source")
        if p.kind == "noun" and p.quad in (2, 4) and self.attributive(i) and (not source or s_slot == "gov-subj"):
            # the subject of the clause is not the agent of an event named in an attribute
            return "event noun without source in an attribute or relative clause: background, not reported"
        if p.kind == "adj" and not source:
            return "participle without agent ('von'/'durch'): a description, not an event"
        confidence = 0.9 - 0.15 * s_nested - 0.15 * t_nested - 0.1 * (s_slot == "gov-subj") \
            - 0.1 * (p.kind == "noun" and lemma(tree.tokens[i]) != p.lemma.lower())
        return Match(p, i, support, source, target, round(max(confidence, 0.3), 2),
                     {"source": s_slot, "target": t_slot})

    def middle_field_object(self, i: int, avoid: set[str]) -> list[ActorMention]:
        """Verb-final clause ("hat die Polizei drei Demonstranten festgenommen"): the bare actor closest
        before the participle, after the subject, is its object; only when an auxiliary or a
        subordinator shows the verb stands last."""
        tree = self.tree
        if not any(True for _ in tree.children(i, "aux", "aux:pass")) and not tree.finite_subclause(i):
            return []
        for tok in reversed(tree.tokens[tree.dateline: i]):
            if tok.upos in ("VERB", "AUX", "SCONJ") or tok.text in CLAUSE_BREAKS or tok.text == ",":
                break
            head = tree.head(tok.i)
            prep = tree.preposition(tok.i)
            if prep == "als" and any(True for _ in tree.children(tok.i, "nummod")):
                prep = None   # "mehr als hundert Demonstranten": a count, not a PP
            if prep is not None or (head is not None and head.i != i and tree.preposition(head.i) is not None):
                continue
            found = [m for m in self.actors.by_token[tok.i] if m.id not in avoid and m.country not in avoid
                     and m.kind != "location"]
            if found or self.actors.by_token[tok.i]:
                return found   # the nearest actor phrase decides; one in `avoid` is the subject itself
        return []

    def actors_after(self, i: int, avoid: set[str], slots: tuple[str, ...]) -> list[ActorMention]:
        """Fallback when the parse gives the object no actor: actors right of the verb in its clause,
        bare or under one of the pattern's own prepositions (or 'zwischen'), never locatives."""
        tree, out = self.tree, []
        allowed = {s[3:] for s in slots if s.startswith("pp:")} | {None, "zwischen"}
        for tok in tree.tokens[i + 1: i + 1 + LINEAR_WINDOW]:
            if tok.upos == "SCONJ" or tok.text in CLAUSE_BREAKS or tree.clause_comma(tok.i) \
                    or (tok.upos in ("VERB", "AUX") and tok.dep != "conj") or (tok.text == "," and not out):
                break   # a comma before any actor: an infinitive clause ("forderte, die Grenzen ... zu schließen")
            for m in self.actors.by_token[tok.i]:
                if m.id in avoid or m.country in avoid or m in out:
                    continue
                prep = tree.preposition(tok.i)
                head = tree.head(tok.i)
                if prep is None and head is not None and head.upos in ("NOUN", "PROPN") and head.i > i:
                    prep = tree.preposition(head.i)   # inside a noun phrase: its preposition counts
                if prep in allowed:
                    out.append(m)
        return out

    def subject_of(self, i: int) -> Optional[Token]:
        """The verb a noun is the subject of ("laufen Ermittlungen", "beginnt der Prozess")."""
        head = self.tree.head(i)
        return head if head is not None and self.tree.tokens[i].dep in SUBJ else None

    def main_statement(self, i: int) -> bool:
        """The main clause, or what its speech verb reports ("Die Armee teilte mit, dass ..."): reported
        facts count (guideline)."""
        tok = self.tree.tokens[i]
        if tok.dep == "root":
            return True
        head = self.tree.head(i)
        return tok.dep == "ccomp" and head is not None and head.dep == "root" \
            and lemma(head) in self.lex.speech_verbs

    def agentless_report(self, p: Pattern, i: int, support: Optional[int]) -> bool:
        """ "Der Mann wurde zu fünf Jahren Haft verurteilt", "Der Truppenabzug erfolgt im Frühjahr": a passive
        main clause reporting a material act, or a material event noun said to take place, is coded even
        when nobody is named (guideline rule d: the main statement)."""
        tok = self.tree.tokens[i]
        if p.quad not in (2, 4):
            return False
        if p.kind == "verb":
            # "Eine Rakete schlug ein": the weapon as subject reports the act as plainly as a passive does
            weapon = support is not None and self.tree.tokens[support].head == i \
                and self.tree.tokens[support].dep in SUBJ
            return self.main_statement(i) and (self.tree.is_passive(i) or weapon)
        verb = self.subject_of(i)
        return p.kind == "noun" and verb is not None and verb.dep == "root" \
            and lemma(verb) in self.lex.occurrence_verbs

    def attributive(self, i: int) -> bool:
        """ "die Opfer der Kämpfe", "Staaten, die Waffenlieferungen leisten": an event noun describing
        another noun or inside a relative clause is background to the sentence, not what it reports."""
        tree = self.tree
        if tree.tokens[i].dep == "nmod":
            return True
        k = tree.clause_head(i)
        return tree.tokens[k].dep in ("acl", "acl:relcl")

    def tally(self, i: int) -> bool:
        """ "seit 2009 wurden 14 000 Menschen getötet": a count over years, not an event (guideline e)."""
        tree = self.tree
        for k in tree.subtree(i):
            head = tree.head(k)
            if tree.tokens[k].upos == "NUM" and "seit" in (tree.preposition(k), head and tree.preposition(head.i)):
                return True
        return False

    def why_missing(self, p: Pattern, i: int, support: Optional[int], role: str) -> str:
        slots = p.target if role == "target" else p.source
        for slot in slots:
            toks = self.slot_tokens(slot, i, support, p.kind)
            if toks:
                phrase = " ".join(self.tree.tokens[k].text for k in sorted(self.tree.subtree(toks[0].i))[:8])
                return f"trigger matched, no {role}: {slot} '{phrase}' has no actor"
        return f"trigger matched, no {role}: none of {list(slots)} present"

    def figurative(self, p: Pattern, i: int) -> bool:
        low = lemma(self.tree.tokens[i])
        return p.kind == "noun" and any(low.startswith(f) for f in self.lex.figurative_prefixes) \
            and not low.startswith(p.lemma.lower())

    def match_token(self, patterns: PatternSet, i: int, misses: list[NearMiss]) -> Optional[Match]:
        for p in candidates(patterns, self.tree.tokens[i], self.tree):
            if self.figurative(p, i):
                misses.append(NearMiss(p, i, "figurative compound"))
                continue
            result = self.try_pattern(p, i)
            if isinstance(result, Match):
                return result
            misses.append(NearMiss(p, i, result))
        return None


def split_joint(source: list[ActorMention], target: list[ActorMention]) -> tuple[list[ActorMention], list[ActorMention]]:
    """Joint acts of several countries: first-named country is source, the others target (guideline j).
    Applies when one side is empty, or when both sides mix the same countries ("Austin und Hamada
    trafen sich mit Blinken und Hayashi": the two delegations, not the grammatical sides)."""
    if source and target:
        src = {m.country for m in source if m.country not in UNCODED}
        if len(src) < 2 or not src & {m.country for m in target}:
            return source, target
    # by position; one mention coding two countries lists them as named ("aus Polen und Litauen")
    group = source + [m for m in target if m not in source]
    group = sorted(group, key=lambda m: (m.start, _part_position(m, group), "second-country" in (m.resolved_by or "")))
    countries = [m.country for m in group if m.country not in UNCODED]
    if len(set(countries)) < 2:
        return source, target
    first = countries[0]
    return [m for m in group if m.country == first], [m for m in group if m.country != first]


def _part_position(m: ActorMention, group: list[ActorMention]) -> int:
    """ "US-iranische Gespräche", "amerikanisch-japanische Allianz": the states of one compound adjective
    in the order of its parts, each part found by the first letters of the state's name (a part no name
    fits takes the place the others leave)."""
    parts = [p.lower() for p in m.text.split("-")]
    same = [o for o in group if o.start == m.start and o.end == m.end]
    if len(parts) < 2 or len(same) < 2:
        return 0

    def fits(o: ActorMention) -> Optional[int]:
        name = (o.name or "").lower()[:3]
        return next((k for k, p in enumerate(parts) if len(name) == 3 and p.startswith(name)), None)

    own = fits(m)
    if own is not None:
        return own
    left = sorted(set(range(len(parts))) - {fits(o) for o in same})
    return left[0] if len(left) == 1 else 0
