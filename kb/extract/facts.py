"""Parsed sentences -> entities (persons, organisations) and tenures.

MINIMAL first version (foundation): NER mentions grouped per document under their fullest
name. The role/tenure rules live in roles.py (being written).
"""

from __future__ import annotations

from ..model import Entity, Mention, Tenure

PERSON_LABELS = {"PERSON", "PER"}
ORG_LABELS = {"ORG", "NORP_ORG"}


def mentions_from_ner(pd) -> list[Mention]:
    out: list[Mention] = []
    for sent, sdoc in zip(pd.sentences, pd.docs):
        for ent in sdoc.ents:
            kind = "person" if ent.label_ in PERSON_LABELS else "organization" if ent.label_ in ORG_LABELS else None
            if kind is None:
                continue
            start = sent.start + ent.start_char
            out.append(Mention(ent.text, kind, start, start + len(ent.text), sent.index, label=ent.label_))
    return out


def group_entities(mentions: list[Mention]) -> list[Entity]:
    """One entity per person/org under its fullest name; a surname joins the full name."""
    entities: dict[tuple[str, str], Entity] = {}
    fullest: dict[str, str] = {}
    persons = sorted({m.text for m in mentions if m.type == "person"}, key=len, reverse=True)
    for name in persons:
        target = next((f for f in fullest.values() if f.split()[-1] == name.split()[-1] and len(f) >= len(name)), None)
        fullest[name] = target or name
    for m in mentions:
        m.name = fullest.get(m.text, m.text) if m.type == "person" else m.text
        ent = entities.setdefault((m.type, m.name), Entity(name=m.name, type=m.type))
        ent.mentions.append(m)
        if m.text != m.name and m.text not in ent.aliases:
            ent.aliases.append(m.text)
    return list(entities.values())


def extract_facts(pd) -> tuple[list[Entity], list[Tenure]]:
    return group_entities(mentions_from_ner(pd)), []
