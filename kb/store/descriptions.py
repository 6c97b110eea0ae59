"""Short descriptions of persons and organisations: what tells namesakes apart in the browser.

The reference's own description when it has one (the Wikidata dump's ``descriptions``, kept in
``ref_entities.description``); else a line made from the facts: a person's birth and death years
and their best-known posts ("born 1967; prime minister of the Netherlands (2010–2024)": kb's
own tenures first, the reference's P39 statements filling up), an
organisation's kind, country and founding year from the reference's index files and claims
and the posts kb found in it ("company, Spain, founded 1998; posts: chief executive, chairman"). Posts come from kb's own tenures first (what the news says), then the reference's
P39 statements. Written by the store's entity refresh, so a description follows the facts.
"""

from __future__ import annotations

from typing import Optional

import sqlite_utils

from ..countries import cldr_name

#: At most this many posts in a description: enough to tell two "John Smith"s apart.
MAX_POSTS = 2
#: A description never exceeds this many characters (Datasette shows it in a table cell).
MAX_CHARS = 160


def _years(start: Optional[str], end: Optional[str]) -> str:
    """" (2010–2024)", " (2010–)", " (–2024)" or "" from ISO-prefix dates."""
    a, b = (start or "")[:4], (end or "")[:4]
    if not a and not b:
        return ""
    return f" ({a}–{b})"


def _reference_description(db: sqlite_utils.Database, qid: Optional[str]) -> Optional[str]:
    if not qid:
        return None
    row = db.execute("SELECT description FROM ref_entities WHERE qid = ?", [qid]).fetchone()
    return row[0] if row and row[0] else None


def _kb_posts(db: sqlite_utils.Database, person_id: str) -> list[str]:
    """The person's posts in kb, most recent start first: "chief executive of Apple (2011–)"."""
    rows = db.execute(
        'SELECT t.role, o.name, min(t.start), max(t."end") FROM tenures t '
        "LEFT JOIN organizations o ON o.id = t.organization_id WHERE t.person_id = ? "
        "GROUP BY t.role, o.name ORDER BY max(coalesce(t.start, '')) DESC, t.role LIMIT ?",
        [person_id, MAX_POSTS],
    ).fetchall()
    return [f"{role} of {org}{_years(s, e)}" if org else f"{role}{_years(s, e)}" for role, org, s, e in rows]


def _reference_posts(db: sqlite_utils.Database, qid: Optional[str]) -> list[str]:
    """The linked person's P39 positions in the reference, most recent first."""
    if not qid:
        return []
    rows = db.execute(
        "SELECT e.label, c.start, c.\"end\" FROM ref_claims c JOIN ref_entities e ON e.qid = c.value "
        "WHERE c.qid = ? AND c.property = 'P39' AND e.label IS NOT NULL "
        "ORDER BY coalesce(c.start, '') DESC, e.label LIMIT ?",
        [qid, MAX_POSTS],
    ).fetchall()
    return [f"{label}{_years(s, e)}" for label, s, e in rows]


def person_description(db: sqlite_utils.Database, person_id: str) -> Optional[str]:
    """The reference's description, else "born YYYY[, died YYYY]; post; post", or None."""
    row = db.execute("SELECT qid, birth_date, death_date FROM persons WHERE id = ?", [person_id]).fetchone()
    if row is None:
        return None
    qid, birth, death = row
    ref = _reference_description(db, qid)
    if ref:
        return ref
    if qid and not (birth and death):
        ref_row = db.execute("SELECT birth_date, death_date FROM ref_entities WHERE qid = ?", [qid]).fetchone()
        if ref_row:
            birth, death = birth or ref_row[0], death or ref_row[1]
    parts = []
    if birth or death:
        parts.append(", ".join(p for p in (f"born {birth[:4]}" if birth else "", f"died {death[:4]}" if death else "") if p))
    posts = _kb_posts(db, person_id)
    for post in _reference_posts(db, qid):  # the reference's posts fill up, without repeating kb's
        if len(posts) < MAX_POSTS and not any(p.split(" (")[0].lower() in post.lower() for p in posts):
            posts.append(post)
    parts.extend(posts)
    return _clip("; ".join(parts)) if parts else None


def organization_description(db: sqlite_utils.Database, org_id: str) -> Optional[str]:
    """The reference's description, else "KIND, COUNTRY, founded YEAR; posts: ROLE, ROLE" from
    what the reference knows of it (``_org_facts``) and the posts kb found in it, or None."""
    row = db.execute("SELECT qid FROM organizations WHERE id = ?", [org_id]).fetchone()
    if row is None:
        return None
    qid = row[0]
    ref = _reference_description(db, qid)
    if ref:
        return ref
    parts = [_org_facts(db, qid)] if qid else []
    roles = [r[0] for r in db.execute(
        "SELECT role FROM tenures WHERE organization_id = ? GROUP BY role ORDER BY count(*) DESC, role LIMIT 3",
        [org_id])]
    if roles:
        parts.append("posts: " + ", ".join(roles))
    parts = [p for p in parts if p]
    return _clip("; ".join(parts)) if parts else None


#: Kinds of the reference's index files that say nothing a reader can use.
_VAGUE_KINDS = {"other", "organisation/jurisdiction", "state/territory"}


def readable_kind(kind: str) -> Optional[str]:
    """The index files' kind as a reader says it: "ROR company+funder" -> "company", "NSI brand
    amenity/fast_food" -> "brand (fast food)", "NSI operator amenity/school" -> "operator
    (school)", "international organisation (SupraVerden: …)" -> "international organisation";
    None for kinds that tell nothing ("ROR other")."""
    kind = kind.split(" (")[0].strip()
    if kind.startswith("ROR "):
        kind = kind[4:].split("+")[0].replace("government", "government body")
    elif kind.startswith("NSI "):
        role, _, what = kind[4:].partition(" ")
        kind = f"{role} ({what.split('/')[-1].replace('_', ' ')})"
    return None if kind in _VAGUE_KINDS else kind


def _org_facts(db: sqlite_utils.Database, qid: str) -> str:
    """ "company, United States, founded 1998" from the reference's kind, country and inception."""
    claims = db.execute("SELECT property, value FROM ref_claims WHERE qid = ? AND property IN "
                        "('kb:kind', 'kb:country', 'P17', 'P571') ORDER BY property, value", [qid]).fetchall()
    kinds = [k for k in (readable_kind(v) for p, v in claims if p == "kb:kind") if k]
    country = next((cldr_name(v) for p, v in claims if p == "kb:country" and cldr_name(v)), None)
    if country is None:
        row = db.execute("SELECT e.label FROM ref_claims c JOIN ref_entities e ON e.qid = c.value "
                         "WHERE c.qid = ? AND c.property = 'P17' AND e.label IS NOT NULL LIMIT 1", [qid]).fetchone()
        country = row[0] if row else None
    founded = next((v[:4] for p, v in claims if p == "P571" and v and v[:4].isdigit()), None)
    facts = [kinds[0]] if kinds else []
    facts += [country] if country else []
    facts += [f"founded {founded}"] if founded else []
    return ", ".join(facts)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"


def _outside_reference(db: sqlite_utils.Database, table: str, eid: str) -> bool:
    """A linked entity whose QID the reference tables do not hold (a link given from elsewhere):
    the description its link brought is all there is, and stays."""
    row = db.execute(f"SELECT qid FROM [{table}] WHERE id = ?", [eid]).fetchone()
    if row is None or not row[0]:
        return False
    return db.execute("SELECT 1 FROM ref_entities WHERE qid = ?", [row[0]]).fetchone() is None


def refresh_description(db: sqlite_utils.Database, table: str, eid: str) -> None:
    """Recompute one entity's description (``table`` is persons or organizations)."""
    if _outside_reference(db, table, eid):
        return
    make = person_description if table == "persons" else organization_description
    db.execute(f"UPDATE [{table}] SET description = ? WHERE id = ?", [make(db, eid), eid])
