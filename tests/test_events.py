"""Event coding: every pattern group's own example sentences, grammar cases, data validation.

Actor mentions are placed on the example's source/target words by the test
itself (each word its own pseudo-country), so these tests check the event
patterns and the grammar, not the actor recogniser.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.events import EventCoder, QuoteEventLinker
from lagebild.events.patterns import (PatternError, load_codes, load_modality, load_patterns, parse_example,
                                     parse_patterns)
from lagebild.model import ActorMention, Analysis, Document, Quote, Trigger
from lagebild.text.segment import Segmenter

PATTERNS = load_patterns()
GROUPS = PATTERNS.groups
# Examples the shipped fast syntax model mis-parses (verb read as adjective, "fest" as a verb particle,
# subject attached elsewhere): the patterns are right, the trees are not. Kept visible as expected
# failures until the parser improves (issue 3); they pass with the slower, more accurate variant.
PARSER_MISSES = {
    "CONSULT.summit", "RETREAT.disarm", "MOBILIZE.deploy", "COERCE.arrested", "ASSAULT.abduct",
    "ASSAULT.shoot_down", "MOBILIZE.buildup_noun",
}
_MISS = pytest.mark.xfail(strict=False, reason="mis-parsed by the shipped syntax model")
EXAMPLES = [pytest.param(gid, ex, marks=[_MISS] if gid in PARSER_MISSES else [], id=f"{gid}:{ex.text[:30]}")
            for gid, group in GROUPS.items() for ex in group[0].examples]


def _syntax():
    from lagebild import syntax
    try:
        syntax.load_model()
    except FileNotFoundError:
        return None
    return syntax.SyntaxAnalyzer()


@pytest.fixture(scope="module")
def code():
    analyzer = _syntax()
    if analyzer is None:
        pytest.skip("syntax model not built")
    coder, segment = EventCoder(), Segmenter()

    def run(text: str, actors: list[str]) -> Analysis:
        a = Analysis(Document("t", text))
        segment(a)
        analyzer(a)
        codes: dict[str, str] = {}
        for n, words in enumerate(dict.fromkeys(actors)):
            start = text.index(words)
            sent = next(s.i for s in a.sentences if s.start <= start < s.end)
            country = codes.setdefault(words, f"C{len(codes):02d}")
            a.actors.append(ActorMention(f"A{n}", words, start, start + len(words), sent, country=country,
                                         sector=["GOV"]))
        coder(a)
        return a
    return run


def _texts(mentions) -> set[str]:
    return {m.text for m in mentions}


@pytest.mark.parametrize("gid,example", EXAMPLES)
def test_pattern_example(code, gid, example):
    a = code(example.text, [*example.source, *example.target])
    ptype = GROUPS[gid][0].type
    got = [(e.rule, e.type, sorted(_texts(e.source)), sorted(_texts(e.target))) for e in a.events]
    hits = [e for e in a.events if e.rule.split("/")[0] == gid and e.type == ptype
            and _texts(e.source) == set(example.source) and _texts(e.target) == set(example.target)]
    assert hits, f"expected {gid} {example.source}->{example.target}, got {got}"
    for flag in ("negated", "future", "hypothetical"):
        assert getattr(hits[0], flag) == (flag in example.flags), flag


def test_every_type_has_patterns():
    from lagebild.model import PLOVER_TYPES
    assert {p.type for p in PATTERNS.patterns} == set(PLOVER_TYPES)
    assert len(PATTERNS.patterns) >= 300


@pytest.mark.parametrize("example", [
    pytest.param(e, marks=[_MISS] if e.text.startswith("Die EU hat weder Sanktionen") else [], id=e.text[:30])
    for e in load_modality().examples])
def test_modality_examples(code, example):
    a = code(example.text, [*example.source, *example.target])
    hits = [e for e in a.events if _texts(e.source) == set(example.source) and _texts(e.target) == set(example.target)]
    assert hits, [(e.type, _texts(e.source), _texts(e.target)) for e in a.events]
    assert {f for f in ("negated", "future", "hypothetical") if getattr(hits[0], f)} == example.flags


@pytest.mark.parametrize("text,actors,expect", [
    ("Die Ukraine wurde von Russland angegriffen.", ["Ukraine", "Russland"],
     ("ASSAULT", {"Russland"}, {"Ukraine"}, "")),
    ("Russland griff die Ukraine nicht an.", ["Russland", "Ukraine"], ("ASSAULT", {"Russland"}, {"Ukraine"}, "negated")),
    ("Die USA werden Japan unterstützen.", ["USA", "Japan"], ("SUPPORT", {"USA"}, {"Japan"}, "future")),
    ("Die USA wollen mit Japan zusammenarbeiten.", ["USA", "Japan"], ("COOPERATE", {"USA"}, {"Japan"}, "future")),
    ("Wenn Russland die Ukraine angreifen würde, käme die NATO zu Hilfe.", ["Russland", "Ukraine"],
     ("ASSAULT", {"Russland"}, {"Ukraine"}, "hypothetical")),
    ("Scholz und Macron trafen am Montag den Präsidenten Erdogan.", ["Scholz", "Macron", "Präsidenten Erdogan"],
     ("CONSULT", {"Scholz", "Macron"}, {"Präsidenten Erdogan"}, "")),
    ("Polen und Litauen vereinbarten eine engere Abstimmung.", ["Polen", "Litauen"],
     ("AGREE", {"Polen"}, {"Litauen"}, "")),
    ("Die Ukraine warf Russland vor, Zivilisten angegriffen zu haben.", ["Ukraine", "Russland", "Zivilisten"],
     ("ACCUSE", {"Ukraine"}, {"Russland"}, "")),
    ("Macron traf sich mit Scholz und unterzeichnete ein Abkommen.", ["Macron", "Scholz"],
     ("AGREE", {"Macron"}, {"Scholz"}, "")),
    ("Der Minister, der die Regierung Israels scharf kritisiert hatte, trat zurück.", ["Minister", "Israels"],
     ("ACCUSE", {"Minister"}, {"Israels"}, "")),
    # case decides: an accusative phrase is no subject, whatever the parser labelled it
    ("Einen Abend später trafen sich Scholz und Macron mit Biden.", ["Scholz", "Macron", "Biden"],
     ("CONSULT", {"Scholz", "Macron"}, {"Biden"}, "")),
    # reported speech: the speaker accuses the reported subject
    ("Die Regierung habe die Ermittlungen behindert, sagte der Oppositionsführer.", ["Oppositionsführer", "Regierung"],
     ("ACCUSE", {"Oppositionsführer"}, {"Regierung"}, "")),
    # an obligation stated by a speaker is a demand on the obliged
    ("Die EU müsse mehr für die Flüchtlinge tun, sagte der Minister.", ["Minister", "EU"],
     ("REQUEST", {"Minister"}, {"EU"}, "")),
])
def test_grammar(code, text, actors, expect):
    etype, source, target, flag = expect
    a = code(text, actors)
    hits = [e for e in a.events if e.type == etype and _texts(e.source) == source and _texts(e.target) == target]
    assert hits, [(e.type, _texts(e.source), _texts(e.target)) for e in a.events]
    for name in ("negated", "future", "hypothetical"):
        assert getattr(hits[0], name) == (name == flag), name


def test_visits_are_made_by_officials(code):
    a = code("Der Präsident reiste nach Kiew.", ["Präsident", "Kiew"])
    assert [e.type for e in a.events] == ["CONSULT"]
    a.events, a.actors[0].sector = [], ["REF"]
    EventCoder()(a)
    assert a.events == []


def test_agentless_passive_main_clause_is_coded(code):
    a = code("Der Journalist wurde zu fünf Jahren Haft verurteilt.", [])
    assert [(e.type, e.source, e.target) for e in a.events] == [("SANCTION", [], [])]
    assert code("Der Journalist lobte das Wetter.", []).events == []


def test_unless_blocks_another_sense(code):
    a = code("Der Angriff Russlands auf Kiew forderte Tote.", ["Russlands", "Kiew"])
    assert [e.type for e in a.events] == ["ASSAULT"]   # "forderte Tote" is no demand


def test_criticised_act_is_not_coded_twice(code):
    a = code("Berlin kritisierte die Zusammenarbeit zwischen Russland und Iran.", ["Berlin", "Russland", "Iran"])
    assert [e.type for e in a.events] == ["ACCUSE"]


def test_accusation_is_not_the_alleged_act(code):
    a = code("Die Ukraine warf Russland vor, Zivilisten angegriffen zu haben.", ["Ukraine", "Russland", "Zivilisten"])
    assert [e.type for e in a.events] == ["ACCUSE"]


def test_event_fields(code):
    a = code("Deutschland verhängte am Montag in Brüssel Sanktionen gegen Belarus.", ["Deutschland", "Belarus"])
    e = next(e for e in a.events if e.type == "SANCTION")
    assert e.cameo.startswith("16") and e.quad_class == 4 and e.intensity < 0
    assert a.document.text[e.trigger.start:e.trigger.end] == e.trigger.text and "verhängte" in e.trigger.text
    assert e.evidence[0] <= e.trigger.start and e.trigger.end <= e.evidence[1]
    assert e.location == "BEL" and e.rule.startswith("SANCTION.impose/") and 0 < e.confidence <= 1
    assert len([x for x in a.events if x.type == "SANCTION"]) == 1   # noun "Sanktionen" not coded twice


def test_quote_speaker_becomes_source():
    text = "„Wir verurteilen den Angriff“, sagte Scholz."
    a = Analysis(Document("q", text))
    wir = ActorMention("A0", "Wir", 1, 4, 0)
    scholz = ActorMention("A1", "Scholz", text.index("Scholz"), text.index("Scholz") + 6, 0, country="DEU")
    a.actors = [wir, scholz]
    trig = Trigger("verurteilen", 5, 16)
    from lagebild.model import Event
    a.events = [Event("E0", "ACCUSE", 0, trig, (0, len(text)), source=[wir])]
    a.quotes = [Quote("Q0", "Direct", [0], None, [(1, 29)], speaker=scholz)]
    QuoteEventLinker()(a)
    assert a.events[0].source == [scholz]


def _roots():
    return load_codes(Path(__file__).resolve().parents[1] / "lagebild" / "lang" / "de" / "events_codes.yaml")


@pytest.mark.parametrize("entry,message", [
    ('{id: X.a, type: FOO, cameo: "010", verb: [a], examples: ["A b. | A | -"]}', "not a PLOVER type"),
    ('{id: X.a, type: AGREE, cameo: "057", examples: ["A b. | A | -"]}', "exactly one trigger"),
    ('{id: X.a, type: AGREE, cameo: "057", verb: [a]}', "at least one example"),
    ('{id: X.a, type: AGREE, cameo: "057", verb: [a], target: [pp], examples: ["A b. | A | -"]}', "slot"),
    ('{id: X.a, type: AGREE, cameo: "99", verb: [a], examples: ["A b. | A | -"]}', "cameo"),
    ('{id: X.a, type: AGREE, cameo: "057", verb: [a], examples: ["A b. | Z | -"]}', "not in the sentence"),
    ('{id: X.a, type: AGREE, cameo: "057", verb: [a], colour: red, examples: ["A b. | A | -"]}', "unknown keys"),
])
def test_validation_names_file_line_and_id(entry, message):
    from lagebild.events.patterns import PatternSet
    text = "patterns:\n- " + entry + "\n"
    with pytest.raises(PatternError) as err:
        parse_patterns(text, "bad.yaml", _roots(), PatternSet())
    assert "bad.yaml:2" in str(err.value) and "X.a" in str(err.value) and message in str(err.value)


def test_joint_events_split_by_country():
    from lagebild.events.match import split_joint

    def m(i, country):
        return ActorMention(f"A{i}", f"w{i}", i, i + 1, 0, country=country)
    austin, hamada, blinken, hayashi = m(0, "USA"), m(1, "JPN"), m(2, "USA"), m(3, "JPN")
    # "Austin und Hamada trafen sich mit Blinken und Hayashi": the delegations, first-named first
    assert split_joint([austin, hamada], [blinken, hayashi]) == ([austin, blinken], [hamada, hayashi])
    # "Die USA und Japan vereinbarten ...": one side only
    assert split_joint([austin, hamada], []) == ([austin], [hamada])
    # "Scholz und Macron trafen Erdogan": two on one side stay together
    scholz, macron, erdogan = m(4, "DEU"), m(5, "FRA"), m(6, "TUR")
    assert split_joint([scholz, macron], [erdogan]) == ([scholz, macron], [erdogan])


def test_example_format():
    ex = parse_example("Die USA halfen Japan. | USA | Japan | future")
    assert ex.source == ("USA",) and ex.target == ("Japan",) and ex.flags == {"future"}


def test_explain_shows_matches_and_near_misses():
    if _syntax() is None:
        pytest.skip("syntax model not built")
    from rich.console import Console
    from lagebild.events.explain import explain
    console = Console(width=200, record=True)
    console.print(explain("Die beiden trafen sich. Deutschland verhängte Sanktionen gegen Belarus."))
    out = console.export_text()
    assert "CONSULT.meet/treffen" in out and "no source" in out      # near miss with its reason
    assert "SANCTION.impose/verhängen" in out and "Belarus" in out   # the match and its target


def test_gapping_codes_each_pair(code):
    a = code("Polen nominierte den Diplomaten Nowak, Ungarn seine Ministerin Kovacs.",
             ["Polen", "Diplomaten Nowak", "Ungarn", "Ministerin Kovacs"])
    got = {(e.type, frozenset(_texts(e.source)), frozenset(_texts(e.target))) for e in a.events}
    assert ("SUPPORT", frozenset({"Polen"}), frozenset({"Diplomaten Nowak"})) in got
    assert ("SUPPORT", frozenset({"Ungarn"}), frozenset({"Ministerin Kovacs"})) in got


def test_accusation_drops_the_event_it_is_about(code):
    a = code("Die Regierung kritisierte die Zusammenarbeit zwischen Serbien und Belarus.", ["Regierung", "Serbien", "Belarus"])
    assert [e.type for e in a.events] == ["ACCUSE"]


def test_condition_without_named_actor_is_no_event(code):
    assert code("Sollten Zivilisten angegriffen werden, greift die Armee ein.", []).events == []


def test_verbal_cooperation_needs_a_source(code):
    assert code("Die Bürger sprechen sich für einen Beitritt zur EU aus.", ["EU"]).events == []


@pytest.mark.parametrize("text,actors,etype", [
    # an event noun that only describes another noun is background; the clause's subject did not do it
    ("Seit Beginn des Angriffskriegs gegen Georgien sind Tausende Menschen geflohen.", ["Menschen", "Georgien"], "ASSAULT"),
    # 'getroffen' with a position as object is a hit, not a meeting; 'geschlossen' beside 'an der Seite' is no ban
    ("Die Armee hat in der Nacht Stellungen der Rebellen getroffen.", ["Armee", "Rebellen"], "CONSULT"),
    ("Wir stehen geschlossen an der Seite Moldaus, sagte der Minister.", ["Minister", "Moldaus"], "COERCE"),
    # prisoners exchanged are released, not talked with
    ("Armenien und Aserbaidschan haben Gefangene ausgetauscht.", ["Armenien", "Aserbaidschan"], "CONSULT"),
])
def test_other_sense_or_background_is_not_that_event(code, text, actors, etype):
    a = code(text, actors)
    assert not [e for e in a.events if e.type == etype], [(e.rule, _texts(e.source), _texts(e.target)) for e in a.events]
