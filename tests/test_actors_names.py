"""The statistical name recogniser: segments, constrained Viterbi decoding, training, hashed gazetteers."""
from __future__ import annotations

import numpy as np

from lagebild.actors.names import (LABELS, NameModel, _hashes, load_model, save, segments, train, transitions,
                                   viterbi)

B_PER, I_PER, B_ORG = LABELS.index("B-PER"), LABELS.index("I-PER"), LABELS.index("B-ORG")


def test_segments_cover_capitalised_words_and_lower_case_words_between_them():
    words = "Gestern tagte die Zentralanstalt für Meteorologie in Wien und sonst nichts".split()
    assert segments(words) == [(0, 1), (3, 8)]   # "in" lies between two capitalised words


def test_viterbi_never_continues_a_name_it_did_not_begin():
    trans = transitions(np.zeros((1 << 17, len(LABELS)), dtype=np.float32))
    emissions = np.zeros((2, len(LABELS)), dtype=np.float32)
    emissions[1, I_PER] = 5.0          # I-PER is best alone, but needs B-PER before it
    emissions[0, B_ORG] = 1.0
    labels = viterbi(emissions, trans, [False, False])
    assert labels[1] != I_PER or labels[0] == B_PER
    emissions[0, B_PER] = 2.0
    assert viterbi(emissions, trans, [False, False]) == [B_PER, I_PER]


def test_lower_case_word_never_begins_a_name():
    trans = transitions(np.zeros((1 << 17, len(LABELS)), dtype=np.float32))
    emissions = np.zeros((1, len(LABELS)), dtype=np.float32)
    emissions[0, B_PER] = 3.0
    assert viterbi(emissions, trans, [True]) == [0]


def test_training_learns_invented_names_and_the_model_round_trips(tmp_path):
    sentences = []
    for first, last in [("Kerstin", "Zwiebelhuber"), ("Jonas", "Beispielmann"), ("Mira", "Quendel")]:
        words = f"Gestern sprach {first} {last} mit der Firma Blaukraut .".split()
        labels = ["O", "O", "B-PER", "I-PER", "O", "O", "O", "B-ORG", "O"]
        sentences.append((words, labels, None))
    gaz = {"g_given": _hashes(["Kerstin", "Jonas", "Mira", "Tilda"])}
    weights = train(sentences * 5, epochs=3, gazetteers=gaz)
    path = tmp_path / "names.bin"
    save(path, weights, gaz)
    model = load_model.__wrapped__(path)
    assert isinstance(model, NameModel)
    assert model.spans("Gestern sprach Tilda Quendel mit der Firma Blaukraut .".split()) == [
        (2, 4, "PER"), (7, 8, "ORG")]


def test_place_inside_a_longer_organisation_name_yields_to_it():
    from lagebild.actors.tagger import Draft, _inside_organisation_name
    stuttgart = Draft(1, 2, "DEU", "GOV", "location")
    assert _inside_organisation_name(stuttgart, [(0, 2, "ORG")])          # "VfB Stuttgart"
    assert not _inside_organisation_name(stuttgart, [(1, 2, "ORG")])      # the same word only
    assert not _inside_organisation_name(stuttgart, [(0, 2, "PER")])
    minister = Draft(1, 2, "DEU", "GOV", "person")
    assert not _inside_organisation_name(minister, [(0, 3, "ORG")])


def test_form_of_address_is_not_part_of_a_recognised_name():
    from lagebild.actors.lexicon import load_lexicon
    from lagebild.actors.tagger import SentenceTagger
    from lagebild.model import Token

    class Stub:   # a recogniser that marks "Frau Zwiebelhuber" as one person
        def spans(self, words, upos):
            return [(2, 4, "PER")]

    words = "Das sagte Frau Zwiebelhuber gestern".split()
    tokens = [Token(i, 0, 0, w) for i, w in enumerate(words)]
    drafts = SentenceTagger(load_lexicon(), None, {}).tag(tokens, Stub())
    assert [(d.first, d.last, d.name) for d in drafts if d.kind == "person"] == [(3, 4, "Zwiebelhuber")]


def test_word_rule_person_yields_to_a_different_recognised_person():
    from lagebild.actors.tagger import Draft, _weak_person
    merz = Draft(2, 3, "DEU", "GOV", "person", rule="registry-surname")
    assert _weak_person(merz, [(1, 3, "PER")])                     # "Hans-Rudolf Merz"
    assert not _weak_person(merz, [(2, 3, "PER")])                 # the same span
    assert not _weak_person(merz, [(1, 3, "ORG")])
    titled = Draft(0, 3, "USA", "GOV", "person", rule="T-TITLE+name:registry-name")
    assert not _weak_person(titled, [(1, 3, "PER")])               # title mentions are kept
