#!/usr/bin/env python3
"""pyoxigraph helpers for the benchmark (run in a baseline venv; works with pyoxigraph 0.3 to 0.5).

    pyoxigraph_tool.py load FILE.nq STORE_DIR       bulk_load N-Quads into an on-disk store
    pyoxigraph_tool.py dump STORE_DIR OUT FORMAT    dump the store (nquads | trig)
    pyoxigraph_tool.py count STORE_DIR              print the number of quads

Prints one JSON line with what it did ({"quads": ...}); timing is done by the caller.
"""

import json
import sys

import pyoxigraph as ox


def fmt(name):
    if hasattr(ox, "RdfFormat"):
        return {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}[name]
    return {"nquads": "application/n-quads", "trig": "application/trig"}[name]


def main(argv):
    cmd = argv[1]
    if cmd == "load":
        store = ox.Store(argv[3])
        if hasattr(ox, "RdfFormat"):
            store.bulk_load(path=argv[2], format=ox.RdfFormat.N_QUADS)
        else:
            with open(argv[2], "rb") as f:
                store.bulk_load(f, "application/n-quads")
        store.flush()
        print(json.dumps({"quads": len(store)}))
    elif cmd == "dump":
        store = ox.Store(argv[2])
        with open(argv[3], "wb") as out:
            if hasattr(ox, "RdfFormat"):
                store.dump(out, format=fmt(argv[4]))
            else:
                store.dump(out, fmt(argv[4]))
        print(json.dumps({"quads": len(store)}))
    elif cmd == "count":
        print(json.dumps({"quads": len(ox.Store(argv[2]))}))
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
