"""Find photo credits, translation notes and similar page furniture in article text.

The rules live in ``lang/de/boilerplate.yaml``. Found stretches are cut out of the
document's body regions (so sentences are never built from them) and kept as
``ExcludedText`` records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..lang import LanguageDataError, data_path
from ..model import ExcludedText



@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    id: str
    kind: str
    pattern: re.Pattern[str]
    where: str
    max_len: int
    examples: tuple[str, ...]


@lru_cache(maxsize=None)
def load_rules(lang: str = "de") -> tuple[BoilerplateRule, ...]:
    path = data_path(lang, "boilerplate.yaml")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LanguageDataError(f"{path}: {exc}") from exc
    rules = []
    for n, item in enumerate((raw or {}).get("rules", []), 1):
        where = f"{path}: rule {n} ({item.get('id', '?')})"
        missing = [k for k in ("id", "kind", "pattern", "where", "max_len", "examples") if k not in item]
        if missing:
            raise LanguageDataError(f"{where}: missing {', '.join(missing)}")
        if item["where"] not in ("line", "after_sentence"):
            raise LanguageDataError(f"{where}: 'where' must be line or after_sentence, not {item['where']!r}")
        try:
            pattern = re.compile(item["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise LanguageDataError(f"{where}: bad pattern: {exc}") from exc
        rules.append(BoilerplateRule(item["id"], item["kind"], pattern, item["where"],
                                     int(item["max_len"]), tuple(item["examples"])))
    return tuple(rules)


def find_boilerplate(text: str, start: int = 0, end: int | None = None) -> list[ExcludedText]:
    """Stretches of ``text[start:end]`` that are page furniture, in text order."""
    end = len(text) if end is None else end
    found: list[ExcludedText] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        hit = _match_line(text, pos, line_end)
        if hit:
            found.append(hit)
        pos = line_end + 1
    return found


_AFTER_SENTENCE = re.compile(r"[.!?…][\"“”»«)]?\s+")


def _match_line(text: str, line_start: int, line_end: int) -> ExcludedText | None:
    line = text[line_start:line_end]
    first = line_start + len(line) - len(line.lstrip())
    mid_line = [line_start + m.end() for m in _AFTER_SENTENCE.finditer(line)]
    for rule in load_rules():
        starts = [first] + (mid_line if rule.where == "after_sentence" else [])
        for s in starts:
            if line_end - s <= rule.max_len and rule.pattern.match(text, s, line_end):
                stop = line_end
                while stop > s and text[stop - 1].isspace():
                    stop -= 1
                return ExcludedText(rule.kind, s, stop, text[s:stop])
    return None
