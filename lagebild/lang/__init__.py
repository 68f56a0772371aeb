"""Language data: word lists and tables kept as files, apart from the engine (like spaCy's spacy/lang)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).parent


class LanguageDataError(ValueError):
    """A language data file is malformed; the message names the file and line."""


def data_path(lang: str, name: str) -> Path:
    path = LANG_DIR / lang / name
    if not path.is_file():
        raise LanguageDataError(f"{path}: language data file not found")
    return path


@lru_cache(maxsize=None)
def load_wordlist(lang: str, name: str) -> frozenset[str]:
    """One entry per line; '#' starts a comment line; an entry may not contain inner whitespace."""
    path = data_path(lang, name)
    words = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if any(ch.isspace() for ch in entry):
            raise LanguageDataError(f"{path}:{lineno}: entry {entry!r} contains whitespace")
        words.add(entry)
    return frozenset(words)
