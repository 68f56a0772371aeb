"""Unnamed people and groups are actor mentions: sector from the noun, country only from context."""
from __future__ import annotations

import pytest

import lagebild.actors  # noqa: F401  (registers the "actors" stage)
from lagebild.actors.lexicon import load_lexicon
from lagebild.model import Document
from lagebild.pipeline import Pipeline

PIPE = Pipeline(["segment", "actors"])


@pytest.mark.parametrize("word, sector", [
    ("Mann", "CVL"), ("Männer", "CVL"), ("Verdächtigen", "UNK"), ("Tatverdächtige", "UNK"), ("Täter", "UNK"),
    ("Angreifer", "UNK"), ("Unbekannte", "UNK"), ("Häftlinge", "CVL"), ("Gefangenen", "CVL"),
    ("Angeklagte", "CVL"), ("Kollegen", "GOV"),
])
def test_unnamed_people_nouns(word, sector):
    title, _rule = load_lexicon().title(word)
    assert title.sector == sector


@pytest.mark.parametrize("sentence, words", [
    ("Die Polizei nahm am Abend einen Mann fest.", "Mann"),
    ("Zwei Verdächtige wurden in der Nacht gefasst.", "Verdächtige"),
    ("Unbekannte warfen Steine auf das Rathaus.", "Unbekannte"),
])
def test_unnamed_people_stay_without_country(sentence, words):
    mentions = PIPE(Document("t", sentence, date="2023-06-01")).actors
    hit = next(m for m in mentions if m.text == words)
    assert hit.country in (None, "UNK")


def test_object_pronouns_are_mentions_resolved_only_by_context():
    mentions = PIPE(Document("t", "Die Entscheidung brachte ihm Kritik ein.", date="2023-06-01")).actors
    assert [(m.text, m.kind, m.country or "UNK") for m in mentions] == [("ihm", "pronoun", "UNK")]
    text = "Der französische Präsident reiste ab. Die Opposition warf ihm Versagen vor."
    mentions = PIPE(Document("t", text, date="2023-06-01")).actors
    assert next(m for m in mentions if m.text == "ihm").country == "FRA"


def test_other_states_are_not_coded_by_the_named_one():
    mentions = PIPE(Document("t", "Polen und andere Länder lehnten den Plan ab.", date="2023-06-01")).actors
    assert [(m.text, m.country or "UNK") for m in mentions] == [("Polen", "POL"), ("Länder", "UNK")]
    mentions = PIPE(Document("t", "Polen und die Länder der Region lehnten den Plan ab.", date="2023-06-01")).actors
    assert next(m for m in mentions if m.text == "Länder").country == "POL"


@pytest.mark.parametrize("text, words, country", [
    # the bare group word is the Western alliance, not the states named before
    ("Der Präsident Litauens traf den Kanzler. Er rief die Verbündeten zu mehr Hilfe auf.", "Verbündeten", "WST"),
    ("Die Ministerin dankte den Bündnispartnern für die Zusagen.", "Bündnispartnern", "WST"),
    # with an owner they are someone's allies: never WST
    ("Die Verbündeten Serbiens blieben der Konferenz fern.", "Verbündeten Serbiens", "SRB"),
    ("Belarus und seine Verbündeten protestierten.", "Verbündeten", "BLR"),
])
def test_alliance_group_words(text, words, country):
    mentions = PIPE(Document("t", text, date="2023-06-01")).actors
    assert next(m for m in mentions if m.text == words).country == country


def test_coordinated_bodies_share_the_place_after_them():
    text = "Der kenianische Präsident rief die Regierung und die Opposition in Uganda zur Mäßigung auf."
    mentions = PIPE(Document("t", text, date="2023-06-01")).actors
    assert next(m for m in mentions if m.text == "Regierung").country == "UGA"


@pytest.mark.parametrize("text, words, countries", [
    # the official who addresses both sides is neither of them, nor is the venue
    ("Armenien und Aserbaidschan kämpfen seit Wochen um die Region. Der Präsident Frankreichs rief in Genf "
     "beide Kriegsparteien zu einer Waffenruhe auf.", "Kriegsparteien", {"ARM", "AZE"}),
    ("Die Kämpfe zwischen Armee und Rebellen im Sudan dauern an. Der Sondergesandte der USA forderte beide "
     "Seiten zu Gesprächen auf.", "Seiten", {"UNK"}),
])
def test_sides_of_a_conflict_are_not_who_addresses_them(text, words, countries):
    mentions = PIPE(Document("t", text, date="2023-06-01")).actors
    assert {m.country or "UNK" for m in mentions if m.text == words} == countries
