"""Our own marked training sentences for the name recogniser (training/data/name_sentences.txt)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

from name_gazetteers import OWN_SENTENCES, read_marked_sentences  # noqa: E402

from lagebild.lang import LanguageDataError  # noqa: E402


def test_marks_become_bio_labels_on_lagebild_tokens(tmp_path):
    path = tmp_path / "sentences.txt"
    path.write_text("# ours\n„Gut“, sagte [PER Kerstin Zwiebelhuber] der [ORG Blaukraut AG] in [LOC Oberhinterdorf].\n",
                    encoding="utf-8")
    [(words, labels)] = read_marked_sentences(path)
    assert words == ["„", "Gut", "“", ",", "sagte", "Kerstin", "Zwiebelhuber", "der", "Blaukraut", "AG", "in",
                     "Oberhinterdorf", "."]
    assert labels == ["O", "O", "O", "O", "O", "B-PER", "I-PER", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O"]


@pytest.mark.parametrize("line, message", [
    ("Die [ORG Blaukraut-]Gruppe wächst.", "word boundaries"),
    ("Die [FIRMA Blaukraut] wächst.", "malformed mark"),
    ("Die [ORG Blaukraut wächst.", "malformed mark"),
])
def test_malformed_marks_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "sentences.txt"
    path.write_text("# ours\n" + line + "\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=message) as err:
        read_marked_sentences(path)
    assert f"{path}:2:" in str(err.value)


def test_shipped_sentences_read_cleanly_with_every_type():
    sentences = read_marked_sentences(OWN_SENTENCES)
    assert len(sentences) >= 300
    kinds = {label[2:] for _, labels in sentences for label in labels if label != "O"}
    assert kinds == {"PER", "ORG", "LOC"}
