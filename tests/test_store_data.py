"""Hand-written German articles with their analyses, shared by the store, query and export tests."""
from __future__ import annotations

import re

from lagebild.model import ActorMention, Analysis, Document, Event, Quote, Sentence, TimeExpression, Trigger

SCHOLZ = dict(name="Olaf Scholz", country="DEU", sector=["GOV"], kind="person", registry_id="Q61053")
MACRON = dict(name="Emmanuel Macron", country="FRA", sector=["GOV"], kind="person", registry_id="Q3052772")
RUSSIA = dict(name="Russland", country="RUS", sector=["GOV"], kind="state")
UKRAINE = dict(name="Ukraine", country="UKR", sector=["GOV"], kind="state")

ARTICLES = {
    "paris": ("2024-03-05", "Tagesblatt",
              "Scholz in Paris\n\nBundeskanzler Olaf Scholz hat am Dienstag in Paris den französischen "
              "Präsidenten Emmanuel Macron getroffen. Beide sprachen über die Lage in der Ukraine. "
              "„Wir stehen fest zusammen“, sagte Scholz nach dem Treffen."),
    "elysee": ("2024-03-05", "Abendpost",
               "Der französische Präsident Macron empfing Kanzler Scholz am Dienstag im Élysée-Palast "
               "zu einem Treffen. Macron sagte, Europa müsse mehr Munition liefern."),
    "angriff": ("2024-03-20", "Tagesblatt",
                "Russland hat die Ukraine in der Nacht erneut mit Raketen angegriffen. Scholz traf "
                "Macron am Mittwoch in Berlin. Russland hat die Ukraine nicht um Verhandlungen gebeten."),
}


def span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def sentences(text: str) -> list[Sentence]:
    out, start = [], text.index("\n\n") + 2 if "\n\n" in text else 0
    for m in re.finditer(r"[^.]+?[.](?=\s|$)", text[start:]):
        s = start + m.start() + (len(m.group()) - len(m.group().lstrip()))
        e = start + m.end()
        out.append(Sentence(len(out), s, e, text[s:e], paragraph=1))
    return out


def mention(analysis: Analysis, phrase: str, after: int = 0, **actor) -> ActorMention:
    text = analysis.document.text
    s, e = span(text, phrase, after)
    sent = next(x.i for x in analysis.sentences if x.start <= s < x.end)
    m = ActorMention(f"m{len(analysis.actors)}", phrase, s, e, sent, **actor)
    analysis.actors.append(m)
    return m


def event(analysis: Analysis, type_: str, trigger: str, src: ActorMention, tgt: ActorMention,
          date: str | None, cameo: str, quad: int, intensity: float, **extra) -> Event:
    text = analysis.document.text
    ts, te = span(text, trigger)
    sent = next(x for x in analysis.sentences if x.start <= ts < x.end)
    e = Event(f"e{len(analysis.events)}", type_, sent.i, Trigger(trigger, ts, te), (sent.start, sent.end),
              [src], [tgt], date=date, date_source="clause", cameo=cameo, quad_class=quad,
              intensity=intensity, rule="test", confidence=0.9, **extra)
    analysis.events.append(e)
    return e


def build(name: str) -> Analysis:
    date, source, text = ARTICLES[name]
    a = Analysis(Document(id=name, text=text, date=date, date_source="metadata", source=source,
                          title=text.split("\n")[0] if "\n" in text else None, metadata={"feed": source}))
    a.sentences = sentences(text)
    a.stages = ["test"]
    if name == "paris":
        s, m = mention(a, "Olaf Scholz", **SCHOLZ), mention(a, "Emmanuel Macron", **MACRON)
        event(a, "CONSULT", "getroffen", s, m, "2024-03-05", "040", 1, 1.0, location="Paris")
        speaker = mention(a, "Scholz", text.index("sagte"), **SCHOLZ)
        cs, ce = span(text, "Wir stehen fest zusammen")
        a.quotes.append(Quote("q0", "Direct", [2], Trigger("sagte", *span(text, "sagte")), [(cs, ce)],
                              speaker=speaker, date="2024-03-05", rule="test", confidence=0.9))
        ds, de = span(text, "Dienstag")
        a.times.append(TimeExpression("t0", "Dienstag", ds, de, 0, "DATE", value="2024-03-05", rule="test"))
    elif name == "elysee":
        m, s = mention(a, "Macron", **MACRON), mention(a, "Scholz", **SCHOLZ)
        event(a, "CONSULT", "empfing", s, m, "2024-03-05", "040", 1, 1.0)
        speaker = mention(a, "Macron", text.index("sagte") - 8, **MACRON)
        cs, ce = span(text, "Europa müsse mehr Munition liefern")
        a.quotes.append(Quote("q0", "Indirect", [1], Trigger("sagte", *span(text, "sagte")), [(cs, ce)],
                              speaker=speaker, rule="test", confidence=0.8))
    else:
        r, u = mention(a, "Russland", **RUSSIA), mention(a, "Ukraine", **UKRAINE)
        event(a, "ASSAULT", "angegriffen", r, u, "2024-03-19", "195", 4, -10.0, contexts=["military"])
        s, m = mention(a, "Scholz", **SCHOLZ), mention(a, "Macron", text.index("traf"), **MACRON)
        event(a, "CONSULT", "traf", s, m, "2024-03-20", "040", 1, 1.0, location="Berlin")
        r2 = mention(a, "Russland", text.index("Verhandlungen") - 60, **RUSSIA)
        u2 = mention(a, "Ukraine", r2.end, **UKRAINE)
        event(a, "REQUEST", "gebeten", r2, u2, "2024-03", "020", 1, 3.0, negated=True)
    return a


def all_analyses() -> list[Analysis]:
    return [build(name) for name in ARTICLES]


def test_fixture_spans_match_text():
    for a in all_analyses():
        text = a.document.text
        for s in a.sentences:
            assert text[s.start:s.end] == s.text and s.text.endswith(".")
        for m in a.actors:
            assert text[m.start:m.end] == m.text
        for e in a.events:
            assert text[e.trigger.start:e.trigger.end] == e.trigger.text
