"""Linked documents made of date claims about one post, for tests of the store's date handling.
"""

from kb import store
from kb.model import DateValue, Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence, Span, Tenure


def _dv(value):
    return DateValue(value, {4: "year", 7: "month", 10: "day"}[len(value)]) if value else None


def claim_doc(doc_id: str, claims: list[tuple[str, str, str | None, str | None]], published: str = "2025-01-10") -> LinkedExtraction:
    """A document whose sentence i says person claims[i][0] held role claims[i][1] at Acme Corp
    from claims[i][2] to claims[i][3] (dates as ISO prefixes or None)."""
    sentences, tenures, mentions, pos = [], [], {}, 0
    for i, (person, role, start, end) in enumerate(claims):
        text = f"{person} was {role} of Acme Corp from {start or 'an unknown date'} to {end or 'now'}."
        sentences.append(Sentence(i, pos, pos + len(text), text))
        mentions.setdefault(person, []).append(Mention(person, "person", pos, pos + len(person), i, person, "PERSON"))
        tenures.append(Tenure(
            person, role, "Acme Corp", start=_dv(start), end=_dv(end),
            status="former" if end else "current", sentence=i, person_span=Span(pos, pos + len(person)),
            extractor="test", confidence=0.9,
        ))
        pos += len(text) + 1
    text = " ".join(s.text for s in sentences)
    org_at = text.index("Acme Corp")
    entities = [Entity(name, "person", ms) for name, ms in mentions.items()]
    entities.append(Entity("Acme Corp", "organization",
                           [Mention("Acme Corp", "organization", org_at, org_at + 9, 0, "Acme Corp", "ORG")]))
    doc = Document(id=doc_id, text=text, published=published, content_hash=store.slug(doc_id + text))
    links = {("person", name): Link(qid=f"Q{70 + sum(map(ord, name)) % 1000}", score=1.0, method="exact")
             for name in mentions}
    links[("organization", "Acme Corp")] = Link(qid="Q5")
    return LinkedExtraction(Extraction(doc, sentences, entities, tenures, "en", "test-v1"), links)
