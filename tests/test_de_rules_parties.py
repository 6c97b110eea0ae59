"""German party and parliament posts found by reading kb's output on unseen derStandard news
(news-corpus/gnad.jsonl, session 8): a party prefix before a post that is no bare head, deputies
("Vize-", "-Stellvertreter"), a party's spokesperson for a portfolio, parliament seats under a party
prefix, council seats, and the document's main party counted in role compounds.

Sentences and names are invented for these tests; each test covers one construction.
"""

from __future__ import annotations

import pytest

from kb.extract.claims import Claim
from kb.extract.de.lexicon import match_role_de_compound
from kb.extract.de.parties import main_party, resolve_parties_de
from kb.extract.de.places import resolve_places_de
from kb.model import Mention, Sentence, Span
from helpers.de_rules import facts, nlp, run, run_doc  # noqa: F401 (nlp is a fixture)


# --- a party prefix makes a party leader only of a bare head ---------------------------------------


@pytest.mark.parametrize("text, row", [
    ("Die NEOS-Chefin Lea Brandl lehnt das ab.", ("Lea Brandl", "party leader", "NEOS")),
    ("FPÖ-Bundesobmann Karl Dorn lehnt das ab.", ("Karl Dorn", "party leader", "FPÖ")),
    # a state branch's head: the state party chairman
    ("FP-Landeschef Karl Dorn lehnt das ab.", ("Karl Dorn", "state party chairman", "FPÖ")),
    ("Die SPD-Landesvorsitzende Lea Brandl lehnt das ab.", ("Lea Brandl", "state party chairman", "SPD")),
    # heads of something in the party are no party leaders
    ("SPÖ-Kampagnenleiter Karl Dorn lehnt das ab.", ("Karl Dorn", "campaign manager", "SPÖ")),
    ("Der ÖVP-Delegationsleiter Karl Dorn lehnt das ab.", ("Karl Dorn", "head of delegation", "ÖVP")),
    ("SPÖ-Seniorenbundchef Karl Dorn lehnt das ab.", ("Karl Dorn", "head", "Seniorenbund")),
    # parties of other countries as German news writes them (parties_de.tsv)
    ("Der HDP-Chef Ali Demir lehnt das ab.", ("Ali Demir", "party leader", "HDP")),
    ("Die PiS-Chefin Ewa Nowak lehnt das ab.", ("Ewa Nowak", "party leader", "PiS")),
])
def test_party_prefix_heads(nlp, text, row):
    name = row[0]
    assert facts(run(nlp, text, names=(name,))) == [(*row, "current")]


# --- deputies ------------------------------------------------------------------------------------


@pytest.mark.parametrize("word, found", [
    ("FPÖ-Vize-Klubchef", ("deputy parliamentary group leader", "FPÖ")),
    ("Vizeparteichefin", ("deputy party leader", None)),
    ("Klubobmann-Stellvertreterin", ("deputy parliamentary group leader", None)),
    ("Vize-Chefin", ("deputy head", None)),
    # the lexicon's own deputies stay as they are
    ("Vize-Kanzler", ("vice chancellor", None)),
    ("Vizebürgermeisterin", ("deputy mayor", None)),
    ("Landeshauptmann-Stellvertreter", ("deputy governor", None)),
    ("Vize-Weltmeister", None),  # no post
])
def test_deputy_words(word, found):
    assert match_role_de_compound(word) == found


def test_deputy_keeps_the_party(nlp):
    claims = run(nlp, "Der SPÖ-Vize-Klubchef Tom Aigner widersprach.", names=("Tom Aigner",))
    assert facts(claims) == [("Tom Aigner", "deputy parliamentary group leader", "SPÖ", "current")]


# --- a party's spokesperson for a portfolio -------------------------------------------------------


@pytest.mark.parametrize("word, role", [
    ("Justizsprecherin", "justice spokesperson"),
    ("Bildungssprecher", "education spokesperson"),
    ("Wirtschaftssprecherin", "economy spokesperson"),
    ("Pressesprecher", "spokesperson"),  # no portfolio: a spokesperson of some body
    ("Regierungssprecher", "government spokesperson"),  # a lexicon row
])
def test_portfolio_spokesperson_words(word, role):
    assert match_role_de_compound(word) == (role, None)


def test_portfolio_spokesperson_takes_the_party(nlp):
    claims = run(nlp, "Die NEOS-Justizsprecherin Mia Kern forderte mehr Personal.", names=("Mia Kern",))
    assert facts(claims) == [("Mia Kern", "justice spokesperson", "NEOS", "current")]
    claims = run(nlp, "Bildungssprecher Jan Wirth (FPÖ) forderte mehr Personal.", names=("Jan Wirth",))
    assert facts(claims) == [("Jan Wirth", "education spokesperson", "FPÖ", "current")]


def test_portfolio_spokesperson_without_party_is_kept(nlp):
    # a plain "Sprecher" needs its organisation; a portfolio's spokesperson is a party post that
    # the document's main party may fill
    assert run(nlp, "Sprecher Jan Wirth sagte nichts.", names=("Jan Wirth",)) == []
    claims = run(nlp, "Umweltsprecherin Mia Kern sagte nichts.", names=("Mia Kern",))
    assert facts(claims) == [("Mia Kern", "environment spokesperson", None, "current")]


# --- parliament and council seats -----------------------------------------------------------------


def test_party_before_a_seat_is_the_members_party(nlp):
    claims = run(nlp, "Die ehemalige ÖVP-Landtagsabgeordnete Ida Vogl spricht.", names=("Ida Vogl",))
    assert facts(claims) == [("Ida Vogl", "member of the landtag", "Landtag", "former")]
    claims = run(nlp, "Der FPÖ-Abgeordnete Rudi Krenn fragt nach.", names=("Rudi Krenn",))
    assert facts(claims) == [("Rudi Krenn", "member of parliament", None, "current")]


def test_council_seat_is_held_in_the_council(nlp):
    claims = run(nlp, "Die Gemeinderätin Ida Vogl spricht.", names=("Ida Vogl",))
    assert facts(claims) == [("Ida Vogl", "municipal councillor", "Gemeinderat", "current")]


def _seat_claim(text: str, sentence: Sentence) -> Claim:
    start = sentence.text.index("Abgeordnete")
    person = Mention("Rudi Krenn", "person", sentence.text.index("Rudi"), sentence.text.index("Rudi") + 10, 0, label="PER")
    return Claim(person, "Rudi Krenn", "member of parliament", None, 0, "de_title_before_name",
                 Span(start, start + 11, "Abgeordnete"), None, "", role_text=text)


@pytest.mark.parametrize("text, country", [
    ("FPÖ-Abgeordnete", "Austria"),  # the party's country
    ("CDU-Abgeordnete", "Germany"),
    ("Labour-Abgeordnete", "United Kingdom"),
    ("Grünen-Abgeordnete", None),  # a party of two countries, in a story about France: open
])
def test_party_seat_takes_the_partys_country(text, country):
    sentence = Sentence(0, 0, 60, f"Paris – Der {text} Rudi Krenn war in Frankreich zu Gast.", "de")
    c = _seat_claim(text, sentence)
    paris = Mention("Frankreich", "location", sentence.text.index("Frankreich"), sentence.text.index("Frankreich") + 10, 0,
                    label="LOC")
    resolve_places_de([c], [paris], [sentence])
    assert c.org == country


# --- the document's main party, counted in role compounds -----------------------------------------


def test_main_party_counts_role_compounds():
    sents = [Sentence(0, 0, 80, "Die SPÖ-Stadträtin lobte den SPÖ-Klubchef und die FPÖ-Anträge und FPÖ-Plakate.", "de")]
    spö = Mention("SPÖ", "organization", 500, 503, 1, label="ORG")
    assert main_party([spö], sents) == "SPÖ"  # 3 SPÖ; the FPÖ's motions and posters are no posts
    assert main_party([spö]) is None  # named once on its own


def test_state_party_chairman_takes_the_main_party():
    text = "Die SPÖ-Stadträtin und der SPÖ-Klubchef lobten den Plan."
    sents = [Sentence(0, 0, len(text), text, "de")]
    person = Mention("Walter Kern", "person", 0, 11, 0, label="PER")
    c = Claim(person, "Walter Kern", "state party chairman", None, 0, "de_title_before_name", Span(0, 5, "Obmann"),
              None, "", role_text="Landesparteivorsitzender")
    resolve_parties_de([c], [], sents)
    assert c.org == "SPÖ"



def test_spokesperson_takes_the_main_party():
    text = "Die NEOS-Klubchefin und Umweltsprecherin Mia Kern sagte nichts."
    sents = [Sentence(0, 0, len(text), text, "de")]
    person = Mention("Mia Kern", "person", text.index("Mia"), text.index("Mia") + 8, 0, label="PER")
    c = Claim(person, "Mia Kern", "environment spokesperson", None, 0, "de_title_before_name", Span(0, 5, "Umwelt"),
              None, "", role_text="Umweltsprecherin")
    neos = Mention("NEOS", "organization", 100, 104, 1, label="ORG")
    resolve_parties_de([c], [neos], sents)  # NEOS twice: once alone, once before a role word
    assert c.org == "NEOS"

def test_seat_without_party_takes_the_documents_country():
    sentence = Sentence(0, 0, 60, "Wien – Der Abgeordnete Rudi Krenn war in Wien zu Gast.", "de")
    c = _seat_claim("Abgeordnete", sentence)
    resolve_places_de([c], [], [sentence])
    assert c.org == "Austria"  # the dateline's country


# --- a member of parliament joined to the body of the seat; sitting in a body -------------------------


@pytest.mark.parametrize("text, row", [
    ("Der Abgeordnete zum Nationalrat Ulf Brenner sprach.", ("Ulf Brenner", "member of the national council", "Nationalrat")),
    ("Ulf Brenner, Abgeordneter zum Kärntner Landtag, sprach.", ("Ulf Brenner", "member of the landtag", "Landtag")),
    ("Die Abgeordnete des Landtags Ria Holm widersprach.", ("Ria Holm", "member of the landtag", "Landtag")),
    # the party after a seat is the member's, not the body: the country fills it later (de/places.py)
    ("Ulf Brenner ist Abgeordneter der SPÖ.", ("Ulf Brenner", "member of parliament", None)),
    # a party's group leader holds a post in the party
    ("Ulf Brenner ist Klubobmann der ÖVP.", ("Ulf Brenner", "parliamentary group leader", "ÖVP")),
])
def test_member_of_a_named_parliament(nlp, text, row):
    assert facts(run(nlp, text, names=(row[0],))) == [(*row, "current")]


def test_mandatar_in_the_landtag_with_dates(nlp):
    claims = run(nlp, "Ria Holm war von 2004 bis 2009 als Mandatarin im Landtag tätig.", names=("Ria Holm",))
    assert facts(claims) == [("Ria Holm", "member of the landtag", "Landtag", "former")]
    assert (claims[0].start.value, claims[0].end.value) == ("2004", "2009")


@pytest.mark.parametrize("text, row", [
    ("Ulf Brenner sitzt seit 2008 im Nationalrat.", ("Ulf Brenner", "member of the national council", "Nationalrat", "current")),
    ("Mit 24 saß Ulf Brenner schon im Gemeinderat seiner Heimatstadt.",
     ("Ulf Brenner", "member of the city council", "Gemeinderat", "former")),
    ("Kritik kam von Ria Holm, die seit 2013 im Landtag sitzt.", ("Ria Holm", "member of the landtag", "Landtag", "current")),
])
def test_sitting_in_a_body_is_its_seat(nlp, text, row):
    assert facts(run(nlp, text, names=(row[0],))) == [row]


@pytest.mark.parametrize("text", [
    "Ulf Brenner sprach am Montag im Landtag.",  # speaking there holds no seat
    "Ulf Brenner sitzt nicht mehr im Landtag.",  # negated
    "Ulf Brenner war 2010 im Landtag zu Gast.",  # a visit
])
def test_no_seat_by_being_in_a_body(nlp, text):
    assert run(nlp, text, names=("Ulf Brenner",)) == []


# --- a generic post takes the organisation the story is about --------------------------------------


def test_coach_takes_the_club_the_story_is_about(nlp):
    sentences = ["Der FC Talbach verlor am Samstag gegen Union Mühlau.",
                 "Beim FC Talbach wächst nun der Druck.",
                 "Trainer Ole Brandt sagte, die Mannschaft müsse sich steigern."]
    claims, _ = run_doc(nlp, sentences, {"FC Talbach": "ORG", "Union Mühlau": "ORG", "Ole Brandt": "PER"})
    assert facts(claims) == [("Ole Brandt", "coach", "FC Talbach", "current")]


@pytest.mark.parametrize("sentences", [
    # two clubs named as often: whose coach is open
    ["Der FC Talbach verlor gegen Union Mühlau.", "Union Mühlau und der FC Talbach trennten sich.",
     "Trainer Ole Brandt sagte, die Mannschaft müsse sich steigern."],
    # the story's club last named three sentences before: the post may be another body's
    ["Der FC Talbach verlor gegen Union Mühlau.", "Beim FC Talbach wächst der Druck.", "Es regnete.", "Es war kalt.",
     "Trainer Ole Brandt sagte, die Mannschaft müsse sich steigern."],
    # the outlet quoted is not the story's organisation
    ["Das sagte er der APA.", "Auch die APA fragte nach.", "Trainer Ole Brandt sagte nichts."],
])
def test_no_story_organisation(nlp, sentences):
    # the title before the name is still a coach's post (session 10): its club stays open, never a guess
    claims, _ = run_doc(nlp, sentences, {"FC Talbach": "ORG", "Union Mühlau": "ORG", "Ole Brandt": "PER", "APA": "ORG"})
    assert facts(claims) == [("Ole Brandt", "coach", None, "current")]


# --- "sein/ihr" before a party post: the party the sentence named before ---------------------------


@pytest.mark.parametrize("text, names, row", [
    ("Die NEOS hatten ihren Klubobmann Otto Lanz geschickt.", ("Otto Lanz",), ("Otto Lanz", "parliamentary group leader", "NEOS")),
    ("SPÖ-Chefin Ida Kern kam mit ihrem Klubobmann Otto Lanz.", ("Ida Kern", "Otto Lanz"),
     ("Otto Lanz", "parliamentary group leader", "SPÖ")),
])
def test_possessive_party_post_takes_the_party_before(nlp, text, names, row):
    assert row + ("current",) in facts(run(nlp, text, names=names))


def test_possessive_party_post_without_party_stays_open(nlp):
    claims = run(nlp, "Ida Kern kam mit ihrem Klubobmann Otto Lanz.", names=("Ida Kern", "Otto Lanz"))
    assert facts(claims) == [("Otto Lanz", "parliamentary group leader", None, "current")]
    # the party named before another person is that person's, not the possessor's
    claims = run(nlp, "Gegen die Grüne Ida Kern traten Rolf Maier und sein Klubobmann Otto Lanz auf.",
                 names=("Ida Kern", "Rolf Maier", "Otto Lanz"))
    assert facts(claims) == [("Otto Lanz", "parliamentary group leader", None, "current")]


# --- moving up into a seat someone left; a pronoun named after a colon ------------------------------


def test_moving_up_into_a_seat_left(nlp):
    claims = run(nlp, "Nach dem Rückzug von Otto Lanz aus dem Landtag ist die 1970 geborene Ärztin Eva Brand nachgerückt.",
                 names=("Otto Lanz", "Eva Brand"))
    seats = sorted((c.person, c.status, c.start) for c in claims if c.role == "member of the landtag")
    # "ist nachgerückt": in the seat now; the birth year dates nothing
    assert seats == [("Eva Brand", "current", None), ("Otto Lanz", "former", None)]
    claims = run(nlp, "Otto Lanz zieht sich aus dem Landtag zurück, Eva Brand soll nachrücken.", names=("Otto Lanz", "Eva Brand"))
    assert ("Eva Brand", "member of the landtag", "Landtag", "unknown") in facts(claims)


def test_no_moving_up_when_denied(nlp):
    claims = run(nlp, "Otto Lanz zog sich aus dem Landtag zurück, Eva Brand wird nicht nachrücken.", names=("Otto Lanz", "Eva Brand"))
    assert [c.person for c in claims] == ["Otto Lanz"]


def test_pronoun_named_after_a_colon_takes_the_seat(nlp):
    text = "Lange musste er warten, doch im Herbst dürfte er den Sprung in den Landtag schaffen: Ali Berger, 31 Jahre alt."
    assert facts(run(nlp, text, names=("Ali Berger",))) == [("Ali Berger", "member of the landtag", "Landtag", "unknown")]
    text = "Im Herbst dürfte er den Sprung in den Landtag schaffen, sagte Ali Berger."
    assert run(nlp, text, names=("Ali Berger",)) == []  # no colon: the pronoun is someone else


# --- a portfolio taken up: "übernimmt das Innenressort" ----------------------------------------------


def test_taking_up_a_portfolio_is_its_ministry(nlp):
    claims = run(nlp, "Im Mai übernimmt Landesrat Wolf Sobel das Innenressort.", names=("Wolf Sobel",))
    assert ("Wolf Sobel", "interior minister", None, "unknown") in facts(claims)  # taking up: an event
    claims, _ = run_doc(nlp, ["Die Landesrätin Ida Kern wechselt nach Linz.", "Für sie übernimmt Landesrat Wolf Sobel das Innenressort."],
                        {"Ida Kern": "PER", "Wolf Sobel": "PER"})
    assert [c.person for c in claims if c.role == "interior minister"] == ["Wolf Sobel"]  # "für sie" is no subject
    claims = run(nlp, "Wolf Sobel übernahm 2014 das Finanzressort.", names=("Wolf Sobel",))
    assert [(c.role, c.start.value) for c in claims] == [("finance minister", "2014")]


@pytest.mark.parametrize("text", [
    "Wolf Sobel ist für das Innenressort zuständig.",  # responsible for, not its minister
    "Das Innenressort kritisierte Wolf Sobel.",
    "Wolf Sobel übernimmt das Kulturressort der Zeitung.",  # a newsroom's desk
    "Wolf Sobel übernimmt das Kulturressort beim Sender.",
])
def test_no_portfolio_post(nlp, text):
    assert run(nlp, text, names=("Wolf Sobel",)) == []
