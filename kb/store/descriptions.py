"""Short descriptions of persons and organisations: what tells namesakes apart in the browser.

The reference's own description when it has one (the Wikidata dump's ``descriptions``, kept in
``ref_entities.description``); else a line made from the facts: a person's birth and death years
and their best-known posts ("born 1967; prime minister of the Netherlands (2010–2024)": kb's
own tenures first, the reference's P39 statements filling up), an
organisation's country and the posts kb found in it ("in Spain; posts: chief executive,
chairman"). Posts come from kb's own tenures first (what the news says), then the reference's
P39 statements. Written by the store's entity refresh, so a description follows the facts.
"""

from __future__ import annotations

from typing import Optional

import sqlite_utils

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
    """The reference's description, else "in COUNTRY; posts: ROLE, ROLE", or None."""
    row = db.execute("SELECT qid FROM organizations WHERE id = ?", [org_id]).fetchone()
    if row is None:
        return None
    qid = row[0]
    ref = _reference_description(db, qid)
    if ref:
        return ref
    parts = []
    if qid:
        country = db.execute(
            "SELECT e.label FROM ref_claims c JOIN ref_entities e ON e.qid = c.value "
            "WHERE c.qid = ? AND c.property = 'P17' AND e.label IS NOT NULL LIMIT 1", [qid]).fetchone()
        if country:
            parts.append(f"in {country[0]}")
    roles = [r[0] for r in db.execute(
        "SELECT role FROM tenures WHERE organization_id = ? GROUP BY role ORDER BY count(*) DESC, role LIMIT 3",
        [org_id])]
    if roles:
        parts.append("posts: " + ", ".join(roles))
    return _clip("; ".join(parts)) if parts else None


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
