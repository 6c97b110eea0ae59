#!/usr/bin/env python
"""news-tenures dev: kb's figures per language and per half, and why each gold tenure was missed.

Usage: python scripts/eval_news.py [DEV.jsonl] [GOLD.jsonl] [--pred FACTS.jsonl] [--examples N] [--cache DIR]

DEV/GOLD default to ../shared/eval/news-tenures/{dev,gold}.jsonl (kb.settings.SHARED_DIR); when
they are absent the script prints "skipped: <why>" and exits 0.

How it works
- The dev documents are built with kb's own CLI (``python -m kb build``, so ``PYTHONPATH`` picks
  the checkout under test) into a copy of a database that holds only the imported reference
  (the files `make demo` imports from ../shared/reference). That template is imported once and cached in
  ``--cache`` (keyed by the files' names, sizes and times), as scripts/check_same_facts.py does;
  ``kb export facts`` then gives the predictions. ``--pred`` scores a saved export instead.
- Scores come from kb.evaluate (the same matching as ``kb evaluate``), printed per language (en,
  de) and for all documents, and per half: each language's documents sorted by id, even indices
  form the "analysis" half (read its errors when writing rules), odd ones the "held-out" half (a
  check that the rules generalise).
- Error classes. A missed gold tenure (no kb tenure of that person with a matching role) is
  "unknown role word" when no role name kb can write (the role columns of kb's role lexicons, a
  portfolio + "minister", each optionally after a role modifier such as "deputy") matches the
  gold role or an alias; else "holder not found" when the gold person is not among kb's persons
  of that document; else "unknown construction" (kb knows the words and the person but no rule
  joined them). A matched tenure is counted under each wrong field: org, status, start, end.
- Strict links: besides kb.evaluate's row (every link judged, a null gold QID makes a link wrong),
  a "judged" row counts only the links the gold can judge: the dev gold's QIDs were looked up in
  the politicians subset only (README: companies, clubs, media, ministries are not in it -> null),
  so a link to an entry of wikidata-orgs on an entity with a null gold QID is listed for a person
  to judge instead (analysis half only; the held-out half gives its count).
- Role vocabulary coverage: of the gold roles, how many kb's lexicons know (as above) and how
  many kb.roletitles.parse_title (title grammar + positions_ref.tsv) recognises.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.evaluate import (  # noqa: E402
    Report, evaluate, format_report, norm, pair_tenures, person_match, read_jsonl, reference_qids, role_match,
    tenure_org_ok,
)
from kb.settings import REFERENCE_FILES, REPO_ROOT, SHARED_DIR  # noqa: E402

NEWS = SHARED_DIR / "eval" / "news-tenures"
REFERENCE = [SHARED_DIR / "reference" / name for name in REFERENCE_FILES]
#: The modules that turn reference files into rows: the cached template is keyed by them too.
IMPORT_CODE = [REPO_ROOT / "kb" / "link" / name for name in ("reference.py", "kinds.py", "names.py")] + [
    REPO_ROOT / "kb" / "store" / "reference.py"]
#: The reference file the dev gold's QIDs were verified in (news-tenures README, "QIDs").
GOLD_REFERENCE = SHARED_DIR / "reference" / "wikidata-subset.jsonl.gz"
LEXICONS = REPO_ROOT / "kb" / "extract" / "lexicons"
HALVES = ("analysis", "held-out")
MISS_CLASSES = ("unknown role word", "holder not found", "unknown construction")
WRONG_FIELDS = ("org", "status", "start", "end")
#: Words kb puts before a role name and keeps in it ("deputy chairman", "co-chief executive");
#: the same list as the role rules' modifiers, copied here because this script only reads kb's
#: data files, never the extract stage's code (which is being restructured).
ROLE_MODIFIERS = ("deputy", "vice", "assistant", "associate", "co", "joint", "senior", "principal",
                  "executive", "first deputy", "first vice")


# ------------------------------------------------------------------------------------- build
def _kb(*args: str) -> None:
    """Run the kb CLI of the checkout under test; stop with its output when it fails."""
    proc = subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"kb {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")


def reference_template(cache: Path, references: list[Path]) -> Optional[Path]:
    """A database holding only the imported reference, imported once per set of files."""
    present = [r for r in references if r.exists()]
    if not present:
        return None
    stamp = hashlib.sha1(" ".join(f"{r.name}:{r.stat().st_size}:{int(r.stat().st_mtime)}" for r in present).encode())
    for code in IMPORT_CODE:  # what the import writes changes with its code, not only the files
        stamp.update(code.read_bytes() if code.exists() else b"")
    db = cache / f"reference-{stamp.hexdigest()[:16]}.db"
    if not db.exists():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = db.with_suffix(f".{os.getpid()}.tmp.db")  # one per process: two runs may import at once
        tmp.unlink(missing_ok=True)
        _kb("reference", "import", *map(str, present), "--db", str(tmp))
        os.replace(tmp, db)  # atomic: a concurrent run sees no database or a whole one
        for side in ("-writer", "-wal", "-shm"):  # the import's lock and journal files, all closed now
            Path(f"{tmp}{side}").unlink(missing_ok=True)
    return db


def build_predictions(dev: Path, cache: Path, reference: list[Path]) -> list[dict]:
    """Build ``dev`` into a copy of the reference template and return ``kb export facts``."""
    template = reference_template(cache, reference)
    with tempfile.TemporaryDirectory(prefix="kb-eval-news-") as tmp:
        db, out = Path(tmp) / "news.db", Path(tmp) / "facts.jsonl"
        if template is not None:
            shutil.copy(template, db)
        _kb("build", str(dev), "--db", str(db))
        _kb("export", "facts", "--db", str(db), "-o", str(out))
        return read_jsonl(out)


# ---------------------------------------------------------------------------- role lexicons
def _tsv_rows(path: Path) -> Iterable[list[str]]:
    """Data rows of a kb lexicon (comments and the header skipped)."""
    if not path.exists():
        return
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:
        yield line.split("\t")


@lru_cache(maxsize=1)
def kb_role_names() -> frozenset[str]:
    """Normalised role names kb can write: the role columns of roles_en/roles_de, portfolio
    ministers, each also after a role modifier."""
    base = {norm(r[1]) for name in ("roles_en.tsv", "roles_de.tsv") for r in _tsv_rows(LEXICONS / name) if len(r) > 1}
    base |= {norm(f"{r[1]} minister") for r in _tsv_rows(LEXICONS / "portfolios_en.tsv") if len(r) > 1}
    base.discard("")
    return frozenset(base | {f"{m} {b}" for m in ROLE_MODIFIERS for b in base})


def kb_knows_role(gold: dict) -> bool:
    """True when some role name kb can write matches the gold role or one of its aliases."""
    return any(role_match(name, gold) for name in kb_role_names())


def roletitles_knows_role(gold: dict, with_org: bool = True) -> bool:
    """True when kb.roletitles.parse_title recognises the gold role or an alias (alone, or with
    the gold organisation after "of", as a text names it) as a title whose name matches the gold
    tenure, also as role + organisation ("minister" at "Home Office" for "home office minister",
    GOLD-FORMAT v1.1)."""
    from kb.roletitles import parse_title

    org = gold.get("org")
    for phrase in [gold.get("role")] + list(gold.get("role_aliases") or []):
        for text in [phrase or ""] + ([f"{phrase} of {org}"] if org and with_org else []):
            parsed = parse_title(text)
            if parsed is None:
                continue
            names = list(parsed.candidates())
            names += [f"{parsed.org} {n}" for n in parsed.candidates() if parsed.org]
            if any(role_match(n, gold) for n in names):
                return True
    return False


# --------------------------------------------------------------------------------- analysis
@dataclass
class Errors:
    """Counts of missed tenures by class and of matched tenures by wrong field."""

    gold: int = 0
    matched: int = 0
    missed: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    missed_roles: Counter = field(default_factory=Counter)
    role_classes: dict[str, Counter] = field(default_factory=dict)

    def add_miss(self, cls: str, gold: dict, doc: str) -> None:
        """Count a missed gold tenure under its class, with an example line for the report."""
        self.missed[cls] += 1
        self.missed_roles[gold["role"]] += 1
        self.role_classes.setdefault(gold["role"], Counter())[cls] += 1
        self.examples.setdefault(cls, []).append(
            f"{doc}: {gold['person']} / {gold['role']} / {gold.get('org')} -- {gold.get('sentence', '')}")


def classify_miss(gold_tenure: dict, pred: dict) -> str:
    """Why kb missed a gold tenure: its role words, its holder, or the construction."""
    if not kb_knows_role(gold_tenure):
        return "unknown role word"
    holder = {"name": gold_tenure["person"], "qid": gold_tenure.get("person_qid")}
    if not any(person_match(p, holder) for p in pred.get("persons", [])):
        return "holder not found"
    return "unknown construction"


def analyse(golds: list[dict], preds: dict[str, dict]) -> Errors:
    """Error classes over the given gold documents."""
    errors = Errors()
    empty = {"persons": [], "organizations": [], "tenures": []}
    for gold in golds:
        pred = preds.get(gold["id"], empty)
        for g, p in pair_tenures(gold, pred):
            errors.gold += 1
            if p is None:
                errors.add_miss(classify_miss(g, pred), g, gold["id"])
                continue
            errors.matched += 1
            checks = {"org": tenure_org_ok(p, g, gold["organizations"]), "status": p.get("status") == g.get("status"),
                      "start": p.get("start") == g.get("start"), "end": p.get("end") == g.get("end")}
            errors.wrong.update(k for k, ok in checks.items() if not ok)
            for fld in (k for k, ok in checks.items() if not ok):
                got = p.get(fld) if fld != "org" else p.get("org")
                errors.examples.setdefault(f"wrong {fld}", []).append(
                    f"{gold['id']}: {g['person']} / {g['role']} -- gold {g.get(fld)!r}, kb {got!r} -- "
                    f"{g.get('sentence', '')}")
    return errors


# ----------------------------------------------------------------------------------- output
def split_halves(golds: list[dict]) -> dict[str, list[dict]]:
    """Per language, documents sorted by id: even index -> analysis, odd -> held-out."""
    out: dict[str, list[dict]] = {h: [] for h in HALVES}
    for lang in sorted({g.get("lang", "en") for g in golds}):
        docs = sorted((g for g in golds if g.get("lang", "en") == lang), key=lambda g: g["id"])
        for i, g in enumerate(docs):
            out[HALVES[i % 2]].append(g)
    return out


def score_line(name: str, report: Report) -> str:
    """One row of the by-half table: tenures and full tenures P/R/F1 in kb evaluate's format."""
    t, f = report.scores["tenures"], report.scores["full_tenures"]
    return (f"{name:<22}{report.documents:>5}{t.precision:>8.3f}{t.recall:>8.3f}{t.f1:>8.3f}{t.tp:>6}{t.fp:>6}{t.fn:>6}"
            f"{f.precision:>8.3f}{f.recall:>8.3f}{f.f1:>8.3f}")


def error_table(rows: list[tuple[str, Errors]]) -> list[str]:
    """One column per selection: missed tenures by class, matched tenures by wrong field."""
    width = 14
    head = f"{'':<24}" + "".join(f"{name:>{width}}" for name, _ in rows)
    lines = [head, f"{'gold tenures':<24}" + "".join(f"{e.gold:>{width}}" for _, e in rows)]
    lines.append(f"{'missed':<24}" + "".join(f"{sum(e.missed.values()):>{width}}" for _, e in rows))
    for cls in MISS_CLASSES:
        lines.append(f"{'  ' + cls:<24}" + "".join(f"{e.missed[cls]:>{width}}" for _, e in rows))
    lines.append(f"{'matched':<24}" + "".join(f"{e.matched:>{width}}" for _, e in rows))
    for fld in WRONG_FIELDS:
        cells = "".join(f"{f'{e.wrong[fld]} ({e.wrong[fld] / e.matched:.0%})' if e.matched else '0':>{width}}" for _, e in rows)
        lines.append(f"{'  wrong ' + fld:<24}" + cells)
    return lines


def coverage_lines(golds: list[dict], lang: str = "en") -> list[str]:
    """How many gold roles kb's lexicons know vs parse_title (grammar + positions_ref), the
    phrase alone and with the gold organisation attached ("director of WorldCom")."""
    tenures = [t for g in golds if g.get("lang", "en") == lang for t in g["tenures"]]
    if not tenures:
        return []
    n = len(tenures)
    lex = sum(kb_knows_role(t) for t in tenures)
    lines = [f"role vocabulary ({lang}, {n} gold tenures): kb's role lexicons know {lex} ({lex / n:.0%})"]
    try:
        bare = sum(roletitles_knows_role(t, with_org=False) for t in tenures)
        org = sum(roletitles_knows_role(t) for t in tenures)
        either = sum(kb_knows_role(t) or roletitles_knows_role(t) for t in tenures)
    except ImportError:
        return lines + ["  kb.roletitles not available"]
    lines.append(f"  parse_title (title grammar + positions_ref): phrase alone {bare} ({bare / n:.0%}), "
                 f"with the organisation {org} ({org / n:.0%}); lexicons or parse_title {either} ({either / n:.0%})")
    return lines


def print_unjudged(halves: dict[str, list[dict]], preds: list[dict], judged: frozenset[str]) -> None:
    """The links the gold cannot judge (entries outside its reference, gold QID null), with the
    reference label, for a person to judge: listed for the analysis half, counted for the other."""
    print("\n== links the gold cannot judge (QID outside the gold's reference, gold QID null)")
    print(f"   held-out half: {len(evaluate(halves['held-out'], preds, judged).unjudged_links)} (not listed)")
    lines = evaluate(halves["analysis"], preds, judged).unjudged_links
    described = reference_descriptions({q for line in lines for q in re.findall(r"-> (Q\d+)", line)})
    for line in lines:
        qid = re.search(r"-> (Q\d+)", line).group(1)
        print(f"  ? {line}\n      reference: {described.get(qid, '(not found)')}")


def reference_descriptions(qids: set[str]) -> dict[str, str]:
    """QID -> "label: description (enwiki)" from the reference dumps, for the QIDs asked."""
    from kb.link.reference import ImportReport, iter_entities

    out: dict[str, str] = {}
    for path in REFERENCE:
        if not qids - out.keys() or not path.exists() or path.name.endswith((".tsv", ".tsv.gz")):
            continue
        for ent in iter_entities(path, ImportReport()):
            if ent["id"] in qids:
                pick = lambda d: (d.get("en") or next(iter(d.values()), {})).get("value", "") if d else ""
                enwiki = ((ent.get("sitelinks") or {}).get("enwiki") or {}).get("title")
                out[ent["id"]] = (f"{pick(ent.get('labels') or {})}: {pick(ent.get('descriptions') or {}) or '-'}"
                                  + (f" (enwiki {enwiki})" if enwiki else ""))
    return out


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dev", nargs="?", default=str(NEWS / "dev.jsonl"))
    ap.add_argument("gold", nargs="?", default=str(NEWS / "gold.jsonl"))
    ap.add_argument("--pred", help="score this `kb export facts` file instead of building")
    ap.add_argument("--reference", nargs="+", default=[str(r) for r in REFERENCE],
                    help="reference files to import (default: the dumps and index files make demo imports)")
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "kb-eval-news-cache"),
                    help="folder for the imported-reference template database (kept between runs)")
    ap.add_argument("--examples", type=int, default=0, help="print N example misses per class and wrong fields of matched tenures (analysis half)")
    ap.add_argument("--verbose", action="store_true", help="list kb evaluate's misses and spurious items (analysis half)")
    args = ap.parse_args(argv)
    if not Path(args.gold).exists() or not (args.pred or Path(args.dev).exists()):
        print(f"skipped: {args.dev} or {args.gold} not present")
        return 0
    golds = read_jsonl(args.gold)
    t0 = time.perf_counter()
    preds_list = read_jsonl(args.pred) if args.pred else build_predictions(Path(args.dev), Path(args.cache), [Path(r) for r in args.reference])
    preds = {p["id"]: p for p in preds_list}
    langs = sorted({g.get("lang", "en") for g in golds})
    counts = ", ".join(f"{lang} {sum(g.get('lang', 'en') == lang for g in golds)}" for lang in langs)
    how = f"scored {args.pred}" if args.pred else f"built in {time.perf_counter() - t0:.1f} s"
    print(f"news-tenures: {len(golds)} documents ({counts}), {how}")
    selections = {lang: [g for g in golds if g.get("lang", "en") == lang] for lang in langs}
    selections["all"] = golds
    judged = reference_qids(GOLD_REFERENCE) if GOLD_REFERENCE.exists() else None
    halves = split_halves(golds)
    for name, sel in selections.items():
        print(f"\n== {name}")
        print(format_report(evaluate(sel, preds_list, judged)))
        if args.verbose:  # the listing shows texts and gold: the analysis half's only
            print(f"\n== {name}, analysis half: misses and spurious items")
            part = [g for g in sel if g in halves["analysis"]]
            print(format_report(evaluate(part, preds_list, judged), verbose=True))
    if judged is not None:
        print_unjudged(halves, preds_list, judged)
    print("\n== tenures by half (each language's documents sorted by id: even = analysis, odd = held-out)")
    print(f"{'':<22}{'docs':>5}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}{'full P':>8}{'full R':>8}{'full F1':>8}")
    table: list[tuple[str, Errors]] = []
    for name, sel in selections.items():
        for half in HALVES + ("both",):
            part = [g for g in sel if half == "both" or g in halves[half]]
            print(score_line(f"{name} {half}", evaluate(part, preds_list)))
            if half != "both":
                table.append((f"{name} {half[:8]}", analyse(part, preds)))
        table.append((f"{name}", analyse(sel, preds)))
        if table[-1][1].matched != evaluate(sel, preds_list).scores["tenures"].tp:
            print(f"warning: the error analysis matched {table[-1][1].matched} tenures of {name}, kb.evaluate "
                  "another number: kb.evaluate's matching changed, update _tenure_pairs")
    print("\n== error classes (missed gold tenures by cause; matched tenures by wrong field)")
    print("\n".join(error_table(table)))
    # Examples and missed roles come from the analysis half only: the held-out half's texts and
    # gold are never printed, or rules would be written for them.
    everything = next(e for label, e in table if label == f"{list(selections)[-1]} {HALVES[0][:8]}")
    print("\n== most frequent missed roles (analysis half)")
    for role, n in everything.missed_roles.most_common(15):
        classes = ", ".join(f"{c} {k}" for c, k in everything.role_classes[role].most_common())
        print(f"{n:>4}  {role:<40} {classes}")
    for cls in (*MISS_CLASSES, *(f"wrong {f}" for f in ("org", "status", "start", "end"))) if args.examples else ():
        print(f"\n== examples: {cls} (analysis half)")
        for line in everything.examples.get(cls, [])[: args.examples]:
            print(f"  - {line[:300]}")
    print()
    print("\n".join(coverage_lines(golds, "en")))  # the grammar is English; German gold roles are translations
    return 0


if __name__ == "__main__":
    sys.exit(main())
