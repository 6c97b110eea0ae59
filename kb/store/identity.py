"""Which stored row a name of a document is: the id of a person or organisation across documents.

A linked name is its QID. An unlinked name joins the stored row of its normalised name (an
organisation by ``kb.names.org_key``), or the one linked entity of that name, unless the posts
say that two people share a name (``kb.tenure_rules.same_namesake``); a one-word person name
stays within its document. The same decision tells the store which unlinked rows a linked
entity arriving later absorbs (``unlinked_twins``), so that the rows are the same whatever the
order the documents came in. Reads only; the writes are ``kb.store.documents``'.
"""

from __future__ import annotations

from typing import Callable, Optional

import sqlite_utils

from ..model import RULED_OUT, Entity, Link, LinkedExtraction
from ..names import entity_id, name_key, org_key
from ..tenure_rules import name_too_weak, same_namesake


def stored_identity(db: sqlite_utils.Database, ent: Entity, linked: LinkedExtraction) -> tuple[str, Link]:
    """The entity id a document's entity is stored under, and the link its row keeps: a linked
    name is its QID; an unlinked one that joins a linked entity keeps that entity's link (an
    unlinked mention must not unlink it)."""
    link = linked.link_for(ent.type, ent.name)
    eid = entity_id(ent.type, ent.name, link.qid)
    if link.qid:
        return eid, link
    eid = _unlinked_entity_id(db, ent, eid, linked)
    return eid, stored_link(db, ent.type, eid) or link


def _org_id(db: sqlite_utils.Database, linked: LinkedExtraction, name: str) -> str:
    """The id an organisation name of a document is stored under (as ``stored_identity``)."""
    qid = linked.link_for("organization", name).qid
    return qid or _joined_org(db, linked, name) or entity_id("organization", name, None)


def _joined_org(db: sqlite_utils.Database, linked: LinkedExtraction, name: str) -> Optional[str]:
    """The linked organisation an unlinked name of the document joins (``linked_org_of_same_key``),
    unless the document's own linker ruled that QID out: "the Budget" of a Chancellor, kept from
    the car-rental brand by the rules here, must not reach it through another document where
    "Budget" stands bare."""
    qid = linked_org_of_same_key(db, name)
    return None if qid in linked.ruled_out("organization", name) else qid


def _unlinked_entity_id(db: sqlite_utils.Database, ent: Entity, base: str, linked: LinkedExtraction) -> str:
    """Merge unlinked entities across documents by normalised name plus context.

    A one-word person name ("Smith") is too weak to merge on: it stays within its document.
    A full name merges with the stored entity of that name unless both sides state roles and
    they share neither a role nor an organisation: then they are two people who share a name,
    and the newcomer gets (or joins) a numbered variant of the id.
    """
    if ent.type != "person":
        return _joined_org(db, linked, ent.name) or base
    if name_too_weak(name_key(ent.name)):
        return f"{base}@{linked.extraction.document.id}"
    mine: list[set[tuple[str, str]]] = []  # the document's posts, read when first compared

    def one_person(stored_id: str) -> bool:
        if not mine:
            mine.append(claimed_posts(db, linked, ent.name))
        return same_namesake(mine[0], person_posts(db, stored_id))

    for qid in linked_persons_of_same_name(db, ent.name):
        if one_person(qid):
            return qid  # "Steve Jobs" unlinked here, linked elsewhere: one person, one row
    candidate, n = base, 1
    while True:
        row = db.execute("SELECT 1 FROM persons WHERE id = ?", [candidate]).fetchone()
        if row is None:
            return candidate
        if one_person(candidate):
            return candidate
        n += 1
        candidate = f"{base}~{n}"


def claimed_posts(db: sqlite_utils.Database, linked: LinkedExtraction, person: str) -> set[tuple[str, str]]:
    """("role", role), ("org", organisation id) and ("position", QID) of a document's claims
    about a person name: the organisation as it will be stored, so that "Norvik Holdings" here
    and the linked "Norvik Holdings Inc." elsewhere are one organisation when namesakes are told
    apart; the position item its role was linked to, so that two wordings of one post ("Chief
    Treasury Secretary", "chief secretary to the Treasury": both the item Chief Secretary to the
    Treasury) are one post."""
    claims = [t for t in linked.extraction.tenures if t.person == person]
    mine = {("role", t.role) for t in claims}
    mine |= {("org", _org_id(db, linked, t.org)) for t in claims if t.org}
    for t in claims:
        plink = linked.position_links.get((t.role, t.org))
        if plink is not None and plink.qid:
            mine.add(("position", plink.qid))
    return mine


def stored_link(db: sqlite_utils.Database, type: str, eid: str) -> Optional[Link]:
    """The link of a stored linked entity (an unlinked mention that joined it must not unlink it)."""
    table = "persons" if type == "person" else "organizations"
    row = db.execute(f"SELECT qid, wikipedia_title, description, link_score, link_method FROM [{table}] "
                     "WHERE id = ? AND qid IS NOT NULL", [eid]).fetchone()
    if row is None:
        return None
    return Link(qid=row[0], enwiki=row[1], description=row[2], score=row[3] or 0.0, method=row[4] or "")


def person_posts(db: sqlite_utils.Database, person_id: str) -> set[tuple[str, str]]:
    """("role", role), ("org", organisation id) and ("position", QID: linked posts only) of a
    stored person's tenures: what tells namesakes apart (as ``claimed_posts``)."""
    theirs = {("role", r[0]) for r in db.execute("SELECT DISTINCT role FROM tenures WHERE person_id = ?", [person_id])}
    theirs |= {
        ("position", r[0])
        for r in db.execute(
            "SELECT DISTINCT p.qid FROM tenures t JOIN positions p ON p.id = t.position_id "
            "WHERE t.person_id = ? AND p.qid IS NOT NULL", [person_id])
    }
    theirs |= {
        ("org", r[0])
        for r in db.execute(
            "SELECT DISTINCT organization_id FROM tenures WHERE person_id = ? AND organization_id IS NOT NULL", [person_id]
        )
    }
    return theirs


def linked_persons_of_same_name(db: sqlite_utils.Database, name: str) -> list[str]:
    """QIDs of stored linked persons whose name is this full name (normalised): the linker may
    leave a name unlinked in one document that it linked in another. The row's display name is
    the longest form seen among the reference's names of the QID, else the longest form (which
    may be "Earlier Tony Blair" when a headline ran into the name), so the
    linked rows mentioned under this name are found too (``_named``)."""
    key = name_key(name)
    rows = db.execute(
        "SELECT id, name, 1 FROM persons WHERE name = ? COLLATE NOCASE AND qid IS NOT NULL UNION "
        "SELECT DISTINCT m.entity_id, m.text, 0 FROM mentions m JOIN persons p ON p.id = m.entity_id "
        f"WHERE m.text = ? COLLATE NOCASE AND {_MENTIONED_AS_NAME} AND m.entity_type = 'person' AND p.qid IS NOT NULL",
        [name, name]).fetchall()
    return sorted({r[0] for r in rows if _named(db, r, key, name_key) and _joinable(db, "person", name, r[0])})


#: A mention that is the whole in-document name of its entity (a short form a document's
#: entity was also mentioned as names no other entity of that name).
_MENTIONED_AS_NAME = "m.name = m.text"


def _named(db: sqlite_utils.Database, row: tuple, key: str, keyfn: Callable[[str], str]) -> bool:
    """Is a linked row (id, name, from its display name) one of this key? A name found only
    among its mentions must also be a name the reference gives the QID (when the reference
    holds it): a linker's slip in one document ("Ida Vork" linked to an "Ida Vorkova-Linden")
    must not draw every unlinked "Ida Vork" into that row (it did for organisations: "Labour"
    linked to the United Kingdom). The display name is trusted as it is: the linker's forms that
    are no reference name ("Financial Services Authority" for the item labelled "FSA") would
    otherwise stay two rows of one organisation."""
    if keyfn(row[1] or "") != key:
        return False
    if row[2]:
        return True
    names = [r[0] for r in db.execute("SELECT name FROM ref_names WHERE qid = ?", [row[0]])]
    return not names or any(keyfn(n) == key for n in names)


def _joinable(db: sqlite_utils.Database, type: str, name: str, qid: str) -> bool:
    """A stored linked entity an unlinked name may join: other documents still mention it (its
    row is no leftover of the document being rewritten) and no judgement rejected that QID for
    this name (an unlinked rebuild must not undo a rejection)."""
    if not db.execute("SELECT 1 FROM mentions WHERE entity_id = ? LIMIT 1", [qid]).fetchone():
        return False
    return not db.execute(
        "SELECT 1 FROM judgements WHERE entity_type = ? AND name_key = ? AND qid = ? AND judgement = 'rejected'",
        [type, name_key(name), qid]).fetchone()


def linked_org_of_same_key(db: sqlite_utils.Database, name: str) -> Optional[str]:
    """The QID of the one stored linked organisation with the same ``org_key`` ("Apple" joins a
    linked "Apple Inc."), looked up among the display names that start with the same first word;
    None when there is none or more than one. (Unlike persons, not also among the mentions: every
    unlinked organisation of every document asks, and a mention's form is seldom missing from
    the display names of an organisation.)"""
    key = org_key(name)
    first = key.split(" ", 1)[0] if key else ""
    if not first:
        return None
    pattern = first.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.execute(
        "SELECT id, name, 1 FROM organizations WHERE qid IS NOT NULL AND name LIKE ? ESCAPE '\\'", [pattern]
    ).fetchall()
    qids = {r[0] for r in rows if _named(db, r, key, org_key) and _joinable(db, "organization", name, r[0])}
    return qids.pop() if len(qids) == 1 else None


def unlinked_twins(db: sqlite_utils.Database, type: str, qid: str, name: str) -> list[str]:
    """The unlinked rows stored under this name that a name unlinked in its document would now
    store as ``qid`` (the same decision as ``stored_identity``): for an organisation, the row of
    its ``org_key`` when ``qid`` is the one linked organisation of that key; for a full person
    name, the row of that name and its numbered namesakes (``~2``), which the caller still checks
    document by document (the posts decide), when ``qid`` is a linked person of that name."""
    base = entity_id(type, name, None)
    # the stored rows first (one index probe; most linked names have none), the decision after
    if type == "organization":
        row = db.execute("SELECT 1 FROM organizations WHERE id = ? AND qid IS NULL", [base]).fetchone()
        if not row or linked_org_of_same_key(db, name) != qid:
            return []
        # as ``_joined_org``: not a row whose documents' linker ruled that QID out
        ruled_out = db.execute("SELECT 1 FROM link_candidates WHERE entity_type = 'organization' AND entity_id = ? "
                               "AND qid = ? AND method LIKE ?", [base, qid, RULED_OUT + "%"]).fetchone()
        return [] if ruled_out else [base]
    if name_too_weak(name_key(name)):
        return []
    # the base id and its numbered variants (one range of the primary key: base up to base + "~\x7f")
    twins = [r[0] for r in db.execute(
        "SELECT id, qid FROM persons WHERE id >= ? AND id < ? ORDER BY id", [base, base + "~\x7f"])
        if r[1] is None and (r[0] == base or r[0].startswith(base + "~"))]
    return twins if twins and qid in linked_persons_of_same_name(db, name) else []


def numbered_namesakes(db: sqlite_utils.Database, name: str, eid: str) -> list[str]:
    """The numbered namesakes (``~2``, unlinked) of a full person name this document stored as
    ``eid`` (other than ``eid``). The caller checks them document by document (the posts decide,
    ``_unlinked_entity_id``): the posts a document adds to the name's plain row (or a lower
    number) may make a namesake stored before the same person. The plain row itself never moves:
    its documents find it first."""
    if name_too_weak(name_key(name)):
        return []
    base = entity_id("person", name, None)
    return [r[0] for r in db.execute(
        "SELECT id, qid FROM persons WHERE id > ? AND id < ? ORDER BY id", [base + "~", base + "~\x7f"])
        if r[1] is None and r[0] != eid]
