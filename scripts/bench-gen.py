#!/usr/bin/env python3
"""Deterministic synthetic news data for scripts/bench (Python standard library only).

usage:
  bench-gen.py articles N OUT.jsonl  [--seed S] [--gazetteer TSV]
      N articles as JSON Lines {"id","title","date","publisher","url","text"}: English news
      text built from the sentence patterns of examples/articles (visits, talks, signings,
      invitations, planned and denied events, quotes, affiliations) with the names of
      data/gazetteer.tsv substituted.
  bench-gen.py facts N OUT.jsonl     [--seed S] [--gazetteer TSV]
      The same N articles as facts documents (see `newsgraph schema`), with the article text
      and exact evidence spans: what the built-in extractor would ideally find.
  bench-gen.py nquads N OUT.nq       [--seed S] [--gazetteer TSV]
      Exactly N distinct quads shaped like newsgraph's own output: one named graph per
      article holding the article, its extraction record, facts, evidence and entities.
      Literals carry escapes (\\" \\\\ \\n \\t), language tags and non-ASCII text.
  bench-gen.py ntriples N OUT.nt     [--seed S] [--gazetteer TSV]
      Exactly N distinct triples of the same shape, without graphs.

Article i depends only on (seed, i), so the first K lines of an N-article file are the
K-article file: corpora of several sizes can be cut from one file with `head -n K`.
OUT may be `-` (standard output).
"""
import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_GAZETTEER = HERE.parent / "data" / "gazetteer.tsv"

BASE = "https://w3id.org/newsgraph/"
DATA = BASE + "data/"
NG = BASE + "ns#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WD = "http://www.wikidata.org/entity/"

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AREAS = ["energy", "agriculture", "digital technology", "medicine", "medical education",
         "science", "transport", "healthcare", "the space industry", "natural resources",
         "maritime search and rescue", "fisheries", "migration", "biofuels", "tourism",
         "culture", "education", "customs", "nuclear energy", "semiconductors", "rail freight"]
TOPICS = ["comprehensive strategic partnership", "strategic partnership",
          "economic cooperation", "offshore wind power", "rice supplies",
          "semiconductor supply chains", "visa-free travel", "a road bridge across the river",
          "small modular reactors", "the exchange of distress alerts", "double taxation",
          "investment protection", "cooperation in space research"]
ROLES = ["research fellow", "professor", "senior fellow", "associate professor of economics",
         "director", "lecturer in international relations", "visiting scholar"]
FIRST = ["Liu", "Daniel", "Mira", "Anjali", "Tom", "Étienne", "Lucía", "Ngozi", "Søren",
         "Zoë", "Łukasz", "José", "Ahmed", "Fatima", "Kenji", "Hana", "Oskar", "Priya",
         "Dmitri", "Chloé", "Yara", "Matías", "Ines", "Björn", "Aiko"]
LAST = ["Wenqing", "Hartley", "Sato", "Rao", "Whitfield", "Morel", "Navarro", "Okonkwo",
        "Jensen", "Lefèvre", "Kowalski", "García", "Haddad", "Khan", "Morimoto", "Novak",
        "Lindqvist", "Pillai", "Ivanova", "Dubois", "Mansour", "Fernández", "Müller",
        "Yilmaz", "O'Brien"]
QUOTES = [
    "Dialogue on an equal footing is the only sensible way to settle trade frictions",
    "We did not come for aid. We came for partners who build things and stay",
    "It is the first time our two countries have joined forces on this, and it will not be the last",
    "The agreement is a mixed blessing for the region, but it keeps the peninsula calm",
    "Together we can make clean fuel cheap",
    "Nobody should read this as a military alliance",
    "The text is all but finished; only the signatures are missing",
    "Prices will fall by 3.5% – maybe more – within a year",
    "Both sides want the bridge built before the winter",
    "The draft sits in a folder called C:\\treaties\\final and everyone has read it",
    "This visit shows that the two countries can talk to each other as equals",
]
CLAUSES = [
    "cooperation would center on {a1}, {a2} and {a3}",
    "the two countries would coordinate closely to spur economic growth",
    "the talks had gone better than expected",
    "the deal would bring up to 5 billion euros of investment over five years",
]
FILLERS = [
    "The ministry holds a press conference every working day except public holidays.",
    "The summit brings together delegations from member states and partner countries.",
    "The treaty still has to be ratified by both parliaments before it can enter into force.",
    "Trade between the two countries has stalled for several years.",
    "Officials said the text had been negotiated over more than a year.",
]
# A few names in other languages, for language-tagged literals in the RDF outputs.
ALT_LABELS = {
    "Russia": [("Russie", "fr"), ("Russland", "de"), ("Россия", "ru"), ("俄罗斯", "zh")],
    "North Korea": [("Corée du Nord", "fr"), ("Nordkorea", "de"), ("Северная Корея", "ru"),
                    ("조선민주주의인민공화국", "ko")],
    "China": [("Chine", "fr"), ("中国", "zh"), ("Китай", "ru")],
    "Pyongyang": [("Пхеньян", "ru"), ("평양", "ko"), ("平壤", "zh")],
    "Moscow": [("Moscou", "fr"), ("Moskau", "de"), ("Москва", "ru")],
    "Beijing": [("Pékin", "fr"), ("北京", "zh")],
    "Vladimir Putin": [("Владимир Путин", "ru"), ("Wladimir Putin", "de")],
    "Kim Jong Un": [("김정은", "ko"), ("Kim Jong-un", "en-GB")],
    "Japan": [("Japon", "fr"), ("日本", "ja")],
    "Germany": [("Allemagne", "fr"), ("Deutschland", "de")],
    "Egypt": [("Égypte", "fr"), ("مصر", "ar")],
}


class Gazetteer:
    def __init__(self, path):
        rows = []
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            for line in f:
                cells = line.rstrip("\n").split("\t")
                cells += [""] * (len(header) - len(cells))
                rows.append(dict(zip(header, cells)))
        self.by_name = {r["name"]: r for r in rows}
        by_type = {}
        for r in rows:
            by_type.setdefault(r["type"], []).append(r)
        self.countries = {r["name"]: r for r in by_type.get("Country", []) if r["demonyms"]}
        self.capital = {}
        for r in by_type.get("City", []):
            if r["capital_of"] in self.countries:
                self.capital.setdefault(r["capital_of"], r)
        self.leaders = [r for r in by_type.get("Person", [])
                        if r["country"] in self.capital and ";" in r["role"]]
        self.outlets = by_type.get("NewsOutlet", [])
        self.institutes = by_type.get("University", []) + by_type.get("ResearchCenter", [])
        if not (self.leaders and self.outlets and self.institutes):
            sys.exit(f"bench-gen: {path} lacks leaders, outlets or institutes")


def slug(name):
    s = re.sub(r"[^\w]+", "-", name.lower(), flags=re.UNICODE).strip("-")
    return s or "x"


def iri_name(name):
    return re.sub(r'[\s<>"{}|^`\\%]+', "_", name)


class Doc:
    """An article under construction: its text, with the facts and their character spans."""

    def __init__(self, article_id):
        self.id = article_id
        self.entities = {}     # id -> entity dict
        self.events, self.agreements, self.statements, self.affiliations = [], [], [], []
        self.counter = {}

    def entity(self, row=None, name=None, etype=None, description=None):
        name = row["name"] if row else name
        eid = slug(name)
        if eid not in self.entities:
            e = {"id": eid, "name": name, "type": row["type"] if row else etype}
            if row and row.get("wikidata"):
                e["wikidata"] = row["wikidata"]
            if row and row.get("aliases"):
                e["aliases"] = row["aliases"].split(";")[:2]
            desc = description or (row and (row["role"].split(";")[0] or ""))
            if desc:
                e["description"] = desc
            if row and row.get("country") and row["country"] != name and row["type"] != "Person":
                e["country"] = slug(row["country"])
            self.entities[eid] = e
        return eid

    def new_id(self, kind):
        n = self.counter.get(kind, 0) + 1
        self.counter[kind] = n
        return f"{kind.lower()}-{n}"


class Sentence:
    """Builds one sentence from pieces, remembering where marked pieces start and end."""

    def __init__(self):
        self.parts, self.len, self.spans = [], 0, {}

    def add(self, text, mark=None):
        if mark:
            self.spans[mark] = (self.len, self.len + len(text))
        self.parts.append(text)
        self.len += len(text)
        return self

    def text(self):
        return "".join(self.parts)


class ArticleGen:
    def __init__(self, gaz, seed):
        self.g = gaz
        self.seed = seed

    def person_desc(self, p):
        country = self.g.countries[p["country"]]
        demonym = country["demonyms"].split(";")[0]
        title = p["role"].split(";")[1]
        return f"{demonym} {title.title()} {p['name']}"

    def pick_pair(self, rnd):
        if rnd.random() < 0.12:
            by = {r["name"]: r for r in self.g.leaders}
            if "Vladimir Putin" in by and "Kim Jong Un" in by:
                return (by["Vladimir Putin"], by["Kim Jong Un"]) if rnd.random() < 0.5 else \
                    (by["Kim Jong Un"], by["Vladimir Putin"])
        while True:
            a, b = rnd.sample(self.g.leaders, 2)
            if a["country"] != b["country"]:
                return a, b

    def analyst(self, rnd):
        return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"

    def generate(self, i):
        rnd = random.Random(self.seed * 1_000_003 + i)
        g = self.g
        day = date(2023, 1, 1) + timedelta(days=rnd.randrange(4 * 365))
        outlet = rnd.choice(g.outlets)
        if rnd.random() < 0.1:
            outlet = g.by_name.get("Global Times", outlet)
        aid = f"{slug(outlet['name'])[:24]}-{day.isoformat()}-{i}"
        doc = Doc(aid)
        p1, p2 = self.pick_pair(rnd)
        c1, c2 = g.countries[p1["country"]], g.countries[p2["country"]]
        k2 = g.capital[c2["name"]]
        doc.entity(outlet)
        sentences = []

        def when(back):
            d = day - timedelta(days=back)
            return d, f"{MONTHS[d.month - 1]} {d.day}"

        def add(sent, recs):
            sentences.append((sent, recs))

        # 1. the lead: a visit with talks, or an invitation, or a planned visit
        lead = rnd.random()
        d1, on1 = when(rnd.randrange(1, 6))
        e1 = doc.entity(p1)
        e2 = doc.entity(p2)
        ek2 = doc.entity(k2)
        ec1 = doc.entity(c1)
        ec2 = doc.entity(c2)
        vtype = rnd.choice(["state", "official", "working"])
        if lead < 0.55:
            s = Sentence().add(self.person_desc(p1), "p1")
            s.add(f" paid {'an' if vtype == 'official' else 'a'} {vtype} visit to ").add(k2["name"], "k2").add(f" on {on1}", "date")
            s.add(", where he held talks with ").add(self.person_desc(p2), "p2").add(".")
            visit = {"id": doc.new_id("Visit"), "kind": "Visit", "visitor": e1,
                     "destination": [ek2], "start": d1.isoformat(), "end": d1.isoformat(),
                     "visit_types": [vtype], "confidence": 0.9}
            talks = {"id": doc.new_id("Meeting"), "kind": "Meeting", "participants": [e1, e2],
                     "location": ek2, "start": d1.isoformat(), "end": d1.isoformat(),
                     "confidence": 0.85}
            add(s, [("events", visit, ("p1", "date")), ("events", talks, ("p1", None))])
        elif lead < 0.8:
            s = Sentence().add("At the invitation of ").add(self.person_desc(p2), "p2")
            s.add(", ").add(self.person_desc(p1), "p1").add(" arrived in ").add(k2["name"])
            s.add(f" on {on1} for a three-day state visit to ").add(c2["name"], "c2").add(".")
            inv = {"id": doc.new_id("Invitation"), "kind": "Invitation", "inviter": e2,
                   "invitee": e1, "confidence": 0.85}
            visit = {"id": doc.new_id("Visit"), "kind": "Visit", "visitor": e1,
                     "destination": [ek2, ec2], "start": d1.isoformat(),
                     "end": (d1 + timedelta(days=2)).isoformat(), "visit_types": ["state"],
                     "occasioned_by": inv["id"], "confidence": 0.9}
            add(s, [("events", inv, (None, "p1")), ("events", visit, ("p1", "c2"))])
        else:
            s = Sentence().add(self.person_desc(p1), "p1").add(" will visit ")
            s.add(c2["name"], "c2").add(" next week, the ")
            s.add(f"{c1['demonyms'].split(';')[0]} foreign ministry said on {WEEKDAYS[day.weekday()]}.")
            visit = {"id": doc.new_id("Visit"), "kind": "Visit", "visitor": e1,
                     "destination": [ec2], "modality": "planned", "confidence": 0.8}
            add(s, [("events", visit, ("p1", "c2"))])

        # 2. a varied body
        body = rnd.sample(["documents", "signing", "quote", "told", "statement", "denied",
                           "filler", "filler2"], rnd.randrange(4, 7))
        for kind in body:
            if kind == "documents":
                a = rnd.sample(AREAS, 3)
                t1, t3 = rnd.sample(TOPICS, 2)
                s = Sentence().add(f"The talks {p1['name']} held with {p2['name']} in ")
                s.add(k2["name"]).add(" produced three documents: ")
                s.add(f"a treaty on {t1}", "t").add(", ")
                s.add(f"an agreement covering cooperation in {a[0]}, {a[1]} and {a[2]}", "a")
                s.add(", and ").add(f"a memorandum on {t3}", "m").add(".")
                recs = [
                    ("agreements", {"id": doc.new_id("Treaty"), "kind": "Treaty", "topic": t1,
                                    "parties": [ec1, ec2], "confidence": 0.85}, ("t", "t")),
                    ("agreements", {"id": doc.new_id("Agreement"), "kind": "Agreement",
                                    "topic": f"cooperation in {a[0]}, {a[1]} and {a[2]}",
                                    "areas": a, "parties": [ec1, ec2], "confidence": 0.85},
                     ("a", "a")),
                    ("agreements", {"id": doc.new_id("Memorandum"), "kind": "Memorandum",
                                    "topic": t3, "parties": [ec1, ec2], "confidence": 0.8},
                     ("m", "m")),
                ]
                add(s, recs)
            elif kind == "signing":
                a = rnd.sample(AREAS, 2)
                d, on = when(rnd.randrange(0, 4))
                s = Sentence().add(c1["name"], "c1").add(" and ").add(c2["name"])
                s.add(f" signed an agreement on cooperation in {a[0]} and {a[1]}", "ag")
                s.add(" in ").add(k2["name"]).add(f" on {on}", "end").add(".")
                ag = {"id": doc.new_id("Agreement"), "kind": "Agreement",
                      "topic": f"cooperation in {a[0]} and {a[1]}", "areas": a,
                      "parties": [ec1, ec2], "confidence": 0.85}
                sg = {"id": doc.new_id("Signing"), "kind": "Signing",
                      "participants": [ec1, ec2], "location": ek2, "start": d.isoformat(),
                      "end": d.isoformat(), "confidence": 0.85}
                add(s, [("agreements", ag, ("ag", "ag")), ("events", sg, ("c1", "end"))])
            elif kind in ("quote", "told"):
                inst = rnd.choice(g.institutes)
                if rnd.random() < 0.1:
                    inst = g.by_name.get("East China Normal University", inst)
                who = self.analyst(rnd)
                role = rnd.choice(ROLES)
                q = rnd.choice(QUOTES)
                ew = doc.entity(name=who, etype="Person", description=f"{role} at {inst['name']}")
                ei = doc.entity(inst)
                if kind == "quote":
                    s = Sentence().add('"').add(q, "q").add(',"', "qe").add(" said ")
                    s.add(who, "who").add(f", a {role} at the ").add(inst["name"], "inst").add(".")
                    recs = [("statements", {"id": doc.new_id("Quote"), "kind": "Quote",
                                            "speaker": ew, "text": q, "confidence": 0.9},
                             ("q", "inst")),
                            ("affiliations", {"id": doc.new_id("Affiliation"), "person": ew,
                                              "role": role, "organization": ei,
                                              "confidence": 0.85}, ("who", "inst"))]
                else:
                    a = rnd.sample(AREAS, 3)
                    clause = rnd.choice(CLAUSES).format(a1=a[0], a2=a[1], a3=a[2])
                    s = Sentence().add(who, "who").add(f", a {role} at ").add(inst["name"], "inst")
                    s.add(", told ").add(outlet["name"]).add(" that ").add(clause, "cl").add(".")
                    recs = [("statements", {"id": doc.new_id("Statement"), "kind": "Statement",
                                            "speaker": ew, "text": clause,
                                            "confidence": 0.8}, ("who", "cl")),
                            ("affiliations", {"id": doc.new_id("Affiliation"), "person": ew,
                                              "role": role, "organization": ei,
                                              "confidence": 0.85}, ("who", "inst"))]
                add(s, recs)
            elif kind == "statement":
                year = day.year + rnd.randrange(2, 8)
                goal = rnd.choice(["doubling bilateral trade", "building a joint satellite",
                                   "ending visa requirements", "opening a direct flight"])
                s = Sentence().add(p2["name"], "who").add(" said the two countries had set ")
                s.add(f"themselves the goal of {goal} by {year}", "what").add(".")
                add(s, [("statements", {"id": doc.new_id("Statement"), "kind": "Statement",
                                        "speaker": e2,
                                        "text": f"themselves the goal of {goal} by {year}",
                                        "confidence": 0.8}, ("who", "what"))])
            elif kind == "denied":
                t = rnd.choice(TOPICS)
                s = Sentence().add("No agreement on ", "na").add(t).add(" was signed", "ne")
                s.add(", and the negotiators failed to agree on how to split the costs.")
                add(s, [("agreements", {"id": doc.new_id("Agreement"), "kind": "Agreement",
                                        "topic": t, "parties": [ec1, ec2],
                                        "modality": "negated", "confidence": 0.7},
                         ("na", "ne"))])
            else:
                add(Sentence().add(FILLERS[(i + len(sentences)) % len(FILLERS)]), [])

        # 3. lay out paragraphs and compute absolute spans
        text_parts, pos = [], 0
        per_para = rnd.choice([1, 2, 2, 3])
        for n, (s, recs) in enumerate(sentences):
            if n:
                sep = "\n\n" if n % per_para == 0 else " "
                text_parts.append(sep)
                pos += len(sep)
            t = s.text()
            for section, rec, (m0, m1) in recs:
                start = s.spans[m0][0] if m0 else 0
                end = s.spans[m1][1] if m1 else len(t) - 1
                rec["evidence"] = {"start": pos + start, "end": pos + end, "text": t[start:end]}
                getattr(doc, section).append(rec)
            text_parts.append(t)
            pos += len(t)
        text = "".join(text_parts)
        area = rnd.choice(AREAS)
        title = f"{p1['name']} in {k2['name']} for talks on {area}"
        if lead >= 0.8:
            title = f"{p1['name']} to visit {c2['name']} next week"
        url = f"https://example.org/{slug(outlet['name'])}/{day.isoformat().replace('-', '/')}/{i}"
        doc.article = {"id": aid, "title": title, "date": day.isoformat(),
                       "publisher": outlet["name"], "url": url, "text": text}
        # the countries of cities and people must exist as entities when referenced
        for e in list(doc.entities.values()):
            if "country" in e and e["country"] not in doc.entities:
                row = g.by_name.get(g.countries.get(e["country"], {}).get("name", ""))
                if row is None:
                    row = next((r for r in g.countries.values() if slug(r["name"]) == e["country"]), None)
                if row is None:
                    del e["country"]
                else:
                    doc.entity(row)
        return doc

    def facts_document(self, doc):
        art = dict(doc.article)
        art["language"] = "en"
        out = {"article": art,
               "extraction": {"extractor": "bench-gen", "version": "1",
                              "time": "2026-01-01T00:00:00Z"},
               "entities": list(doc.entities.values())}
        for section in ("events", "agreements", "statements", "affiliations"):
            if getattr(doc, section):
                out[section] = getattr(doc, section)
        return out


# ---------------------------------------------------------------------------- RDF output

def lit(s, lang=None, dt=None):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
         .replace("\r", "\\r").replace("\t", "\\t")
    if lang:
        return f'"{s}"@{lang}'
    if dt:
        return f'"{s}"^^<{XSD}{dt}>'
    return f'"{s}"'


def iri(s):
    return f"<{s}>"


MOD = {"asserted": "Asserted", "planned": "Planned", "negated": "Negated",
       "hypothetical": "Hypothetical"}
VT = {"state": "StateVisit", "official": "OfficialVisit", "working": "WorkingVisit"}
ROLE_PROPS = {"visitor": "visitor", "participants": "participant", "destination": "destination",
              "location": "location", "inviter": "inviter", "invitee": "invitee",
              "parties": "party", "speaker": "speaker", "person": "member",
              "organization": "organization"}


def rdf_statements(doc):
    """Yields (s, p, o, entity_triple) like newsgraph's mapping of one facts document."""
    a = doc.article
    aid = a["id"]
    art = iri(DATA + "article/" + aid)
    graph = iri(DATA + "graph/" + aid)
    ext = iri(DATA + "extraction/" + aid)
    ent = {eid: iri(DATA + "entity/" + iri_name(e["name"])) for eid, e in doc.entities.items()}
    t, ng = iri(RDF_TYPE), (lambda x: iri(NG + x))
    yield art, t, ng("Article"), False
    yield art, iri(SCHEMA + "datePublished"), lit(a["date"], dt="date"), False
    yield art, iri(SCHEMA + "headline"), lit(a["title"], lang="en"), False
    yield art, iri(SCHEMA + "inLanguage"), lit("en"), False
    yield art, iri(SCHEMA + "url"), iri(a["url"]), False
    yield art, iri(SCHEMA + "publisher"), iri(DATA + "entity/" + iri_name(a["publisher"])), False
    lead = a["text"].split("\n\n")[:2]
    yield art, iri(SCHEMA + "abstract"), lit("\n".join(lead) + "\t[…]"), False
    yield graph, t, iri(PROV + "Entity"), False
    yield graph, iri(PROV + "wasDerivedFrom"), art, False
    yield graph, iri(PROV + "wasGeneratedBy"), ext, False
    yield ext, t, ng("Extraction"), False
    yield ext, iri(PROV + "used"), art, False
    yield ext, ng("extractor"), lit("newsgraph"), False
    yield ext, ng("extractorVersion"), lit("0.1.0"), False
    yield ext, iri(PROV + "endedAtTime"), lit(a["date"] + "T12:00:00Z", dt="dateTime"), False
    for section in ("events", "agreements", "statements", "affiliations"):
        for f in getattr(doc, section):
            fact = iri(f"{DATA}fact/{aid}.{f['id']}")
            yield fact, t, ng(f.get("kind", "Affiliation")), False
            yield fact, ng("confidence"), lit(str(f["confidence"]), dt="decimal"), False
            if section in ("events", "agreements"):
                yield fact, ng("modality"), ng(MOD[f.get("modality", "asserted")]), False
            for key, prop in ROLE_PROPS.items():
                v = f.get(key)
                for x in (v if isinstance(v, list) else [v] if v else []):
                    yield fact, ng(prop), ent[x], False
            for key, prop in (("start", "startDate"), ("end", "endDate")):
                if key in f:
                    yield fact, ng(prop), lit(f[key], dt="date"), False
            for vt in f.get("visit_types", []):
                yield fact, ng("visitType"), ng(VT[vt]), False
            if "occasioned_by" in f:
                yield fact, ng("occasionedBy"), iri(f"{DATA}fact/{aid}.{f['occasioned_by']}"), False
            for key, prop in (("topic", "topic"), ("text", "text"), ("role", "role")):
                if key in f:
                    yield fact, ng(prop), lit(f[key]), False
            for area in f.get("areas", []):
                yield fact, ng("area"), lit(area, lang="en"), False
            ev = f["evidence"]
            e = iri(f"{DATA}evidence/{aid}.{ev['start']}-{ev['end']}")
            yield fact, ng("evidence"), e, False
            yield e, t, ng("Evidence"), False
            yield e, ng("inArticle"), art, False
            yield e, ng("startOffset"), lit(str(ev["start"]), dt="integer"), False
            yield e, ng("endOffset"), lit(str(ev["end"]), dt="integer"), False
            yield e, ng("exactText"), lit(ev["text"]), False
    for eid, e in doc.entities.items():
        s = ent[eid]
        yield s, t, ng(e["type"]), True
        yield s, iri(RDFS_LABEL), lit(e["name"]), True
        yield s, ng("confidence"), lit("0.95", dt="decimal"), True
        if "description" in e:
            yield s, iri(SCHEMA + "description"), lit(e["description"]), True
        if "wikidata" in e:
            yield s, iri(SKOS + "exactMatch"), iri(WD + e["wikidata"]), True
        if "country" in e and e["country"] in ent:
            yield s, ng("country"), ent[e["country"]], True
        for alias in e.get("aliases", []):
            yield s, iri(SKOS + "altLabel"), lit(alias), True
        for label, lang in ALT_LABELS.get(e["name"], []):
            yield s, iri(SKOS + "altLabel"), lit(label, lang=lang), True
        yield s, ng("mentionedIn"), art, False


def write_rdf(gen, n, out, quads):
    written, i, seen_entity = 0, 0, set()
    while written < n:
        doc = gen.generate(i)
        i += 1
        seen = set()
        g = f" <{DATA}graph/{doc.id}>" if quads else ""
        for s, p, o, entity_triple in rdf_statements(doc):
            key = (s, p, o)
            if key in seen:
                continue
            seen.add(key)
            if not quads and entity_triple:
                if key in seen_entity:
                    continue
                seen_entity.add(key)
            out.write(f"{s} {p} {o}{g} .\n")
            written += 1
            if written == n:
                break


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["articles", "facts", "nquads", "ntriples"])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--gazetteer", default=str(DEFAULT_GAZETTEER))
    args = ap.parse_args()
    gen = ArticleGen(Gazetteer(args.gazetteer), args.seed)
    tmp = None
    if args.out == "-":
        out = sys.stdout
    else:
        tmp = Path(args.out + ".part")
        out = open(tmp, "w", encoding="utf-8", newline="\n", buffering=1 << 20)
    with out:
        if args.kind in ("nquads", "ntriples"):
            write_rdf(gen, args.n, out, args.kind == "nquads")
        else:
            for i in range(args.n):
                doc = gen.generate(i)
                rec = doc.article if args.kind == "articles" else gen.facts_document(doc)
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if tmp:
        tmp.replace(args.out)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # e.g. `bench-gen.py articles 10 - | head`
        sys.exit(1)
