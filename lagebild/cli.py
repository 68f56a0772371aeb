"""The ``lagebild`` command line."""
from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from typing import IO, Iterable, Iterator

import click

from . import __version__
from .ingest import count_documents, read_documents
from .model import SCHEMA_VERSION, Analysis, Document
from .pipeline import Failure, Pipeline, available_stages, default_stages


def _console(stderr: bool = True):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _parse_fields(values: Iterable[str]) -> dict[str, str]:
    fields = {}
    for v in values:
        name, sep, column = v.partition("=")
        if not sep or not name or not column:
            raise click.BadParameter(f"{v!r}: expected NAME=COLUMN, e.g. text=body", param_hint="--field")
        fields[name.strip()] = column.strip()
    return fields


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lagebild")
def main() -> None:
    """lagebild: German news -> political events (PLOVER/CAMEO) and attributed quotations."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "date", help="Publication date (ISO, may be partial: 2024-07) for documents that carry none.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default=None,
              help="Output format (default: jsonl when --out ends in .jsonl, else json).")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), help="Write output here, not to stdout.")
@click.option("--db", "db", type=click.Path(dir_okay=False), envvar="LAGEBILD_DB",
              help="Also store the analyses in this DuckDB file (or $LAGEBILD_DB).")
@click.option("--field", "fields", multiple=True, metavar="NAME=COLUMN",
              help="JSONL/CSV column to use for id/text/date/title/source/url, e.g. --field text=body.")
@click.option("--stages", "stages", help="Comma-separated stages to run (default: the standard pipeline; see `lagebild stages`).")
@click.option("--tokens/--no-tokens", default=True, show_default=True, help="Include tokens in JSON output.")
@click.option("--batch-size", default=64, show_default=True, help="Documents per database transaction.")
def analyze(paths, date, fmt, out, db, fields, stages, tokens, batch_size) -> None:
    """Analyse files, directories (recursively), or '-' for stdin.

    Reads .txt (with optional Titel:/Datum: header lines), .html, .jsonl and
    .csv. A document that fails is reported on stderr with its name and the
    reason; the run goes on and the exit code is 1.
    """
    err = _console()
    try:
        pipeline = Pipeline(stages.split(",") if stages else None)
        # a stream: months of articles need not fit in memory before the first is analysed
        items = read_documents(paths, date=date, fields=_parse_fields(fields))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    fmt = fmt or ("jsonl" if out and out.endswith(".jsonl") else "json")
    failures: list[Failure] = []
    seen = 0

    with (open(out, "w", encoding="utf-8") if out else nullcontext(sys.stdout)) as stream, \
            _progress(err, count_documents(paths)) as advance, _store(db) as store:
        writer = _Writer(stream, fmt, tokens)
        batch: list[Analysis] = []
        for result in pipeline.pipe(_skip_stored(items, store, err, advance)):
            seen += 1
            if isinstance(result, Failure):
                failures.append(result)
                err.print(f"[red]error[/red]: {result}", markup=True, soft_wrap=True)
                writer.fail(result)
                advance(1)
                continue
            writer.write(result)
            advance(1)
            if store is not None:
                batch.append(result)
                if len(batch) >= batch_size:
                    store.add(batch, run=_run_info(pipeline))
                    batch = []
        if store is not None and batch:
            store.add(batch, run=_run_info(pipeline))
        writer.close(failures)
    if failures:
        err.print(f"{len(failures)} of {seen} document(s) failed", soft_wrap=True)
        sys.exit(1)


def _skip_stored(items: Iterable, store, err, advance) -> Iterator:
    """Documents already in the store (same content hash) are not analysed again."""
    if store is None:
        yield from items
        return
    from .store import content_hash

    skipped = 0
    for item in items:
        if isinstance(item, Document) and store.has_document(content_hash(item)):
            skipped += 1
            advance(1)
            continue
        yield item
    if skipped:
        err.print(f"{skipped} document(s) already in the store were not analysed again", soft_wrap=True)


def _run_info(pipeline: Pipeline) -> dict:
    return {"version": __version__, "schema_version": SCHEMA_VERSION, "stages": pipeline.stage_names}


class _store:
    """Open the DuckDB store only when --db was given (DuckDB loads lazily)."""

    def __init__(self, path: str | None) -> None:
        self.path, self.store = path, None

    def __enter__(self):
        if self.path is None:
            return None
        from .store import Store

        self.store = Store(self.path).__enter__()
        return self.store

    def __exit__(self, *exc) -> None:
        if self.store is not None:
            self.store.__exit__(*exc)


class _progress:
    """A rich progress bar on stderr unless there is just one document (total None: count unknown)."""

    def __init__(self, console, total: int | None) -> None:
        self.console, self.total, self.progress = console, total, None

    def __enter__(self):
        if self.total is not None and self.total <= 1:
            return lambda n: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                 console=self.console, transient=True)
        self.progress.__enter__()
        task = self.progress.add_task("analyse", total=self.total)
        return lambda n: self.progress.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.__exit__(*exc)


class _Writer:
    """Streams results as one JSON object, JSON lines, or a table."""

    def __init__(self, stream: IO[str], fmt: str, tokens: bool) -> None:
        self.stream, self.fmt, self.tokens, self.count = stream, fmt, tokens, 0
        self.rows: list[Analysis] = []
        if fmt == "json":
            stream.write(json.dumps({"schema_version": SCHEMA_VERSION, "lagebild_version": __version__})[:-1])
            stream.write(', "documents": [')

    def write(self, analysis: Analysis) -> None:
        if self.fmt == "table":
            self.rows.append(analysis)
            return
        data = json.dumps(analysis.to_dict(tokens=self.tokens), ensure_ascii=False)
        if self.fmt == "jsonl":
            self.stream.write(data + "\n")
        else:
            self.stream.write(("," if self.count else "") + "\n" + data)
        self.count += 1

    def fail(self, failure: Failure) -> None:
        if self.fmt == "jsonl":   # one output line per input record, also for failures
            line = {"schema_version": SCHEMA_VERSION, "id": failure.id, "error": str(failure)}
            self.stream.write(json.dumps(line, ensure_ascii=False) + "\n")

    def close(self, failures: list[Failure]) -> None:
        if self.fmt == "json":
            fails = json.dumps([{"id": f.id, "reason": str(f)} for f in failures], ensure_ascii=False)
            self.stream.write(f'\n], "failures": {fails}}}\n')
        elif self.fmt == "table":
            _print_table(self.rows, self.stream)


def _print_table(rows: list[Analysis], stream: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, highlight=False, width=max(100, Console(file=stream).width))
    table = Table(title="lagebild analysis")
    for col in ("document", "date", "sentences", "actors", "events", "quotes", "times"):
        table.add_column(col, justify="left" if col in ("document", "date") else "right")
    for a in rows:
        d = a.document
        table.add_row(d.id, d.date or "unknown", str(len(a.sentences)), str(len(a.actors)),
                      str(len(a.events)), str(len(a.quotes)), str(len(a.times)))
    console.print(table)
    events = [(a.id, e) for a in rows for e in a.events]
    if events:
        et = Table(title="events")
        for col in ("document", "type", "source", "target", "date", "trigger", "rule"):
            et.add_column(col)
        for doc_id, e in events:
            et.add_row(doc_id, e.type, _actors(e.source), _actors(e.target), e.date or "", e.trigger.text, e.rule)
        console.print(et)


def _actors(mentions) -> str:
    return ", ".join(f"{m.name or m.text} ({m.country or '?'}/{'+'.join(m.sector) or '?'})" for m in mentions)


@main.command()
@click.option("--db", "db", type=click.Path(dir_okay=False), help="DuckDB file (default: $LAGEBILD_DB or ./lagebild.duckdb).")
def summary(db) -> None:
    """Summarise the store: documents, events by type, top dyads, quotes."""
    from .store import Store

    with Store(db) as store:
        s = store.summary()
    out = _console(stderr=False)
    out.print(f"[bold]documents[/bold] {s['documents']}   [bold]sentences[/bold] {s.get('sentences', 0)}   "
              f"[bold]events[/bold] {sum(s['events_by_type'].values())}   [bold]quotes[/bold] {s['quotes']}")
    if s["events_by_type"]:
        out.print("events by type: " + ", ".join(f"{t} {n}" for t, n in sorted(
            s["events_by_type"].items(), key=lambda kv: -kv[1])))
    else:
        out.print("events by type: none coded (the event stage is not part of this version's pipeline)"
                  if "events" not in available_stages() else "events by type: none")
    if s["top_country_dyads"]:
        out.print("top dyads by country (source -> target: events): " + ", ".join(
            f"{src}->{tgt} {n}" for src, tgt, n in s["top_country_dyads"][:10]))
    if s["top_dyads"]:
        out.print("top dyads by actor (source -> target: events):")
    for src, tgt, n in s["top_dyads"][:10]:
        out.print(f"  {src} -> {tgt}: {n}")
    if s.get("top_speakers"):
        out.print("top speakers (quotes):")
    for name, n in s.get("top_speakers", [])[:5]:
        out.print(f"  {name}: {n}")


@main.command()
@click.argument("sentence")
@click.option("--date", "date", help="Publication date (ISO, may be partial) to resolve dates and office holders.")
def explain(sentence, date) -> None:
    """Show how SENTENCE is analysed: parse, actor mentions, and which event patterns matched or nearly matched."""
    from .events.explain import explain as render

    try:
        renderable = render(sentence, date=date)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    _console(stderr=False).print(renderable)


@main.command()
def stages() -> None:
    """List the pipeline stages this installation has."""
    for name in available_stages():
        click.echo(name + ("" if name in default_stages() else " (optional)"))


def _add_store_commands() -> None:
    from .store.cli import COMMANDS   # query, export, recode live with the store

    for command in COMMANDS:
        main.add_command(command)


_add_store_commands()
