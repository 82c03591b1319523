#!/usr/bin/env python3
"""Turns the results.jsonl of benches/pipeline.sh into the markdown table of BENCHMARKS.md.

Every figure is the median over the runs of one size. Ratios are throughput ratios
newskg / baseline (= baseline time / newskg time): above 1, newskg is faster.

Usage: report.py RESULTS.jsonl [--machine TEXT] [--command TEXT]
"""

import argparse
import json
import statistics
import sys
from collections import defaultdict

# The reference queries of the benchmark issue (benches/queries/NAME.rq), each under 50 ms.
REFERENCE_QUERIES = {"who-travels-where", "positions-of-a-person", "quotes-of-a-person",
                     "evidence-of-a-fact", "most-mentioned-this-week"}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


class Results:
    def __init__(self, paths):
        self.runs = defaultdict(list)  # (size, stage) -> [record]
        self.notes = defaultdict(list)  # (size, note) -> [value]
        self.failed = set()
        for path in paths:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    self.add(json.loads(line))
        self.sizes = sorted({s for s, _ in list(self.runs) + list(self.notes) if s > 0})

    def add(self, r):
        if "note" in r:
            self.notes[(r["size"], r["note"])].append(r["value"])
        elif r.get("failed"):
            self.failed.add((r["size"], r["stage"]))
        else:
            self.runs[(r["size"], r["stage"])].append(r)

    def wall(self, size, stage):
        return median([r["wall_s"] for r in self.runs.get((size, stage), [])])

    def cpu(self, size, stage):
        return median([r.get("cpu_s") for r in self.runs.get((size, stage), [])])

    def rss(self, size, stage):
        return median([r["rss_kb"] for r in self.runs.get((size, stage), [])])

    def out(self, size, stage, key):
        return median([(r["out"] or {}).get(key) for r in self.runs.get((size, stage), [])])

    def note(self, size, key):
        values = self.notes.get((size, key))
        return values[-1] if values else None

    def query_ms(self, size):
        by_name = defaultdict(list)
        for r in self.runs.get((size, "queries"), []):
            for q in (r["out"] or {}).get("queries", []):
                by_name[q["name"]].append((q["ms"], q["rows"], q.get("cpu_ms")))
        return {name: (median([m for m, _, _ in v]), v[-1][1], median([c for _, _, c in v]))
                for name, v in sorted(by_name.items())}


def num(x, digits=0):
    if x is None:
        return "n/a"
    if digits == 0:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def rate(count, seconds):
    return None if count is None or not seconds else count / seconds


def ratio(baseline_s, newskg_s):
    return None if not baseline_s or not newskg_s else baseline_s / newskg_s


def table(res, machine, command):
    sizes = res.sizes
    head = "| Stage | Measure | " + " | ".join(f"N = {n:,}" for n in sizes) + " |"
    rows = [head, "|---|---|" + "---:|" * len(sizes)]

    def row(stage, measure, values):
        rows.append(f"| {stage} | {measure} | " + " | ".join(values) + " |")

    def per_size(f):
        return [f(n) for n in sizes]

    quads = {n: res.note(n, "quads") for n in sizes}
    tokens = {n: res.note(n, "tokens") for n in sizes}
    facts = {n: res.out(n, "map", "facts") for n in sizes}
    row("Runs", "medians of", per_size(lambda n: str(max((len(v) for (size, _), v in res.runs.items() if size == n), default=0))))
    row("Corpus", "articles / tokens / facts / quads", per_size(
        lambda n: f"{n:,} / {num(tokens[n])} / {num(facts[n])} / {num(quads[n])}"))
    if any(res.wall(n, "extract_1t") for n in sizes):
        row("newskg extract, 1 thread", "tokens/s", per_size(lambda n: num(rate(tokens[n], res.wall(n, "extract_1t")))))
        row("newskg extract, 2 threads", "tokens/s (scaling)", per_size(lambda n: "{} ({}×)".format(
            num(rate(tokens[n], res.wall(n, "extract_2t"))),
            num(ratio(res.wall(n, "extract_1t"), res.wall(n, "extract_2t")), 2))))
        row("newskg extract, 2 threads", "peak RSS MB", per_size(lambda n: num((res.rss(n, "extract_2t") or 0) / 1024)))
    else:
        row("newskg extract", "tokens/s", per_size(lambda n: "n/a (no `extract` command yet)"))
    row("map (parse + validate + map, 2 threads)", "facts/s · triples/s", per_size(lambda n: "{} · {}".format(
        num(rate(facts[n], res.out(n, "map", "map_s"))), num(rate(res.out(n, "map", "quads"), res.out(n, "map", "map_s"))))))
    row("load mapped quads into the store", "triples/s", per_size(
        lambda n: num(rate(res.out(n, "map_load", "quads"), res.out(n, "map_load", "load_s")))))
    build = {n: res.wall(n, "build") for n in sizes}
    row("**newskg build** (facts → on-disk store)", "s · triples/s · CPU s", per_size(
        lambda n: f"**{num(build[n], 2)}** · {num(rate(quads[n], build[n]))} · {num(res.cpu(n, 'build'), 2)}"))
    row("newskg build", "peak RSS MB", per_size(lambda n: num((res.rss(n, "build") or 0) / 1024)))
    row("newskg store", "bytes/triple (after build · after compaction)", per_size(
        lambda n: "{} · {}".format(num((res.note(n, "store_bytes") or 0) / quads[n], 1),
                                   num((res.note(n, "store_bytes_compacted") or 0) / quads[n], 1)) if quads[n] else "n/a"))
    row("compaction of the new store (`optimize`, untimed by build)", "s · CPU s", per_size(
        lambda n: f"{num(res.wall(n, 'compact'), 2)} · {num(res.cpu(n, 'compact'), 2)}"))
    morph = {n: (res.wall(n, "morph_kgc") + res.wall(n, "morph_load")) if res.wall(n, "morph_kgc") and res.wall(n, "morph_load") else None for n in sizes}
    row("(a) Morph-KGC + pyoxigraph bulk_load", "s (mapping + load) · peak RSS MB", per_size(lambda n: "{} ({} + {}) · {}".format(
        num(morph[n], 2), num(res.wall(n, "morph_kgc"), 2), num(res.wall(n, "morph_load"), 2),
        num(max(res.rss(n, "morph_kgc") or 0, res.rss(n, "morph_load") or 0) / 1024)) if morph[n] else "not run"))
    morph_cpu = {n: (res.cpu(n, "morph_kgc") or 0) + (res.cpu(n, "morph_load") or 0) for n in sizes}
    row("(a) Morph-KGC + pyoxigraph", "CPU s (user + sys)", per_size(lambda n: num(morph_cpu[n], 2) if morph[n] else "not run"))
    row("(a) ratio", "newskg build vs Morph-KGC (target ≥ 3×): wall · CPU", per_size(
        lambda n: f"**{num(ratio(morph[n], build[n]), 1)}×** · {num(ratio(morph_cpu[n], res.cpu(n, 'build')), 1)}×" if morph[n] else "—"))
    row("(b) Python + pyoxigraph bulk_extend", "s · CPU s · peak RSS MB", per_size(lambda n: "{} · {} · {}".format(
        num(res.wall(n, "py_bulk_extend"), 2), num(res.cpu(n, "py_bulk_extend"), 2),
        num((res.rss(n, "py_bulk_extend") or 0) / 1024)) if res.wall(n, "py_bulk_extend") else "not run"))
    row("(b) ratio", "newskg build vs (b): wall · CPU", per_size(
        lambda n: f"**{num(ratio(res.wall(n, 'py_bulk_extend'), build[n]), 2)}×** · {num(ratio(res.cpu(n, 'py_bulk_extend'), res.cpu(n, 'build')), 2)}×" if res.wall(n, "py_bulk_extend") else "—"))
    row("baselines' preprocessing (flatten.py, not counted above)", "s", per_size(lambda n: num(res.wall(n, "baseline_flatten"), 2)))
    row("(c) Oxigraph bulk loader (Rust) on newskg's N-Quads", "s · triples/s · CPU s", per_size(lambda n: "{} · {} · {}".format(
        num(res.wall(n, "ox_bulk_load"), 2), num(rate(quads[n], res.wall(n, "ox_bulk_load"))), num(res.cpu(n, "ox_bulk_load"), 2))))
    row("(c) ratio", "newskg build vs Oxigraph loader (target ≥ 0.85×): wall · CPU", per_size(
        lambda n: f"**{num(ratio(res.wall(n, 'ox_bulk_load'), build[n]), 2)}×** · {num(ratio(res.cpu(n, 'ox_bulk_load'), res.cpu(n, 'build')), 2)}×"))
    row("(c) Oxigraph bulk loader", "peak RSS MB · bytes/triple", per_size(lambda n: "{} · {}".format(
        num((res.rss(n, "ox_bulk_load") or 0) / 1024),
        num((res.note(n, "ox_store_bytes") or 0) / quads[n], 1) if quads[n] else "n/a")))
    row("(c′) pyoxigraph bulk_load on newskg's N-Quads", "s", per_size(lambda n: num(res.wall(n, "pyox_bulk_load"), 2)))
    row("Python baselines", "timed runs", per_size(lambda n: str(len(res.runs.get((n, "py_bulk_extend"), [])))))
    row("newskg export --format turtle", "s · triples/s · CPU s", per_size(lambda n: "{} · {} · {}".format(
        num(res.wall(n, "export_turtle"), 2), num(rate(quads[n], res.wall(n, "export_turtle"))), num(res.cpu(n, "export_turtle"), 2))))
    row("newskg export --format turtle", "peak RSS MB · output bytes/triple", per_size(lambda n: "{} · {}".format(
        num((res.rss(n, "export_turtle") or 0) / 1024),
        num((res.note(n, "turtle_bytes") or 0) / quads[n], 1) if quads[n] else "n/a")))
    row("Oxigraph dump (TriG) of the same store", "s · CPU s", per_size(lambda n: f"{num(res.wall(n, 'ox_dump_trig'), 2)} · {num(res.cpu(n, 'ox_dump_trig'), 2)}"))
    row("Turtle export ratio", "newskg turtle vs Oxigraph TriG dump (target ≥ 0.9×): wall · CPU", per_size(
        lambda n: f"**{num(ratio(res.wall(n, 'ox_dump_trig'), res.wall(n, 'export_turtle')), 2)}×** · {num(ratio(res.cpu(n, 'ox_dump_trig'), res.cpu(n, 'export_turtle')), 2)}×"))
    row("newskg export --format nquads vs Oxigraph N-Quads dump", "s vs s", per_size(lambda n: "{} vs {}".format(
        num(res.wall(n, "export_nquads"), 2), num(res.wall(n, "ox_dump_nquads"), 2))))
    names = sorted({name for n in sizes for name in res.query_ms(n)})
    for name in names:
        # The five reference queries of the issue have a target; the others (e.g. every traveller
        # to a city, whose answer grows with the corpus) are measured for information.
        target = "(target < 50 ms)" if name in REFERENCE_QUERIES else "(no target: the answer grows with N)"
        row(f"query `{name}`", f"ms wall · ms on CPU (rows) {target}", per_size(
            lambda n: "{} · {} ({})".format(num(res.query_ms(n).get(name, (None, 0, None))[0], 1),
                                            num(res.query_ms(n).get(name, (None, 0, None))[2], 1),
                                            res.query_ms(n).get(name, (None, "—", None))[1])))
    row("same quads as newskg", "(b) · (a)", per_size(lambda n: "{} · {}".format(
        {True: "yes", False: "**NO**", None: "—"}[res.note(n, "same_extend")],
        {True: "yes", False: "**NO**", None: "not run"}[res.note(n, "same_morph")])))
    loads = [r.get("load1") for v in res.runs.values() for r in v if r.get("load1") is not None]
    load = f" Load average (1 min) at the end of each step: {min(loads):.2f}–{max(loads):.2f}, median {median(loads):.2f}." if loads else ""
    text = [f"Machine: {machine}.{load} Command: `{command}`. Medians over the runs; wall times of whole processes "
            "(start-up included) unless the measure says otherwise. Ratios are newskg's throughput over the "
            "other side's (above 1: newskg is faster).", ""]
    dev_tokens = res.note(0, "dev_tokens")
    if dev_tokens and res.wall(0, "extract_dev_1t"):
        one, two = res.wall(0, "extract_dev_1t"), res.wall(0, "extract_dev_2t")
        text.append(f"Extraction on the real dev articles (--dev, repeated 20×, {dev_tokens:,} tokens): "
                    f"{num(rate(dev_tokens, one))} tokens/s on 1 thread, {num(rate(dev_tokens, two))} tokens/s on 2 "
                    f"threads ({num(ratio(one, two), 2)}×), whole process timed (target ≥ 1,000,000 tokens/s per core).")
        text.append("")
    if res.failed:
        text.append("Failed stages: " + ", ".join(f"{stage} (N={size})" for size, stage in sorted(res.failed)))
        text.append("")
    return "\n".join(text + rows) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results", nargs="+")
    ap.add_argument("--machine", default="unknown")
    ap.add_argument("--command", default="benches/pipeline.sh")
    args = ap.parse_args()
    sys.stdout.write(table(Results(args.results), args.machine, args.command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
