"""lagebild.syntax on invented German sentences: the structure events rely on."""
from __future__ import annotations

import pytest

from lagebild import syntax
from lagebild.model import Analysis, Document, Sentence, Token
from lagebild.syntax import join_particles, konjunktiv
from lagebild.syntax.arguments import case_forms, fix_arguments

needs_model = pytest.mark.skipif(not (syntax.MODEL_DIR / "meta.json").exists(), reason="model not built")


def sentence(words: str) -> Sentence:
    tokens, pos = [], 0
    for i, w in enumerate(words.split()):
        tokens.append(Token(i, pos, pos + len(w), w))
        pos += len(w) + 1
    return Sentence(0, 0, pos - 1, words, tokens=tokens)


def analyse(words: str) -> list[Token]:
    s = sentence(words)
    syntax.SyntaxAnalyzer().annotate([s])
    return s.tokens


def find(tokens: list[Token], text: str) -> Token:
    return next(t for t in tokens if t.text == text)


def dependents(tokens: list[Token], head: Token, *deps: str) -> list[str]:
    return [t.text for t in tokens if t.head == head.i and t.dep in deps]


def test_join_particles_without_model():
    toks = [Token(0, 0, 2, "Er"), Token(1, 3, 11, "stimmten"), Token(2, 12, 14, "zu")]
    toks[1].upos, toks[1].lemma = "VERB", "stimmen"
    toks[2].upos, toks[2].lemma, toks[2].head, toks[2].dep = "ADP", "zu", 1, "compound:prt"
    join_particles(toks)
    assert toks[1].lemma == "zustimmen"
    join_particles(toks)  # idempotent: a second pass must not give "zuzustimmen"
    assert toks[1].lemma == "zustimmen"


def parsed(rows: list[tuple[str, str, int, str]]) -> list[Token]:
    """Tokens with a given (text, upos, head, dep) analysis."""
    return [Token(i, 0, 0, text, upos=upos, head=head, dep=dep) for i, (text, upos, head, dep) in enumerate(rows)]


def test_case_rule_swaps_subject_and_object():
    # "Den Präsidenten empfing der Kanzler ." parsed by word order
    toks = parsed([("Den", "DET", 1, "det"), ("Präsidenten", "NOUN", 2, "nsubj"), ("empfing", "VERB", -1, "root"),
                   ("der", "DET", 4, "det"), ("Kanzler", "NOUN", 2, "obj"), (".", "PUNCT", 2, "punct")])
    fix_arguments(toks)
    assert (toks[1].dep, toks[4].dep) == ("obj", "nsubj")


def test_case_rule_keeps_correct_and_ambiguous_labels():
    # "Die Regierung kritisierte die Opposition ." : both "die" are ambiguous -> unchanged
    toks = parsed([("Die", "DET", 1, "det"), ("Regierung", "NOUN", 2, "nsubj"), ("kritisierte", "VERB", -1, "root"),
                   ("die", "DET", 4, "det"), ("Opposition", "NOUN", 2, "obj"), (".", "PUNCT", 2, "punct")])
    fix_arguments(toks)
    assert (toks[1].dep, toks[4].dep) == ("nsubj", "obj")
    # "Er traf den Minister ." already right -> unchanged
    toks = parsed([("Er", "PRON", 1, "nsubj"), ("traf", "VERB", -1, "root"), ("den", "DET", 3, "det"),
                   ("Minister", "NOUN", 1, "obj"), (".", "PUNCT", 1, "punct")])
    fix_arguments(toks)
    assert (toks[0].dep, toks[3].dep) == ("nsubj", "obj")


def test_case_rule_nominative_pronoun_as_object():
    # "Das sagte er ." with "er" mislabelled obj and "Das" mislabelled something else
    toks = parsed([("Das", "PRON", 1, "advmod"), ("sagte", "VERB", -1, "root"), ("er", "PRON", 1, "obj"),
                   (".", "PUNCT", 1, "punct")])
    fix_arguments(toks)
    assert toks[2].dep == "nsubj"


def test_case_rule_werden_passive_has_no_object():
    toks = parsed([("Drei", "NUM", 1, "nummod"), ("Demonstranten", "NOUN", 3, "obj"), ("wurden", "AUX", 3, "aux:pass"),
                   ("festgenommen", "VERB", -1, "root"), (".", "PUNCT", 3, "punct")])
    fix_arguments(toks)
    assert toks[1].dep == "nsubj:pass"


def test_case_rule_zu_infinitive_has_no_subject():
    # "..., die Waffenruhe gebrochen zu haben ."
    toks = parsed([("die", "DET", 1, "det"), ("Waffenruhe", "NOUN", 2, "nsubj"), ("gebrochen", "VERB", -1, "root"),
                   ("zu", "PART", 2, "mark"), ("haben", "AUX", 2, "aux")])
    fix_arguments(toks)
    assert toks[1].dep == "obj"


def test_case_rule_two_subjects_one_only_nominative():
    toks = parsed([("Das", "PRON", 1, "nsubj"), ("sagte", "VERB", -1, "root"), ("er", "PRON", 1, "nsubj"),
                   (".", "PUNCT", 1, "punct")])
    fix_arguments(toks)
    assert (toks[0].dep, toks[2].dep) == ("obj", "nsubj")


def test_case_forms_data_is_valid():
    forms = case_forms()
    assert forms["ihn"] == {"Acc"} and forms["ich"] == {"Nom"} and "der" not in forms


def test_konjunktiv():
    assert konjunktiv(Token(0, 0, 4, "habe", morph="Mood=Sub|Tense=Pres|VerbForm=Fin")) == 1
    assert konjunktiv(Token(0, 0, 5, "hätte", morph="Mood=Sub|Tense=Past|VerbForm=Fin")) == 2
    assert konjunktiv(Token(0, 0, 3, "hat", morph="Mood=Ind|Tense=Pres|VerbForm=Fin")) is None


@needs_model
def test_verb_second_subject_and_object():
    toks = analyse("Die Regierung verhängte am Montag neue Sanktionen gegen Russland .")
    verb = find(toks, "verhängte")
    assert verb.upos == "VERB" and verb.head == -1 and verb.dep == "root"
    assert dependents(toks, verb, "nsubj") == ["Regierung"]
    assert dependents(toks, verb, "obj") == ["Sanktionen"]
    assert verb.lemma == "verhängen"
    assert "Tense=Past" in verb.morph and "Number=Sing" in verb.morph


@needs_model
def test_separable_verb_lemma_rejoined():
    toks = analyse("Die Ministerin kündigte neue Gespräche mit der Opposition an .")
    verb = find(toks, "kündigte")
    assert find(toks, "an").dep == "compound:prt"
    assert verb.lemma == "ankündigen"
    assert dependents(toks, verb, "nsubj") == ["Ministerin"]


@needs_model
def test_verb_final_subordinate_clause():
    toks = analyse("Er sagte , dass die Armee die Grenze geschlossen habe .")
    main, sub = find(toks, "sagte"), find(toks, "geschlossen")
    assert main.head == -1
    assert sub.head == main.i and sub.dep == "ccomp"
    assert dependents(toks, sub, "nsubj") == ["Armee"]
    assert dependents(toks, sub, "obj") == ["Grenze"]
    assert konjunktiv(find(toks, "habe")) == 1


@needs_model
def test_passive_with_von():
    toks = analyse("Der Politiker wurde von der Polizei festgenommen .")
    verb = find(toks, "festgenommen")
    assert dependents(toks, verb, "nsubj:pass") == ["Politiker"]
    assert find(toks, "wurde").dep == "aux:pass"
    assert "Polizei" in dependents(toks, verb, "obl", "obl:agent")


@needs_model
def test_one_root_per_sentence_even_where_the_parser_would_split():
    toks = analyse("Am Mittwochabend ( 20.45 Uhr ) verteidigt Frankreichs Meister gegen Chelsea ein 2:1 "
                   "aus dem Hinspiel , Trainer Blanc bleibt gelassen")
    assert sum(t.head == -1 for t in toks) == 1


@needs_model
def test_component_fills_every_token_on_own_offsets():
    text = "Der Kanzler traf den Präsidenten in Paris."
    doc = Document(id="t", text=text)
    analysis = Analysis(document=doc)
    s = sentence("Der Kanzler traf den Präsidenten in Paris .")
    s.tokens[-1].start, s.tokens[-1].end = 41, 42  # "Paris." without a space
    analysis.sentences = [s]
    syntax.SyntaxAnalyzer()(analysis)
    for tok in s.tokens:
        assert tok.upos and tok.lemma is not None and tok.dep
        assert tok.head == -1 or 0 <= tok.head < len(s.tokens)
    assert sum(t.head == -1 for t in s.tokens) == 1
    assert [text[t.start:t.end] for t in s.tokens] == [t.text for t in s.tokens]


def test_rule_aux_head_lifts_subject_off_the_auxiliary():
    from lagebild.model import Token
    from lagebild.syntax.arguments import fix_arguments

    words = [("Die", "DET", 1, "det"), ("Ukraine", "PROPN", 2, "nsubj"), ("wurde", "AUX", 5, "aux:pass"),
             ("von", "ADP", 4, "case"), ("Russland", "PROPN", 5, "obl"), ("angegriffen", "VERB", -1, "root"),
             (".", "PUNCT", 5, "punct")]
    tokens = [Token(i, 0, 0, w, upos=u, head=h, dep=d) for i, (w, u, h, d) in enumerate(words)]
    fix_arguments(tokens)
    assert tokens[1].head == 5 and tokens[1].dep in ("nsubj", "nsubj:pass")


def test_clause_rules_have_examples():
    from lagebild.syntax.clauses import RULES

    assert RULES and all(example.endswith(".") for example in RULES.values())


def with_morph(rows: list[tuple[str, str, int, str, str]]) -> list[Token]:
    """Tokens with a given (text, upos, head, dep, morph) analysis."""
    return [Token(i, 0, 0, text, upos=upos, head=head, dep=dep, morph=morph or None)
            for i, (text, upos, head, dep, morph) in enumerate(rows)]


FIN_SG = "Mood=Ind|Number=Sing|Person=3"
FIN_PL = "Mood=Ind|Number=Plur|Person=3"
CLAUSE_CASES = {
    # CL-NEEDS-SUBJ: "Am Anfang steht immer die Musik ." with "Musik" parsed as object
    "needs-subject": ([("Am", "ADP", 1, "case", ""), ("Anfang", "NOUN", 2, "obl", "Number=Sing"),
                       ("steht", "VERB", -1, "root", FIN_SG), ("immer", "ADV", 2, "advmod", ""),
                       ("die", "DET", 5, "det", ""), ("Musik", "NOUN", 2, "obj", "Number=Sing")],
                      {5: "nsubj"}),
    # an accusative determiner proves the object: unchanged
    "accusative-stays": ([("Den", "DET", 1, "det", ""), ("Vertrag", "NOUN", 2, "obj", "Number=Sing"),
                          ("unterschrieben", "VERB", -1, "root", FIN_PL)],
                         {1: "obj"}),
    # "Sie kam und unterschrieb die Erklärung": a coordinated verb shares its subject
    "shared-subject": ([("Sie", "PRON", 1, "nsubj", ""), ("kam", "VERB", -1, "root", FIN_SG),
                        ("und", "CCONJ", 3, "cc", ""), ("unterschrieb", "VERB", 1, "conj", FIN_SG),
                        ("die", "DET", 5, "det", ""), ("Erklärung", "NOUN", 3, "obj", "Number=Sing")],
                       {5: "obj"}),
    # CL-TWO-OBJ: "Die Pläne lobt die Ministerin ." both parsed as objects; only "Ministerin" agrees
    "agreeing-object": ([("Die", "DET", 1, "det", ""), ("Pläne", "NOUN", 2, "obj", "Number=Plur"),
                         ("lobt", "VERB", -1, "root", FIN_SG), ("die", "DET", 4, "det", ""),
                         ("Ministerin", "NOUN", 2, "obj", "Number=Sing")],
                        {1: "obj", 4: "nsubj"}),
    # CL-ONE-SUBJ: "Die Zahlen schoben die Börsen nach vorn ." with two subjects
    "one-subject": ([("Die", "DET", 1, "det", ""), ("Zahlen", "NOUN", 2, "nsubj", "Number=Plur"),
                     ("schoben", "VERB", -1, "root", FIN_PL), ("die", "DET", 4, "det", ""),
                     ("Börsen", "NOUN", 2, "nsubj", "Number=Plur"), ("vorn", "ADV", 2, "advmod", "")],
                    {1: "nsubj", 4: "obj"}),
    # a fronted "es" is no competing subject: "Es kommt eine Dimension hinzu" stays as parsed
    "fronted-es": ([("Es", "PRON", 1, "nsubj", ""), ("kommt", "VERB", -1, "root", FIN_SG),
                    ("eine", "DET", 3, "det", ""), ("Dimension", "NOUN", 1, "nsubj", "Number=Sing")],
                   {3: "nsubj"}),
    # CL-DATIVE: "Das Urteil gefällt dem Minister nicht ." with the dative parsed as object
    "dative": ([("Das", "DET", 1, "det", ""), ("Urteil", "NOUN", 2, "nsubj", "Number=Sing"),
                ("gefällt", "VERB", -1, "root", FIN_SG), ("dem", "DET", 4, "det", ""),
                ("Minister", "NOUN", 2, "obj", "Number=Sing")],
               {1: "nsubj", 4: "obl:arg"}),
    # "Er bestellte und nach acht Tagen ist keine Ware angekommen": a "sein" perfect has no object
    "sein-perfect": ([("Er", "PRON", 1, "nsubj", ""), ("bestellte", "VERB", -1, "root", FIN_SG),
                      ("und", "CCONJ", 6, "cc", ""), ("ist", "AUX", 6, "aux", FIN_SG),
                      ("keine", "DET", 5, "det", ""), ("Ware", "NOUN", 6, "obj", "Number=Sing"),
                      ("angekommen", "VERB", 1, "conj", "VerbForm=Part")],
                     {5: "nsubj"}),
    # CL-PASS-AUX + CL-ONE-SUBJ: "Die Minister hätten die Bedeutung bekräftigt ." with two passive subjects
    "active-subject": ([("Die", "DET", 1, "det", ""), ("Minister", "NOUN", 5, "nsubj:pass", "Number=Plur"),
                        ("hätten", "AUX", 5, "aux", "Mood=Sub|Number=Plur|Person=3"), ("die", "DET", 4, "det", ""),
                        ("Bedeutung", "NOUN", 5, "nsubj:pass", "Number=Sing"),
                        ("bekräftigt", "VERB", -1, "root", "VerbForm=Part")],
                       {1: "nsubj", 4: "obj"}),
    # CL-TIME-NP then CL-NEEDS-SUBJ: "Wenige Tage hat die Regierung den Bericht zurückgewiesen ."
    # with the time phrase parsed as subject and the subject as object
    "time-phrase": ([("Wenige", "DET", 1, "det", ""), ("Tage", "NOUN", 7, "nsubj", "Number=Plur"),
                     ("hat", "AUX", 7, "aux", FIN_SG), ("die", "DET", 4, "det", ""),
                     ("Regierung", "NOUN", 7, "obj", "Number=Sing"), ("den", "DET", 6, "det", ""),
                     ("Bericht", "NOUN", 7, "obj", "Number=Sing"), ("zurückgewiesen", "VERB", -1, "root", "VerbForm=Part")],
                    {1: "obl", 4: "nsubj", 6: "obj"}),
    # "Der Tag begann ruhig": a time noun without a time modifier stays the subject
    "time-noun-subject": ([("Der", "DET", 1, "det", ""), ("Tag", "NOUN", 2, "nsubj", "Number=Sing"),
                           ("begann", "VERB", -1, "root", FIN_SG), ("ruhig", "ADV", 2, "advmod", "")],
                          {1: "nsubj"}),
    # "Jetzt regt sich nichts": the reflexive "sich" is never made the subject
    "reflexive": ([("Jetzt", "ADV", 1, "advmod", ""), ("regt", "VERB", -1, "root", FIN_SG),
                   ("sich", "PRON", 1, "obj", "Reflex=Yes")],
                  {2: "obj"}),
}


@pytest.mark.parametrize("name", sorted(CLAUSE_CASES))
def test_clause_rules(name):
    rows, expected = CLAUSE_CASES[name]
    toks = with_morph(rows)
    for t in toks:  # what the lemmatizer and tagger give these forms
        t.lemma = {"ist": "sein", "Tage": "Tag", "Wenige": "wenig"}.get(t.text, t.lemma)
        t.tag = "VVPP" if (t.morph or "").startswith("VerbForm=Part") else t.tag
    fix_arguments(toks)
    assert {i: toks[i].dep for i in expected} == expected


def test_auxiliary_relation_makes_auxiliary_pos():
    # UP-AUX: "Das Haus soll verkauft werden ." with "werden" tagged VERB but parsed aux:pass
    toks = with_morph([("Das", "DET", 1, "det", ""), ("Haus", "NOUN", 3, "nsubj:pass", "Number=Sing"),
                       ("soll", "AUX", 3, "aux", FIN_SG), ("verkauft", "VERB", -1, "root", "VerbForm=Part"),
                       ("werden", "VERB", 3, "aux:pass", "VerbForm=Inf")])
    fix_arguments(toks)
    assert [t.upos for t in toks[2:]] == ["AUX", "VERB", "AUX"]


def test_main_verb_haben_is_verb_pos():
    # UP-VERB: "Die Stadt hat einen neuen Bürgermeister ." with "hat" tagged AUX but heading the clause
    toks = with_morph([("Die", "DET", 1, "det", ""), ("Stadt", "NOUN", 2, "nsubj", "Case=Nom|Number=Sing"),
                       ("hat", "AUX", -1, "root", FIN_SG), ("einen", "DET", 5, "det", "Case=Acc"),
                       ("neuen", "ADJ", 5, "amod", ""), ("Bürgermeister", "NOUN", 2, "obj", "Case=Acc|Number=Sing")])
    toks[2].lemma = "haben"
    fix_arguments(toks)
    assert toks[2].upos == "VERB" and toks[2].dep == "root"


def test_stts_adjective_makes_adjective_pos():
    # UP-ADJ: "Die Lage bleibt angespannt ." with "angespannt" ADJD but UPOS VERB
    toks = with_morph([("Die", "DET", 1, "det", ""), ("Lage", "NOUN", 2, "nsubj", "Number=Sing"),
                       ("bleibt", "VERB", -1, "root", FIN_SG), ("angespannt", "VERB", 2, "xcomp", "")])
    toks[3].tag = "ADJD"
    fix_arguments(toks)
    assert toks[3].upos == "ADJ"


def test_copula_clause_hangs_on_the_predicate():
    # CL-COPULA: "..., dass es eine Assistentin ist" parsed with "ist" as head and the noun as its obj
    toks = with_morph([("dass", "SCONJ", 4, "mark", ""), ("es", "PRON", 4, "nsubj", ""),
                       ("eine", "DET", 3, "det", ""), ("Assistentin", "NOUN", 4, "obj", "Number=Sing"),
                       ("ist", "AUX", -1, "root", FIN_SG)])
    toks[4].lemma = "sein"
    fix_arguments(toks)
    assert (toks[3].head, toks[3].dep) == (-1, "root")
    assert [(t.head, t.dep) for t in (toks[0], toks[1], toks[4])] == [(3, "mark"), (3, "nsubj"), (3, "cop")]


def test_prenominal_genitive_name_hangs_on_its_noun():
    # CL-GEN-NAME: "Russlands Präsident Putin kritisierte ..." parsed with the name as subject
    toks = with_morph([("Russlands", "PROPN", 3, "nsubj", ""), ("Präsident", "NOUN", 2, "compound", ""),
                       ("Putin", "PROPN", 0, "flat:name", ""), ("kritisierte", "VERB", -1, "root", FIN_SG)])
    fix_arguments(toks)
    assert [(t.head, t.dep) for t in toks[:3]] == [(1, "nmod:poss"), (3, "nsubj"), (1, "flat:name")]
    # "In Paris demonstrierten Tausende": no genitive
    toks = with_morph([("In", "ADP", 1, "case", ""), ("Paris", "PROPN", 3, "obl", ""),
                       ("Tausende", "NOUN", 3, "nsubj", ""), ("demonstrierten", "VERB", -1, "root", FIN_PL)])
    fix_arguments(toks)
    assert (toks[1].head, toks[1].dep) == (3, "obl")


def test_haben_is_never_a_copula():
    # CL-HABEN-AUX: "Die Weltbank hat Moldau einen Kredit gewährt ." with "hat" as copula of "Moldau"
    toks = with_morph([("Die", "DET", 1, "det", ""), ("Weltbank", "PROPN", 3, "nsubj", ""),
                       ("hat", "AUX", 3, "cop", FIN_SG), ("Moldau", "PROPN", 6, "obl", ""),
                       ("einen", "DET", 5, "det", ""), ("Kredit", "NOUN", 6, "obj", ""),
                       ("gewährt", "VERB", -1, "root", "VerbForm=Part")])
    toks[2].lemma = "haben"
    fix_arguments(toks)
    assert [(t.head, t.dep) for t in toks[1:4]] == [(6, "nsubj"), (6, "aux"), (6, "obl")]


def test_dateline_is_parsed_apart_and_is_no_subject():
    from lagebild.text.segment import dateline_length

    toks = analyse("Tokio - Die USA und Japan wollen enger zusammenarbeiten .")
    assert dateline_length(toks) == 2
    tokio = toks[0]
    assert tokio.dep == "dep" and toks[tokio.head].head == -1
    assert find(toks, "USA").dep == "nsubj"
    assert dateline_length(analyse("Biden - der Präsident - sagte nichts .")) == 0
