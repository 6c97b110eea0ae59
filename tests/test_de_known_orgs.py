"""Well-known organisation names from ``known_orgs_de.tsv`` (kb.extract.de.known_orgs), alone and
as a step of the German repair component. Sentences are written for these tests."""

from __future__ import annotations

from kb.extract.de.known_orgs import known_org_spans, known_orgs
from kb.extract.de.repair import EntityRepair
from helpers.de_rules import nlp  # noqa: F401 (nlp is a fixture)


def test_listed_names_are_found_longest_first():
    words = "Laut Greenpeace und Ärzte ohne Grenzen berichtete Puls 4 darüber .".split()
    assert [" ".join(words[a:b]) for a, b in known_org_spans(words)] == ["Greenpeace", "Ärzte ohne Grenzen", "Puls 4"]


def test_names_match_as_written_only():
    assert known_org_spans("Die nato und der Orf sowie Nato-Staaten .".split()) == []


def test_untagged_name_is_added_and_mistyped_name_retyped():
    words = "Die Nato und die Neos streiten mit Hugo Brandl .".split()
    spans = {(4, 5, "PER"), (7, 9, "PER")}
    assert known_orgs(words, spans) == {(1, 2, "ORG"), (4, 5, "ORG"), (7, 9, "PER")}


def test_name_inside_a_longer_entity_is_left_to_it():
    words = "Die Greenpeace Jugend Oberfeld protestiert .".split()
    assert known_orgs(words, {(1, 4, "ORG")}) == {(1, 4, "ORG")}


def test_repair_component_tags_listed_names(nlp):
    doc = nlp("Gestern kritisierte Greenpeace die Pläne von Hugo Brandl .")
    doc.ents = [doc.char_span(doc.text.index("Hugo"), doc.text.index(" ."), label="PER")]
    doc = EntityRepair(english=False)(doc)
    assert {(e.text, e.label_) for e in doc.ents} == {("Greenpeace", "ORG"), ("Hugo Brandl", "PER")}


def test_compound_first_parts_that_name_an_organisation():
    from kb.extract.de.known_orgs import prefix_org_spans

    text = "Die Nato-Staaten und ein ORF-Reporter trafen die ÖVP-Kandidatin, nicht die VP-Basis."
    assert [text[a:b] for a, b in prefix_org_spans(text)] == ["Nato", "ORF", "ÖVP"]


def test_compound_first_part_needs_a_capitalised_rest_and_a_word_start():
    from kb.extract.de.known_orgs import prefix_org_spans

    assert prefix_org_spans("Die Anti-Nato-Demo und der ORF-intern genannte Plan.") == []


def test_entity_inside_a_listed_name_gives_way_to_it():
    words = "Auch dem Team Stronach reicht das nicht .".split()
    assert known_orgs(words, {(3, 4, "PER")}) == {(2, 4, "ORG")}
