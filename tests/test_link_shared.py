"""The linker on the shared 137k-entity Wikidata subset (skipped when ../shared is absent).

The subset is imported once per test session into tmp_path_factory (about 30-60 s).
"""

from __future__ import annotations

import pytest

from kb.link import Linker
from kb.link.reference import import_reference
from kb.model import Document, Entity, Extraction, Mention, Tenure
from kb.settings import SHARED_DIR
from kb.store import open_db

SUBSET = SHARED_DIR / "reference" / "wikidata-subset.jsonl.gz"
pytestmark = pytest.mark.shared


@pytest.fixture(scope="session")
def ref_db(tmp_path_factory):
    if not SUBSET.exists():
        pytest.skip(f"{SUBSET} not present (../shared is optional)")
    db = open_db(tmp_path_factory.mktemp("ref") / "kb.db")
    report = import_reference(db, [SUBSET])
    assert report.entities > 100_000 and report.skipped == 0
    return db


def _ext(text: str, people: list[str], orgs: list[str] = (), tenures=()) -> Extraction:
    ents = []
    for name, etype in [(p, "person") for p in people] + [(o, "organization") for o in orgs]:
        start = text.find(name)
        ents.append(Entity(name=name, type=etype, mentions=[Mention(name, etype, start, start + len(name), 0, name=name)]))
    return Extraction(document=Document(id="d", text=text, published="2022-05-01", content_hash="h"),
                      entities=ents, tenures=list(tenures))


def test_rutte_surname_through_full_name(ref_db):
    ext = _ext("Mark Rutte met the press. Rutte declined to comment.", ["Mark Rutte", "Rutte"])
    linked = Linker.from_db(ref_db).link(ext)
    assert linked.link_for("person", "Rutte").qid == "Q57792"
    assert linked.link_for("person", "Mark Rutte").enwiki == "Mark Rutte"


def test_orban_without_accent(ref_db):
    ext = _ext("Viktor Orban spoke in Budapest.", ["Viktor Orban"])
    assert Linker.from_db(ref_db).link(ext).link_for("person", "Viktor Orban").qid == "Q57641"
    ten = Tenure(person="Orban", role="prime minister", org="Hungary", status="current")
    ext = _ext("Hungary's prime minister Orban spoke.", ["Orban"], ["Hungary"], [ten])
    assert Linker.from_db(ref_db).link(ext).link_for("person", "Orban").qid == "Q57641"


def test_unknown_name_is_nil(ref_db):
    ext = _ext("Qwzx Plorbinsky spoke.", ["Qwzx Plorbinsky"])
    assert Linker.from_db(ref_db).link(ext).link_for("person", "Qwzx Plorbinsky").qid is None


def test_prime_minister_of_the_netherlands(ref_db):
    ten = Tenure(person="Mark Rutte", role="prime minister", org="Netherlands", status="current")
    ext = _ext("Dutch prime minister Mark Rutte of the Netherlands.", ["Mark Rutte"], ["Netherlands"], [ten])
    linked = Linker.from_db(ref_db).link(ext)
    assert linked.link_for("organization", "Netherlands").qid == "Q55"
    assert linked.position_links[("prime minister", "Netherlands")].qid == "Q3058109"


@pytest.mark.parametrize("name,qid", [("NATO", "Q7184"), ("VVD", "Q239333")])
def test_organisations(ref_db, name, qid):
    ext = _ext(f"{name} said.", [], [name])
    assert Linker.from_db(ref_db).link(ext).link_for("organization", name).qid == qid
