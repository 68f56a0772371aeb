"""Stage "quotes": who said what, to whom, when (direct, indirect, free indirect and reported speech)."""
from __future__ import annotations

from ..pipeline import register
from .finder import QuoteFinder
from .lexicon import Lexicon, default_lexicon, load_lexicon


@register("quotes")
def _quotes() -> QuoteFinder:
    return QuoteFinder()


__all__ = ["QuoteFinder", "Lexicon", "default_lexicon", "load_lexicon"]
