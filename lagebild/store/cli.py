"""``lagebild query``, ``lagebild export`` and ``lagebild recode``; the main CLI adds ``COMMANDS``."""
from __future__ import annotations

import datetime as dt
import json
import sys

import click

DB_OPTION = click.option("--db", "db", envvar="LAGEBILD_DB", type=click.Path(dir_okay=False),
                         help="DuckDB store (default: $LAGEBILD_DB or ./lagebild.duckdb).")
FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json"]), default="table",
                             show_default=True)


def _open(db: str | None, read_only: bool = True):
    from . import Store

    try:
        return Store(db, read_only=read_only)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from exc


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _emit(rows: list[dict] | dict, fmt: str, columns: list[str] | None = None, title: str = "") -> None:
    if fmt == "json" or isinstance(rows, dict):
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=_plain))
        return
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=_plain))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None)
    columns = columns or (list(rows[0]) if rows else [])
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(_plain(row.get(c))) for c in columns))
    console = Console(highlight=False)
    if not console.is_terminal:   # piped: do not squeeze the evidence column into 80 characters
        console.width = 160
    console.print(table)


def _filters(f):
    for opt in reversed([
        click.option("--actor", multiple=True, help="Actor name, registry id or country code (repeatable)."),
        click.option("--country", multiple=True, help="ISO 3166 alpha-3 code of either actor (repeatable)."),
        click.option("--sector", multiple=True, help="Sector of either actor: GOV, MIL, ... (repeatable)."),
        click.option("--type", "type_", multiple=True, help="PLOVER event type (repeatable)."),
        click.option("--from", "start", help="First date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--to", "end", help="Last date (a year or month means its end)."),
        click.option("--text", help="Full-text query on the evidence sentence (German stemming)."),
        click.option("--role", type=click.Choice(["any", "source", "target"]), default="any", show_default=True),
    ]):
        f = opt(f)
    return f


def _filter_args(actor, country, sector, type_, start, end, text, role) -> dict:
    return {"actor": list(actor) or None, "country": list(country) or None, "sector": list(sector) or None,
            "type": list(type_) or None, "start": start, "end": end, "text": text, "role": role}


@click.group()
def query() -> None:
    """Ask the store: events, dyad series, actor profiles, quotes, full-text search."""


@query.command("events")
@DB_OPTION
@_filters
@click.option("--canonical", is_flag=True, help="One row per deduplicated event, with mention counts.")
@click.option("--limit", default=50, show_default=True)
@FORMAT_OPTION
def events_cmd(db, actor, country, sector, type_, start, end, text, role, canonical, limit, fmt) -> None:
    """Events matching all filters, each with its evidence sentence and document."""
    from .. import query as q

    with _open(db) as store:
        rows = q.events(store, **_filter_args(actor, country, sector, type_, start, end, text, role),
                        canonical=canonical, limit=limit)
    cols = ["event_id", "date", "type", "source", "target", "document", "evidence"]
    _emit(rows, fmt, cols + (["n_mentions", "n_documents"] if canonical else []), "events")


@query.command("dyad")
@DB_OPTION
@click.argument("side_a")
@click.argument("side_b")
@click.option("--freq", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True)
@click.option("--from", "start")
@click.option("--to", "end")
@click.option("--directed", is_flag=True, help="Only SIDE_A -> SIDE_B.")
@FORMAT_OPTION
def dyad_cmd(db, side_a, side_b, freq, start, end, directed, fmt) -> None:
    """Time series between two sides (actor name, registry id or country code)."""
    from .. import query as q

    with _open(db) as store:
        rows = q.dyad_series(store, side_a, side_b, freq, start, end, directed)
    _emit(rows, fmt, title=f"{side_a} – {side_b} per {freq}")


@query.command("actor")
@DB_OPTION
@click.argument("actor")
@click.option("--from", "start")
@click.option("--to", "end")
@click.option("--top", default=10, show_default=True)
def actor_cmd(db, actor, start, end, top) -> None:
    """Actor profile (JSON): events as source and target, counterparts, quotes."""
    from .. import query as q

    with _open(db) as store:
        _emit(q.actor_profile(store, actor, top, start, end), "json")


@query.command("quotes")
@DB_OPTION
@click.option("--speaker")
@click.option("--from", "start")
@click.option("--to", "end")
@click.option("--text", help="Full-text query on the quotation (German stemming).")
@click.option("--limit", default=50, show_default=True)
@FORMAT_OPTION
def quotes_cmd(db, speaker, start, end, text, limit, fmt) -> None:
    """Quotations, newest first."""
    from .. import query as q

    with _open(db) as store:
        rows = q.quotes(store, speaker, start, end, text, limit)
    _emit(rows, fmt, ["date", "speaker", "form", "text", "document"], "quotes")


@query.command("search")
@DB_OPTION
@click.argument("text")
@click.option("--quotes", "kind", flag_value="quotes", help="Search quotations instead of sentences.")
@click.option("--sentences", "kind", flag_value="sentences", default=True)
@click.option("--limit", default=20, show_default=True)
@click.option("--recent", "order", flag_value="recent", help="Newest documents first instead of best match.")
@click.option("--rank", "order", flag_value="rank", default=True, hidden=True)
@FORMAT_OPTION
def search_cmd(db, text, kind, limit, order, fmt) -> None:
    """Full-text search with German stemming: words, "phrases", prefix*, AND/OR/NOT."""
    from .. import query as q

    with _open(db) as store:
        rows = q.search(store, text, kind, limit, order)
    _emit(rows, fmt, ["score", "date", "document", "text"], f"search: {text}")


@query.command("summary")
@DB_OPTION
def summary_cmd(db) -> None:
    """Counts: documents, sentences, events by type, top dyads, quotes, top speakers."""
    with _open(db) as store:
        _emit(store.summary(), "json")


@click.command()
@DB_OPTION
@click.argument("table", type=click.Choice(["events", "canonical", "polecat", "gdelt", "quotes"]))
@click.argument("out", type=click.Path(dir_okay=False, writable=True))
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]), default=None,
              help="Default: from the file suffix.")
@click.option("--raw", is_flag=True, help="polecat/gdelt/canonical: every raw event, not one per canonical event.")
@_filters
def export(db, table, out, fmt, raw, actor, country, sector, type_, start, end, text, role) -> None:
    """Export TABLE to OUT (Parquet, CSV, JSONL); every row with its evidence sentence and document id."""
    from ..export import export as run_export

    filters = {k: v for k, v in _filter_args(actor, country, sector, type_, start, end, text, role).items()
               if v not in (None, "any")}
    with _open(db) as store:
        try:
            n = run_export(store, table, out, fmt, raw=raw, **filters)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    click.echo(f"{n} rows -> {out}", err=True)


@click.command()
@DB_OPTION
@click.option("--stages", help="Comma-separated stages (default: all).")
@click.option("--all", "everything", is_flag=True,
              help="Re-code every document, also those already coded by this version and these stages.")
@click.option("--batch-size", default=64, show_default=True, help="Documents per transaction.")
def recode(db, stages, everything, batch_size) -> None:
    """Re-code stored documents with this lagebild version (resumable: re-run after an interruption)."""
    from .recode import recode as run_recode

    with _open(db, read_only=False) as store:
        result = run_recode(store, stages.split(",") if stages else None, batch_size, everything)
    click.echo(f"{result['recoded']} document(s) re-coded, {result['failed']} failed", err=True)
    if result["failed"]:
        sys.exit(1)


COMMANDS = [query, export, recode]
