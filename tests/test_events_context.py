"""Events whose unnamed actors take their country from the place of the event."""
from __future__ import annotations

import pytest

from lagebild.events.coder import _local_groups
from lagebild.model import ActorMention, Document


@pytest.fixture(scope="module")
def analyse():
    from lagebild import syntax
    try:
        syntax.load_model()
    except FileNotFoundError:
        pytest.skip("syntax model not built")
    import lagebild.actors  # noqa: F401  (register the stages)
    import lagebild.events  # noqa: F401
    from lagebild.pipeline import Pipeline
    pipe = Pipeline(["segment", "syntax", "actors", "events"])
    return lambda text: pipe(Document("t", text, date="2023-06-01"))


def _targets(analysis, kind: str) -> list[tuple[str, str]]:
    return [(m.text, m.country) for e in analysis.events if e.type == kind for m in e.target]


def test_protesters_take_the_country_of_the_place(analyse):
    a = analyse("In Mombasa nahm die Polizei am Sonntag zwanzig Demonstranten fest.")
    assert ("Demonstranten", "KEN") in _targets(a, "COERCE")


def test_only_unnamed_civilian_groups_take_the_place():
    def mention(text, sector, kind="person", name=None):
        return ActorMention(text, text, 0, len(text), 0, name=name, country=None, sector=[sector], kind=kind)
    mentions = [mention("Dissidenten", "OPP"), mention("Minister", "GOV"), mention("Rebellen", "REB"),
                mention("Herr Kim", "CVL", name="Kim"), mention("Firma", "BUS", kind="organisation")]
    _local_groups(mentions, "CUB")
    assert [m.country for m in mentions] == ["CUB", None, None, None, None]
    assert mentions[0].resolved_by.endswith("event-place")


def test_without_a_place_unnamed_people_stay_unknown(analyse):
    a = analyse("Die Polizei hat am Abend einen Mann festgenommen.")
    assert [(text, country or "UNK") for text, country in _targets(a, "COERCE")] == [("Mann", "UNK")]
