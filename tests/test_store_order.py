"""One record per real person and organisation whatever the order documents are built in.

A name left unlinked in one document and linked in another is one row, with one tenure per post,
whether the linked document came first (the unlinked name joins it) or last (the rows stored
before it move to it). The same documents are written in many orders into real SQLite files and
every table is compared; tenure ids (a hash of the first claim's dates) are compared by the
evidence rows they group, which is what a tenure is. Sentences are written for these tests.
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb import store
from kb.link.relink import apply_judgement
from kb.model import (
    DateValue, Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence, Span, Tenure,
)

HALE = Link(qid="Q902", score=0.9, method="exact", enwiki="Hale Brun")
NORVIK = Link(qid="Q901", score=0.8, method="exact", enwiki="Norvik Holdings")
IDA = Link(qid="Q903", score=0.85, method="exact")


def _doc(doc_id: str, text: str, names: dict[str, tuple[str, Optional[Link]]],
         claims: list[tuple[str, str, Optional[str], Optional[str]]] = ()) -> LinkedExtraction:
    """A one-sentence document: ``names`` maps a name in ``text`` to (type, link or None);
    ``claims`` are (person, role, organisation or None, start year or None)."""
    entities, links = [], {}
    for name, (etype, link) in names.items():
        at = text.index(name)
        entities.append(Entity(name, etype, [Mention(name, etype, at, at + len(name), 0, name, "X")]))
        links[(etype, name)] = link or Link(qid=None)
    tenures = [
        Tenure(person, role, org, start=DateValue(year, "year") if year else None, status="current",
               sentence=0, person_span=Span(text.index(person), text.index(person) + len(person)),
               extractor="test", confidence=0.9)
        for person, role, org, year in claims
    ]
    doc = Document(id=doc_id, text=text, published="2011-05-02", content_hash=store.slug(doc_id + text))
    return LinkedExtraction(Extraction(doc, [Sentence(0, 0, len(text), text)], entities, tenures, "en", "test"), links)


def documents() -> list[LinkedExtraction]:
    """Hale Brun (Q902) runs Norvik Holdings (Q901); a namesake coaches Wexford Rovers; Ida Vork
    (Q903) chairs Norvik. Each is linked in one document and unlinked in others; two claims
    name no organisation ("the chief executive") and take the one of the person's post."""
    return [
        _doc("d1", "Hale Brun, chief executive of Norvik Holdings, spoke.",
             {"Hale Brun": ("person", None), "Norvik Holdings": ("organization", None)},
             [("Hale Brun", "chief executive", "Norvik Holdings", None)]),
        _doc("d2", "Norvik Holdings Inc. named Hale Brun chief executive in 2002.",
             {"Norvik Holdings Inc.": ("organization", NORVIK), "Hale Brun": ("person", HALE)},
             [("Hale Brun", "chief executive", "Norvik Holdings Inc.", "2002")]),
        _doc("d3", "Ida Vork became chair of Norvik Holdings Ltd in 2010.",
             {"Ida Vork": ("person", None), "Norvik Holdings Ltd": ("organization", None)},
             [("Ida Vork", "chair", "Norvik Holdings Ltd", "2010")]),
        _doc("d4", "Ida Vork met Hale Brun in Oslo.",
             {"Ida Vork": ("person", IDA), "Hale Brun": ("person", None)}),
        _doc("d5", "Hale Brun, coach of Wexford Rovers, resigned.",
             {"Hale Brun": ("person", None), "Wexford Rovers": ("organization", None)},
             [("Hale Brun", "coach", "Wexford Rovers", None)]),
        _doc("d6", "Hale Brun, the chief executive, said sales rose.",
             {"Hale Brun": ("person", None)}, [("Hale Brun", "chief executive", None, None)]),
        _doc("d7", "The chief executive of Norvik Holdings, Hale Brun, joined in 2002.",
             {"Hale Brun": ("person", None), "Norvik Holdings": ("organization", None)},
             [("Hale Brun", "chief executive", "Norvik Holdings", "2002")]),
        _doc("d8", "The chair, Ida Vork, opened the meeting.",
             {"Ida Vork": ("person", IDA)}, [("Ida Vork", "chair", None, None)]),
    ]


#: Tables compared, with the columns holding a tenure id (compared by the evidence it groups).
TABLES = {
    "persons": (), "organizations": (), "positions": (), "mentions": (), "co_mentions": (),
    "link_candidates": (), "claim_documents": (), "tenure_conflict_pairs": (),
    "tenures": ("id",), "evidence": ("tenure_id",), "evidence_claims": ("tenure_id",),
    "reference_comparisons": ("tenure_id",), "sentences": (),
}


def snapshot(db) -> dict[str, list[tuple]]:
    """Every compared table as sorted rows, tenure ids replaced by their evidence ids."""
    groups: dict[str, list[str]] = {}
    for tid, eid in db.execute("SELECT tenure_id, id FROM evidence"):
        groups.setdefault(tid, []).append(eid)
    key = {tid: ",".join(sorted(ids)) for tid, ids in groups.items()}
    out = {}
    for table, tenure_columns in TABLES.items():
        cursor = db.execute(f"SELECT * FROM [{table}]")
        names = [c[0] for c in cursor.description]
        rows = []
        for row in cursor:
            rows.append(tuple(key.get(v, f"no evidence: {v}") if n in tenure_columns else v
                              for n, v in zip(names, row)))
        out[table] = sorted(rows, key=repr)
    return out


def build(order: list[int], path: Path) -> dict[str, list[tuple]]:
    docs = documents()
    db = store.open_db(path)
    for i in order:
        store.save_extraction(db, docs[i])
    return snapshot(db)


@pytest.fixture(scope="module")
def forward(tmp_path_factory) -> dict[str, list[tuple]]:
    return build(list(range(len(documents()))), tmp_path_factory.mktemp("order") / "forward.db")


def test_forward_build_has_one_row_per_person_and_post(forward):
    persons = {r[0]: r[1] for r in forward["persons"]}
    assert sorted(persons) == ["Q902", "Q903", "person:hale-brun"]  # the coach is a namesake
    holders = sorted((r[1], r[3], r[4]) for r in forward["tenures"])
    assert holders == [("Q902", "chief executive", "Q901"), ("Q903", "chair", "Q901"),
                       ("person:hale-brun", "coach", "organization:wexford-rovers")]
    ceo = next(r for r in forward["tenures"] if r[3] == "chief executive")
    assert ceo[0] == "d1:0,d2:0,d6:0,d7:0" and ceo[5] == "2002"  # every claim, joined by the tenure rules
    chair = next(r for r in forward["tenures"] if r[3] == "chair")
    assert chair[0] == "d3:0,d8:0"  # "the chair" took the organisation of her post
    assert sorted(r[0] for r in forward["organizations"]) == ["Q901", "organization:wexford-rovers"]
    assert {r[4] for r in forward["mentions"]} == {"Q901", "Q902", "Q903", "person:hale-brun",
                                                   "organization:wexford-rovers"}


def test_reverse_order_gives_the_same_tables(forward, tmp_path):
    assert build(list(reversed(range(len(documents())))), tmp_path / "reverse.db") == forward


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(list(range(8))))
def test_any_order_gives_the_same_tables(forward, order):
    with tempfile.TemporaryDirectory(prefix="kb-order-") as tmp:
        assert build(order, Path(tmp) / "kb.db") == forward


def test_rebuilding_and_deleting_keep_the_merged_tables(forward, tmp_path):
    """Writing a document again, or deleting and re-adding one, converges to the same tables."""
    docs = documents()
    db = store.open_db(tmp_path / "kb.db")
    for d in reversed(docs):
        store.save_extraction(db, d)
    store.save_extraction(db, docs[0])
    store.delete_document(db, "d2")
    store.save_extraction(db, docs[1])
    assert snapshot(db) == forward


def test_a_rejection_keeps_the_name_apart_in_every_order(tmp_path):
    """`kb link reject` of Q903 for Ida Vork: her rows stay unlinked whichever document came first."""
    results = []
    for n, order in enumerate(itertools.islice(itertools.permutations(range(8)), 0, 40320, 7919)):
        db = store.open_db(tmp_path / f"{n}.db")
        docs = documents()
        for i in order:
            store.save_extraction(db, docs[i])
        apply_judgement(db, "person", "Ida Vork", "Q903", "rejected")
        store.save_extraction(db, docs[2])  # an unlinked rebuild must not undo the rejection
        results.append(snapshot(db))
        assert "Q903" not in {r[0] for r in results[-1]["persons"]}
    assert all(r == results[0] for r in results)


def test_an_unlinked_name_finds_the_linked_row_whatever_its_display_name(tmp_path):
    """The display name is the longest form seen ("Earlier Hale Brun", a headline run into the
    name): the unlinked "Hale Brun" still joins the linked row its mentions name, in both orders."""
    late = _doc("e1", "Earlier Hale Brun said sales rose.", {"Earlier Hale Brun": ("person", HALE)})
    docs = [documents()[1], late, documents()[0]]
    for n, order in enumerate(([0, 1, 2], [2, 1, 0])):
        db = store.open_db(tmp_path / f"{n}.db")
        for i in order:
            store.save_extraction(db, docs[i])
        assert db.execute("SELECT id, name FROM persons").fetchall() == [("Q902", "Earlier Hale Brun")]
        assert db.execute("SELECT person_id, n_documents FROM tenures").fetchall() == [("Q902", 2)]


def test_a_name_the_reference_does_not_give_a_qid_joins_no_row_of_it(tmp_path):
    """A linker's slip in one document ("Ida Vork" linked to a person whose reference names are
    others, and whose display name is another form) draws no unlinked "Ida Vork" of other
    documents into that row; a name the reference gives the QID does join it."""
    db = store.open_db(tmp_path / "kb.db")
    db.execute("INSERT INTO ref_names (qid, name, norm, lang, is_label) VALUES "
               "('Q77', 'Ida Vorkova-Linden', 'ida vorkova linden', 'en', 1), ('Q902', 'Hale Brun', 'hale brun', 'en', 1)")
    db.conn.commit()
    slip = Link(qid="Q77", score=0.6, method="fuzzy")
    store.save_extraction(db, _doc("a", "Ida Vork spoke.", {"Ida Vork": ("person", slip)}))
    store.save_extraction(db, _doc("a2", "Ida Vorkova-Linden spoke.", {"Ida Vorkova-Linden": ("person", slip)}))
    store.save_extraction(db, _doc("b", "Earlier Hale Brun spoke.", {"Earlier Hale Brun": ("person", HALE)}))
    store.save_extraction(db, _doc("b2", "Hale Brun spoke.", {"Hale Brun": ("person", HALE)}))
    store.save_extraction(db, _doc("c", "Ida Vork met Hale Brun.", {
        "Ida Vork": ("person", None), "Hale Brun": ("person", None)}))
    rows = dict(db.execute("SELECT name, entity_id FROM mentions WHERE document_id = 'c'").fetchall())
    assert rows == {"Ida Vork": "person:ida-vork", "Hale Brun": "Q902"}


def test_fragments_script_compares_two_orders(tmp_path):
    """scripts/fragments.py --compare: nothing differs between two orders; a build missing a
    document differs by its rows; the summary line stays the last."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parent.parent / "scripts" / "fragments.py"
    paths = []
    for name, order in (("a", range(8)), ("b", reversed(range(8))), ("c", [0, 1, 2, 3, 5, 6, 7])):
        paths.append(tmp_path / f"{name}.db")
        build(list(order), paths[-1])

    def run(other: Path) -> list[str]:
        out = subprocess.run([sys.executable, str(script), "--db", str(paths[0]), "--compare", str(other)],
                             capture_output=True, text=True, check=True).stdout
        return out.strip().splitlines()

    same = run(paths[1])
    assert same[2].endswith("persons 0 (0), organizations 0 (0), tenures 0 (0)")
    assert same[0].endswith("same name listed several times with the same post: 0 posts (0 person rows)")
    assert same[-1].startswith("fragments: ")
    assert run(paths[2])[2].endswith("persons 1 (1), organizations 1 (1), tenures 1 (1)")  # without the coach
