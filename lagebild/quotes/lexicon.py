"""The speech lexicon (lang/de/speech.yaml): loading, validation and word-form generation.

Forms are generated once at load into plain dicts, so that the finder only does
dictionary look-ups per token (the stage must run far above 50,000 words/s).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..lang import LanguageDataError, data_path, datafile

STWR = ("speech", "thought", "writing")
PATTERN_KINDS = ("preposition", "preposition_noun", "postposition_noun", "postposition", "wie_clause",
                 "impersonal", "so_tag", "adverb")
GRAMMAR_CLASSES = ("determiners", "speaker_pronouns", "prepositions", "auxiliaries", "complementizers", "adverbs",
                   "object_pronouns", "object_determiners",
                   "addressee_prepositions", "dative_verbs")
INSEPARABLE = ("be", "er", "ver", "ent", "zer", "ge", "emp", "miss", "hinter", "wider", "unter", "über")
# Stems whose endings take an "e" before -t/-te ("antwortet", "redete", "zeichnet").
_E_STEM_ENDINGS = ("t", "d", "chn", "ffn", "gn", "dm", "tm")


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    kind: str          # "finite", "participle", "infinitive", "noun", or two joined by "|"
    stwr: str
    act: str
    particle: str = ""   # for a finite form of a separable verb: the particle that must follow
    reflexive: bool = False


@dataclass(slots=True)
class Lexicon:
    words: dict[str, list[Cue]] = field(default_factory=dict)   # surface form -> cues
    acts: dict[str, dict[str, str]] = field(default_factory=dict)
    patterns: dict[str, dict[str, Any]] = field(default_factory=dict)   # kind -> pattern
    subjunctive: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)   # closed word classes
    n_verbs: int = 0
    n_nouns: int = 0

    def cues(self, word: str) -> list[Cue]:
        return self.words.get(word) or self.words.get(word.lower(), [])


def weak_forms(stem: str) -> tuple[list[str], list[str]]:
    """(finite forms, participle without ge-) of a weak verb stem ("sag" -> sagt, sagte ...)."""
    e = "e" if stem.endswith(_E_STEM_ENDINGS) else ""
    if stem.endswith(("el", "er")) and not stem.endswith(("ier",)):
        finite = [stem + "e", stem + "t", stem + "st", stem + "n", stem + "te", stem + "ten", stem[:-2] + stem[-1] + "e"]
    else:
        finite = [stem + "e", stem + e + "t", stem + e + "st", stem + "en", stem + e + "te", stem + e + "ten",
                  stem + e + "test"]
    return finite, [stem + e + "t"]


def _stem(infinitive: str) -> str:
    return infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]


def verb_forms(entry: dict[str, Any]) -> dict[str, str]:
    """Surface form -> kind for one verb entry (split finite forms listed without the particle)."""
    lemma = entry["lemma"]
    particle = entry.get("particle", "")
    base = lemma[len(particle):]
    stem = _stem(base)
    finite, _ = weak_forms(stem)
    no_ge = stem.endswith("ier") or base.startswith(INSEPARABLE)
    participle = "" if no_ge else "ge"
    participle += weak_forms(stem)[1][0]
    strong = entry.get("strong")
    if strong:
        present, past, strong_participle = strong
        finite = [stem + "e", present, past, past + "en", past + "st", stem + "en", stem + "t"]
        if past.endswith("e"):
            finite[3] = past + "n"
        participle = strong_participle
    participle = entry.get("participle", participle)
    forms: dict[str, str] = {}

    def add(form: str, kind: str) -> None:
        # "erklärt" is finite and participle: keep both ("finite|participle").
        old = forms.get(form)
        forms[form] = kind if not old or old == kind else f"{old}|{kind}"

    for f in finite + list(entry.get("forms", [])):
        add(f, "finite")
    if particle:
        # Verb-final clauses join the particle: "wie die Polizei mitteilte".
        for f in finite:
            add(particle + f, "joined")
        add(particle + participle, "participle")
        add(particle + "zu" + base, "infinitive")
        add(lemma, "infinitive")
    else:
        add(participle, "participle")
        add(lemma, "infinitive")
    return forms


def _fail(path: Path, line: Any, what: str) -> LanguageDataError:
    return LanguageDataError(f"{path}:{line}: {what}")


def _check_entry(path: Path, entry: Any, section: str, acts: dict[str, Any]) -> None:
    if not isinstance(entry, dict):
        raise _fail(path, "?", f"{section}: entry {entry!r} is not a mapping")
    line = getattr(entry, "line", "?")
    lemma = entry.get("lemma")
    if not isinstance(lemma, str) or not lemma:
        raise _fail(path, line, f"{section}: entry without a lemma")
    known = {"lemma", "stwr", "act", "forms"}
    known |= {"particle", "strong", "participle", "reflexive"} if section == "verbs" else {"plural"}
    unknown = set(entry) - known
    if unknown:
        raise _fail(path, line, f"{section} {lemma!r}: unknown key(s) {sorted(unknown)}")
    if entry.get("stwr", "speech") not in STWR:
        raise _fail(path, line, f"{section} {lemma!r}: stwr must be one of {STWR}, not {entry['stwr']!r}")
    if entry.get("act", "say") not in acts:
        raise _fail(path, line, f"{section} {lemma!r}: act {entry['act']!r} is not listed under acts")
    if section == "verbs":
        if not lemma.endswith("n") or not lemma.islower():
            raise _fail(path, line, f"verbs {lemma!r}: a verb lemma is a lower-case infinitive")
        particle = entry.get("particle", "")
        if particle and not lemma.startswith(particle):
            raise _fail(path, line, f"verbs {lemma!r}: particle {particle!r} is not the lemma's prefix")
        strong = entry.get("strong")
        if strong is not None and (not isinstance(strong, list) or len(strong) != 3):
            raise _fail(path, line, f"verbs {lemma!r}: strong must be [present, past stem, participle]")
    elif not lemma[:1].isupper():
        raise _fail(path, line, f"nouns {lemma!r}: a noun lemma is capitalised")


def load_lexicon(path: Path) -> Lexicon:
    raw = datafile.read(path)    # YAML errors and duplicate keys name the file and line
    if not isinstance(raw, dict):
        raise LanguageDataError(f"{path}: top level must be a mapping")
    for key in ("acts", "verbs", "nouns", "patterns", "subjunctive", "grammar"):
        if key not in raw:
            raise LanguageDataError(f"{path}: missing section {key!r}")
    acts = dict(raw["acts"])
    lex = Lexicon(acts={k: dict(v or {}) for k, v in acts.items()})
    seen: dict[str, int] = {}
    for section in ("verbs", "nouns"):
        for entry in raw[section]:
            _check_entry(path, entry, section, acts)
            key = section + ":" + entry["lemma"]
            if key in seen:
                raise _fail(path, entry.line, f"{section} {entry['lemma']!r} repeats line {seen[key]}")
            seen[key] = entry.line
            stwr, act = entry.get("stwr", "speech"), entry.get("act", "say")
            if section == "verbs":
                lex.n_verbs += 1
                particle = entry.get("particle", "")
                for form, kind in verb_forms(entry).items():
                    # A split finite form ("teilte") needs its particle later in the clause.
                    cue = Cue(entry["lemma"], kind.replace("joined", "finite"), stwr, act,
                              particle if kind.startswith("finite") else "", bool(entry.get("reflexive")))
                    lex.words.setdefault(form, []).append(cue)
            else:
                lex.n_nouns += 1
                for form in [entry["lemma"], entry.get("plural", "")] + list(entry.get("forms", [])):
                    if form:
                        lex.words.setdefault(form, []).append(Cue(entry["lemma"], "noun", stwr, act))
    for pattern in raw["patterns"]:
        line = getattr(pattern, "line", "?")
        for key in ("id", "kind", "words", "examples"):
            if key not in pattern:
                raise _fail(path, line, f"pattern {pattern.get('id', '?')!r}: missing {key!r}")
        if pattern["kind"] not in PATTERN_KINDS:
            raise _fail(path, line, f"pattern {pattern['id']!r}: kind must be one of {PATTERN_KINDS}")
        if not pattern["examples"]:
            raise _fail(path, line, f"pattern {pattern['id']!r}: give at least one example")
        lex.patterns[pattern["kind"]] = pattern
    lex.subjunctive = frozenset(raw["subjunctive"])
    lex.source_nouns = frozenset(raw.get("source_nouns", []))
    for name in GRAMMAR_CLASSES:
        words = raw["grammar"].get(name)
        if not isinstance(words, list) or not words:
            raise _fail(path, getattr(raw["grammar"], "line", "?"), f"grammar: missing word list {name!r}")
        lex.grammar[name] = frozenset(words)
    return lex


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon(data_path("de", "speech.yaml"))
