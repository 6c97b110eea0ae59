#!/usr/bin/env python
"""Write kb/extract/lexicons/positions_ref.tsv: the reference's position labels split into role + organisation.

Usage: python scripts/build_role_lexicon.py [REFERENCE.jsonl.gz] [-o OUT.tsv]

Why: kb's hand-written role lexicon knows generic role words ("minister", "secretary") but not the
titles real posts carry ("Secretary of State for Work and Pensions", "finance minister of
Austria"). Wikidata's position items name them, so their labels and aliases, split into the role
part and the organisation/country part, are a vocabulary learnt from data.

How: every item of the reference (../shared/reference/wikidata-subset.jsonl.gz, default) that the
reference's entity-index.tsv.gz classifies as a position (its position lists), with labels and aliases
in English ("en") and German ("de": the subset stores every Latin-script label under "en", so a
label is marked "de" when it looks German; the few German ones are kept, see label_lang). Each label becomes one row:

- role: the title without its organisation, lower case, hyphens as spaces; "minister of/for X" and
  "secretary of state for X" become "X minister" / "X secretary" (kb's names, X normalised with
  portfolios_en.tsv); a role with a row in roles_en.tsv takes its kb role name there.
- org: an "of/for/to Y" tail or a leading name that is an entity label of the subset (a state,
  jurisdiction or party; not a portfolio word), else the position's P1001 (applies to jurisdiction) or P17
  (country) label; org_qid is that entity.
- portfolio: the X of "X minister"/"X secretary" (the words kb.roletitles may take as a domain).
- category: from roles_en.tsv for the role or, failing that, its last word.

Rows are sorted by label and position QID, so a rebuild from the same file is byte-identical.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path
from typing import Iterable, Iterator, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.settings import REPO_ROOT, SHARED_DIR  # noqa: E402

LEXICONS = REPO_ROOT / "kb" / "extract" / "lexicons"
DEFAULT_REFERENCE = SHARED_DIR / "reference" / "wikidata-subset.jsonl.gz"
DEFAULT_OUT = LEXICONS / "positions_ref.tsv"
LANGS = ("en", "de")
COLUMNS = ("label", "lang", "role", "portfolio", "org", "org_qid", "position_qid", "category", "source")
#: Words before a portfolio that are part of the office, not the subject ("Federal Minister of Finance").
OFFICE_PREFIXES = ("state", "deputy", "vice", "first deputy", "junior", "shadow")
ROLE_CONNECTORS = re.compile(r"\s+(of|for|to)\s+")


def _rows(path: Path) -> Iterator[list[str]]:
    """Data rows of a kb lexicon TSV (comments and header skipped)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:
        yield line.split("\t")


def clean(text: str) -> str:
    """Lower case, hyphens and commas as spaces, one space between words."""
    return re.sub(r"\s+", " ", re.sub(r"[-,]", " ", text.lower())).strip()


def kb_roles() -> dict[str, tuple[str, str]]:
    """roles_en.tsv surface (cleaned) -> (kb role name, category)."""
    return {clean(r[0]): (r[1], r[2]) for r in _rows(LEXICONS / "roles_en.tsv") if len(r) > 2}


def kb_portfolios() -> dict[str, str]:
    """portfolios_en.tsv surface -> portfolio name ("foreign affairs" -> "foreign")."""
    return {clean(r[0]): r[1] for r in _rows(LEXICONS / "portfolios_en.tsv") if len(r) > 1}


def read_kinds(index: Path) -> dict[str, str]:
    """QID -> the reference build's kinds ("position", "state;state/territory", "political party"…)."""
    kinds: dict[str, str] = {}
    if index.exists():
        with gzip.open(index, "rt", encoding="utf-8") as fh:
            next(fh, None)
            for line in fh:
                qid, kind = line.split("\t", 2)[:2]
                kinds[qid] = kind
    return kinds


def read_reference(path: Path) -> tuple[dict[str, dict], dict[str, str], dict[str, str]]:
    """(positions by QID, label (cleaned) -> QID of the states, jurisdictions and parties, and
    QID -> English label of those).

    Positions are the items the reference's entity-index.tsv.gz classifies as "position" (its
    position lists); without the index, the items held as some P39 value."""
    kinds = read_kinds(path.parent / "entity-index.tsv.gz")
    held: set[str] = set()
    items: dict[str, dict] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            e = json.loads(line)
            claims = e.get("claims", {})
            for st in claims.get("P39", []):
                value = st.get("mainsnak", {}).get("datavalue", {}).get("value", {})
                if isinstance(value, dict) and value.get("id"):
                    held.add(value["id"])
            if "P31" not in claims:  # people (P31 = Q5 only) are neither positions nor organisations
                items[e["id"]] = e
    positions = {q: e for q, e in items.items() if ("position" in kinds[q] if kinds else q in held)}
    labels: dict[str, str] = {}
    names: dict[str, str] = {}
    for qid, e in items.items():
        label = e.get("labels", {}).get("en", {}).get("value")
        kind = kinds.get(qid, "")
        if label and qid not in positions and any(k in kind for k in ("state", "jurisdiction", "party")):
            labels.setdefault(clean(label), qid)
            names[qid] = label
    return positions, labels, names


GERMAN_WORDS = re.compile(r"\b(für|der|und|von|zur|zum)\b|^\w*(rat|rätin|bürgermeister|hauptmann|abgeordneter?|beauftragter?)\b", re.I)


def label_lang(text: str, lang: str) -> str:
    """The label's language: the subset stores every Latin-script label under "en", German ones
    included ("Beauftragte der Bundesregierung …"); German function words or a German title word at
    its start ("Kreisrat in …"; not "Member of the Landtag of …", an English label) mark it "de"."""
    return "de" if lang == "en" and GERMAN_WORDS.search(text) else lang


def _claim_ids(entity: dict, prop: str) -> list[str]:
    """The item QIDs an entity's ``prop`` statements point to."""
    out = []
    for st in entity.get("claims", {}).get(prop, []):
        value = st.get("mainsnak", {}).get("datavalue", {}).get("value", {})
        if isinstance(value, dict) and value.get("id"):
            out.append(value["id"])
    return out


def _names(entity: dict) -> Iterator[tuple[str, str, str]]:
    """(text, lang, 'label'|'alias') of an entity in LANGS."""
    for lang in LANGS:
        label = entity.get("labels", {}).get(lang, {}).get("value")
        if label:
            yield label, lang, "label"
        for alias in entity.get("aliases", {}).get(lang, []):
            yield alias["value"], lang, "alias"


def split_label(label: str, labels: dict[str, str], portfolios: dict[str, str]) -> tuple[str, Optional[str], Optional[str], Optional[str]]:
    """(role, portfolio, org text, org QID) of one label, by its "X of/for Y" or "Y X" structure."""
    text = clean(label)
    org, org_qid = None, None
    parts = ROLE_CONNECTORS.split(text)
    # parts: [head, conn, obj, conn, obj, ...]; the last object that is an entity label is the org
    for i in range(len(parts) - 1, 1, -2):
        obj = re.sub(r"^the ", "", " ".join(parts[i:]))
        if obj in labels and obj not in portfolios:
            org, org_qid = obj, labels[obj]
            text = " ".join(parts[: i - 1])
            break
    if org is None:  # a leading entity name: "United States Secretary of State"
        words = text.split()
        for k in range(len(words) - 1, 0, -1):
            lead = " ".join(words[:k])
            if lead in labels:
                org, org_qid, text = lead, labels[lead], " ".join(words[k:])
                break
    text = re.sub(r"^federal ", "", text)  # "Federal Minister of Finance" is the finance minister
    role, portfolio = normalise_role(text, portfolios)
    return role, portfolio, org, org_qid


def normalise_role(text: str, portfolios: dict[str, str]) -> tuple[str, Optional[str]]:
    """'minister of finance' -> ('finance minister', 'finance'); 'secretary of state for health'
    -> ('health secretary', 'health'); 'home secretary' -> ('home secretary', 'home')."""
    if re.fullmatch(r"(?:[a-z ]+ )?secretary of state", text):
        return text, None  # the office itself ("US Secretary of State"), not a "state" portfolio
    m = re.match(r"^(?:(?P<pre>[a-z ]+?) )?(?P<head>minister|secretary of state|secretary|spokesman|spokesperson)"
                 r" (?:of|for) (?:the )?(?P<port>[a-z ]+)$", text)
    if m:
        port = portfolios.get(m["port"], m["port"])
        head = "secretary" if m["head"].startswith("secretary") else m["head"]
        pre = f"{m['pre']} " if m["pre"] in OFFICE_PREFIXES else ""
        return f"{pre}{port} {head}", port
    m = re.match(r"^(?P<port>[a-z ]+?) (?P<head>minister|secretary|spokesman|spokesperson)$", text)
    if m and m["port"] not in ("prime", "first", "chief", "general", "permanent", "private", "press", "cabinet",
                               "state", "parliamentary", "under", "deputy prime", "senior", "junior", "deputy"):
        port = m["port"]
        for prefix in OFFICE_PREFIXES:
            if port.startswith(prefix + " "):
                port = port[len(prefix) + 1 :]
        return f"{text[: len(text) - len(m['head']) - len(m['port']) - 1]}{m['port']} {m['head']}".strip(), portfolios.get(port, port)
    return text, None


def category_of(role: str, roles: dict[str, tuple[str, str]]) -> str:
    """roles_en.tsv's category of the role, else of its longest known tail ('finance minister' -> minister)."""
    words = role.split()
    for k in range(len(words)):
        tail = " ".join(words[k:])
        if tail in roles:
            return roles[tail][1]
    return ""


def rows_for(positions: dict[str, dict], labels: dict[str, str], names: dict[str, str]) -> Iterable[tuple[str, ...]]:
    """One TSV row per distinct (label, lang, position)."""
    roles, portfolios = kb_roles(), kb_portfolios()
    seen: set[tuple[str, str, str]] = set()
    for qid, entity in positions.items():
        owners = _claim_ids(entity, "P1001") or _claim_ids(entity, "P17")
        for text, lang, source in _names(entity):
            text = re.sub(r"\s+", " ", text).strip()
            if not text or (text, qid) in seen:
                continue
            seen.add((text, qid))
            lang = label_lang(text, lang)
            role, portfolio, org, org_qid = split_label(text, labels, portfolios)
            org_name = _original_case(text, org) if org else ""
            if org is None and owners and owners[0] in names:
                org_qid, org_name = owners[0], names[owners[0]]
            role = roles[role][0] if role in roles else role
            yield (text, lang, role, portfolio or "", org_name, org_qid or "", qid, category_of(role, roles), source)


def _original_case(label: str, org: str) -> str:
    """The organisation as the label writes it (the split works on the cleaned, lower-case form)."""
    m = re.search(re.escape(org).replace(r"\ ", r"[\s,-]+"), label, re.I)
    return m.group(0) if m else org


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reference", nargs="?", default=str(DEFAULT_REFERENCE))
    ap.add_argument("-o", "--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    ref = Path(args.reference)
    if not ref.exists():
        print(f"skipped: {ref} not found")
        return 0
    positions, labels, names = read_reference(ref)
    rows = sorted(set(rows_for(positions, labels, names)), key=lambda r: (r[0].lower(), r[0], r[1], int(r[6][1:])))
    header = [
        "# Position titles from the reference, split into role + organisation. GENERATED: do not edit by hand;",
        f"# rebuild with: python scripts/build_role_lexicon.py  (input: shared/reference/{ref.name},",
        "# Wikidata position items: labels and aliases; the subset stores Latin-script labels under en, so lang",
        "# is de where the label looks German (German function words, or a German title word first), else en).",
        "# Licence: Wikidata content, CC0 1.0 (labels, P17/P1001 claims; aliases are the every-politician-scrapers",
        "# list titles, Wikidata query output). role: lower case, kb role name where roles_en.tsv has one,",
        "# 'minister of X' -> 'X minister'; portfolio: the X of 'X minister'/'X secretary'; org/org_qid: the",
        "# 'of Y' tail or leading name when it is an entity label, else the position's P1001/P17; category: roles_en.tsv.",
        "\t".join(COLUMNS),
    ]
    out = Path(args.out)
    out.write_text("\n".join(header + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    langs = {lang: sum(r[1] == lang for r in rows) for lang in LANGS}
    print(f"{out}: {len(rows)} rows from {len(positions)} positions ({', '.join(f'{k} {v}' for k, v in langs.items())}); "
          f"with org {sum(bool(r[4]) for r in rows)}, with portfolio {sum(bool(r[3]) for r in rows)}, "
          f"with category {sum(bool(r[7]) for r in rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
