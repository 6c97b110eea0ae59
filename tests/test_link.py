"""The offline linker on a small reference fixture (own JSONL in dump format) and real SQLite.

Sentences here are written for these tests; each rule is also tried where it must not fire.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kb.link import Linker, judge
from kb.link.reference import import_reference
from kb.model import DateValue, Document, Entity, Extraction, Mention, Tenure
from kb.settings import Settings
from kb.store import open_db, save_extraction

MINI = Path(__file__).parent / "fixtures" / "reference" / "mini.jsonl"


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "kb.db")
    import_reference(db, [MINI])
    return db


def _doc(text: str, published: str | None = "2021-03-01") -> Document:
    return Document(id="d1", text=text, published=published, content_hash="h")


def _ent(doc: Document, name: str, type: str = "person", forms: tuple[str, ...] = (), birth: DateValue | None = None) -> Entity:
    mentions = []
    for form in (name,) + forms:
        start = doc.text.find(form)
        if start >= 0:
            mentions.append(Mention(form, type, start, start + len(form), 0, name=name))
    return Entity(name=name, type=type, mentions=mentions, aliases=list(forms), birth_date=birth)


def _ext(text: str, entities, tenures=(), published: str | None = "2021-03-01") -> Extraction:
    doc = _doc(text, published)
    return Extraction(document=doc, entities=[e(doc) if callable(e) else e for e in entities], tenures=list(tenures))


def _link(db, ext: Extraction, **settings):
    return Linker.from_db(db, Settings(**settings) if settings else None).link(ext)


# -- persons ------------------------------------------------------------------------------


def test_full_name_exact_label(db):
    ext = _ext("Mark Rutte spoke in The Hague.", [lambda d: _ent(d, "Mark Rutte")])
    link = _link(db, ext).link_for("person", "Mark Rutte")
    assert link.qid == "Q57792"
    assert link.enwiki == "Mark Rutte" and link.method == "exact"
    assert link.candidates and link.candidates[0].qid == "Q57792"


def test_surname_resolved_through_documents_full_name(db):
    # "Rutte" alone is ambiguous in the reference (Mark and Anna Rutte): the document's full
    # name decides.
    text = "Mark Rutte arrived. Later Rutte said no."
    ext = _ext(text, [lambda d: _ent(d, "Mark Rutte"), lambda d: _ent(d, "Rutte")])
    linked = _link(db, ext)
    assert linked.link_for("person", "Rutte").qid == "Q57792"
    assert linked.link_for("person", "Rutte").method.endswith("+document")


def test_ambiguous_surname_without_evidence_stays_nil(db):
    ext = _ext("Rutte said no.", [lambda d: _ent(d, "Rutte")])
    link = _link(db, ext).link_for("person", "Rutte")
    assert link.qid is None
    assert {c.qid for c in link.candidates} == {"Q57792", "Q900000003"}


def test_surname_with_role_evidence_links(db):
    text = "Prime Minister Rutte of the Netherlands said no."
    ten = Tenure(person="Rutte", role="prime minister", org="Netherlands", status="current")
    ext = _ext(text, [lambda d: _ent(d, "Rutte"), lambda d: _ent(d, "Netherlands", "organization")], [ten])
    link = _link(db, ext).link_for("person", "Rutte")
    assert link.qid == "Q57792"
    assert link.candidates[0].features["role"] >= 0.9


def test_accent_tolerant_orban(db):
    # a bare surname needs evidence: here the stated role of the stated country
    ten = Tenure(person="Orban", role="prime minister", org="Hungary", status="current")
    ext = _ext("Hungary's prime minister Orban met reporters.",
               [lambda d: _ent(d, "Orban"), lambda d: _ent(d, "Hungary", "organization")], [ten])
    assert _link(db, ext).link_for("person", "Orban").qid == "Q57641"
    ext = _ext("Orban met reporters.", [lambda d: _ent(d, "Orban")])
    assert _link(db, ext).link_for("person", "Orban").qid is None  # no evidence: NIL
    ext = _ext("Viktor Orban met reporters.", [lambda d: _ent(d, "Viktor Orban")])
    assert _link(db, ext).link_for("person", "Viktor Orban").qid == "Q57641"


def test_transliteration_variants(db):
    ext = _ext("Jonas Gahr Store and Wolodymyr Selenskyj met.",
               [lambda d: _ent(d, "Jonas Gahr Store"), lambda d: _ent(d, "Wolodymyr Selenskyj")])
    linked = _link(db, ext)
    assert linked.link_for("person", "Jonas Gahr Store").qid == "Q467948"
    sel = linked.link_for("person", "Wolodymyr Selenskyj")
    assert sel.qid == "Q3874799" and sel.method == "fuzzy"


def test_cyrillic_label_matches_latin_transliteration(db):
    ext = _ext("Aleksei Vasilevich Chepa voted.", [lambda d: _ent(d, "Aleksei Vasilevich Chepa")])
    assert _link(db, ext).link_for("person", "Aleksei Vasilevich Chepa").qid == "Q27926049"


def test_unknown_name_is_nil_quickly(db):
    ext = _ext("Zxqv Blorbington spoke.", [lambda d: _ent(d, "Zxqv Blorbington")])
    started = time.perf_counter()
    link = _link(db, ext).link_for("person", "Zxqv Blorbington")
    assert link.qid is None and link.method == "nil" and link.candidates == []
    assert time.perf_counter() - started < 1.0


def test_person_name_never_links_to_an_organisation(db):
    ext = _ext("United Nations spoke.", [lambda d: _ent(d, "United Nations")])
    assert _link(db, ext).link_for("person", "United Nations").qid is None


def test_namesakes_without_evidence_stay_nil_and_birth_date_decides(db):
    ext = _ext("John Smith spoke.", [lambda d: _ent(d, "John Smith")])
    assert _link(db, ext).link_for("person", "John Smith").qid is None
    born = DateValue("1980", "year")
    ext = _ext("John Smith (born 1980) spoke.", [lambda d: _ent(d, "John Smith", birth=born)])
    link = _link(db, ext).link_for("person", "John Smith")
    assert link.qid == "Q900000002"
    assert link.candidates[0].features["birth"] == 1.0 and link.candidates[1].features["birth"] == -1.0


def test_role_and_date_overlap_decide_between_namesakes(db):
    # the older John Smith held the Norwegian premiership in 1990; the text says so
    ten = Tenure(person="John Smith", role="prime minister", org="Norway",
                 start=DateValue("1990", "year"), status="former")
    ext = _ext("John Smith, prime minister of Norway from 1990.",
               [lambda d: _ent(d, "John Smith"), lambda d: _ent(d, "Norway", "organization")], [ten])
    link = _link(db, ext).link_for("person", "John Smith")
    assert link.qid == "Q900000001"
    assert link.candidates[0].features["dates"] == 1.0


def test_no_reference_data_gives_nil(tmp_path):
    db = open_db(tmp_path / "empty.db")
    ext = _ext("Mark Rutte spoke.", [lambda d: _ent(d, "Mark Rutte")])
    linked = Linker.from_db(db).link(ext)
    assert linked.link_for("person", "Mark Rutte").qid is None


def test_threshold_from_settings(db):
    ext = _ext("Mark Rutte spoke.", [lambda d: _ent(d, "Mark Rutte")])
    assert _link(db, ext, link_threshold=0.99).link_for("person", "Mark Rutte").qid is None


# -- organisations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,qid",
    [
        ("NATO", "Q7184"),  # initials of the label, not a table of acronyms
        ("the United Nations", "Q1065"),
        ("European Commission", "Q8880"),
        ("VVD", "Q239333"),  # a party's short name (alias)
        ("Netherlands", "Q55"),  # a country acting as a government
        ("Niederlande", "Q55"),  # German label
    ],
)
def test_organisations(db, name, qid):
    ext = _ext(f"{name} decided.", [lambda d: _ent(d, name, "organization")])
    assert _link(db, ext).link_for("organization", name).qid == qid


@pytest.mark.parametrize("name", ["Nato Fans Club", "Unilever", "NTO"])
def test_organisations_not_in_reference_stay_unlinked(db, name):
    ext = _ext(f"{name} decided.", [lambda d: _ent(d, name, "organization")])
    assert _link(db, ext).link_for("organization", name).qid is None


# -- positions -----------------------------------------------------------------------------


def test_position_prime_minister_of_the_netherlands(db):
    ten = Tenure(person="Mark Rutte", role="prime minister", org="Netherlands", status="current")
    ext = _ext("Dutch prime minister Mark Rutte.",
               [lambda d: _ent(d, "Mark Rutte"), lambda d: _ent(d, "Netherlands", "organization")], [ten])
    plink = _link(db, ext).position_links[("prime minister", "Netherlands")]
    assert plink.qid == "Q3058109"
    assert plink.label == "Prime Minister of the Netherlands"


def test_position_via_holders_p39_when_position_has_no_label(db):
    ten = Tenure(person="Viktor Orbán", role="prime minister", org="Hungary", status="current")
    ext = _ext("Hungarian prime minister Viktor Orbán.",
               [lambda d: _ent(d, "Viktor Orbán"), lambda d: _ent(d, "Hungary", "organization")], [ten])
    plink = _link(db, ext).position_links[("prime minister", "Hungary")]
    assert plink.qid == "Q3315094"
    assert plink.label is None  # the store then names it "prime minister of Hungary"


def test_position_of_another_country_is_not_chosen(db):
    # Norway's premiership must not be the answer for "prime minister" of the Netherlands
    ten = Tenure(person="Jens Stoltenberg", role="prime minister", org="Netherlands")
    ext = _ext("Jens Stoltenberg, prime minister of the Netherlands (sic).",
               [lambda d: _ent(d, "Jens Stoltenberg"), lambda d: _ent(d, "Netherlands", "organization")], [ten])
    plink = _link(db, ext).position_links[("prime minister", "Netherlands")]
    assert plink.qid == "Q3058109"


def test_unknown_role_has_no_position(db):
    ten = Tenure(person="Mark Rutte", role="head gardener", org="Netherlands")
    ext = _ext("Mark Rutte, head gardener.",
               [lambda d: _ent(d, "Mark Rutte"), lambda d: _ent(d, "Netherlands", "organization")], [ten])
    assert _link(db, ext).position_links[("head gardener", "Netherlands")].qid is None


# -- judgements ------------------------------------------------------------------------------


def test_rejected_qid_never_chosen_and_confirmed_always_wins(db):
    ext = _ext("Mark Rutte spoke.", [lambda d: _ent(d, "Mark Rutte")])
    judge(db, "person", "Mark Rutte", "Q57792", "rejected", note="wrong person in this corpus")
    assert _link(db, ext).link_for("person", "Mark Rutte").qid is None
    judge(db, "person", "Mark Rutte", "Q133386", "confirmed")
    link = _link(db, ext).link_for("person", "Mark Rutte")
    assert link.qid == "Q133386" and link.method == "judgement" and link.score == 1.0
    # judgement by a stored entity id (persons.id) resolves to that entity's name
    judge(db, "person", "Q133386", "Q57792", "confirmed")
    assert _link(db, ext).link_for("person", "Mark Rutte").qid == "Q133386"  # no such stored entity yet


def test_judgement_survives_rebuild_through_store(db):
    ext = _ext("Mark Rutte spoke.", [lambda d: _ent(d, "Mark Rutte")])
    save_extraction(db, _link(db, ext))
    assert db.execute("SELECT id FROM persons").fetchall() == [("Q57792",)]
    judge(db, "person", "Q57792", "Q57792", "rejected")  # by entity id
    for _ in range(2):  # re-build twice: the rejection holds
        save_extraction(db, _link(db, ext))
    assert db.execute("SELECT qid FROM persons WHERE name = 'Mark Rutte'").fetchall() == [(None,)]
    rows = db.execute("SELECT name_key, qid, judgement FROM judgements").fetchall()
    assert rows == [("mark rutte", "Q57792", "rejected")]


def test_bad_judgement_input_says_how_to_fix(db):
    from kb.errors import LinkError

    with pytest.raises(LinkError, match="QID"):
        judge(db, "person", "Mark Rutte", "Rutte", "confirmed")
    with pytest.raises(LinkError, match="person"):
        judge(db, "place", "Mark Rutte", "Q1", "confirmed")


# -- caches and per-document helpers ------------------------------------------------------


def test_lru_keeps_recently_used_entries():
    from kb.link.candidates import LRU

    cache = LRU(2)
    cache["a"] = 1
    cache["b"] = 2
    assert cache.get("a") == 1  # "a" is now the most recent
    cache["c"] = 3
    assert "b" not in cache and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2 and cache.get("zz", "missing") == "missing"


@pytest.mark.parametrize(
    "names,mention,expected",
    [
        (["Anna Kovacs", "Kovacs"], "Kovacs", "Anna Kovacs"),
        (["Anna Kovacs", "Peter Kovacs", "Kovacs"], "Kovacs", None),  # two people share it
        (["Anna Kovacs", "Anna Kovacs's", "Kovacs"], "Kovacs", "Anna Kovacs"),  # one core name
        (["Anna Kovacs", "Kovacs"], "Anna", None),  # a first name is not a surname
        (["Anna Kovacs"], "Anna Kovacs", None),  # already a full name
        (["Minister Anna Kovacs", "Kovacs"], "Kovacs", "Minister Anna Kovacs"),
        (["anna kovacs", "Kovacs"], "Kovacs", "anna kovacs"),  # no capitalised run: the whole text
    ],
)
def test_document_full_names_agree_with_expand_surname(names, mention, expected):
    from kb.link.candidates import FullNames, expand_surname

    assert FullNames(names).expand(mention) == expected
    assert expand_surname(mention, [n for n in names if n != mention]) == expected


def test_exact_and_similar_gives_the_same_exact_rows_as_an_exact_lookup(db):
    from kb.link.candidates import ReferenceIndex

    for key in ("mark rutte", "viktor orban", "no such person here"):
        merged = ReferenceIndex(db.conn)
        exact, similar = merged.exact_and_similar(key)
        assert exact == ReferenceIndex(db.conn).exact(key)
        assert all(row[:2] in {r[:2] for r in similar} for row in exact)


def test_repeated_names_link_the_same_across_documents(db):
    """The second document is answered from the caches; its links must equal a fresh linker's."""
    linker = Linker.from_db(db)
    make = lambda: _ext("Mark Rutte met Orban.", [lambda d: _ent(d, "Mark Rutte"), lambda d: _ent(d, "Orban")])
    linker.link(make())
    warm = linker.link(make()).entity_links
    cold = Linker.from_db(db).link(make()).entity_links
    assert {k: (v.qid, v.score, v.method, [(c.qid, c.score, c.features) for c in v.candidates]) for k, v in warm.items()} == \
           {k: (v.qid, v.score, v.method, [(c.qid, c.score, c.features) for c in v.candidates]) for k, v in cold.items()}
    assert warm[("person", "Mark Rutte")].qid == "Q57792"


@pytest.mark.parametrize("with_role,birth,co_mentioned", [
    (False, None, set()),
    (True, None, set()),
    (True, "1967", {"Q55"}),
    (False, "1900", {"Q55"}),
])
def test_fast_scoring_equals_reference_scoring(db, with_role, birth, co_mentioned):
    """The Linker's cached fast path must rank exactly as score_person + rank do."""
    from kb.link.candidates import ReferenceIndex, person_candidates
    from kb.link.disambiguate import Context, Prepared, rank, score_person, score_ranked

    index = ReferenceIndex(db.conn)
    tenures = [Tenure(person="Rutte", role="prime minister", org="Netherlands", status="current")] if with_role else []
    ctx = Context(tenures=tenures, birth=DateValue(birth, "year") if birth else None, published="2021-03-01",
                  co_mentioned=co_mentioned, org_qids={"Netherlands": "Q55"})
    cands = person_candidates(index, "Rutte", [])
    assert len(cands) >= 2  # namesakes: the test compares a real ranking
    prepared = [Prepared(c.qid, c.label, c.sim, c.method, index.entity(c.qid).prior, index.entity(c.qid).birth,
                         None, index.entity(c.qid)) for c in cands.values()]
    for c in cands.values():
        score_person(index, c, ctx)
    slow = [(c.score, c.qid, c.label, c.method, c.features) for c in rank(list(cands.values()))]
    assert score_ranked(index, "person", prepared, ctx, keep=len(slow)) == slow


# -- countries named in the document as context ------------------------------------------


def _item(qid: str, label: str, claims: dict[str, list[str]] = (), sitelinks: int = 0) -> dict:
    """One entity in the layout of a Wikidata dump line (item-valued claims only)."""
    def snak(prop: str, value: str) -> dict:
        return {"mainsnak": {"snaktype": "value", "property": prop, "datatype": "wikibase-item",
                             "datavalue": {"type": "wikibase-entityid",
                                           "value": {"entity-type": "item", "id": value, "numeric-id": int(value[1:])}}},
                "type": "statement", "rank": "normal"}
    return {"type": "item", "id": qid, "labels": {"en": {"language": "en", "value": label}}, "descriptions": {},
            "aliases": {}, "claims": {p: [snak(p, v) for v in vs] for p, vs in dict(claims).items()},
            "sitelinks": {f"w{i}wiki": {"site": f"w{i}wiki", "title": label} for i in range(sitelinks)}}


@pytest.fixture
def places_db(tmp_path):
    """Two countries, a city, one post of each country and a politician holding the Vardøland post."""
    import json

    items = [
        _item("Q90001", "Vardøland", sitelinks=3), _item("Q90002", "Kestrelia", sitelinks=3),
        _item("Q90003", "Port Amsel", sitelinks=2),  # a city: no post belongs to it
        _item("Q90011", "Chancellor of Vardøland", {"P17": ["Q90001"]}),
        _item("Q90012", "Chancellor of Kestrelia", {"P17": ["Q90002"]}),
        _item("Q90021", "Ottilie Brannstrom", {"P31": ["Q5"], "P39": ["Q90011"]}, sitelinks=2),
        # a common surname: four entries, one of them held a Vardøland post
        _item("Q90031", "Aksel Lindqvist", {"P31": ["Q5"], "P39": ["Q90011"]}, sitelinks=2),
        *(_item(f"Q9003{i}", f"{first} Lindqvist", {"P31": ["Q5"]}, sitelinks=2)
          for i, first in ((2, "Berit"), (3, "Casper"), (4, "Dagny"))),
    ]
    path = tmp_path / "places.jsonl"
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    db = open_db(tmp_path / "kb.db")
    import_reference(db, [path])
    return db


def _surname_doc(text: str, places: list[str]) -> Extraction:
    ext = _ext(text, [lambda d: _ent(d, "Brannstrom")])
    ext.places = places
    return ext


def test_surname_linked_with_a_country_of_its_posts_named(places_db):
    ext = _surname_doc("Brannstrom told reporters in Vardøland that the budget would pass.", ["Vardøland"])
    link = _link(places_db, ext).link_for("person", "Brannstrom")
    assert link.qid == "Q90021"
    assert link.candidates[0].features["context"] == 1.0


def test_surname_stays_nil_without_a_named_country(places_db):
    ext = _surname_doc("Brannstrom told reporters that the budget would pass.", [])
    link = _link(places_db, ext).link_for("person", "Brannstrom")
    assert link.qid is None
    assert link.candidates and link.candidates[0].qid == "Q90021" and link.candidates[0].features["context"] == 0.0


def test_surname_stays_nil_when_the_named_country_is_not_of_its_posts(places_db):
    ext = _surname_doc("Brannstrom told reporters in Kestrelia that the budget would pass.", ["Kestrelia"])
    link = _link(places_db, ext).link_for("person", "Brannstrom")
    assert link.qid is None and link.candidates[0].features["context"] == 0.0


def test_only_states_resolve_as_places(places_db):
    from kb.link.candidates import ReferenceIndex

    index = ReferenceIndex(places_db.conn)
    assert index.state_qid("Vardøland") == "Q90001"
    assert index.state_qid("Port Amsel") is None  # an item, but no post belongs to it
    assert index.state_qid("Ottilie Brannstrom") is None  # a person
    assert index.state_qid("Chancellor of Vardøland") is None  # a position


def test_named_country_does_not_raise_organisation_scores(places_db):
    text = "Vardøland and Brannstrom were in the news."
    with_place = _surname_doc(text, ["Vardøland"])
    with_place.entities.append(_ent(with_place.document, "Vardøland", "organization"))
    without = _surname_doc(text, [])
    without.entities.append(_ent(without.document, "Vardøland", "organization"))
    a = _link(places_db, with_place).link_for("organization", "Vardøland")
    b = _link(places_db, without).link_for("organization", "Vardøland")
    assert a.qid == b.qid == "Q90001" and a.score == b.score


def test_named_country_is_no_evidence_for_a_common_surname(places_db):
    ext = _ext("Lindqvist told reporters in Vardøland that the budget would pass.", [lambda d: _ent(d, "Lindqvist")])
    ext.places = ["Vardøland"]
    link = _link(places_db, ext).link_for("person", "Lindqvist")
    assert len(link.candidates) == 4
    assert link.qid is None and all(c.features["context"] == 0.0 for c in link.candidates)
