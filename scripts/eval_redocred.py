#!/usr/bin/env python
"""Re-DocRED dev: kb's persons, tenures and birth dates scored as document-level relations.

Usage: python scripts/eval_redocred.py [PATH] [--half even|odd|all] [--limit N] [--model NAME] [--dump FILE] [--no-p569]

PATH defaults to ../shared/eval/re-docred/dev_revised.json (kb.settings.SHARED_DIR); when it
is absent the script prints "skipped: <why>" and exits 0. Never run it on the test split for
tuning: it is withheld for independent evaluation.

How it works
- Each document's tokenised sentences are joined into text (one line per sentence, tokens
  joined by spaces except before closing punctuation), keeping a (sentence, token) -> char map,
  and run through kb's real extract stage (``Extractor``).
- Entity matching: a kb entity is mapped to the gold vertex (entity cluster) that its mentions
  overlap most, and a person also to the other PER vertices it overlaps that are shorter or
  longer forms of the same name (the gold sometimes splits "Rudolf Halin" and "Halin") (persons to PER vertices; organisations to ORG/LOC/MISC vertices; a tenure's
  org span and role span count as mentions too). A birth date maps to the TIME vertex its
  characters overlap.
- kb's facts become triples by the role's lexicon category:
  head_of_government -> P6 (org, person); head_of_state -> P35 (org, person) when the org is a
  country (LOC vertex), else P488; chair -> P488 (org, person); roles at a party (a name with
  "Party", "Democrat", "Labour", … or role category party) -> P102 (person, party); executive,
  employee, media, official, org_head, judiciary, religious roles at an ORG -> P108 (person, org),
  and a generic head ("head", "leader", "chief", "boss") or the chief executive of an ORG -> P488 as well
  (Re-DocRED labels a company's CEO its chairperson);
  a party's leader/chair -> P488 as well as P102, its founder, candidate or spokesperson -> P102;
  a country's leader ("Soviet leader X": role leader at a LOC vertex) -> P35;
  deputies ("vice president", "deputy prime minister") are no heads (no P35/P6/P488);
  head_of_government -> P6 only for a place (LOC vertex), not a court's or university's chancellor;
  a president -> P35, except the US president -> P6 only (Re-DocRED's annotators label US
  presidents as heads of government and other presidents, even of presidential republics such as
  Panama or the Philippines, as heads of state; read off the even half, confirmed on the odd half:
  P35 and P6 precision rose there with no recall lost);
  any role whose phrase overlaps a gold vertex -> P39 (person, that vertex); birth date ->
  P569; tenure start/end -> P580/P582 (position vertex, TIME vertex) when the role phrase
  overlaps a vertex.
- Scored: precision/recall/F1 per relation and micro-averaged over P39, P102, P108, P488, P6,
  P35, P569 (P580/P582 printed separately: in Re-DocRED they mostly date events, not tenures), and
  micro-averaged over the role relations alone (the same without P569: birth dates say nothing
  about tenures); ``--no-p569`` makes that second figure the one compared with the baseline.
- Baseline, in the same run: same-sentence co-occurrence (a person and an org/place in one
  sentence -> the relation its sentence's keywords suggest; a person and the first date of their
  first sentence -> P569).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.settings import SHARED_DIR  # noqa: E402

MAIN = ("P39", "P102", "P108", "P488", "P6", "P35", "P569")
#: The role relations: MAIN without the birth date (P569), which says nothing about tenures.
ROLE_RELATIONS = tuple(r for r in MAIN if r != "P569")
EXTRA = ("P580", "P582")
_NO_SPACE_BEFORE = {",", ".", ")", ";", ":", "'s", "%", "?", "!", "n't", "'", "]"}
PARTY_RE = re.compile(r"\b(party|democrat\w*|republican\w*|labou?r|conservative\w*|liberal\w*|socialist\w*|"
                      r"communist\w*|green\w*|tory|tories|social democrat\w*|christian democrat\w*|union)\b", re.I)
#: Re-DocRED labels the US president as head of government (P6) only, not as head of state.
GOVERNMENT_PRESIDENTS = {"United States"}
#: A party's leader or chair is its chairperson (P488) and a member (P102).
PARTY_HEADS = {"leader", "party leader", "chairman", "chairwoman", "chairperson", "chair", "president"}
P108_CATEGORIES = {"executive", "employee", "media", "official", "org_head", "judiciary", "religious", "diplomat"}


def build_text(sents: list[list[str]]) -> tuple[str, dict[tuple[int, int], tuple[int, int]]]:
    """Join tokenised sentences into text; return it with a (sent, token) -> (start, end) map."""
    parts: list[str] = []
    pos = 0
    tmap: dict[tuple[int, int], tuple[int, int]] = {}
    for si, toks in enumerate(sents):
        if si:
            parts.append("\n")
            pos += 1
        prev = None
        for ti, tok in enumerate(toks):
            if ti and tok not in _NO_SPACE_BEFORE and prev != "(":
                parts.append(" ")
                pos += 1
            tmap[(si, ti)] = (pos, pos + len(tok))
            parts.append(tok)
            pos += len(tok)
            prev = tok
    return "".join(parts), tmap


def vertex_spans(doc: dict, tmap) -> list[list[tuple[int, int, int]]]:
    """Char spans (start, end, sent) of every mention of every vertex."""
    out = []
    for vertex in doc["vertexSet"]:
        spans = []
        for m in vertex:
            a, b = m["pos"]
            s = m["sent_id"]
            spans.append((tmap[(s, a)][0], tmap[(s, b - 1)][1], s))
        out.append(spans)
    return out


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def best_vertex(spans: list[tuple[int, int]], vspans, types: set[str], vtypes: list[str]):
    """The vertex of an allowed type overlapped by most of ``spans`` (None if none)."""
    votes: Counter = Counter()
    for a, b in spans:
        for vi, vs in enumerate(vspans):
            if vtypes[vi] in types and any(_overlap(a, b, c, d) for c, d, _ in vs):
                votes[vi] += 1
    return votes.most_common(1)[0][0] if votes else None


def predict(doc: dict, extraction, vspans) -> set[tuple[int, str, int]]:
    """kb's facts as (head vertex, relation, tail vertex) triples."""
    from kb.extract.lexicon import lexicon

    vtypes = [v[0]["type"] for v in doc["vertexSet"]]
    categories = {e.role: e.category for e in lexicon().roles.values()}
    ent_vertex: dict[tuple[str, str], object] = {}
    person_vertices: dict[str, list[int]] = {}
    for ent in extraction.entities:
        types = {"PER"} if ent.type == "person" else {"ORG", "LOC", "MISC"}
        spans = [(m.start, m.end) for m in ent.mentions]
        ent_vertex[(ent.type, ent.name)] = best_vertex(spans, vspans, types, vtypes)
        if ent.type == "person" and ent_vertex[(ent.type, ent.name)] is not None:
            person_vertices[ent.name] = same_person_vertices(ent.name, ent_vertex[(ent.type, ent.name)], spans, doc, vspans, vtypes)
    triples: set[tuple[int, str, int]] = set()
    for ent in extraction.entities:
        pv = ent_vertex.get((ent.type, ent.name))
        if ent.type == "person" and pv is not None and ent.birth_date is not None and ent.birth_date.start >= 0:
            tv = best_vertex([(ent.birth_date.start, ent.birth_date.end)], vspans, {"TIME"}, vtypes)
            if tv is not None:
                triples.update((v, "P569", tv) for v in person_vertices[ent.name])
    for t in extraction.tenures:
        if ent_vertex.get(("person", t.person)) is None:
            continue
        for pv in person_vertices[t.person]:
            triples.update(_tenure_triples(t, pv, doc, vspans, vtypes, ent_vertex, categories))
    return triples


#: Generic heads of an organisation: the presiding person (P488), not a named office like
#: secretary general or director general (Wikidata's P1037 director/manager).
GENERIC_HEADS = {"head", "chief", "boss", "leader"}
#: A company's chief executive is labelled its chairperson (P488) in Re-DocRED, like a generic head.
CHIEF_EXECUTIVES = {"chief executive officer"}
#: Role prefixes that make a deputy, not the head: "vice president" is no head of state.
DEPUTY_PREFIXES = {"vice", "deputy", "assistant", "associate", "first", "co", "acting"}
#: Party posts below the leadership still state membership (P102) of the party.
PARTY_MEMBER_ROLES = {"politician", "founder", "co-founder", "candidate", "nominee", "general secretary",
                      "secretary general", "spokesman", "spokeswoman", "spokesperson", "treasurer"}


def same_person_vertices(name: str, best: int, spans, doc: dict, vspans, vtypes) -> list[int]:
    """The best PER vertex plus the other PER vertices kb's entity covers that are shorter forms
    of its name ("Halin" for "Rudolf Halin"): the gold sometimes splits one person into several
    clusters, and kb's merged entity states its facts for all of them."""
    words = set(name.lower().split())
    best_words = set(doc["vertexSet"][best][0]["name"].lower().split())
    out = [best]
    for vi, vs in enumerate(vspans):
        if vi == best or vtypes[vi] != "PER":
            continue
        vwords = set(doc["vertexSet"][vi][0]["name"].lower().split())
        if not vwords or not vwords <= words or not (vwords <= best_words or best_words <= vwords):
            continue  # only shorter or longer forms of the same name, never a second person
        if any(_overlap(a, b, c, d) for a, b in spans for c, d, _ in vs):
            out.append(vi)
    return out


def _tenure_triples(t, pv: int, doc: dict, vspans, vtypes, ent_vertex, categories) -> set[tuple[int, str, int]]:
    """The relation triples one kb tenure states for the person vertex ``pv``."""
    triples: set[tuple[int, str, int]] = set()
    ov = None
    if t.org:
        spans = [(t.org_span.start, t.org_span.end)] if t.org_span else []
        ov = best_vertex(spans, vspans, {"ORG", "LOC", "MISC"}, vtypes) if spans else None
        if ov is None:
            ov = ent_vertex.get(("organization", t.org))
    category = categories.get(t.role.split()[-1], categories.get(t.role, ""))
    category = categories.get(t.role, category)
    if t.role_span is not None:
        rv = best_vertex([(t.role_span.start, t.role_span.end)], vspans, {"MISC", "ORG", "LOC"}, vtypes)
        if rv is not None and rv != ov:
            triples.add((pv, "P39", rv))
    if ov is None:
        return triples
    deputy = t.role.split()[0] in DEPUTY_PREFIXES
    is_party = category == "party" or bool(PARTY_RE.search(t.org or "")) and (
        t.role in PARTY_MEMBER_ROLES | PARTY_HEADS or t.role.split()[-1] in PARTY_HEADS | {"member"})
    if category == "party" and t.role in GENERIC_HEADS and vtypes[ov] == "LOC":
        triples.add((ov, "P35", pv))  # "Soviet leader X": the country's top leader, no party
    elif is_party:
        triples.add((pv, "P102", ov))
        if t.role in PARTY_HEADS:
            triples.add((ov, "P488", pv))
    elif deputy and category in ("head_of_government", "head_of_state", "chair"):
        pass  # a deputy or vice holder is not the head
    elif category == "head_of_government":
        if vtypes[ov] == "LOC":  # a place's government; a university's or a court's chancellor is no P6
            triples.add((ov, "P6", pv))
    elif category == "head_of_state":
        if not (t.role == "president" and t.org in GOVERNMENT_PRESIDENTS):
            triples.add((ov, "P35" if vtypes[ov] == "LOC" else "P488", pv))
        if t.role == "president" and t.org in GOVERNMENT_PRESIDENTS:
            triples.add((ov, "P6", pv))
    elif category == "chair":
        triples.add((ov, "P488", pv))
    elif category in P108_CATEGORIES and vtypes[ov] == "ORG":
        triples.add((pv, "P108", ov))
        if t.role in GENERIC_HEADS | CHIEF_EXECUTIVES:
            triples.add((ov, "P488", pv))  # "the head of X", "X leader", its CEO: the one presiding over it
    return triples


_KEYWORDS = [("P6", re.compile(r"prime minister|premier|mayor|governor|chancellor", re.I)),
             ("P35", re.compile(r"president|king|queen|emperor", re.I)),
             ("P488", re.compile(r"chairman|chair|chairperson|leader", re.I)),
             ("P102", re.compile(r"party|democrat|republican", re.I)),
             ("P108", re.compile(r"work|employ|join|director|executive|professor|manager", re.I))]


def baseline(doc: dict, text: str, vspans) -> set[tuple[int, str, int]]:
    """Same-sentence co-occurrence typed by sentence keywords; first date of a person's sentence."""
    vtypes = [v[0]["type"] for v in doc["vertexSet"]]
    sent_text = [" ".join(s) for s in doc["sents"]]
    in_sent: dict[int, set[int]] = defaultdict(set)
    for vi, vs in enumerate(vspans):
        for _, _, s in vs:
            in_sent[s].add(vi)
    out: set[tuple[int, str, int]] = set()
    for s, vis in in_sent.items():
        pers = [v for v in vis if vtypes[v] == "PER"]
        others = [v for v in vis if vtypes[v] in ("ORG", "LOC")]
        times = sorted((vspans[v][0][0], v) for v in vis if vtypes[v] == "TIME")
        for p in pers:
            if times and min(x[2] for x in vspans[p]) == s:
                out.add((p, "P569", times[0][1]))
            for o in others:
                for rel, rx in _KEYWORDS:
                    if rx.search(sent_text[s]):
                        if rel in ("P6", "P35", "P488") and (rel != "P488" or vtypes[o] == "ORG"):
                            out.add((o, rel, p))
                        elif rel in ("P102", "P108") and vtypes[o] == "ORG":
                            out.add((p, rel, o))
                        break
    return out


def gold_triples(doc: dict) -> set[tuple[int, str, int]]:
    return {(lab["h"], lab["r"], lab["t"]) for lab in doc["labels"] if lab["r"] in MAIN + EXTRA}


def score(pred: dict[str, int], gold: dict[str, int], tp: dict[str, int], rels) -> list[tuple[str, float, float, float, int, int, int]]:
    rows = []
    for r in rels:
        p = tp[r] / pred[r] if pred[r] else 0.0
        rc = tp[r] / gold[r] if gold[r] else 0.0
        f = 2 * p * rc / (p + rc) if p + rc else 0.0
        rows.append((r, p, rc, f, tp[r], pred[r], gold[r]))
    return rows


def micro(pred, gold, tp, relations: tuple[str, ...]) -> tuple[float, float, float]:
    """Micro-averaged precision, recall and F1 over ``relations``."""
    T, P, G = (sum(x[r] for r in relations) for x in (tp, pred, gold))
    mp, mr = (T / P if P else 0.0), (T / G if G else 0.0)
    return mp, mr, (2 * mp * mr / (mp + mr) if mp + mr else 0.0)


def report(name: str, pred, gold, tp, relations: tuple[str, ...] = MAIN) -> float:
    """Print per-relation figures, the micro line over MAIN and over the role relations (no P569);
    return the micro-F1 over ``relations``."""
    print(f"\n{name}")
    print(f"{'rel':6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}")
    for r, p, rc, f, t, n_p, n_g in score(pred, gold, tp, MAIN + EXTRA):
        print(f"{r:6} {p:6.3f} {rc:6.3f} {f:6.3f} {t:5d} {n_p:5d} {n_g:5d}")
    for rels in (MAIN, ROLE_RELATIONS):
        mp, mr, mf = micro(pred, gold, tp, rels)
        print(f"micro({'+'.join(rels)}): P={mp:.3f} R={mr:.3f} F1={mf:.3f}")
    return micro(pred, gold, tp, relations)[2]


def select_half(n: int, half: str) -> list[int]:
    """Document indices of one half: even ones for error analysis, odd ones as the check."""
    if half == "even":
        return list(range(0, n, 2))
    if half == "odd":
        return list(range(1, n, 2))
    return list(range(n))


def write_errors(fh, index: int, doc: dict, pred: set, gold: set) -> None:
    """kb's false positives and negatives of one document, with the sentences of both ends."""
    names = [v[0]["name"] for v in doc["vertexSet"]]
    sents = [" ".join(s) for s in doc["sents"]]

    def where(v: int) -> str:
        return ",".join(str(s) for s in sorted({m["sent_id"] for m in doc["vertexSet"][v]}))

    errors = [("FP", x) for x in sorted(pred - gold) if x[1] in MAIN] + [("FN", x) for x in sorted(gold - pred) if x[1] in MAIN]
    if not errors:
        return
    fh.write(f"=== doc {index}: {doc.get('title', '')}\n")
    for si, s in enumerate(sents):
        fh.write(f"  [{si}] {s}\n")
    for kind, (h, r, t) in errors:
        fh.write(f"{kind} {r} {names[h]} [{where(h)}] -> {names[t]} [{where(t)}]\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", default=str(SHARED_DIR / "eval" / "re-docred" / "dev_revised.json"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: kb's English model)")
    ap.add_argument("--show", type=int, default=0, help="print N false positives/negatives")
    ap.add_argument("--half", choices=("even", "odd", "all"), default="all",
                    help="documents with an even or odd index only (error analysis on one half, the other "
                         "half as a check that rules generalise); 'all' also prints each half's micro figures")
    ap.add_argument("--dump", default=None, help="write kb's false positives/negatives with sentences to this file")
    ap.add_argument("--no-p569", action="store_true",
                    help="compare kb and baseline on the role relations only (micro-F1 without P569, birth dates)")
    args = ap.parse_args(argv)
    relations = ROLE_RELATIONS if args.no_p569 else MAIN
    path = Path(args.path)
    if not path.exists():
        print(f"skipped: {path} not found (Re-DocRED dev is read from ../shared/eval/re-docred)")
        return 0
    if "test" in path.name:
        print("note: the test split is for independent evaluation only; do not tune on it")
    docs = json.loads(path.read_text(encoding="utf-8"))
    indices = select_half(len(docs), args.half)
    if args.limit:
        indices = indices[: args.limit]
    docs = [docs[i] for i in indices]
    from kb.extract.pipeline import Extractor
    from kb.model import Document

    built = [build_text(d["sents"]) for d in docs]
    documents = [Document(id=str(i), text=text, lang="en") for i, (text, _) in zip(indices, built)]
    t0 = time.perf_counter()
    extractions = list(Extractor(model=args.model, lang="en").extract(documents))
    elapsed = time.perf_counter() - t0
    counts = {k: (Counter(), Counter(), Counter()) for k in ("kb", "baseline", "kb even", "kb odd")}
    shown = 0
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    for index, doc, (text, tmap), ex in zip(indices, docs, built, extractions):
        vspans = vertex_spans(doc, tmap)
        gold = gold_triples(doc)
        kb_pred = predict(doc, ex, vspans)
        if dump is not None:
            write_errors(dump, index, doc, kb_pred, gold)
        for name, pred in (("kb", kb_pred), ("baseline", baseline(doc, text, vspans)),
                           ("kb even" if index % 2 == 0 else "kb odd", kb_pred)):
            p_c, g_c, t_c = counts[name]
            for h, r, t in pred:
                if r in MAIN + EXTRA:
                    p_c[r] += 1
                    t_c[r] += (h, r, t) in gold
            for _, r, _ in gold:
                g_c[r] += 1
            if name == "kb" and shown < args.show:
                vn = [v[0]["name"] for v in doc["vertexSet"]]
                for h, r, t in sorted(pred - gold):
                    print(f"FP {r} {vn[h]} -> {vn[t]}")
                for h, r, t in sorted(gold - pred):
                    if r in MAIN:
                        print(f"FN {r} {vn[h]} -> {vn[t]}")
                shown += 1
    print(f"Re-DocRED {path.name}: {len(docs)} documents, kb extraction {elapsed:.1f}s")
    f_base = report("baseline (same-sentence co-occurrence)", *counts["baseline"], relations)
    f_kb = report("kb", *counts["kb"], relations)
    if args.half == "all":
        for name in ("kb even", "kb odd"):
            report(f"{name} half", *counts[name], relations)
    what = "role relations micro-F1 (no P569)" if args.no_p569 else "micro-F1"
    print(f"\n{what} kb {f_kb:.3f} vs baseline {f_base:.3f} (gain {f_kb - f_base:+.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
