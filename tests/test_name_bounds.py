"""Names a user can believe: where an English person's name starts and ends (issue 18).

Real spaCy (the small English model) on sentences written for these tests: the names kb keeps
must be the names only, without a party or faction, an occupation or rank, letters after the
name, what follows a spaced dash, or a possessed thing; and a constituency, a plural title or a
party is no person. The store shows a linked person under a name the reference gives it.
"""

from __future__ import annotations

import pytest

from helpers.facts import run, tenures
from kb import store
from kb.model import Document, Entity, Extraction, Link, LinkedExtraction, Mention, Sentence


def persons(nlp, text: str) -> set[str]:
    return {e.name for e in run(nlp, text)[0] if e.type == "person"}


def orgs(nlp, text: str) -> set[str]:
    return {e.name for e in run(nlp, text)[0] if e.type == "organization"}


@pytest.mark.parametrize("text, name", [
    ("Conservative Edwin Harcastle and his aides are to be offered a slot on the channel.", "Edwin Harcastle"),
    ("The row deepened when Blairite Norman Pettifer was brought in to run the campaign.", "Norman Pettifer"),
    ("Farmer Gideon Thrale, who keeps sheep near the river, told reporters the ban was unfair.", "Gideon Thrale"),
    ("Guardsman Rupert Oddie was given a medal for bravery on Tuesday.", "Rupert Oddie"),
    ("Backbencher Wilfred Sparrowe said the party was tired of the feud.", "Wilfred Sparrowe"),
    ("MSP Fiona Drummock wants shops to close on public holidays.", "Fiona Drummock"),
    ("Welshman Bryn Tallis won the title three times in a row.", "Bryn Tallis"),
    ("Yet Corin Maddox, an analyst at a small bank, said the deal was sound.", "Corin Maddox"),
])
def test_a_leading_party_occupation_or_rank_is_no_part_of_the_name(en_nlp, text, name):
    found = persons(en_nlp, text)
    assert name in found
    assert not any(n != name and n.endswith(name) for n in found)


@pytest.mark.parametrize("text, name", [
    ("Leonie Vantreight QC, acting for the families, said the inquiry had failed them.", "Leonie Vantreight"),
    ("Alasdair Penhallow OBE opened the new library in the town.", "Alasdair Penhallow"),  # NER: ORG
    ("Sarah Collins OBE opened the new library in the town.", "Sarah Collins"),  # NER: "OBE" as ORG
])
def test_post_nominal_letters_are_no_part_of_the_name(en_nlp, text, name):
    found = persons(en_nlp, text)
    assert name in found and not any(n.startswith(name + " ") for n in found)
    assert not orgs(en_nlp, text)


def test_a_post_nominal_seat_still_gives_the_post_and_the_apposition_reads_across_it(en_nlp):
    found = tenures(en_nlp, "Hester Quayle MP, the party's chief secretary, said the sums did not add up.")
    holders = {(p, r) for p, r, _ in found}
    assert ("Hester Quayle", "member of parliament") in holders
    assert ("Hester Quayle", "chief secretary") in holders


@pytest.mark.parametrize("text, name", [
    ("He will appear alongside Ambrose Kettley - the man chosen to run the campaign - on Monday.", "Ambrose Kettley"),
    ("The transfer of Thomas Keller - Bayern Munich defender - was agreed.", "Thomas Keller"),
])
def test_a_name_ends_at_a_spaced_dash(en_nlp, text, name):
    found = persons(en_nlp, text)
    assert name in found and not any("-" in n for n in found)


def test_a_plural_role_before_a_dash_and_a_word_after_one_are_no_part_of_a_name(en_nlp):
    found = persons(en_nlp, "She was elected with two other ethnic minority MPs - David Walsh and Lorna Peel - in 1992.")
    assert {"David Walsh", "Lorna Peel"} <= found and not any("MPs" in n or "-" in n for n in found)


def test_a_possessive_ends_a_name_and_never_opens_one(en_nlp):
    assert "Pemberton" in persons(en_nlp, "Critics say they cannot back Mr Pemberton's Global Savings Bond this year.")
    found = persons(en_nlp, "The Lib Dem's Senior Citizen's Allowance would close the gap, Mr Ashdown-Rees argues.")
    assert not any(n.startswith("'s") or "'s " in n for n in found)


def test_constituencies_plural_titles_and_parties_are_no_persons(en_nlp):
    text = "The seats where the party hopes to win are Leeds North West, Surrey South West and Bath."
    found = persons(en_nlp, text)
    assert not any(n.endswith(("North West", "South West")) for n in found)
    found = persons(en_nlp, "Ms Gurney, a junior minister and Hexham West MP, arrived late.")
    assert "Hexham West MP" not in found and "Hexham West" not in found
    text = "The Tories say Labour is acting too late on the plans."
    assert "Labour" not in persons(en_nlp, text)
    text = "The minister said much of the Lib Dem plans copied his own."
    assert not any("Lib Dem" in n for n in persons(en_nlp, text))


def test_a_numbered_place_is_no_person(en_nlp):
    """NER sometimes tags "Perm 35 - a" (a camp) as a person: no name has digits."""
    from kb.extract.name_bounds import person_bounds

    doc = en_nlp("He spied for years before he was sent to Perm 35 - a labour camp in the north.")
    start = [t.text for t in doc].index("Perm")
    assert person_bounds(doc, start, start + 4) is None
    doc = en_nlp("He met Jane Harrow - the new chair - on Monday.")
    start = [t.text for t in doc].index("Jane")
    assert person_bounds(doc, start, start + 4) == (start, start + 2)


def test_an_organisation_name_ends_at_a_dash_before_lower_case_words(en_nlp):
    found = orgs(en_nlp, "The Halvorsen Development Bank - one of the largest lenders - cut its rates.")
    assert not any(" - " in n for n in found)


def test_a_hyphen_spaced_inside_a_tokenised_name_stays(en_nlp):
    """Tokenised corpora write hyphens spaced: "Jean - Pierre" is one first name."""
    found = persons(en_nlp, "Jean - Pierre Dumont was elected mayor of the town in 1998.")
    assert "Jean - Pierre Dumont" in found


def _linked_doc(doc_id: str, name: str, qid: str) -> LinkedExtraction:
    text = f"{name} spoke."
    ent = Entity(name, "person", [Mention(name, "person", 0, len(name), 0, name, "PERSON")])
    doc = Document(id=doc_id, text=text, published="2005-02-01", content_hash=store.slug(doc_id + text))
    extraction = Extraction(doc, [Sentence(0, 0, len(text), text)], [ent], [], "en", "test")
    return LinkedExtraction(extraction, {("person", name): Link(qid=qid, score=0.9, method="exact")})


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_the_display_name_of_a_linked_person_is_a_reference_name(tmp_path, order):
    """A longer form one document wrote ("Tory Ottilie Varga") loses to the name the reference
    gives the QID, whichever document came first; without a reference name the longest wins."""
    db = store.open_db(tmp_path / f"kb{order[0]}.db")
    db.execute("INSERT INTO ref_names (qid, name, norm, lang, is_label) VALUES "
               "('Q4401', 'Ottilie Varga', 'ottilie varga', 'en', 1)")
    db.conn.commit()
    docs = [_linked_doc("a", "Tory Ottilie Varga", "Q4401"), _linked_doc("b", "Ottilie Varga", "Q4401")]
    for i in order:
        store.save_extraction(db, docs[i])
    assert db.execute("SELECT name FROM persons WHERE id = 'Q4401'").fetchone()[0] == "Ottilie Varga"
    others = [_linked_doc("c", "Ansel Brook", "Q4402"), _linked_doc("d", "Ansel J. Brook", "Q4402")]
    for i in order:
        store.save_extraction(db, others[i])
    assert db.execute("SELECT name FROM persons WHERE id = 'Q4402'").fetchone()[0] == "Ansel J. Brook"
