"""Read language-data YAML files keeping line numbers, so that every error names file and line.

PyYAML's safe_load forgets where a value came from and silently keeps the last
of two duplicate keys; composing the node graph ourselves keeps both facts.
Scalars stay strings (no implicit dates or numbers): "2021-01-20" is a string
and "NO" stays Norway's code, not False.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

import yaml

from . import LanguageDataError

try:  # libyaml is ~10x faster; fall back to the pure-Python loader
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class Located(dict):
    """A mapping that remembers the line of each key (1-based)."""
    __slots__ = ("line", "lines")


class LocatedList(list):
    __slots__ = ("line", "lines")


def read(path: Path | str) -> Any:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise LanguageDataError(f"{path}:{line}: YAML syntax error: {exc.problem}") from None
    except OSError as exc:
        raise LanguageDataError(f"{path}: cannot read: {exc}") from None
    return None if node is None else _convert(node, path)


def _convert(node: yaml.Node, path: Path) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = Located()
        out.line, out.lines = line, {}
        for key_node, value_node in node.value:
            key = key_node.value
            if not isinstance(key_node, yaml.ScalarNode):
                raise LanguageDataError(f"{path}:{key_node.start_mark.line + 1}: a key must be a plain word")
            if key in out:
                raise LanguageDataError(
                    f"{path}:{key_node.start_mark.line + 1}: duplicate key {key!r} "
                    f"(first on line {out.lines[key]})")
            out[key] = _convert(value_node, path)
            out.lines[key] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList(_convert(n, path) for n in node.value)
        items.line, items.lines = line, [n.start_mark.line + 1 for n in node.value]
        return items
    if node.tag.endswith(":null") and not node.style:
        return None
    if node.tag.endswith(":bool") and not node.style:
        return node.value.lower() in ("true", "yes", "on")
    return node.value


def fail(path: Path | str, line: int, message: str) -> None:
    raise LanguageDataError(f"{path}:{line}: {message}")


def check_fields(path: Path | str, entry: Any, line: int, allowed: Iterable[str],
                 required: Iterable[str] = ()) -> Located:
    """An entry must be a mapping with only known fields and all required ones."""
    if not isinstance(entry, Located):
        fail(path, line, f"expected a mapping {{field: value}}, got {entry!r}")
    allowed = set(allowed)
    for key in entry:
        if key not in allowed:
            fail(path, entry.lines[key], f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")
    for key in required:
        if entry.get(key) in (None, ""):
            fail(path, entry.line, f"missing field {key!r}")
    return entry


def strings(path: Path | str, entry: Located, key: str) -> list[str]:
    """A field that holds one string or a list of strings, as a list."""
    value = entry.get(key)
    if value is None:
        return []
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        fail(path, entry.lines[key], f"field {key!r} must be a string or a list of strings")
    return [v.strip() for v in values]


def check_value(path: Path | str, line: int, value: str, ok: Callable[[str], bool], what: str) -> str:
    if not ok(value):
        fail(path, line, f"{value!r} is not {what}")
    return value
