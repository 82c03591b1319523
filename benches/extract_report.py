#!/usr/bin/env python3
"""The markdown table of benches/extract.sh from the Rust bench's and spaCy's JSON results.

usage: extract_report.py NEWSKG.json SPACY.json|- "why spaCy is missing" > OUT.md
"""

import json
import sys

# The figure for spaCy's small model on these machines, used only when spaCy cannot run here.
QUOTED_SPACY_TOKENS_PER_SECOND = 4800
TARGET = 1_000_000


def main():
    newskg = json.load(open(sys.argv[1], encoding="utf-8"))
    spacy = None if sys.argv[2] == "-" else json.load(open(sys.argv[2], encoding="utf-8"))
    why = sys.argv[3] if len(sys.argv) > 3 else ""
    rate = newskg["tokens_per_second"]
    cpu = newskg.get("tokens_per_cpu_second", {})
    one, two = rate.get("1"), rate.get("2")
    out = []
    out.append(
        f"Extraction on {newskg['articles']} dev articles ({newskg['bytes']:,} bytes, "
        f"{newskg['tokens']:,} tokens = the extractor's own tokens: words, numbers and "
        f"punctuation marks; {newskg['whitespace_words']:,} whitespace-separated words), "
        f"{newskg.get('cores', '?')} cores.\n"
    )
    out.append("| extractor | threads | tokens/s (wall) | tokens per CPU-second | vs spaCy (wall) |")
    out.append("|---|---:|---:|---:|---:|")
    base = None
    if spacy:
        base = spacy["full"]["tokens_per_second"]
    for n in sorted(rate, key=int):
        ratio = f"{rate[n] / base:,.0f}×" if base else "–"
        c = cpu.get(n)
        out.append(
            f"| newskg | {n} | {rate[n]:,.0f} | {c:,.0f} | {ratio} |"
            if c
            else f"| newskg | {n} | {rate[n]:,.0f} | ? | {ratio} |"
        )
    if spacy:
        for name, label in [("full", "full pipeline"), ("ner", "tok2vec + ner only")]:
            s = spacy[name]
            out.append(
                f"| spaCy {spacy['spacy']} {spacy['model']}, {label} | 1 | "
                f"{s['tokens_per_second']:,.0f} | {s['tokens_per_cpu_second']:,.0f} | 1× |"
                if name == "full"
                else f"| spaCy {spacy['spacy']} {spacy['model']}, {label} | 1 | "
                f"{s['tokens_per_second']:,.0f} | {s['tokens_per_cpu_second']:,.0f} | "
                f"{s['tokens_per_second'] / base:.2f}× |"
            )
    out.append("")
    if one and two:
        out.append(f"2 threads / 1 thread: {two / one:.2f}×.")
    if one:
        per_core = cpu.get("1") or one
        verdict = "met" if per_core >= TARGET else "missed"
        out.append(
            f"Target ≥ {TARGET:,} tokens/s per core: {verdict} "
            f"({per_core:,.0f} tokens per CPU-second on one thread)."
        )
    if spacy:
        ratio = one / spacy["full"]["tokens_per_second"]
        cpu_ratio = (cpu.get("1") or one) / spacy["full"]["tokens_per_cpu_second"]
        out.append(
            f"newskg / spaCy, one thread, measured in this run on the same texts: {ratio:,.0f}× "
            f"(wall), {cpu_ratio:,.0f}× (CPU time). spaCy tokens/s use the same token count "
            f"(spaCy itself counts {spacy['full']['spacy_tokens']:,} tokens)."
        )
    else:
        ratio = one / QUOTED_SPACY_TOKENS_PER_SECOND
        out.append(
            f"spaCy unavailable in this run ({why}). Ratio against the issue's quoted "
            f"{QUOTED_SPACY_TOKENS_PER_SECOND:,} tokens/s for spaCy's small model, NOT measured "
            f"in the same run: {ratio:,.0f}×."
        )
    stages = newskg.get("stage_seconds") or {}
    if stages:
        parts = ", ".join(
            f"{k} {newskg['tokens'] / v / 1e6:.2f} M tokens/s" for k, v in stages.items()
        )
        out.append(f"Stages alone (one thread): {parts}.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
