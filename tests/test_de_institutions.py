"""Institution names read from a head noun and its complement, genitive bodies and bodies after a
place adjective (kb.extract.de.institutions), and media names that are common words
(kb.extract.de.known_orgs.media_word_spans). Sentences are written for these tests."""

from __future__ import annotations

from kb.extract.de.institutions import capitalised_adjective, institution_spans
from kb.extract.de.known_orgs import media_word_spans
from helpers.de_rules import nlp, tagged  # noqa: F401 (nlp is a fixture)


def names(nlp, text, places=()):
    """The (surface, nominative name) of every institution in ``text``; ``places`` are tagged LOC."""
    doc = tagged(nlp, text, places, "LOC")
    return [(doc[a:b].text, name) for a, b, name in institution_spans(doc)]


def test_fuer_complement_with_adjectives_and_und(nlp):
    text = "Laut dem Institut für Angewandte Statik und Bodenkunde steigt der Wert ."
    assert names(nlp, text) == [("Institut für Angewandte Statik und Bodenkunde",) * 2]


def test_genitive_head_is_named_in_the_nominative(nlp):
    text = "Ein Sprecher des Instituts für Seenforschung bestätigte das ."
    assert names(nlp, text) == [("Instituts für Seenforschung", "Institut für Seenforschung")]


def test_adjective_before_the_head_joins_the_name(nlp):
    text = "Nach Angaben der Albanischen Beobachtungsstelle für Wasserrechte fiel der Pegel ."
    assert names(nlp, text) == [("Albanischen Beobachtungsstelle für Wasserrechte",
                                 "Albanische Beobachtungsstelle für Wasserrechte")]


def test_genitive_complement_and_seat(nlp):
    text = "Die Gewerkschaft der Fährleute klagt vor dem Landesgericht Oberfeld ."
    assert names(nlp, text, places=["Oberfeld"]) == [("Gewerkschaft der Fährleute",) * 2,
                                                    ("Landesgericht Oberfeld",) * 2]


def test_fuer_phrase_then_seat(nlp):
    text = "Das Landesgericht für Strafsachen Oberfeld vertagte ."
    assert names(nlp, text, places=["Oberfeld"]) == [("Landesgericht für Strafsachen Oberfeld",) * 2]


def test_no_name_after_an_indefinite_article_or_a_possessive(nlp):
    assert names(nlp, "Ein Verein für Jugendarbeit sucht Helfer .") == []
    assert names(nlp, "Sein Institut für Tierkunde ist klein .") == []


def test_no_name_when_the_complement_goes_on_in_lower_case(nlp):
    assert names(nlp, "Die Universität für alle bleibt ein Traum .") == []
    assert names(nlp, "Der Verband der drei Vereine tagt .") == []


def test_head_without_the_complement_it_takes_is_no_name(nlp):
    assert names(nlp, "Die Gewerkschaft für Bauarbeiter tagt .") == []  # takes a genitive only
    assert names(nlp, "Das Institut der Stadt ist neu .") == []  # takes "für" only
    assert names(nlp, "Die Universität Heute feierte .") == []  # no place after it


def test_genitive_public_bodies(nlp):
    text = "Mitarbeiter des Sozialministeriums und des Rechnungshofes trafen Vertreter des Landtags ."
    assert [n for _, n in names(nlp, text)] == ["Sozialministerium", "Rechnungshof", "Landtag"]


def test_genitive_body_needs_des_and_a_body_noun(nlp):
    assert names(nlp, "Er kaufte Teile eines Ministeriums und des Hauses .") == []


def test_body_after_a_place_adjective(nlp):
    text = "Der Präsident des Wiener Landtags lud den Grazer Gemeinderat ein ."
    assert [n for _, n in names(nlp, text)] == ["Wiener Landtag", "Grazer Gemeinderat"]


def test_no_place_adjective_from_an_unknown_word(nlp):
    assert names(nlp, "Der Präsident des Oberer Landtags sprach .") == []


def test_capitalised_adjectives():
    assert all(map(capitalised_adjective, ["Medizinische", "Höhere", "Syrischen", "Technischen"]))
    assert not any(map(capitalised_adjective, ["Studien", "Wien", "Der", "Asyl", "Hohe"]))


def test_media_words_only_in_safe_contexts():
    text = ("Die Falter-Journalistin las im Kurier eine Profil-Umfrage , die Welt-Reporterin auch . "
            "Das Profil der Partei ist in der Welt bekannt ; ein Kurier brachte das Profil-Blech .")
    assert [text[a:b] for a, b in media_word_spans(text)] == ["Falter", "Kurier", "Profil", "Welt"]


def test_body_after_an_article_and_a_lower_case_adjective(nlp):
    text = "Die Grünen wollen im oberfeldischen Landtag und im zuständigen Untersuchungsausschuss reden ."
    assert [n for _, n in names(nlp, text)] == ["Landtag", "Untersuchungsausschuss"]


def test_bare_body_after_laut_or_beside_another_organisation(nlp):
    doc = nlp("Laut Innenministerium kritisieren Arbeiterkammer und Brandl-Verein den Plan .")
    doc.ents = [doc.char_span(doc.text.index("Brandl"), doc.text.index(" den"), label="ORG")]
    assert [name for _, _, name in institution_spans(doc)] == ["Innenministerium", "Arbeiterkammer"]


def test_bare_body_noun_without_such_context_is_no_name(nlp):
    assert names(nlp, "Innenministerium und Polizei sind hier Wörter , Landtag allein auch .") == []
    assert names(nlp, "Ein neues Innenministerium entsteht .") == []


def test_owner_and_body_compound_is_one_body():
    from kb.extract.de.known_orgs import prefix_org_spans

    text = "Der US-Kongress, die EU-Kommission und der UN-Sicherheitsrat tagten ; die Nato-Staaten auch ."
    assert [text[a:b] for a, b in prefix_org_spans(text)] == ["US-Kongress", "EU-Kommission", "UN-Sicherheitsrat", "Nato"]


def test_owner_compound_with_another_head_is_no_body():
    from kb.extract.de.known_orgs import prefix_org_spans

    text = "Die US-Kongressabgeordnete und die EU-Staaten und der US-Kongress-Bericht ."
    assert prefix_org_spans(text) == []


def test_listed_names_of_several_words_as_a_compound_prefix():
    from kb.extract.de.known_orgs import prefix_org_spans

    text = "Im Puls-4-Interview sprach ein Team-Stronach-Mandatar ; Puls-Messung und Team-Sitzung nicht ."
    assert [text[a:b] for a, b in prefix_org_spans(text)] == ["Puls-4", "Team-Stronach"]


def test_news_agency_is_a_name_alone_but_not_as_a_compound_prefix():
    from kb.extract.de.known_orgs import known_org_spans, prefix_org_spans

    assert known_org_spans("Das meldete die APA am Montag .".split()) == [(3, 4)]
    assert prefix_org_spans("Auf APA-Anfrage sagte er nichts .") == []


def test_fuer_list_with_commas_closed_by_und(nlp):
    text = "Der Preis des Bundesministeriums für Wissenschaft , Forschung und Wirtschaft ging an sie ."
    assert names(nlp, text) == [("Bundesministeriums für Wissenschaft , Forschung und Wirtschaft",
                                 "Bundesministerium für Wissenschaft , Forschung und Wirtschaft")]


def test_fuer_list_without_und_stops_before_the_comma(nlp):
    text = "Das Institut für Statik , Hallenbau ist neu ."
    assert names(nlp, text) == [("Institut für Statik",) * 2]


def test_country_adjective_body_in_the_nominative_is_left_to_the_body_rule(nlp):
    assert names(nlp, "Das slowenische Innenministerium teilte mit .") == []
    assert [n for _, n in names(nlp, "Er kam vom slowenischen Innenministerium .")] == ["Innenministerium"]


def test_body_noun_before_a_persons_name_is_a_title_but_a_long_name_stays(nlp):
    from kb.extract.mentions import institution_mentions_de
    from kb.model import Mention, Sentence

    text = "Der Preis des Amts für Statik Hugo Brandl ging an den grünen Bundesrat Eva Lindner ."
    doc = nlp(text)
    persons = [Mention(n, "person", text.index(n), text.index(n) + len(n), 0, label="PER")
               for n in ("Hugo Brandl", "Eva Lindner")]
    out = institution_mentions_de(Sentence(0, 0, len(text), text, "de"), doc, persons)
    assert [(m.text, m.name) for m in out if m.type == "organization"] == [("Amts für Statik", "Amt für Statik")]
