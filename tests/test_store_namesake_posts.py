"""Two wordings of one post are one post when namesakes are told apart.

A full name unlinked in one document joins the linked person of that name unless both state
posts that share nothing. The role words alone may differ for one office ("chief secretary" in
one article, "Chief Treasury Secretary" in another); when both claims were linked to the same
position item, they share the post, and the name is one person in every build order. A namesake
whose post is another (another role, another organisation, another position item) stays apart.
Real SQLite files; the sentences are written for these tests.
"""

from __future__ import annotations

import itertools
from typing import Optional

import pytest

from kb import store
from kb.model import Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence, Span, Tenure

ORLA = Link(qid="Q950", score=0.8, method="exact", enwiki="Orla Quine")
#: The position item both wordings of the Treasury post were linked to.
TREASURY_POST = Link(qid="Q960", score=0.6, method="position", label="Chief Secretary to the Treasury")
COACH_POST = Link(qid="Q961", score=0.6, method="position", label="Head coach of Wexford Rovers")


def _doc(doc_id: str, text: str, person_link: Optional[Link], role: Optional[str] = None,
         org: Optional[str] = None, position: Optional[Link] = None) -> LinkedExtraction:
    """A one-sentence document naming "Orla Quine" (linked or not), with at most one claim of a
    post (``role`` at ``org``) whose position link is ``position``."""
    name = "Orla Quine"
    at = text.index(name)
    entities = [Entity(name, "person", [Mention(name, "person", at, at + len(name), 0, name, "PERSON")])]
    links = {("person", name): person_link or Link(qid=None)}
    if org:
        o = text.index(org)
        entities.append(Entity(org, "organization", [Mention(org, "organization", o, o + len(org), 0, org, "ORG")]))
        links[("organization", org)] = Link(qid=None)
    tenures = []
    positions = {}
    if role:
        tenures.append(Tenure(name, role, org, status="current", sentence=0, person_span=Span(at, at + len(name)),
                              extractor="test", confidence=0.9))
        positions[(role, org)] = position or Link(qid=None)
    doc = Document(id=doc_id, text=text, published="2005-02-01", content_hash=store.slug(doc_id + text))
    extraction = Extraction(doc, [Sentence(0, 0, len(text), text)], entities, tenures, "en", "test")
    return LinkedExtraction(extraction, links, positions)


def documents() -> list[LinkedExtraction]:
    return [
        _doc("a1", "Orla Quine, chief secretary to the Treasury, said growth held.", ORLA,
             "chief secretary", None, TREASURY_POST),
        _doc("a2", "Chief Treasury Secretary Orla Quine of Veland said the figures add up.", None,
             "treasury secretary", "Veland", TREASURY_POST),
        _doc("a3", "Orla Quine spoke in the debate.", ORLA),
    ]


def _persons_and_posts(order: list[int], path) -> tuple[list[str], list[tuple[str, str]]]:
    docs = documents()
    db = store.open_db(path)
    for i in order:
        store.save_extraction(db, docs[i])
    persons = sorted(r[0] for r in db.execute("SELECT id FROM persons"))
    posts = sorted(tuple(r) for r in db.execute("SELECT person_id, position_id FROM tenures"))
    return persons, posts


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_two_wordings_of_one_linked_post_are_one_person_in_any_order(order, tmp_path):
    persons, posts = _persons_and_posts(list(order), tmp_path / "kb.db")
    assert persons == ["Q950"]
    assert posts == [("Q950", "Q960")]  # one post, both claims (joined by the tenure rules)


def test_a_namesake_with_another_post_stays_apart(tmp_path):
    db = store.open_db(tmp_path / "kb.db")
    store.save_extraction(db, documents()[0])
    store.save_extraction(db, _doc("b1", "Orla Quine, head coach of Wexford Rovers, resigned.", None,
                                   "head coach", "Wexford Rovers", COACH_POST))
    store.save_extraction(db, _doc("b2", "Orla Quine, the club's secretary at Wexford Rovers, spoke.", None,
                                   "secretary", "Wexford Rovers", Link(qid=None)))
    persons = sorted(r[0] for r in db.execute("SELECT id FROM persons"))
    assert persons == ["Q950", "person:orla-quine"]  # the coach (and the club's secretary) is another Orla Quine


def _ivo(doc_id: str, text: str, claims: list[tuple[str, Optional[str]]]) -> LinkedExtraction:
    """A one-sentence document naming "Ivo Lantern" (unlinked) with posts (role, organisation)."""
    name = "Ivo Lantern"
    at = text.index(name)
    entities = [Entity(name, "person", [Mention(name, "person", at, at + len(name), 0, name, "PERSON")])]
    links = {("person", name): Link(qid=None)}
    for org in {o for _, o in claims if o}:
        o = text.index(org)
        entities.append(Entity(org, "organization", [Mention(org, "organization", o, o + len(org), 0, org, "ORG")]))
        links[("organization", org)] = Link(qid=None)
    tenures = [Tenure(name, role, org, status="former", sentence=0, person_span=Span(at, at + len(name)),
                      extractor="test", confidence=0.9) for role, org in claims]
    doc = Document(id=doc_id, text=text, published="2005-03-01", content_hash=store.slug(doc_id + text))
    return LinkedExtraction(Extraction(doc, [Sentence(0, 0, len(text), text)], entities, tenures, "en", "test"), links)


def ivo_documents() -> list[LinkedExtraction]:
    """One man in three documents: the first gives his posts without organisation, the second
    another wording of his post with the organisation, the third ties the two together."""
    return [
        _ivo("c1", "Ivo Lantern, the spokesman and media chief, declined to comment.",
             [("spokesman", None), ("media chief", None)]),
        _ivo("c2", "Former Kessel House communications chief Ivo Lantern wrote a book.",
             [("communications chief", "Kessel House")]),
        _ivo("c3", "The ex-Kessel House media chief Ivo Lantern gave evidence.",
             [("media chief", "Kessel House")]),
    ]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_namesake_the_later_posts_show_to_be_the_same_person_is_merged_in_any_order(order, tmp_path):
    docs = ivo_documents()
    db = store.open_db(tmp_path / "kb.db")
    for i in order:
        store.save_extraction(db, docs[i])
    assert [r[0] for r in db.execute("SELECT id FROM persons")] == ["person:ivo-lantern"]
    assert {r[0] for r in db.execute("SELECT DISTINCT entity_id FROM mentions WHERE entity_type = 'person'")} == {
        "person:ivo-lantern"}
    roles = sorted(r[0] for r in db.execute("SELECT role FROM tenures WHERE person_id = 'person:ivo-lantern'"))
    assert roles == ["communications chief", "media chief", "spokesman"]
