"""Loads and validates lagebild/lang/de/time.yaml into plain lookup tables.

A malformed entry raises LanguageDataError naming the file, the line and the problem,
so a typo in the data never turns into a silently missing date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml

from lagebild.lang import LanguageDataError, data_path

TIMEX_UNITS = ("D", "W", "M", "Y", "DE", "CE", "H", "MIN", "S", "WE")
DAY_PARTS = ("MO", "MI", "AF", "EV", "NI")
SEASONS = ("SP", "SU", "FA", "WI")
REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
MODS = ("START", "MID", "END")
_HOLIDAY = re.compile(r"^(?:(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])|easter([+-]\d{1,2}))$")
_ANCHOR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_SET = re.compile(r"^PT?\d+[DWMYH]$")


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    day_parts: dict[str, str]
    seasons: dict[str, str]
    holidays: dict[str, str]
    historical_anchors: dict[str, str]
    number_words: dict[str, float]
    ordinal_words: dict[str, int]
    vague_quantities: list[str]
    units: dict[str, list[str]]
    unit_adverbs: dict[str, str]
    frequencies: dict[str, str]
    relative_days: dict[str, int]
    relative_modifiers: dict[str, int]
    relative_nouns: dict[str, tuple[str, int]]
    anaphoric_days: dict[str, int]
    anaphoric_directions: dict[str, int]
    references: dict[str, str]
    fuzzy_modifiers: dict[str, str]
    approximators: list[str]
    decades: dict[str, int]
    tense: dict[str, list[str]]
    value_exclusions: list[str]
    quantity_words: list[str]
    unit_index: dict[str, str]      # inflected unit noun -> TIMEX unit ("jahren" -> "Y")


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _in(choices: tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda v: v in choices


# section -> (expected container, value check, description of a good value)
_SCHEMA: dict[str, tuple[type, Callable[[Any], bool] | None, str]] = {
    "months": (dict, lambda v: _is_int(v) and 1 <= v <= 12, "a month number 1..12"),
    "month_abbreviations": (dict, lambda v: _is_int(v) and 1 <= v <= 12, "a month number 1..12"),
    "weekdays": (dict, lambda v: _is_int(v) and 1 <= v <= 7, "an ISO weekday 1..7"),
    "day_parts": (dict, _in(DAY_PARTS), f"one of {DAY_PARTS}"),
    "seasons": (dict, _in(SEASONS), f"one of {SEASONS}"),
    "holidays": (dict, lambda v: isinstance(v, str) and bool(_HOLIDAY.match(v)), "MM-DD or easter+N"),
    "historical_anchors": (dict, lambda v: isinstance(v, str) and bool(_ANCHOR.match(v)), "YYYY[-MM[-DD]]"),
    "number_words": (dict, lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0,
                     "a positive number"),
    "ordinal_words": (dict, lambda v: _is_int(v) and v > 0, "a positive integer"),
    "vague_quantities": (list, lambda v: isinstance(v, str), "a word"),
    "units": (dict, lambda v: isinstance(v, list) and v and all(isinstance(f, str) for f in v),
              "a non-empty list of word forms"),
    "unit_adverbs": (dict, _in(TIMEX_UNITS), f"one of {TIMEX_UNITS}"),
    "frequencies": (dict, lambda v: isinstance(v, str) and bool(_SET.match(v)), "a period like P1D"),
    "relative_days": (dict, _is_int, "an integer day offset"),
    "relative_modifiers": (dict, lambda v: v in (-1, 0, 1), "-1, 0 or 1"),
    "relative_nouns": (dict, lambda v: isinstance(v, list) and len(v) == 2 and v[0] in ("Y", "M", "W")
                       and _is_int(v[1]), "[Y|M|W, step]"),
    "anaphoric_days": (dict, _is_int, "an integer day offset"),
    "anaphoric_directions": (dict, lambda v: v in (-1, 1), "-1 or 1"),
    "references": (dict, _in(REFS), f"one of {REFS}"),
    "fuzzy_modifiers": (dict, _in(MODS), f"one of {MODS}"),
    "approximators": (list, lambda v: isinstance(v, str), "a word"),
    "decades": (dict, lambda v: _is_int(v) and 0 <= v <= 9, "a digit"),
    "tense": (dict, lambda v: isinstance(v, list) and all(isinstance(w, str) for w in v), "a list of words"),
    "value_exclusions": (list, lambda v: isinstance(v, (str, int)), "a word"),
    "quantity_words": (list, lambda v: isinstance(v, str), "a word"),
}


def _line(node: yaml.Node, path: tuple[Any, ...]) -> int:
    """1-based line of the entry at ``path`` (keys / list indices) in the composed YAML tree."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            nxt = node.value[step]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
    return node.start_mark.line + 1


def parse_lexicon(text: str, source: str) -> Lexicon:
    """Validate the YAML ``text`` (named ``source`` in errors) and build the tables."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LanguageDataError(f"{source}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise LanguageDataError(f"{source}:1: expected a mapping of sections")

    def fail(path: tuple[Any, ...], problem: str) -> None:
        raise LanguageDataError(f"{source}:{_line(root, path)}: {'.'.join(map(str, path))}: {problem}")

    for section in data:
        if section not in _SCHEMA:
            fail((section,), f"unknown section (known: {', '.join(_SCHEMA)})")
    out: dict[str, Any] = {}
    for section, (container, check, want) in _SCHEMA.items():
        if section not in data:
            raise LanguageDataError(f"{source}: missing section {section!r}")
        value = data[section]
        if not isinstance(value, container):
            fail((section,), f"expected a {container.__name__}")
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if section == "units":
                if key not in TIMEX_UNITS:
                    fail((section, key), f"unknown unit (known: {TIMEX_UNITS})")
            elif isinstance(value, dict) and (not isinstance(key, str) or key != key.lower()):
                fail((section, key), "keys must be lower-case strings")
            if check is not None and not check(item):
                fail((section, key), f"got {item!r}, expected {want}")
        out[section] = value
    out["value_exclusions"] = [str(w).lower() for w in out["value_exclusions"]]
    out["relative_nouns"] = {k: (v[0], v[1]) for k, v in out["relative_nouns"].items()}
    for needed in ("future", "past", "perfect_auxiliaries"):
        if needed not in out["tense"]:
            fail(("tense",), f"missing list {needed!r}")
    out["unit_index"] = {form: unit for unit, forms in out["units"].items() for form in forms}
    return Lexicon(**out)


def load_lexicon(path: Path | None = None) -> Lexicon:
    path = path or data_path("de", "time.yaml")
    return parse_lexicon(Path(path).read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon()
