"""Features of the name recogniser that read HanTa's lexicon (lagebild/actors/names.py)."""
from __future__ import annotations

import pytest

pytest.importorskip("HanTa")

from lagebild.actors.names import _compound_head_tag  # noqa: E402


@pytest.mark.parametrize("word", ["Getreidemangel", "Gemeindebehörde", "Wasserknappheit"])
def test_unknown_compound_ending_in_a_known_noun(word):
    assert _compound_head_tag(word) == "NN"


@pytest.mark.parametrize("word, expected", [("Kowalczyk", "none"), ("Nguyen", "none"), ("Haus", "known")])
def test_names_and_known_words_have_no_compound_head(word, expected):
    assert _compound_head_tag(word) == expected


def test_head_must_leave_a_modifier_of_three_letters():
    assert _compound_head_tag("Kühlhaus") == "NN"
    assert _compound_head_tag("Abhaus") == "none"   # "haus" after two letters: no compound
