"""Actors vs places: states named as places, visit hosts, occupied territories, generic names, national bodies."""
from __future__ import annotations

import shutil

import pytest

from lagebild.actors.lexicon import DATA_DIR, build_lexicon
from lagebild.lang import LanguageDataError
from test_actors import actors, coded, find


@pytest.mark.parametrize("sentence, words", [
    ("Die Lage in der Türkei bleibt angespannt.", "Türkei"),
    ("Eine Rakete aus dem Gazastreifen schlug ein.", "Gazastreifen"),
    ("Er wollte über Ägypten nach Katar ausreisen.", "Ägypten"),
    ("Eine Rakete schlug im Süden Israels ein.", "Israels"),
    ("Die Kämpfe im Zentrum des Gazastreifens dauern an.", "Gazastreifens"),
    ("Flüchtlinge sammelten sich an der Grenze zur Türkei.", "Türkei"),
    ("Brüssel – Die Polizei nahm einen Mann fest.", "Brüssel"),
    ("Der Verdächtige lebt in Brüssel.", "Brüssel"),
    ("Die Lage im benachbarten Syrien bleibt angespannt.", "Syrien"),
    ("Die Flüchtlinge wollen nach Österreich und Deutschland.", "Deutschland"),
])
def test_states_named_as_places_are_locations(sentence, words):
    assert find(actors(sentence), words).kind == "location"


@pytest.mark.parametrize("sentence, words", [
    ("Russland verhängte Sanktionen gegen die Ukraine.", "Ukraine"),
    ("Kritik kam aus Moskau.", "Moskau"),          # a seat after "aus" is the government
    ("Brüssel kritisierte die Regierung in Warschau.", "Brüssel"),
    ("Die Gespräche zwischen den USA und China stocken.", "USA"),
    ("Die Lage in Syrien beunruhigt Russland und China.", "China"),
])
def test_participants_stay_actors(sentence, words):
    assert find(actors(sentence), words).kind != "location"


@pytest.mark.parametrize("sentence, words, country", [
    ("Nach seinem Besuch in Washington reiste Xi weiter.", "Washington", "USA"),
    ("Kurz vor dem Besuch von Präsident Obama in Vietnam kam er frei.", "Vietnam", "VNM"),
])
def test_host_of_a_visit_is_an_actor(sentence, words, country):
    m = find(actors(sentence, "2015-09-20"), words)
    assert (m.kind, m.country) != ("location", None) and m.kind != "location" and m.country == country


def test_visit_noun_in_another_clause_does_not_count():
    m = find(actors("Der Besuch endete, danach blieb er in Vietnam."), "Vietnam")
    assert m.kind == "location"


@pytest.mark.parametrize("date, country", [("2015-11-23", "RUS"), ("2010-05-01", "UKR")])
def test_authorities_of_an_occupied_territory_by_date(date, country):
    m = find(actors("Die Führung der Krim rief zum Energiesparen auf.", date), "Führung der Krim")
    assert m.country == country


def test_generic_alliance_name_needs_the_organisation_named_before():
    alone = find(actors("Wir modernisieren unser Militärbündnis."), "Militärbündnis")
    assert alone.country == "UNK"
    after = actors("Die Nato tagte in Brüssel. Das Militärbündnis beschloss neue Manöver.")
    assert find(after, "Militärbündnis").country == "IGO:NATO"
    assert find(after, "Militärbündnis").antecedent == find(after, "Nato").id


@pytest.mark.parametrize("sentence, words, country, sector", [
    ("Das sagte der Chef der europafeindlichen Ukip, Nigel Farage.", "Nigel Farage", "GBR", ["PTY"]),
    ("Der Präsident des Deutschen Fußballbundes, Reinhard Grindel, widersprach.", "Reinhard Grindel", "DEU",
     ["GOV"]),
    ("Der Präsident des Deutschen Fußballbundes (DFB), Reinhard Grindel, widersprach.", "Reinhard Grindel",
     "DEU", ["GOV"]),
    ("Die Einigung wurde von Tom Fairbanks, dem Koordinator des Nationalen Sicherheitsrates, begrüßt.",
     "Tom Fairbanks", "USA", ["GOV"]),
    ("„Die Raumfahrt eint uns alle“, erklärte der NASA-Administrator Jim Holloway am Abend.",
     "NASA-Administrator Jim Holloway", "USA", ["GOV"]),
])
def test_titles_of_national_bodies_code_the_named_person(sentence, words, country, sector):
    assert coded(sentence, words) == (country, sector)


def test_surname_after_a_late_apposition_takes_its_country():
    mentions = actors("Das lobte Kurt Campbell, der Koordinator des Nationalen Sicherheitsrates. Campbell sagte mehr.")
    later = [m for m in mentions if m.text == "Campbell"][0]
    assert later.country == "USA"


def test_dateline_does_not_code_media_or_armed_groups():
    mentions = actors("Genf – Russland warnte vor Extremistenorganisationen, berichteten Reporter.")
    assert find(mentions, "Extremistenorganisationen").country == "UNK"
    assert find(mentions, "Reporter").country == "UNK"


def test_place_rules_file_errors_name_file_and_line(tmp_path):
    for name in ("countries.yaml", "regions.yaml", "places.yaml", "igos.yaml", "organisations.yaml", "titles.yaml",
                 "officeholders.yaml", "actor_places.yaml"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    path = tmp_path / "actor_places.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("by: RUS", "by: RUX"), encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"actor_places\.yaml:\d+: 'RUX' is not a known"):
        build_lexicon(tmp_path)


@pytest.mark.parametrize("sentence, word, country", [
    ("Die EU-Sanktionen treffen die Wirtschaft.", "EU", "IGO:EU"),
    ("Die Gegner des G7-Gipfels protestierten.", "G7", "IGO:G7"),
    ("Ein US-Luftangriff tötete den Kommandeur.", "US", "USA"),
])
def test_hyphen_prefix_of_a_plain_noun_is_a_modifier(sentence, word, country):
    m = find(actors(sentence), word)
    assert (m.kind, m.country) == ("modifier", country)


def test_entry_into_a_country_is_no_visit():
    m = find(actors("Den Flüchtlingen gelang die Einreise von Griechenland nach Mazedonien."), "Mazedonien")
    assert m.kind == "location"
