"""German stemming shared by the full-text index and by evidence signatures.

The same function turns indexed text and query words into Snowball stems, so
"Verteidigungsministerinnen" finds "Verteidigungsminister". Stems are cached:
news vocabulary is Zipfian, so almost every word after the first batches is a
dictionary hit, which keeps indexing far faster than the pipeline.
"""
from __future__ import annotations

import re
import zlib

import numpy as np
import snowballstemmer

from ..lang import load_wordlist

_WORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("german")
_CACHE: dict[str, str] = {}
_HASHES: dict[str, int] = {}     # word -> stable hash of its stem, 0 for function words
_CACHE_MAX = 500_000
STOPWORDS = load_wordlist("de", "stopwords.txt")

# b-bit MinHash: 8 independent hash functions, 8 bits of each, packed in one BIGINT.
_SIG_FUNCS = 8
_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                  0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                 dtype=np.uint64)


def stem(word: str) -> str:
    s = _CACHE.get(word)
    if s is None:
        s = _STEMMER.stemWord(word.lower())
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[word] = s
    return s


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def stemmed_text(text: str) -> str:
    """What the FTS index stores for ``text``: its stems, space-separated."""
    return " ".join([stem(w) for w in _WORD.findall(text)])


def _word_hash(word: str) -> int:
    if len(_HASHES) >= _CACHE_MAX:
        _HASHES.clear()
    h = 0 if len(word) < 3 or word.lower() in STOPWORDS else zlib.crc32(stem(word).encode()) + 1
    _HASHES[word] = h
    return h


def content_hashes(text: str) -> set[int]:
    """Stable hashes of the content-word stems of ``text`` (function words left out)."""
    get = _HASHES.get
    hashes = {h if (h := get(w, -1)) >= 0 else _word_hash(w) for w in _WORD.findall(text)}
    hashes.discard(0)
    return hashes


def signatures(texts: list[str]) -> np.ndarray:
    """One b-bit MinHash signature (int64) per text; 0 for texts without content words."""
    owners: list[int] = []
    hashes: list[int] = []
    seen: dict[str, set[int]] = {}          # events of one sentence share their evidence
    for i, text in enumerate(texts):
        hs = seen.get(text)
        if hs is None:
            hs = seen[text] = content_hashes(text)
        owners.extend([i] * len(hs))
        hashes.extend(hs)
    out = np.zeros(len(texts), dtype=np.int64)
    if not hashes:
        return out
    h = np.array(hashes, dtype=np.uint64)
    owner = np.array(owners, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    packed = np.zeros(len(starts), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(_SIG_FUNCS):
            mixed = (h * _MULT[k]) >> np.uint64(56)          # top 8 bits of a multiplicative hash
            packed |= np.minimum.reduceat(mixed, starts) << np.uint64(8 * k)
    out[owner[starts]] = packed.view(np.int64)
    return out


def similarity(a: int, b: int) -> float:
    """Estimated Jaccard similarity of two signatures' stem sets (0 when either is empty)."""
    if a == 0 or b == 0:
        return 0.0
    same = sum(((a >> (8 * k)) & 0xFF) == ((b >> (8 * k)) & 0xFF) for k in range(_SIG_FUNCS))
    chance = 1 / 256
    return max(0.0, (same / _SIG_FUNCS - chance) / (1 - chance))
