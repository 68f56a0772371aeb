import io
import json

import pytest

from lagebild.ingest import IngestError, Reader, count_documents, make_document, read_documents
from lagebild.ingest.boilerplate import load_rules
from lagebild.ingest.dates import DateValueError, normalize_date
from lagebild.model import Document
from lagebild.pipeline import Failure


def docs(paths, **kw):
    return list(read_documents(paths, **kw))


def body_text(doc):
    return "".join(doc.text[s:e] for s, e in doc.body)


def test_header_lines_give_title_date_source(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Titel: Gipfel in Rom\nDatum: 14.03.2024\nQuelle: Beispielagentur\n\nRom - Die Staatschefs trafen sich.\n",
                 encoding="utf-8")
    [d] = docs([f])
    assert (d.id, d.title, d.date, d.date_source, d.source) == ("a", "Gipfel in Rom", "2024-03-14", "header", "Beispielagentur")
    assert body_text(d).strip() == "Rom - Die Staatschefs trafen sich."
    assert d.text == f.read_text(encoding="utf-8")   # spans index the text as given


def test_crawler_date_prefix_and_photo_credit(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text(" date 2024-07 1 Die Minister planen ein Treffen in Japan. Foto: Erika Muster/AP/dpa\n\n"
                 "Tokio - Die Gespräche beginnen am Montag.", encoding="utf-8")
    [d] = docs([f])
    assert d.date == "2024-07" and d.date_source == "header"
    assert "Foto" not in body_text(d) and "date" not in body_text(d)
    assert d.metadata["photo_credit"] == ["Foto: Erika Muster/AP/dpa"]
    assert [x.kind for x in d.excluded] == ["header", "photo_credit"]


def test_translation_note_is_metadata(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("Der Präsident reiste nach Paris.\nText ist eine Übersetzung eines englischen Originals.\n", encoding="utf-8")
    [d] = docs([f])
    assert "Übersetzung" not in body_text(d)
    assert d.metadata["translation_note"] == ["Text ist eine Übersetzung eines englischen Originals."]


def test_no_date_is_said_not_invented(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text("Die Regierung trat zurück.", encoding="utf-8")
    [d] = docs([f])
    assert d.date is None and d.date_source == "unknown"
    [d] = docs([f], date="2023-05-02")
    assert d.date == "2023-05-02" and d.date_source == "option"


def test_header_date_wins_over_option(tmp_path):
    f = tmp_path / "e.txt"
    f.write_text("Datum: 2024-03\n\nDie Regierung trat zurück.", encoding="utf-8")
    [d] = docs([f], date="2020-01-01")
    assert (d.date, d.date_source) == ("2024-03", "header")


def test_latin1_file_is_decoded(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Die Außenministerin äußerte sich über die Öffnung der Grenzübergänge.".encode("cp1252"))
    [d] = docs([f])
    assert "Außenministerin" in d.text and d.metadata.get("encoding")


def test_binary_and_empty_files_fail_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Ein Satz.", encoding="utf-8")
    items = docs([tmp_path, tmp_path / "missing.txt"])
    fails = {f.id.rsplit("/", 1)[-1]: f.reason for f in items if isinstance(f, Failure)}
    assert fails["empty.txt"] == "document is empty"
    assert fails["missing.txt"] == "no such file or directory"
    assert [d.id for d in items if isinstance(d, Document)] == ["ok"]


def test_directories_are_read_recursively_with_relative_ids(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("Ein Satz.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    assert [d.id for d in docs([tmp_path])] == ["sub/x"]


def test_jsonl_records_keep_ids_and_report_bad_lines(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_text(json.dumps({"id": "P1", "text": "Ein Satz.", "date": "2024-01-02", "category": "Politik"}) + "\n"
                 "{broken\n\n" + json.dumps({"id": "P3", "body": "x"}) + "\n"
                 + json.dumps({"id": "P4", "text": "Noch einer.", "date": "nie"}) + "\n", encoding="utf-8")
    items = docs([f])
    assert isinstance(items[0], Document) and items[0].id == "P1" and items[0].metadata == {"category": "Politik"}
    assert isinstance(items[1], Failure) and items[1].where.endswith("r.jsonl:2") and "invalid JSON" in items[1].reason
    assert isinstance(items[2], Failure) and items[2].id == "P3" and "no 'text' field" in items[2].reason
    assert isinstance(items[3], Failure) and items[3].id == "P4" and "bad date" in items[3].reason


def test_count_documents_matches_what_is_read(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("Ein Satz.", encoding="utf-8")
    (tmp_path / "d" / "b.jsonl").write_text('{"text": "Eins."}\n\n{broken\n{"text": "Drei."}\n', encoding="utf-8")
    (tmp_path / "empty").mkdir()
    paths = [tmp_path / "d", tmp_path / "empty", tmp_path / "missing.txt"]
    assert count_documents(paths) == len(docs(paths)) == 6
    (tmp_path / "d" / "c.csv").write_text("text\nx\n", encoding="utf-8")
    assert count_documents(paths) is None   # CSV rows may span lines: unknown without parsing


def test_field_mapping_for_csv(tmp_path):
    f = tmp_path / "r.csv"
    f.write_text('key,body,published\nk1,"Erster Satz, mit Komma.",2024-05-06\n', encoding="utf-8")
    [d] = docs([f], fields={"id": "key", "text": "body", "date": "published"})
    assert (d.id, d.text, d.date) == ("k1", "Erster Satz, mit Komma.", "2024-05-06")
    with pytest.raises(ValueError, match="unknown field"):
        Reader(fields={"txt": "body"})


def test_html_main_text_and_metadata(tmp_path):
    article = " ".join(["Die Außenministerin traf am Montag ihren Amtskollegen in Paris."] * 4)
    f = tmp_path / "p.html"
    f.write_text(f"""<html><head><title>Treffen in Paris</title>
      <meta property="article:published_time" content="2024-02-05"></head>
      <body><nav>Startseite | Politik | Wirtschaft</nav>
      <article><h1>Treffen in Paris</h1><p>{article}</p><p>{article}</p></article>
      <footer>Impressum Datenschutz Kontakt</footer></body></html>""", encoding="utf-8")
    [d] = docs([f])
    assert d.title == "Treffen in Paris" and d.date == "2024-02-05"
    assert "Amtskollegen" in d.text and "Impressum" not in d.text


def test_stdin_text_and_jsonl():
    [d] = Reader().read_stdin(io.StringIO("Titel: T\n\nEin Satz."))
    assert (d.id, d.title) == ("stdin", "T")
    items = list(Reader().read_stdin(io.StringIO('{"id": "s1", "text": "A."}\n{"id": "s2", "text": "B."}\n')))
    assert [i.id for i in items] == ["s1", "s2"]


@pytest.mark.parametrize("value,iso", [("2024", "2024"), ("2024-07", "2024-07"), ("2024-7-5", "2024-07-05"),
                                       ("05.07.2024", "2024-07-05"), ("5. Juli 2024", "2024-07-05"),
                                       ("Juli 2024", "2024-07"), ("2024-07-05T10:00:00+02:00", "2024-07-05")])
def test_date_values(value, iso):
    assert normalize_date(value) == iso


@pytest.mark.parametrize("value", ["2024-02-30", "irgendwann", "2024-13"])
def test_bad_date_values(value):
    with pytest.raises(DateValueError):
        normalize_date(value)


def test_make_document_rejects_non_text():
    with pytest.raises(IngestError, match="must be a string"):
        make_document("x", None)


def test_boilerplate_rule_examples_match():
    from lagebild.ingest.boilerplate import find_boilerplate

    for rule in load_rules():
        for example in rule.examples:
            assert [x.kind for x in find_boilerplate(example)] == [rule.kind], (rule.id, example)
