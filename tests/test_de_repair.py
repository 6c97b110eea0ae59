"""English material inside German sentences: stretches, possessives, the English re-read,
role-title and reference-name typing (kb.extract.langid / kb.extract.de.ner), on sentences
written for kb (made-up people, or public figures in sentences of our own)."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from kb.extract.de import ner as german
from kb.extract.de import features as de_features
from kb.extract.de import names as de_names
from kb.extract.de.names import ReferenceNames, fold_name, reference_names, split_possessives
from kb.extract.de.repair import EntityRepair, english_reread, gazetteer_types, title_types
from kb.extract.langid import english_stretches
from helpers.de_rules import nlp  # noqa: F401 (nlp is a fixture)


REPO = Path(__file__).resolve().parent.parent


def words(nlp, text: str) -> list[str]:
    return [t.text for t in nlp.make_doc(text)]


def stretch_texts(nlp, text: str) -> list[str]:
    w = words(nlp, text)
    return [" ".join(w[a:b]) for a, b in english_stretches(w)]


# --- English stretches -------------------------------------------------------------------


def test_english_clause_glued_to_german_is_found_with_its_names(nlp):
    text = "Most ministers, with the exception of Norway’s Jonas Gahr Støre, haben sich dagegen ausgesprochen."
    assert stretch_texts(nlp, text) == ["with the exception of Norway ’s Jonas Gahr Støre"]


def test_gerund_lead_in_takes_the_following_name(nlp):
    assert stretch_texts(nlp, "speaking to Reuters TV erklärte sich die Ministerin bereit.") == ["speaking to Reuters TV"]


def test_one_possessive_before_a_name_is_english(nlp):
    assert stretch_texts(nlp, "Der Kanzler traf Britain's Prime Minister Keir Starmer in London.") == [
        "Britain's Prime Minister Keir Starmer"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Die Bundesregierung hat am Montag in Berlin beschlossen, dass die Steuern sinken.",
        "Der Minister sprach in Hamburg über die Lage in der Ukraine.",
        "Das Meeting war gering besucht, sagte die Sprecherin.",  # German -ing words are not gerunds
        "Die Firma Meyer & Söhne wächst.",
    ],
)
def test_plain_german_has_no_english_stretch(nlp, text):
    assert stretch_texts(nlp, text) == []


# --- possessive split in the vote ----------------------------------------------------------


def test_possessive_is_cut_when_another_member_starts_after_it():
    w = ["exceptions", "of", "Slovakia", "’s", "Jana", "Vzor", "hat"]
    votes = [{(2, 6, "ORG")}, {(4, 6, "PER")}, {(2, 6, "PER")}]
    assert split_possessives(votes, w) == [{(4, 6, "ORG")}, {(4, 6, "PER")}, {(4, 6, "PER")}]
    assert de_features.majority_vote(split_possessives(votes, w), 2) == [(4, 6, "PER")]


def test_possessive_inside_a_name_stays_when_no_member_cuts_it():
    w = ["Sie", "sah", "Germany", "'s", "Next", "Topmodel", "."]
    votes = [{(2, 6, "OTH")}, {(2, 6, "OTH")}, set()]
    assert split_possessives(votes, w) == votes


# --- English re-read ------------------------------------------------------------------------


def test_english_reread_replaces_german_guesses_inside_the_english_passage(nlp, en_nlp):
    text = "Most ministers, with the exception of Norway’s Jonas Gahr Støre, haben sich in Berlin dagegen ausgesprochen."
    doc = nlp.make_doc(text)
    w = [t.text for t in doc]
    norway, jonas, berlin = w.index("Norway"), w.index("Jonas"), w.index("Berlin")
    guessed = {(norway, jonas + 3, "ORG"), (berlin, berlin + 1, "LOC")}  # what the German NER did
    spans = english_reread(doc, guessed, english=en_nlp)
    labelled = {(" ".join(w[a:b]), lab) for a, b, lab in spans}
    assert ("Jonas Gahr Støre", "PER") in labelled
    assert ("Berlin", "LOC") in labelled  # German part untouched
    assert not any("’s" in t for t, _ in labelled)


def test_english_reread_leaves_german_sentences_alone(nlp, en_nlp):
    doc = nlp.make_doc("Der Vorstand der Deutschen Bahn traf sich in Frankfurt.")
    spans = {(3, 5, "ORG"), (8, 9, "LOC")}
    assert english_reread(doc, spans, english=en_nlp) == spans


# --- role titles and reference names ----------------------------------------------------------

NAMES = ReferenceNames(
    persons=frozenset({fold_name("Jana Vzor"), fold_name("Piet Voorbeeld")}),
    orgs=frozenset({fold_name("Grüne Mitte")}),
    places=frozenset({fold_name("Slovakia"), fold_name("Berlin")}),
)


def test_name_after_role_word_is_a_person(nlp):
    doc = nlp.make_doc("Gestern sprach Präsident Lula Beispiel in Rom.")
    assert title_types(doc, {(3, 5, "LOC")}, NAMES) == {(3, 5, "PER")}


@pytest.mark.parametrize(
    "text,span",
    [
        ("Der Präsident Frankreichs reiste ab.", (2, 3)),  # genitive
        ("Die Bürgermeisterin Berlin besuchte das Fest.", (2, 3)),  # a reference place
        ("Der Vorsitzende NATO-Rat tagte.", (2, 3)),  # all capitals / hyphen acronym
        ("Gestern sprach Lula Beispiel in Rom.", (2, 4)),  # no role word before
    ],
)
def test_title_typing_does_not_fire(nlp, text, span):
    doc = nlp.make_doc(text)
    assert title_types(doc, {(*span, "LOC")}, NAMES) == {(*span, "LOC")}


def test_reference_names_type_spans_and_add_missed_full_names(nlp):
    doc = nlp.make_doc("Gestern trafen Jana Vzor und Piet Voorbeeld die Grüne Mitte in Slovakia.")
    w = [t.text for t in doc]
    # what NER said: a person as ORG, a party as PER, a state as ORG; Piet Voorbeeld missed
    spans = {(2, 4, "ORG"), (8, 10, "PER"), (11, 12, "ORG")}
    out = {(" ".join(w[a:b]), lab) for a, b, lab in gazetteer_types(doc, spans, NAMES)}
    assert out == {("Jana Vzor", "PER"), ("Piet Voorbeeld", "PER"), ("Grüne Mitte", "ORG"), ("Slovakia", "LOC")}


def test_one_word_and_ambiguous_names_are_not_added(nlp):
    names = ReferenceNames(persons=frozenset({"berlin", "anna muster"}), places=frozenset({"anna muster"}))
    doc = nlp.make_doc("In Berlin sprach Anna Muster.")
    assert gazetteer_types(doc, set(), names) == set()


def test_reference_names_file_roundtrip(tmp_path):
    path = tmp_path / "names.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("PER\tjana vzor\nORG\tgrune mitte\nLOC\tslovakia\nXXX\tignored\n")
    names = reference_names(path)
    assert names.kind("Jána  Vzor") == "PER" and names.kind("Grüne Mitte") == "ORG" and names.kind("ignored") is None
    assert reference_names(tmp_path / "absent.tsv.gz") == ReferenceNames()


def test_build_reference_names_from_reference_files(tmp_path):
    spec = importlib.util.spec_from_file_location("train_de_ner", REPO / "scripts" / "train_de_ner.py")
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    index = tmp_path / "index.tsv.gz"
    with gzip.open(index, "wt", encoding="utf-8") as fh:
        fh.write("qid\tkinds\tlabel\n")
        fh.write("Q1\tperson\tJana Vzor\nQ2\tpolitical party\tGrüne Mitte\nQ3\tstate;state/territory\tSlovakia\n")
        fh.write("Q4\torganisation/jurisdiction\tNorth Atlantic Treaty Organization\nQ5\tperson\tMononym\nQ6\tcabinet\tX\n")
    subset = tmp_path / "subset.jsonl.gz"
    items = [
        {"id": "Q1", "labels": {"en": {"value": "Jana Vzor"}}, "aliases": {"de": [{"value": "Jana Vzorová"}]}},
        {"id": "Q2", "labels": {"de": {"value": "Grüne Mitte"}}, "aliases": {"de": [{"value": "GM"}]}},
        {"id": "Q3", "labels": {"en": {"value": "Slovakia"}}},
        {"id": "Q4", "labels": {"en": {"value": "North Atlantic Treaty Organization"}}, "aliases": {"en": [{"value": "NATO"}]}},
        {"id": "Q5", "labels": {"en": {"value": "Mononym"}}},
        {"id": "Q6", "labels": {"en": {"value": "Cabinet X"}}},
    ]
    with gzip.open(subset, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(i) + "\n" for i in items)
    out = tmp_path / "names.tsv.gz"
    counts = train.build_reference_names(subset, index, out)
    assert counts == {"PER": 2, "ORG": 4, "LOC": 1}
    names = reference_names(out)
    assert names.kind("Jana Vzorová") == "PER" and names.kind("NATO") == "ORG" and names.kind("Slovakia") == "LOC"
    assert names.kind("Mononym") is None and names.kind("Cabinet X") is None


# --- the whole German pipeline on mixed sentences ------------------------------------------


@pytest.fixture
def trained_german(en_nlp):
    if not (german.MODEL_DIR / "config.cfg").exists():
        pytest.skip("trained German NER artefact absent (scripts/train_de_ner.py builds it)")
    german.load_german.cache_clear()
    nlp = german.load_german(load_english=lambda: en_nlp)
    assert nlp.pipe_names[-1] == "kb_de_repair"
    return nlp


def test_mixed_sentence_through_the_german_pipeline(trained_german):
    doc = trained_german(
        "Most EU ministers, with the exception of Hungary’s Péter Szijjártó and Norway’s Espen Barth Eide, "
        "haben sich am Montag in Brüssel für neue Sanktionen ausgesprochen."
    )
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Péter Szijjártó", "PER") in ents and ("Espen Barth Eide", "PER") in ents
    assert not any("’s" in t for t, _ in ents)


def test_repair_keeps_plain_german_sentence(trained_german):
    text = "Bundeskanzler Friedrich Merz traf in Paris den französischen Präsidenten Emmanuel Macron."
    doc = trained_german(text)
    persons = {e.text for e in doc.ents if e.label_ == "PER"}
    assert {"Friedrich Merz", "Emmanuel Macron"} <= persons


def test_repair_component_without_reference_names_or_english(nlp, tmp_path):
    repair = EntityRepair(tmp_path / "absent.tsv.gz", english=False)
    doc = nlp.make_doc("Gestern sprach Präsident Lula Beispiel in Rom.")
    from spacy.tokens import Span

    doc.ents = [Span(doc, 3, 5, label="ORG")]
    assert [(e.text, e.label_) for e in repair(doc).ents] == [("Lula Beispiel", "PER")]


# --- reference names as CRF features ------------------------------------------------------


def test_name_features_mark_first_last_and_exact_names():
    names = ReferenceNames(
        persons=frozenset({"jana vzor", "jana novak", "petr vzor", "ola nordmann"}),
        orgs=frozenset({"grune mitte"}),
        places=frozenset({"slovakia"}),
    )
    feats = de_features.NameFeatures(names)
    w = ["Gestern", "sprach", "Jana", "Vzor", "für", "die", "Grüne", "Mitte", "in", "Slovakia", "mit", "Ola", "Nordmann"]
    f = feats(w)
    assert f[2]["gF"] and f[2]["gM"] == "B-PER" and f[3]["gL"] and f[3]["gM"] == "I-PER"
    assert f[6]["gM"] == "B-ORG" and f[7]["gM"] == "I-ORG" and f[9]["gM"] == "B-LOC"
    assert "gF" not in f[11] and f[11]["gM"] == "B-PER"  # "Ola" is the first word of one name only
    assert f[1]["1:gF"] and f[4]["-1:gM"] == "I-PER"
    assert f[0] == {} and "gM" not in f[8]
    # the features reach the CRF's feature dicts
    merged = de_features.crf_features(w, lambda _w: None, feats)
    assert merged[2]["gM"] == "B-PER" and "gM" not in de_features.crf_features(w, lambda _w: None)[2]


def test_vote_remembers_whether_its_crf_uses_name_features(tmp_path):
    import spacy

    german.register_components()
    nlp = spacy.blank("de")
    vote = nlp.add_pipe("kb_de_vote")
    vote.crf_bytes, vote.name_features = b"", True
    vote.to_disk(tmp_path / "kb_de_vote")
    again = de_features.EnsembleVote(nlp, ["kb_ner"], 2).from_disk(tmp_path / "kb_de_vote")
    assert again.name_features and again.names_path == tmp_path / de_names.NAMES_FILE
    with pytest.raises(german.ModelError, match="--names"):
        again.names()  # trained with names, but the model directory has none


# --- a mixed document end to end (language per sentence, German rules, English coref) ------


@pytest.fixture
def extractor(trained_german):
    from kb.extract.pipeline import Extractor

    return Extractor()


def _extract(extractor, text: str):
    from kb.model import Document

    (extraction,) = list(extractor.extract([Document(id="mixed-test", text=text)]))
    return extraction


def test_german_pronoun_after_english_sentence_gives_one_person_and_tenure(extractor):
    text = (
        "Piet Voorbeeld spoke to reporters in Brussels on Monday about the new budget rules. "
        "Er war zuvor Premierminister der Niederlande und ist heute Berater der Regierung."
    )
    ex = _extract(extractor, text)
    assert [s.lang for s in ex.sentences] == ["en", "de"]
    assert {(t.person, t.role, t.org, t.status) for t in ex.tenures} >= {
        ("Piet Voorbeeld", "prime minister", "Netherlands", "former")
    }
    assert [e.name for e in ex.entities if e.type == "person"] == ["Piet Voorbeeld"]


def test_english_possessive_names_inside_a_german_sentence_are_persons(extractor):
    text = (
        "Die Außenminister trafen sich am Montag in Brüssel. Most ministers, with the exception of "
        "Norway’s Espen Barth Eide and Hungary’s Péter Szijjártó, haben sich dort für neue Sanktionen ausgesprochen."
    )
    ex = _extract(extractor, text)
    persons = {e.name for e in ex.entities if e.type == "person"}
    assert {"Espen Barth Eide", "Péter Szijjártó"} <= persons
    assert not any("’s" in e.name or "'s" in e.name for e in ex.entities)
