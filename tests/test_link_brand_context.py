"""Link rules that keep a real company when the text gives the reasons to: a brand of the country
the text names by its adjective, a long name with its article, an organisation founded after a
year the text only compares with. Reference fixture and sentences are our own."""

from __future__ import annotations

import json

import pytest

from kb.link import Linker
from kb.link.reference import import_reference
from kb.model import Document, Entity, Extraction, Mention, Sentence
from kb.store import open_db

#: (qid, label, kinds, country, inception year or None) of the fixture reference.
ITEMS = [
    ("Q941000001", "Kaltwerk", "NSI brand shop/car", "DE", None),  # a made-up carmaker
    ("Q941000002", "Norvance Post", "NSI operator amenity/post_box", "GB", None),  # a made-up mail firm
    ("Q941000003", "Office for Ruritanian Statistics", "ROR government", "GB", 1996),
    ("Q941000004", "Cottage", "NSI brand shop/clothes", "GB", None),  # a made-up clothes shop
]


def _write_reference(tmp) -> list:
    dump, index = tmp / "ref.jsonl", tmp / "ref-index.tsv"
    lines = []
    for q, label, _, _, inception in ITEMS:
        claims = {}
        if inception:
            claims["P571"] = [{"mainsnak": {"snaktype": "value", "property": "P571", "datavalue": {
                "type": "time", "value": {"time": f"+{inception}-00-00T00:00:00Z", "precision": 9, "timezone": 0,
                                          "before": 0, "after": 0,
                                          "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}},
                               "type": "statement", "rank": "normal"}]
        lines.append(json.dumps({"type": "item", "id": q, "labels": {"en": {"language": "en", "value": label}},
                                 "aliases": {}, "claims": claims, "sitelinks": {}}) + "\n")
    dump.write_text("".join(lines), encoding="utf-8")
    index.write_text("qid\tkinds\tcatalogues\tcountry_iso2\n"
                     + "".join(f"{q}\t{k}\t\t{c}\n" for q, _, k, c, _ in ITEMS), encoding="utf-8")
    return [dump, index]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = open_db(tmp_path_factory.mktemp("brand-context") / "kb.db")
    import_reference(db, _write_reference(tmp_path_factory.mktemp("brand-ref")))
    return db


def _link(db, text: str, name: str, places=(), adjective_places=(), published=None) -> str | None:
    mentions = []
    start = text.find(name)
    while start >= 0:
        mentions.append(Mention(name, "organization", start, start + len(name), 0, name=name))
        start = text.find(name, start + 1)
    doc = Document(id="d", text=text, published=published, content_hash="h", lang="en")
    ext = Extraction(document=doc, sentences=[Sentence(0, 0, len(text), text)],
                     entities=[Entity(name=name, type="organization", mentions=mentions)],
                     places=list(places), adjective_places=list(adjective_places))
    return Linker.from_db(db).link(ext).link_for("organization", name).qid


def test_a_brand_of_another_country_stays_unlinked_without_a_word_of_its_country(db):
    text = "Kaltwerk sold more cars in the United States this year than last."
    assert _link(db, text, "Kaltwerk", places=("United States",)) is None


def test_a_brand_of_the_country_the_text_names_by_its_adjective_is_linked(db):
    text = "The German carmaker Kaltwerk sold more cars in the United States this year than last."
    assert _link(db, text, "Kaltwerk", places=("United States",), adjective_places=("Germany",)) == "Q941000001"


def test_a_long_name_with_its_article_is_still_the_company(db):
    text = "The Norvance Post said deliveries were late. Staff at the Norvance Post went on strike."
    assert _link(db, text, "Norvance Post", places=("United Kingdom",)) == "Q941000002"


def test_a_year_the_story_is_only_compared_with_does_not_date_it(db):
    text = "Retail sales were the worst since 1981, the Office for Ruritanian Statistics said."
    assert _link(db, text, "Office for Ruritanian Statistics", places=("United Kingdom",)) == "Q941000003"


def test_a_story_set_before_the_founding_still_rules_it_out(db):
    text = "In 1981 the Office for Ruritanian Statistics published its first survey of shops."
    assert _link(db, text, "Office for Ruritanian Statistics", places=("United Kingdom",)) is None


def test_a_one_word_name_written_with_its_article_is_no_shop_brand(db):
    """"The Kaltwerk" as the text's own name (a newspaper, a crown) is not the shop brand."""
    text = "The Kaltwerk reported on Monday that ministers had met. A reporter for The Kaltwerk asked why."
    assert _link(db, text, "The Kaltwerk", adjective_places=("Germany",)) is None


def test_a_countrys_company_after_a_possessive_is_the_company(db):
    """"Germany's Kaltwerk" names a company by its country; "last year's Budget" stays a noun."""
    text = "Germany's Kaltwerk warned that profits from its cars may fall as steel prices in Germany rise."
    assert _link(db, text, "Kaltwerk", places=("Germany",)) == "Q941000001"


def test_the_uks_nations_are_the_uk_for_its_bodies():
    from kb.link.kinds import country_code

    assert {country_code(n) for n in ("Wales", "Scotland", "England", "Northern Ireland")} == {"GB"}


def test_the_year_records_began_does_not_date_the_story(db):
    text = ("Unemployment was the lowest figure since records began in 1971, the Office for Ruritanian "
            "Statistics said. Throughout 2004, hiring rose.")
    assert _link(db, text, "Office for Ruritanian Statistics", places=("United Kingdom",)) == "Q941000003"


def test_a_name_its_kind_noun_follows_is_the_brand(db):
    text = "Sales of cars of its Kaltwerk brand fell in Germany, the group said."
    assert _link(db, text, "Kaltwerk", places=("Germany",)) == "Q941000001"


def test_a_name_the_text_also_writes_as_an_inflected_common_noun_is_no_brand(db):
    text = "Cottage prices fell in May as demand for cottages and winter clothing in the countryside cooled."
    assert _link(db, text, "Cottage", places=("United Kingdom",)) is None
    assert _link(db, "Cottage opened four clothes shops in the United Kingdom in May.", "Cottage",
                 places=("United Kingdom",)) == "Q941000004"


def test_a_one_word_brand_only_in_the_headline_has_no_support(db):
    text = "Cottage row deepens\n\nMinisters met on Monday to discuss the spending report on school clothing."
    assert _link(db, text, "Cottage", places=("United Kingdom",)) is None
    text = "Cottage sales rise\n\nCottage opened four clothes shops in the United Kingdom in May."
    assert _link(db, text, "Cottage", places=("United Kingdom",)) == "Q941000004"


def test_a_headline_name_the_body_writes_inside_a_longer_name_has_support(db):
    text = "Cottage in merger talks\n\nThe Cottage Retail Group said it was in talks with a rival clothing chain."
    mentions = [Mention("Cottage", "organization", 0, 7, 0, name="Cottage")]
    doc = Document(id="d", text=text, published=None, content_hash="h", lang="en")
    ext = Extraction(document=doc, sentences=[Sentence(0, 0, len(text), text)],
                     entities=[Entity(name="Cottage", type="organization", mentions=mentions)],
                     places=["United Kingdom"])
    assert Linker.from_db(db).link(ext).link_for("organization", "Cottage").qid == "Q941000004"


def test_a_one_word_shop_brand_needs_a_word_of_its_trade(db):
    """"Cottage" is a clothes shop in the fixture: a story about clothes may mean it, a story
    about a drug maker's shares may not."""
    assert _link(db, "Shares in Cottage fell after the drug trial failed.", "Cottage",
                 places=("United Kingdom",)) is None
    assert _link(db, "Cottage said sales of winter clothing rose.", "Cottage",
                 places=("United Kingdom",)) == "Q941000004"


def test_a_trade_missing_from_the_lexicon_falls_back_to_its_own_words():
    from kb.link.rules import _trade_named

    assert _trade_named(("NSI brand shop/outdoor",), "Sales of outdoor gear rose.")
    assert not _trade_named(("NSI brand shop/outdoor",), "Sales of cars rose.")
    assert _trade_named(("NSI operator amenity/toilets",), "The council met.")  # operators are not judged
