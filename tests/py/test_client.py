"""Standard SPARQL client libraries against `newskg serve`.

Usage: python test_client.py http://127.0.0.1:PORT
Run by tests/server_python.rs; exits non-zero with a message when a check fails.
"""
import sys

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, XML, CSV, TURTLE, SPARQLWrapper

ID = "https://w3id.org/newskg/id/"
PREFIXES = """PREFIX nk: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
TRAVELS = PREFIXES + "SELECT ?who ?where WHERE { ?who nk:travelsTo ?where }"


def check(condition, message):
    if not condition:
        print("FAILED: " + message, file=sys.stderr)
        sys.exit(1)


def main(base):
    endpoint = base + "/sparql"

    # SPARQLWrapper, JSON results by GET, then by POST.
    for method in ("GET", "POST"):
        client = SPARQLWrapper(endpoint)
        client.setMethod(method)
        client.setQuery(TRAVELS)
        client.setReturnFormat(JSON)
        rows = client.query().convert()["results"]["bindings"]
        pairs = {(r["who"]["value"], r["where"]["value"]) for r in rows}
        check(pairs == {(ID + "person/marta-vilanova", ID + "city/tallinn")}, f"{method} JSON: {pairs}")

    # XML results come back as a DOM document.
    client = SPARQLWrapper(endpoint)
    client.setQuery(TRAVELS)
    client.setReturnFormat(XML)
    dom = client.query().convert()
    uris = {n.firstChild.data for n in dom.getElementsByTagName("uri")}
    check(ID + "city/tallinn" in uris, f"XML: {uris}")

    # CSV.
    client = SPARQLWrapper(endpoint)
    client.setQuery(TRAVELS)
    client.setReturnFormat(CSV)
    csv = client.query().convert().decode("utf-8")
    check(csv.splitlines()[0].strip() == "who,where", f"CSV header: {csv!r}")

    # CONSTRUCT as Turtle, parsed by rdflib.
    client = SPARQLWrapper(endpoint)
    client.setQuery(PREFIXES + "CONSTRUCT { ?who nk:travelsTo ?where } WHERE { ?who nk:travelsTo ?where }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    check(len(graph) == 1, f"CONSTRUCT: {len(graph)} triples")

    # A syntax error is reported as an HTTP 400 (SPARQLWrapper raises QueryBadFormed).
    client = SPARQLWrapper(endpoint)
    client.setQuery("SELECT ?x WHERE { ?x")
    client.setReturnFormat(JSON)
    try:
        client.query()
        check(False, "a bad query was accepted")
    except Exception as error:  # SPARQLWrapper.SPARQLExceptions.QueryBadFormed
        check("QueryBadFormed" in type(error).__name__, f"bad query raised {type(error).__name__}")

    # rdflib's SPARQLStore: a read-only graph backed by the endpoint.
    store = SPARQLStore(endpoint, returnFormat="json")
    graph = rdflib.ConjunctiveGraph(store=store)
    rows = list(graph.query(PREFIXES + "SELECT ?name WHERE { ?p nk:spokespersonOf ?org . ?p rdfs:label ?name }"))
    check([str(r[0]) for r in rows] == ["Oskar Lind"], f"SPARQLStore: {rows}")
    ask = graph.query(PREFIXES + "ASK { ?x nk:brokers ?y }")
    check(bool(ask.askAnswer), "SPARQLStore ASK")
    print("python clients: all checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
