"""Name lists for the recogniser: validated reading, inflected forms, phrase features, augmentation."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

from name_gazetteers import (NAME_LISTS, augment, inflected, name_list_hashes, phrase_hashes,  # noqa: E402
                             read_name_gazetteer)

from lagebild.actors.lexicon import load_lexicon  # noqa: E402
from lagebild.actors.names import Featurizer, NameModel, segments, spans_of, train  # noqa: E402
from lagebild.lang import LanguageDataError, data_path  # noqa: E402


def test_shipped_name_lists_read_cleanly():
    for name, categories in NAME_LISTS.items():
        lists = read_name_gazetteer(data_path("de", name), categories)
        assert set(lists) == set(categories)
        assert all(len(names) >= 20 for names in lists.values())
    assert {"p_company", "p_sport", "p_water", "p_prefix", "g_words_organisation_names"} <= set(name_list_hashes())


@pytest.mark.parametrize("text, message", [
    ("Zwiebelhuber AG\n", "before the first"),
    ("## bakery\nZwiebelhuber AG\n", "unknown category"),
    ("## company\nzwiebelhuber AG\n", "capital letter"),
    ("## company\nZwiebelhuber  AG\n", "stray whitespace"),
])
def test_malformed_name_list_names_file_and_line(tmp_path, text, message):
    path = tmp_path / "names.txt"
    path.write_text("# a comment\n" + text, encoding="utf-8")
    with pytest.raises(LanguageDataError, match=message) as err:
        read_name_gazetteer(path, ("company",))
    assert f"{path}:" in str(err.value)


def test_inflected_forms_of_a_name():
    assert {"Deutschen Bank", "Deutsche Bank"} <= inflected("Deutsche Bank")
    assert "Internationalen Währungsfonds" in inflected("Internationaler Währungsfonds")
    assert "Bundesverfassungsgerichts" in inflected("Bundesverfassungsgericht")
    assert inflected("Siemens") == {"Siemens"}   # no genitive after s


def test_phrase_features_mark_the_longest_name():
    feat = Featurizer(load_lexicon(), {}, phrase_hashes({"company": ["Zwiebel", "Zwiebel Kraut Werke"]}, "p_"))
    words = "Gestern meldete die Zwiebel Kraut Werke Gewinne".split()
    marks = feat.sentence_phrases(words, segments(words))
    assert sorted(marks) == [3, 4, 5]
    alone = feat.sentence_phrases("Die Zwiebel wächst".split(), [(0, 2)])
    assert list(alone) == [1] and not set(alone[1]) & set(marks[3])   # U differs from B


def test_augmented_copies_keep_contexts_and_are_reproducible():
    words = "Gestern sprach Kerstin Zwiebelhuber mit der Firma Blaukraut .".split()
    labels = ["O", "O", "B-PER", "I-PER", "O", "O", "O", "B-ORG", "O"]
    upos = ["ADV", "VERB", "PROPN", "PROPN", "ADP", "DET", "NOUN", "PROPN", "PUNCT"]
    pools = {"ORG": [["Quendel", "Werke", "AG"]]}
    copies = augment([(words, labels, upos)], pools, copies=2, share=1.0, seed=3)
    assert copies == augment([(words, labels, upos)], pools, copies=2, share=1.0, seed=3)
    new_words, new_labels, new_upos = copies[0]
    assert new_words == words[:7] + ["Quendel", "Werke", "AG", "."]
    assert spans_of(new_labels) == [(2, 4, "PER"), (7, 10, "ORG")]
    assert len(new_upos) == len(new_words) and new_upos[7:10] == ["PROPN"] * 3


def test_a_listed_name_unseen_in_training_is_recognised():
    # the same context holds persons and organisations: only the list tells them apart, and the
    # augmented copies teach the model to trust the list over the words it has seen
    orgs = ["Blaukraut Werke", "Quendel Holding", "Farnkamp Mühle", "Zwirbel Verlag", "Sauerampfer Kontor"]
    gaz = phrase_hashes({"company": orgs}, "p_")
    sentences = []
    for name, label in (("Blaukraut Werke", "ORG"), ("Mira Blaukopf", "PER"), ("Jonas Feldrain", "PER")):
        for verb in ("lobte", "kritisierte", "traf"):
            words = f"Gestern {verb} man {name} sehr .".split()
            sentences.append((words, ["O", "O", "O", f"B-{label}", f"I-{label}", "O", "O"], None))
    pools = {"ORG": [name.split() for name in orgs[1:4]], "PER": [["Ute", "Sandhaus"], ["Piet", "Wollgarn"]]}
    sentences += augment(sentences, pools, copies=3, share=1.0)
    model = NameModel(train(sentences, epochs=5, gazetteers=gaz), gazetteers=gaz)
    assert model.spans("Gestern lobte man Sauerampfer Kontor sehr .".split()) == [(3, 5, "ORG")]
    assert model.spans("Gestern lobte man Tilda Kornblum sehr .".split()) == [(3, 5, "PER")]
