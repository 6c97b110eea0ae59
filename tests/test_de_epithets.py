"""German epithets (kb/extract/de/epithets.py): "der FPÖ-Chef" without a name of its own stands for the
one person its sentence names. Sentences and names are invented for these tests."""

from __future__ import annotations

import pytest

from helpers.de_rules import facts, nlp, run, run_doc  # noqa: F401 (nlp is a fixture)


@pytest.mark.parametrize("text, name, row", [
    # the name before the epithet, as a genitive
    ("Obwohl der Landtag die Auslieferung Karl Dorns abgelehnt hat, ist der Fall für den NEOS-Chef nicht erledigt.",
     "Karl Dorns", ("Karl Dorns", "party leader", "NEOS")),
    # the name after it, as the speaker
    ("Mit der Regierung ist der SPÖ-Chef zufrieden, sagte Ulf Brenner am Montag.",
     "Ulf Brenner", ("Ulf Brenner", "party leader", "SPÖ")),
    # a company's chief, the speaker named with "so"
    ("Die Zahlen seien gut, so Ulf Brenner, doch der Talwerk-Chef bleibt vorsichtig.",
     "Ulf Brenner", ("Ulf Brenner", "head", "Talwerk")),
])
def test_epithet_is_the_one_named_person(nlp, text, name, row):
    assert facts(run(nlp, text, names=(name,))) == [(*row, "current")]


@pytest.mark.parametrize("text, names", [
    # two persons named: which one is the SPÖ chief is open
    ("Ulf Brenner traf Ria Holm, danach sprach der SPÖ-Chef lange.", ("Ulf Brenner", "Ria Holm")),
    # nobody named in the sentence
    ("Danach sprach der SPÖ-Chef lange.", ()),
    # an indefinite title is any one, a plural several
    ("Ulf Brenner sagte, ein SPÖ-Chef müsse zuhören.", ("Ulf Brenner",)),
    ("Ulf Brenner kritisierte die SPÖ-Chefs der Länder.", ("Ulf Brenner",)),
    # the genitive of another noun: the named person's relation to the title's holder
    ("Dazu sprach Ulf Brenner, Berater des Talwerk-Chefs, lange.", ("Ulf Brenner",)),
    # a genitive after the word: its prefix names a desk, not an organisation
    ("Das sei falsch, sagte der Innenpolitik-Chef der Zeitung, Ulf Brenner.", ()),
    # a feminine title with a person not known to be a woman
    ("Die NEOS-Chefin sprach über die Ideen von Ulf Brenner.", ("Ulf Brenner",)),
])
def test_no_epithet_holder(nlp, text, names):
    claims = run(nlp, text, names=names)
    assert not [c for c in claims if c.rule == "de_epithet"]


def test_feminine_epithet_needs_a_woman(nlp):
    claims, _ = run_doc(nlp, ["Frau Ria Holm kam am Montag.", "Obwohl Ria Holm schwieg, blieb die NEOS-Chefin lange."],
                        {"Ria Holm": "PER"})
    assert ("Ria Holm", "party leader", "NEOS", "current") in facts(claims)


def test_epithet_of_another_organisation_than_the_persons_post(nlp):
    """"Ulf Brenner" is the SPÖ's chief; "den ÖVP-Chef" in his sentence is someone else."""
    claims, _ = run_doc(nlp, ["SPÖ-Chef Ulf Brenner kam am Montag.", "Danach rief Ulf Brenner den ÖVP-Chef an."],
                        {"Ulf Brenner": "PER"})
    assert facts(claims) == [("Ulf Brenner", "party leader", "SPÖ", "current")]


# --- a sentence that names nobody: the speaker's epithet is the person the story is about -----------------


STORY = ["Ulf Brenner ist zufrieden.", "Seine Mannschaft habe gut gespielt, meinte Ulf Brenner."]


@pytest.mark.parametrize("last", [
    "Wir bleiben dran, sagte der Talbach-Coach.",
    "Der Talbach-Coach hatte das so gewollt.",
])
def test_speaker_epithet_is_the_story_person(nlp, last):
    claims, _ = run_doc(nlp, STORY + [last], {"Ulf Brenner": "PER"})
    assert facts(claims) == [("Ulf Brenner", "coach", "Talbach", "current")]


@pytest.mark.parametrize("sentences", [
    # the sentence before names someone else than the story's person
    STORY + ["Auch Ria Holm kam.", "Wir bleiben dran, sagte der Talbach-Coach."],
    # nobody named twice: no story person
    ["Ulf Brenner ist zufrieden.", "Wir bleiben dran, sagte der Talbach-Coach."],
    # the epithet is an object, not the speaker
    STORY + ["Danach lobte man den Talbach-Coach."],
])
def test_no_speaker_epithet(nlp, sentences):
    claims, _ = run_doc(nlp, sentences, {"Ulf Brenner": "PER", "Ria Holm": "PER"})
    assert not [c for c in claims if c.rule == "de_epithet"]


def test_speaker_state_title_is_the_story_person(nlp):
    """A state post's one-word title ("Staatspräsident") names its body by itself."""
    claims, _ = run_doc(nlp, ["Ulf Brenner reiste ab.", "Zuvor hatte Ulf Brenner gesprochen.",
                              "Es gebe keine Eile, sagt der Staatspräsident."], {"Ulf Brenner": "PER"})
    assert facts(claims) == [("Ulf Brenner", "president", None, "current")]


def test_bare_president_is_no_speaker_epithet(nlp):
    """"der Präsident" alone may be a club's or a company's: not read."""
    claims, _ = run_doc(nlp, ["Ulf Brenner reiste ab.", "Zuvor hatte Ulf Brenner gesprochen.",
                              "Es gebe keine Eile, sagt der Präsident."], {"Ulf Brenner": "PER"})
    assert claims == []
