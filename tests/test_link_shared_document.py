"""The document-level link rules on the real shared reference (skipped when ../shared is absent).

The politicians subset and its index file (kinds, party countries, politician catalogues) are
imported once per module (about 30-40 s). Sentences are written for these tests; the entities
are real reference entries: British and Austrian parties, British politicians and their
namesakes abroad.
"""

from __future__ import annotations

import pytest

from kb.link import Linker
from kb.link.reference import import_reference
from kb.model import Document, Entity, Extraction, Mention, Sentence
from kb.settings import SHARED_DIR
from kb.store import open_db

SUBSET = SHARED_DIR / "reference" / "wikidata-subset.jsonl.gz"
INDEX = SHARED_DIR / "reference" / "entity-index.tsv.gz"
pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def ref_db(tmp_path_factory):
    if not (SUBSET.exists() and INDEX.exists()):
        pytest.skip(f"{SUBSET} or {INDEX} not present (../shared is optional)")
    db = open_db(tmp_path_factory.mktemp("ref-doc") / "kb.db")
    import_reference(db, [SUBSET, INDEX])
    return db


def _link(db, text: str, entities: list[tuple[str, str]], lang: str = "en") -> dict:
    ents = []
    for name, etype in entities:
        mentions, start = [], text.find(name)
        while start >= 0:
            mentions.append(Mention(name, etype, start, start + len(name), 0, name=name))
            start = text.find(name, start + 1)
        ents.append(Entity(name=name, type=etype, mentions=mentions))
    doc = Document(id="d", text=text, published=None, content_hash="h", lang=lang)
    ext = Extraction(document=doc, sentences=[Sentence(0, 0, len(text), text)], entities=ents)
    linked = Linker.from_db(db).link(ext)
    return {name: linked.link_for(etype, name).qid for name, etype in entities}


def test_british_parties_and_politicians_in_british_news(ref_db):
    text = ("Labour accused the Conservative Party of planning cuts. Tony Blair said Michael Howard "
            "had no answer; the Conservatives disagreed.")
    links = _link(ref_db, text, [("Labour", "organization"), ("Conservative Party", "organization"),
                                 ("Conservatives", "organization"), ("Tony Blair", "person"),
                                 ("Michael Howard", "person")])
    assert links["Labour"] == "Q9630"
    assert links["Conservative Party"] == "Q9626"
    assert links["Conservatives"] == "Q9626"
    assert links["Michael Howard"] == "Q325381"  # not the American politician of that name


def test_austrian_parties_in_austrian_news(ref_db):
    text = "Die SPÖ und die ÖVP stimmten zu, die KPÖ und die Grünen dagegen."
    links = _link(ref_db, text, [("SPÖ", "organization"), ("ÖVP", "organization"), ("KPÖ", "organization"),
                                 ("Grünen", "organization")], lang="de")
    assert links["KPÖ"] == "Q161118"
    assert links["Grünen"] == "Q193178"  # the Austrian Greens, not Germany's Alliance 90/The Greens


def test_british_politicians_under_the_names_news_uses(ref_db):
    text = "Jim Callaghan and Jack Cunningham sat in the House of Commons for Labour."
    links = _link(ref_db, text, [("Jim Callaghan", "person"), ("Jack Cunningham", "person"),
                                 ("Labour", "organization")])
    assert links["Jim Callaghan"] == "Q9576"  # James Callaghan
    assert links["Jack Cunningham"] == "Q336214"  # Jack Cunningham, Baron Cunningham of Felling


def test_party_nickname_is_todays_party_not_the_item_labelled_so(ref_db):
    """"The Tories" in British news is the Conservative Party (Q9626), not the 1678-1834 Tory
    party the reference labels "Tories" (``kb/link/lexicons/party_nicknames_en.tsv``)."""
    text = "Labour and the Tories clashed over taxes; Michael Howard said the Tories would cut waste."
    links = _link(ref_db, text, [("Tories", "organization"), ("Labour", "organization"),
                                 ("Michael Howard", "person")])
    assert links["Tories"] == "Q9626"
