#!/usr/bin/env python3
"""Baseline preprocessing: newskg facts documents → flat JSON tables with pre-computed IRIs.

The RML mapping (`mapping.rml.ttl`, run by Morph-KGC) and the hand-written pyoxigraph script
(`pyoxigraph_bulk_extend.py`) read these tables. An RML mapping cannot compute newskg's IRIs
(FNV-1a hashes, NFKD slugs, `-2` suffixes for repeated facts) nor the one-label-per-entity choice
across articles, so this script does it for them, following `docs/rdf-model.md`. Its time is
measured and reported on its own row ("baseline preprocessing"); the baseline rows exclude it,
which favours the baselines. newskg's own times include all of this work.

Every table is a JSON array of flat objects whose values are all strings (so that no tool
re-formats numbers: offsets stay "149", confidences stay "0.95").

Usage: flatten.py FACTS.jsonl OUT_DIR [--base IRI]
"""

import argparse
import json
import os
import sys
import unicodedata

NK = "https://w3id.org/newskg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DEFAULT_BASE = "https://w3id.org/newskg/id/"

# Ontology classes by scope (the subclass tree of ontology/news.ttl, as the mapper uses it).
SHARED_GROUP = {
    "Person": "person",
    "Organization": "organization",
    "Place": "place", "Country": "place", "City": "place",
    "Position": "position",
}
ARTICLE_SEGMENT = {
    "Event": "event", "Travel": "event", "Meeting": "event", "Withdrawal": "event", "Talks": "event",
    "Statement": "event", "Attack": "event", "Arrest": "event", "Death": "event",
    "Demonstration": "event", "Communication": "event", "MoneyTransfer": "event",
    "Quotation": "quote",
}
# Datatype properties (the rest are object properties).
DATATYPE_PROPERTIES = {"positionTitle", "quotedText", "eventTime", "mentionCount", "dateline", "datePublished",
                       "title", "url", "text", "startOffset", "endOffset", "triggerStart", "triggerEnd",
                       "triggerText", "confidence", "linkMethod", "timeText", "timeStart", "timeEnd"}

UNRESERVED = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def pct_encode(s):
    return "".join(chr(b) if b in UNRESERVED else f"%{b:02X}" for b in s.encode("utf-8"))


def fnv64_hex(*parts):
    h = 0xCBF29CE484222325
    for i, part in enumerate(parts):
        if i:
            h ^= 0xFF
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        for b in part.encode("utf-8"):
            h ^= b
            h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def slug(name):
    out, dash = [], False
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(c):
            continue
        for c in c.lower():
            if c.isalnum():
                if dash and out:
                    out.append("-")
                dash = False
                out.append(c if c.isascii() else pct_encode(c))
            else:
                dash = True
    return "".join(out) if out else "_" + fnv64_hex(name)


def preferred_label(names):
    return min(names, key=lambda n: (-len(n), n)) if names else None


def decimal(x):
    """Rust's `Display` of an f64 (shortest round-trip form, no exponent, no trailing `.0`)."""
    x = float(x)
    if x == int(x):
        return str(int(x))
    return repr(x)


def nt_literal(value, datatype=None):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"' if datatype is None else f'"{escaped}"^^<{datatype}>'


def is_iso_date(s):
    if len(s) != 10 or s[4] != "-" or s[7] != "-" or not (s[:4] + s[5:7] + s[8:]).isdigit():
        return False
    import datetime
    try:
        datetime.date(int(s[:4]), int(s[5:7]), int(s[8:]))
        return True
    except ValueError:
        return False


def iso_week(s):
    """The ISO 8601 week of a date, as newskg writes it in nk:publishedWeek ("2026-W52")."""
    import datetime
    year, week, _ = datetime.date(int(s[:4]), int(s[5:7]), int(s[8:])).isocalendar()
    return f"{year:04d}-W{week:02d}"


class Tables:
    def __init__(self):
        self.t = {name: [] for name in (
            "articles", "mentions", "scoped_types", "scoped_labels", "scoped_alts", "facts", "sentences",
            "activities", "agents", "entity_types", "entity_labels", "entity_alts")}
        self.entities = {}  # iri -> [types set, names set, aliases set]
        self.agents = {}

    def add(self, table, **row):
        self.t[table].append({k: v for k, v in row.items() if v is not None})

    def document(self, doc, base):
        art = doc["article"]
        g = f"{base}article/{pct_encode(art['id'])}"
        text = art.get("text")
        self.add("articles", g=g, title=art.get("title"), date=art.get("date"),
                 week=iso_week(art["date"]) if art.get("date") and is_iso_date(art["date"]) else None,
                 dateline=art.get("dateline"),
                 url=art.get("url"),
                 publisher=f"{base}organization/{slug(art['publisher'])}" if art.get("publisher") else None)
        if art.get("publisher"):
            self.describe(f"{base}organization/{slug(art['publisher'])}", "Organization", art["publisher"], [])
        iris, scoped_used, scoped = {}, {}, set()
        for ent in doc.get("entities", []):
            kind, name = ent["type"], ent["name"]
            if kind in ARTICLE_SEGMENT:
                segment = ARTICLE_SEGMENT[kind]
                key = fnv64_hex(name) if segment == "quote" else slug(name)
                iri, n = f"{g}/{segment}/{key}", 1
                while scoped_used.get(iri, ent["id"]) != ent["id"]:
                    n += 1
                    iri = f"{g}/{segment}/{key}-{n}"
                scoped_used[iri] = ent["id"]
                self.add("scoped_types", g=g, iri=iri, cls=NK + kind)
                if iri not in scoped:
                    scoped.add(iri)
                    self.add("scoped_labels", g=g, iri=iri, label=name)
                else:
                    self.add("scoped_alts", g=g, iri=iri, alt=name)
                for alias in ent.get("aliases", []):
                    self.add("scoped_alts", g=g, iri=iri, alt=alias)
                if ent.get("links"):
                    raise SystemExit("flatten.py: entity links are not supported by the benchmark mapping")
            else:
                group = SHARED_GROUP.get(kind, "entity")
                if ent.get("links"):
                    raise SystemExit("flatten.py: entity links are not supported by the benchmark mapping")
                iri = f"{base}{group}/{slug(name)}"
                self.describe(iri, kind, name, ent.get("aliases", []))
            self.add("mentions", g=g, iri=iri)
            iris[ent["id"]] = iri
        keys, sentences = {}, set()
        doc_extractor = doc.get("extractor")
        for fact in doc.get("facts", []):
            s, p = iris[fact["subject"]], fact["predicate"]
            row = {"g": g, "s": s, "p": NK + p}
            if p in DATATYPE_PROPERTIES:
                value = fact["value"]
                if is_iso_date(value):
                    raise SystemExit("flatten.py: date-valued literals are not supported by the benchmark mapping")
                row["olit"] = value
                o_nt = nt_literal(value)
            else:
                row["oiri"] = iris[fact["object"]]
                o_nt = f"<{row['oiri']}>"
            key = fnv64_hex(art["id"], s, NK + p, o_nt)
            keys[key] = keys.get(key, 0) + 1
            row["node"] = f"{g}/fact/{key}" if keys[key] == 1 else f"{g}/fact/{key}-{keys[key]}"
            modality = fact.get("modality", "asserted")
            row["modality"] = NK + modality[0].upper() + modality[1:]
            row["confidence"] = decimal(fact.get("confidence", 1.0))
            ev = fact.get("evidence")
            if ev:
                sp = ev["sentence"]
                sent = f"{g}/sentence/{sp['start']}-{sp['end']}"
                row["sentence"] = sent
                if sent not in sentences:
                    sentences.add(sent)
                    self.add("sentences", g=g, node=sent, start=str(sp["start"]), end=str(sp["end"]),
                             text=text[sp["start"]:sp["end"]] if text is not None else None)
                if ev.get("span"):
                    row["tstart"], row["tend"] = str(ev["span"]["start"]), str(ev["span"]["end"])
                    if text is not None:
                        row["ttext"] = text[ev["span"]["start"]:ev["span"]["end"]]
            time = fact.get("time")
            if time:
                row["timetext"] = time["text"]
                if time.get("start"):
                    row["timestart"] = time["start"]
                if time.get("end"):
                    row["timeend"] = time["end"]
            extractor = fact.get("extractor") or doc_extractor
            if extractor:
                path = f"{pct_encode(extractor['name'])}/{pct_encode(extractor['version'])}"
                row["agent"] = f"{base}extractor/{path}"
                row["activity"] = f"{g}/extraction/{path}"
                if (g, path) not in self.agents:
                    self.agents[(g, path)] = True
                    self.add("activities", g=g, node=row["activity"], agent=row["agent"])
                    if path not in self.agents:
                        self.agents[path] = True
                        self.add("agents", node=row["agent"], label=f"{extractor['name']} {extractor['version']}",
                                 name=extractor["name"], version=extractor["version"])
            self.t["facts"].append(row)

    def describe(self, iri, kind, name, aliases):
        e = self.entities.setdefault(iri, (set(), set(), set()))
        e[0].add(NK + kind)
        e[1].add(name)
        e[2].update(a for a in aliases if a.strip())

    def finish(self):
        for iri in sorted(self.entities):
            types, names, aliases = self.entities[iri]
            label = preferred_label(names)
            for t in sorted(types):
                self.add("entity_types", iri=iri, cls=t)
            self.add("entity_labels", iri=iri, label=label)
            for alt in sorted((names | aliases) - {label}):
                self.add("entity_alts", iri=iri, alt=alt)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("facts")
    ap.add_argument("out")
    ap.add_argument("--base", default=DEFAULT_BASE)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    tables = Tables()
    with open(args.facts, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                tables.document(json.loads(line), args.base)
    tables.finish()
    for name, rows in tables.t.items():
        with open(os.path.join(args.out, f"{name}.json"), "w", encoding="utf-8") as out:
            json.dump(rows, out, ensure_ascii=False, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
