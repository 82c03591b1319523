#!/usr/bin/env python3
"""Deterministic synthetic news corpus for the newskg benchmark.

Writes N invented wire-style articles and, for each, the facts document newskg's extractor is
expected to produce (newskg facts format, `schema/facts.schema.json`):

    OUT/articles.jsonl   one {"id", "title", "text", "date", "publisher"} per line
                         (the input of `newskg extract -`)
    OUT/facts.jsonl      one facts document per line (the input of `newskg build`)

The same N and seed always give byte-identical files on every machine: the generator uses its own
SplitMix64 generator, no hash randomisation, no clock. All names, places and sentences are invented
for this benchmark from small word pools; the sentence patterns are the ones the extractor handles
(titles before names, datelines, travel, meetings, spokespeople, quotes, brokered talks,
withdrawals), so the corpus exercises the same code paths as real wire copy.

Usage: generate.py N OUT_DIR [--seed S]
"""

import argparse
import datetime
import json
import os
import sys

MASK = (1 << 64) - 1


class Rng:
    """SplitMix64: tiny, fast enough, identical on every platform and Python version."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def chance(self, percent):
        return self.below(100) < percent


# --- Word pools (invented for this benchmark) -----------------------------------------------------

FIRST = """Amara Anton Beatriz Boris Camille Carlos Dalia Dmitri Elena Emeka Farida Felix Greta Gustavo
Hana Hugo Ines Ivan Jonas Julia Kamal Katrin Leila Lorenzo Malik Marta Nadia Nikolai Olga Omar Paula
Pieter Rania Rafael Sabine Samir Tamara Tomas Ulla Viktor Wanjiru Walter Ximena Yusuf Zofia Zoran
Adaeze Bjorn Chiara Desmond Elif Fabian Gloria Henrik Ingrid Jamal Kirsten Luca Mariam Nils Oksana
Patrick Quentin Rosa Stefan Teresa Umar Vera William Yara Anselm Bettina Cormac Dorota Esteban Fiona""".split()

LAST = """Abara Bergstrom Castellanos Dimitriou Eriksen Fonseca Gashi Halvorsen Ibekwe Jankowski Kariuki
Lindqvist Mendoza Nakamura Okonkwo Petrova Quispe Rahimi Sandoval Takahashi Urquhart Valdivia Wojcik
Xhaferi Yilmaz Zapata Achterberg Brennan Cifuentes Dragomir Ekwueme Ferreira Gallagher Horvath Iversen
Jovanovic Kowalczyk Lambert Moreau Novak Oyelaran Pellegrini Rautio Sorensen Tanaka Uribe Vasquez
Whitfield Adeyemi Bianchi Calloway Delacroix Esposito Fitzgerald Grimaldi Hakimi Ishikawa Jensen
Kovacs Lindgren Marchetti Nowicki Ostrowski Papadakis Rinaldi Schreiber Toivonen Varga Weston""".split()

# (country, demonym, capital, other city)
COUNTRIES = [
    ("Norland", "Norlandic", "Vestby", "Harrowgate"),
    ("Kestria", "Kestrian", "Amberfort", "Dunmere"),
    ("Valoria", "Valorian", "Sant Aurel", "Porto Veil"),
    ("Ostrava Republic", "Ostravan", "Lindenhof", "Kraslov"),
    ("Meridia", "Meridian", "Solace", "Tarragon Bay"),
    ("Quelland", "Quellish", "Brightwater", "Emberly"),
    ("Zanthera", "Zantheran", "Kiruma", "Lake Oduya"),
    ("Caldonia", "Caldonian", "New Hollis", "Fairhaven"),
    ("Tesmar", "Tesmari", "Al Qadira", "Rhamsin"),
    ("Borvik", "Borvikian", "Stavanmark", "Oddaby"),
    ("Lusanne", "Lusannais", "Belcourt", "Miraval"),
    ("Paravia", "Paravian", "Cordillo", "San Telmo"),
    ("Hesperia", "Hesperian", "Westmarch", "Greyport"),
    ("Ardenne Union", "Ardennais", "Montclair", "Vauban"),
    ("Sarkand", "Sarkandi", "Tashvar", "Nurabad"),
    ("Elbonia", "Elbonian", "Grozna", "Pelinsk"),
    ("Korvath", "Korvathi", "Ulm Tor", "Draskel"),
    ("Istrania", "Istranian", "Port Sabel", "Kalimera"),
    ("Mbeluland", "Mbeluan", "Nakuri", "Siavonga"),
    ("Tarvassa", "Tarvassan", "Riga Nova", "Osmund"),
]

# (organisation, short alias or None)
ORGS = [
    ("Department of State", "State Department"),
    ("Ministry of Foreign Affairs", "Foreign Ministry"),
    ("Ministry of Defence", "Defence Ministry"),
    ("United Nations", "U.N."),
    ("Atlantic Security Council", None),
    ("International Red Cross", "Red Cross"),
    ("World Trade Forum", None),
    ("Northern Energy Agency", None),
    ("Coastal Fisheries Commission", None),
    ("Pan-Continental Development Bank", "Development Bank"),
    ("Union of Port Workers", None),
    ("Office of the Prime Minister", None),
]

TITLES = ["Foreign Minister", "President", "Prime Minister", "Defence Minister", "Finance Minister",
          "Interior Minister", "Trade Minister", "Secretary of State", "Vice President", "Ambassador"]

PUBLISHERS = ["Meridian Wire", "Continental Press Agency", "Harbour Post", "Globe Dispatch",
              "Northern Times", "Evening Ledger", "Capital Courier", "World Newswire"]

TOPICS = ["the ceasefire", "grain exports", "the border dispute", "energy prices", "a prisoner exchange",
          "fishing rights", "the refugee crisis", "a new trade agreement", "the water treaty",
          "election monitoring", "debt relief", "the pipeline project", "port security"]

FILLERS = [
    "Officials declined to give further details about the schedule.",
    "The announcement came after weeks of speculation in the capital.",
    "Analysts said the outcome would depend on the next round of negotiations.",
    "Markets rose slightly after the news, with bond yields falling for a third day.",
    "Opposition lawmakers criticised the plan as rushed and poorly explained.",
    "The issue has strained relations between the two neighbours for more than a decade.",
    "Diplomats described the mood at the last meeting as cautious but constructive.",
    "Several aid groups warned that the situation on the ground was getting worse.",
    "Local newspapers reported that preparations had already begun.",
    "A joint statement is expected at the end of the visit.",
    "The government has faced growing pressure over rising food and fuel costs.",
    "Talks stalled last year over the question of who would pay for reconstruction.",
]

QUOTES = [
    "We are ready to listen, but we will not accept conditions imposed from outside",
    "This is a serious opportunity and we intend to use it",
    "Nobody should confuse patience with weakness",
    "The door to dialogue remains open",
    "Our priority is the safety of civilians",
    "We expect concrete results, not more promises",
    "There is no military solution to this conflict",
    "The agreement protects jobs on both sides of the border",
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

EXTRACTOR = {"name": "bench-generator", "version": "1"}


class Person:
    __slots__ = ("first", "last", "title", "country")

    def __init__(self, first, last, title, country):
        self.first, self.last, self.title, self.country = first, last, title, country

    @property
    def name(self):
        return f"{self.first} {self.last}"


def people_pool(rng, size):
    """A fixed cast shared by all articles, so entities recur across articles like in real news."""
    pool, seen = [], set()
    while len(pool) < size:
        first, last = rng.pick(FIRST), rng.pick(LAST)
        if (first, last) in seen:
            if len(seen) >= len(FIRST) * len(LAST):
                break
            continue
        seen.add((first, last))
        pool.append(Person(first, last, rng.pick(TITLES), rng.pick(COUNTRIES)))
    return pool


class Doc:
    """Builds the text of one article while recording entities, mentions and facts."""

    def __init__(self, article_id, date):
        self.id = article_id
        self.date = date
        self.parts = []
        self.length = 0
        self.entities = {}  # (type, name) -> entity dict
        self.facts = []
        self.current = {"start": 0, "end": 0}

    # text
    def put(self, s):
        start = self.length
        self.parts.append(s)
        self.length += len(s)
        return (start, self.length)

    def begin(self):
        """Starts a sentence; facts added until `close` point at it as their evidence."""
        self.current = {"start": self.length, "end": self.length}

    def close(self):
        self.current["end"] = self.length

    def sentence(self):
        return self.current

    # entities
    def entity(self, kind, name, alias=None, span=None):
        key = (kind, name)
        ent = self.entities.get(key)
        if ent is None:
            ent = {"id": f"e{len(self.entities) + 1}", "type": kind, "name": name}
            self.entities[key] = ent
        if alias and alias != name:
            aliases = ent.setdefault("aliases", [])
            if alias not in aliases:
                aliases.append(alias)
        if span is not None:
            ent.setdefault("mentions", []).append({"start": span[0], "end": span[1]})
        return ent["id"]

    def mention(self, kind, name, surface=None):
        surface = surface or name
        span = self.put(surface)
        return self.entity(kind, name, alias=surface, span=span)

    def fact(self, s, p, o=None, value=None, modality="asserted", confidence=0.9, trigger=None, time=None):
        fact = {"subject": s, "predicate": p}
        if o is not None:
            fact["object"] = o
        if value is not None:
            fact["value"] = value
        if time is not None:
            fact["time"] = time
        fact["modality"] = modality
        fact["confidence"] = confidence
        evidence = {"sentence": self.sentence()}
        if trigger is not None:
            evidence["span"] = {"start": trigger[0], "end": trigger[1]}
        fact["evidence"] = evidence
        self.facts.append(fact)

    def text(self):
        return "".join(self.parts)


def iso(d):
    return d.isoformat()


def place_kind(name, country):
    return "Country" if name == country[0] else "City"


def person_with_title(doc, p, demonym=True):
    """`Kestrian Foreign Minister Elena Petrova`: person, position, country; returns person id."""
    country, dem = p.country[0], p.country[1]
    position = f"{p.title} of {country}"
    if demonym:
        cid = doc.mention("Country", country, dem)
        doc.put(" ")
    else:
        cid = doc.entity("Country", country)
    tspan = doc.put(p.title)
    pos = doc.entity("Position", position, alias=p.title, span=tspan)
    doc.put(" ")
    pid = doc.mention("Person", p.name)
    doc.fact(pid, "holdsPosition", pos, trigger=tspan, confidence=0.95)
    doc.fact(pos, "positionTitle", value=p.title, trigger=tspan, confidence=0.95)
    doc.fact(pos, "positionIn", cid, confidence=0.8)
    return pid


def s_travel(rng, doc, cast, date):
    p = rng.pick(cast)
    dest = rng.pick(COUNTRIES)
    city = dest[2] if rng.chance(70) else dest[3]
    doc.begin()
    pid = person_with_title(doc, p)
    trig = doc.put(" will travel to ")
    cid = doc.mention("City", city)
    doc.put(" next week")
    monday = date + datetime.timedelta(days=7 - date.weekday())
    time = {"text": "next week", "start": iso(monday), "end": iso(monday + datetime.timedelta(days=6))}
    doc.put(f" for talks on {rng.pick(TOPICS)}, officials said on {WEEKDAYS[date.weekday()]}.")
    doc.fact(pid, "travelsTo", cid, modality="planned", trigger=(trig[0] + 1, trig[1] - 1), time=time, confidence=0.95)


def s_meeting(rng, doc, cast, date):
    a, b = rng.pick(cast), rng.pick(cast)
    if a is b:
        return
    day = rng.below(7)
    doc.begin()
    aid = doc.mention("Person", a.name, a.last)
    trig = doc.put(" met ")
    bid = person_with_title(doc, b)
    doc.put(" in ")
    doc.mention("City", b.country[2])
    doc.put(f" on {WEEKDAYS[day]}.")
    back = (date.weekday() - day) % 7 or 7
    doc.fact(aid, "meetsWith", bid, trigger=(trig[0] + 1, trig[1] - 1),
             time={"text": f"on {WEEKDAYS[day]}", "start": iso(date - datetime.timedelta(days=back))})


def s_spokesperson(rng, doc, cast, date):
    p = rng.pick(cast)
    org, alias = rng.pick(ORGS)
    doc.begin()
    oid = doc.mention("Organization", org, alias if alias and rng.chance(50) else org)
    doc.put(" ")
    trig = doc.put("spokesman" if rng.chance(60) else "spokeswoman")
    doc.put(" ")
    pid = doc.mention("Person", p.name)
    doc.put(f" told reporters that no decision had been taken on {rng.pick(TOPICS)}.")
    doc.fact(pid, "spokespersonOf", oid, trigger=trig, confidence=0.95)


def s_quote(rng, doc, cast, date):
    p = rng.pick(cast)
    words = rng.pick(QUOTES)
    doc.begin()
    doc.put("\u201c")
    qspan = doc.put(words)
    doc.put(",\u201d ")
    pid = doc.mention("Person", p.name, p.last)
    trig = doc.put(" said")
    doc.put(".")
    qid = doc.entity("Quotation", words, span=qspan)
    doc.fact(qid, "quotedText", value=words, confidence=0.95)
    doc.fact(qid, "attributedTo", pid, trigger=(trig[0] + 1, trig[1]), confidence=0.95)


def s_talks(rng, doc, cast, date):
    p = rng.pick(cast)
    c1, c2 = rng.pick(COUNTRIES), rng.pick(COUNTRIES)
    if c1 is c2:
        return
    doc.begin()
    oid = doc.mention("Organization", "United Nations")
    doc.put(" ")
    tspan = doc.put("envoy")
    pos = doc.entity("Position", "United Nations envoy", alias="envoy", span=tspan)
    doc.put(" ")
    pid = doc.mention("Person", p.name)
    trig = doc.put(" brokered talks")
    talks = doc.entity("Talks", f"{c1[0]}-{c2[0]} talks", alias="talks", span=(trig[0] + 10, trig[1]))
    doc.put(" between ")
    a = doc.mention("Country", c1[0])
    doc.put(" and ")
    b = doc.mention("Country", c2[0])
    doc.put(" in ")
    city = doc.mention("City", rng.pick(COUNTRIES)[2])
    doc.put(".")
    doc.fact(pid, "holdsPosition", pos, trigger=tspan)
    doc.fact(pos, "positionTitle", value="envoy", trigger=tspan)
    doc.fact(pos, "positionIn", oid)
    doc.fact(pid, "brokers", talks, trigger=(trig[0] + 1, trig[1]), confidence=0.95)
    doc.fact(talks, "participant", a)
    doc.fact(talks, "participant", b)
    doc.fact(talks, "eventPlace", city)


def s_withdrawal(rng, doc, cast, date):
    p = rng.pick(cast)
    c1, c2 = rng.pick(COUNTRIES), rng.pick(COUNTRIES)
    if c1 is c2:
        return
    doc.begin()
    doc.mention("Person", p.name, p.last)
    doc.put(" said ")
    a = doc.mention("Country", c1[0])
    trig = doc.put(" would withdraw")
    doc.put(" its troops from ")
    b = doc.mention("Country", c2[0])
    doc.put(" within five months.")
    doc.fact(a, "withdrawsFrom", b, modality="reported", trigger=(trig[0] + 1, trig[1]), confidence=0.8)


SENTENCES = [(s_travel, 20), (s_meeting, 15), (s_spokesperson, 12), (s_quote, 15), (s_talks, 8),
             (s_withdrawal, 8), (None, 45)]
WEIGHT = sum(w for _, w in SENTENCES)


def pick_sentence(rng):
    r = rng.below(WEIGHT)
    for f, w in SENTENCES:
        if r < w:
            return f
        r -= w
    return None


def article(rng, n, cast, epoch):
    date = epoch + datetime.timedelta(days=rng.below(365))
    article_id = f"bench-{n:06d}"
    doc = Doc(article_id, date)
    publisher = rng.pick(PUBLISHERS)
    lead = rng.pick(cast)
    topic = rng.pick(TOPICS)
    title = f"{lead.last} to press for progress on {topic}"
    doc.put(title + "\n\n")
    home = rng.pick(COUNTRIES)
    dateline = home[2].upper()
    dl = doc.put(dateline)
    doc.entity("City", home[2], alias=dateline, span=dl)
    doc.put(f", {MONTHS[date.month - 1]} {date.day} ({publisher}) -- ")
    s_travel(rng, doc, [lead], date)
    doc.close()
    paragraphs = 4 + rng.below(5)
    for _ in range(paragraphs):
        doc.put("\n\n")
        for i in range(2 + rng.below(3)):
            if i:
                doc.put(" ")
            f = pick_sentence(rng)
            if f is None:
                doc.put(rng.pick(FILLERS))
            else:
                before = doc.length
                f(rng, doc, cast, date)
                if doc.length == before:
                    doc.put(rng.pick(FILLERS))
                else:
                    doc.close()
    doc.put("\n")
    text = doc.text()
    meta = {"id": article_id, "title": title, "text": text, "date": iso(date), "dateline": dateline,
            "publisher": publisher}
    facts = {
        "format": "newskg-facts/1",
        "article": {"id": article_id, "title": title, "text": text, "date": iso(date),
                    "dateline": dateline, "publisher": publisher},
        "extractor": EXTRACTOR,
        "entities": list(doc.entities.values()),
        "facts": doc.facts,
    }
    return meta, facts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20260406)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = Rng(args.seed)
    cast = people_pool(rng, max(200, min(4000, args.n // 4)))
    epoch = datetime.date(2026, 1, 1)
    art_rng = Rng(args.seed ^ 0x5DEECE66D)
    with open(os.path.join(args.out, "articles.jsonl"), "w", encoding="utf-8") as arts, \
            open(os.path.join(args.out, "facts.jsonl"), "w", encoding="utf-8") as facts:
        for n in range(args.n):
            meta, doc = article(art_rng, n, cast, epoch)
            arts.write(json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + "\n")
            facts.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
    # Parameters of the reference queries: a person and a city that occur in every corpus size,
    # and the last full week of the corpus ("this week").
    person = cast[0]
    params = {"person": person.name, "person_slug": person.name.lower().replace(" ", "-"),
              "city": COUNTRIES[0][2], "city_slug": COUNTRIES[0][2].lower().replace(" ", "-"),
              "week_start": "2026-12-21", "week_end": "2026-12-27"}
    with open(os.path.join(args.out, "params.json"), "w", encoding="utf-8") as f:
        json.dump(params, f, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
