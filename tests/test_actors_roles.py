"""Background mentions (lang/de/actor_roles.yaml): states and organisations in no event of their sentence."""
from __future__ import annotations

import shutil

import pytest

from lagebild.actors import is_background
from lagebild.actors.roles import ROLES_FILE, _with_rule, load_role_rules
from lagebild.lang import LanguageDataError
from lagebild.model import Document
from lagebild.pipeline import Pipeline
from test_actors import find

PARSED = Pipeline(["segment", "syntax", "actors"])


def parsed_actors(text: str):
    return PARSED(Document("t", text, date="2023-06-01")).actors


@pytest.mark.parametrize("rule, sentence, words", load_role_rules().examples)
def test_every_rule_example_is_background(rule, sentence, words):
    mention = find(parsed_actors(sentence), words)
    assert is_background(mention) and rule in mention.resolved_by.split("+")


@pytest.mark.parametrize("sentence, words", [
    ("Dies werde von Deutschland und anderen Ländern unterstützt.", "Deutschland"),   # passive agent
    ("Nach Angaben aus Moskau vermittelten die Emirate den Austausch.", "Moskau"),      # 'aus': may take part
    ("Die Agentur Reuters berichtete über den Angriff.", "Reuters"),                    # the medium speaks
    ("Der Präsident der UN-Vollversammlung eröffnete die Sitzung.", "UN-Vollversammlung"),   # in office
    ("Russland verhängte Sanktionen gegen die Ukraine.", "Ukraine"),
    ("Die Regierung protestierte gegenüber China gegen die Festnahme.", "China"),       # a verb's partner
    ("Japan liegt hinter den USA, sagte der Minister.", "USA"),                          # no ranking
    ("Das berichtete am Freitag der Sender CNN.", "CNN"),                               # nominative: the speaker
    ("Nach Angaben der Regierung, die nun Zelte aufstellen will, kamen 300 Menschen an.", "Regierung"),
    ("Das Gouverneursamt der russischen Grenzregion meldete zwei Verletzte.", "russischen"),   # its authority
])
def test_participants_are_not_background(sentence, words):
    assert not is_background(find(parsed_actors(sentence), words))


def test_unparsed_sentences_are_left_alone():
    text = load_role_rules().examples[0][1]
    mentions = Pipeline(["segment", "actors"])(Document("t", text)).actors
    assert mentions and not any(is_background(m) for m in mentions)


def test_background_keeps_kind_and_country():
    mention = find(parsed_actors("Die von Russland unterstützten Separatisten griffen die Stadt an."), "Russland")
    assert (mention.kind, mention.country) == ("state", "RUS")


def test_context_country_stays_the_last_rule():
    # the events stage reads a trailing '+context-country' (a title coded by the sentence's one state)
    assert _with_rule("T-TITLE+context-country", "B-CHANNEL") == "T-TITLE+B-CHANNEL+context-country"
    assert _with_rule("lexicon-state", "B-RANKING") == "lexicon-state+B-RANKING"
    assert _with_rule(None, "B-RANKING") == "B-RANKING"


def test_rule_whose_mention_is_not_in_its_example_is_rejected(tmp_path):
    bad = tmp_path / "actor_roles.yaml"
    shutil.copy(ROLES_FILE, bad)
    text = bad.read_text(encoding="utf-8").replace("mention: Reuters}", "mention: AFP}")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"actor_roles.yaml:\d+: rule B-CHANNEL"):
        load_role_rules(bad)


def test_business_people_take_the_country_of_the_place_named():
    mentions = parsed_actors("Der chinesische Präsident führte in Seattle Gespräche mit Wirtschaftsvertretern.")
    assert find(mentions, "Wirtschaftsvertretern").country == "USA"
    mentions = parsed_actors("In Seattle und Toronto sprachen Wirtschaftsvertreter mit dem Minister.")
    assert find(mentions, "Wirtschaftsvertreter").country in (None, "UNK")   # two places: no cue


def test_a_mediums_state_gives_no_context():
    mentions = parsed_actors("Die Lage sei ernst, sagte der Minister der Agentur Reuters.")
    assert find(mentions, "Minister").country in (None, "UNK")


def test_every_mention_says_its_role():
    mentions = parsed_actors("Nach Angaben der Vereinten Nationen verhängte Russland in Moskau Sanktionen gegen die Ukraine.")
    roles = {m.text: m.role for m in mentions}
    assert roles["Russland"] == "actor" and roles["Ukraine"] == "actor"
    assert roles["Moskau"] == "place" and roles["Vereinten Nationen"] == "background"
