#!/usr/bin/env python3
"""Baseline (b): a hand-written Python mapper over the flat tables of flatten.py, loading the quads
into an on-disk pyoxigraph store with `Store.bulk_extend`.

This is the script a Python user would write instead of an RML mapping: read the tables, build
`Quad` objects, stream them into the bulk loader. It produces the same quads as newskg (checked by
pipeline.sh before timing).

Usage: pyoxigraph_bulk_extend.py TABLES_DIR STORE_DIR [--entities-graph IRI]
"""

import json
import os
import sys

from pyoxigraph import Literal, NamedNode, Quad, Store

NK = "https://w3id.org/newskg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "http://schema.org/"
ENTITIES = "https://w3id.org/newskg/id/graph/entities"
FACTS = "https://w3id.org/newskg/id/graph/facts"


def n(iri, cache={}):
    node = cache.get(iri)
    if node is None:
        node = cache[iri] = NamedNode(iri)
    return node


TYPE, LABEL, ALT = n(RDF + "type"), n(RDFS + "label"), n(SKOS + "altLabel")
DATE, DECIMAL, INTEGER, ANYURI = n(XSD + "date"), n(XSD + "decimal"), n(XSD + "integer"), n(XSD + "anyURI")


def table(folder, name):
    with open(os.path.join(folder, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def quads(folder):
    ent = n(ENTITIES)
    for r in table(folder, "articles"):
        g = n(r["g"])
        yield Quad(g, TYPE, n(NK + "Article"), g)
        if "title" in r:
            yield Quad(g, n(NK + "title"), Literal(r["title"]), g)
        if "date" in r:
            yield Quad(g, n(NK + "datePublished"), Literal(r["date"], datatype=DATE), g)
        if "week" in r:
            yield Quad(g, n(NK + "publishedWeek"), Literal(r["week"]), g)
        if "dateline" in r:
            yield Quad(g, n(NK + "dateline"), Literal(r["dateline"]), g)
        if "url" in r:
            yield Quad(g, n(NK + "url"), Literal(r["url"], datatype=ANYURI), g)
        if "publisher" in r:
            yield Quad(g, n(NK + "publisher"), n(r["publisher"]), g)
    mentions = n(NK + "mentions")
    for r in table(folder, "mentions"):
        g = n(r["g"])
        yield Quad(g, mentions, n(r["iri"]), g)
    for r in table(folder, "scoped_types"):
        yield Quad(n(r["iri"]), TYPE, n(r["cls"]), n(r["g"]))
    for r in table(folder, "scoped_labels"):
        yield Quad(n(r["iri"]), LABEL, Literal(r["label"]), n(r["g"]))
    for r in table(folder, "scoped_alts"):
        yield Quad(n(r["iri"]), ALT, Literal(r["alt"]), n(r["g"]))
    fact = n(NK + "Fact")
    facts_graph = n(FACTS)
    p_subject, p_predicate, p_object = n(RDF + "subject"), n(RDF + "predicate"), n(RDF + "object")
    modality, confidence, derived = n(NK + "modality"), n(NK + "confidence"), n(PROV + "wasDerivedFrom")
    evidence, tstart, tend, ttext = n(NK + "evidence"), n(NK + "triggerStart"), n(NK + "triggerEnd"), n(NK + "triggerText")
    timetext, timestart, timeend = n(NK + "timeText"), n(NK + "timeStart"), n(NK + "timeEnd")
    attributed, generated = n(PROV + "wasAttributedTo"), n(PROV + "wasGeneratedBy")
    for r in table(folder, "facts"):
        g, s, p, node = n(r["g"]), n(r["s"]), n(r["p"]), n(r["node"])
        o = n(r["oiri"]) if "oiri" in r else Literal(r["olit"])
        yield Quad(s, p, o, facts_graph)
        yield Quad(node, TYPE, fact, g)
        yield Quad(node, p_subject, s, g)
        yield Quad(node, p_predicate, p, g)
        yield Quad(node, p_object, o, g)
        yield Quad(node, modality, n(r["modality"]), g)
        yield Quad(node, confidence, Literal(r["confidence"], datatype=DECIMAL), g)
        yield Quad(node, derived, g, g)
        if "sentence" in r:
            yield Quad(node, evidence, n(r["sentence"]), g)
        if "tstart" in r:
            yield Quad(node, tstart, Literal(r["tstart"], datatype=INTEGER), g)
            yield Quad(node, tend, Literal(r["tend"], datatype=INTEGER), g)
        if "ttext" in r:
            yield Quad(node, ttext, Literal(r["ttext"]), g)
        if "timetext" in r:
            yield Quad(node, timetext, Literal(r["timetext"]), g)
        if "timestart" in r:
            yield Quad(node, timestart, Literal(r["timestart"], datatype=DATE), g)
        if "timeend" in r:
            yield Quad(node, timeend, Literal(r["timeend"], datatype=DATE), g)
        if "agent" in r:
            yield Quad(node, attributed, n(r["agent"]), g)
            yield Quad(node, generated, n(r["activity"]), g)
    sentence, part_of = n(NK + "Sentence"), n(NK + "partOf")
    start, end, text = n(NK + "startOffset"), n(NK + "endOffset"), n(NK + "text")
    for r in table(folder, "sentences"):
        g, node = n(r["g"]), n(r["node"])
        yield Quad(node, TYPE, sentence, g)
        yield Quad(node, part_of, g, g)
        yield Quad(node, start, Literal(r["start"], datatype=INTEGER), g)
        yield Quad(node, end, Literal(r["end"], datatype=INTEGER), g)
        if "text" in r:
            yield Quad(node, text, Literal(r["text"]), g)
    for r in table(folder, "activities"):
        g, node = n(r["g"]), n(r["node"])
        yield Quad(node, TYPE, n(NK + "Extraction"), g)
        yield Quad(node, n(PROV + "wasAssociatedWith"), n(r["agent"]), g)
        yield Quad(node, n(PROV + "used"), g, g)
    for r in table(folder, "agents"):
        node = n(r["node"])
        yield Quad(node, TYPE, n(NK + "Extractor"), ent)
        yield Quad(node, LABEL, Literal(r["label"]), ent)
        yield Quad(node, n(SCHEMA + "name"), Literal(r["name"]), ent)
        yield Quad(node, n(SCHEMA + "softwareVersion"), Literal(r["version"]), ent)
    for r in table(folder, "entity_types"):
        yield Quad(n(r["iri"]), TYPE, n(r["cls"]), ent)
    for r in table(folder, "entity_labels"):
        yield Quad(n(r["iri"]), LABEL, Literal(r["label"]), ent)
    for r in table(folder, "entity_alts"):
        yield Quad(n(r["iri"]), ALT, Literal(r["alt"]), ent)


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    store = Store(argv[2])
    store.bulk_extend(quads(argv[1]))
    store.flush()
    print(json.dumps({"quads": len(store)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
