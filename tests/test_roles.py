"""Role phrases: lexicon lookups, modifiers, ordinals and organisations (blank pipeline, fast)."""

from __future__ import annotations

import pytest
import spacy

from kb.extract.lexicon import lexicon, surface_key
from kb.extract.roles import find_roles, is_party, ordinal_value


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def roles(nlp, text):
    return [(m.role, m.org_name, m.ordinal, m.status_cue) for m in find_roles(nlp(text))]


def test_lexicon_is_data_with_hyphen_variants():
    lex = lexicon()
    assert lex.roles[surface_key("secretary-general")].role == "secretary general"
    assert lex.roles[surface_key("Secretary General")].role == "secretary general"
    assert lex.roles[surface_key("minister of finance")].role == "finance minister"
    assert lex.demonyms["Russian"] == "Russia"


@pytest.mark.parametrize("text,expected", [
    ("UN Secretary-General Antonio Guterres spoke.", ("secretary general", "United Nations")),
    ("Russian Foreign Minister Sergei Lavrov spoke.", ("foreign minister", "Russia")),
    ("Norway's finance minister spoke.", ("finance minister", "Norway")),
    ("the NATO chief said", ("chief", "NATO")),
    ("She is the managing director of the IMF now.", ("managing director", "IMF")),
    ("He was leader of the People's Party for Freedom and Democracy (VVD) then.",
     ("leader", "People's Party for Freedom and Democracy")),
    ("He served as minister for foreign affairs of Chile.", ("foreign minister", "Chile")),
    ("She became chief financial officer at Acme Corp last year.", ("chief financial officer", "Acme Corp")),
])
def test_role_and_org(blank, text, expected):
    assert roles(blank, text)[0][:2] == expected


def test_modifiers_and_ordinals(blank):
    assert roles(blank, "Alexey Chepa, First Deputy Chairman of the State Duma Committee on Health, said")[0][:3] == (
        "first deputy chairman", "State Duma Committee on Health", None)
    assert roles(blank, "He is the 14th secretary general of NATO.")[0][2] == 14
    assert roles(blank, "She was the second president of Ghana.")[0][2] == 2
    assert roles(blank, "ex-president Jane Roe")[0][3] == "former"
    assert roles(blank, "then-Chancellor Olaf Weber")[0][3] == "former"
    assert roles(blank, "Former Prime Minister Kim Lee")[0][3] == "former"
    assert roles(blank, "the vice chairman of Nordbank")[0][0] == "vice chairman"


def test_cabinet_named_after_its_leader(blank):
    r = roles(blank, "He joined as a member of Jan Peter Holm's cabinets.")
    assert r[0][:2] == ("cabinet member", "Holm cabinet")


def test_no_org_for_lowercase_or_history(blank):
    # "in Dutch history" is not an organisation; "of the party" is not named
    assert roles(blank, "the longest-serving prime minister in Dutch history")[0][1] is None
    assert roles(blank, "he was leader of the party")[0][1] is None


def test_not_roles(blank):
    # no role words at all; a verb use of a role word is filtered when POS is known
    assert roles(blank, "The weather in Oslo was cold on Tuesday.") == []
    assert roles(blank, "Markets rallied after the announcement.") == []


def test_verb_use_not_a_role(en_nlp):
    assert [m.role for m in find_roles(en_nlp("Judges judge cases.")) if m.core_start == 1] == []


def test_party_names():
    assert is_party("Labour Party") and is_party("Christian Democrats") and is_party("Democratic")
    assert not is_party("Microsoft") and not is_party("Norway")


def test_ordinal_value():
    assert ordinal_value("14th") == 14 and ordinal_value("first") == 1 and ordinal_value("chief") is None


def test_party_member_nouns(blank):
    assert roles(blank, "He was elected as a Whig to Congress.")[0][:2] == ("member", "Whig Party")
    assert roles(blank, "fellow Democrat Sidney Yates")[0][:2] == ("member", "Democratic Party")
    # part of a party's own name, or an adjective before an ordinary noun: not a member noun
    assert roles(blank, "The Democratic Party won.") == []
    assert roles(blank, "The Republican convention opened.") == []
