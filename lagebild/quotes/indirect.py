"""Indirect and reported speech: complement clauses of speech verbs, inverted tags,
and the patterns of speech.yaml (laut, zufolge, nach Angaben, wie … mitteilte, hieß es, so X, demnach)."""
from __future__ import annotations

from typing import Optional

from ..lang import load_wordlist
from .frames import FrameFinder, Found
from .marks import OPENERS
from .view import SUBORDINATORS, View

# Tokens a speech verb and its comma may be apart ("teilte die Polizei am Montag mit, dass").
MAX_VERB_TO_COMMA = 10
MIN_MESSAGE = 3


def find_indirect(ff: FrameFinder) -> None:
    v = ff.v
    for s in range(len(v.sbeg)):
        b, e = v.sbeg[s], v.sentence_end(s)
        if e - b < 4:
            continue
        before = len(ff.found)
        for i in range(b, e):
            if v.in_quote[i] >= 0 or i in ff.used:
                continue
            w = v.lower[i]
            f = (_pattern(ff, s, i, w) if w in _PATTERN_WORDS else None) or _verb_frame(ff, s, i)
            if f is not None:
                _record(ff, f)
        if len(ff.found) == before and not any(v.in_quote[k] >= 0 for k in range(b, e)):
            # only a sentence that reports no words may report a speech act
            for i in range(b, e):
                hit = v.verb_cue(i, v.clause_stop(i + 1, s)) if v.words[i][:1].isalpha() else None
                f = _reported(ff, s, i, *hit) if hit else None
                if f is not None:
                    _record(ff, f)
                    break


def _record(ff: FrameFinder, f: Found) -> None:
    # A message made only of a direct quote is that quote's, not a second (indirect) one.
    v = ff.v
    words = [k for a, b in f.message for k in range(a, b)]
    outside = [k for k in words if v.in_quote[k] < 0]
    if len(outside) < MIN_MESSAGE:
        return
    ff._add(f, [k for r in f.frame for k in range(*r)])


_PATTERN_WORDS = frozenset({"laut", "gemäß", "nach", "zufolge", "wie", "hieß", "heißt", "so", "demnach",
                            "demzufolge"})


def _pattern(ff: FrameFinder, s: int, i: int, w: str) -> Optional[Found]:
    v = ff.v
    b, e = v.sbeg[s], v.sentence_end(s)
    pats = v.lex.patterns
    if w in pats["preposition"]["words"]:
        sp = v.np_forward(i + 1, e)
        if sp:
            return _embedded(ff, s, i, sp[1], [i], sp, "laut", 0.9)
    elif w == "nach":
        if i + 1 < e:
            sp = v.np_forward(i + 1, e)
            head = next((k for k in range(*sp) if v.is_cap(k)), None) if sp else None
            if head is not None and v.words[head].endswith(_nach_nouns(v)):
                return _embedded(ff, s, i, sp[1], [i], sp, "nach_angaben", 0.9)
        if i > b and v.words[i - 1] in pats["postposition_noun"]["nouns"]:
            lo = i - 1
            if lo > b and (v.lower[lo - 1] in v.det or v.is_adj(lo - 1)):
                lo -= 1
            return _embedded(ff, s, lo, i + 1, [i], (lo, i), "meinung_nach", 0.85)
    elif w == "zufolge":
        sp = v.np_backward(i, b)
        if sp:
            return _embedded(ff, s, sp[0], i + 1, [i], sp, "zufolge", 0.9)
    elif w == "wie":
        return _wie_clause(ff, s, i)
    elif w in ("hieß", "heißt"):
        return _hiess_es(ff, s, i)
    elif w == "so" and i > b and v.words[i - 1] == ",":
        sp = v.np_forward(i + 1, e, appositions=True, pps=True)
        stop = v.clause_stop(i + 1, s)
        if sp:
            return _tag_message(ff, s, i, stop, [i], sp, None, "so_x", 0.85)
    elif w in ("demnach", "demzufolge") and i == b:
        f = Found("Indirect", [(i + 1, e)], "demnach", 0.7, cue=[i], speaker=(i, i + 1), frame=[(i, i + 1)])
        f.same_speaker_as = ff.before(i)
        return f
    return None


def _nach_nouns(v: View) -> tuple[str, ...]:
    """Nouns of "nach Angaben …", lower-cased compounds too ("Polizeiangaben")."""
    nouns = v.lex.patterns["preposition_noun"]["nouns"]
    return tuple(nouns) + tuple(n.lower() for n in nouns)


def _embedded(ff: FrameFinder, s: int, lo: int, hi: int, cue: list[int], speaker, rule: str,
              conf: float) -> Optional[Found]:
    """A frame phrase inside the reported clause: the message is the rest of the sentence."""
    message = ff._message_minus(s, lo, hi)
    if not message:
        return None
    return Found("Indirect", message, rule, conf, cue=cue, speaker=speaker, frame=[(lo, hi)])


def _wie_clause(ff: FrameFinder, s: int, i: int) -> Optional[Found]:
    """"Wie die Polizei mitteilte, …" / "…, wie aus der Stellungnahme hervorgeht." """
    v = ff.v
    stop = v.clause_stop(i + 1, s)
    if stop - i < 2 or stop - i > 15:
        return None
    last = stop - 1
    hit = v.verb_cue(last, stop)
    if not hit and v.lower[last] in v.aux and last - 1 > i:
        last -= 1                                  # "wie berichtet wurde"
        hit = v.verb_cue(last, stop)
    if not hit:
        return None
    k = i + 1
    cue = [i]
    while k < last and v.lower[k] in ("sich", "aus", "von", "vom", "in", "bei", "es", "bereits", "schon"):
        if v.lower[k] == "sich":
            cue.append(k)
        k += 1
    cue += list(range(last, stop)) if stop - last <= 2 else [last]
    sp = v.np_forward(k, last) if k < last else None
    hi = stop + 1 if stop < v.send[s] and v.words[stop] == "," else stop
    f = _embedded(ff, s, i, hi, sorted(cue), sp, "wie_mitteilte", 0.9)
    if f:
        f.takes(hit[0])
    return f


def _hiess_es(ff: FrameFinder, s: int, i: int) -> Optional[Found]:
    """"…, hieß es in einer Erklärung." / "Aus Kreisen hieß es, …" / "hieß es weiter"."""
    v = ff.v
    b, e = v.sbeg[s], v.sentence_end(s)
    if i + 1 < e and v.lower[i + 1] == "es":
        es = i + 1
    elif i > b and v.lower[i - 1] == "es":
        es = i - 1
    else:
        return None
    cue = sorted([i, es])
    speaker = None
    if i > b and v.words[i - 1] != "," and es != i - 1:
        # "Aus Regierungskreisen hieß es, …": the source stands before the verb
        lo = b + 1 if v.lower[b] in ("aus", "in", "von", "seitens", "bei") else b
        speaker = v.np_forward(lo, i)
    stop = v.clause_stop(max(cue) + 1, s)
    for k in range(max(cue) + 1, stop):
        if speaker is None and v.lower[k] in ("in", "aus", "von", "vom", "im", "seitens", "bei"):
            speaker = v.np_forward(k + 1, stop)
            if speaker:
                break
    if i > b and v.words[min(cue) - 1] == ",":
        f = _tag_message(ff, s, min(cue), stop, cue, speaker, None, "hiess_es", 0.85)
    elif stop < e and v.words[stop] == ",":
        f = Found("Indirect", [(stop + 1, e)], "hiess_es", 0.85, cue=cue, speaker=speaker, frame=[(b, stop + 1)])
    else:
        return None
    if f and speaker is None:
        f.same_speaker_as = ff.before(i)
    if f:
        f.stwr = "writing"
        if speaker and any(v.lower[k].startswith("gemeinsam") for k in range(*speaker)):
            f.authors = _group_subject(v, f.message[0][0])
    return f


def _group_subject(v: View, start: int) -> Optional[tuple[int, int]]:
    """A joint statement's authors: the plural NP the message opens with ("Die Minister hätten …")."""
    if v.lower[start] not in ("die", "beide", "alle") and not v.is_cap(start):
        return None
    return v.np_forward(start, v.send[v.sent[start]], appositions=True)


def _tag_message(ff: FrameFinder, s: int, k: int, stop: int, cue: list[int], speaker, hit, rule: str,
                 conf: float) -> Optional[Found]:
    """Inverted tag at [k, stop) after a comma: the message is before it (and after it, if interrupted)."""
    v = ff.v
    b, e = v.sbeg[s], v.sentence_end(s)
    if k - 1 - b < MIN_MESSAGE or v.lower[b] in SUBORDINATORS:
        return None
    message = [(b, k - 1)]
    if stop < e and v.words[stop] == ",":
        message.append((stop + 1, e))
        if e - stop - 1 <= 0:
            message.pop()
    f = Found("Indirect", message, rule, conf, cue=cue, speaker=speaker, frame=[(k - 1, stop + 1 if stop < e else stop)])
    if hit:
        f.takes(hit)
    return f


def _verb_frame(ff: FrameFinder, s: int, i: int) -> Optional[Found]:
    v = ff.v
    b, e = v.sbeg[s], v.sentence_end(s)
    if not v.words[i][:1].isalpha():
        return None
    stop = v.clause_stop(i + 1, s)
    hit = v.verb_cue(i, stop)
    if hit is None:
        noun = v.noun_cue(i)
        if noun and stop < e - 1 and v.words[stop] == "," and v.lower[stop + 1] in ("dass", "daß", "ob") \
                and stop - i <= 5:
            sp = v.np_forward(i + 1, stop) if i + 1 < stop else None
            f = Found("Indirect", [(stop + 1, e)], "indirect_noun", 0.6, cue=[i], speaker=sp,
                      frame=[(b, stop + 1)])
            f.takes(noun)
            return f
        return None
    cue, cue_tokens = hit
    # Inverted tag: "…, sagte der Minister (, …)."
    if i > b and v.words[i - 1] == "," and "finite" in cue.kind and v.in_quote[i - 2] < 0:
        sp = v.np_after(i + 1, stop)
        complement_follows = stop + 1 < e and v.words[stop] == "," and v.lower[stop + 1] in v.comp
        if sp and not complement_follows:
            f = _tag_message(ff, s, i, stop, cue_tokens, sp, cue, "indirect_tag", 0.85)
            if f:
                f.addressee = ff._addressee(i + 1, stop, cue.lemma, sp)
                return f
    # Complement clause: "X sagte (der Zeitung), (dass) …"
    if stop < e - 1 and stop - i <= MAX_VERB_TO_COMMA and v.words[stop] in (",", ":") \
            and v.words[stop + 1] not in OPENERS and v.lower[stop + 1] not in ("und", "oder", "aber", "sondern",
                                                                            "als", "denn", "sowie"):
        cs = _clause_start(v, s, i)
        if _in_subordinate_clause(v, s, i, stop) or v.verb_cue(stop + 1, e) or v.lower[stop + 1] == "so":
            return None           # "…, dass X zugestimmt hat, …" / "… bekräftigt, hieß es"
        sp = v.subject(i, cs, stop)
        if i == stop - 1 and "infinitive" in cue.kind and not (sp and sp[1] == i):
            return None           # "…, die von China ausgehen, …": a verb-final plural, not "Sie sagen, …"
        msg_end = _message_end(v, stop + 1, e)
        f = Found("Indirect", [(stop + 1, msg_end)], "indirect_complement", 0.8, cue=_with_aux(v, cue, cue_tokens, cs),
                  speaker=sp, frame=[(cs, stop + 1)])
        f.takes(cue)
        f.addressee = ff._addressee(i + 1, stop, cue.lemma, sp)
        return f
    return None


def _reported(ff: FrameFinder, s: int, i: int, cue, cue_tokens: list[int]) -> Optional[Found]:
    """Reported speech: a speech act told without its words ("Die Minister kritisierten das Programm.")."""
    v = ff.v
    b = v.sbeg[s]
    if cue.stwr == "thought" or cue.lemma in NOT_REPORTED or "finite" not in cue.kind:
        return None
    if any(v.in_quote[k] >= 0 or k in ff.used or v.is_subjunctive(k) for k in range(b, v.send[s])):
        return None       # quoted or Konjunktiv: the words themselves are reported, not just the act
    if _in_subordinate_clause(v, s, i, v.clause_stop(i + 1, s)):
        return None
    sp = v.subject(i, b, v.clause_stop(i + 1, s))
    if sp is None:
        return None
    f = Found("Reported", [(b, v.send[s])], "reported", 0.5, cue=cue_tokens, speaker=sp)
    f.takes(cue)
    return f


# Speech verbs whose plain use (without a clause) reports no speech act.
NOT_REPORTED = frozenset({"heißen", "begrüßen", "hervorgehen", "ergeben", "lauten", "nennen", "bezeichnen", "einigen",
                          "vereinbaren", "zeigen", "finden", "wissen", "schätzen", "informieren", "zitieren",
                          "posten", "veröffentlichen", "festhalten", "melden", "ausrichten", "fortfahren"})


def _in_subordinate_clause(v: View, s: int, i: int, stop: int) -> bool:
    """Is the verb at i the clause-final verb of a subordinate or relative clause
    ("…, dass die Regierung zugestimmt hat, …")? "Während der Sitzung sagte er, …" is not."""
    b = v.sbeg[s]
    start = next((j + 1 for j in range(i - 1, b - 1, -1) if v.words[j] == ","), b)
    first = v.lower[start]
    if first not in SUBORDINATORS and first not in v.comp and (start == b or first not in _RELATIVE):
        return False
    return i >= stop - 2


_RELATIVE = load_wordlist("de", "relative_pronouns.txt") | {"wodurch", "womit", "wobei", "worauf", "wo"}


def _clause_start(v: View, s: int, i: int) -> int:
    b = v.sbeg[s]
    for j in range(i - 1, b - 1, -1):
        if v.in_quote[j] >= 0 or v.words[j] in (";", ":"):
            return j + 1
    return b


def _message_end(v: View, start: int, e: int) -> int:
    """The message runs to the sentence end, but not into a following direct quote's tag."""
    for j in range(start, e):
        if v.words[j] == ";":
            return j
    return e


def _with_aux(v: View, cue, cue_tokens: list[int], cs: int) -> list[int]:
    """"hat … gefordert": a participle's auxiliary is part of the cue."""
    if "finite" in cue.kind:
        return cue_tokens
    aux = next((k for k in range(cue_tokens[0] - 1, cs - 1, -1) if v.lower[k] in v.aux), None)
    return sorted(cue_tokens + ([aux] if aux is not None else []))
