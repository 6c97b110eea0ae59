"""The ``gender`` abstention rule: a person styled "Lord"/"Baroness"/"Frau" before their name is
never linked to a reference person of the other gender (``kb.link.rules.gender_conflict``).

The fixture (tests/fixtures/reference/gender-namesakes.jsonl, dump format, and an index file in
the layout of the shared ``entity-index.tsv.gz`` with its ``gender`` column) holds two invented
namesakes of different gender (Pellworth) and a woman whose surname nobody else has
(Quarrington), all three chief whips and members of the House of Lords (a surname alone is too
weak a clue to link; the post the text gives makes it enough; a peer's style needs a peer,
``kb.link.rules.peerage_conflict``). Sentences are written for these tests. One test runs on the shared reference
(skipped when absent).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.link import Linker
from kb.link.kinds import GENDER
from kb.link.reference import import_reference
from kb.link.rules import styled_genders
from kb.model import Document, Entity, Extraction, Mention, Sentence, Tenure
from kb.settings import SHARED_DIR
from kb.store import open_db

FIXTURES = Path(__file__).parent / "fixtures" / "reference"
DUMP = FIXTURES / "gender-namesakes.jsonl"
INDEX = FIXTURES / "gender-namesakes-index.tsv"


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "kb.db")
    import_reference(db, [DUMP, INDEX])
    return db


def _entity(text: str, name: str) -> Entity:
    """A person entity whose mentions are every occurrence of ``name`` (without the style, as the
    extract stage writes them)."""
    mentions = []
    start = text.find(name)
    while start >= 0:
        mentions.append(Mention(name, "person", start, start + len(name), 0, name=name, label="PERSON"))
        start = text.find(name, start + 1)
    assert mentions, f"{name!r} not in the test sentence"
    return Entity(name=name, type="person", mentions=mentions)


def _link(db, text: str, name: str, lang: str = "en", role: str | None = "chief whip"):
    doc = Document(id="d", text=text, published="2021-03-01", content_hash="h", lang=lang)
    posts = [Tenure(name, role, None)] if role else []
    ext = Extraction(document=doc, sentences=[Sentence(0, 0, len(text), text)], entities=[_entity(text, name)],
                     tenures=posts, places=["United Kingdom"])
    return Linker.from_db(db).link(ext).link_for("person", name)


def test_index_gender_is_imported_as_a_claim(db):
    rows = db.execute(f"SELECT qid, value FROM ref_claims WHERE property = '{GENDER}' ORDER BY qid").fetchall()
    assert rows == [("Q920000001", "male"), ("Q920000002", "female"), ("Q920000003", "female")]


def test_lord_is_not_linked_to_a_woman_of_that_surname(db):
    link = _link(db, "Lord Quarrington told the committee that the files had been lost.", "Quarrington")
    assert link.qid is None
    assert any(c.qid == "Q920000003" and c.method == "ruled out: gender" for c in link.candidates)


def test_without_a_style_the_surname_link_is_unchanged(db):
    link = _link(db, "Quarrington told the committee that the files had been lost.", "Quarrington")
    assert link.qid == "Q920000003"


def test_a_female_style_keeps_the_woman(db):
    for style in ("Baroness", "Ms", "Mrs.", "Dame"):
        link = _link(db, f"{style} Quarrington told the committee that the files had been lost.", "Quarrington")
        assert link.qid == "Q920000003", style


def test_namesakes_of_each_gender_go_to_the_right_one(db):
    text = "Lord Pellworth told the committee that the files had been lost. Pellworth said he regretted it."
    assert _link(db, text, "Pellworth").qid == "Q920000001"
    text = "Baroness Pellworth told the committee that the files had been lost. Pellworth said she regretted it."
    assert _link(db, text, "Pellworth").qid == "Q920000002"


def test_german_styles(db):
    link = _link(db, "Herr Quarrington sagte am Dienstag, die Akten seien verloren.", "Quarrington", lang="de")
    assert link.qid is None
    link = _link(db, "Frau Quarrington sagte am Dienstag, die Akten seien verloren.", "Quarrington", lang="de")
    assert link.qid == "Q920000003"


def test_pronouns_and_mixed_styles_are_no_evidence(db):
    text = "Quarrington told the committee that he had lost the files."
    assert _link(db, text, "Quarrington").qid == "Q920000003"
    text = "Lord Quarrington spoke first; later Lady Quarrington answered the committee."
    ent = _entity(text, "Quarrington")
    assert styled_genders(ent, text) == {"male", "female"}
    assert _link(db, text, "Quarrington").qid == "Q920000003"


def test_style_words_elsewhere_are_no_evidence():
    text = "The Lord's Prayer was read; Quarrington sang. Mr Tall met Quarrington."
    assert styled_genders(_entity(text, "Quarrington"), text) == frozenset()


# -- the shared reference (skipped when absent) ---------------------------------------------

SUBSET = SHARED_DIR / "reference" / "wikidata-subset.jsonl.gz"
ENTITY_INDEX = SHARED_DIR / "reference" / "entity-index.tsv.gz"
HILARY_ARMSTRONG = "Q332660"  # a woman: Baroness Armstrong of Hill Top
ROBERT_ARMSTRONG = "Q2156391"  # Robert Armstrong, Baron Armstrong of Ilminster


@pytest.mark.shared
def test_lord_armstrong_is_not_hilary_armstrong(tmp_path):
    if not (SUBSET.exists() and ENTITY_INDEX.exists()):
        pytest.skip("the shared reference is not present (../shared is optional)")
    db = open_db(tmp_path / "kb.db")
    import_reference(db, [SUBSET, ENTITY_INDEX])
    text = "Lord Armstrong, the former Cabinet Secretary, told MPs that the papers had been shredded."
    link = _link(db, text, "Armstrong", role=None)
    assert link.qid != HILARY_ARMSTRONG
    # the style finds the peer so styled (the reference's "Baron Armstrong of Ilminster", the
    # Cabinet Secretary), so the surname's namesakes are never candidates
    assert link.qid == ROBERT_ARMSTRONG
    text = "Baroness Armstrong, the former chief whip, told peers that the papers had been shredded."
    link = _link(db, text, "Armstrong", role="chief whip")
    assert any(c.qid == HILARY_ARMSTRONG for c in link.candidates)
    assert not any(c.method == "ruled out: gender" for c in link.candidates if c.qid == HILARY_ARMSTRONG)
