"""Quote finding on sentences written for these tests (no data from ../shared)."""
from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.lang import LanguageDataError
from lagebild.model import ActorMention, Analysis, Document, TimeExpression
from lagebild.pipeline import Pipeline
from lagebild.quotes import QuoteFinder, default_lexicon, load_lexicon
from lagebild.text.segment import Segmenter


def analyse(text: str, actors: list[tuple[str, str, str]] = (), times: list[tuple[str, str]] = ()) -> Analysis:
    a = Analysis(document=Document(id="t", text=text))
    Segmenter()(a)
    for k, (words, name, kind) in enumerate(actors):
        start = text.index(words)
        a.actors.append(ActorMention(id=f"a{k}", text=words, start=start, end=start + len(words), sentence=0,
                                     name=name, kind=kind, country="USA"))
    for k, (words, value) in enumerate(times):
        start = text.index(words)
        a.times.append(TimeExpression(id=f"t{k}", text=words, start=start, end=start + len(words), sentence=0,
                                      type="DATE", value=value))
    QuoteFinder()(a)
    return a


def content(a: Analysis, q) -> list[str]:
    return [a.document.text[s:e] for s, e in q.content]


def only(a: Analysis, form: str | None = None):
    quotes = [q for q in a.quotes if form is None or q.form == form]
    assert len(quotes) == 1, [(q.form, q.rule, content(a, q)) for q in a.quotes]
    return quotes[0]


@pytest.mark.parametrize("opening, closing", [("„", "“"), ("»", "«"), ("«", "»"), ("‚", "‘"), ("›", "‹"),
                                              ('"', '"'), ("“", "”"), ("„", "”")])
def test_every_quote_style_with_speech_tag(opening, closing):
    a = analyse(f"{opening}Wir werden die Steuern nicht erhöhen{closing}, sagte die Finanzministerin am Montag.")
    q = only(a)
    assert q.form == "Direct" and q.rule == "direct_tag_after"
    assert content(a, q) == ["Wir werden die Steuern nicht erhöhen"]
    assert q.speaker.text == "die Finanzministerin" and q.cue.text == "sagte"


def test_interrupted_quote_is_one_quote_with_two_content_spans():
    a = analyse("„Die Lage ist ernst“, sagte der Bürgermeister, „aber wir haben sie im Griff.“")
    q = only(a)
    assert content(a, q) == ["Die Lage ist ernst", "aber wir haben sie im Griff."]
    assert q.speaker.text == "der Bürgermeister"


def test_quote_over_several_sentences_and_paragraphs():
    text = ("Die Ministerin sagte: „Wir bauen neue Schulen. Wir stellen mehr Lehrer ein.\n\n"
            "„Und wir senken die Gebühren für Kindergärten.“\n\nDanach ging sie.")
    a = analyse(text)
    q = only(a, "Direct")
    assert content(a, q)[0].startswith("Wir bauen") and content(a, q)[0].endswith("Kindergärten.")
    assert len(q.sentences) == 3 and q.speaker.text == "Die Ministerin"


def test_speaker_named_in_previous_sentence_with_colon_and_continuation():
    a = analyse("Der Polizeisprecher erklärte am Abend:\n\n„Es gab zwei Verletzte.“ "
                "„Die Straße bleibt bis morgen gesperrt.“")
    first, second = [q for q in a.quotes if q.form == "Direct"]
    assert first.speaker.text == "Der Polizeisprecher" and first.rule == "direct_prev_colon"
    assert second.speaker is first.speaker and second.rule == "direct_continued"


def test_speaker_named_in_next_sentence():
    a = analyse("„Wir haben Fehler gemacht.“ Das räumte der Vorstandschef am Dienstag ein.")
    q = only(a, "Direct")
    assert q.rule == "direct_next" and q.speaker.text == "der Vorstandschef"
    assert q.cue.text == "räumte ein"


def test_laut_zufolge_nach_angaben():
    a = analyse("Laut Feuerwehr brach das Feuer am Abend aus. Dem Bericht zufolge fehlen drei Millionen Euro. "
                "Nach Angaben der Polizei wurden zwei Männer festgenommen.")
    rules = {q.rule: q for q in a.quotes}
    assert rules["laut"].speaker.text == "Feuerwehr" and rules["laut"].cue.text == "Laut"
    assert content(a, rules["laut"]) == ["brach das Feuer am Abend aus"]
    assert rules["zufolge"].speaker.text == "Dem Bericht" and content(a, rules["zufolge"]) == ["fehlen drei Millionen Euro"]
    assert rules["nach_angaben"].speaker.text == "Angaben der Polizei"
    assert all(q.form == "Indirect" for q in a.quotes)


def test_wie_mitteilte_clause():
    a = analyse("Der Fahrer wurde, wie ein Sprecher der Polizei mitteilte, noch am Unfallort festgenommen.")
    q = only(a)
    assert q.rule == "wie_mitteilte" and q.speaker.text == "ein Sprecher der Polizei"
    assert content(a, q) == ["Der Fahrer wurde", "noch am Unfallort festgenommen"]


def test_hiess_es_in_a_joint_statement_speaks_for_its_authors():
    a = analyse("Die Außenminister hätten ihre Zusammenarbeit bekräftigt, hieß es in einer gemeinsamen Erklärung. "
                "Die Gespräche seien offen gewesen, hieß es weiter.")
    first, second = a.quotes
    assert first.rule == second.rule == "hiess_es" and first.cue.text == "hieß es"
    assert first.speaker.text == "einer gemeinsamen Erklärung" and first.speaker.name == "Die Außenminister"
    assert second.speaker is first.speaker


def test_konjunktiv_indirect_speech_with_inverted_tag_and_free_indirect_continuation():
    a = analyse("Die Reform sei dringend nötig, betonte die Gewerkschaftschefin. "
                "Andernfalls drohe ein Streik im Herbst. Am Abend regnete es.")
    tag, free = a.quotes
    assert tag.form == "Indirect" and tag.rule == "indirect_tag" and tag.speaker.text == "die Gewerkschaftschefin"
    assert content(a, tag) == ["Die Reform sei dringend nötig"]
    assert free.form == "FreeIndirect" and free.speaker is tag.speaker
    assert content(a, free) == ["Andernfalls drohe ein Streik im Herbst."]


def test_dass_clause_with_separable_verb_and_addressee():
    a = analyse("Die Botschaft teilte dem Sender mit, dass keine Bürger verletzt worden seien.")
    q = only(a)
    assert q.rule == "indirect_complement" and q.cue.text == "teilte mit"
    assert q.speaker.text == "Die Botschaft" and q.addressee.text == "dem Sender"
    assert content(a, q) == ["dass keine Bürger verletzt worden seien"]


def test_pronoun_speaker_resolves_to_last_named_person():
    text = ("Der Senator Tom Miller besuchte die Fabrik. „Hier entstehen neue Stellen“, sagte er.")
    a = analyse(text, actors=[("Tom Miller", "Tom Miller", "person")])
    q = only(a, "Direct")
    assert q.speaker.text == "er" and q.speaker.antecedent == "a0" and q.speaker.name == "Tom Miller"


def test_pronoun_without_actor_stage_resolves_to_earlier_speaker():
    a = analyse("„Wir sind bereit“, sagte die Kanzlerin. Später sagte sie, dass die Lage ernst sei.")
    direct, indirect = a.quotes
    assert indirect.speaker.text == "sie" and indirect.speaker.antecedent == direct.speaker.id


def test_speaker_links_to_actor_mention_and_date_from_times():
    text = "„Japan ist ein treuer Verbündeter“, sagte Kirby während einer Pressekonferenz am 12. Januar."
    a = analyse(text, actors=[("Kirby", "John Kirby", "person")], times=[("12. Januar", "XXXX-01-12")])
    q = only(a)
    assert q.speaker.id == "a0" and q.speaker.name == "John Kirby"
    assert q.date == "XXXX-01-12" and q.date_text == "12. Januar"


def test_nested_direct_quote_inside_indirect_speech():
    a = analyse("Der Minister sagte, die Pläne seien „völlig verfehlt“ und müssten überarbeitet werden.")
    indirect = only(a, "Indirect")
    nested = only(a, "Direct")
    assert nested.rule == "nested" and nested.speaker is indirect.speaker
    assert content(a, nested) == ["völlig verfehlt"]


def test_scare_quotes_and_titles_are_not_quotes():
    a = analyse("Die Raumfähre „Kliper“ wird nicht gebaut. Der Film „Das Boot“ lief im Kino.")
    assert a.quotes == []


def test_criticism_of_an_actor_becomes_an_event():
    text = "Die Ministerin kritisierte, dass China die Exporte beschränke."
    a = analyse(text, actors=[("Die Ministerin", "Ministerin", "person"), ("China", "China", "state")])
    q = only(a)
    assert [e.type for e in a.events] == ["ACCUSE"]
    event = a.events[0]
    assert event.source[0] is q.speaker and event.target[0].name == "China" and event.trigger == q.cue


def test_stage_is_registered_and_runs_in_a_pipeline():
    a = Pipeline(["segment", "quotes"])(Document(id="p", text="„Ja“, sagte er."))
    assert a.stages == ["segment", "quotes"] and a.quotes[0].speaker.text == "er"
    assert [q.id for q in a.quotes] == ["q1"]


def test_lexicon_size_and_forms():
    lex = default_lexicon()
    assert lex.n_verbs + lex.n_nouns >= 150
    assert any(c.lemma == "mitteilen" and c.particle == "mit" for c in lex.cues("teilte"))
    assert any(c.lemma == "hinweisen" for c in lex.cues("hingewiesen"))
    assert lex.cues("kritisierte")[0].act == "criticise"


@pytest.mark.parametrize("entry, message", [
    ("  - {lemma: sagen, stwr: talking}", "stwr must be one of"),
    ("  - {lemma: Sagen}", "lower-case infinitive"),
    ("  - {lemma: mitteilen, particle: an}", "is not the lemma's prefix"),
    ("  - {lemma: rufen, act: shout}", "is not listed under acts"),
])
def test_lexicon_validation_names_file_line_and_entry(tmp_path: Path, entry: str, message: str):
    source = (Path(__file__).resolve().parents[1] / "lagebild" / "lang" / "de" / "speech.yaml").read_text("utf-8")
    lines = source.splitlines()
    at = lines.index("verbs:") + 1
    broken = "\n".join(lines[:at] + [entry] + lines[at:])
    path = tmp_path / "speech.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(LanguageDataError) as err:
        load_lexicon(path)
    assert f"{path}:{at + 1}:" in str(err.value) and message in str(err.value)


def parsed(text: str, rows: list[str]) -> Analysis:
    """An analysis of one sentence with a hand-written parse: one "dep head upos [Case]" row per token
    (head: sentence-local index, -1 for the root), as the syntax stage would fill it."""
    a = Analysis(document=Document(id="t", text=text))
    Segmenter()(a)
    tokens = a.sentences[0].tokens
    assert len(tokens) == len(rows), [t.text for t in tokens]
    for t, row in zip(tokens, rows):
        dep, head, upos, *case = row.split()
        t.dep, t.head, t.upos, t.morph = dep, int(head), upos, f"Case={case[0]}" if case else None
    QuoteFinder()(a)
    return a


def speaker_words(a: Analysis, q) -> str:
    return a.document.text[q.speaker_span[0]:q.speaker_span[1]]


def test_fronted_dative_object_is_not_the_speaker_lexically():
    q = only(analyse("Dem Blatt sagte der Minister: „Wir bleiben hart.“"))
    assert q.speaker.text == "der Minister"


def test_fronted_object_before_a_colon_without_speech_verb():
    q = only(analyse("Den Unmut der Partei brachte die Sprecherin zum Ausdruck: „Es gibt keinen Grund zur Eile.“"))
    assert q.speaker.text == "die Sprecherin"


def test_parsed_subject_prefers_the_nominative_one():
    # the parser marks both the fronted dative and the real subject nsubj
    a = parsed("Der Zeitung sagte die Ministerin: „Wir bleiben hart.“",
               ["det 1 DET Dat", "nsubj 2 NOUN Dat", "root -1 VERB", "det 4 DET Nom", "nsubj 2 NOUN Nom",
                "punct 8 PUNCT", "punct 8 PUNCT", "nsubj 8 PRON Nom", "ccomp 2 VERB", "xcomp 8 ADJ",
                "punct 8 PUNCT", "punct 8 PUNCT"])
    q = only(a)
    assert q.rule == "direct_tag_before" and speaker_words(a, q) == "die Ministerin"


def test_parsed_subject_keeps_apposition_and_drops_relative_clause():
    a = parsed("Karl Platt, der Minister des Landes, der den Vorsitz hat, sagte: „Wir hatten gute Gespräche.“",
               ["nsubj 13 PROPN Nom", "flat 0 PROPN", "punct 4 PUNCT", "det 4 DET Nom", "appos 0 NOUN Nom",
                "det 6 DET Gen", "nmod 4 NOUN Gen", "punct 4 PUNCT", "nsubj 11 PRON Nom", "det 10 DET Acc",
                "obj 11 NOUN Acc", "acl:relcl 0 VERB", "punct 11 PUNCT", "root -1 VERB", "punct 17 PUNCT",
                "punct 17 PUNCT", "nsubj 17 PRON Nom", "ccomp 13 VERB", "amod 19 ADJ", "obj 17 NOUN Acc",
                "punct 17 PUNCT", "punct 17 PUNCT"])
    q = only(a)
    assert speaker_words(a, q) == "Karl Platt, der Minister des Landes"


def test_quote_without_speech_verb_gets_the_subject_of_its_governing_verb():
    a = parsed("Die Organisation feierte die Absage als „großen Erfolg für das ganze Land“.",
               ["det 1 DET Nom", "nsubj 2 NOUN Nom", "root -1 VERB", "det 4 DET Acc", "obj 2 NOUN Acc",
                "case 8 ADP", "punct 8 PUNCT", "amod 8 ADJ", "obl 2 NOUN Acc", "case 12 ADP", "det 12 DET",
                "amod 12 ADJ", "nmod 8 NOUN", "punct 8 PUNCT", "punct 2 PUNCT"])
    q = only(a)
    assert q.rule == "direct_governor" and speaker_words(a, q) == "Die Organisation"


def test_without_parse_a_quote_without_speech_verb_stays_unattributed():
    q = only(analyse("Die Organisation feierte die Absage als „großen Erfolg für das ganze Land“."))
    assert q.rule == "direct_unattributed" and q.speaker is None


def test_apposition_commas_after_the_verb_keep_the_quote_in_the_cue_clause():
    q = only(analyse("Gegenüber der Zeitung sagte Karl Platt, der Chef der Firma: „Wir wurden alarmiert.“"))
    assert q.rule == "direct_tag_before" and q.speaker.text == "Karl Platt, der Chef der Firma"


def test_relative_pronoun_subject_gives_way_to_the_noun_it_stands_for():
    a = parsed("Im Blatt erschien ein Kommentar, der die Wahl als „Verirrung von sechs müden Juroren“ bezeichnet.",
               ["case 1 ADP", "obl 2 NOUN Dat", "root -1 VERB", "det 4 DET Nom", "nsubj 2 NOUN Nom",
                "punct 17 PUNCT", "nsubj 17 PRON Nom", "det 8 DET Acc", "obj 17 NOUN Acc", "case 11 ADP",
                "punct 11 PUNCT", "obl 17 NOUN Acc", "case 15 ADP", "nummod 15 NUM", "amod 15 ADJ",
                "nmod 11 NOUN Dat", "punct 11 PUNCT", "acl:relcl 4 VERB", "punct 2 PUNCT"])
    q = only(a)
    assert q.rule == "direct_governor" and speaker_words(a, q) == "ein Kommentar"


def test_quoted_phrase_in_reported_speech_belongs_to_the_reporter():
    from lagebild.pipeline import Pipeline

    try:
        pipeline = Pipeline(["segment", "syntax", "actors", "quotes"])
    except FileNotFoundError:
        pytest.skip("syntax model absent")
    text = ("Bei dem Treffen kündigte Ministerin Erika Muster an, dass beide Länder einer "
            "„historischen Entscheidung“ zugestimmt hätten.")
    a = pipeline(Document("d", text))
    inner = [q for q in a.quotes if text[q.content[0][0]:q.content[0][1]] == "historischen Entscheidung"]
    assert inner and inner[0].speaker is not None and "Muster" in (inner[0].speaker.name or inner[0].speaker.text)
