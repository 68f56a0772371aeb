"""Store benchmark: ingest rate, database size and query latency on synthetic events.

Generates N synthetic events (default 10 million) as lagebild Analysis objects:
documents of 5 German-like sentences with 2 events each, actors drawn Zipf-like
from 3,000 (countries x sectors and persons), 11 years of dates, and about a third
of the events re-reported by other documents (same dyad, type and day, overlapping
words) so that deduplication has work to do. Nothing is read from ../shared and
nothing is kept: everything lives in a temporary directory deleted at the end.

Measured:
- ingest: events/s of ``Store.add`` alone (Arrow bulk insert, dedup, full-text index),
  up to the closed store (the index process caught up),
  and with generation;
- size: bytes per event of the DuckDB file (and of the FTS sidecar, reported apart);
- queries (median of 5 runs, fresh read-only open): dyad monthly series, actor
  profile, full-text search, events by actor+type+date range, events by text.

    timeout 2400 .venv/bin/python benchmarks/store.py --events 10000000 --write
"""
from __future__ import annotations

import argparse
import gc
import itertools
import datetime as dt
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lagebild import query  # noqa: E402
from lagebild.model import ActorMention, Analysis, Document, Event, Quote, Sentence, Trigger  # noqa: E402
from lagebild.store import Store  # noqa: E402

EVENTS_PER_DOC, SENTENCES_PER_DOC = 10, 5
TYPES = [("CONSULT", "040", 1, 1.0), ("AGREE", "057", 1, 4.0), ("AID", "070", 2, 7.0),
         ("COOPERATE", "061", 2, 6.0), ("ACCUSE", "112", 3, -2.0), ("THREATEN", "138", 3, -7.0),
         ("PROTEST", "141", 3, -6.5), ("SANCTION", "163", 4, -8.0), ("ASSAULT", "190", 4, -10.0),
         ("REQUEST", "020", 1, 3.0)]
COUNTRIES = ["DEU", "FRA", "USA", "JPN", "CHN", "RUS", "UKR", "GBR", "ITA", "POL", "TUR", "ISR", "IRN", "IND",
             "BRA", "ESP", "NLD", "AUT", "CHE", "KOR"]
SECTORS = ["GOV", "MIL", "LEG", "JUD", "COP", "PTY", "OPP", "REB", "CVL", "BUS", "MED", "NGO"]
# Sentence frames written for this benchmark; {a}/{b} are actors, {v} a verb, {w} filler words.
FRAMES = ["{a} hat am Dienstag {b} {w} {v}.", "Nach Angaben von {a} wurde {b} {w} {v}.",
          "{a} und {b} haben sich {w} {v}.", "Wie {a} mitteilte, sei {b} {w} {v} worden.",
          "Die Regierung von {a} hat {b} wegen {w} {v}."]
VERBS = ["getroffen", "kritisiert", "unterstützt", "bedroht", "angegriffen", "beraten", "verurteilt",
         "empfangen", "gewarnt", "sanktioniert", "gelobt", "aufgefordert"]
SYLLABLES = ["ver", "hand", "lung", "sich", "er", "heit", "keit", "stadt", "land", "rat", "wirt", "schaft",
             "kraft", "macht", "sicher", "frie", "den", "krieg", "wahl", "volk", "recht", "grenz", "gas",
             "öl", "zoll", "steuer", "bahn", "hafen", "bund", "amt", "mini", "ster", "ium", "ge", "spräch"]


def vocabulary(rng: random.Random, n: int = 20_000) -> tuple[list[str], list[float]]:
    words = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(n * 2)})[:n]
    rng.shuffle(words)
    return words, list(itertools.accumulate(1 / (i + 1) for i in range(len(words))))   # Zipf, cumulative


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.words, self.cum_weights = vocabulary(self.rng)
        self.actors = [dict(name=f"{c}-{s}", country=c, sector=[s], kind="organisation",
                            registry_id=f"{c}.{s}") for c in COUNTRIES for s in SECTORS]
        self.actors += [dict(name=f"Person {i}", country=self.rng.choice(COUNTRIES), sector=["GOV"],
                             kind="person") for i in range(3000 - len(self.actors))]
        self.actor_weights = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(self.actors))))
        self.recent: list[tuple] = []       # (type, a, b, date, words) re-reported by later documents
        self.n = 0

    def filler(self, k: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum_weights, k=k))

    def document(self, date: dt.date) -> Analysis:
        rng = self.rng
        self.n += 1
        parts, events, actors, quotes = [], [], [], []
        offset = 0
        text_parts = []
        for si in range(SENTENCES_PER_DOC):
            if self.recent and rng.random() < 0.33:       # another report of a recent event
                kind, a, b, day, words = rng.choice(self.recent)
            else:
                kind = rng.choice(TYPES)
                a, b = rng.choices(range(len(self.actors)), cum_weights=self.actor_weights, k=2)
                day = date - dt.timedelta(days=rng.randint(0, 2))
                words = self.filler(6)
                self.recent.append((kind, a, b, day, words))
                if len(self.recent) > 2000:
                    self.recent = self.recent[-1000:]
            frame = rng.choice(FRAMES)
            sentence = frame.format(a=self.actors[a]["name"], b=self.actors[b]["name"], w=words,
                                    v=rng.choice(VERBS))
            start = offset
            end = start + len(sentence)
            text_parts.append(sentence)
            offset = end + 1
            parts.append(Sentence(si, start, end, sentence))
            ms = []
            for actor in (a, b):
                name = self.actors[actor]["name"]
                s = start + sentence.index(name)
                m = ActorMention(f"m{len(actors)}", name, s, s + len(name), si, **self.actors[actor])
                actors.append(m)
                ms.append(m)
            trigger_start = end - 1 - len(sentence.rsplit(" ", 1)[1][:-1])
            for _ in range(EVENTS_PER_DOC // SENTENCES_PER_DOC):
                typ, cameo, quad, intensity = kind
                events.append(Event(f"e{len(events)}", typ, si, Trigger(sentence.rsplit(" ", 1)[1][:-1],
                                    trigger_start, end - 1), (start, end), [ms[0]], [ms[1]],
                                    date=day.isoformat(), date_source="clause", cameo=cameo, quad_class=quad,
                                    intensity=intensity, rule="bench", confidence=0.8))
                kind = rng.choice(TYPES)           # the second event of a sentence: another type
        text = " ".join(text_parts)
        if rng.random() < 0.3:
            s = parts[1]
            quotes.append(Quote("q0", "Indirect", [1], None, [(s.start, s.end)], speaker=actors[0]))
        doc = Document(id=f"bench-{self.n}", text=text, date=date.isoformat(), date_source="metadata",
                       source=f"Quelle {self.n % 40}")
        return Analysis(doc, parts, actors, events, quotes, stages=["bench"])


def timed(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--batch-docs", type=int, default=2000, help="documents per Store.add (transaction)")
    ap.add_argument("--write", action="store_true", help="write benchmarks/results/store.md")
    ap.add_argument("--dir", help="work directory (default: a temporary one, deleted afterwards)")
    ap.add_argument("--profile", action="store_true",
                    help="print CPU and wall seconds per phase of Store.add (FTS indexed after the commit)")
    args = ap.parse_args()
    if args.profile:
        install_profile()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        results = run(Path(tmp) / "bench.duckdb", args.events, args.batch_docs)
    lines = report(results, args)
    print("\n".join(lines))
    if args.profile:
        print("\n".join(profile_report(results["events"])))
    if args.write:
        (ROOT / "benchmarks" / "results" / "store.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(path: Path, n_events: int, batch_docs: int) -> dict:
    gen = Generator()
    n_docs = n_events // EVENTS_PER_DOC
    start_date = dt.date(2015, 1, 1)
    days = 11 * 365
    add_time = gen_time = add_cpu = 0.0
    gc.disable()    # the generator's objects are acyclic; Store.add does the same for its own work
    children_cpu = _children_cpu()
    store = Store(path)
    done = 0
    while done < n_docs:
        t = time.perf_counter()
        batch = [gen.document(start_date + dt.timedelta(days=(done + i) * days // n_docs))
                 for i in range(min(batch_docs, n_docs - done))]
        gen_time += time.perf_counter() - t
        t, c = time.perf_counter(), time.process_time()
        store.add(batch, {"version": "bench"})
        add_time += time.perf_counter() - t
        add_cpu += time.process_time() - c
        done += len(batch)
        if done % (batch_docs * 50) == 0:
            print(f"  {done * EVENTS_PER_DOC:,} events, {done * EVENTS_PER_DOC / add_time:,.0f} events/s",
                  file=sys.stderr, flush=True)
    # Ingest ends when both commits are durable: the final checkpoint, and close(), which waits
    # for the full-text index process to catch up. Its CPU counts too (a reaped child process).
    t, c = time.perf_counter(), time.process_time()
    store.con.execute("CHECKPOINT")
    _count("final CHECKPOINT", c, t)
    t2, c2 = time.perf_counter(), time.process_time()
    store.close()
    _count("close (waits for the index process)", c2, t2)
    checkpoint = time.perf_counter() - t
    add_cpu += time.process_time() - c + _children_cpu() - children_cpu
    gc.enable()
    with Store(path, read_only=True) as store:
        summary = store.summary()
    out = {"events": summary["events"], "canonical": summary["canonical_events"], "documents": summary["documents"],
           "sentences": summary["sentences"], "add_s": add_time + checkpoint, "gen_s": gen_time, "add_cpu": add_cpu,
           "db_bytes": path.stat().st_size, "fts_bytes": Path(str(path) + ".fts").stat().st_size,
           "batch_docs": batch_docs}
    with Store(path, read_only=True) as store:
        busy = store.con.execute("""SELECT src_actor, tgt_actor FROM events GROUP BY ALL
                                    ORDER BY count(*) DESC LIMIT 1""").fetchone()
        a, b = busy
        word = gen.words[50]                        # a mid-frequency word of the Zipf vocabulary
        out["queries"] = {
            "dyad monthly series (busiest dyad, 11 years)": timed(lambda: query.dyad_series(store, a, b, "month")),
            "actor profile (busiest actor)": timed(lambda: query.actor_profile(store, a)),
            f"full-text search '{word}' (top 20 sentences)": timed(lambda: query.search(store, word, limit=20)),
            f"full-text search '{word}', newest first (top 20)": timed(
                lambda: query.search(store, word, limit=20, order="recent")),
            "full-text search phrase + stemming (top 20)": timed(
                lambda: query.search(store, f'"{gen.words[3]} {gen.words[7]}" OR getroffene', limit=20)),
            "events by actor + type + one year (first 100)": timed(
                lambda: query.events(store, actor=a, type=["CONSULT", "ASSAULT"], start="2020", end="2020")),
            "canonical events by country + month (first 100)": timed(
                lambda: query.events(store, country="FRA", start="2021-05", end="2021-05", canonical=True)),
            f"events whose sentence mentions '{gen.words[500]}'": timed(
                lambda: query.events(store, text=gen.words[500])),
        }
    return out


PHASES: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _count(label: str, cpu_start: float, wall_start: float) -> None:
    cpu_wall = PHASES.setdefault(label, [0.0, 0.0])
    cpu_wall[0] += time.process_time() - cpu_start
    cpu_wall[1] += time.perf_counter() - wall_start


def install_profile() -> None:
    """Time the phases of Store.add (CPU of all threads, and wall). The FTS staging thread is
    switched off so that its CPU is not counted in the DuckDB phases it would overlap."""
    from lagebild.store import dedup, rows
    from lagebild.store import store as store_module

    def timer(owner, name: str, label: str) -> None:
        fn = getattr(owner, name)

        def timed_fn(*a, **k):
            c, t = time.process_time(), time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                _count(label, c, t)
        setattr(owner, name, timed_fn)

    class TimedExit:
        """The store's transaction; the time of leaving it is the commit."""
        def __init__(self, inner) -> None:
            self.inner = inner

        def __enter__(self):
            return self.inner.__enter__()

        def __exit__(self, *exc):
            c, t = time.process_time(), time.perf_counter()
            try:
                return self.inner.__exit__(*exc)
            finally:
                _count("DuckDB commit (incl. auto-checkpoints)", c, t)

    transaction = store_module.Store._transaction
    store_module.Store._transaction = lambda self: TimedExit(transaction(self))
    store_module.Store._index_in_background = lambda self, batch: None
    store_module.Store.fts_process_min_docs = 1 << 62    # in-process, so that its phases can be timed
    for owner, name, label in [(store_module, "content_hash", "content hash"),
                               (store_module.Store, "_existing", "stored-document check"),
                               (rows.Batch, "add", "rows from Analysis objects (Python)"),
                               (rows.Batch, "tables", "Arrow tables + stems + signatures"),
                               (dedup, "assign", "dedup (incl. stored anchors query)"),
                               (store_module.Store, "_insert", "DuckDB insert"),
                               (store_module.Store, "_index", "FTS index (Python + SQLite)")]:
        timer(owner, name, label)


def profile_report(events: int) -> list[str]:
    per = 1e6 / events
    lines = ["", "| phase of Store.add | CPU s per 1M events | wall s per 1M events |", "|---|---|---|"]
    for label, (cpu, wall) in sorted(PHASES.items(), key=lambda kv: -kv[1][0]):
        lines.append(f"| {label} | {cpu * per:.2f} | {wall * per:.2f} |")
    return lines


def report(r: dict, args) -> list[str]:
    ev = r["events"]
    lines = [
        "# Store benchmark (benchmarks/store.py)",
        "",
        f"Synthetic data: {ev:,} events in {r['documents']:,} documents ({r['sentences']:,} sentences), "
        f"{r['canonical']:,} canonical events after deduplication; {r['batch_docs']} documents "
        f"({r['batch_docs'] * EVENTS_PER_DOC:,} events) per Store.add transaction. "
        f"Machine: {os.cpu_count()} cores, shared.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| ingest, Store.add (bulk insert + dedup + FTS index) | {ev / r['add_s']:,.0f} events/s | >= 50,000 |",
        f"| ingest per CPU-second of Store.add (all threads and the index process; the machine is shared) | "
        f"{ev / r['add_cpu']:,.0f} events/s | |",
        f"| ingest incl. generating the Analysis objects | {ev / (r['add_s'] + r['gen_s']):,.0f} events/s | |",
        f"| DuckDB file per event (documents with full text included) | {r['db_bytes'] / ev:.1f} bytes | <= 150 |",
        f"| full-text sidecar (SQLite FTS5, contentless) per event | {r['fts_bytes'] / ev:.1f} bytes | |",
    ]
    for name, seconds in r["queries"].items():
        lines.append(f"| query: {name} | {seconds * 1000:.0f} ms (median of 5) | <= 1,000 ms |")
    return lines


if __name__ == "__main__":
    main()
