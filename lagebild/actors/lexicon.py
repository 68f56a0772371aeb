"""The German actor lexicon, compiled from lagebild/lang/de/*.yaml into lookup tables.

Everything the tagger needs is a dict lookup keyed by a token's text: phrases
(by first token, longest first), adjectives, hyphen prefixes, title forms and
registry names. ``load_lexicon()`` builds it once per process (and per user
file); inflected forms are generated here, not listed in the data files.
"""
from __future__ import annotations

import os
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..lang import LANG_DIR, LanguageDataError
from ..model import SECTORS
from ..text.segment import tokenize
from ..lang import datafile as df

DATA_DIR = LANG_DIR / "de"
USER_FILE_ENV = "LAGEBILD_ACTORS"
_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a lexicon phrase stands for."""
    code: str            # ISO3, "IGO:<org>", region code or UNK
    sector: str
    kind: str            # state / seat / organisation / region / group
    name: str            # canonical name
    rule: str            # which table coded it


@dataclass(frozen=True, slots=True)
class Title:
    base: str            # "Außenminister"
    sector: str
    kind: str            # person / group / organisation
    female: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office of one person."""
    id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    office: str
    sector: str
    start: str           # padded ISO date
    end: Optional[str]   # padded ISO date, None while in office
    uncertain: bool = False

    def covers(self, first: str, last: str) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


@dataclass
class Lexicon:
    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)       # lower-case form -> code
    prefixes: dict[str, Entry] = field(default_factory=dict)       # "US" -> USA entry
    titles: dict[str, Title] = field(default_factory=dict)         # lower-case form -> title
    alliances: dict[str, str] = field(default_factory=dict)        # title base -> region ("Verbündeter" -> WST)
    sides: set[str] = field(default_factory=set)                   # title bases for the sides of a conflict
    compound_heads: dict[str, Title] = field(default_factory=dict)  # forms usable as compound tails
    generic_heads: frozenset[str] = frozenset()
    modifiers: dict[str, str] = field(default_factory=dict)        # compound first part -> sector
    names: dict[str, list[tuple[tuple[str, ...], list[Term]]]] = field(default_factory=dict)
    surnames: dict[str, list[Term]] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    country_names: dict[str, str] = field(default_factory=dict)    # code -> canonical name
    place_preps: frozenset[str] = frozenset()     # actor_places.yaml: "in der Türkei" is a place
    geo_nouns: frozenset[str] = frozenset()       # "im Süden Israels"
    visit_nouns: tuple[str, ...] = ()             # "Besuch in Vietnam": the host is an actor
    occupied: dict[str, list[tuple[str, str]]] = field(default_factory=dict)   # place -> [(occupant, from)]

    # ---- building -------------------------------------------------------
    def add_phrase(self, text: str, entry: Entry) -> None:
        toks = _tokens(text)
        if not toks:
            return
        bucket = self.phrases.setdefault(toks[0], [])
        if any(t == toks and e.code == entry.code for t, e in bucket):
            return
        bucket.append((toks, entry))
        bucket.sort(key=lambda item: (-len(item[0]), item[1].kind == "location"))

    def add_name(self, text: str, term: Term) -> None:
        toks = _tokens(text)
        bucket = self.names.setdefault(toks[0], [])
        for known, terms in bucket:
            if known == toks:
                if term not in terms:
                    terms.append(term)
                return
        bucket.append((toks, [term]))
        bucket.sort(key=lambda item: -len(item[0]))

    # ---- lookups --------------------------------------------------------
    def title(self, word: str) -> Optional[tuple[Title, str]]:
        """The title a word names, with the rule: exact form, modifier compound or compound."""
        low = word.lower()
        hit = self.titles.get(low)
        if hit:
            return hit, "T-TITLE"
        for cut in range(2, len(low) - 3):
            tail = low[cut:]
            head = self.compound_heads.get(tail)
            if head is None:
                continue
            first = low[:cut].rstrip("-")
            if tail in self.generic_heads or head.base.lower() in self.generic_heads:
                sector = self.modifiers.get(first) or self.modifiers.get(first.rstrip("s"))
                if sector:
                    return Title(word, sector, head.kind, head.female), "T-MODIFIER"
            return Title(word[:cut] + head.base.lower(), head.sector, head.kind, head.female), "T-COMPOUND"
        return None

    def terms_at(self, terms: list[Term], date: Optional[str]) -> list[Term]:
        """The terms valid at the (possibly partial) date; all terms when no date is known."""
        if not date:
            return terms
        first, last = pad_date(date, False), pad_date(date, True)
        return [t for t in terms if t.covers(first, last)]


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(text[s:e] for s, e in tokenize(text))


def pad_date(value: str, end: bool) -> str:
    """'2024' -> '2024-01-01' (start) or '2024-12-31' (end); full dates unchanged."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{value}-12-31" if end else f"{value}-01-01"
    if len(parts) == 2:
        return f"{value}-31" if end else f"{value}-01"
    return value


# ---- inflection ---------------------------------------------------------
def adjective_forms(stem: str) -> list[str]:
    return [stem + ending for ending in ADJ_ENDINGS]


_STRONG_ENDING = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]{2,})(es|er|e)$")


def name_forms(name: str) -> list[str]:
    """A name that opens with adjectives, inflected as German news writes it after an article:
    "Internationales Komitee vom Roten Kreuz" -> "Internationale Komitee ...", "Internationalen
    Komitees ..."; "Frankfurter Allgemeine Zeitung" -> "Frankfurter Allgemeinen Zeitung" (each
    adjective may keep its form: city adjectives in -er do not inflect). Over-generation is
    harmless: a form is only ever looked up as a whole phrase."""
    words = name.split()
    run = next((k for k, w in enumerate(words) if not w[:1].isupper()), len(words))
    stems: list[tuple[str, str]] = []   # the adjectives before the head, the last capitalised word of the run
    for word in words[:run - 1]:
        m = _STRONG_ENDING.match(word)
        if not m:
            break
        stems.append((word, m.group(1)))
    if not stems:
        return [name]
    head, rest = words[len(stems)], words[len(stems) + 1:]
    genitive = [head + "es"] if head.endswith(("s", "ß", "x", "z")) else [head + "s"] if head.endswith("e") \
        else [head + "es", head + "s"]
    forms = {name}
    for combo in itertools.product(*[(word, stem + "e", stem + "en") for word, stem in stems]):
        heads = [head] + (genitive if any(w.endswith("en") for w in combo) else [])
        forms.update(" ".join([*combo, h, *rest]) for h in heads)
    return sorted(forms)


def demonym_forms(word: str) -> list[str]:
    """Japaner -> Japaners, Japanern; Franzose -> Franzosen; Japanerin -> Japanerinnen."""
    if word.endswith("in") and word[:1].isupper() and len(word) > 4:
        return [word, word + "nen"]
    if word.endswith("er"):
        return [word, word + "s", word + "n"]
    if word.endswith("e"):
        return [word, word + "n"]
    return [word, word + "s", word + "en"]


def noun_forms(base: str) -> list[str]:
    """Case and number forms of a title noun (over-generation is harmless: lookups only)."""
    forms = {base, base + "s", base + "n", base + "en", base + "e", base + "es"}
    if base.endswith("er"):
        forms.add(base + "n")
    return sorted(forms)


def genitive(name: str) -> Optional[str]:
    """Japan -> Japans; nothing for names ending in a sibilant, plurals or abbreviations."""
    if " " in name or name.isupper() or name[-1] in "sxzß" or not name[-1].isalpha():
        return None
    return name + "s"


# ---- loading ------------------------------------------------------------
COUNTRY_FIELDS = ("name", "also", "official", "forms", "adj", "dem", "prefix", "seats")
IGO_FIELDS = ("name", "also", "forms", "prefix", "organs", "seats", "generic", "sector")
GENERIC_RULE = "lexicon-igo-generic"
ORG_FIELDS = ("country", "sector", "also", "prefix")
TITLE_FIELDS = ("sector", "kind", "f", "forms", "compound", "region", "sides")
TERM_FIELDS = ("id", "name", "aliases", "country", "office", "sector", "from", "to", "uncertain")
KINDS = ("person", "group", "organisation")


def _sector(path: Path, line: int, value: str) -> str:
    return df.check_value(path, line, value, lambda v: v in SECTORS, f"a sector ({' '.join(SECTORS)})")


def _split_sector(path: Path, line: int, text: str, default: str) -> tuple[str, str]:
    """'Pentagon=MIL' -> ('Pentagon', 'MIL')."""
    if "=" in text:
        name, sector = (p.strip() for p in text.rsplit("=", 1))
        return name, _sector(path, line, sector)
    return text, default


def _mapping(path: Path) -> df.Located:
    data = df.read(path)
    if not isinstance(data, df.Located):
        df.fail(path, getattr(data, "line", 1), "expected a mapping at the top level")
    return data


def load_places(lex: Lexicon, path: Path, kind: str, key_ok=_ISO3.match) -> None:
    """countries.yaml and regions.yaml: names, forms, adjectives, demonyms, prefixes, seats."""
    for code, entry in _mapping(path).items():
        line = entry.line if isinstance(entry, df.Located) else 0
        df.check_value(path, line, code, lambda v: bool(key_ok(v)), "a three-letter upper-case code")
        df.check_fields(path, entry, line, COUNTRY_FIELDS, ("name",))
        name = entry["name"]
        lex.codes.add(code)
        lex.country_names[code] = name
        state = Entry(code, "GOV", kind, name, f"lexicon-{kind}")
        names = [name, *df.strings(path, entry, "also"), *df.strings(path, entry, "official")]
        for text in names:
            lex.add_phrase(text, state)
            gen = genitive(text)
            if gen:
                lex.add_phrase(gen, state)
        for text in df.strings(path, entry, "forms"):
            lex.add_phrase(text, state)
        for stem in df.strings(path, entry, "adj"):
            for form in adjective_forms(stem.lower()):
                lex.adjectives.setdefault(form, code)
        people = Entry(code, "CVL", "group", name, f"lexicon-{kind}-demonym")
        for word in df.strings(path, entry, "dem"):
            for form in demonym_forms(word):
                lex.add_phrase(form, people)
        for prefix in df.strings(path, entry, "prefix"):
            lex.prefixes[prefix] = state
        for noun in df.strings(path, entry, "generic"):
            lex.add_phrase(noun, Entry(code, sector, "organisation", entry["name"], GENERIC_RULE))
        for seat in df.strings(path, entry, "seats"):
            text, sector = _split_sector(path, entry.lines["seats"], seat, "GOV")
            lex.add_phrase(text, Entry(code, sector, "seat", name, "lexicon-seat"))
            if text.isalpha():  # "Moskauer Außenministerium", "Pekinger Führung"
                lex.adjectives.setdefault(text.lower() + "er", code)


def load_other_places(lex: Lexicon, path: Path) -> None:
    """places.yaml: cities and provinces, coded as locations of their country."""
    data = _mapping(path)
    for code, names in data.items():
        line = data.lines[code]
        _code(lex, path, line, code)
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            df.fail(path, line, "expected a list of place names")
        for name in names:  # no generated genitives: "Hamas" is not Hama's
            lex.add_phrase(name, Entry(code, "GOV", "location", name, "lexicon-place"))


def load_igos(lex: Lexicon, path: Path) -> None:
    for org, entry in _mapping(path).items():
        line = entry.line if isinstance(entry, df.Located) else 0
        df.check_value(path, line, org, lambda v: bool(re.match(r"^[A-Z][A-Z0-9]*$", v)),
                       "an upper-case organisation code")
        df.check_fields(path, entry, line, IGO_FIELDS, ("name",))
        code = f"IGO:{org}"
        sector = _sector(path, entry.lines.get("sector", line), entry.get("sector") or "GOV")
        lex.codes.add(code)
        lex.country_names[code] = entry["name"]
        main = Entry(code, sector, "organisation", entry["name"], "lexicon-igo")
        for text in [entry["name"], *df.strings(path, entry, "also"), *df.strings(path, entry, "forms")]:
            lex.add_phrase(text, main)
        for prefix in df.strings(path, entry, "prefix"):
            lex.prefixes[prefix] = main
        for noun in df.strings(path, entry, "generic"):
            lex.add_phrase(noun, Entry(code, sector, "organisation", entry["name"], GENERIC_RULE))
        for seat in df.strings(path, entry, "seats"):   # "Brüssel": the EU as actor, but also a city
            lex.add_phrase(seat, Entry(code, sector, "seat", entry["name"], "lexicon-igo-seat"))
        for organ in df.strings(path, entry, "organs"):
            text, organ_sector = _split_sector(path, entry.lines["organs"], organ, sector)
            lex.add_phrase(text, Entry(code, organ_sector, "organisation", text, "lexicon-igo-organ"))


def load_organisations(lex: Lexicon, path: Path) -> None:
    load_org_mapping(lex, path, _mapping(path))


def load_titles(lex: Lexicon, path: Path) -> None:
    data = _mapping(path)
    df.check_fields(path, data, data.line, ("rules", "heads", "generic_heads", "modifiers"), ("heads",))
    heads = data["heads"]
    if not isinstance(heads, df.Located):
        df.fail(path, data.lines["heads"], "'heads' must be a mapping")
    for base, entry in heads.items():
        line = heads.lines[base]
        df.check_fields(path, entry, line, TITLE_FIELDS, ("sector",))
        sector = _sector(path, entry.lines["sector"], entry["sector"])
        kind = df.check_value(path, line, entry.get("kind") or "person", lambda v: v in KINDS,
                              f"a kind ({', '.join(KINDS)})")
        compound = entry.get("compound", True) is not False
        title = Title(base, sector, kind)
        if entry.get("sides") is True:
            lex.sides.add(base)
        if "region" in entry:
            lex.alliances[base] = df.check_value(path, entry.lines["region"], entry["region"],
                                                 lambda v: v in lex.codes, "a region code of regions.yaml")
        forms = noun_forms(base) + df.strings(path, entry, "forms")
        female_forms: list[str] = []
        if kind == "person":
            female = entry.get("f") or (base + "in" if not base.endswith("in") else None)
            if female:
                female_forms = [female, female + "nen" if female.endswith("in") else female + "n"]
        for form, t in [(f, title) for f in forms] + [
                (f, Title(female_forms[0], sector, kind, female=True)) for f in female_forms]:
            lex.titles.setdefault(form.lower(), t)
            if compound and len(form) >= 4:
                lex.compound_heads.setdefault(form.lower(), t)
    lex.generic_heads = frozenset(w.lower() for w in df.strings(path, data, "generic_heads"))
    modifiers = data.get("modifiers") or {}
    for word, sector in modifiers.items():
        lex.modifiers[word.lower()] = _sector(path, modifiers.lines[word], sector)


def load_place_rules(lex: Lexicon, path: Path) -> None:
    """actor_places.yaml: when a named state or place is a place, not an actor."""
    data = _mapping(path)
    df.check_fields(path, data, data.line, ("rules", "prepositions", "geo_nouns", "visit_nouns", "occupied"),
                    ("prepositions", "geo_nouns"))
    lex.place_preps = frozenset(df.strings(path, data, "prepositions"))
    lex.geo_nouns = frozenset(df.strings(path, data, "geo_nouns"))
    lex.visit_nouns = tuple(w.lower() for w in df.strings(path, data, "visit_nouns"))
    occupied = data.get("occupied") or []
    for entry, line in zip(occupied, getattr(occupied, "lines", [])):
        df.check_fields(path, entry, line, ("place", "by", "from"), ("place", "by", "from"))
        start = df.check_value(path, entry.lines["from"], entry["from"], lambda v: bool(_DATE.match(v)),
                               "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        occupant = _code(lex, path, entry.lines["by"], entry["by"])
        lex.occupied.setdefault(entry["place"], []).append((occupant, pad_date(start, False)))


def occupant(lex: Lexicon, place: str, date: Optional[str]) -> Optional[str]:
    """The state in de facto control of an occupied place at the date (the latest such date if unknown)."""
    periods = lex.occupied.get(place)
    if not periods:
        return None
    if not date:
        return periods[-1][0]
    last = pad_date(date, True)
    current = [code for code, start in periods if start <= last]
    return current[-1] if current else None


def _code(lex: Lexicon, path: Path, line: int, value: str) -> str:
    return df.check_value(path, line, value, lambda v: v in lex.codes or v == "UNK",
                          "a known country/IGO/region code (countries.yaml, igos.yaml, regions.yaml) or UNK")


def read_terms(lex: Lexicon, path: Path, data=None) -> list[Term]:
    data = df.read(path) if data is None else data
    if not isinstance(data, list):
        df.fail(path, getattr(data, "line", 1), "expected a list of office terms")
    terms = []
    for entry, line in zip(data, data.lines):
        df.check_fields(path, entry, line, TERM_FIELDS, ("id", "name", "country", "office", "sector", "from"))
        dates = []
        for key in ("from", "to"):
            value = entry.get(key)
            if value is not None:
                df.check_value(path, entry.lines[key], value, lambda v: bool(_DATE.match(v)),
                               "an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
            dates.append(value)
        start, end = pad_date(dates[0], False), dates[1] and pad_date(dates[1], True)
        if end and end < start:
            df.fail(path, entry.lines["to"], f"term ends ({dates[1]}) before it starts ({dates[0]})")
        terms.append(Term(
            id=entry["id"], name=entry["name"], aliases=tuple(df.strings(path, entry, "aliases")),
            country=_code(lex, path, entry.lines["country"], entry["country"]), office=entry["office"],
            sector=_sector(path, entry.lines["sector"], entry["sector"]), start=start, end=end,
            uncertain=bool(entry.get("uncertain"))))
    return terms


def add_terms(lex: Lexicon, path: Path, terms: list[Term], replace: bool) -> None:
    for term in terms:
        if term.id in lex.terms and not replace:
            raise LanguageDataError(f"{path}: duplicate registry id {term.id!r}")
        lex.terms[term.id] = term


# Family name first: "Xi Jinping", "Kim Jong Un" (Japanese names are written given name first in German media).
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM"})


def surname_of(term: Term, text: str) -> Optional[str]:
    """The word that names the person on its own: the family name of the canonical name, or a one-word alias."""
    toks = _tokens(text)
    if len(toks) == 1:
        return toks[0]
    if text != term.name:
        return None   # "Kishida Fumio" must not make "Fumio" a surname
    word = toks[0] if term.country in FAMILY_NAME_FIRST else toks[-1]
    return word if word[:1].isupper() and not word.endswith(".") else None


def index_terms(lex: Lexicon) -> None:
    for term in lex.terms.values():
        for text in (term.name, *term.aliases):
            lex.add_name(text, term)
            surname = surname_of(term, text)
            if surname:
                bucket = lex.surnames.setdefault(surname, [])
                if term not in bucket:
                    bucket.append(term)


def load_user_file(lex: Lexicon, path: Path) -> None:
    """A user file: a list of office terms, or a mapping with 'officeholders' and/or 'organisations'."""
    data = df.read(path)
    if isinstance(data, list):
        add_terms(lex, path, read_terms(lex, path, data), replace=True)
        return
    if not isinstance(data, df.Located):
        df.fail(path, 1, "expected a list of office terms or a mapping")
    df.check_fields(path, data, data.line, ("officeholders", "organisations"))
    if data.get("organisations"):
        load_org_mapping(lex, path, data["organisations"])
    if data.get("officeholders"):
        add_terms(lex, path, read_terms(lex, path, data["officeholders"]), replace=True)


def load_org_mapping(lex: Lexicon, path: Path, mapping) -> None:
    if not isinstance(mapping, df.Located):
        df.fail(path, getattr(mapping, "line", 1), "'organisations' must be a mapping")
    for name, entry in mapping.items():
        df.check_fields(path, entry, mapping.lines[name], ORG_FIELDS, ("country", "sector"))
        org = Entry(_code(lex, path, entry.lines["country"], entry["country"]),
                    _sector(path, entry.lines["sector"], entry["sector"]), "organisation", name,
                    "lexicon-organisation")
        for text in [name, *df.strings(path, entry, "also")]:
            for form in name_forms(text):
                lex.add_phrase(form, org)
        for prefix in df.strings(path, entry, "prefix"):
            lex.prefixes[prefix] = org


def build_lexicon(data_dir: Path = DATA_DIR, user_file: Optional[Path] = None) -> Lexicon:
    lex = Lexicon()
    load_places(lex, data_dir / "countries.yaml", "state")
    load_places(lex, data_dir / "regions.yaml", "region")
    load_other_places(lex, data_dir / "places.yaml")
    load_igos(lex, data_dir / "igos.yaml")
    load_organisations(lex, data_dir / "organisations.yaml")
    load_titles(lex, data_dir / "titles.yaml")
    load_place_rules(lex, data_dir / "actor_places.yaml")
    path = data_dir / "officeholders.yaml"
    add_terms(lex, path, read_terms(lex, path), replace=False)
    if user_file:
        load_user_file(lex, Path(user_file))
    index_terms(lex)
    return lex


@lru_cache(maxsize=8)
def _cached(data_dir: str, user_file: Optional[str], stamp: float) -> Lexicon:
    return build_lexicon(Path(data_dir), Path(user_file) if user_file else None)


def load_lexicon(user_file: Optional[str | Path] = None, data_dir: Path = DATA_DIR) -> Lexicon:
    """The compiled lexicon, built once per process (rebuilt if the user file changes)."""
    user = user_file or os.environ.get(USER_FILE_ENV) or None
    stamp = Path(user).stat().st_mtime if user and Path(user).exists() else 0.0
    return _cached(str(data_dir), str(user) if user else None, stamp)
