"""Loaded by `spacy train --code`: registers lagebild's custom spaCy components."""
import lagebild.syntax.hanta  # noqa: F401
