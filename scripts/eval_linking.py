"""Evaluate the offline linker on gold mention spans: GUM Wikinews/bio and Wiki-Fair v1.

Linking evaluation, not NER: mentions are the gold person/organisation spans; each distinct
surface form in a document becomes one kb Entity (no gold coreference is used), so surnames are
resolved the way a build resolves them, through the document's other names. Countries and
places among the gold mentions are given as organisation entities (co-mention context), but
are not scored.

Prints precision/recall/F1 overall and in-KB (gold QID present in the imported reference), the
share of gold QIDs the reference lacks, and a baseline measured in the same run (exact
normalised name, most statements wins). Only GUM train/dev and Wiki-Fair v1 are here; the test
splits are withheld, so nothing is tuned on a test split.

Usage: python scripts/eval_linking.py [--db kb.db] [--reference PATH] [--gum DIR] [--wikifair FILE]
Without --db, the reference is imported into a temporary database first.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.link import Linker  # noqa: E402
from kb.link.names import norm  # noqa: E402
from kb.link.reference import has_reference, import_reference  # noqa: E402
from kb.model import Document, Entity, Extraction, Mention  # noqa: E402
from kb.settings import REFERENCE_FILES, SHARED_DIR, Settings, get_settings  # noqa: E402
from kb.store import open_db  # noqa: E402

PERSON, ORG, PLACE = "person", "organization", "place"
_DETERMINERS = {"his", "her", "their", "its", "our", "my", "your", "this", "that", "these", "those", "other", "a", "an", "some", "all", "one"}
_PRONOUNS = {"he", "she", "they", "him", "her", "them", "his", "hers", "their", "i", "we", "you", "it", "us", "me"}


@dataclass
class GoldMention:
    doc: str
    start: int
    end: int
    text: str
    type: str  # person / organization / place
    qid: Optional[str]  # None: gold says no Wikidata entity (NIL)


@dataclass
class GoldDoc:
    id: str
    text: str
    mentions: list[GoldMention]
    published: Optional[str] = None


# ------------------------------------------------------------------------------------------
# Readers
# ------------------------------------------------------------------------------------------


def _wiki_map(path: Path) -> dict[str, str]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if row and not row[0].startswith("#") and len(row) >= 3:
                out[row[0]] = row[2]
                out[row[1]] = row[2]
    return out


_ITEM = re.compile(r"^(.*?)(?:\[(\d+)\])?$")


def _items(cell: str) -> list[tuple[str, Optional[str]]]:
    if cell in ("_", ""):
        return []
    return [(m.group(1), m.group(2)) for m in (_ITEM.match(x) for x in cell.split("|"))]


def read_gum_doc(path: Path, wiki: dict[str, str]) -> GoldDoc:
    """WebAnno TSV 3.2: rebuild the text from token offsets, spans from entity ids."""
    tokens: list[tuple[int, int, str]] = []
    spans: dict[str, dict] = {}
    single = 0
    published = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 7 or "-" not in cols[1]:
            continue
        start, end = (int(x) for x in cols[1].split("-"))
        tokens.append((start, end, cols[2]))
        ents, idents = _items(cols[3]), _items(cols[6])
        ident_by_id = {i: t for t, i in idents if i}
        loose = [t for t, i in idents if not i]
        for etype, eid in ents:
            if eid is None:
                single += 1
                key = f"s{single}"
                ident = loose.pop(0) if loose else None
            else:
                key = eid
                ident = ident_by_id.get(eid)
            span = spans.setdefault(key, {"type": etype, "start": start, "end": end, "ident": ident})
            span["start"], span["end"] = min(span["start"], start), max(span["end"], end)
            span["ident"] = span["ident"] or ident
    size = max((e for _, e, _ in tokens), default=0)
    chars = [" "] * size
    for s, e, tok in tokens:
        chars[s:e] = list(tok[: e - s].ljust(e - s))
    text = "".join(chars)
    mentions = []
    for span in spans.values():
        if span["type"] not in (PERSON, ORG, PLACE):
            continue
        ident = span["ident"]
        qid = wiki.get(ident) if ident and ident != "_" else None
        mentions.append(GoldMention(path.stem, span["start"], span["end"], text[span["start"]:span["end"]], span["type"], qid))
    return GoldDoc(path.stem, text, mentions, published)


def read_gum(folder: Path) -> list[GoldDoc]:
    wiki = _wiki_map(folder / "wiki_map.tab")
    return [read_gum_doc(p, wiki) for p in sorted((folder / "coref_tsv").glob("*.tsv"))]


_TYPES = {"Q215627": PERSON, "Q43229": ORG, "Q27096213": PLACE}


def read_wikifair(path: Path) -> list[GoldDoc]:
    """ELEVANT JSONL; top-level labels inside the evaluation span; child alternatives skipped."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        lo, hi = art.get("evaluation_span", [0, len(art["text"])])
        mentions = []
        for lab in art["labels"]:
            if lab.get("parent") is not None or lab.get("optional"):
                continue
            types = [_TYPES[t] for t in str(lab.get("type", "")).split("|") if t in _TYPES]
            s, e = lab["span"]
            if not types or s < lo or e > hi:
                continue
            eid = lab["entity_id"]
            qid = eid if eid.startswith("Q") else None
            mentions.append(GoldMention(str(art["id"]), s, e, art["text"][s:e], types[0], qid))
        docs.append(GoldDoc(str(art["id"]), art["text"], mentions))
    return docs


# ------------------------------------------------------------------------------------------
# Predicting
# ------------------------------------------------------------------------------------------


def is_name(text: str) -> bool:
    """Named mentions only: capitalised, not a pronoun (the linker links names)."""
    t = text.strip()
    if not t or not t[0].isupper() or t.split()[0].lower() in _PRONOUNS | _DETERMINERS:
        return False
    return " and " not in t and "," not in t  # coordinated groups ("A of B and C") are not names


def gold_places(doc: GoldDoc) -> list[str]:
    """Countries among the gold place mentions, as the extract stage names them (linking context)."""
    from kb.extract.rules.places import country_of_place

    names = (country_of_place(" ".join(m.text.split())) for m in doc.mentions if m.type == PLACE)
    return list(dict.fromkeys(n for n in names if n))


def extraction_for(doc: GoldDoc, places: bool = True) -> tuple[Extraction, dict[tuple[int, int], tuple[str, str]]]:
    """One Entity per distinct surface form (and type); returns the span -> (type, name) map.
    With ``places``, the countries among the gold places become ``Extraction.places``."""
    by_key: dict[tuple[str, str], Entity] = {}
    span_key: dict[tuple[int, int], tuple[str, str]] = {}
    for m in doc.mentions:
        if not is_name(m.text):
            continue
        etype = PERSON if m.type == PERSON else ORG
        name = " ".join(m.text.split())
        if name.lower().startswith("the ") and etype == PERSON:
            continue
        ent = by_key.setdefault((etype, name), Entity(name=name, type=etype))
        ent.mentions.append(Mention(m.text, etype, m.start, m.end, 0, name=name))
        span_key[(m.start, m.end)] = (etype, name)
    document = Document(id=doc.id, text=doc.text, published=doc.published)
    ext = Extraction(document=document, entities=list(by_key.values()), places=gold_places(doc) if places else [])
    return ext, span_key


def predict_linker(linker: Linker, doc: GoldDoc, places: bool = True) -> dict[tuple[int, int], Optional[str]]:
    ext, span_key = extraction_for(doc, places)
    linked = linker.link(ext)
    return {span: linked.link_for(*key).qid for span, key in span_key.items()}


def predict_baseline(conn, doc: GoldDoc) -> dict[tuple[int, int], Optional[str]]:
    """Exact normalised name among labels/aliases; the entry with most statements wins."""
    out = {}
    for m in doc.mentions:
        if not is_name(m.text):
            continue
        row = conn.execute(
            "SELECT n.qid FROM ref_names n JOIN ref_entities e ON e.qid = n.qid WHERE n.norm = ? "
            "ORDER BY e.n_statements DESC, e.n_sitelinks DESC LIMIT 1",
            [norm(m.text)],
        ).fetchone()
        out[(m.start, m.end)] = row[0] if row else None
    return out


# ------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Optional[str], pred: Optional[str]) -> None:
        if pred and pred == gold:
            self.tp += 1
        else:
            if pred:
                self.fp += 1
            if gold:
                self.fn += 1

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score(docs: list[GoldDoc], predict: Callable[[GoldDoc], dict], in_ref: Callable[[str], bool],
          errors: Optional[list[str]] = None) -> dict[str, Counts]:
    """Counts per slice: all/in-KB x person/organization/both. NIL gold counts only as FP bait.
    With ``errors``, each wrong link is appended to it (document, mention, gold, predicted)."""
    counts: dict[str, Counts] = defaultdict(Counts)
    for doc in docs:
        preds = predict(doc)
        for m in doc.mentions:
            if m.type == PLACE or (m.start, m.end) not in preds:
                continue
            pred = preds[(m.start, m.end)]
            if errors is not None and pred and pred != m.qid:
                errors.append(f"{doc.id}: {m.type} {m.text!r} gold={m.qid} "
                              f"({'in' if m.qid and in_ref(m.qid) else 'not in'} reference) linked={pred}")
            inkb = m.qid is None or in_ref(m.qid)
            for etype in (m.type, "all"):
                counts[f"overall/{etype}"].add(m.qid, pred)
                if inkb:
                    counts[f"in-KB/{etype}"].add(m.qid, pred)
    return counts


def coverage(docs: list[GoldDoc], in_ref: Callable[[str], bool]) -> tuple[int, int, int, int]:
    """(gold mentions with QID, of which in reference, distinct QIDs, of which in reference)."""
    ments = [m for d in docs for m in d.mentions if m.qid and m.type != PLACE and is_name(m.text)]
    qids = {m.qid for m in ments}
    return len(ments), sum(in_ref(m.qid) for m in ments), len(qids), sum(in_ref(q) for q in qids)


def report(name: str, docs: list[GoldDoc], linker: Linker, conn, places: bool = True,
           list_errors: bool = False) -> dict[str, float]:
    cache: dict[str, bool] = {}

    def in_ref(qid: str) -> bool:
        if qid not in cache:
            cache[qid] = conn.execute("SELECT 1 FROM ref_entities WHERE qid = ?", [qid]).fetchone() is not None
        return cache[qid]

    n_m, n_m_in, n_q, n_q_in = coverage(docs, in_ref)
    print(f"\n== {name}: {len(docs)} documents, {n_m} gold person/org name mentions with a QID")
    print(f"   reference lacks {n_m - n_m_in}/{n_m} mentions ({(n_m - n_m_in) / max(n_m, 1):.1%}), "
          f"{n_q - n_q_in}/{n_q} distinct QIDs ({(n_q - n_q_in) / max(n_q, 1):.1%})")
    started = time.perf_counter()
    errors: list[str] = []
    ours = score(docs, lambda d: predict_linker(linker, d, places), in_ref, errors)
    seconds = time.perf_counter() - started
    base = score(docs, lambda d: predict_baseline(conn, d), in_ref)
    print(f"   {'slice':28} {'kb P':>6} {'R':>6} {'F1':>6}   {'baseline P':>10} {'R':>6} {'F1':>6}   (tp/fp/fn)")
    out = {}
    for key in sorted(ours):
        p, r, f = ours[key].prf()
        bp, br, bf = base[key].prf()
        c = ours[key]
        print(f"   {key:28} {p:6.3f} {r:6.3f} {f:6.3f}   {bp:10.3f} {br:6.3f} {bf:6.3f}   ({c.tp}/{c.fp}/{c.fn})")
        out[key] = f
    print(f"   linked in {seconds:.2f} s")
    if list_errors:
        label = {q: l for q, l in conn.execute("SELECT qid, label FROM ref_entities")} if errors else {}
        for line in errors:
            print(f"   wrong: {line} ({label.get(line.rsplit('=', 1)[1])})")
    return out


def _halve(docs: list[GoldDoc], half: Optional[str]) -> list[GoldDoc]:
    """Even- or odd-indexed documents (in reading order), or all of them."""
    if half is None:
        return docs
    return docs[0 if half == "even" else 1::2]


def _half_name(half: Optional[str]) -> str:
    return f", {half}-indexed documents" if half else ""


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="kb.db with imported reference (default: import into a temp db)")
    ap.add_argument("--reference", nargs="+", default=[str(SHARED_DIR / "reference" / f) for f in REFERENCE_FILES],
                    help="reference files to import (dumps, then index files)")
    ap.add_argument("--half", choices=("even", "odd"),
                    help="only the even- or odd-indexed documents (error analysis on one half, report the other)")
    ap.add_argument("--gum", default=str(SHARED_DIR / "eval" / "gum-wikinews"))
    ap.add_argument("--wikifair", default=str(SHARED_DIR / "eval" / "elevant-wiki-fair" / "wiki-fair.benchmark.jsonl"))
    ap.add_argument("--threshold", type=float, help="override settings.link_threshold (tuning on dev)")
    ap.add_argument("--errors", action="store_true", help="list each wrong link (gold, predicted)")
    ap.add_argument("--no-places", action="store_true",
                    help="do not pass the countries among the gold places as Extraction.places")
    args = ap.parse_args(argv)
    gum, wf = Path(args.gum), Path(args.wikifair)
    if not (gum / "coref_tsv").exists() and not wf.exists():
        print(f"skipped: no evaluation data at {gum} or {wf}")
        return 0
    if args.db:
        db = open_db(args.db)
    else:
        missing = [r for r in args.reference if not Path(r).exists()]
        if missing:
            print(f"skipped: reference {', '.join(missing)} absent (pass --db with imported reference)")
            return 0
        tmp = Path(tempfile.mkdtemp()) / "ref.db"
        db = open_db(tmp)
        rep = import_reference(db, args.reference)
        print(f"imported {rep.entities} entities in {rep.seconds:.1f} s")
    if not has_reference(db):
        print("skipped: the database has no reference data (run `kb reference import` first)")
        return 0
    settings = get_settings()
    if args.threshold is not None:
        settings = Settings(link_threshold=args.threshold)
    linker = Linker.from_db(db, settings)
    print(f"link_threshold = {settings.link_threshold}; places: {'no' if args.no_places else 'countries among gold places'}")
    if (gum / "coref_tsv").exists():
        report(f"GUM wikinews+bio (train+dev){_half_name(args.half)}", _halve(read_gum(gum), args.half), linker,
               db.conn, not args.no_places, args.errors)
    else:
        print(f"skipped GUM: {gum} absent")
    if wf.exists():
        report(f"Wiki-Fair v1 (person+organization labels){_half_name(args.half)}", _halve(read_wikifair(wf), args.half),
               linker, db.conn, not args.no_places, args.errors)
    else:
        print(f"skipped Wiki-Fair: {wf} absent")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
