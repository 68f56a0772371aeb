"""Document context: unnamed actors take their country from the place of the event; a rejection or
criticism of a thing aims at the actor behind that thing, named in an earlier sentence
(lagebild/lang/de/events_context.yaml)."""
from __future__ import annotations

import pytest

from lagebild.events.coder import _local_groups
from lagebild.events.context import load_context_targets
from lagebild.events.patterns import parse_example
from lagebild.lang import LanguageDataError
from lagebild.model import ActorMention, Document

CONTEXT = load_context_targets()


@pytest.fixture(scope="module")
def analyse():
    from lagebild import syntax
    try:
        syntax.load_model()
    except FileNotFoundError:
        pytest.skip("syntax model not built")
    import lagebild.actors  # noqa: F401  (register the stages)
    import lagebild.events  # noqa: F401
    from lagebild.pipeline import Pipeline
    pipe = Pipeline(["segment", "syntax", "actors", "events"])
    return lambda text: pipe(Document("t", text, date="2023-06-01"))


def _targets(analysis, kind: str) -> list[tuple[str, str]]:
    return [(m.text, m.country) for e in analysis.events if e.type == kind for m in e.target]


def test_protesters_take_the_country_of_the_place(analyse):
    a = analyse("In Mombasa nahm die Polizei am Sonntag zwanzig Demonstranten fest.")
    assert ("Demonstranten", "KEN") in _targets(a, "COERCE")


def test_only_unnamed_civilian_groups_take_the_place():
    def mention(text, sector, kind="person", name=None):
        return ActorMention(text, text, 0, len(text), 0, name=name, country=None, sector=[sector], kind=kind)
    mentions = [mention("Dissidenten", "OPP"), mention("Minister", "GOV"), mention("Rebellen", "REB"),
                mention("Herr Kim", "CVL", name="Kim"), mention("Firma", "BUS", kind="organisation")]
    _local_groups(mentions, "CUB")
    assert [m.country for m in mentions] == ["CUB", None, None, None, None]
    assert mentions[0].resolved_by.endswith("event-place")


def test_without_a_place_unnamed_people_stay_unknown(analyse):
    a = analyse("Die Polizei hat am Abend einen Mann festgenommen.")
    assert [(text, country or "UNK") for text, country in _targets(a, "COERCE")] == [("Mann", "UNK")]


def _consult_targets(analysis) -> list[list[str]]:
    return [[m.text for m in e.target] for e in analysis.events if e.type == "CONSULT"]


def test_successive_meetings_are_events_of_their_own(analyse):
    a = analyse("In Rom traf die Kanzlerin mit dem Papst und danach auch mit Präsident Mattarella zusammen.")
    assert len(_consult_targets(a)) == 2


def test_one_meeting_with_two_partners_stays_one_event(analyse):
    a = analyse("In Rom traf die Kanzlerin mit dem Papst und Präsident Mattarella zusammen.")
    assert len(_consult_targets(a)) == 1


@pytest.mark.parametrize("text", [
    "Eine Rakete schlug am Morgen in einem Wohnhaus ein.",
    "Die Armee teilte mit, dass eine Granate in einem Dorf eingeschlagen sei.",
])
def test_reported_impact_without_named_actor_is_coded(analyse, text):
    assert [e.type for e in analyse(text).events] == ["ASSAULT"]


def test_impact_inside_a_condition_is_not_coded(analyse):
    a = analyse("Sollte eine Rakete in der Stadt einschlagen, werde die Schule geschlossen.")
    assert "ASSAULT" not in [e.type for e in a.events]


def test_an_official_coded_only_by_the_state_it_acts_on_is_not_of_that_state(analyse):
    a = analyse("Der Präsident besuchte Japan.")
    consult = [e for e in a.events if e.type == "CONSULT"]
    assert [(m.country or "UNK") for e in consult for m in e.source] == ["UNK"]
    assert [m.country for e in consult for m in e.target] == ["JPN"]


def test_an_official_coded_by_a_place_keeps_its_state(analyse):
    a = analyse("Die Polizei nahm in Istanbul zwei Demonstranten fest.")
    assert [(m.country, c.country) for e in a.events for m in e.source for c in e.target] == [("TUR", "TUR")]


def test_more_than_n_people_is_an_object_not_a_comparison(analyse):
    a = analyse("Die Bundespolizei wies an den Grenzen mehr als 200 Personen zurück.")
    assert ("Personen", None) in _targets(a, "COERCE") or ("Personen", "UNK") in _targets(a, "COERCE")


# ---- targets from the document

def _last_sentence_events(a):
    last = a.sentences[-1].i
    return [e for e in a.events if e.sentence == last and not e.negated]


@pytest.mark.parametrize("rule", CONTEXT.rules, ids=lambda r: r.id)
def test_context_rule_example(analyse, rule):
    ex = parse_example(rule.example)
    a = analyse(ex.text)
    got = [(e.rule, [m.text for m in e.source], [m.text for m in e.target]) for e in a.events]
    hits = [e for e in _last_sentence_events(a) if e.type in rule.applies_to
            and all(any(w in m.text for m in e.source) for w in ex.source)
            and sorted(ex.target) == sorted(next(w for w in ex.target if w in m.text) for m in e.target
                                            if any(w in m.text for w in ex.target))
            and len(e.target) == len(ex.target)]
    assert hits, f"{rule.id}: expected {ex.source}->{ex.target}, got {got}"


def test_no_earlier_maker_no_criticism_event(analyse):
    # nothing was attacked before: "the attack" names nobody, so the criticism has no target and is dropped
    a = analyse("Die Regierung in Lima verurteilte den Angriff scharf.")
    assert not [e for e in a.events if e.rule.startswith("ACCUSE.criticize_thing")]


def test_own_side_is_not_the_target(analyse):
    # the latest proposal is the speaker's own: it is skipped for the earlier one by another side
    a = analyse("Chile forderte Bolivien zu Gesprächen auf. Bolivien forderte einen Zugang zum Meer. "
                "Chile lehnte die Forderung ab.")
    rejects = [e for e in _last_sentence_events(a) if e.type == "REJECT"]
    assert rejects and all(m.country == "BOL" for e in rejects for m in e.target), \
        [(e.rule, [m.country for m in e.target]) for e in rejects]


def test_validation_names_file_and_line(tmp_path):
    (tmp_path / "events_context.yaml").write_text(
        "resolve_or_drop: []\nrules:\n"
        "  - {id: CTX.x, nouns: [Vorwurf], applies_to: [REJECT], answers: [ACCUSE], parties: everyone,"
        " example: 'A. B | A | -'}\n",
        encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"events_context.yaml:3: CTX.x: parties"):
        load_context_targets(tmp_path)


def test_denied_involvement_answers_the_accuser(analyse):
    a = analyse("Die Ukraine warf Belarus vor, Drohnen geliefert zu haben. Minsk bestritt jede Beteiligung.")
    rejects = [e for e in _last_sentence_events(a) if e.type == "REJECT"]
    assert [[m.country for m in e.target] for e in rejects] == [["UKR"]]


@pytest.fixture(scope="module")
def analyse_with_quotes(analyse):
    import lagebild.quotes  # noqa: F401  (register the stage)
    from lagebild.pipeline import Pipeline
    pipe = Pipeline(["segment", "syntax", "actors", "events", "quotes", "events_quotes"])
    return lambda text: pipe(Document("t", text, date="2023-06-01"))


def test_accusation_in_a_quotation_is_what_is_rejected(analyse_with_quotes):
    # the accusation is coded from the quotation (quotes stage), after the events stage looked
    a = analyse_with_quotes("„Litauen betreibt Spionage gegen unser Land“, kritisierte der russische "
                            "Außenminister. Vilnius wies die Vorwürfe zurück.")
    rejects = [e for e in _last_sentence_events(a) if e.type == "REJECT"]
    assert [[m.country for m in e.target] for e in rejects] == [["RUS"]], \
        [(e.rule, [m.text for m in e.target]) for e in a.events]


def test_without_an_earlier_accusation_the_rejection_keeps_no_target(analyse_with_quotes):
    a = analyse_with_quotes("„Das Wetter ist schön“, sagte der russische Außenminister. "
                            "Vilnius wies die Vorwürfe zurück.")
    rejects = [e for e in _last_sentence_events(a) if e.type == "REJECT"]
    assert rejects and all(not e.target for e in rejects)


@pytest.mark.parametrize("text, length", [
    ("London/Brüssel – Die EU verhängte Sanktionen gegen Russland.", 4),
    ("Tokio (dpa) - Japan protestierte gegen den Raketentest.", 5),
    ("Die Regierung in Oslo warf Moskau Spionage vor.", 0),
    ("Biden - der Präsident - sagte nichts.", 0),
])
def test_dateline_tokens_are_no_arguments(analyse, text, length):
    from lagebild.events.tree import Tree
    tree = Tree(analyse(text).sentences[0].tokens)
    assert tree.dateline == length


def test_place_of_a_dateline_in_parentheses_is_not_the_source(analyse):
    a = analyse("Tokio (dpa) - Japan protestierte gegen den Raketentest.")
    assert all(m.text != "Tokio" for e in a.events for m in e.source), \
        [(e.rule, [m.text for m in e.source]) for e in a.events]
