from lagebild.model import Document
from lagebild.text.segment import split_sentences, tokenize


def sentences(text):
    return [s.text for s in split_sentences(text, [(0, len(text))])]


def tokens(text):
    return [text[s:e] for s, e in tokenize(text)]


def test_ordinal_dates_do_not_end_sentences():
    assert sentences("Das Treffen fand am 13. Januar in Berlin statt. Danach reiste sie ab.") == [
        "Das Treffen fand am 13. Januar in Berlin statt.", "Danach reiste sie ab."]


def test_number_at_sentence_end_splits():
    assert sentences("Die Zahl der Toten stieg auf 12. Die Polizei ermittelt.") == [
        "Die Zahl der Toten stieg auf 12.", "Die Polizei ermittelt."]


def test_clock_time_ranges_are_one_token():
    assert sentences("Das Museum ist von 14.30-16.30 Uhr offen. Danach schließt es.") == [
        "Das Museum ist von 14.30-16.30 Uhr offen.", "Danach schließt es."]
    assert tokens("9.30–12.00 Uhr") == ["9.30–12.00", "Uhr"]


def test_abbreviations_and_initials_keep_the_sentence():
    text = "Dr. Erika Muster, Prof. an der Uni, sprach mit J. G. Beispiel u.a. über Zölle. Er stimmte zu."
    assert sentences(text) == [text[:text.index(" Er ")], "Er stimmte zu."]


def test_quote_followed_by_speech_tag_is_one_sentence():
    text = "„Wir sind bereit“, sagte die Ministerin. „Und wir handeln.“ Dann ging sie."
    assert sentences(text) == ["„Wir sind bereit“, sagte die Ministerin.", "„Und wir handeln.“", "Dann ging sie."]


def test_question_inside_quote_with_tag():
    assert sentences("„Wer zahlt das?“, fragte der Abgeordnete.") == ["„Wer zahlt das?“, fragte der Abgeordnete."]


def test_headline_lines_are_their_own_sentences():
    text = "Gipfel in Rom\nDie Staatschefs trafen sich am Montag. Sie berieten lange."
    assert sentences(text) == ["Gipfel in Rom", "Die Staatschefs trafen sich am Montag.", "Sie berieten lange."]


def test_hard_wrapped_lines_are_joined():
    text = ("Die Regierung in Berlin hat nach langen Verhandlungen mit den Partnern\n"
            "einen neuen Haushalt beschlossen. Das Parlament stimmt im Mai ab.")
    assert len(sentences(text)) == 2


def test_paragraph_numbers():
    text = "Erster Absatz. Noch ein Satz.\n\nZweiter Absatz."
    assert [s.paragraph for s in split_sentences(text, [(0, len(text))])] == [0, 0, 1]


def test_tokens_keep_compounds_hyphens_and_numbers():
    assert tokens("US-Außenminister Blinken, 2+2-Treffen, 1.800 Meilen, 13.01.2023.") == [
        "US-Außenminister", "Blinken", ",", "2+2-Treffen", ",", "1.800", "Meilen", ",", "13.01.2023", "."]


def test_truncated_compounds():
    assert tokens("Staats- und Regierungschefs, Verteidigungshaltung und -strategie") == [
        "Staats-", "und", "Regierungschefs", ",", "Verteidigungshaltung", "und", "-strategie"]


def test_token_offsets_index_the_document_text():
    text = "  Vorspann.\n\n„Zitat“, sagte er.  "
    for sent in split_sentences(text, [(0, len(text))]):
        assert text[sent.start:sent.end] == sent.text
        for tok in sent.tokens:
            assert text[tok.start:tok.end] == tok.text


def test_body_regions_are_respected():
    text = "Sie kamen in Japan an. Foto: A. Muster/dpa\nDer Besuch dauert zwei Tage."
    doc = Document("d", text, body=[(0, 22), (43, len(text))])
    assert [s.text for s in split_sentences(doc.text, doc.body)] == ["Sie kamen in Japan an.", "Der Besuch dauert zwei Tage."]


def test_ordinal_before_a_noun_but_not_before_a_sentence_start():
    assert sentences("Die EU beschloss das 14. Sanktionspaket. Im Jahr 2022. Seither gilt es.") == [
        "Die EU beschloss das 14. Sanktionspaket.", "Im Jahr 2022.", "Seither gilt es."]
