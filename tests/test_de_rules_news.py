"""German tenure rules for Austrian and German news (kb.extract.de.rules, de.places, de.lexicon).

Sentences are written for these tests; names are invented. Each test covers one construction:
posts of city, state and party politics, party prefixes, place adjectives, the document's
place for posts that name none, coordinated posts, appointments, future and talk markers.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kb.extract.claims import Claim, merge_claims
from kb.extract.de.lexicon import match_role_de_compound
from kb.extract.de.places import dateline_place, resolve_places_de
from kb.model import DateValue, Mention, Sentence, Span
from helpers.de_rules import facts, nlp, run  # noqa: F401 (nlp is a fixture)


# --- role words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Stadträtin", ("city councillor", None)),  # feminine with umlaut: Rat -> Rätin
        ("Gemeinderätin", ("municipal councillor", None)),
        ("Landesrätin", ("state councillor", None)),
        ("Finanzlandesrat", ("finance councillor", None)),  # portfolio as for "Finanzminister"
        ("Umweltstadträtin", ("environment councillor", None)),
        ("Vizebürgermeisterin", ("deputy mayor", None)),  # not "mayor" by its tail
        ("Landeshauptfrau", ("governor", None)),
        ("Landeshauptmanns", ("governor", None)),
        ("Landeshauptmann-Stellvertreterin", ("deputy governor", None)),  # a role in two parts
        ("Klubobfrau", ("parliamentary group leader", None)),
        ("NEOS-Klubobmann", ("parliamentary group leader", "NEOS")),
        ("Landtagsabgeordneten", ("member of the landtag", None)),
        ("Betriebsratsvorsitzender", ("works council chairman", None)),
        ("Cheftrainer", ("head coach", None)),
        ("Landesparteiobmann", ("state party chairman", None)),
    ],
)
def test_austrian_and_german_posts(word, expected):
    assert match_role_de_compound(word) == expected


# --- party prefixes and place adjectives ---------------------------------------------------


def test_party_chief_is_party_leader(nlp):
    assert facts(run(nlp, "Das sagte FPÖ-Chef Bruno Adler am Freitag.", names=("Bruno Adler",))) == [
        ("Bruno Adler", "party leader", "FPÖ", "current")]


def test_party_prefix_is_not_the_seat(nlp):
    # the party names the councillor's party; the seat belongs to the city (filled per document)
    assert facts(run(nlp, "Gestern sprach die ÖVP-Stadträtin Vera Lind im Rathaus.", names=("Vera Lind",))) == [
        ("Vera Lind", "city councillor", None, "current")]
    # a party's group leader leads the party's group: the party stays
    assert facts(run(nlp, "Das kritisierte SPD-Fraktionschef Udo Kern scharf.", names=("Udo Kern",))) == [
        ("Udo Kern", "parliamentary group leader", "SPD", "current")]


def test_state_adjective_before_governor(nlp):
    assert facts(run(nlp, "Die Kärntner Landeshauptfrau Ida Polz lud ein.", names=("Ida Polz",))) == [
        ("Ida Polz", "governor", "Kärnten", "current")]


def test_lowercase_state_adjective(nlp):
    assert facts(run(nlp, "Der steirische Landesrat Otto Zenz widersprach.", names=("Otto Zenz",))) == [
        ("Otto Zenz", "state councillor", "Steiermark", "current")]


def test_town_adjective_before_mayor(nlp):
    # not in the gazetteer: a capitalised "-er" adjective after an article names the town
    assert facts(run(nlp, "Ein Sprecher des Hallstätter Bürgermeisters Eno Falk bestätigte das.", names=("Eno Falk",))) == [
        ("Eno Falk", "mayor", "Hallstätt", "current")]
    # a city adjective says nothing about a minister's country
    assert facts(run(nlp, "Die Grazer Ministerin Ute Brod kam.", names=("Ute Brod",))) == [
        ("Ute Brod", "minister", None, "current")]


def test_body_named_by_the_post(nlp):
    assert facts(run(nlp, "Der Landtagsabgeordnete Kurt Hell stimmte dagegen.", names=("Kurt Hell",))) == [
        ("Kurt Hell", "member of the landtag", "Landtag", "current")]


def test_council_as_body_is_no_post(nlp):
    # "Gemeinderätin" is a councillor; "im Gemeinderat" is the council
    claims = run(nlp, "Die Gemeinderätin Lisa Raab sitzt seit 2010 im Gemeinderat.", names=("Lisa Raab",))
    assert [(c.person, c.role, c.rule) for c in claims] == [("Lisa Raab", "municipal councillor", "de_title_before_name")]


def test_republic_genitive_is_the_country(nlp):
    c = run(nlp, "Zuvor war Olaf Scholz von 2021 bis 2025 Kanzler der Bundesrepublik Deutschland.", names=("Olaf Scholz",))
    assert facts(c) == [("Olaf Scholz", "chancellor", "Germany", "former")]
    assert (c[0].start.value, c[0].end.value) == ("2021", "2025")


# --- constructions ---------------------------------------------------------------------------


def test_title_with_comma_after_participle_and_place(nlp):
    c = run(nlp, "Der 1965 geborene Bürgermeister von Leoben, Hans Ortner, rückt nach.", names=("Hans Ortner",), orgs=("Leoben",))
    assert facts(c) == [("Hans Ortner", "mayor", "Leoben", "current")]


def test_title_with_comma_after_body(nlp):
    c = run(nlp, "Der ÖVP-Klubchef im Landtag, Max Ebner, blieb ruhig.", names=("Max Ebner",))
    assert facts(c) == [("Max Ebner", "parliamentary group leader", "ÖVP", "current")]


def test_two_posts_before_one_name(nlp):
    c = run(nlp, "Landesparteiobmann und Klubobmann Rolf Sattler bestätigt das.", names=("Rolf Sattler",))
    assert facts(c) == [("Rolf Sattler", "parliamentary group leader", None, "current"),
                        ("Rolf Sattler", "state party chairman", None, "current")]


def test_two_posts_after_age_apposition(nlp):
    c = run(nlp, "Rita Moll (44), Leiterin der Stadtwerke und Parteivorsitzende der KPÖ, schweigt.",
            names=("Rita Moll",), orgs=("Stadtwerke", "KPÖ"))
    assert facts(c) == [("Rita Moll", "head", "Stadtwerke", "current"), ("Rita Moll", "party leader", "KPÖ", "current")]


def test_copula_after_age(nlp):
    c = run(nlp, "Tim Rauch (38) ist Betriebsratsvorsitzender der Firma.", names=("Tim Rauch",))
    assert facts(c) == [("Tim Rauch", "works council chairman", None, "current")]


def test_one_subject_two_posts_each_with_its_date(nlp):
    c = run(nlp, "Egger ist seit 1994 Stadtrat und seit 2003 Bürgermeister.", names=("Egger",))
    got = {x.role: x.start.value for x in c}
    assert got == {"city councillor": "1994", "mayor": "2003"}


def test_elected_in_relative_clause(nlp):
    c = run(nlp, "Es profitierte Ines Wolf, die damals statt Kogler zur Vizebürgermeisterin gewählt wurde.",
            names=("Ines Wolf", "Kogler"))
    assert [(x.person, x.role, x.rule) for x in c] == [("Ines Wolf", "deputy mayor", "de_verb_final")]
    assert run(nlp, "Die Wahl von Anna Roth zur Vizebürgermeisterin gilt als sicher.", names=("Anna Roth",)) == []


def test_future_post_is_unknown(nlp):
    c = run(nlp, "Pia Stern dürfte nun Vizebürgermeisterin werden.", names=("Pia Stern",))
    assert facts(c) == [("Pia Stern", "deputy mayor", None, "unknown")]


def test_designated_holder_is_unknown(nlp):
    c = run(nlp, "Der designierte Bürgermeister Jan Ruf stellte sich vor.", names=("Jan Ruf",))
    assert facts(c) == [("Jan Ruf", "mayor", None, "unknown")]


@pytest.mark.parametrize(
    "text, names",
    [
        ("Fink war lange als Finanzminister im Gespräch.", ("Fink",)),  # talk, not a post
        ("Ida Kern war zuletzt als Bürgermeisterin gehandelt worden.", ("Ida Kern",)),
    ],
)
def test_no_post(nlp, text, names):
    assert run(nlp, text, names=names) == []


# --- the document's place --------------------------------------------------------------------


def _claim(person: str, role: str, role_text: str, start: int) -> Claim:
    m = Mention(person, "person", start, start + len(person), 1)
    return Claim(m, person, role, None, 1, "de_title_before_name", Span(start - 20, start - 1, role_text), role_text=role_text)


def _doc(text: str):
    teaser, body = text.split(" | ")
    sents = [Sentence(0, 0, len(teaser), teaser, "de"), Sentence(1, len(teaser) + 1, len(teaser) + 1 + len(body), body, "de")]
    return sents


def test_dateline_city_state_and_country():
    sents = _doc("Neue Posten in der Stadt. | Graz – Bürgermeister Max Egger, Landesrat Eva Sulz und Finanzminister Udo Pichl.")
    assert dateline_place(sents)[0].name == "Graz"
    claims = [_claim("Max Egger", "mayor", "Bürgermeister", 60), _claim("Eva Sulz", "state councillor", "Landesrat", 80),
              _claim("Udo Pichl", "finance minister", "Finanzminister", 100)]
    resolve_places_de(claims, [], sents)
    assert [c.org for c in claims] == ["Graz", "Steiermark", "Austria"]


def test_named_state_and_no_country_when_a_foreign_one_is_named():
    sents = _doc("Wechsel nach Niederösterreich. | Landeshauptmann Karl Weiß traf Außenminister Petr Novak in Prag.")
    mentions = [Mention("Niederösterreich", "organization", 13, 29, 0, label="LOC"),
                Mention("Tschechien", "organization", 120, 130, 1, label="LOC")]
    claims = [_claim("Karl Weiß", "governor", "Landeshauptmann", 60), _claim("Petr Novak", "foreign minister", "Außenminister", 90)]
    resolve_places_de(claims, mentions, sents)
    assert [c.org for c in claims] == ["Niederösterreich", None]
    assert claims[0].org_span.text == "Niederösterreich"


# --- status ------------------------------------------------------------------------------------


def test_past_tense_end_in_publication_year_is_former():
    m = Mention("Olaf Scholz", "person", 0, 11, 0)
    c = Claim(m, "Olaf Scholz", "chancellor", "Germany", 0, "de_copula", Span(0, 6, "Kanzler"), status="former",
              status_strength=1, start=DateValue("2021", "year", "2021", 0, 4), end=DateValue("2025", "year", "2025", 0, 4))
    (t,) = merge_claims([c], "2025-06-13", {}, [m])
    assert t.status == "former"


def test_user_report_scholz_and_merz(tmp_path):
    doc = {"id": "d1", "lang": "de", "published": "2025-06-13",
           "text": "Friedrich Merz ist seit Mai 2025 Bundeskanzler. "
                   "Zuvor war Olaf Scholz von 2021 bis 2025 Kanzler der Bundesrepublik Deutschland."}
    src, db, out = tmp_path / "in.jsonl", tmp_path / "kb.db", tmp_path / "facts.jsonl"
    src.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "kb", "build", str(src), "--db", str(db)], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "kb", "export", "facts", "--db", str(db), "-o", str(out)], check=True, capture_output=True)
    tenures = {t["person"]: t for t in json.loads(out.read_text(encoding="utf-8").splitlines()[0])["tenures"]}
    scholz = tenures["Olaf Scholz"]
    assert (scholz["role"], scholz["org"], scholz["status"], scholz["start"], scholz["end"]) == (
        "chancellor", "Germany", "former", "2021", "2025")
    assert tenures["Friedrich Merz"]["status"] == "current"


def test_genitive_place_before_city_and_state_posts(nlp):
    assert facts(run(nlp, "Das kritisierte Bregenz' Gast und Dornbirns Bürgermeister Leo Amann.", names=("Leo Amann",))) == [
        ("Leo Amann", "mayor", "Dornbirn", "current")]
    assert facts(run(nlp, "Gestern sprach Kärntens Landeshauptmann Udo Senn.", names=("Udo Senn",))) == [
        ("Udo Senn", "governor", "Kärnten", "current")]


def test_sworn_in_to_come_in_relative_clause(nlp):
    c = run(nlp, "Ob Karl Ehm, der im Juni als Stadtrat angelobt werden soll, bleibt, ist offen.", names=("Karl Ehm",))
    assert [(x.person, x.role, x.status, x.rule) for x in c] == [("Karl Ehm", "city councillor", "unknown", "de_verb_final")]
    assert run(nlp, "Karl Ehm, der zum Stadtrat gewählt werden könnte, schweigt.", names=("Karl Ehm",)) == []


@pytest.mark.parametrize(
    "text, orgs, party",
    [
        ("Karin Wolf, Chefin der Welser SPÖ, trat zurück.", ("Welser SPÖ",), "SPÖ"),
        ("Jonas Brandl ist Obmann der Kärntner ÖVP.", ("Kärntner ÖVP",), "ÖVP"),
    ],
)
def test_regional_branch_of_a_party_is_the_party(nlp, text, orgs, party):
    """NER tags "Welser SPÖ" as one organisation: the post is the party's (its branch's place
    is no party of its own), as for "SPÖ-Chefin"."""
    found = run(nlp, text, names=(text.split(",")[0].split(" ist")[0],), orgs=orgs)
    assert [c.org for c in found] == [party]


def test_an_organisation_after_a_place_adjective_that_is_no_party_keeps_its_name(nlp):
    found = run(nlp, "Eva Lind ist Chefin der Grazer Stadtwerke.", names=("Eva Lind",), orgs=("Grazer Stadtwerke",))
    assert [c.org for c in found] == ["Grazer Stadtwerke"]
