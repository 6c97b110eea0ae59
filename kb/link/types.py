"""Entity types the reference settles: a name that is exactly an organisation's (and no
person's) name in the reference is an organisation, and the other way round.

The extract stage decides types from the document's words (``kb.extract.entity_types``); what
the reference knows is in the database's ``ref_*`` tables, which only the link stage reads, so
this correction runs at the start of linking. It only acts on exact (normalised) label or
alias matches with a single kind: "Northrop Grumman" tagged PERSON becomes an organisation
when the reference has that organisation and no person of that name. A retyped person's
tenures go (an organisation holds no post); a retyped organisation leaves the posts it was
the organisation of without one.
"""

from __future__ import annotations

import sqlite3
from typing import Optional

from ..model import Entity, Extraction
from .names import norm

def reference_kinds(conn: sqlite3.Connection, name: str) -> set[str]:
    """The kinds of the reference entities with exactly this name (label or alias)."""
    key = norm(name)
    if not key:
        return set()
    rows = conn.execute(
        "SELECT DISTINCT e.kind FROM ref_names n JOIN ref_entities e ON e.qid = n.qid WHERE n.norm = ?", [key]
    ).fetchall()
    return {r[0] for r in rows if r[0] in ("person", "item")}


def reference_type(conn: sqlite3.Connection, ent: Entity) -> Optional[str]:
    """The type the reference gives this entity's name, when it gives exactly one other than
    the entity's own; None otherwise. One word is too weak either way ("Chad" may be a person,
    "Shell" some person's alias); places, parties, companies and bodies are kind "item"."""
    if len(ent.name.split()) < 2:
        return None
    kinds = reference_kinds(conn, ent.name)
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    new = "person" if kind == "person" else "organization"
    return None if new == ent.type else new


def retype_by_reference(conn: sqlite3.Connection, extraction: Extraction) -> None:
    """Retype the entities the reference settles (in place), merging into an entity of the
    same name and new type, and fix the tenures that named them."""
    by_key = {(e.type, e.name): e for e in extraction.entities}
    kept: list[Entity] = []
    gone_persons: set[str] = set()
    gone_orgs: set[str] = set()
    for ent in extraction.entities:
        new = reference_type(conn, ent)
        if new is None:
            kept.append(ent)
            continue
        (gone_persons if ent.type == "person" else gone_orgs).add(ent.name)
        for m in ent.mentions:
            m.type = new
        target = by_key.get((new, ent.name))
        if target is not None:
            target.mentions.extend(ent.mentions)
            continue
        ent.type = new
        by_key[(new, ent.name)] = ent
        kept.append(ent)
    if not gone_persons and not gone_orgs:
        return
    extraction.entities = kept
    extraction.tenures = [t for t in extraction.tenures if t.person not in gone_persons]
    for t in extraction.tenures:
        if t.org in gone_orgs:
            t.org, t.org_span = None, None
