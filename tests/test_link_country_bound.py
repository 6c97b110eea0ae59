"""Which bodies the country rule binds, and what tells a brand from a namesake.

A party or a ministry belongs to one country: named in news of another country it is a namesake.
A company is named in any country's news: a car maker's group is the car maker in a story about
another country's car market. A short name that a party's full name begins with is no party when
the text calls the body by a kind no party is ("the civil rights group Dignity"). A bank named
with its article ("the Pellham") is the bank in news of its country about its trade.

A small invented reference (dump lines and an index file with kinds and countries) is imported
into a real SQLite file; the first tests link hand-made extractions, the last ones build
sentences written for these tests with the real spaCy pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.link import Linker
from kb.link.reference import import_reference
from kb.link.rules import name_countries
from kb.model import Document, Entity, Extraction, Mention, Sentence
from kb.store import open_db

#: (qid, label, aliases, kinds, catalogues, country) of the fixture reference.
ITEMS = [
    ("Q951000001", "Dignity Party", (), "political party", "", "US"),
    ("Q951000002", "Department of Ports and Harbours", (), "NSI operator office/government", "", "NZ"),
    ("Q951000003", "Pellham", (), "NSI brand amenity/bank", "", "GB"),
    ("Q951000004", "Strandvik", (), "NSI brand shop/car", "", "SE"),
    ("Q951000005", "Strandvik Group", ("Strandvik",), "ROR company", "", "SE"),
    ("Q951000006", "Merchant Bank of Canada", (), "NSI brand amenity/bank", "", "CA"),
    ("Q951000007", "Vantor", (), "NSI brand shop/clothes", "", "US"),
    ("Q951000008", "Oxley", (), "NSI brand shop/car", "", "JP"),
    ("Q951000009", "Oxley", (), "ROR company", "", "DE"),
    ("Q951000010", "Harbour Records Office", (), "ROR archive", "", "CZ"),
    ("Q951000011", "Harwick University", (), "ROR education", "", "US"),
    ("Q951000012", "Pellworth College", (), "ROR education", "", "US"),
    ("Q951000013", "University of Pellworth", ("Pellworth College",), "ROR education", "", "GB"),
    ("Q951000014", "Corran Heritage Centre", ("Corran",), "ROR archive", "", "US"),
    ("Q951000015", "Corran Harbour Clinic", ("Corran",), "ROR healthcare", "", "AU"),
    ("Q951000016", "Dravik Fenmor", (), "NSI brand amenity/bank", "", "NL"),
    ("Q951000017", "Market Street", (), "NSI brand amenity/bank", "", "NL"),
]
#: English Wikipedia titles other than the label: one that tells the item from its namesakes.
ENWIKI = {"Q951000011": "Harwick University (Ohio)", "Q951000012": "Pellworth College (Maine)"}
#: Politicians: (qid, name, catalogues).
PERSONS = [("Q951000020", "Harriet Quellman", "united-kingdom")]


def _write_reference(tmp: Path) -> list[Path]:
    dump, index = tmp / "ref.jsonl", tmp / "ref-index.tsv"
    lines = []
    for q, label, aliases, kinds, _, _ in ITEMS:
        # the companies have an English Wikipedia article (an alias of an obscure one is too weak)
        links = {"enwiki": {"site": "enwiki", "title": ENWIKI.get(q, label)}} if kinds.startswith("ROR") else {}
        lines.append(json.dumps({"type": "item", "id": q, "labels": {"en": {"language": "en", "value": label}},
                                 "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
                                 "claims": {}, "sitelinks": links}))
    for q, name, _ in PERSONS:
        p31 = {"mainsnak": {"snaktype": "value", "property": "P31",
                            "datavalue": {"value": {"id": "Q5"}, "type": "wikibase-entityid"}}, "rank": "normal"}
        lines.append(json.dumps({"type": "item", "id": q, "labels": {"en": {"language": "en", "value": name}},
                                 "aliases": {}, "claims": {"P31": [p31]},
                                 "sitelinks": {"enwiki": {"site": "enwiki", "title": name}}}))
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = [f"{q}\t{k}\t{c}\t{iso}\n" for q, _, _, k, c, iso in ITEMS]
    rows += [f"{q}\tperson\t{c}\t\n" for q, _, c in PERSONS]
    index.write_text("qid\tkinds\tcatalogues\tcountry_iso2\n" + "".join(rows), encoding="utf-8")
    return [dump, index]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """A kb.db holding only the fixture reference (copied by the tests that build into it)."""
    path = tmp_path_factory.mktemp("country-bound") / "ref.db"
    db = open_db(path)
    import_reference(db, _write_reference(tmp_path_factory.mktemp("country-bound-ref")))
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def db(reference):
    return open_db(reference)


def _link(db, text: str, names: dict[str, str], places=()) -> dict[str, str | None]:
    """Link a one-sentence extraction; ``names`` maps each name in the text to its type."""
    entities = []
    for name, etype in names.items():
        mentions, start = [], text.find(name)
        while start >= 0:
            mentions.append(Mention(name, etype, start, start + len(name), 0, name=name))
            start = text.find(name, start + 1)
        entities.append(Entity(name=name, type=etype, mentions=mentions))
    doc = Document(id="d", text=text, published="2005-01-20", content_hash="h", lang="en")
    ext = Extraction(document=doc, sentences=[Sentence(0, 0, len(text), text)], entities=entities,
                     places=list(places), lang="en")
    linked = Linker.from_db(db).link(ext)
    return {name: linked.link_for(etype, name).qid for name, etype in names.items()}


# -- a party's short name ------------------------------------------------------------------


def test_a_body_called_by_a_kind_no_party_is_is_not_the_party_of_its_short_name(db):
    text = "The civil rights group Dignity said the law in the United States went too far."
    assert _link(db, text, {"Dignity": "organization"}, places=("United States",))["Dignity"] is None


def test_a_bare_short_name_in_news_of_the_partys_country_is_still_the_party(db):
    text = "Dignity won three seats in the United States, and Dignity leaders celebrated."
    assert _link(db, text, {"Dignity": "organization"}, places=("United States",))["Dignity"] == "Q951000001"


# -- a government office in a text that names no country ------------------------------------


def test_a_ministry_of_another_country_is_not_linked_where_the_texts_names_point_elsewhere(db):
    text = "Harriet Quellman said the Department of Ports and Harbours would publish its plans."
    links = _link(db, text, {"Harriet Quellman": "person", "Department of Ports and Harbours": "organization"})
    assert links["Department of Ports and Harbours"] is None


def test_a_ministry_is_linked_in_a_text_that_gives_no_hint_of_another_country(db):
    text = "The Department of Ports and Harbours would publish its plans, a spokesman said."
    links = _link(db, text, {"Department of Ports and Harbours": "organization"})
    assert links["Department of Ports and Harbours"] == "Q951000002"


def test_an_archive_of_another_country_is_not_linked_where_the_texts_names_point_elsewhere(db):
    """An archive keeps a country's records: "the Harbour Records Office" beside a British
    politician is not the Czech archive of that name, whether or not the text names a country."""
    text = "Papers released at the Harbour Records Office show Harriet Quellman knew of the plan."
    names = {"Harriet Quellman": "person", "Harbour Records Office": "organization"}
    assert _link(db, text, names)["Harbour Records Office"] is None
    assert _link(db, text, names, places=("United Kingdom",))["Harbour Records Office"] is None
    assert _link(db, text, names, places=("Czech Republic",))["Harbour Records Office"] == "Q951000010"


def test_a_namesake_wikipedia_tells_apart_needs_its_country_in_the_text(db):
    """English Wikipedia titles it "Harwick University (Ohio)": there are others of that name, so in
    British news it is not the one; in American news (or a text naming no country) it may be."""
    text = "Professor Ann Lode of Harwick University said the research was sound."
    names = {"Harwick University": "organization"}
    assert _link(db, text, names, places=("United Kingdom",))["Harwick University"] is None
    assert _link(db, text, names, places=("United States",))["Harwick University"] == "Q951000011"
    assert _link(db, text, names)["Harwick University"] == "Q951000011"
    # no country named, but the text's other names point to Britain
    text = "Harriet Quellman said Harwick University's research was sound."
    assert _link(db, text, {"Harriet Quellman": "person", **names})["Harwick University"] is None


def test_wikipedias_primary_topic_wins_over_a_namesake_it_tells_apart(db):
    """Two bodies answer to "Pellworth College": the one whose article has the plain title is what
    a bare mention means, not the one English Wikipedia titles "Pellworth College (Maine)"."""
    text = "Researchers at Pellworth College said the results were encouraging."
    assert _link(db, text, {"Pellworth College": "organization"})["Pellworth College"] == "Q951000013"


def test_a_namesake_left_standing_by_an_alias_after_the_rules_is_no_better(db):
    """Two bodies are also called "Corran": the rules rule out the American archive in British
    news, but that says nothing for the Australian clinic, found by the same alias only."""
    text = "Corran, the retailer, said sales in the United Kingdom rose."
    assert _link(db, text, {"Corran": "organization"}, places=("United Kingdom",))["Corran"] is None


# -- brands and companies abroad ------------------------------------------------------------


def test_a_company_of_the_foreign_brands_own_country_is_linked_abroad(db):
    """The brand of a car maker is ruled out in news of another country; its group is not."""
    text = "Car makers with plants in Brazil, including Strandvik, have seen a surge in demand."
    assert _link(db, text, {"Strandvik": "organization"}, places=("Brazil",))["Strandvik"] == "Q951000005"


def test_a_company_of_yet_another_country_than_the_foreign_brand_stays_unlinked(db):
    text = "Oxley sold more cars in Brazil this year than last."
    assert _link(db, text, {"Oxley": "organization"}, places=("Brazil",))["Oxley"] is None


def test_a_namesake_abroad_is_no_better_where_the_article_rules_the_brand_out(db):
    """"The Oxley Vantage": the article rules the car brand out; the German company of the name
    is of a country the American story never names, so it is not meant either."""
    text = "Car makers in the United States praised the Oxley Vantage as the best car of its kind."
    assert _link(db, text, {"Oxley": "organization"}, places=("United States",))["Oxley"] is None


def test_a_brand_whose_name_writes_its_country_is_linked_abroad(db):
    text = "The Merchant Bank of Canada has been banned from suing the Italian dairy firm in Italy."
    links = _link(db, text, {"Merchant Bank of Canada": "organization"}, places=("Italy",))
    assert links["Merchant Bank of Canada"] == "Q951000006"


def test_name_countries():
    assert name_countries("Merchant Bank of Canada") == {"CA"}
    assert name_countries("Royal Bank of Scotland") == {"GB"}
    assert name_countries("New World") == frozenset()


def test_a_coined_bank_name_quoting_its_economist_abroad_is_the_bank(db):
    """A foreign bank's economists are quoted in any country's news: a name of two words the
    text never writes in lower case, in a story of its trade, means the bank."""
    text = "Growth in Brazil will slow, said Ana Lima, an economist at Dravik Fenmor."
    assert _link(db, text, {"Dravik Fenmor": "organization"}, places=("Brazil",))["Dravik Fenmor"] == "Q951000016"


def test_a_coined_bank_name_abroad_without_its_trade_stays_unlinked(db):
    text = "Dravik Fenmor won the sailing race off Brazil on Sunday."
    assert _link(db, text, {"Dravik Fenmor": "organization"}, places=("Brazil",))["Dravik Fenmor"] is None


def test_a_bank_named_with_ordinary_words_abroad_stays_unlinked(db):
    """"Market Street" is also a phrase of ordinary words the text uses ("the market"): abroad it
    may be any street, whatever the economist said."""
    text = "The market in Brazil will slow, said Ana Lima, an economist at Market Street."
    assert _link(db, text, {"Market Street": "organization"}, places=("Brazil",))["Market Street"] is None


def test_a_brand_of_several_words_needs_its_trade_in_the_story(db):
    """A shop brand's name of any length is the brand only in a story of its trade: "Market
    Street" of a sailing race is not the Dutch bank, "Market Street" raising mortgage rates is."""
    places = ("Netherlands",)
    text = "Market Street won the sailing race in the Netherlands on Sunday."
    assert _link(db, text, {"Market Street": "organization"}, places=places)["Market Street"] is None
    text = "Market Street raised its mortgage rates in the Netherlands on Sunday."
    assert _link(db, text, {"Market Street": "organization"}, places=places)["Market Street"] == "Q951000017"


# -- the article before a bank's name and a clothes brand's shoes -----------------------------


def test_a_bank_named_with_its_article_in_news_of_its_country_about_mortgages_is_the_bank(db):
    text = "House prices rose in the United Kingdom in May, the Pellham said, as mortgage lending grew."
    assert _link(db, text, {"Pellham": "organization"}, places=("United Kingdom",))["Pellham"] == "Q951000003"


def test_a_name_with_its_article_without_words_of_the_trade_is_no_brand(db):
    text = "The Pellham said the United Kingdom team would play in green, and the Pellham coach agreed."
    assert _link(db, text, {"Pellham": "organization"}, places=("United Kingdom",))["Pellham"] is None


def test_a_name_with_its_article_in_news_of_another_country_is_no_brand(db):
    text = "House prices rose in Canada in May, the Pellham said, as mortgage lending grew."
    assert _link(db, text, {"Pellham": "organization"}, places=("Canada",))["Pellham"] is None


def test_a_clothes_brand_in_a_story_about_its_shoes_is_the_brand(db):
    text = "Vantor, whose running shoes and footwear sell well, said demand in the United States grew."
    assert _link(db, text, {"Vantor": "organization"}, places=("United States",))["Vantor"] == "Q951000007"


# -- built with the real pipeline: one row per organisation --------------------------------


def _build(reference: Path, tmp_path: Path, texts: list[str]) -> list[tuple]:
    """Build the texts (one JSONL document each) into a copy of the reference database with the
    real pipeline (the tests ask for ``en_nlp``: skipped without an English model); the
    organisations table's (name, qid) rows, sorted."""
    import shutil

    import kb

    path = tmp_path / "kb.db"
    shutil.copy(reference, path)
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "published": "2005-01-20"}) + "\n"
                           for i, t in enumerate(texts)), encoding="utf-8")
    kb.build([src], db=path)
    db = open_db(path)
    return sorted(tuple(r) for r in db.execute("SELECT name, qid FROM organizations"))


def test_a_bank_written_with_and_without_its_article_is_one_linked_row(reference, tmp_path, en_nlp):
    rows = _build(reference, tmp_path, [
        "Pellham says house prices rose\n\nHouse prices in the United Kingdom rose by 1% in May, "
        "said Pellham, the country's biggest mortgage lender.",
        "Prices slow down\n\nThe Pellham said on Tuesday that house prices in the United Kingdom fell "
        "in June as mortgage lending slowed.",
    ])
    assert [r for r in rows if r[0] == "Pellham"] == [("Pellham", "Q951000003")]


def test_a_rights_group_named_like_a_party_stays_one_unlinked_row(reference, tmp_path, en_nlp):
    rows = _build(reference, tmp_path, [
        "Judges criticise detention\n\nThe civil rights group Dignity said judges in the United States "
        "were right to criticise the detention of suspects without trial.",
        "Ministers defend new powers\n\nShami Okafor, director of the human rights group Dignity, said "
        "the new powers went too far.",
    ])
    assert [r for r in rows if r[0] == "Dignity"] == [("Dignity", None)]
