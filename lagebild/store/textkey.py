"""German stemming shared by the full-text index and by evidence signatures.

The same function turns indexed text and query words into Snowball stems, so
"Verteidigungsministerinnen" finds "Verteidigungsminister". Stems are cached:
news vocabulary is Zipfian, so almost every word after the first batches is a
dictionary hit, which keeps indexing far faster than the pipeline.
"""
from __future__ import annotations

import itertools
import re
import zlib

import numpy as np
import snowballstemmer

from ..lang import load_wordlist

_WORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("german")
_CACHE: dict[str, tuple[str, int]] = {}
_CACHE_MAX = 500_000
STOPWORDS = load_wordlist("de", "stopwords.txt")

# b-bit MinHash: 8 independent hash functions, 8 bits of each, packed in one BIGINT.
_SIG_FUNCS = 8
_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                  0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                 dtype=np.uint64)


def stem(word: str) -> str:
    return _info(word)[0]


def _info(word: str) -> tuple[str, int]:
    """(stem, stable hash of the stem or 0 for function words), cached."""
    info = _CACHE.get(word)
    if info is None:
        s = _STEMMER.stemWord(word.lower())
        content = len(word) > 2 and word.lower() not in STOPWORDS
        info = (s, zlib.crc32(s.encode()) + 1 if content else 0)
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[word] = info
    return info


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def analyse(text: str) -> tuple[str, list[int]]:
    """One pass over ``text``: its stems space-separated (what the FTS index stores) and the
    hashes of its content-word stems (what evidence signatures are made of)."""
    words_ = _WORD.findall(text)
    infos = list(map(_CACHE.get, words_))      # C-level lookups; misses (None) are rare after warm-up
    if None in infos:
        infos = [info or _info(w) for w, info in zip(words_, infos)]
    return " ".join([i[0] for i in infos]), [i[1] for i in infos if i[1]]


def stemmed_text(text: str) -> str:
    return analyse(text)[0]


def signatures(hash_lists: list[list[int]]) -> np.ndarray:
    """One b-bit MinHash signature (int64) per hash list; 0 where a text has no content words."""
    out = np.zeros(len(hash_lists), dtype=np.int64)
    lengths = np.fromiter((len(h) for h in hash_lists), dtype=np.int64, count=len(hash_lists))
    if not lengths.any():
        return out
    h = np.fromiter(itertools.chain.from_iterable(hash_lists), dtype=np.uint64, count=int(lengths.sum()))
    owners = np.flatnonzero(lengths)
    starts = np.concatenate(([0], np.cumsum(lengths[owners])[:-1]))
    packed = np.zeros(len(owners), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(_SIG_FUNCS):
            mixed = (h * _MULT[k]) >> np.uint64(56)          # top 8 bits of a multiplicative hash
            packed |= np.minimum.reduceat(mixed, starts) << np.uint64(8 * k)
    out[owners] = packed.view(np.int64)
    return out


def similarity(a: int, b: int) -> float:
    """Estimated Jaccard similarity of two signatures' stem sets (0 when either is empty)."""
    if a == 0 or b == 0:
        return 0.0
    same = (int(a) ^ int(b)).to_bytes(8, "little", signed=True).count(0)    # hash functions that agree
    chance = 1 / 256
    return max(0.0, (same / _SIG_FUNCS - chance) / (1 - chance))
