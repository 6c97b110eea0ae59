"""The document's main organisation of the kind a German company, bank, club or media post implies
(kb.extract.de.doc_orgs).

Sentences, names and organisations are invented for these tests. Mentions stand in for NER; each
rule has sentences it must not fire on.
"""

from __future__ import annotations

import pytest

from kb.extract.claims import Claim
from kb.extract.de.doc_orgs import main_of_kind, document_orgs, noun_kind, resolve_orgs_de, title_kind
from kb.model import Mention, Sentence, Span
from helpers.de_rules import facts, nlp, run_doc  # noqa: F401 (nlp is a fixture)


# --- what kind of organisation a title implies ----------------------------------------------------


@pytest.mark.parametrize(
    "role, text, kind",
    [
        ("chief executive officer", "Exbankchefs", "bank"),  # a kind noun opens the title
        ("chief executive officer", "Bankchefin", "bank"),
        ("director", "Bankdirektor", "bank"),
        ("president", "Vereinspräsident", "club"),
        ("spokesperson", "Firmensprecherin", "company"),
        ("head", "Verlagschef", "media"),
        ("head", "Airline-Chef", "company"),  # a kind noun before the hyphen
        ("chief executive officer", "Vorstandschef des Unternehmens", "company"),  # a kind noun after it
        ("chief executive officer", "Konzernchef", "company"),
        ("managing director", "stellvertretender Geschäftsführer", "company"),  # a company post of the lexicon
        ("editor-in-chief", "Chefredakteurin", "media"),
    ],
)
def test_title_kinds(role, text, kind):
    assert title_kind(role, text) == kind


@pytest.mark.parametrize(
    "role, text",
    [
        ("parliamentary group leader", "Klubchef"),  # Austria's "Klub" is a party's group in parliament
        ("parliamentary group leader", "Klubobmann"),
        ("president", "Präsident"),
        ("coach", "Trainer"),  # a team's post: match reports name two clubs
        ("state managing director", "Landesgeschäftsführer"),  # a party's manager in Austrian news
        ("finance minister", "Finanzminister"),
    ],
)
def test_titles_without_a_kind(role, text):
    assert title_kind(role, text) is None


def test_only_a_kind_word_counts_for_a_post_that_needs_an_organisation():
    assert title_kind("spokesperson", "Sprecher", by_category=False) is None
    assert title_kind("managing director", "Geschäftsführer", by_category=False) is None
    assert title_kind("spokesperson", "Unternehmenssprecher", by_category=False) == "company"


@pytest.mark.parametrize(
    "word, kind",
    [("Großbank", "bank"), ("Recyclingunternehmens", "company"), ("Nachrichtenmagazin", "media"), ("Fußballklub", "club"),
     ("Datenbank", None), ("Anklagebank", None), ("Absender", None), ("Parlamentsklub", None), ("Haus", None)],
)
def test_noun_kinds(word, kind):
    assert noun_kind(word) == kind


# --- the document's organisations of a kind --------------------------------------------------------


def document(texts: list[str], ents: dict[str, str]) -> tuple[list[Sentence], list[Mention]]:
    """German sentences and a mention for every occurrence of each ``ents`` text (PER, ORG or LOC)."""
    sentences, mentions, offset = [], [], 0
    for index, text in enumerate(texts):
        sentences.append(Sentence(index, offset, offset + len(text), text, "de"))
        for surface, label in ents.items():
            pos = text.find(surface)
            while pos >= 0:
                kind = "person" if label == "PER" else "organization" if label == "ORG" else "location"
                mentions.append(Mention(surface, kind, offset + pos, offset + pos + len(surface), index, label=label))
                pos = text.find(surface, pos + 1)
        offset += len(text) + 1
    return sentences, mentions


def claim(sentences: list[Sentence], index: int, person: str, role: str, role_text: str, org=None) -> Claim:
    sent = sentences[index]
    at = sent.text.index(role_text) + sent.start
    holder = sent.text.index(person) + sent.start
    return Claim(Mention(person, "person", holder, holder + len(person), index, label="PER"), person, role, org, index,
                 "de_title_before_name", Span(at, at + len(role_text), role_text), None, "", role_text=role_text)


STORY = [
    "Der Internetdienstleister Nordlicht Online legt Zahlen vor.",
    "Montabrück – Nordlicht Online hat im Vorjahr mehr Kunden gewonnen.",
    "Vorstandschef Karl Huber will weiter wachsen.",
]


def test_a_company_post_takes_the_company_the_text_introduces():
    sentences, mentions = document(STORY, {"Nordlicht Online": "LOC", "Karl Huber": "PER"})
    c = claim(sentences, 2, "Karl Huber", "chief executive officer", "Vorstandschef")
    resolve_orgs_de([c], mentions, sentences)
    assert (c.org, c.org_label) == ("Nordlicht Online", "rule:doc_kind_org")
    assert c.org_span is not None and c.org_span.text == "Nordlicht Online"


def test_a_name_tagged_as_a_place_counts_only_when_a_kind_noun_introduces_it():
    texts = ["Nordlicht Online legt Zahlen vor.", "Nordlicht Online hat mehr Kunden.", "Vorstandschef Karl Huber ist froh."]
    sentences, mentions = document(texts, {"Nordlicht Online": "LOC", "Karl Huber": "PER"})
    c = claim(sentences, 2, "Karl Huber", "chief executive officer", "Vorstandschef")
    resolve_orgs_de([c], mentions, sentences)
    assert c.org is None


def test_a_bank_post_takes_the_bank_not_the_court():
    texts = ["Der Oberste Gerichtshof hebt Urteile auf.",
             "Wien – Die Urteile gegen die Exbankchefs Karl Huber und Eva Maier betrafen Geschäfte der Nordbank.",
             "Der Oberste Gerichtshof sah die Untreue nicht bewiesen, die Nordbank schweigt."]
    sentences, mentions = document(texts, {"Oberste Gerichtshof": "ORG", "Nordbank": "ORG", "Karl Huber": "PER"})
    c = claim(sentences, 1, "Karl Huber", "chief executive officer", "Exbankchefs")
    resolve_orgs_de([c], mentions, sentences)
    assert c.org == "Nordbank"


def test_a_bank_post_in_a_story_about_a_company_that_is_no_bank_stays_open():
    sentences, mentions = document(STORY, {"Nordlicht Online": "LOC"})
    c = claim(sentences, 2, "Vorstandschef", "chief executive officer", "Vorstandschef")
    c.role_text, c.role = "Bankchef", "chief executive officer"
    resolve_orgs_de([c], mentions, sentences)
    assert c.org is None


def test_two_companies_named_as_often_leave_the_post_open():
    texts = ["Die Firma Talwerk und die Firma Brandt fusionieren.", "Talwerk und Brandt sprechen seit Monaten.",
             "Geschäftsführer Karl Huber ist zufrieden."]
    sentences, mentions = document(texts, {"Talwerk": "ORG", "Brandt": "ORG", "Karl Huber": "PER"})
    c = claim(sentences, 2, "Karl Huber", "managing director", "Geschäftsführer")
    resolve_orgs_de([c], mentions, sentences)
    assert c.org is None
    assert {o.name for o in document_orgs(mentions, sentences)} == {"Talwerk", "Brandt"}


def test_a_paper_quoted_in_a_business_story_is_no_rival_of_the_company():
    texts = ["Die Nordbank will sparen.", "Die Nordbank schließt Filialen, berichtet die Tageszeitung Morgenkurier.",
             "Die Nordbank bleibt dabei, sagte Vorstandschef Karl Huber."]
    sentences, mentions = document(texts, {"Nordbank": "ORG", "Morgenkurier": "ORG", "Karl Huber": "PER"})
    orgs = document_orgs(mentions, sentences)
    assert main_of_kind(orgs, "company").name == "Nordbank"
    assert main_of_kind(orgs, "media").name == "Morgenkurier"


@pytest.mark.parametrize(
    "last",
    [
        "Sein Geschäftsführer Karl Huber sagte nichts.",  # a possessive: someone else's post
        "Bei der Firma Brandt sagte Geschäftsführer Karl Huber nichts.",  # another organisation before the title
        "Geschäftsführer der Brandt Handels KG, Karl Huber, sagte nichts.",  # a name after the title
    ],
)
def test_the_sentence_may_point_elsewhere(last):
    texts = ["Die Firma Talwerk baut ab.", "Talwerk schließt ein Werk.", last]
    sentences, mentions = document(texts, {"Talwerk": "ORG", "Brandt": "ORG", "Karl Huber": "PER"})
    c = claim(sentences, 2, "Karl Huber", "managing director", "Geschäftsführer")
    resolve_orgs_de([c], mentions, sentences)
    assert c.org is None


def test_a_kind_noun_read_as_the_organisation_gives_way():
    texts = ["Die Fluggesellschaft Skyhansa streicht Flüge.", "Skyhansa spart.", "Airline-Chef Karl Huber bedauert das."]
    sentences, mentions = document(texts, {"Skyhansa": "ORG", "Karl Huber": "PER"})
    c = claim(sentences, 2, "Karl Huber", "head", "Airline-Chef", org="Airline")
    resolve_orgs_de([c], mentions, sentences)
    assert c.org == "Skyhansa"
    named = claim(sentences, 2, "Karl Huber", "head", "Airline-Chef", org="Brandt")
    resolve_orgs_de([named], mentions, sentences)
    assert named.org == "Brandt"  # an organisation's name stays


def test_an_english_sentence_is_left_alone():
    sentences, mentions = document(STORY, {"Nordlicht Online": "LOC", "Karl Huber": "PER"})
    c = claim(sentences, 2, "Karl Huber", "chief executive officer", "Vorstandschef")
    sentences[2].lang = "en"
    resolve_orgs_de([c], mentions, sentences)
    assert c.org is None


# --- the rules keep a post that needs an organisation when its title says the kind -------------------


def test_a_kind_word_keeps_a_generic_post_for_the_document(nlp):
    texts = ["Die Firma Talwerk baut Stellen ab.", "Firmensprecher Karl Huber bestätigte das.", "Sprecher Eva Maier schwieg."]
    claims, mentions = run_doc(nlp, texts, {"Talwerk": "ORG", "Karl Huber": "PER", "Eva Maier": "PER"})
    assert facts(claims) == [("Karl Huber", "spokesperson", None, "current")]  # "Sprecher" alone says nothing
    assert claims[0].needs_doc_org
    sentences = [Sentence(i, 0, 0, t, "de") for i, t in enumerate(texts)]
    offset = 0
    for s, t in zip(sentences, texts):
        s.start, s.end, offset = offset, offset + len(t), offset + len(t) + 1
    resolve_orgs_de(claims, mentions, sentences)
    assert claims[0].org == "Talwerk"


def test_a_name_known_only_from_the_lexicon_must_be_named_three_times():
    texts = ["Die Gehälter kommen später.", "Viele sind verärgert.", "Wien – Die Hypo prüft den Fall.",
             "Konzernchef Karl Huber kritisiert die Hypo."]
    sentences, mentions = document(texts, {"Hypo": "ORG", "Karl Huber": "PER"})
    assert main_of_kind(document_orgs(mentions, sentences), "bank") is None  # named twice, outside the lead
    sentences, mentions = document(["Die Hypo spart."] + texts[1:], {"Hypo": "ORG", "Karl Huber": "PER"})
    assert main_of_kind(document_orgs(mentions, sentences), "bank").name == "Hypo"  # the lead counts twice
    without_ner, _ = document(["Die Hypo spart."] + texts[1:], {})
    assert main_of_kind(document_orgs([], without_ner), "bank").name == "Hypo"  # a listed name needs no NER
