"""How the actor stage combines the name recogniser's spans with the lexicon's mentions."""
from __future__ import annotations

from lagebild.actors.lexicon import load_lexicon
from lagebild.actors.tagger import Draft, SentenceTagger, _inside_longer_name, _named_institution
from lagebild.model import Token


class FixedSpans:
    """A stand-in recogniser that reads the spans given."""

    def __init__(self, spans):
        self.fixed = spans

    def spans(self, words, upos=None):
        return self.fixed


def tag(text: str, spans):
    words = text.split()
    tokens, offset = [], 0
    for i, w in enumerate(words):
        tokens.append(Token(i, offset, offset + len(w), w))
        offset += len(w) + 1
    drafts = SentenceTagger(load_lexicon(), None, {}).tag(tokens, FixedSpans(spans))
    return {" ".join(words[d.first:d.last]): d for d in drafts}


def test_listed_organisation_extended_by_its_own_words_keeps_its_coding():
    plain = tag("Die Audi meldete Gewinne .", [])
    assert plain["Audi"].country == "DEU"
    found = tag("Die Audi AG meldete Gewinne .", [(1, 3, "ORG")])
    assert "Audi" not in found
    assert (found["Audi AG"].kind, found["Audi AG"].country, found["Audi AG"].name) == ("organisation", "DEU", "Audi AG")


def test_alias_inside_a_longer_name_gives_no_coding():
    # "Union" alone is the CDU/CSU; "Union Investment" is another organisation
    found = tag("Auch Union Investment legte zu .", [(1, 3, "ORG")])
    assert found["Union Investment"].country is None and found["Union Investment"].sector != "PTY"


def test_longer_name_must_be_capitalised_throughout():
    words = "Gewinne der Audi meldete".split()
    audi = Draft(2, 3, "DEU", "BUS", "organisation", "Audi", rule="lexicon-organisation")
    assert not _inside_longer_name(audi, [(2, 4, "ORG")], words)
    assert _inside_longer_name(audi, [(1, 3, "ORG")], "Gewinne Der Audi meldete".split())
    titled = Draft(2, 3, "DEU", "GOV", "organisation", None, "Ministerium", rule="T-TITLE")
    assert not _inside_longer_name(titled, [(1, 3, "ORG")], "Gewinne Der Ministerium meldete".split())


def test_institution_read_as_one_name_gets_a_name_and_keeps_its_title():
    paper = Draft(2, 4, "DEU", "MED", "organisation", None, "Zeitung", rule="adjective+title")
    assert _named_institution(paper, [(2, 4, "ORG")])
    assert not _named_institution(paper, [(3, 4, "ORG")])      # only part of it
    assert not _named_institution(paper, [(2, 4, "LOC")])
    found = tag("Er sagte der Berliner Zeitung , dass ...", [(3, 5, "ORG")])
    paper = found["Berliner Zeitung"]
    assert (paper.name, paper.title, paper.kind) == ("Berliner Zeitung", "Zeitung", "organisation")
    assert tag("Er sagte der Berliner Zeitung , dass ...", [])["Berliner Zeitung"].name is None
