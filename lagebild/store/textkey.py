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
import pyarrow as pa
import pyarrow.compute as pc
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


# Python's ``\w+`` (str.isalnum() or "_") in RE2 spelling, for the vectorised tokenizer.
_NON_WORD = r"[^\p{L}\p{N}_]+"


def analyse_many(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """For each text: its stems space-separated (what the FTS index stores) and the b-bit
    MinHash signature of its content-word stems (what dedup compares). Vectorised with
    Arrow: tokenising in RE2 and stemming once per distinct word is ~3x faster than a
    Python loop over the words, and the index, deletes and signatures all go through here,
    so they always agree on the tokens."""
    if not texts:
        return [], np.zeros(0, dtype=np.int64)
    spaced = pc.utf8_trim(pc.replace_substring_regex(pa.array(texts, pa.string()), _NON_WORD, " "), " ")
    tokens = pc.split_pattern(spaced, " ")      # an empty text gives one empty token: stem "", hash 0
    words_ = tokens.flatten().dictionary_encode()
    infos = [_CACHE.get(w) or _info(w) for w in words_.dictionary.to_pylist()]
    stems = pa.array([i[0] for i in infos], pa.string()).take(words_.indices)
    stemmed = pc.binary_join(pa.ListArray.from_arrays(tokens.offsets, stems), " ").to_pylist()
    hashes = np.array([i[1] for i in infos], dtype=np.uint64)[words_.indices.to_numpy()]
    owners = np.repeat(np.arange(len(texts)), np.diff(tokens.offsets.to_numpy()))
    content = hashes != 0
    return stemmed, _minhash(hashes[content], np.bincount(owners[content], minlength=len(texts)))


def analyse(text: str) -> tuple[str, list[int]]:
    """One text: (stems space-separated, hashes of its content-word stems)."""
    infos = [_info(w) for w in _WORD.findall(text)]
    return " ".join([i[0] for i in infos]), [i[1] for i in infos if i[1]]


def stemmed_text(text: str) -> str:
    return analyse_many([text])[0][0]


def signatures(hash_lists: list[list[int]]) -> np.ndarray:
    """One b-bit MinHash signature (int64) per hash list; 0 where a text has no content words."""
    lengths = np.fromiter((len(h) for h in hash_lists), dtype=np.int64, count=len(hash_lists))
    h = np.fromiter(itertools.chain.from_iterable(hash_lists), dtype=np.uint64, count=int(lengths.sum()))
    return _minhash(h, lengths)


def _minhash(h: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Signatures of consecutive runs of ``h`` (uint64 hashes), ``lengths[i]`` long each."""
    out = np.zeros(len(lengths), dtype=np.int64)
    if not lengths.any():
        return out
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
