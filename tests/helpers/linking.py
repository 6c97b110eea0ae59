"""A one-mention extraction of a person, for linker tests that need no pipeline.
"""

from __future__ import annotations

from kb.model import Document, Entity, Extraction, Mention


def person_extraction(name: str) -> Extraction:
    text = f"{name} spoke today."
    doc = Document(id="d", text=text, content_hash="h")
    ent = Entity(name=name, type="person", mentions=[Mention(name, "person", 0, len(name), 0, name=name)])
    return Extraction(document=doc, entities=[ent])
