"""The country of a German post (kb.extract.de.rules, de.places, de.lexicon, extract.facts).

Sentences are written for these tests; names are invented. Covered: a genitive country before the
role ("Frankreichs Präsident"), the CLDR country names of countries_de.tsv, the document's
dominant country for government posts that name none, posts only German-speaking states have,
and that the English rules' document country never reaches a German post.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kb.extract.claims import Claim
from kb.extract.de.lexicon import country_name
from kb.extract.de.places import resolve_places_de
from kb.model import Mention, Sentence, Span
from helpers.de_rules import facts, german_story, nlp, run  # noqa: F401 (nlp is a fixture)


@pytest.mark.parametrize("text, expected", [("Island", "Iceland"), ("Ägyptens", "Egypt"), ("Moldau", "Moldova"),
                                            ("Deutschland", "Germany"), ("Berlin", None), ("Präsident", None)])
def test_german_country_names(text, expected):
    assert country_name(text) == expected


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ("Gestern sprach Islands Präsident Ari Dalsson in Wien.", "Ari Dalsson", ("president", "Iceland")),
        ("Das bestätigte Angolas Ex-Präsident Jo Mabeko.", "Jo Mabeko", ("president", "Angola")),
        ("Frankreichs Außenministerin Lea Morel reist ab.", "Lea Morel", ("foreign minister", "France")),
    ],
)
def test_genitive_country_before_role(nlp, text, name, expected):
    (c,) = run(nlp, text, names=(name,))
    assert (c.role, c.org) == expected


def test_genitive_noun_before_role_is_no_country(nlp):
    # "Konzerns" is a genitive but no country: the chief stays without one
    assert facts(run(nlp, "Des Konzerns Präsident Udo Fenk schwieg.", names=("Udo Fenk",))) == [
        ("Udo Fenk", "president", None, "current")]


def _claim(person: str, role: str, role_text: str, start: int) -> Claim:
    m = Mention(person, "person", start, start + len(person), 1)
    return Claim(m, person, role, None, 1, "de_title_before_name", Span(start - 20, start - 1, role_text), role_text=role_text)


def _places(*names: str) -> list[Mention]:
    return [Mention(n, "organization", 10 * i, 10 * i + len(n), 1, label="LOC") for i, n in enumerate(names)]


def _sents() -> list[Sentence]:
    return [Sentence(0, 0, 20, "Ein Text ohne Ortsmarke.", "de"), Sentence(1, 21, 400, "x" * 379, "de")]


def test_dominant_country_for_a_minister():
    claims = [_claim("Ada Rist", "foreign minister", "Außenministerin", 200)]
    resolve_places_de(claims, _places("Island", "Island", "Islands", "Norwegen"), _sents())
    assert claims[0].org == "Iceland"


def test_no_country_when_none_dominates():
    claims = [_claim("Ada Rist", "foreign minister", "Außenministerin", 200)]
    resolve_places_de(claims, _places("Island", "Island", "Norwegen", "Norwegen", "Schweden"), _sents())
    assert claims[0].org is None


def test_cities_do_not_vote_for_a_country():
    # a conference city named twice says where, not whose minister
    claims = [_claim("Ivo Petrow", "foreign minister", "Außenminister", 200)]
    resolve_places_de(claims, _places("Genf", "Genf", "Russland", "Syrien"), _sents())
    assert claims[0].org is None


def test_chancellor_only_in_german_speaking_countries():
    claims = [_claim("Eva Brandt", "chancellor", "Kanzlerin", 200), _claim("Kemal Ak", "prime minister", "Premier", 250)]
    resolve_places_de(claims, _places("Türkei", "Türkei", "Türkei"), _sents())
    assert [c.org for c in claims] == [None, "Turkey"]


def test_english_document_country_leaves_german_posts_alone(tmp_path):
    # "Israel" is spelt alike in both languages; the English rules' document country once made
    # an Austrian chancellor Israel's. The German rules see one country named: Israel.
    text = ("Bundeskanzler Rolf Amsel reist nächste Woche nach Israel. "
            "In Israel trifft er Ministerpräsident Dan Levav. Israel gilt als wichtiger Partner.")
    src, db, out = tmp_path / "in.jsonl", tmp_path / "kb.db", tmp_path / "facts.jsonl"
    src.write_text(json.dumps({"id": "d1", "lang": "de", "text": text}) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "kb", "build", str(src), "--db", str(db), "--lang", "de"], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "kb", "export", "facts", "--db", str(db), "-o", str(out)], check=True, capture_output=True)
    tenures = {t["person"]: t for t in json.loads(out.read_text(encoding="utf-8").splitlines()[0])["tenures"]}
    assert (tenures["Rolf Amsel"]["role"], tenures["Rolf Amsel"]["org"]) == ("chancellor", None)
    assert (tenures["Dan Levav"]["role"], tenures["Dan Levav"]["org"]) == ("prime minister", "Israel")


def test_parties_name_the_country_when_no_place_is_named():
    m = [Mention("ÖVP", "organization", 0, 3, 1, label="ORG"), Mention("SPÖ", "organization", 5, 8, 1, label="ORG")]
    claims = [_claim("Eva Brandt", "chancellor", "Kanzlerin", 200)]
    resolve_places_de(claims, m, _sents())
    assert claims[0].org == "Austria"


def test_parties_of_two_countries_name_none():
    m = [Mention("ÖVP", "organization", 0, 3, 1, label="ORG"), Mention("CDU", "organization", 5, 8, 1, label="ORG")]
    claims = [_claim("Eva Brandt", "chancellor", "Kanzlerin", 200)]
    resolve_places_de(claims, m, _sents())
    assert claims[0].org is None


def test_a_named_place_outranks_the_parties():
    # a story filed about Italy that mentions the SPÖ: the places decide (none dominates here)
    m = _places("Italien", "Frankreich") + [Mention("SPÖ", "organization", 50, 53, 1, label="ORG")]
    claims = [_claim("Ugo Bassi", "prime minister", "Premier", 200)]
    resolve_places_de(claims, m, _sents())
    assert claims[0].org is None


def test_mayor_of_an_unknown_town(nlp):
    assert facts(run(nlp, "Klaus Wend war Bürgermeister von Altenbruck.", names=("Klaus Wend",))) == [
        ("Klaus Wend", "mayor", "Altenbruck", "former")]
    assert facts(run(nlp, "Der Bürgermeister von Bad Isch, Udo Lenz, kam.", names=("Udo Lenz",))) == [
        ("Udo Lenz", "mayor", "Bad Isch", "current")]
    # a minister "von" someone is no town
    assert facts(run(nlp, "Die Ministerin von Udo Lenz kam.", names=("Udo Lenz",))) == []


def _sent_docs(text: str) -> list[Sentence]:
    return [Sentence(1, 0, len(text), text, "de")]


def test_a_capital_dateline_makes_unmarked_posts_national():
    # filed from Wien: the unmarked minister is Austria's even though Turkey is named more
    text = "Wien – Innenministerin Ida Rohr lobte die Türkei. Die Türkei und die Türkei reagierten."
    claims = [_claim("Ida Rohr", "interior minister", "Innenministerin", 20)]
    resolve_places_de(claims, _places("Türkei", "Türkei", "Türkei"), _sent_docs(text))
    assert claims[0].org == "Austria"


def test_a_conference_dateline_says_nothing():
    text = "Genf – Außenminister Ivo Petrow sprach. Genf war voll."
    claims = [_claim("Ivo Petrow", "foreign minister", "Außenminister", 20)]
    resolve_places_de(claims, _places("Genf", "Russland", "Syrien"), _sent_docs(text))
    assert claims[0].org is None


def test_same_person_same_role_keeps_the_named_country():
    named = _claim("Ugo Alba", "interior minister", "italienische Innenminister", 100)
    named.org, named.org_label = "Italy", "LOC"
    later = _claim("Ugo Alba", "interior minister", "Innenminister", 300)
    resolve_places_de([named, later], _places("Österreich", "Österreich"), _sents())
    assert later.org == "Italy"


def test_party_in_brackets_names_the_country():
    text = "Finanzminister Udo Kern (ÖVP) traf Kollegen in Athen und Griechenland."
    start = text.index("Udo Kern")
    person = Mention("Udo Kern", "person", start, start + 8, 0, label="PER")
    person.sentence = 1
    claims = [_claim("Udo Kern", "finance minister", "Finanzminister", start)]
    resolve_places_de(claims, [person] + _places("Griechenland", "Griechenland"), _sent_docs(text))
    assert claims[0].org == "Austria"


def test_city_from_its_adjective_when_no_city_is_named():
    text = "Die Linzer SPÖ und die Linzer Stadtwerke streiten. Bürgermeister Udo Rams schweigt, die Grazer SPÖ auch."
    claims = [_claim("Udo Rams", "mayor", "Bürgermeister", 70)]
    resolve_places_de(claims, [], _sent_docs(text))
    assert claims[0].org == "Linz"
    # one adjective each: no city dominates
    claims = [_claim("Udo Rams", "mayor", "Bürgermeister", 70)]
    resolve_places_de(claims, [], _sent_docs("Die Linzer SPÖ streitet. Bürgermeister Udo Rams schweigt, die Grazer SPÖ auch."))
    assert claims[0].org is None


def test_federal_president_only_in_german_speaking_countries():
    claims = [_claim("Udo Falk", "president", "Bundespräsident", 200)]
    resolve_places_de(claims, _places("Serbien", "Serbien", "Serbien"), _sents())
    assert claims[0].org is None


def test_head_of_state_takes_the_dominant_foreign_country():
    # a story about one foreign country: its unmarked "Präsident", "Staatschef" and "Ex-Präsident" are its own
    sents = german_story("Prag – In Tschechien wird gewählt.", "Präsident Ivo Marek sprach.", "Staatschef Ana Dorin und "
                   "Ex-Präsident Sami Oud schwiegen.", "Die tschechische Regierung und Polen verhandeln.")
    claims = [_claim("Ivo Marek", "president", "Präsidenten", 0), _claim("Ana Dorin", "head of state", "Staatschef", 0),
              _claim("Sami Oud", "president", "Ex-Präsident", 0)]
    claims[0].sentence, claims[1].sentence, claims[2].sentence = 1, 2, 2
    resolve_places_de(claims, _places("Tschechien", "Tschechien", "Tschechien", "Polen"), sents)
    assert [c.org for c in claims] == ["Czech Republic"] * 3


def test_head_of_state_far_from_the_country_stays_open():
    # "Als Präsident X 1961 die Beziehungen zu Havanna abbrach": the story's country is not written near the
    # title, so the president may be anyone's (here the US's, in a story about Cuba)
    sents = german_story("Kuba öffnet sich.", "Die Villa steht leer.", "Der Garten verwildert.",
                   "Als Präsident Ivo Marek 1961 die Beziehungen abbrach, schloss sie.", "Die Nachbarn warten.",
                   "Kuba und Kubas Nachbarn hoffen.")
    c = _claim("Ivo Marek", "president", "Präsident", 0)
    c.sentence = 3
    resolve_places_de([c], _places("Kuba", "Kuba", "Kuba"), sents)
    assert c.org is None


def test_bare_president_at_home_leads_no_country():
    # in an Austrian story a bare "Präsident" leads a club or a chamber (the head of state is the
    # "Bundespräsident"); "Staatsoberhaupt" is the state's own under any flag
    sents = german_story("Österreich wählt.", "Präsident Karl Wenz und Staatsoberhaupt Rita Hold sprachen in Österreich.")
    claims = [_claim("Karl Wenz", "president", "Präsident", 0), _claim("Rita Hold", "head of state", "Staatsoberhaupt", 0)]
    claims[0].sentence = claims[1].sentence = 1
    resolve_places_de(claims, _places("Österreich", "Österreich"), sents)
    assert [c.org for c in claims] == [None, "Austria"]


def test_compound_and_vice_presidents_take_no_country():
    # "Verbandspräsident" leads an association, "Kurdenpräsident" a people, "Vizepräsident" a club as often as a state
    sents = german_story("Im Irak wird gewählt.", "Der Irak zählt.")
    claims = [_claim("Udo Fenk", "president", "Verbandspräsident", 0), _claim("Ali Beri", "president", "Kurdenpräsident", 0),
              _claim("Ole Sand", "vice president", "Vizepräsident", 0)]
    resolve_places_de(claims, _places("Irak", "Irak", "Irak"), sents)
    assert [c.org for c in claims] == [None, None, None]


def test_head_of_state_left_open_when_no_country_dominates():
    sents = german_story("Tschechien, Polen und Ungarn beraten.", "Präsident Ivo Marek sprach in Tschechien.")
    c = _claim("Ivo Marek", "president", "Präsident", 0)
    c.sentence = 1
    resolve_places_de([c], _places("Tschechien", "Polen", "Ungarn"), sents)
    assert c.org is None




def test_state_post_takes_the_dateline_state_when_several_are_named():
    sents = german_story("Wien – Ein Sturm traf Kärnten und Tirol schwer.", "In Kärnten und Tirol schätzen die Bauern den Schaden hoch.",
                   "Landesrätin Eva Brandt will helfen.")
    claims = [_claim("Eva Brandt", "state councillor", "Landesrätin", 150)]
    resolve_places_de(claims, _places("Kärnten", "Tirol", "Kärnten", "Tirol"), sents)
    assert claims[0].org == "Wien"
