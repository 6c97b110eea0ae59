"""German tenure rules for constructions found by reading kb's output on unseen derStandard news
(news-corpus/gnad.jsonl, session 7): an institution written into a role compound, referees, closed
"Alt-"/"Ex-", a post in the genitive before a name, nationality adjectives, German states before
ministers, and the holder's party giving a national post its country.

Sentences and names are invented for these tests; each test covers one construction.
"""

from __future__ import annotations

import pytest

from kb.extract.claims import Claim
from kb.extract.de.lexicon import compound_body, is_former_word, match_role_de_compound
from kb.extract.de.places import resolve_places_de
from kb.model import Mention, Sentence, Span
from helpers.de_rules import facts, german_story, nlp, run, run_doc  # noqa: F401 (nlp is a fixture)


# --- an institution written into the role word ----------------------------------------------------


@pytest.mark.parametrize(
    "word, body",
    [
        ("Gemeindebundpräsident", "Gemeindebund"),
        ("Gemeindebundpräsidentin", "Gemeindebund"),  # feminine
        ("Bauernbundobmanns", "Bauernbund"),  # genitive
        ("Innenministeriumssprecher", "Innenministerium"),  # linking -s dropped
        ("Polizeisprecherin", "Polizei"),  # a standalone body
        ("Rechnungshofpräsidentin", "Rechnungshof"),
        ("Notenbankgouverneur", "Notenbank"),
        ("Exbankchef", None),  # a former bank chief, not the head of an "Exbank"
        ("Bankchef", None),  # a bare head noun names no institution
        ("Bildungssprecherin", None),  # a portfolio, not an institution
        ("Landtagspräsident", None),  # a lexicon row of its own
        ("Finanzlandesrat", None),
        ("SPÖ-Klubobmann", None),  # the hyphen's prefix is read elsewhere
    ],
)
def test_compound_body(word, body):
    assert compound_body(word) == body


def test_institution_in_the_title_is_the_organisation(nlp):
    assert facts(run(nlp, "Gemeindebundpräsidentin Eva Lindner (ÖVP) lobte den Plan.", names=("Eva Lindner",))) == [
        ("Eva Lindner", "president", "Gemeindebund", "current")]
    assert facts(run(nlp, "Das bestätigte Innenministeriumssprecher Karl Moosbach am Montag.", names=("Karl Moosbach",))) == [
        ("Karl Moosbach", "spokesperson", "Innenministerium", "current")]


def test_portfolio_spokesperson_gets_no_institution(nlp):
    # "Bildung" is a portfolio, no institution: the spokesperson is a party's (session 8: kept with
    # no organisation, which the document's main party may fill; tests/test_de_rules_parties.py)
    claims = run(nlp, "Bildungssprecherin Eva Lindner sagte das im Radio.", names=("Eva Lindner",))
    assert facts(claims) == [("Eva Lindner", "education spokesperson", None, "current")]


# --- words that end in a role word but are no post ---------------------------------------------------


@pytest.mark.parametrize("word", ["Schiedsrichter", "Schiedsrichterin", "Schiedsrichtern", "Judo-Schiedsrichter",
                                  "Linienrichterin", "Kampfrichter"])
def test_referees_are_no_judges(word):
    assert match_role_de_compound(word) is None


def test_referee_sentence_gives_no_tenure(nlp):
    assert run(nlp, "Der kroatische Schiedsrichter Ivo Marić pfiff das Spiel ab.", names=("Ivo Marić",)) == []


def test_richter_still_a_judge():
    assert match_role_de_compound("Verfassungsrichterin") == ("judge", None)


# --- closed "Alt-" -------------------------------------------------------------------------------------


@pytest.mark.parametrize("word, role", [("Altbürgermeisterin", "mayor"), ("Altkanzler", "chancellor"),
                                        ("Altparteichef", "party leader")])
def test_closed_alt_is_a_former_holder(word, role):
    assert match_role_de_compound(word) == (role, None)
    assert is_former_word(word)


def test_alt_title_gives_former(nlp):
    assert facts(run(nlp, "Altbürgermeister Franz Huber eröffnete das Fest.", names=("Franz Huber",))) == [
        ("Franz Huber", "mayor", None, "former")]


def test_alt_is_not_a_prefix_of_every_word():
    assert not is_former_word("Bürgermeister")
    assert match_role_de_compound("Altstadtführer") is None


# --- a post in the genitive before the name -------------------------------------------------------------


def test_genitive_post_is_no_organisation(nlp):
    # the name belongs to the post right before it; the spokesperson is not named
    assert facts(run(nlp, "Das sagte die Sprecherin der EU-Außenbeauftragten Lena Marquardt in Brüssel.",
                     names=("Lena Marquardt",))) == [("Lena Marquardt", "high representative", "EU", "current")]


def test_genitive_organisation_still_read(nlp):
    assert facts(run(nlp, "Das sagte der Generalsekretär der NATO, Jan Oster, in Brüssel.", names=("Jan Oster",))) == [
        ("Jan Oster", "secretary general", "NATO", "current")]


# --- country adjectives: a post's country or the holder's nationality -----------------------------------


def test_nationality_of_a_captain_and_a_ceo(nlp):
    assert run(nlp, "Der italienische Kapitän Marco Bellini wurde erneut verhört.", names=("Marco Bellini",)) == []
    assert facts(run(nlp, "Der deutsche Konzernchef Jan Oster sprach in Wien.", names=("Jan Oster",))) == [
        ("Jan Oster", "chief executive officer", None, "current")]


def test_state_post_keeps_the_country(nlp):
    assert facts(run(nlp, "Der italienische Innenminister Marco Bellini sprach in Rom.", names=("Marco Bellini",))) == [
        ("Marco Bellini", "interior minister", "Italy", "current")]
    assert facts(run(nlp, "Sie protestierten gegen den ugandischen Präsidenten Okello Mbeki.", names=("Okello Mbeki",))) == [
        ("Okello Mbeki", "president", "Uganda", "current")]


def test_german_state_before_a_minister(nlp):
    assert facts(run(nlp, "Niedersachsens Umweltministerin Eva Lindner sprach in Hannover.", names=("Eva Lindner",))) == [
        ("Eva Lindner", "environment minister", "Niedersachsen", "current")]
    assert facts(run(nlp, "Der hessische Finanzminister Jan Oster kam zu spät.", names=("Jan Oster",))) == [
        ("Jan Oster", "finance minister", "Hessen", "current")]


def test_honorary_title_alone_is_no_post(nlp):
    assert run(nlp, "Auch Ehrenpräsident Jan Oster kam zum Spiel.", names=("Jan Oster",)) == []


# --- the holder's party gives a national post its country ------------------------------------------------




def _claim_at(sents: list[Sentence], person: str, role: str, role_text: str, org=None, index: int = 0) -> Claim:
    sent = sents[index]
    start = sent.start + sent.text.index(person)
    m = Mention(person, "person", start, start + len(person), index)
    r = sent.start + sent.text.index(role_text)
    return Claim(m, person, role, org, index, "de_title_before_name", Span(r, r + len(role_text), role_text),
                 role_text=role_text, org_label="ORG" if org else "")


def test_bracketed_post_and_party_give_the_country():
    sents = german_story("Gäste im Studio: Udo Pichl (Innenminister, ÖVP) und Eva Sulz.", "In Kanada und Peru schneit es.")
    mentions = [Mention("Udo Pichl", "person", 17, 26, 0), Mention("Kanada", "organization", sents[1].start + 3,
                                                                  sents[1].start + 9, 1, label="LOC")]
    claims = [_claim_at(sents, "Udo Pichl", "interior minister", "Innenminister")]
    resolve_places_de(claims, mentions, sents)
    assert claims[0].org == "Austria"


def test_party_post_of_the_same_person_gives_the_country():
    # "Kanzler und SPÖ-Chef X": the party's one country is the chancellor's, though other countries are named
    sents = german_story("Kanzler und SPÖ-Chef Udo Pichl reiste nach Berlin und Paris.", "Frankreich und Deutschland schwiegen.")
    mentions = [Mention("Frankreich", "organization", sents[1].start, sents[1].start + 10, 1, label="LOC"),
                Mention("Deutschland", "organization", sents[1].start + 15, sents[1].start + 26, 1, label="LOC")]
    claims = [_claim_at(sents, "Udo Pichl", "chancellor", "Kanzler"),
              _claim_at(sents, "Udo Pichl", "party leader", "SPÖ-Chef", org="SPÖ")]
    resolve_places_de(claims, mentions, sents)
    assert claims[0].org == "Austria"


def test_no_party_no_country_when_several_are_named():
    sents = german_story("Kanzler Udo Pichl reiste nach Berlin und Paris.", "Frankreich und Deutschland schwiegen.")
    mentions = [Mention("Frankreich", "organization", sents[1].start, sents[1].start + 10, 1, label="LOC"),
                Mention("Deutschland", "organization", sents[1].start + 15, sents[1].start + 26, 1, label="LOC")]
    claims = [_claim_at(sents, "Udo Pichl", "chancellor", "Kanzler")]
    resolve_places_de(claims, mentions, sents)
    assert claims[0].org is None


# --- a place adjective between a status adjective and the role; names that open with a role word ------


def test_status_before_a_place_adjective(nlp):
    assert facts(run(nlp, "Es gab Fehler, so der designierte Wiener FPÖ-Klubchef Udo Pichl.", names=("Udo Pichl",))) == [
        ("Udo Pichl", "parliamentary group leader", "FPÖ", "unknown")]
    assert facts(run(nlp, "Der frühere Grazer SPÖ-Chef Max Egger sprach lange.", names=("Max Egger",))) == [
        ("Max Egger", "party leader", "SPÖ", "former")]


def test_place_adjective_still_names_a_city_post(nlp):
    assert facts(run(nlp, "Der Grazer Bürgermeister Max Egger sprach lange.", names=("Max Egger",))) == [
        ("Max Egger", "mayor", "Graz", "current")]


@pytest.mark.parametrize("text, name", [("Platz zwölf in der Premier League ist eine Enttäuschung.", "League"),
                                        ("Der Autobauer General Motors zahlt Kunden Geld zurück.", "Motors")])
def test_name_that_opens_with_a_role_word(nlp, text, name):
    assert run(nlp, text, names=(name,)) == []


# --- appositions opened by an adverb; the organisation's short name; a team before the coach; a party noun --


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Anna Berger, zuvor Finanzministerin Österreichs, wechselt zu einer Bank.",
         ("Anna Berger", "finance minister", "Austria", "former")),
        ("Max Huber, einst Bürgermeister von Linz, ist gestorben.", ("Max Huber", "mayor", "Linz", "former")),
        ("Eva Lindner, zugleich Vorsitzende der Fortschrittspartei, widersprach.",
         ("Eva Lindner", "party leader", "Fortschrittspartei", "current")),
    ],
)
def test_apposition_opened_by_an_adverb(nlp, text, expected):
    assert facts(run(nlp, text, names=(expected[0],), orgs=tuple(o for o in ("Linz",) if o in text))) == [expected]


def test_adverb_without_comma_is_no_apposition(nlp):
    # "Anna Berger zuvor Ministerin": no comma opens an apposition, so nothing is said of her
    assert run(nlp, "Gestern traf Anna Berger zuvor Ministerin gewesene Gäste.", names=("Anna Berger",)) == []


def test_short_name_in_brackets_before_the_holder(nlp):
    assert facts(run(nlp, "Es unterschrieb der Generaldirektor der Talwerk Bau AG (TBA), Jan Oster, am Montag.",
                     names=("Jan Oster",))) == [("Jan Oster", "director general", "Talwerk Bau AG", "current")]


def test_team_before_the_coach(nlp):
    assert facts(run(nlp, "Der SV Almdorf von Trainer Udo Pichl gewann zu Hause.", names=("Udo Pichl",),
                     orgs=("SV Almdorf",))) == [("Udo Pichl", "coach", "SV Almdorf", "current")]
    # a person before "mit" is no team: the coach's club stays open
    assert facts(run(nlp, "Er sprach mit Trainer Udo Pichl lange.", names=("Udo Pichl",))) == [
        ("Udo Pichl", "coach", None, "current")]


def test_party_named_after_the_noun_partei(nlp):
    text = "Tom Rask, Chef der rechtspopulistischen Partei der Freien Bürger, widersprach."
    assert facts(run(nlp, text, names=("Tom Rask",), orgs=("Freien Bürger",))) == [
        ("Tom Rask", "party leader", "Partei der Freien Bürger", "current")]


# --- dates of a title's holder; a genitive noun that names no organisation --------------------------------


def _dates(claims):
    return [(c.person, c.start.value if c.start else None, c.end.value if c.end else None, c.status) for c in claims]


def test_date_right_after_the_title_dates_the_post(nlp):
    claims = run(nlp, "Innenministerin Johanna Berger (ÖVP), seit 2011 im Amt, sprach lange.", names=("Johanna Berger",))
    assert _dates(claims) == [("Johanna Berger", "2011", None, "current")]


@pytest.mark.parametrize("text", [
    "Außenminister Tom Rask (ÖVP) setzt den Rotstift an und schließt bis Herbst 2018 drei Botschaften im Baltikum.",
    "Im April begrüßte Nationalratspräsidentin Eva Lindner den millionsten Besucher im Parlament seit 2005.",
])
def test_date_later_in_the_sentence_is_not_the_posts(nlp, text):
    name = "Tom Rask" if "Rask" in text else "Eva Lindner"
    (claim,) = run(nlp, text, names=(name,))
    assert (claim.start, claim.end, claim.status) == (None, None, "current")


def test_generic_genitive_noun_is_no_organisation(nlp):
    assert facts(run(nlp, "Das sagte Jan Oster, der Vorstandschef des Unternehmens, bei der Bilanz.", names=("Jan Oster",))) == [
        ("Jan Oster", "chief executive officer", None, "current")]
    assert facts(run(nlp, "Das sagte Jan Oster, der Vorstandschef der Talwerk AG, bei der Bilanz.", names=("Jan Oster",))) == [
        ("Jan Oster", "chief executive officer", "Talwerk AG", "current")]


# --- "X, seit DATE ROLE,"; a place adjective opening an apposition ------------------------------------------


def test_apposition_opened_by_a_since_date(nlp):
    claims = run(nlp, "Eva Berg, seit 2010 Bürgermeisterin von Linz, sprach lange.", names=("Eva Berg",), orgs=("Linz",))
    assert facts(claims) == [("Eva Berg", "mayor", "Linz", "current")]
    assert _dates(claims) == [("Eva Berg", "2010", None, "current")]


def test_since_without_a_comma_opens_no_apposition(nlp):
    claims = run(nlp, "Eva Berg grüßt seit 2010 Bürgermeisterin Anna Kurz.", names=("Eva Berg", "Anna Kurz"))
    assert [c.person for c in claims] == ["Anna Kurz"]


def test_place_adjective_after_the_comma(nlp):
    text = "Das Verfahren gegen Tom Rask, Wiener Klubchef der FPÖ, geht weiter."
    assert facts(run(nlp, text, names=("Tom Rask",))) == [("Tom Rask", "parliamentary group leader", "FPÖ", "current")]


@pytest.mark.parametrize("text, org", [("Das sagte VP-Klubobmann Karl Moser am Montag.", "ÖVP"),
                                       ("Das Verfahren gegen Karl Moser, Klubchef der Freiheitlichen, geht weiter.", "FPÖ")])
def test_party_written_short_or_by_its_members_is_the_party(nlp, text, org):
    assert facts(run(nlp, text, names=("Karl Moser",))) == [("Karl Moser", "parliamentary group leader", org, "current")]


# --- succeeding someone "als ROLE" (de/verbs.py successions) ------------------------------------------------


def test_successor_and_predecessor(nlp):
    claims = run(nlp, "Im Mai 2019 löste Eva Berg ihren Parteikollegen Max Huber als Bürgermeisterin von Linz ab.",
                 names=("Eva Berg", "Max Huber"), orgs=("Linz",))
    # the taking-over is an event (status judged later against the publication date); the predecessor left then
    assert facts(claims) == [("Eva Berg", "mayor", "Linz", "unknown"), ("Max Huber", "mayor", "Linz", "former")]
    assert sorted(_dates(claims)) == [("Eva Berg", "2019-05", None, "unknown"), ("Max Huber", None, "2019-05", "former")]


def test_present_successor_holds_the_post(nlp):
    claims = run(nlp, "Eva Berg folgt Max Huber als Vorsitzende der Fortschrittspartei nach.", names=("Eva Berg", "Max Huber"))
    assert facts(claims) == [("Eva Berg", "party leader", "Fortschrittspartei", "current"),
                             ("Max Huber", "party leader", "Fortschrittspartei", "former")]


@pytest.mark.parametrize("text", [
    "Eva Berg folgt Max Huber als Bürgermeisterin von Linz.",  # no particle: "folgt … als" is no succession
    "Eva Berg will Max Huber als Bürgermeisterin von Linz nachfolgen.",  # a wish
    "Eva Berg sollte Max Huber als Bürgermeisterin von Linz ablösen.",
])
def test_no_succession(nlp, text):
    assert all(c.rule not in ("de_succeed", "de_exit") for c in run(nlp, text, names=("Eva Berg", "Max Huber"), orgs=("Linz",)))


# --- a city post takes the one city its own sentence names ----------------------------------------------


def _mayor_in(text_sentences: tuple[str, ...], person: str, org_mentions: tuple[str, ...] = ()) -> Claim:
    sents = german_story(*text_sentences)
    mentions = []
    for s in sents:
        for name in org_mentions:
            if name in s.text:
                a = s.start + s.text.index(name)
                mentions.append(Mention(name, "organization", a, a + len(name), s.index, label="ORG"))
    claim = _claim_at(sents, person, "mayor", "Bürgermeister", index=1)
    resolve_places_de([claim], mentions, sents)
    return claim


def test_city_named_in_the_claims_sentence_wins_over_the_dateline():
    claim = _mayor_in(("Salzburg – Die SPÖ sucht einen neuen Chef.",
                       "Gemeint ist die Grazer SPÖ, die nach dem Abtritt von Bürgermeister Udo Pichl schwächelte."),
                      "Udo Pichl", ("Grazer SPÖ",))
    assert claim.org == "Graz"


def test_newspaper_adjective_names_no_city():
    claim = _mayor_in(("Salzburg – Die Stadt baut.", "Das sagte Bürgermeister Udo Pichl den Linzer Nachrichten."),
                      "Udo Pichl", ("Linzer Nachrichten",))
    assert claim.org == "Salzburg"


def test_two_cities_in_the_sentence_leave_the_dateline():
    claim = _mayor_in(("Salzburg – Die Stadt baut.", "Bürgermeister Udo Pichl fuhr mit Grazer und Linzer Gästen."),
                      "Udo Pichl")
    assert claim.org == "Salzburg"


# --- "stellvertretend": the deputy of the post ----------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Tom Rask, stellvertretender Klubchef der Neos, widersprach.", ("Tom Rask", "deputy parliamentary group leader", "NEOS")),
    ("Das sagte der stellvertretende SPÖ-Chef Tom Rask.", ("Tom Rask", "deputy party leader", "SPÖ")),
    ("Tom Rask, stellvertretender Chef der Fortschrittspartei, widersprach.", ("Tom Rask", "deputy party leader",
                                                                              "Fortschrittspartei")),
])
def test_deputy(nlp, text, expected):
    assert facts(run(nlp, text, names=("Tom Rask",))) == [expected + ("current",)]


def test_deputy_of_a_generic_post_still_needs_an_organisation(nlp):
    assert run(nlp, "Das sagte der stellvertretende Chef Tom Rask am Montag.", names=("Tom Rask",)) == []


# --- "sein/ihr Nachfolger" (de/successors.py) -----------------------------------------------------------


def test_successor_named_after_the_possessive(nlp):
    claims, _ = run_doc(nlp, ["Die Grazer SPÖ-Chefin Eva Berg tritt zurück.",
                              "Ihr Nachfolger ist der 41-jährige Tischler Max Huber."],
                        {"Eva Berg": "PER", "Max Huber": "PER"})
    assert facts(claims) == [("Eva Berg", "party leader", "SPÖ", "current"), ("Max Huber", "party leader", "SPÖ", "current")]


def test_successor_in_the_same_sentence_ends_the_predecessors_post(nlp):
    claims, _ = run_doc(nlp, ["Finanzminister Tom Rask ließ die Frist verstreichen, sein Nachfolger Udo Pichl hat die "
                              "Reform beschlossen."], {"Tom Rask": "PER", "Udo Pichl": "PER"})
    rows = facts(claims)
    assert ("Udo Pichl", "finance minister", None, "current") in rows
    assert ("Tom Rask", "finance minister", None, "former") in rows


def test_successor_to_come(nlp):
    claims, _ = run_doc(nlp, ["Der Vorstandschef der Talwerk AG, Eva Berg, geht in Pension.",
                              "Finanzvorstand Max Huber wird ihr Nachfolger."], {"Eva Berg": "PER", "Max Huber": "PER"})
    assert ("Max Huber", "chief executive officer", "Talwerk AG", "unknown") in facts(claims)


def test_successor_without_a_post_before(nlp):
    claims, _ = run_doc(nlp, ["Eva Berg geht.", "Ihr Nachfolger ist Max Huber."], {"Eva Berg": "PER", "Max Huber": "PER"})
    assert claims == []
