"""lagebild.time: recognition, TIMEX3 normalisation, tense direction, event dating.

The sentences are our own. The document date for most cases is Friday, 2023-01-20
(ISO week 3).
"""
import pytest

from lagebild.lang import LanguageDataError
from lagebild.lang import data_path
from lagebild.model import Analysis, Document
from lagebild.pipeline import Pipeline
from lagebild.text.segment import Segmenter
from lagebild.time import TimeTagger, event_date, parse_lexicon
from lagebild.time.rules import RuleSet
from lagebild.time.lexicon import default_lexicon

DCT = "2023-01-20"
_TAGGER = TimeTagger()


def analyse(text, dct=DCT):
    analysis = Analysis(Document(id="t", text=text, date=dct))
    Segmenter()(analysis)
    _TAGGER(analysis)
    return analysis


def times(text, dct=DCT):
    return [(t.text, t.value) for t in analyse(text, dct).times]


def dates(text, dct=DCT):
    """Like times(), without the durations measured inside "vor drei Tagen"-style dates."""
    return [(t.text, t.value) for t in analyse(text, dct).times if t.role != "duration"]


def find(text, phrase, dct=DCT):
    hits = [t for t in analyse(text, dct).times if t.text == phrase]
    assert hits, f"{phrase!r} not found in {times(text, dct)}"
    return hits[0]


# rule id -> (sentence, expression text, TIMEX3 value); every rule has at least one.
EXAMPLES = {
    "date_numeric": [("Der Vertrag wurde am 13.01.2023 unterzeichnet.", "13.01.2023", "2023-01-13")],
    "date_day_month": [("Am 13. Januar trafen sich die Minister.", "13. Januar", "2023-01-13"),
                       ("Die Wahl ist am Sonntag, 5. März 2023.", "Sonntag, 5. März 2023", "2023-03-05"),
                       ("Er wurde am 3. Jänner 2022 gewählt.", "3. Jänner 2022", "2022-01-03")],
    "month_year": [("Im November 2022 begann der Streit.", "November 2022", "2022-11")],
    "month": [("Im März soll das Gesetz in Kraft treten.", "März", "2023-03"),
              ("Außer im Juli und August wird gearbeitet.", "August", "2023-08"),
              ("Im Dezember hatte die Regierung gewarnt.", "Dezember", "2022-12")],
    "year": [("Das Abkommen stammt aus dem Jahr 1995.", "dem Jahr 1995", "1995")],
    "early_year": [("Das Kloster wurde im Jahr 612 gegründet.", "Jahr 612", "0612"),
                   ("Die Stadt entstand im Jahr 480 v. Chr. am Fluss.", "Jahr 480 v. Chr.", "BC0480")],
    "decade": [("In den neunziger Jahren war das anders.", "den neunziger Jahren", "199")],
    "century": [("Das Gebäude stammt aus dem 19. Jahrhundert.", "dem 19. Jahrhundert", "18")],
    "season": [("Im Frühjahr wird gewählt.", "Frühjahr", "2023-SP")],
    "quarter": [("Im dritten Quartal 2022 sank der Umsatz.", "dritten Quartal 2022", "2022-Q3")],
    "holiday": [("Zu Ostern 2024 soll die Brücke fertig sein.", "Ostern 2024", "2024-03-31")],
    "historical_anchor": [("Seit dem Zweiten Weltkrieg gab es keinen solchen Konflikt.", "dem Zweiten Weltkrieg", "1945")],
    "relative_day": [("Gestern sagte der Minister, er sei zufrieden.", "Gestern", "2023-01-19"),
                     ("Heute Abend wird abgestimmt.", "Heute Abend", "2023-01-20TEV"),
                     ("Die Ministerin ist in Paris. Morgen reist sie weiter.", "Morgen", "2023-01-21")],
    "weekday": [("Am Donnerstag hat die Regierung das Gesetz beschlossen.", "Donnerstag", "2023-01-19"),
                ("Am Donnerstag wird die Regierung entscheiden.", "Donnerstag", "2023-01-26"),
                ("Am Montagabend trafen sich die Außenminister.", "Montagabend", "2023-01-16TEV"),
                ("Am kommenden Dienstag reist sie nach Tokio.", "kommenden Dienstag", "2023-01-24"),
                ("Letzten Freitag kam es zu Protesten.", "Letzten Freitag", "2023-01-13")],
    "weekday_set": [("Der Markt findet jeden Montag statt.", "jeden Montag", "XXXX-WXX-1")],
    "day_part": [("Am 13. Januar kam es am Abend zu Protesten.", "Abend", "2023-01-13TEV"),
                 ("In den frühen Morgenstunden wurde er festgenommen.", "frühen Morgenstunden", "2023-01-XXTMO")],
    "day_part_set": [("Die Soldaten patrouillieren nachts.", "nachts", "XXXX-XX-XXTNI")],
    "relative_unit": [("Vergangene Woche reiste sie nach Paris.", "Vergangene Woche", "2023-W02"),
                      ("Nächstes Jahr wird gewählt.", "Nächstes Jahr", "2024")],
    "fuzzy_unit": [("Ende des Jahres soll die Entscheidung fallen.", "Ende des Jahres", "2023")],
    "relative_noun": [("Der Umsatz stieg gegenüber dem Vorjahr.", "dem Vorjahr", "2022")],
    "anaphoric_day": [("Am 10. Januar wurde gewählt. Am Vortag hatte es Proteste gegeben.", "Vortag", "2023-01-09"),
                      ("Am 10. Januar wurde gewählt, am Tag darauf gezählt.", "Tag darauf", "2023-01-11")],
    "anaphoric_offset": [("Am 10. Januar wurde gewählt. Einen Tag zuvor hatte es Proteste gegeben.",
                          "Einen Tag zuvor", "2023-01-09")],
    "ago": [("Vor drei Tagen hatte die Polizei den Platz geräumt.", "Vor drei Tagen", "2023-01-17")],
    "duration": [("Die Verhandlungen dauerten drei Wochen.", "drei Wochen", "P3W"),
                 ("Er saß zwei Jahre und neun Monate in Haft.", "zwei Jahre und neun Monate", "P2Y9M")],
    "plural_duration": [("Seit Jahren streiten die Parteien.", "Jahren", "PXY")],
    "unit_adverb": [("Die Gespräche zogen sich wochenlang hin.", "wochenlang", "PXW")],
    "frequency": [("Die Zahlen werden täglich veröffentlicht.", "täglich", "P1D")],
    "every_unit": [("Das Treffen findet jedes Jahr statt.", "jedes Jahr", "P1Y")],
    "per_unit": [("Der Ausschuss tagt zweimal im Jahr.", "zweimal im Jahr", "P1Y"),
                 ("Das Abo kostet 300 Euro im Monat.", "im Monat", "P1M")],
    "clock_time": [("Am 13. Januar um 20.30 Uhr begann die Sitzung.", "20.30 Uhr", "2023-01-13T20:30")],
    "clock_half": [("Am 13. Januar kam er um halb zehn.", "halb zehn", "2023-01-13T09:30"),
                   ("Sie beginnt um Viertel nach acht Uhr.", "Viertel nach acht Uhr", "2023-01-20T08:15")],
    "clock_um": [("Die Sitzung beginnt um 9.30 und endet spät.", "9.30", "2023-01-20T09:30")],
    "weekend": [("Am Wochenende demonstrierten Tausende.", "Wochenende", "2023-W02-WE"),
                ("Die Ergebnisse vom Wochenende liegen vor.", "Wochenende", "2023-W02-WE")],
    "reference": [("Damals war alles anders.", "Damals", "PAST_REF")],
}


@pytest.mark.parametrize("rule,sentence,phrase,value",
                         [(r, *ex) for r, exs in EXAMPLES.items() for ex in exs])
def test_rule_examples(rule, sentence, phrase, value):
    t = find(sentence, phrase)
    assert (t.rule, t.value) == (rule, value)


def test_every_rule_has_an_example():
    assert {r.id for r in RuleSet(default_lexicon()).rules} == set(EXAMPLES)


def test_records_are_traceable_and_typed():
    text = "Titel\n\nAm 13. Januar 2023 trafen sich die Minister. Die Gespräche dauerten drei Stunden."
    a = analyse(text)
    assert [t.id for t in a.times] == ["t1", "t2"]
    for t in a.times:
        assert text[t.start:t.end] == t.text
    assert [(t.type, t.role) for t in a.times] == [("DATE", "date"), ("DURATION", "duration")]
    assert a.times[1].value == "PT3H"


def test_pipeline_stage():
    a = Pipeline(["segment", "time"])(Document(id="p", text="Gestern reiste sie ab.", date=DCT))
    assert a.stages == ["segment", "time"] and a.times[0].value == "2023-01-19"


def test_partial_document_date_stays_partial():
    assert times("Gestern sagte sie, am 13. Januar sei alles geklärt worden.", "2024-07") == [
        ("Gestern", "2024-07-XX"), ("13. Januar", "2024-01-13")]
    assert times("Vergangene Woche trat er zurück.", "2024") == [("Vergangene Woche", "2024-WXX")]


def test_no_document_date_keeps_the_year_unknown():
    assert times("Am 13. Januar traf sie Biden. Gestern reiste sie ab. Im Mai 2022 war sie schon dort.",
                 None) == [("13. Januar", "XXXX-01-13"), ("Gestern", "XXXX-XX-XX"), ("Mai 2022", "2022-05")]


def test_year_of_a_date_follows_tense_and_nearness():
    # published 2023-01-20: a December in the past is last year's, a March in the future this year's
    assert find("Am 28. Dezember hatte er gewarnt.", "28. Dezember").value == "2022-12-28"
    assert find("Am 3. März wird gewählt.", "3. März").value == "2023-03-03"
    assert find("Am 3. April begann der Umbau.", "3. April", dct="2023-11-21").value == "2023-04-03"
    # near the date, a wrong tense guess does not flip the year
    assert find("Am 22. Januar kam es zum Eklat.", "22. Januar").value == "2023-01-22"


def test_tense_sets_weekday_direction():
    assert find("Am Dienstag hatte die Ministerin gewarnt.", "Dienstag").value == "2023-01-17"
    assert find("Am Dienstag will die Ministerin reisen.", "Dienstag").value == "2023-01-24"
    # a strong-verb preterite is past; present tense without cues takes the nearest day
    assert find("Am Sonntag sprach die Ministerin in Linz.", "Sonntag").value == "2023-01-15"
    assert find("Am Sonntag ist die Wahl.", "Sonntag").value == "2023-01-22"
    assert find("Am Mittwoch sind Wahlen.", "Mittwoch").value == "2023-01-18"


def test_day_lists_and_clock_ranges():
    assert times("Die Vorstellungen sind am 3., 4. und 7. Oktober 2023.") == [
        ("3.", "2023-10-03"), ("4.", "2023-10-04"), ("7. Oktober 2023", "2023-10-07")]
    assert times("Geprüft wird am 2. sowie am 9., 16., und 23. März.") == [
        ("2.", "2023-03-02"), ("9.", "2023-03-09"), ("16.", "2023-03-16"), ("23. März", "2023-03-23")]
    assert times("Am 13. Januar ist von 10-18 Uhr geöffnet.") == [
        ("13. Januar", "2023-01-13"), ("10", "2023-01-13T10:00"), ("18 Uhr", "2023-01-13T18:00")]


def test_time_lists_and_plural_durations():
    assert times("Die Sendung läuft um 12.00 und 18.15 Uhr.") == [
        ("12.00", "2023-01-20T12:00"), ("18.15 Uhr", "2023-01-20T18:15")]
    assert times("Vor Jahren und nach ein paar Wochen.") == [("Jahren", "PXY"), ("ein paar Wochen", "PXW")]


def test_a_sentence_split_inside_a_token_does_not_cut_an_expression():
    text = "Offen von 9.30-11.45 Uhr."
    cut = text.index("45 Uhr")          # a segmenter slip after "11."
    tagged = _TAGGER.recognizer.tag(text, [(0, cut), (cut, len(text))], DCT)
    assert [text[h.start:h.end] for _, h in tagged] == ["9.30", "11.45 Uhr"]


def test_anaphora_without_document_date():
    text = "Am 12. Januar. Einen Tag zuvor trafen sie sich. Am Donnerstag sprachen sie. Einen Tag zuvor auch."
    assert dates(text, None) == [("12. Januar", "XXXX-01-12"), ("Einen Tag zuvor", "XXXX-01-11"),
                                 ("Donnerstag", "XXXX-XX-XX"), ("Einen Tag zuvor", "XXXX-XX-XX")]


def test_ago_is_a_date_with_its_duration():
    # TimeML: the duration "drei Jahren" is marked, the date it implies dates the event
    a = analyse("Vor gut drei Jahren hatte die Regierung gewarnt. Zwei Jahre zuvor war sie gewählt worden.")
    assert [(t.text, t.type, t.value, t.role) for t in a.times] == [
        ("Vor gut drei Jahren", "DATE", "2020", "date"), ("gut drei Jahren", "DURATION", "P3Y", "duration"),
        ("Zwei Jahre zuvor", "DATE", "2018", "date"), ("Zwei Jahre zuvor", "DURATION", "P2Y", "duration")]
    assert event_date(a, 0)[:2] == ("2020", "Vor gut drei Jahren")
    assert event_date(a, 1)[:2] == ("2018", "Zwei Jahre zuvor")


def test_the_year_of_something_is_no_rate():
    assert dates("Im Jahr darauf wurde er gewählt.") == []
    assert [v for _, v in times("Am Tag der Wahl gab es 300 Verletzte.")] == []
    assert [v for _, v in times("Im Jahr nach dem Krieg zogen 5000 Familien weg.")] == []


def test_years_and_quantities():
    assert times("Die Firma zahlte 2000 Euro, im Jahr 2019 waren es rund 1500.") == [("Jahr 2019", "2019")]
    assert times("Der 30 Jahre alte Mann wurde festgenommen.") == []
    assert times("Gezählt wurden 3100 im Jahr 2019 und 2400 im vergangenen Jahr.") == [
        ("Jahr 2019", "2019"), ("vergangenen Jahr", "2022")]
    assert times("Die Reise kostet 1350 bis 1750 Mark.") == []


def test_fuzzy_modifiers():
    t = find("Anfang Mai traf sie den Präsidenten.", "Anfang Mai")
    assert (t.value, t.mod) == ("2022-05", "START")
    assert find("Mitte 2024 soll gebaut werden.", "Mitte 2024").mod == "MID"


def test_heute_as_day_or_nowadays():
    assert find("Heute ab 15 Uhr ist das Rathaus geöffnet.", "Heute").value == "2023-01-20"
    assert find("Bis heute ist unklar, wer schoss.", "heute").value == "PRESENT_REF"
    assert find("Der Markt ist heute und morgen offen.", "heute").value == "2023-01-20"
    assert find("Wie man heute weiß, wurde sie getäuscht.", "heute").value == "PRESENT_REF"


def test_vague_references_need_an_adverbial_use():
    assert times("In Zukunft will die Stadt sparen.") == [("Zukunft", "FUTURE_REF")]
    assert times("Die Zukunft der Partei ist offen.") == []
    assert times("Zur Zeit der Monarchie floh er.") == []
    assert times("Zur Zeit wird verhandelt.") == [("Zur Zeit", "PRESENT_REF")]
    assert times("Früher oder später kommt die Reform.") == []


def test_compound_nouns_are_no_times():
    assert times("Sie spielt in der Sommer-Liga. Der Kino-Montag ist beliebt.") == []


def test_seit_marks_a_reference_not_an_event_date():
    t = find("Seit 2015 regiert die Partei.", "2015")
    assert t.role == "reference"


def test_narrative_text_continues_from_its_own_years():
    text = ("Der Krieg begann im September 1939. Am 17. September 1939 marschierte die Armee ein. "
            "Im Juni 1940 fiel Paris. Am 22. Juni wurde der Waffenstillstand unterzeichnet. "
            "Im Jahr 1941 griff Deutschland an. Am 7. Dezember 1941 folgte Pearl Harbor.")
    assert find(text, "22. Juni", dct="2011-02-16").value == "1940-06-22"


def test_event_date_sources():
    text = ("Am 13. Januar trafen sich die Minister in Tokio. Sie unterzeichneten ein Abkommen.\n\n"
            "Die Verhandlungen hatten drei Wochen gedauert.")
    a = analyse(text)
    assert event_date(a, 0) == ("2023-01-13", "13. Januar", "clause")
    assert event_date(a, 1) == ("2023-01-13", "13. Januar", "paragraph")
    # a duration never dates an event: the next paragraph falls back to the document date
    assert event_date(a, 2) == (DCT, None, "document")
    undated = analyse("Sie unterzeichneten ein Abkommen.", None)
    assert event_date(undated, 0) == (None, None, "none")


def test_event_date_respects_the_clause_span():
    text = "Nachdem sie am 10. Januar gewarnt hatte, reiste sie ab."
    a = analyse(text)
    clause = (text.index("reiste"), len(text))
    assert event_date(a, 0, clause)[2] == "document"
    assert event_date(a, 0)[0] == "2023-01-10"


def test_data_file_errors_name_file_and_line():
    text = data_path("de", "time.yaml").read_text(encoding="utf-8").replace("  märz: 3\n", "  märz: 13\n", 1)
    with pytest.raises(LanguageDataError, match=r"time\.yaml:\d+: months\.märz: got 13"):
        parse_lexicon(text, "time.yaml")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("  märz:"))
    with pytest.raises(LanguageDataError, match=rf"time\.yaml:{line}:"):
        parse_lexicon(text, "time.yaml")
    with pytest.raises(LanguageDataError, match="unknown section"):
        parse_lexicon(text + "\nnonsense: {}\n", "time.yaml")


@pytest.mark.parametrize("text, phrase, value, freq", [
    ("Die Minister treffen sich zweimal im Jahr, sagte er.", "zweimal im Jahr", "P1Y", "2X"),
    ("Die Experten kommen dreimal pro Woche zusammen.", "dreimal pro Woche", "P1W", "3X"),
    ("Das Gremium tagt zweimal täglich.", "zweimal täglich", "P1D", "2X"),
    ("Er zahlt 300 Euro im Monat.", "im Monat", "P1M", None),
])
def test_sets_carry_their_count_as_freq(text, phrase, value, freq):
    t = find(text, phrase)
    assert (t.type, t.value, t.freq, t.role) == ("SET", value, freq, "set")


def test_the_year_of_something_is_no_rate():
    assert not [t for t in analyse("Im Jahr, in dem der Krieg begann, wuchs die Wirtschaft.").times
                if t.type == "SET"]
