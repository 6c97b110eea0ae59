"""Link rules that read the whole document: its country, its kind (a match report), stated ages,
and the name forms news uses (bare party names, short first names, peers' styles).

Each test builds a small invented reference (dump lines plus an index file with kinds,
countries and politician catalogues) and links sentences written for the test. Every rule is
tried where it must fire and where it must not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import pytest

from kb.link import Linker
from kb.link.candidates import party_name_variants, truncated
from kb.link.kinds import catalogue_countries, country_code, english_exonym
from kb.link.names import is_peer_label, peer_designation, peer_names
from kb.link.reference import import_reference
from kb.link.rules import consensus_country, match_report, peer_styling
from kb.model import Document, Entity, Extraction, Mention, Sentence, Tenure
from kb.store import open_db


def _time(year: int) -> dict:
    return {"time": f"+{year:04d}-01-01T00:00:00Z", "timezone": 0, "before": 0, "after": 0, "precision": 9,
            "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}


def _snak(prop: str, value: dict, vtype: str) -> dict:
    return {"snaktype": "value", "property": prop, "datavalue": {"value": value, "type": vtype}}


def _item(qid: str, label: str, aliases: tuple[str, ...] = (), person: bool = False, born: Optional[int] = None,
          posts: tuple[tuple[str, int], ...] = (), enwiki: Optional[str] = None, sitelinks: int = 1) -> str:
    claims: dict = {}
    if person:
        claims["P31"] = [{"mainsnak": _snak("P31", {"id": "Q5"}, "wikibase-entityid"), "rank": "normal"}]
    if born:
        claims["P569"] = [{"mainsnak": _snak("P569", _time(born), "time"), "rank": "normal"}]
    if posts:
        claims["P39"] = [{"mainsnak": _snak("P39", {"id": pos}, "wikibase-entityid"), "rank": "normal",
                          "qualifiers": {"P580": [_snak("P580", _time(start), "time")]}} for pos, start in posts]
    links = {"enwiki": {"site": "enwiki", "title": enwiki or label}} if enwiki is not False else {}
    for i in range(sitelinks - 1):
        links[f"x{i}wiki"] = {"site": f"x{i}wiki", "title": label}
    lang = "en" if label.isascii() or label[:1].isupper() else "mul"  # other scripts: language unknown
    return json.dumps({"type": "item", "id": qid, "labels": {lang: {"language": lang, "value": label}},
                       "aliases": {"en": [{"language": "en", "value": a} for a in aliases]},
                       "claims": claims, "sitelinks": links})


#: (qid, kinds, catalogues, country) rows of the index file.
INDEX_ROWS = [
    ("Q930000001", "political party", "", "GB"),   # Civic Party (British)
    ("Q930000002", "political party", "", "NO"),   # Civic Party (Norwegian)
    ("Q930000003", "political party", "", "GB"),   # Rural League
    ("Q930000004", "political party", "", "GB"),   # Harbour Union
    ("Q930000005", "political party", "", "SE"),   # Pirate Party
    ("Q930000006", "political party", "", "AT"),   # Die Grünen
    ("Q930000007", "political party", "", "DE"),   # Bündnis Grün (alias GRÜNE)
    ("Q930000008", "political party", "", "AT"),   # Kommunistische Volks Partei (KVP)
    ("Q930000009", "political party", "", "NL"),   # Katholieke Volks Partij (KVP)
    ("Q930000010", "political party", "", "GB"),   # Ruralists (an old party)
    ("Q930000020", "person", "united-kingdom", ""),  # Martin Holloway (British)
    ("Q930000021", "person", "united-states", ""),   # Martin Holloway (American)
    ("Q930000022", "person", "united-kingdom", ""),  # Walter Brisk (British, little known)
    ("Q930000023", "person", "united-states;world", ""),  # Walter Brisk (American president)
    ("Q930000024", "person", "united-kingdom", ""),  # James Callard
    ("Q930000025", "person", "united-kingdom", ""),  # Ada Marwick, Baroness Marwick of Fell
    ("Q930000026", "person", "austria", ""),  # Rudi Kessler
    ("Q930000027", "person", "united-kingdom", ""),  # Owen Tarrant (born 1990)
    ("Q930000030", "ROR other", "", "AT"),  # Arbeitnehmerkammer
    ("Q930000031", "ROR company", "", "AT"),  # Kessler Bau
    ("Q930000040", "ROR other", "", "GB"),  # Orrin (a gallery)
    ("Q930000041", "state", "", ""),  # Velmora
    ("Q930000042", "NSI brand shop/clothes", "", "AU"),  # Bonds (a shop brand)
    ("Q930000045", "NSI brand amenity/car_rental", "", "US"),  # Thrift
    ("Q930000046", "person", "china", ""),  # 王雁 (Wang Yan)
    ("Q930000047", "NSI brand shop/car", "", "JP"),  # Kestrel (a carmaker's brand)
    ("Q930000048", "ROR company", "", "DE"),  # Kestrel (a German company so named)
    ("Q930000049", "person", "austria", ""),  # Dina Varro (known by nothing but her name)
    ("Q930000050", "person", "united-kingdom", ""),  # Hugh Toll, Baron Toll of Westerby
    ("Q930000051", "person", "united-kingdom", ""),  # Ian Toll, Baron Toll of Carrick
    ("Q930000052", "person", "united-kingdom", ""),  # Simon Toll (an MP, no peer)
    ("Q930000053", "person", "united-kingdom", ""),  # Ruth Penwarden, Baroness Penwarden
    ("Q930000054", "person", "united-kingdom", ""),  # Mark Penwarden (an MP, no peer)
    ("Q930000055", "NSI brand shop/supermarket", "", "AT"),  # Marlo (a supermarket chain)
    ("Q930000056", "state", "", ""),  # Austria (English label only)
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docrules")
    dump = tmp / "ref.jsonl"
    lines = [
        _item("Q930000001", "Civic Party", enwiki=False), _item("Q930000002", "Civic Party", enwiki=False),
        _item("Q930000003", "Rural League", enwiki=False), _item("Q930000004", "Harbour Union", enwiki=False),
        _item("Q930000005", "Pirate Party", enwiki=False), _item("Q930000006", "Die Grünen", enwiki=False),
        _item("Q930000007", "Bündnis Grün", ("GRÜNE",), enwiki=False),
        _item("Q930000008", "Kommunistische Volks Partei", enwiki=False),
        _item("Q930000009", "Katholieke Volks Partij", enwiki=False),
        _item("Q930000010", "Ruralists", enwiki=False),
        _item("Q930000020", "Martin Holloway", person=True, born=1941, posts=(("Q930000090", 1983),), sitelinks=20),
        _item("Q930000021", "Martin Holloway", person=True, born=1970, posts=(("Q930000091", 2019),),
              enwiki="Martin Holloway (American politician)", sitelinks=3),
        _item("Q930000022", "Walter Brisk", person=True, born=1960, posts=(("Q930000090", 2001),), sitelinks=2),
        _item("Q930000023", "Walter Brisk", person=True, born=1946, posts=(("Q930000092", 2001),), sitelinks=60),
        _item("Q930000024", "James Callard", person=True, born=1912, posts=(("Q930000090", 1945),)),
        _item("Q930000025", "Ada Marwick, Baroness Marwick of Fell", person=True, born=1950,
              posts=(("Q930000090", 1990),)),
        _item("Q930000026", "Rudi Kessler", person=True, born=1955, posts=(("Q930000093", 2019),), enwiki=False),
        _item("Q930000027", "Owen Tarrant", person=True, born=1990, posts=(("Q930000090", 2017),)),
        _item("Q930000030", "Arbeitnehmerkammer", enwiki=False), _item("Q930000031", "Kessler Bau", enwiki=False),
        _item("Q930000040", "Orrin"), _item("Q930000041", "Velmora"),
        _item("Q930000042", "Bonds"), _item("Q930000045", "Thrift", enwiki=False),
        _item("Q930000047", "Kestrel", enwiki=False), _item("Q930000048", "Kestrel", enwiki=False),
        _item("Q930000046", "王雁", person=True, born=1973, enwiki=False, posts=(("Q930000094", 2018),)),
        _item("Q930000049", "Dina Varro", person=True, enwiki=False),
        _item("Q930000050", "Hugh Toll, Baron Toll of Westerby", person=True, born=1931, sitelinks=3),
        _item("Q930000051", "Ian Toll, Baron Toll of Carrick", person=True, born=1940, sitelinks=3),
        _item("Q930000052", "Simon Toll", person=True, born=1957, posts=(("Q930000090", 1997),), sitelinks=12),
        _item("Q930000053", "Ruth Penwarden, Baroness Penwarden", person=True, born=1949, sitelinks=2),
        _item("Q930000054", "Mark Penwarden", person=True, born=1962, posts=(("Q930000090", 2001),), sitelinks=9),
        _item("Q930000055", "Marlo", enwiki=False), _item("Q930000056", "Austria"),
        _item("Q930000094", "member of the National People's Congress"),
        _item("Q930000090", "Member of the Assembly of Albion"), _item("Q930000091", "Member of the Ohio Senate"),
        _item("Q930000092", "President of Columbia"), _item("Q930000093", "member of the Federal Council"),
    ]
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = tmp / "ref-index.tsv"
    index.write_text("qid\tkinds\tcatalogues\tcountry_iso2\n"
                     + "".join(f"{q}\t{k}\t{c}\t{n}\n" for q, k, c, n in INDEX_ROWS), encoding="utf-8")
    db = open_db(tmp / "kb.db")
    import_reference(db, [dump, index])
    return db


def _entity(text: str, name: str, type: str, forms: tuple[str, ...] = ()) -> Entity:
    mentions = []
    for form in (name, *forms):
        start = text.find(form)
        while start >= 0:
            mentions.append(Mention(form, type, start, start + len(form), 0, name=name))
            start = text.find(form, start + 1)
    assert mentions, f"{name!r} not in the test sentence"
    return Entity(name=name, type=type, mentions=mentions)


def _link(db, text: str, entities: list[tuple], places: tuple[str, ...] = (), tenures: tuple[Tenure, ...] = (),
          lang: Optional[str] = None, published: Optional[str] = None, text_lang: str = "en") -> dict:
    """``lang``: the language asked for (``Document.lang``); ``text_lang``: the one the extract
    stage found (``Extraction.lang``)."""
    doc = Document(id="d", text=text, published=published, content_hash="h", lang=lang)
    ents = [_entity(text, e[0], e[1], tuple(e[2]) if len(e) > 2 else ()) for e in entities]
    ext = Extraction(document=doc, sentences=[Sentence(0, 0, len(text), text)], entities=ents,
                     tenures=list(tenures), places=list(places), lang=text_lang)
    linked = Linker.from_db(db).link(ext)
    return {e[0]: linked.link_for(e[1], e[0]) for e in entities}


# -- the document's country from its names (consensus_country) ----------------------------


def test_consensus_country_needs_two_agreeing_entities_and_no_tie():
    gb, no = frozenset({"GB"}), frozenset({"NO"})
    assert consensus_country([gb | no, gb, gb]) == "GB"
    assert consensus_country([gb | no]) is None  # one entity is no consensus
    assert consensus_country([gb, no, gb | no]) is None  # a tie


def test_a_party_short_name_shared_with_many_other_bodies_still_votes_for_its_country(tmp_path):
    # "SPD" names four parties and seven police departments and shops: only the parties cast a
    # vote, so their number, not the whole candidate list, is what the cap on voters counts
    lines = [_item("Q930000801", "Vorwärts Partei", ("VWP",), enwiki=False),
             _item("Q930000802", "Volkswohl Partei", ("VWP",), enwiki=False),
             _item("Q930000803", "Liga der Mitte", ("LDM",), enwiki=False)]
    lines += [_item(f"Q93000081{i}", f"Vestland Works Polytechnic {i}", ("VWP",), enwiki=False) for i in range(10)]
    lines += [_item(f"Q93000082{i}", f"Valley Water Police {i}", ("VWP",), enwiki=False) for i in range(4)]
    rows = [("Q930000801", "political party", "", "DE"), ("Q930000802", "political party", "", "CZ"),
            ("Q930000803", "political party", "", "DE")]
    rows += [(f"Q93000081{i}", "ROR education", "", "NO") for i in range(10)]
    rows += [(f"Q93000082{i}", "ROR facility", "", "US") for i in range(4)]
    dump, index = tmp_path / "ref.jsonl", tmp_path / "ref-index.tsv"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    index.write_text("qid\tkinds\tcatalogues\tcountry_iso2\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    local = open_db(tmp_path / "kb.db")
    import_reference(local, [dump, index])
    text = "Politiker von VWP und LDM zogen für eine Woche in eine Wohngemeinschaft."
    links = _link(local, text, [("VWP", "organization"), ("LDM", "organization")], text_lang="de")
    assert links["VWP"].qid == "Q930000801"
    assert links["LDM"].qid == "Q930000803"


def test_party_of_the_country_the_documents_names_agree_on(db):
    text = "The Civic Party, the Rural League and the Harbour Union met on Monday."
    ents = [("Civic Party", "organization"), ("Rural League", "organization"), ("Harbour Union", "organization")]
    assert _link(db, text, ents)["Civic Party"].qid == "Q930000001"
    # alone, the name is shared by two countries' parties and nothing says which
    assert _link(db, "The Civic Party met on Monday.", [("Civic Party", "organization")])["Civic Party"].qid is None


def test_politicians_posts_vote_for_the_documents_country(db):
    """Persons vote with the countries of their politician catalogues: two British politicians
    make the document British, and its Civic Party the British one."""
    text = "James Callard and Owen Tarrant left the Civic Party in May."
    links = _link(db, text, [("Civic Party", "organization"), ("James Callard", "person"), ("Owen Tarrant", "person")])
    assert links["Civic Party"].qid == "Q930000001"


def test_german_country_names_count_in_german_documents():
    assert country_code("Österreich", "de") == "AT"
    assert country_code("Österreich") is None  # not an English name
    assert country_code("Island", "de") == "IS" and country_code("Island") is None


def test_catalogue_countries_of_politicians():
    assert catalogue_countries("united-kingdom;world;european-union") == ["GB"]
    assert catalogue_countries("congo-kinshasa") == ["CD"]
    assert catalogue_countries("") == []


# -- party names from bare and plural forms ------------------------------------------------


def test_party_name_variants():
    assert party_name_variants("civics") == ["civics party", "civic party", "die civics"]
    assert "die grunen" in party_name_variants("grune") and "die grunen" in party_name_variants("grunen")
    assert party_name_variants("a b c") == []


def test_bare_plural_name_is_the_party_of_the_documents_country(db):
    text = "Voters in the United Kingdom deserted the Civics."
    assert _link(db, text, [("Civics", "organization")], places=("United Kingdom",))["Civics"].qid == "Q930000001"


def test_plural_name_of_a_party_of_another_country_is_not_linked(db):
    text = "In the United States, the Pirates won their fourth game in a row."
    assert _link(db, text, [("Pirates", "organization")], places=("United States",))["Pirates"].qid is None


def test_german_party_by_its_inflected_name_in_an_austrian_document(db):
    text = "In Österreich stimmten die Grünen gegen das Budget."
    links = _link(db, text, [("Grünen", "organization")], places=("Österreich",), lang="de")
    assert links["Grünen"].qid == "Q930000006"


def test_initials_of_the_one_party_of_the_country_whose_parties_the_text_is_about(db):
    text = "In Österreich stimmte die KVP gegen das Budget, die Grünen dafür."
    ents = [("KVP", "organization"), ("Grünen", "organization")]
    assert _link(db, text, ents, places=("Österreich",), lang="de")["KVP"].qid == "Q930000008"
    # the country named, but no other party of it: the initials alone do not say which party
    text = "In Österreich stimmte die KVP gegen das Budget."
    assert _link(db, text, [("KVP", "organization")], places=("Österreich",), lang="de")["KVP"].qid is None
    # two countries' parties have these initials and the text names neither country
    assert _link(db, "Die KVP stimmte dagegen.", [("KVP", "organization")], lang="de")["KVP"].qid is None


# -- organisation forms ------------------------------------------------------------------


def test_truncated_form():
    assert truncated("orrin", "orrin vale")
    assert not truncated("siemens", "siemens ag")  # only the legal form follows
    assert not truncated("vale", "orrin vale")  # the head, not the first words


def test_first_words_of_a_longer_name_do_not_link_a_body_so_named(db):
    text = "Orrin & Vale raised prices. Orrin said sugar costs rose."
    link = _link(db, text, [("Orrin & Vale", "organization", ("Orrin",))])["Orrin & Vale"]
    assert link.qid is None
    assert _link(db, "Orrin opened a new wing.", [("Orrin", "organization")])["Orrin"].qid == "Q930000040"


def test_the_entitys_name_beats_another_of_its_forms(db):
    """ "Rural League" (the name) and "the Ruralists" (another form, another party's label): the
    name's own match wins instead of a tie."""
    text = "The Rural League met; the Ruralists, as the press calls them, won."
    link = _link(db, text, [("Rural League", "organization", ("Ruralists",))], places=("United Kingdom",))
    assert link["Rural League"].qid == "Q930000003"


def test_form_that_is_a_common_noun_of_the_text_is_no_brand(db):
    text = "Savers bought Premium Bonds again; bonds of that kind pay prizes. Bonds sold well."
    link = _link(db, text, [("Premium Bonds", "organization", ("Bonds",))])["Premium Bonds"]
    assert link.qid is None
    # a shop brand is reached only by the entity's own name, never by a word of a longer name
    text = "Savers bought Premium Bonds again. Bonds reported strong sales."
    assert _link(db, text, [("Premium Bonds", "organization", ("Bonds",))])["Premium Bonds"].qid is None
    assert _link(db, "Bonds reported strong clothing sales.", [("Bonds", "organization")])["Bonds"].qid == "Q930000042"


def test_a_name_mostly_written_with_the_article_is_no_brand(db):
    text = "Thrift cuts\n\nThe chancellor said the Thrift would pass; the Thrift is due in March."
    assert _link(db, text, [("Thrift", "organization")])["Thrift"].qid is None
    text = "Ally rejects Thrift spree\n\nHe expects a Thrift giveaway; Mr Brown's Thrift will not raise taxes."
    assert _link(db, text, [("Thrift", "organization")])["Thrift"].qid is None
    text = "Thrift row\n\nIn his ninth Thrift, and in the Tories' first Thrift, nothing changed."
    assert _link(db, text, [("Thrift", "organization")])["Thrift"].qid is None
    text = "Thrift cuts prices\n\nThrift, the car hire firm, said the Thrift deal was off."
    assert _link(db, text, [("Thrift", "organization")])["Thrift"].qid == "Q930000045"


def test_shop_brand_of_another_country_is_not_linked(db):
    text = "In the United Kingdom, Bonds reported strong clothing sales."
    assert _link(db, text, [("Bonds", "organization")], places=("United Kingdom",))["Bonds"].qid is None
    text = "In Australia, Bonds reported strong clothing sales."
    assert _link(db, text, [("Bonds", "organization")], places=("Australia",))["Bonds"].qid == "Q930000042"


def test_shop_brand_in_german_news_needs_a_stem_of_its_trade(db):
    """German compounds hide the trade's word: "Lebensmittelkette" holds "lebensmittel"."""
    text = "Die Lebensmittelkette Marlo eröffnet in Graz drei neue Märkte."
    link = _link(db, text, [("Marlo", "organization")], places=("Österreich",), lang="de", text_lang="de")
    assert link["Marlo"].qid == "Q930000055"
    text = "Das Rennen in Spielberg zeigen der ORF und Marlo ab 14 Uhr live."
    link = _link(db, text, [("Marlo", "organization")], places=("Österreich",), lang="de", text_lang="de")
    assert link["Marlo"].qid is None


def test_a_countrys_english_name_in_german_text_is_no_state(db):
    assert english_exonym("Austria") and english_exonym("Germany")
    assert not english_exonym("Österreich") and not english_exonym("USA") and not english_exonym("England")
    text = "Die Austria gewann am Sonntag gegen Rapid mit 2:0."
    link = _link(db, text, [("Austria", "organization")], lang="de", text_lang="de")
    assert link["Austria"].qid is None  # a club: German calls the state Österreich
    text = "Austria has tightened its border controls."
    assert _link(db, text, [("Austria", "organization")])["Austria"].qid == "Q930000056"
    text = "Velmora hat die Grenzkontrollen verschärft."  # a name German shares is the state
    link = _link(db, text, [("Velmora", "organization")], lang="de", text_lang="de")
    assert link["Velmora"].qid == "Q930000041"


def test_the_authors_byline_is_no_politician(db):
    """derStandard closes an article with its author's name and the date: a journalist."""
    text = "Martin Holloway sprach lange im Unterhaus über den Haushalt."
    link = _link(db, text, [("Martin Holloway", "person")], places=("United Kingdom",), lang="de", text_lang="de")
    assert link["Martin Holloway"].qid == "Q930000020"
    text = "Im Unterhaus wurde lange über den Haushalt gesprochen. (Martin Holloway, 9.4.2016)"
    link = _link(db, text, [("Martin Holloway", "person")], places=("United Kingdom",), lang="de", text_lang="de")
    assert link["Martin Holloway"].qid is None


def test_namesake_abroad_is_no_better_than_the_foreign_brand_ruled_out(db):
    """The brand of Japan is ruled out in news about China; the German company of the same
    name is as foreign, so the name stays unlinked; in German news it is the German company."""
    text = "Kestrel won a copyright case in China against a local maker of cars."
    assert _link(db, text, [("Kestrel", "organization")], places=("China",))["Kestrel"].qid is None
    text = "Kestrel opened a new plant in Germany on Monday."
    assert _link(db, text, [("Kestrel", "organization")], places=("Germany",))["Kestrel"].qid == "Q930000048"


def test_state_in_a_match_report_is_a_team(db):
    report = ("Velmora beat Arden 2 – 1 in the first match of the tournament. After a goal in the 20th minute, "
              "the striker scored a penalty; the referee added four minutes, and it ended 2 – 1.")
    assert match_report(report)
    assert _link(db, report, [("Velmora", "organization")])["Velmora"].qid is None
    talks = "Velmora signed the treaty in 2019 after two rounds of talks."
    assert not match_report(talks)
    assert _link(db, talks, [("Velmora", "organization")])["Velmora"].qid == "Q930000041"


# -- persons: country, name forms, ages ------------------------------------------------------


def test_politician_of_the_documents_country_over_a_foreign_namesake(db):
    text = "Martin Holloway, leader of the Civic Party, answered the Rural League and the Harbour Union."
    links = _link(db, text, [("Martin Holloway", "person"), ("Civic Party", "organization"),
                             ("Rural League", "organization"), ("Harbour Union", "organization")])
    assert links["Martin Holloway"].qid == "Q930000020"
    assert any(c.method == "ruled out: country" and c.qid == "Q930000021"
               for c in links["Martin Holloway"].candidates)


def test_a_little_known_local_namesake_never_displaces_a_better_known_foreigner(db):
    text = "Walter Brisk spoke of the Civic Party, the Rural League and the Harbour Union."
    links = _link(db, text, [("Walter Brisk", "person"), ("Civic Party", "organization"),
                             ("Rural League", "organization"), ("Harbour Union", "organization")])
    assert not any(c.method == "ruled out: country" and c.qid == "Q930000023" for c in links["Walter Brisk"].candidates)


def test_short_first_name_finds_the_formal_one_in_a_document_of_that_country(db):
    text = "In the United Kingdom, Jim Callard spoke to the assembly."
    link = _link(db, text, [("Jim Callard", "person")], places=("United Kingdom",))["Jim Callard"]
    assert link.qid == "Q930000024" and link.method == "known-as"
    # on the name alone, in a document of no country of his, the other name form is too weak
    assert _link(db, "Jim Callard played the guitar.", [("Jim Callard", "person")])["Jim Callard"].qid is None


def test_romanised_name_of_an_obscure_entry_needs_evidence(db):
    text = "Wang Yan, an official of the city commission, said prices were unreasonable."
    link = _link(db, text, [("Wang Yan", "person")])["Wang Yan"]
    assert link.qid is None and link.candidates and link.candidates[0].qid == "Q930000046"
    # the text gives the post the reference knows: evidence enough
    text = "Wang Yan, a member of the National People's Congress, said prices were unreasonable."
    post = Tenure(person="Wang Yan", role="member of the National People's Congress", status="current")
    assert _link(db, text, [("Wang Yan", "person")], tenures=(post,))["Wang Yan"].qid == "Q930000046"


def test_an_obscure_entry_of_a_country_the_document_does_not_name_needs_evidence(db):
    """An entry known by nothing but its name and a country (no article, no post, no birth) is no
    match for a name in a story of another country: the famous or local bearer is not in the
    reference."""
    text = "In the United Kingdom, Dina Varro, chief executive of the Harbour Health Board, said beds were short."
    assert _link(db, text, [("Dina Varro", "person")], places=("United Kingdom",))["Dina Varro"].qid is None
    text = "In Austria, Dina Varro said beds were short."
    assert _link(db, text, [("Dina Varro", "person")], places=("Austria",))["Dina Varro"].qid == "Q930000049"


def test_a_player_in_a_german_match_report_is_no_politician_of_the_name(db):
    """German results ("2:0") make a match report too; there a name known to the reference by
    nothing but itself is a player's namesake, while the same name in other news still links."""
    report = ("Wien – Der SV Arden gewann am Samstag 2:0 gegen Velmora. Nach dem Tor in der 20. Minute "
              "verwandelte der Stürmer einen Elfmeter; Dina Varro fehlt wegen einer Verletzung. Beim 1:1 "
              "im Hinspiel hatte der Schiedsrichter das Spiel in der Liga abgebrochen.")
    assert match_report(report)
    assert _link(db, report, [("Dina Varro", "person")], places=("Austria",), lang="de",
                 text_lang="de")["Dina Varro"].qid is None
    assert not match_report("Die Sitzung beginnt um 16:30 Uhr, der Bericht um 18:00 Uhr.")
    text = "Wien – Dina Varro sagte am Samstag, in Österreich fehlten Betten."
    assert _link(db, text, [("Dina Varro", "person")], places=("Austria",), lang="de",
                 text_lang="de")["Dina Varro"].qid == "Q930000049"


def test_peer_names():
    assert peer_names("Ada Marwick, Baroness Marwick of Fell") == ["Ada Marwick", "Baroness Marwick"]
    assert peer_names("Jon Vale, Baron Vale") == ["Jon Vale", "Lord Vale"]
    assert peer_names("Ada Marwick") == []


def test_peer_found_by_personal_name_and_style(db):
    text = "Ada Marwick spoke; Baroness Marwick later voted against the bill."
    link = _link(db, text, [("Ada Marwick", "person", ("Baroness Marwick",))])["Ada Marwick"]
    assert link.qid == "Q930000025"


def test_peer_designation():
    assert peer_designation("Hugh Toll, Baron Toll of Westerby") == "Westerby"
    assert peer_designation("Jon Vale, Baron Vale") is None
    assert is_peer_label("Jon Vale, Baron Vale") and not is_peer_label("Simon Toll")
    assert peer_names("Tom Fenn, 3rd Baron Ashcombe") == ["Tom Fenn", "Lord Ashcombe"]
    assert not is_peer_label("Tom Fenn, 9th Earl of Wexcombe")  # news's "Lord Wexcombe", not "Lord Fenn"


def test_peer_styling_reads_the_style_and_place_ner_leaves_out():
    text = "Lord Toll of Westerby and Baroness Penwarden met Mr Toll."
    toll = _entity(text, "Toll", "person")
    assert peer_styling(toll, text) == (("Lord Toll",), frozenset({"Westerby"}))
    mr = "Mr Toll and Lady Toll met."
    assert peer_styling(_entity(mr, "Toll", "person"), mr) == ((), frozenset())


def test_a_peer_is_found_by_style_and_place_never_as_the_mp_of_the_surname(db):
    text = "The bill was opposed by Lord Toll of Westerby, who spoke for an hour."
    assert _link(db, text, [("Toll", "person")])["Toll"].qid == "Q930000050"
    text = "The bill was opposed by Lord Toll of Carrick, who spoke for an hour."
    assert _link(db, text, [("Toll", "person")])["Toll"].qid == "Q930000051"


def test_two_peers_of_the_style_and_no_place_leave_it_open_but_never_the_mp(db):
    text = "The bill was opposed by Lord Toll, who spoke for an hour."
    assert _link(db, text, [("Toll", "person")])["Toll"].qid in (None, "Q930000050", "Q930000051")


def test_the_one_peer_of_the_style_beats_a_better_known_mp(db):
    text = "The report was written by Baroness Penwarden, a former civil servant."
    assert _link(db, text, [("Penwarden", "person")])["Penwarden"].qid == "Q930000053"


def test_stated_age_the_candidate_reaches_only_in_the_future(db):
    text = "Mr Tarrant, 62, has recommended a new exam. Owen Tarrant is a former inspector."
    assert _link(db, text, [("Owen Tarrant", "person", ("Mr Tarrant",))])["Owen Tarrant"].qid is None
    text = "Mr Tarrant, 34, has recommended a new exam. Owen Tarrant is a former inspector."
    assert _link(db, text, [("Owen Tarrant", "person", ("Mr Tarrant",))])["Owen Tarrant"].qid == "Q930000027"


def test_stated_age_must_fit_the_publication_year(db):
    text = "The 34-year-old Owen Tarrant has recommended a new exam."
    assert _link(db, text, [("Owen Tarrant", "person")], published="2024-03-01")["Owen Tarrant"].qid == "Q930000027"
    assert _link(db, text, [("Owen Tarrant", "person")], published="2010-03-01")["Owen Tarrant"].qid is None


def test_posts_after_publication_rule_out_only_with_a_publication_date(db):
    text = "Martin Holloway spoke in 2004 and again in 2005."
    ent = [("Martin Holloway", "person")]
    # the years a text names are no upper bound of its date: both namesakes stay candidates
    assert not any(c.method.startswith("ruled out") for c in _link(db, text, ent)["Martin Holloway"].candidates)
    link = _link(db, text, ent, published="2005-06-01")["Martin Holloway"]
    assert any(c.method == "ruled out: date" and c.qid == "Q930000021" for c in link.candidates)


def test_role_at_a_public_body_of_the_politicians_country_is_no_conflict(db):
    text = "Rudi Kessler, president of the Arbeitnehmerkammer, criticised the plan."
    post = Tenure(person="Rudi Kessler", role="president", org="Arbeitnehmerkammer", status="current")
    links = _link(db, text, [("Rudi Kessler", "person"), ("Arbeitnehmerkammer", "organization")], tenures=(post,))
    assert links["Rudi Kessler"].qid == "Q930000026"


def test_role_at_a_company_of_the_politicians_country_is_still_a_conflict(db):
    text = "Rudi Kessler, president of Kessler Bau, criticised the plan."
    post = Tenure(person="Rudi Kessler", role="president", org="Kessler Bau", status="current")
    links = _link(db, text, [("Rudi Kessler", "person"), ("Kessler Bau", "organization")], tenures=(post,))
    assert links["Kessler Bau"].qid == "Q930000031"
    assert links["Rudi Kessler"].qid is None
