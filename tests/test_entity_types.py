"""Names you can believe: type cues, title and possessive trimming, name completion, org keys,
one record per organisation and person in the store, descriptions, the fragments script.

Sentences are written for these tests; the store runs on real SQLite files, the script in a
real subprocess.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span as SpacySpan

from kb import store
from kb.extract.entity_types import (
    complete_first_names, complete_org_names, correct_types,
)
from kb.extract.mentions import _in_programme_title, _mention, _trim_org, _trim_person
from kb.model import Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence, Span, Tenure
from kb.names import entity_id, org_key, strip_possessive

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _parsed(nlp, text: str, spans: list[tuple[str, str, str]]):
    """One sentence with mentions (surface text, type, NER label) found by their first offset."""
    doc = nlp(text)
    sent = Sentence(0, 0, len(text), text, "en")
    mentions = []
    for surface, type_, label in spans:
        start = text.index(surface)
        mentions.append(Mention(surface, type_, start, start + len(surface), 0, label=label))
    return [(sent, doc, mentions)]


def _types(parsed) -> dict[str, str]:
    """Name -> type after the cues; "weak" for a one-word person name kept only as a holder."""
    _, weak = correct_types(parsed)
    return {m.text: "weak" if m.text in weak else m.type for _, _, ms in parsed for m in ms}


# --- type cues ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Shares in Norvik Holdings fell by a tenth on Tuesday.", "Norvik Holdings"),
    ("The chairman of the country's biggest bank, Valdoro Hispano, went on trial.", "Valdoro Hispano"),
    ("Kestrel Marine directors met in the morning.", "Kestrel Marine"),
    ("Analysts said Brindle's shares were cheap.", "Brindle"),
    ("He sold his stake in Ostrava Tiles last year.", "Ostrava Tiles"),
    ("Money went to Blue Heron, an airline owned by a director.", "Blue Heron"),
])
def test_organisation_cues_retype_a_person(blank, text, name):
    assert _types(_parsed(blank, text, [(name, "person", "PERSON")])) == {name: "organization"}


@pytest.mark.parametrize("text, name", [
    ("Mr Brannock said the plan would work.", "Brannock"),
    ("Tomas Elvery, chairman of the board, said the plan would work.", "Tomas Elvery"),
    ("Her father Aldous used to preach at the chapel.", "Aldous"),
    ("Ms Quarrie, 57, retires in March.", "Quarrie"),
])
def test_person_cues_keep_a_person(blank, text, name):
    assert _types(_parsed(blank, text, [(name, "person", "PERSON")])) == {name: "person"}


def test_a_lone_word_without_support_is_weak(blank):
    text = "Standoff at the port worries traders."  # a capitalised common word, no support
    assert _types(_parsed(blank, text, [("Standoff", "person", "PERSON")])) == {"Standoff": "weak"}
    text = "Ministers hope the Bill passes before the summer."  # a thing: dropped at once
    assert _types(_parsed(blank, text, [("Bill", "person", "PERSON")])) == {}


def test_a_weak_name_stays_only_as_a_holder(en_nlp):
    from kb.extract.facts import extract_facts
    from kb.extract.pipeline import ParsedDocument
    from kb.extract.sentences import split_sentences

    text = "Ministers hope the Bill passes soon. Aldwin, bishop of Tarsk, spoke."
    sents = split_sentences(text)
    pd = ParsedDocument(Document(id="t", text=text), sents, list(en_nlp.pipe(s.text for s in sents)))
    entities, tenures = extract_facts(pd)
    persons = {e.name for e in entities if e.type == "person"}
    assert "Bill" not in persons
    assert {t.person for t in tenures} <= persons


@pytest.mark.parametrize("text, name", [
    ("He gave the 12th Harold Penwick Lecture in the town hall.", "Harold Penwick Lecture"),  # a thing
    ("The rally was held in Dunmorrow on Sunday.", "Dunmorrow"),      # a place
    ("She was named Northern Banker of the Year by a magazine.", "Northern Banker"),  # an award
])
def test_things_and_places_are_no_persons(blank, text, name):
    assert _types(_parsed(blank, text, [(name, "person", "PERSON")])) == {}


def test_one_word_name_kept_when_a_fuller_name_has_it(blank):
    text = "Orla Quennell spoke first. Later Quennell left."
    parsed = _parsed(blank, text, [("Orla Quennell", "person", "PERSON")])
    start = text.rindex("Quennell")
    parsed[0][2].append(Mention("Quennell", "person", start, start + 8, 0, label="PERSON"))
    assert correct_types(parsed)[1] == set()
    assert [m.text for m in parsed[0][2]] == ["Orla Quennell", "Quennell"]


def _twice(nlp, text: str, name: str, first: tuple[str, str], second: tuple[str, str]):
    """A sentence naming ``name`` twice, NER's (type, label) for each occurrence."""
    parsed = _parsed(nlp, text, [(name, *first)])
    start = text.rindex(name)
    parsed[0][2].append(Mention(name, second[0], start, start + len(name), 0, label=second[1]))
    return parsed


def test_a_lone_word_ner_tags_person_and_organisation_is_the_organisation(blank):
    text = "Vantrex said profits rose, and Vantrex will cut jobs."
    parsed = _twice(blank, text, "Vantrex", ("person", "PERSON"), ("organization", "ORG"))
    correct_types(parsed)
    assert [m.type for m in parsed[0][2]] == ["organization", "organization"]


def test_a_split_lone_word_ner_also_tags_a_place_is_left_as_it_was(blank):
    text = "Vantrex said profits rose, and Vantrex will cut jobs in Vantrex."
    parsed = _twice(blank, text, "Vantrex", ("person", "PERSON"), ("organization", "ORG"))
    start = text.rindex("Vantrex")
    parsed[0][2][1] = Mention("Vantrex", "organization", text.index("Vantrex", 1), text.index("Vantrex", 1) + 7, 0,
                              label="ORG")
    parsed[0][2].append(Mention("Vantrex", "place", start, start + 7, 0, label="GPE"))
    correct_types(parsed)
    assert parsed[0][2][0].type == "person"  # no longer read as the organisation


def test_a_split_lone_word_with_a_title_stays_a_person(blank):
    text = "Mr Vantrex said profits rose, and Vantrex will cut jobs."
    parsed = _twice(blank, text, "Vantrex", ("person", "PERSON"), ("organization", "ORG"))
    correct_types(parsed)
    assert parsed[0][2][0].type == "person"


def test_honorific_makes_an_org_mention_a_person_only_without_org_cues(blank):
    assert _types(_parsed(blank, "A letter from Ms Varga was read out.", [("Ms Varga", "organization", "ORG")])) \
        == {"Ms Varga": "person"}
    assert _types(_parsed(blank, "The House of Lords, the government said, would object.",
                          [("House of Lords", "organization", "ORG")])) == {"House of Lords": "organization"}


def test_german_sentences_keep_ner_types(blank):
    parsed = _parsed(blank, "Bill kam spät.", [("Bill", "person", "PER")])
    parsed[0][0].lang = "de"
    assert _types(parsed) == {"Bill": "person"}


# --- trimming ---------------------------------------------------------------------------------

def test_org_span_loses_possessive_article_ex_and_trailing_honorific(blank):
    doc = blank("General Motors' profits rose")
    assert _trim_org(SpacySpan(doc, 0, 3, label="ORG")).text == "General Motors"
    doc = blank("Ex-Downing Street chief")
    assert _trim_org(SpacySpan(doc, 0, 4, label="ORG")).text == "Downing Street"
    doc = blank("a Supreme Court ruling")
    assert _trim_org(SpacySpan(doc, 0, 3, label="ORG")).text == "Supreme Court"
    doc = blank("A-Levels results")
    assert _trim_org(SpacySpan(doc, 0, 3, label="ORG")).text == "A-Levels"
    doc = blank("the Evening Courier Mr Dale said")
    assert _trim_org(SpacySpan(doc, 1, 4, label="ORG")).text == "Evening Courier"


def test_org_span_loses_a_members_title_ner_ran_into_it(en_nlp):
    """NER sometimes runs a body's name on into the title of its member ("[the Harbour Party
    Vice-Chairman]ORG said", "[pro-tax Labour MP]ORG Ann Roe"): the organisation is the name
    before the title, without the lower-case words that describe the member; a title after a
    joiner is part of the name ("Office of the Prime Minister")."""
    def trimmed(text: str, name: str) -> str:
        doc = en_nlp(text)
        at = text.index(name)
        return _trim_org(doc.char_span(at, at + len(name), label="ORG")).text

    assert trimmed("On Monday the Harbour Party Vice-Chairman told reporters the plan was sound.",
                   "Harbour Party Vice-Chairman") == "Harbour Party"
    assert trimmed("The Fenland Trust Chairman said funds were short.", "Fenland Trust Chairman") == "Fenland Trust"
    assert trimmed("Mr Brook will stand against anti-tax Labour MP Ann Roe in the spring.",
                   "anti-tax Labour MP") == "Labour"
    assert trimmed("A spokesman for the Office of the Prime Minister declined to comment.",
                   "Office of the Prime Minister") == "Office of the Prime Minister"
    assert trimmed("Dr Rill joined Médecins sans Frontières in May.", "Médecins sans Frontières") == "Médecins sans Frontières"


def test_person_span_loses_a_lower_case_word_ner_ran_into_it(en_nlp):
    """ "he [rang Tessa]PERSON": an English name opens with a capital; name particles stay
    ("Jeremy de Souza" keeps "de" inside, "de Villiers" keeps it in front)."""
    def trimmed(text: str, span: str) -> str:
        doc = en_nlp(text)
        at = text.index(span)
        start, end = _trim_person(doc.char_span(at, at + len(span), label="PERSON"))
        return doc[start:end].text

    assert trimmed("Mr Hale says he rang Tessa as soon as the letter came.", "rang Tessa") == "Tessa"
    assert trimmed("Her stepson Rupert Vane came too.", "stepson Rupert Vane") == "Rupert Vane"
    assert trimmed("The analyst Piet de Villiers said so.", "Piet de Villiers") == "Piet de Villiers"
    assert trimmed("Analysts such as de Villiers Morne said so.", "de Villiers Morne") == "de Villiers Morne"


def test_a_name_closing_a_programmes_title_is_no_person_mention(blank):
    """"BBC Two's Supper with Lorne" names a programme: its presenter is no person of the story."""
    def inside(text: str, name: str) -> bool:
        doc = blank(text)
        span = doc.char_span(text.index(name), text.index(name) + len(name))
        return _in_programme_title(doc, span.start, span.end)

    assert inside("The minister told BBC Two's Supper with Lorne that taxes would rise.", "Lorne")
    assert inside("She said on the Supper with Ada Lorne programme that taxes would rise.", "Ada Lorne")
    assert not inside("The minister held talks with Ada Lorne in Leeds.", "Ada Lorne")
    assert not inside("The minister had Supper with Ada Lorne in Leeds.", "Ada Lorne")


def test_person_span_loses_a_title(blank):
    doc = blank("Comptroller Edna Pask said")
    start, end = _trim_person(SpacySpan(doc, 0, 3, label="PERSON"))
    assert doc[start:end].text == "Edna Pask"


def test_a_name_never_spans_a_line_break(blank):
    text = "Quarry row grows\n\nHenrietta Lamb said no."
    doc = blank(text)
    sent = Sentence(0, 0, len(text), text)
    m = _mention(sent, doc[2:7], "person", "PERSON")
    assert "\n" not in m.text and m.end - m.start == len(m.text)


# --- name completion ----------------------------------------------------------------------------

def test_first_name_joins_the_one_full_name_it_starts():
    names = {"Rohan Pell": "Rohan Pell", "Rohan": "Rohan", "Ivo Tarr": "Ivo Tarr", "Ivo Lasky": "Ivo Lasky", "Ivo": "Ivo"}
    out = complete_first_names(names)
    assert out["Rohan"] == "Rohan Pell"
    assert out["Ivo"] == "Ivo"  # two full names start with it: it stays on its own


def test_org_forms_join_the_longer_name_they_abbreviate():
    out = complete_org_names(["Tate & Lyle", "Tate", "Walt Disney", "Disney", "Child Support Agency", "CSA",
                              "Norland", "Norland Ferries"], places={"Norland"})
    assert out["Tate"] == "Tate & Lyle"
    assert out["Disney"] == "Walt Disney"
    assert out["CSA"] == "Child Support Agency"
    assert "Norland" not in out  # a place is never an abbreviation of a company


def test_org_form_shared_by_two_longer_names_stays():
    out = complete_org_names(["Crane Bank", "Crane Airways", "Crane"], places=set())
    assert "Crane" not in out


# --- keys ------------------------------------------------------------------------------------

def test_org_key_drops_legal_forms_possessives_and_the():
    assert org_key("Apple Inc.") == org_key("Apple") == org_key("Apple's") == org_key("The Apple Corp") == "apple"
    assert org_key("General Motors'") == "general motors"
    assert org_key("Volkswagen AG") == org_key("Volkswagen")
    assert org_key("Apple Computer") != org_key("Apple")  # another name, merged only by a shared QID
    assert org_key("Co") == "co"
    # a company named after a country is not that country ("Austria AG", "Jordan Ltd")
    assert org_key("Austria AG") == "austria ag" and org_key("Jordan Ltd.") == "jordan ltd"
    assert org_key("Österreich GmbH") != org_key("Österreich")
    assert strip_possessive("Jones'") == "Jones"


def test_unlinked_org_ids_merge_legal_forms():
    assert entity_id("organization", "Brindle plc", None) == entity_id("organization", "Brindle", None)
    assert entity_id("person", "Ann Roe", None) != entity_id("person", "Ann Roe Ltd", None)


# --- store: one record per real entity ----------------------------------------------------------

def _doc(doc_id: str, text: str, entities: list[tuple[str, str]], links: dict, tenures=()) -> LinkedExtraction:
    doc = Document(id=doc_id, text=text, content_hash=store.slug(doc_id + text))
    ents = []
    for name, type_ in entities:
        start = text.index(name)
        ents.append(Entity(name, type_, [Mention(name, type_, start, start + len(name), 0, name, "X")]))
    tens = [Tenure(p, role, org, sentence=0, person_span=Span(0, len(p)), extractor="test", confidence=0.9)
            for p, role, org in tenures]
    ext = Extraction(doc, [Sentence(0, 0, len(text), text)], ents, tens, "en", "test")
    return LinkedExtraction(ext, {(t, n): links.get(n, Link(qid=None)) for n, t in entities})


def test_unlinked_org_joins_the_linked_org_of_the_same_key(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, _doc("a", "Brindle Inc. grew.", [("Brindle Inc.", "organization")],
                                   {"Brindle Inc.": Link(qid="Q901", score=0.9, method="exact")}))
    store.save_extraction(db, _doc("b", "Brindle shrank.", [("Brindle", "organization")], {}))
    store.save_extraction(db, _doc("c", "Brindle's plan failed.", [("Brindle's", "organization")], {}))
    rows = db.execute("SELECT id FROM organizations").fetchall()
    assert rows == [("Q901",)]


def test_unlinked_person_joins_the_linked_person_of_the_same_name_unless_posts_differ(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, _doc("a", "Hale Brun runs Acme.", [("Hale Brun", "person"), ("Acme", "organization")],
                                   {"Hale Brun": Link(qid="Q902", score=0.9, method="exact")},
                                   [("Hale Brun", "chief executive", "Acme")]))
    store.save_extraction(db, _doc("b", "Hale Brun spoke.", [("Hale Brun", "person")], {}))
    store.save_extraction(db, _doc("c", "Hale Brun coaches Wexford.", [("Hale Brun", "person"), ("Wexford", "organization")],
                                   {}, [("Hale Brun", "coach", "Wexford")]))
    ids = sorted(r[0] for r in db.execute("SELECT id FROM persons"))
    assert ids == ["Q902", "person:hale-brun"]  # the coach is a namesake: posts differ


def test_descriptions_come_from_the_facts(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, _doc("a", "Hale Brun runs Acme.", [("Hale Brun", "person"), ("Acme", "organization")],
                                   {}, [("Hale Brun", "chief executive", "Acme")]))
    person = db.execute("SELECT description FROM persons").fetchone()[0]
    org = db.execute("SELECT description FROM organizations").fetchone()[0]
    assert person == "chief executive of Acme"
    assert org == "posts: chief executive"


def test_organisation_descriptions_tell_namesakes_apart_by_kind_country_and_founding(db_path, tmp_path):
    """Two "Brindle"s of the reference: the description says what each is (the index files'
    kind, country and the inception year), and the posts kb found there."""
    import json

    from helpers.dump_items import item, write_reference
    from kb.link.reference import import_reference
    from kb.store.descriptions import readable_kind

    founded = json.loads(item("Q931000701", "Brindle"))
    founded["claims"]["P571"] = [{"mainsnak": {"snaktype": "value", "property": "P571", "datavalue": {
        "value": {"time": "+1998-00-00T00:00:00Z", "timezone": 0, "before": 0, "after": 0, "precision": 9,
                  "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}, "type": "time"}}, "rank": "normal"}]
    files = write_reference(tmp_path, [json.dumps(founded), item("Q931000702", "Brindle")], {})
    files[1].write_text("qid\tkinds\tcatalogues\tcountry_iso2\nQ931000701\tROR company+funder\t\tNO\n"
                        "Q931000702\tNSI brand amenity/fast_food\t\tUS\n", encoding="utf-8")
    db = store.open_db(db_path)
    import_reference(db, files)
    store.save_extraction(db, _doc("a", "Hale Brun runs Brindle.", [("Hale Brun", "person"), ("Brindle", "organization")],
                                   {"Brindle": Link(qid="Q931000701", score=0.9, method="exact")},
                                   [("Hale Brun", "chief executive", "Brindle")]))
    store.save_extraction(db, _doc("b", "Brindle opened a shop.", [("Brindle", "organization")],
                                   {"Brindle": Link(qid="Q931000702", score=0.9, method="exact")}))
    rows = dict(db.execute("SELECT qid, description FROM organizations").fetchall())
    assert rows == {"Q931000701": "company, Norway, founded 1998; posts: chief executive",
                    "Q931000702": "brand (fast food), United States"}
    assert readable_kind("ROR other") is None and readable_kind("NSI operator amenity/school") == "operator (school)"


# --- the fragments script ----------------------------------------------------------------------

def test_fragments_script_lists_rows_of_one_entity(db_path):
    db = store.open_db(db_path)
    db.execute("INSERT INTO organizations (id, name) VALUES ('organization:acme', 'Acme'), ('Q7', 'Acme Ltd'), "
               "('organization:zenith', 'Zenith')")
    db.execute("INSERT INTO persons (id, name) VALUES ('person:ida-roe', 'Ida Roe'), ('Q8', 'Ida Roe'), "
               "('person:roe@d1', 'Roe'), ('person:ida-roe~2', 'Ida Roe')")
    db.conn.commit()
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "fragments.py"), "--db", str(db_path)],
                         capture_output=True, text=True, check=True).stdout
    assert "organizations: Acme Ltd [Q7] | Acme [organization:acme]" in out  # sorted by id
    assert "persons: Ida Roe [Q8] | Ida Roe [person:ida-roe]" in out
    assert out.strip().endswith("fragments: organizations 1 groups (2 rows), persons 1 groups (2 rows)")


def test_linked_org_absorbs_the_unlinked_rows_stored_before_it(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, _doc("a", "Brindle shrank.", [("Brindle", "organization")], {}))
    store.save_extraction(db, _doc("b", "Brindle Ltd grew.", [("Brindle Ltd", "organization")],
                                   {"Brindle Ltd": Link(qid="Q901", score=0.9, method="exact")}))
    assert db.execute("SELECT id, n_mentions, n_documents FROM organizations").fetchall() == [("Q901", 2, 2)]
    assert {r[0] for r in db.execute("SELECT entity_id FROM mentions")} == {"Q901"}
    store.delete_document(db, "a")  # counts stay right when the moved mentions' document goes
    assert db.execute("SELECT id, n_mentions, n_documents FROM organizations").fetchall() == [("Q901", 1, 1)]


def test_party_words_name_their_party():
    from kb.extract.lexicon import party_name

    assert party_name("Tory") == "Conservative Party"
    assert party_name("Labour") == "Labour Party"
    assert party_name("Lib Dems") == "Liberal Democrats"
    assert party_name("Norwegian") is None


def test_claim_org_grows_to_the_organisation_it_ends():
    from kb.extract.claims import Claim
    from kb.extract.entity_types import fuller_claim_orgs

    m = Mention("Royal Bank of Scotland", "organization", 30, 52, 2, label="ORG")
    claim = Claim.__new__(Claim)
    claim.org, claim.sentence = "Scotland", 2
    other = Claim.__new__(Claim)
    other.org, other.sentence = "Scotland", 3  # another sentence: no such organisation there
    fuller_claim_orgs([claim, other], [m])
    assert (claim.org, other.org) == ("Royal Bank of Scotland", "Scotland")


def test_parties_are_organisations_of_the_document(en_nlp):
    from kb.extract.facts import extract_facts
    from kb.extract.pipeline import ParsedDocument
    from kb.extract.sentences import split_sentences

    text = "The Tory plan was attacked on Monday. Tory members said little."
    sents = split_sentences(text)
    pd = ParsedDocument(Document(id="t", text=text), sents, list(en_nlp.pipe(s.text for s in sents)))
    orgs = [e.name for e in extract_facts(pd)[0] if e.type == "organization"]
    assert orgs == ["Tory"]  # one record under the form the text uses


# --- the link stage: types the reference settles ----------------------------------------------

def test_reference_settles_the_type_of_an_exact_name(db_path):
    from kb.link.names import norm
    from kb.link.types import retype_by_reference

    db = store.open_db(db_path)
    for qid, name, kind in (("Q1", "Orvik Aerospace", "item"), ("Q2", "Lena Marsh", "person"),
                            ("Q3", "Dual Name", "item"), ("Q4", "Dual Name", "person")):
        db.execute("INSERT INTO ref_entities (qid, label, kind) VALUES (?, ?, ?)", [qid, name, kind])
        db.execute("INSERT INTO ref_names (qid, name, norm, lang, is_label) VALUES (?, ?, ?, 'en', 1)",
                   [qid, name, norm(name)])
    text = "Orvik Aerospace chief Lena Marsh met Dual Name."
    ents = [Entity("Orvik Aerospace", "person", [Mention("Orvik Aerospace", "person", 0, 15, 0)]),
            Entity("Lena Marsh", "organization", [Mention("Lena Marsh", "organization", 22, 32, 0)]),
            Entity("Dual Name", "person", [Mention("Dual Name", "person", 37, 46, 0)])]
    tens = [Tenure("Orvik Aerospace", "chief", None, sentence=0), Tenure("Dual Name", "chief", "Lena Marsh", sentence=0)]
    ext = Extraction(Document(id="d", text=text), [Sentence(0, 0, len(text), text)], ents, tens)
    retype_by_reference(db.conn, ext)
    assert {(e.name, e.type) for e in ext.entities} == {
        ("Orvik Aerospace", "organization"), ("Lena Marsh", "person"), ("Dual Name", "person")}
    assert [(t.person, t.org) for t in ext.tenures] == [("Dual Name", None)]  # an organisation holds no post


def test_org_after_a_country_joins_the_longer_name():
    out = complete_org_names(["US Federal Reserve", "Federal Reserve", "National Party", "Grand National Party"],
                             places={"US"})
    assert out["Federal Reserve"] == "US Federal Reserve"
    assert "National Party" not in out  # "Grand" is no country: two parties


def test_constituency_is_no_organisation(blank):
    text = "She was elected MP for Tarnwick in 2001."
    assert _types(_parsed(blank, text, [("Tarnwick", "organization", "ORG")])) == {}


def test_linked_person_absorbs_an_unlinked_row_without_posts(db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, _doc("a", "Hale Brun met Ida Vork.", [("Hale Brun", "person"), ("Ida Vork", "person")], {}))
    store.save_extraction(db, _doc("b", "Hale Brun spoke.", [("Hale Brun", "person")],
                                   {"Hale Brun": Link(qid="Q902", score=0.9, method="exact")}))
    assert sorted(db.execute("SELECT id, n_mentions, n_documents FROM persons").fetchall()) == [
        ("Q902", 2, 2), ("person:ida-vork", 1, 1)]
    assert sorted(db.execute("SELECT person_id, other_id, n_documents FROM co_mentions").fetchall()) == [
        ("Q902", "person:ida-vork", 1), ("person:ida-vork", "Q902", 1)]
    store.delete_document(db, "a")
    assert db.execute("SELECT id, n_mentions FROM persons").fetchall() == [("Q902", 1)]
    assert db.execute("SELECT count(*) FROM co_mentions").fetchone() == (0,)


def test_one_word_subject_of_a_persons_verb_is_kept(en_nlp):
    text = "Later Vespasia wrote to the council about the harbour."
    doc = en_nlp(text)
    sent = Sentence(0, 0, len(text), text, "en")
    start = text.index("Vespasia")
    parsed = [(sent, doc, [Mention("Vespasia", "person", start, start + 8, 0, label="PERSON")])]
    assert correct_types(parsed)[1] == set()
    assert [m.text for m in parsed[0][2]] == ["Vespasia"]


def test_org_form_never_takes_a_cut_span():
    out = complete_org_names(["Party for Freedom", "Party for Freedom (PVV"], places=set())
    assert "Party for Freedom" not in out


def test_an_apposition_about_the_org_s_post_keeps_a_person(en_nlp):
    """ "X, the bank's former finance chief," describes X's post at the bank: X is a person."""
    from kb.extract.pipeline import Extractor
    from kb.model import Document

    text = "Oskar Lindqvist, the bank's former finance chief, left in May."
    (ext,) = list(Extractor(lang="en").extract([Document(id="p", text=text, published="2025-03-14")]))
    assert ("Oskar Lindqvist", "person") in [(e.name, e.type) for e in ext.entities]


@pytest.mark.parametrize("text, name", [
    ("Mike Lake, a Velland Shipping director, said prices rose.", "Mike Lake"),
    ("Prices rose, said Ann Street, a Brakton spokeswoman.", "Ann Street"),
    ("Mike Lake, a former Velland Shipping director, said prices rose.", "Mike Lake"),
])
def test_an_apposition_of_an_organisations_post_keeps_a_person(en_nlp, text, name):
    """ "X, a Shell director,": a post after an organisation's name in the apposition makes X a
    person even when the last word of the name is an organisation's head word (Lake, Street)."""
    from kb.extract.pipeline import Extractor
    from kb.model import Document

    (ext,) = list(Extractor(lang="en").extract([Document(id="p", text=text, published="2025-03-14")]))
    assert (name, "person") in [(e.name, e.type) for e in ext.entities], [(e.name, e.type) for e in ext.entities]


def test_a_place_before_a_clause_is_no_apposition_of_a_person(en_nlp):
    """ "For Yukos, a Texas court was …": the role word must close the apposition."""
    from kb.extract.pipeline import Extractor
    from kb.model import Document

    text = "Lenders chased Yukos for months. For Yukos, a Texas court was the last hope."
    (ext,) = list(Extractor(lang="en").extract([Document(id="p", text=text, published="2025-03-14")]))
    assert ("Yukos", "person") not in [(e.name, e.type) for e in ext.entities]
