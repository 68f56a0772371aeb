"""Event patterns as data: load and validate lagebild/lang/de/events*.yaml.

Every error names the file, the line and the pattern id, because the files are
edited by hand. One rule group lists several trigger lemmas; each lemma becomes
one :class:`Pattern`, indexed by lemma so that matching a token costs one dict
lookup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

from ..model import PLOVER_TYPES, SECTORS

LANG_DIR = Path(__file__).resolve().parents[1] / "lang" / "de"
PATTERN_FILES = ("events.yaml",)
CODES_FILE = "events_codes.yaml"
MODALITY_FILE = "events_modality.yaml"

TRIGGER_KINDS = ("verb", "noun", "adj")
KEYS = {"id", "type", "mode", "cameo", "intensity", "sich", "with", "requires", "source", "target",
        "joint", "needs_target", "claim", "direct", "source_sectors", "target_not", "unless", "examples", "reported",
        "needs_source",
        *TRIGGER_KINDS}
SLOT_RE = re.compile(r"^(subj|obj|iobj|gen|poss|adj|head|gov-subj|gov-iobj|front|speaker|judge|judged|pp:[a-zäöüß]+)$")
JOINT_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
DEFAULT_SLOTS = {
    "verb": (("subj",), ("obj",)),
    "noun": (("pp:von", "gen", "poss", "pp:durch", "adj", "gov-subj"), ()),
    "adj": (("pp:von", "pp:durch"), ("head",)),
}
# Lemmas this long also match as the last part of a compound noun ("Luftangriff").
COMPOUND_MIN = 5
# a tail right after one of these prefixes is part of another word: "Vereinigung" is no "Einigung"
INSEPARABLE_PREFIXES = ("be", "ver", "ent", "zer")


class PatternError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str                      # "<group id>/<lemma>"
    group: str
    type: str
    kind: str                    # verb / noun / adj
    lemma: str
    cameo: str
    quad: int
    intensity: float
    mode: Optional[str] = None
    sich: bool = False
    with_: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()        # a dependent with one of these lemmas: another sense
    requires: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    joint: bool = False
    needs_target: bool = False
    claim: bool = False
    direct: bool = False
    reported: bool = False                      # only in reported speech ("habe ... blockiert, sagte er")
    needs_source: bool = False
    source_sectors: frozenset[str] = frozenset()   # empty: any source
    target_not: frozenset[str] = frozenset()       # sectors that are never the target ("im Gespräch mit dem STANDARD")
    examples: tuple[Example, ...] = ()

    @property
    def specificity(self) -> int:
        """Constrained patterns are tried before general ones for the same trigger."""
        return 2 * bool(self.with_) + bool(self.requires) + self.sich + self.direct + self.reported


@dataclass(slots=True)
class PatternSet:
    patterns: list[Pattern] = field(default_factory=list)
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    adjs: dict[str, list[Pattern]] = field(default_factory=dict)

    def add(self, p: Pattern) -> None:
        self.patterns.append(p)
        index = {"verb": self.verbs, "noun": self.nouns, "adj": self.adjs}[p.kind]
        bucket = index.setdefault(p.lemma.lower(), [])
        bucket.append(p)
        bucket.sort(key=lambda q: -q.specificity)

    def for_noun(self, lemma: str) -> list[Pattern]:
        """Exact lemma, else the longest known compound tail ("Sicherheitszusammenarbeit")."""
        low = lemma.lower()
        hit = self.nouns.get(low)
        if hit:
            return hit
        for i in range(1, len(low) - COMPOUND_MIN + 1):
            hit = self.nouns.get(low[i:])
            if hit and len(low) - i >= COMPOUND_MIN and not low[:i].endswith(INSEPARABLE_PREFIXES):
                return hit
        return []

    @property
    def groups(self) -> dict[str, list[Pattern]]:
        out: dict[str, list[Pattern]] = {}
        for p in self.patterns:
            out.setdefault(p.group, []).append(p)
        return out


def _lines(text: str) -> list[int]:
    """1-based line of every item of the top-level 'patterns' list."""
    root = yaml.compose(text)
    for key, value in root.value if root is not None else []:
        if key.value == "patterns":
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _words(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    return tuple(str(v) for v in value)


def parse_example(raw: str) -> Example:
    parts = [p.strip() for p in str(raw).split("|")]
    if len(parts) not in (3, 4) or not parts[0]:
        raise ValueError(f"example {raw!r}: expected 'Satz | Quelle | Ziel [| flags]'")

    def actors(part: str) -> tuple[str, ...]:
        return () if part in ("", "-") else tuple(a.strip() for a in part.split(";"))

    for words in actors(parts[1]) + actors(parts[2]):
        if words not in parts[0]:
            raise ValueError(f"example {raw!r}: actor words {words!r} are not in the sentence")
    flags = frozenset(actors(parts[3].replace(",", ";"))) if len(parts) == 4 else frozenset()
    unknown = flags - {"negated", "future", "hypothetical"}
    if unknown:
        raise ValueError(f"example {raw!r}: unknown flags {sorted(unknown)}")
    return Example(parts[0], actors(parts[1]), actors(parts[2]), flags)


def _group(raw: dict[str, Any], roots: dict[str, dict[str, Any]]) -> list[Pattern]:
    unknown = set(raw) - KEYS
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    gid, ptype = raw.get("id"), raw.get("type")
    if not gid or not isinstance(gid, str):
        raise ValueError("missing id")
    if ptype not in PLOVER_TYPES:
        raise ValueError(f"type {ptype!r} is not a PLOVER type")
    kinds = [k for k in TRIGGER_KINDS if raw.get(k)]
    if len(kinds) != 1:
        raise ValueError(f"needs exactly one trigger of {TRIGGER_KINDS}, has {kinds}")
    kind = kinds[0]
    cameo = str(raw.get("cameo", ""))
    if not re.fullmatch(r"\d{2,4}", cameo) or cameo[:2] not in roots:
        raise ValueError(f"cameo {cameo!r} is not a code under a known root")
    root = roots[cameo[:2]]
    source, target = DEFAULT_SLOTS[kind]
    source = _words(raw["source"]) if "source" in raw else source
    target = _words(raw["target"]) if "target" in raw else target
    requires = _words(raw.get("requires"))
    for slot in source + target + requires:
        if not SLOT_RE.match(slot):
            raise ValueError(f"unknown argument slot {slot!r}")
    sectors = frozenset(_words(raw.get("source_sectors")))
    target_not = frozenset(_words(raw.get("target_not")))
    if (sectors | target_not) - set(SECTORS):
        raise ValueError(f"unknown sectors {sorted((sectors | target_not) - set(SECTORS))}")
    lemmas = _words(raw[kind])
    if len(set(lemmas)) != len(lemmas):
        raise ValueError(f"{kind} lists a lemma twice: {sorted({x for x in lemmas if lemmas.count(x) > 1})}")
    examples = tuple(parse_example(e) for e in raw.get("examples") or ())
    if not examples:
        raise ValueError("needs at least one example sentence")
    common = dict(
        group=gid, type=ptype, kind=kind, cameo=cameo, quad=root["quad"],
        intensity=float(raw.get("intensity", root["intensity"])), mode=raw.get("mode"),
        sich=bool(raw.get("sich")), with_=frozenset(w.lower() for w in _words(raw.get("with"))),
        unless=frozenset(w.lower() for w in _words(raw.get("unless"))),
        requires=requires, source=source, target=target,
        joint=bool(raw.get("joint", ptype in JOINT_TYPES)), needs_target=bool(raw.get("needs_target")),
        claim=bool(raw.get("claim")), direct=bool(raw.get("direct")), reported=bool(raw.get("reported")),
        needs_source=bool(raw.get("needs_source")),
        source_sectors=sectors, target_not=target_not,
        examples=examples,
    )
    return [Pattern(id=f"{gid}/{lemma}", lemma=lemma, **common) for lemma in lemmas]


def load_codes(path: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    roots = data.get("roots")
    if not isinstance(roots, dict):
        raise PatternError(f"{path}: missing 'roots' mapping")
    for code, entry in roots.items():
        if not re.fullmatch(r"\d\d", str(code)) or entry.get("quad") not in (1, 2, 3, 4) \
                or not isinstance(entry.get("intensity"), (int, float)):
            raise PatternError(f"{path}: root {code!r} needs a two-digit code, quad 1-4 and a numeric intensity")
    return {str(k): v for k, v in roots.items()}


def parse_patterns(text: str, source: str, roots: dict[str, dict[str, Any]], into: PatternSet) -> None:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise PatternError(f"{source}: not valid YAML: {exc}") from None
    items = data.get("patterns")
    if not isinstance(items, list):
        raise PatternError(f"{source}: needs a top-level 'patterns' list")
    lines = _lines(text)
    seen = {p.group for p in into.patterns}
    for n, raw in enumerate(items):
        line = lines[n] if n < len(lines) else "?"
        gid = raw.get("id") if isinstance(raw, dict) else None
        try:
            if not isinstance(raw, dict):
                raise ValueError("a pattern must be a mapping")
            if gid in seen:
                raise ValueError("duplicate id")
            group = _group(raw, roots)
        except ValueError as exc:
            raise PatternError(f"{source}:{line}: pattern {gid or '?'}: {exc}") from None
        seen.add(gid)
        for p in group:
            into.add(p)


@lru_cache(maxsize=4)
def load_patterns(lang_dir: Path = LANG_DIR) -> PatternSet:
    roots = load_codes(lang_dir / CODES_FILE)
    patterns = PatternSet()
    for name in PATTERN_FILES:
        path = lang_dir / name
        parse_patterns(path.read_text(encoding="utf-8"), str(path), roots, patterns)
    return patterns


@dataclass(frozen=True, slots=True)
class Modality:
    negators: frozenset[str]
    negating_determiners: frozenset[str]
    neither: frozenset[str]
    nor: frozenset[str]
    future_aux: frozenset[str]
    future_heads: frozenset[str]
    hypothetical_heads: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    possibility_adverbs: frozenset[str]
    object_control: frozenset[str]
    figurative_prefixes: frozenset[str]
    background_prepositions: frozenset[str]
    topic_prepositions: frozenset[str]
    speech_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    judging_verbs: frozenset[str]
    suspicion_verbs: frozenset[str]
    examples: tuple[Example, ...] = ()


@lru_cache(maxsize=4)
def load_modality(lang_dir: Path = LANG_DIR) -> Modality:
    path = lang_dir / MODALITY_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    values: dict[str, Any] = {}
    for name in Modality.__dataclass_fields__:
        if name == "examples":
            continue
        words = data.get(name)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise PatternError(f"{path}: '{name}' must be a list of words")
        values[name] = frozenset(w.lower() for w in words)
    unknown = set(data) - set(Modality.__dataclass_fields__)
    if unknown:
        raise PatternError(f"{path}: unknown keys {sorted(unknown)}")
    try:
        examples = tuple(parse_example(e) for e in data.get("examples") or ())
    except ValueError as exc:
        raise PatternError(f"{path}: {exc}") from None
    return Modality(**values, examples=examples)
